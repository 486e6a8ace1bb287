"""`manage.py seed_demo`: one synthetic demo clinic to click through locally.

Every person, name, email address, phone number and journal line here is
invented. The addresses use the reserved `.test` domain, so no mail can reach
anyone, and nothing is taken from a real patient.

The clinic has an admin, two clinicians and eight patients with 60 days of
check-ins each. Exactly one entry, yesterday's for one patient, carries crisis
language; it goes through `checkin_submit`, so its alerts are raised the same
way a real check-in raises them. Every other entry is bland and has a mood of 3
or more, so it raises nothing.

Running it again changes nothing; `--reset` deletes the demo clinic and the
demo people (emails ending @demo.trellis.test) and builds them again.
"""

import random
from dataclasses import dataclass
from datetime import date, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.mail import mailers
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.diaries.catalog import side_effect_label
from apps.diaries.models import CheckIn, ReminderPreference, SideEffect
from apps.diaries.questionnaires import questionnaire_schedule_set
from apps.diaries.services import checkin_submit, today_for

CLINIC = {
    "name": "Riverbend Clinic (demo)",
    "timezone": "America/New_York",
    "locale": "US",
    "phone_number": "555-0100",  # fictional (555-01xx is reserved for fiction)
}
DEMO_DOMAIN = "demo.trellis.test"
DEMO_PASSWORD = "trellis-demo-2026"
# The demo staff's authenticator secret: public, like the password, and only
# ever given to the synthetic demo accounts.
DEMO_TOTP_SECRET = "TRELLISDEMOTOTPSECRETPUBLIC23456"
HISTORY_DAYS = 60
SEED = 20260101
# History moods stay at or above this, so only the crisis entry alerts.
HISTORY_MOOD_FLOOR = 3


@dataclass(frozen=True)
class DemoPatient:
    number: int
    full_name: str
    clinician: str  # "alice" or "ben": the primary clinician
    pattern: str  # stable, declining, improving, gaps or crisis

    @property
    def email(self):
        return f"patient{self.number}@{DEMO_DOMAIN}"


ADMIN = ("admin", "Dana Quillfeather")
CLINICIANS = [("alice", "Alice Thornbury"), ("ben", "Ben Ashgrove")]
PATIENTS = [
    DemoPatient(1, "Avery Pinecrest", "alice", "stable"),
    DemoPatient(2, "Jordan Willowby", "alice", "declining"),
    DemoPatient(3, "Casey Brightwater", "alice", "crisis"),
    DemoPatient(4, "Riley Moorfield", "alice", "stable"),
    DemoPatient(5, "Morgan Fairhaven", "ben", "improving"),
    DemoPatient(6, "Quinn Larkspur", "ben", "gaps"),
    DemoPatient(7, "Taylor Emberly", "ben", "stable"),
    DemoPatient(8, "Sam Hollowell", "ben", "stable"),
]
# Ben also sits on the care team of this (Alice's) patient, without being primary.
BEN_ALSO_CARES_FOR = 3

JOURNAL_LINES = [
    "Slept well and took a short walk before work.",
    "Busy day; remembered to drink more water.",
    "Quiet evening reading on the couch.",
    "A bit tired this afternoon, otherwise fine.",
    "Cooked dinner with a friend and we talked for a while.",
    "Ten minutes of breathing practice this morning.",
    "Rainy day, stayed in and tidied the kitchen.",
    "Long meeting at work but it went okay.",
    "Phoned my sister and caught up on news.",
    "Noticed the leaves changing colour on my walk.",
    "A little restless tonight, trying an earlier bedtime.",
    "Wrote a few notes about the last session.",
    "Went to the market and bought fresh bread.",
    "Felt calm most of the day.",
    "Spent an hour in the garden.",
]
LOW_JOURNAL_LINES = [
    "Low energy today, stayed home.",
    "Hard to get going this morning.",
    "Felt flat and a bit foggy most of the day.",
    "Skipped my walk, just wanted to rest.",
    "Not much to say, a grey sort of day.",
]
CRISIS_MOOD = 2
CRISIS_JOURNAL = (
    "Couldn't sleep again and stayed in bed all day. "
    "I keep thinking about ending my life, I have been planning how."
)

