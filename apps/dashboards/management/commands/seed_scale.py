"""`manage.py seed_scale --patients N --days D`: a large synthetic clinic for
benchmarks and for looking at the caseload with realistic volumes.

Everything is invented: people are "Scale Patient 0001" at the reserved
`.test` domain, journals are bland stock lines. Rows are written with
bulk_create (check-ins with COPY on PostgreSQL), in chunks of patients so
memory stays flat, and check-ins do not
go through `checkin_submit`: nothing is evaluated and no alert is raised, so
moods stay at 3 or more and no journal line carries crisis language, keeping
the data consistent with what evaluation would have said.

500 patients x 365 days is about 180,000 check-ins (see docs/BENCHMARKS.md
for the time on PostgreSQL).
"""

import random
import time
from datetime import timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from apps.accounts.encryption import encrypt
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for

CLINIC = {"name": "Scale Clinic (synthetic)", "timezone": "America/New_York", "locale": "US"}
DOMAIN = "scale.trellis.test"
PASSWORD = "trellis-scale-2026"
PATIENTS_PER_CLINICIAN = 25
PATIENT_CHUNK = 50
BATCH_SIZE = 5000
SEED = 20261124
MOOD_FLOOR = 3
JOURNAL_LINES = [
    "",
    "",
    "Slept well and took a short walk.",
    "Busy day at work, otherwise fine.",
    "Quiet evening with a book.",
    "A bit tired this afternoon.",
    "Cooked dinner with a friend.",
    "Ten minutes of breathing practice.",
    "Rainy day, stayed in and tidied up.",
    "Phoned my sister and caught up.",
    "Spent an hour in the garden.",
]


def scale_email(kind: str, number: int) -> str:
    return f"{kind}{number:04d}@{DOMAIN}"


def scale_users():
    return get_user_model().objects.filter(email__iendswith=f"@{DOMAIN}")


def scale_delete() -> None:
    clinic = Clinic.objects.filter(name=CLINIC["name"]).first()
    if clinic is not None:
        # Straight to SQL for the bulk of the rows; the cascade from the clinic
        # handles the rest.
        CheckIn.objects.filter(clinic=clinic)._raw_delete(CheckIn.objects.db)
        clinic.delete()
    scale_users().delete()


def users_create(clinic, kind, role, count, password):
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                email=scale_email(kind, n),
                full_name=f"Scale {kind.title()} {n:04d}",
                password=password,
            )
            for n in range(1, count + 1)
        ],
        batch_size=BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [Membership(user=user, clinic=clinic, role=role) for user in users], batch_size=BATCH_SIZE
    )
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users],
        batch_size=BATCH_SIZE,
    )
    return users


def checkins_for(rng, patient_id, days, last_day):
    """(patient_id, local_date, mood, anxiety, energy, sleep_hours, journal) for
    each day: mood a gentle random walk, the rest loosely following it."""
    mood = rng.randint(5, 8)
    for back in range(days - 1, -1, -1):
        mood = min(10, max(MOOD_FLOOR, mood + rng.choice((-1, 0, 0, 1))))
        anxiety = min(10, max(0, 10 - mood + rng.choice((-1, 0, 1))))
        energy = min(10, max(0, mood + rng.choice((-2, -1, 0, 1))))
        sleep_hours = Decimal(rng.choice((5, 6, 6.5, 7, 7.5, 8, 8.5))).quantize(Decimal("0.1"))
        yield (
            patient_id,
            last_day - timedelta(days=back),
            mood,
            anxiety,
            energy,
            sleep_hours,
            rng.choice(JOURNAL_LINES),
        )


