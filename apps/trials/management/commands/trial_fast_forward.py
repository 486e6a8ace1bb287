"""`manage.py trial_fast_forward --patient EMAIL`: give a patient with a plan a
finished blinded trial with synthetic days, to see the result pages without
waiting weeks (the demo; never on real patients: it writes check-ins).

After `manage.py seed_demo`, patient 4 (a plan started 28 days ago) takes
four weeks, ending yesterday, inside the plan:

    manage.py trial_fast_forward --patient patient4@demo.trellis.test --weeks 4

(The demo's own command is in diaries, a layer below trials, so it cannot
call this itself.)"""

import random
from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError

from apps.accounts.models import User
from apps.clinics.models import CareTeam, Membership, Role
from apps.protocols.selectors import clinic_today

from ...fast_forward import finished_trial_create
from ...services import TrialRefused


class Command(BaseCommand):
    help = "Give a patient with a plan a finished blinded trial with synthetic days."

    def add_arguments(self, parser):
        parser.add_argument("--patient", required=True, help="The patient's email.")
        parser.add_argument("--weeks", type=int, default=4)
        parser.add_argument(
            "--effect", type=float, default=0.0, help="Mood lift on active days (synthetic)."
        )
        parser.add_argument("--seed", type=int, default=20)

    def handle(self, *args, patient, weeks, effect, seed, **options):
        user = User.objects.filter(email__iexact=patient).first()
        membership = (
            Membership.objects.filter(user=user, role=Role.PATIENT, is_active=True)
            .select_related("clinic")
            .first()
        )
        if user is None or membership is None:
            raise CommandError(f"No active patient with the email {patient}.")
        link = CareTeam.objects.filter(patient=user, is_primary=True).first()
        end = clinic_today(membership.clinic) - timedelta(days=1)
        try:
            trial = finished_trial_create(
                patient=user,
                clinic=membership.clinic,
                by=link.clinician if link else None,
                weeks=weeks,
                end=end,
                # Seeded for a repeatable demo; the pages draw with SystemRandom.
                rng=random.Random(seed),
                effect=effect,
            )
        except TrialRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Trial {trial.pk}: {weeks} weeks, {trial.start_date} to {trial.end_date}; "
            "its result is on the patient's page under 'Blinded trial'."
        )