WHAT_THEY_SEE = {
    "admin": "the clinic console: members, invitations",
    "alice": "caseload of patients 1-4, with open alerts for patient3; plans for 1 and 4; "
    "a blinded trial running for 1 and one finished (its result) for 4",
    "ben": "caseload of patients 5-8, and patient3 as a team member",
}
PATTERN_NOTES = {
    "stable": "own diary; 60 steady days (1 and 4: a plan, with doses logged)",
    "declining": "own diary; mood sliding from ~7 to ~3",
    "improving": "own diary; mood rising from ~3 to ~8",
    "gaps": "own diary; missed days",
    "crisis": "own diary; yesterday's entry raised a crisis alert",
}


class Command(BaseCommand):
    help = "Build the synthetic demo clinic (all people invented). Safe to run twice."

    def add_arguments(self, parser):
        parser.add_argument(
            "--reset",
            action="store_true",
            help=f"Delete the demo clinic and every user @{DEMO_DOMAIN} first, then rebuild.",
        )

    def handle(self, *args, reset=False, **options):
        with transaction.atomic():
            if reset:
                demo_delete()
                self.stdout.write("Deleted the demo clinic and the demo users.")
            elif Clinic.objects.filter(name=CLINIC["name"]).exists():
                self.stdout.write(
                    f'The demo clinic "{CLINIC["name"]}" is already there; nothing changed. '
                    "Use --reset to rebuild it."
                )
                self.print_logins()
                return
            elif demo_users().exists():
                raise CommandError(
                    f"Users @{DEMO_DOMAIN} exist but the demo clinic does not. "
                    "Run `manage.py seed_demo --reset` to rebuild both."
                )
            clinic = demo_build()
        # After the commit: the crisis alerts are stored and handed to the broker.
        self.stdout.write(self.style.SUCCESS(f'Built "{clinic.name}".'))
        self.print_logins()

    def print_logins(self):
        rows = [("admin", f"{ADMIN[0]}@{DEMO_DOMAIN}", WHAT_THEY_SEE["admin"])]
        rows += [("clinician", f"{key}@{DEMO_DOMAIN}", WHAT_THEY_SEE[key]) for key, _ in CLINICIANS]
        rows += [("patient", p.email, PATTERN_NOTES[p.pattern]) for p in PATIENTS]
        width = max(len(email) for _, email, _ in rows)
        self.stdout.write("")
        self.stdout.write(f"  {'role':<10} {'email':<{width}}  sees")
        for role, email, sees in rows:
            self.stdout.write(f"  {role:<10} {email:<{width}}  {sees}")
        self.stdout.write("")
        self.stdout.write(f"  Password for every demo login: {DEMO_PASSWORD}")
        self.stdout.write(
            f"  Staff also need a code: `uv run python manage.py demo_code` prints the current "
            f"one (or add the secret {DEMO_TOTP_SECRET} to an authenticator app)."
        )
        self.stdout.write(f"  Emails go to: {mail_destination()}")


def mail_destination() -> str:
    backend = mailers.default
    if file_path := getattr(backend, "file_path", None):
        return f"files in {file_path} (alert emails are sent by the Celery worker)"
    return f"{type(backend).__module__}.{type(backend).__name__}"


def demo_users():
    return get_user_model().objects.filter(email__iendswith=f"@{DEMO_DOMAIN}")


def demo_delete() -> None:
    # The clinic's memberships, care links, check-ins and alerts go with it.
    Clinic.objects.filter(name=CLINIC["name"]).delete()
    demo_users().delete()


