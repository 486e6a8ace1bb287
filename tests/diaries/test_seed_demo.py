"""The synthetic demo clinic built by `manage.py seed_demo`."""

from datetime import timedelta
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.accounts.models import User
from apps.alerts.models import Alert
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.demo.management.commands import seed_demo
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.safety.services import CRISIS_LANGUAGE, evaluate_checkin

pytestmark = pytest.mark.django_db

DEMO_NAME = "Riverbend Clinic (demo)"


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def demo_clinic() -> Clinic:
    return Clinic.objects.get(name=DEMO_NAME)


def user(local_part) -> User:
    return User.objects.get(email=f"{local_part}@demo.trellis.test")


def snapshot():
    """Everything the command writes, as comparable plain values."""
    return {
        "clinics": list(Clinic.objects.values_list("pk", "name", "timezone", "locale")),
        "users": list(User.objects.order_by("pk").values_list("pk", "email", "password")),
        "emails": list(EmailAddress.objects.order_by("pk").values_list("pk", "email")),
        "memberships": list(Membership.objects.order_by("pk").values_list("pk", "role")),
        "care": list(CareTeam.objects.order_by("pk").values_list("pk", "is_primary")),
        "checkins": list(
            CheckIn.objects.order_by("pk").values_list("pk", "local_date", "mood", "journal")
        ),
        "alerts": list(Alert.objects.order_by("pk").values_list("pk", "rule", "occurrences")),
    }


def test_it_builds_one_clinic_with_admin_two_clinicians_and_eight_patients():
    seed()

    clinic = demo_clinic()
    assert (clinic.timezone, clinic.locale, clinic.phone_number) == (
        "America/New_York",
        "US",
        "555-0100",
    )
    roles = sorted(Membership.objects.filter(clinic=clinic).values_list("user__email", "role"))
    assert [email for email, role in roles if role == Role.ADMIN] == ["admin@demo.trellis.test"]
    assert sorted(email for email, role in roles if role == Role.CLINICIAN) == [
        "alice@demo.trellis.test",
        "ben@demo.trellis.test",
    ]
    assert sorted(email for email, role in roles if role == Role.PATIENT) == [
        f"patient{n}@demo.trellis.test" for n in range(1, 9)
    ]
    assert User.objects.count() == 11
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 11


def test_patients_one_to_four_are_alices_five_to_eight_bens_and_ben_helps_with_one():
    seed()

    for n in range(1, 9):
        primary = CareTeam.objects.get(patient=user(f"patient{n}"), is_primary=True)
        assert primary.clinician == user("alice" if n <= 4 else "ben")
    helper_links = CareTeam.objects.filter(is_primary=False)
    assert [
        (link.clinician, link.patient in [user(f"patient{n}") for n in range(1, 5)])
        for link in helper_links
    ] == [(user("ben"), True)]


def test_every_patient_has_sixty_days_of_history_except_the_one_with_gaps():
    seed()

    yesterday = today_for(clinic=demo_clinic()) - timedelta(days=1)
    first_day = yesterday - timedelta(days=59)
    days_by_patient = {
        n: CheckIn.objects.filter(patient=user(f"patient{n}")).count() for n in range(1, 9)
    }
    with_gaps = [n for n, days in days_by_patient.items() if days < 60]
    assert len(with_gaps) == 1
    assert 0 < days_by_patient[with_gaps[0]] < 60
    assert all(days == 60 for n, days in days_by_patient.items() if n not in with_gaps)
    assert not CheckIn.objects.exclude(local_date__range=(first_day, yesterday)).exists()
    assert not CheckIn.objects.exclude(clinic=demo_clinic()).exists()


def test_the_crisis_patient_has_an_open_alert():
    seed()

    alert = Alert.objects.get(rule=CRISIS_LANGUAGE)
    assert alert.is_open
    assert alert.severity == "critical"
    assert alert.recipient == user("alice")
    entry = CheckIn.objects.get(pk=alert.source_checkin_id)
    assert entry.patient == alert.patient
    assert entry.local_date == today_for(clinic=demo_clinic()) - timedelta(days=1)
    assert entry.mood == 2
    assert "ending my life" in entry.journal


def test_no_other_entry_would_raise_a_finding():
    seed()

    alerting = [
        entry
        for entry in CheckIn.objects.all()
        if evaluate_checkin(mood=entry.mood, text=entry.journal)
    ]
    assert len(alerting) == 1
    assert set(Alert.objects.values_list("patient", flat=True)) == {alerting[0].patient_id}
    assert CheckIn.objects.exclude(pk=alerting[0].pk).filter(mood__lt=3).count() == 0


def test_the_trends_decline_improve_and_hold_steady():
    seed()

    def average(n, oldest):
        moods = (
            CheckIn.objects.filter(patient=user(f"patient{n}"))
            .order_by("local_date" if oldest else "-local_date")
            .values_list("mood", flat=True)[:10]
        )
        return sum(moods) / len(moods)

    declining = next(p.number for p in seed_demo.PATIENTS if p.pattern == "declining")
    improving = next(p.number for p in seed_demo.PATIENTS if p.pattern == "improving")
    assert average(declining, oldest=True) - average(declining, oldest=False) >= 2.5
    assert average(improving, oldest=False) - average(improving, oldest=True) >= 2.5
    for stable in (p.number for p in seed_demo.PATIENTS if p.pattern == "stable"):
        assert 6 <= average(stable, oldest=True) <= 8
        assert 6 <= average(stable, oldest=False) <= 8