def checkins_insert(clinic, rows) -> None:
    """PostgreSQL's COPY where we have it: bulk_create spends most of its time
    building and compiling model instances (about 5x slower at 180,000 rows)."""
    now = timezone.now()
    if connection.vendor == "postgresql":
        columns = ["patient_id", "clinic_id", "local_date", "mood", "anxiety", "energy"]
        columns += ["sleep_hours", "journal", "practices", "is_private", "is_late"]
        columns += ["created_at", "updated_at"]
        sql = f"COPY {CheckIn._meta.db_table} ({', '.join(columns)}) FROM STDIN"
        with connection.cursor() as cursor, cursor.copy(sql) as copy:
            for patient_id, local_date, mood, anxiety, energy, sleep, journal in rows:
                # COPY bypasses the model field: encrypt as it would, so reads
                # pay the real decryption cost.
                stored = encrypt(journal) if journal else journal
                copy.write_row(
                    (patient_id, clinic.pk, local_date, mood, anxiety, energy, sleep)
                    + (stored, "[]", False, False, now, now)
                )
        return
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                patient_id=p,
                clinic=clinic,
                local_date=d,
                mood=m,
                anxiety=a,
                energy=e,
                sleep_hours=s,
                journal=j,
            )
            for p, d, m, a, e, s, j in rows
        ],
        batch_size=BATCH_SIZE,
    )


def scale_build(*, patients: int, days: int, clinicians: int) -> Clinic:
    rng = random.Random(SEED)
    clinic = Clinic.objects.create(**CLINIC)
    # One hash for everyone: hashing is the slow part, and the password is public.
    password = make_password(PASSWORD)
    users_create(clinic, "admin", Role.ADMIN, 1, password)
    staff = users_create(clinic, "clinician", Role.CLINICIAN, clinicians, password)
    people = users_create(clinic, "patient", Role.PATIENT, patients, password)
    CareTeam.objects.bulk_create(
        [
            CareTeam(clinic=clinic, patient=p, clinician=staff[i % len(staff)], is_primary=True)
            for i, p in enumerate(people)
        ],
        batch_size=BATCH_SIZE,
    )
    last_day = today_for(clinic=clinic)
    for start in range(0, len(people), PATIENT_CHUNK):
        checkins_insert(
            clinic,
            [
                row
                for patient in people[start : start + PATIENT_CHUNK]
                for row in checkins_for(rng, patient.pk, days, last_day)
            ],
        )
    return clinic


class Command(BaseCommand):
    help = "Build a large synthetic clinic (bulk inserts; nothing evaluated, no alerts)."

    def add_arguments(self, parser):
        parser.add_argument("--patients", type=int, default=500)
        parser.add_argument("--days", type=int, default=365, help="days of check-ins, to today")
        parser.add_argument(
            "--clinicians",
            type=int,
            default=None,
            help=f"default: one per {PATIENTS_PER_CLINICIAN} patients",
        )
        parser.add_argument(
            "--reset", action="store_true", help=f"delete the scale clinic and @{DOMAIN} first"
        )

    def handle(self, *args, patients, days, clinicians, reset, **options):
        if patients < 1 or days < 1 or (clinicians is not None and clinicians < 1):
            raise CommandError("--patients, --days and --clinicians must be at least 1.")
        if patients > 9999:
            raise CommandError("--patients is at most 9999 (the emails have four digits).")
        clinicians = clinicians or max(1, -(-patients // PATIENTS_PER_CLINICIAN))
        started = time.monotonic()
        with transaction.atomic():
            if reset:
                scale_delete()
            elif Clinic.objects.filter(name=CLINIC["name"]).exists() or scale_users().exists():
                raise CommandError(
                    f'"{CLINIC["name"]}" or users @{DOMAIN} exist already; '
                    "use --reset to rebuild them."
                )
            scale_build(patients=patients, days=days, clinicians=clinicians)
        self.stdout.write(
            self.style.SUCCESS(
                f"Built {CLINIC['name']}: {patients} patients, {clinicians} clinicians, "
                f"{patients * days} check-ins in {time.monotonic() - started:.1f} s. "
                f"Logins: patient0001@{DOMAIN}, clinician0001@{DOMAIN}, admin0001@{DOMAIN}; "
                f"password {PASSWORD}"
            )
        )