def demo_build() -> Clinic:
    clinic = Clinic.objects.create(**CLINIC)
    # One hash for everyone: the password is public, and hashing is the slow part.
    password = make_password(DEMO_PASSWORD)

    staff = [person_create(clinic, *ADMIN, Role.ADMIN, password)]
    clinicians = {
        key: person_create(clinic, key, name, Role.CLINICIAN, password) for key, name in CLINICIANS
    }
    staff += clinicians.values()
    for member in staff:
        # Staff must have a second factor (issue 8); the demo's is public.
        TOTP.activate(member, DEMO_TOTP_SECRET)

    yesterday = today_for(clinic=clinic) - timedelta(days=1)
    for demo in PATIENTS:
        patient = person_create(
            clinic, f"patient{demo.number}", demo.full_name, Role.PATIENT, password
        )
        care_team_link(clinic, patient, clinicians[demo.clinician], is_primary=True)
        if demo.number == BEN_ALSO_CARES_FOR:
            care_team_link(clinic, patient, clinicians["ben"], is_primary=False)
        history_create(clinic, patient, demo, last_day=yesterday)
        health_create(clinic, patient, demo)
        plan_create(clinic, patient, demo, by=clinicians[demo.clinician], yesterday=yesterday)
        if demo.number in TRIALS:
            trial_create(clinic, patient, demo, by=clinicians[demo.clinician], yesterday=yesterday)
        if demo.pattern == "crisis":
            crisis_entry_submit(clinic, patient, local_date=yesterday)
        # A PHQ-9 and a GAD-7 every two weeks, from today: both are due when
        # the demo opens, so the diary page shows them with a way to start.
        for instrument in DEMO_QUESTIONNAIRES:
            questionnaire_schedule_set(
                patient=patient,
                clinic=clinic,
                instrument=instrument,
                every=2,
                unit="weeks",
                starts_on=today_for(clinic=clinic),
                is_active=True,
                by=clinicians[demo.clinician],
            )
        if demo.number in REMINDERS:
            ReminderPreference.objects.create(
                patient=patient, time=time(*REMINDERS[demo.number]), timezone=clinic.timezone
            )
    return clinic


# Invented intake answers, chosen to show each kind of screening result:
# nothing, a caution (relative) and a block (absolute).
HEALTH = {
    1: {"conditions": ["seasonal allergies"], "has_therapist": True, "housing_stable": True},
    2: {"medications": ["sertraline 50 mg"], "has_therapist": True, "housing_stable": True},
    3: {
        "conditions": ["major depressive disorder"],
        "has_therapist": True,
        "housing_stable": True,
        "support_person": "Robin (partner), 555-0142",
    },
    5: {"conditions": ["Bipolar I disorder"], "medications": ["lamotrigine 100 mg"]},
}
SAFETY_PLAN = {
    3: {
        "warning_signs": "Staying in bed past noon; not answering messages.",
        "internal_coping": "Walk round the block; cold water on my face; the breathing app.",
        "people_to_ask": "Robin (partner), 555-0142",
        "professionals": "Alice Thornbury at the clinic, 555-0100; 988 any time.",
        "trusted_person": "Robin (partner)",
    }
}


def health_create(clinic, patient, demo: DemoPatient) -> None:
    """A health profile (screened as it is saved) and a safety plan, for the
    patients that have them."""
    from apps.safety.safety_plans import safety_plan_update
    from apps.safety.screening import health_profile_update

    if demo.number in HEALTH:
        health_profile_update(patient=patient, clinic=clinic, data=HEALTH[demo.number], by=patient)
    if demo.number in SAFETY_PLAN:
        safety_plan_update(patient=patient, data=SAFETY_PLAN[demo.number], by=patient)


def person_create(clinic, local_part, full_name, role, password_hash):
    email = f"{local_part}@{DEMO_DOMAIN}"
    user = get_user_model().objects.create(email=email, full_name=full_name, password=password_hash)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    Membership.objects.create(user=user, clinic=clinic, role=role)
    return user


def care_team_link(clinic, patient, clinician, *, is_primary):
    CareTeam.objects.create(
        clinic=clinic, patient=patient, clinician=clinician, is_primary=is_primary
    )