def test_running_it_twice_changes_nothing():
    seed()
    before = snapshot()

    output = seed()

    assert snapshot() == before
    assert "already there" in output
    assert "trellis-demo-2026" in output


def test_the_history_is_the_same_on_every_build():
    seed()
    first = [row[1:] for row in snapshot()["checkins"]]

    seed("--reset")

    assert [row[1:] for row in snapshot()["checkins"]] == first


def test_reset_rebuilds_from_scratch():
    seed()
    old_clinic = demo_clinic()
    CheckIn.objects.filter(patient=user("patient1")).delete()
    User.objects.create_user(email="stray@demo.trellis.test", password="whatever-1234")

    output = seed("--reset")

    assert not Clinic.objects.filter(pk=old_clinic.pk).exists()
    assert Clinic.objects.filter(name=DEMO_NAME).count() == 1
    assert not User.objects.filter(email="stray@demo.trellis.test").exists()
    assert User.objects.count() == 11
    assert CheckIn.objects.filter(patient=user("patient1")).count() == 60
    assert Alert.objects.filter(rule=CRISIS_LANGUAGE).count() == 1
    assert "Built" in output


def test_reset_leaves_other_clinics_and_people_alone():
    other = Clinic.objects.create(name="Maple Clinic")
    outsider = User.objects.create_user(email="someone@maple.test", password="whatever-1234")
    seed()

    seed("--reset")

    assert Clinic.objects.filter(pk=other.pk).exists()
    assert User.objects.filter(pk=outsider.pk).exists()


def test_it_refuses_when_demo_users_exist_without_the_clinic():
    seed()
    demo_clinic().delete()

    with pytest.raises(CommandError, match="--reset"):
        seed()


def test_it_prints_the_logins_the_password_and_where_mail_goes():
    output = seed()

    for email in ["admin", "alice", "ben"] + [f"patient{n}" for n in range(1, 9)]:
        assert f"{email}@demo.trellis.test" in output
    assert "trellis-demo-2026" in output
    assert "mail" in output


def test_the_demo_password_logs_in(client):
    seed()

    for local_part in ["admin", "alice", "ben", "patient1", "patient8"]:
        assert client.login(
            email=f"{local_part}@demo.trellis.test", password="trellis-demo-2026"
        ), local_part
        client.logout()

    response = client.post(
        "/accounts/login/",
        {"login": "patient1@demo.trellis.test", "password": "trellis-demo-2026"},
    )
    assert response.status_code == 302
    assert response.wsgi_request.user == user("patient1")


def test_the_diary_fields_are_filled_with_synthetic_values():
    from apps.diaries.catalog import practice_labels
    from apps.diaries.models import ReminderPreference, SideEffect

    seed()
    # The journal is encrypted at rest, so the crisis entry is told apart here, not in SQL.
    history = [c for c in CheckIn.objects.all() if c.journal != seed_demo.CRISIS_JOURNAL]
    assert len(history) == CheckIn.objects.count() - 1
    assert all(c.anxiety is not None and c.energy is not None for c in history)
    assert all(c.sleep_hours is not None for c in history)
    assert all(set(c.practices) <= set(practice_labels()) for c in history)
    private = CheckIn.objects.filter(is_private=True)
    assert private.exists()
    assert set(private.values_list("patient__email", flat=True)) == {"patient4@demo.trellis.test"}
    effects = SideEffect.objects.all()
    assert effects.exists() and set(effects.values_list("severity", flat=True)) == {"mild"}
    assert ReminderPreference.objects.filter(enabled=True).count() == 3


def test_demo_staff_have_a_second_factor_and_demo_code_prints_a_code_it_accepts():
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    seed()
    staff = User.objects.filter(memberships__role__in=["admin", "clinician"]).distinct()
    assert staff.count() == 3
    out = StringIO()
    call_command("demo_code", stdout=out)
    code = out.getvalue().split()[0]
    for member in staff:
        authenticator = Authenticator.objects.get(user=member, type=Authenticator.Type.TOTP)
        assert TOTP(authenticator).validate_code(code)
    patients = User.objects.filter(memberships__role="patient")
    assert not Authenticator.objects.filter(user__in=patients).exists()


def test_the_demo_has_a_blinded_trial_running_and_one_finished_with_its_result():
    from apps.trials.models import TrialDay, TrialState
    from apps.trials.selectors import trial_result

    seed()
    clinic = demo_clinic()
    today = today_for(clinic=clinic)
    running = user("patient1").trials.get()
    finished = user("patient4").trials.get()
    assert running.state_on(today) == TrialState.RUNNING
    assert finished.state_on(today) == TrialState.ENDED
    # Envelope codes logged on most past days, each the code of its week.
    logged = TrialDay.objects.filter(trial=finished).exclude(code="")
    assert 20 <= logged.count() <= 28
    assert all(day.code == finished.code_for(day.local_date) for day in logged)
    assert "Jess Marlow" in finished.preparer_name
    assert trial_result(trial=finished, today=today) is not None