def history_create(clinic, patient, demo: DemoPatient, *, last_day: date) -> None:
    """Bulk-create the patient's past check-ins, ending on `last_day`.

    For the crisis patient the last day is left for the crisis entry.
    """
    rng = random.Random(SEED + demo.number)
    entries = []
    for index in range(HISTORY_DAYS):
        day = last_day - timedelta(days=HISTORY_DAYS - 1 - index)
        if demo.pattern == "crisis" and day == last_day:
            continue
        if demo.pattern == "gaps" and is_missed_day(index, rng):
            continue
        mood = history_mood(demo.pattern, index / (HISTORY_DAYS - 1), rng)
        lines = LOW_JOURNAL_LINES if mood <= 4 else JOURNAL_LINES
        entries.append(
            CheckIn(
                patient=patient,
                clinic=clinic,
                local_date=day,
                mood=mood,
                journal=rng.choice(lines),
                **day_details(mood, rng),
                # A few private entries, so the clinician page shows what that looks like.
                is_private=demo.number == PRIVATE_PATIENT and index % 9 == 4,
            )
        )
    CheckIn.objects.bulk_create(entries)
    effects = [
        SideEffect(checkin=checkin, key=key, description=side_effect_label(key), severity="mild")
        for checkin in entries
        if rng.random() < MILD_EFFECT_SHARE
        for key in [rng.choice(MILD_EFFECTS)]
    ]
    SideEffect.objects.bulk_create(effects)


DEMO_QUESTIONNAIRES = ["phq9", "gad7"]

# Only mild side effects: a severe one would raise an alert, and the demo has
# exactly one alerting entry.
MILD_EFFECTS = ["plain:fishy", "plain:diarrhoea"]  # keys into fixtures/patient_side_effects.yaml
MILD_EFFECT_SHARE = 0.08
PRIVATE_PATIENT = 4
REMINDERS = {1: (20, 0), 2: (8, 30), 6: (21, 15)}


def day_details(mood: int, rng: random.Random) -> dict:
    """The rest of a synthetic day, loosely following the mood: anxiety
    against it, energy and sleep with it, and a practice or two."""
    anxiety = max(0, min(10, 10 - mood + round(rng.gauss(0, 1))))
    energy = max(0, min(10, mood + round(rng.gauss(0, 1.2))))
    hours = max(3.0, min(10.0, 5 + mood * 0.35 + rng.choice([-1, -0.5, 0, 0.5, 1])))
    slugs = ["mindfulness", "exercise", "journaling", "connection"]
    return {
        "anxiety": anxiety,
        "energy": energy,
        "sleep_hours": Decimal(str(round(hours * 2) / 2)),
        "sleep_quality": max(1, min(5, round(mood / 2))),
        "practices": sorted(rng.sample(slugs, rng.randint(0, 2 if mood <= 4 else 3))),
    }


def history_mood(pattern: str, progress: float, rng: random.Random) -> int:
    """A mood for a day `progress` of the way (0 to 1) through the history."""
    if pattern == "declining":
        centre, noise = 7 - 4 * progress, 0.5
    elif pattern == "improving":
        centre, noise = 3.5 + 4.5 * progress, 0.6
    elif pattern == "crisis":
        # Steady, then a little lower in the last couple of weeks.
        centre, noise = (6.5 if progress < 0.75 else 5.0), 0.7
    else:  # stable, gaps
        centre, noise = 7, 0.8
    mood = round(centre + rng.gauss(0, noise))
    return max(HISTORY_MOOD_FLOOR, min(10, mood))


def is_missed_day(index: int, rng: random.Random) -> bool:
    """A week away in the middle, and about one day in five otherwise."""
    return 30 <= index < 37 or rng.random() < 0.2


def crisis_entry_submit(clinic, patient, *, local_date: date) -> None:
    """The one entry that alerts, written the way the diary page writes it."""
    result = checkin_submit(
        patient=patient,
        clinic=clinic,
        mood=CRISIS_MOOD,
        journal=CRISIS_JOURNAL,
        local_date=local_date,
    )
    if not result.is_crisis:
        raise CommandError("The demo crisis entry raised no crisis finding: check the lexicon.")


# Invented plans for two of Alice's patients, within the reference template's
# ranges; the patients "logged" most doses, skipped a few and forgot a few.
PLANS = {
    1: (20, {"psilocybin": ("0.1", "four_on_three_off"), "omega-3": ("1000", "daily")}),
    4: (28, {"psilocybin": ("0.15", "every_other_day"), "lions-mane": ("500", "daily")}),
}
SKIP_REASONS = ["Forgot before leaving for work.", "Felt unwell.", "Ran out; bought more."]
# Blinded n-of-1 trials (issue 20) on the two plans: (weeks, days since it started). Patient
# 1's is in its second week, with the envelopes logged so far; patient 4's started on its
# plan's first day and ended yesterday, so its result is unsealed and can be read.
TRIALS = {1: (4, 10), 4: (4, 28)}
TRIAL_PREPARER = "Jess Marlow (the clinic's pharmacist, invented)"


def trial_create(clinic, patient, demo: DemoPatient, *, by, yesterday: date) -> None:
    """A trial through the same service a clinician uses, seeded so the demo is the same
    every time; each past day's envelope code logged (now and then forgotten) with a guess."""
    from apps.protocols.models import Plan
    from apps.trials.models import Guess
    from apps.trials.services import trial_day_log, trial_set_up

    weeks, days_ago = TRIALS[demo.number]
    rng = random.Random(SEED + 200 + demo.number)
    trial = trial_set_up(
        patient=patient,
        clinic=clinic,
        plan=Plan.objects.filter(patient=patient, clinic=clinic).order_by("-pk").first(),
        weeks=weeks,
        start_date=yesterday - timedelta(days=days_ago - 1),
        outcomes=["mood", "anxiety", "sleep_quality"],
        preparer_name=TRIAL_PREPARER,
        by=by,
        today=yesterday + timedelta(days=1),
        rng=rng,
    )
    day = trial.start_date
    while day <= min(yesterday, trial.end_date):
        if rng.random() >= 0.1:  # about one day in ten not logged
            guess = rng.choice([Guess.ACTIVE, Guess.PLACEBO, Guess.UNSURE])
            trial_day_log(trial=trial, local_date=day, code=trial.code_for(day), guess=guess)
        day += timedelta(days=1)


def plan_create(clinic, patient, demo: DemoPatient, *, by, yesterday: date) -> None:
    from decimal import Decimal

    from apps.protocols.models import DoseLog, ProtocolTemplate
    from apps.protocols.schedule import Pattern, Phases
    from apps.protocols.selectors import components_for, dose_days
    from apps.protocols.services import DoseRequest, plan_assign

    if demo.number not in PLANS:
        return
    days_ago, amounts = PLANS[demo.number]
    catalog = {c.slug: c for c in components_for(clinic=clinic)}
    plan = plan_assign(
        patient=patient,
        clinic=clinic,
        template=ProtocolTemplate.objects.filter(clinic=None, slug="reference-stack").first(),
        start_date=yesterday - timedelta(days=days_ago - 1),
        doses=[
            DoseRequest(catalog[slug], Decimal(amount), Pattern(kind))
            for slug, (amount, kind) in amounts.items()
        ],
        phases=Phases(3, 6),
        by=by,
        acknowledge=True,
    )
    rng = random.Random(SEED + 100 + demo.number)
    logs = []
    for slug, days in dose_days(patient=patient, start=plan.start_date, end=yesterday).items():
        item = plan.items.get(component__slug=slug)
        for day in days:
            roll = rng.random()
            if roll < 0.05:
                continue  # not logged
            skipped = roll < 0.15
            logs.append(
                DoseLog(
                    plan=plan,
                    patient=patient,
                    component=item.component,
                    local_date=day,
                    status="skipped" if skipped else "taken",
                    amount=None if skipped else item.amount,
                    unit="" if skipped else item.unit,
                    skip_reason=rng.choice(SKIP_REASONS) if skipped else "",
                    as_planned=not skipped,
                )
            )
    DoseLog.objects.bulk_create(logs)
