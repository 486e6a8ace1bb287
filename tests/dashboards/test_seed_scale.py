from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from apps.alerts.models import OPEN_STATES, Alert
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.dashboards.management.commands.seed_scale import (
    CLINIC,
    PASSWORD,
    scale_delete,
)
from apps.dashboards.models import Session
from apps.diaries.models import (
    CheckIn,
    QuestionnaireResponse,
    QuestionnaireSchedule,
    SideEffect,
)
from apps.diaries.services import today_for
from apps.protocols import schedule as sched
from apps.protocols.models import (
    DoseLog,
    Plan,
    PlanEvent,
    PlanItem,
    PlanPause,
)
from apps.protocols.selectors import schedule_of
from apps.safety.models import HealthProfile, HealthProfileChange, ScreeningRun
from tests.conftest import totp_add

pytestmark = pytest.mark.django_db

SEEDED_TABLES = [
    CheckIn,
    SideEffect,
    DoseLog,
    Plan,
    PlanItem,
    PlanEvent,
    PlanPause,
    ScreeningRun,
    HealthProfile,
    HealthProfileChange,
    QuestionnaireResponse,
    QuestionnaireSchedule,
    Session,
    Alert,
    CareTeam,
    Membership,
]


def seed(patients=7, days=5, **options):
    call_command(
        "seed_scale", patients=patients, days=days, stdout=open("/dev/null", "w"), **options
    )


def test_it_builds_patients_with_a_primary_clinician_and_a_check_in_for_each_day():
    seed()
    clinic = Clinic.objects.get(name=CLINIC["name"])
    patients = Membership.objects.filter(clinic=clinic, role=Role.PATIENT)
    assert patients.count() == 7
    assert Membership.objects.filter(clinic=clinic, role=Role.CLINICIAN).count() == 1
    assert Membership.objects.filter(clinic=clinic, role=Role.ADMIN).count() == 1
    assert CareTeam.objects.filter(clinic=clinic, is_primary=True).count() == 7
    today = today_for(clinic=clinic)
    for membership in patients:
        dates = list(
            CheckIn.objects.filter(patient=membership.user)
            .order_by("local_date")
            .values_list("local_date", flat=True)
        )
        assert dates == [today - timedelta(days=n) for n in range(4, -1, -1)]


def test_the_printed_password_logs_a_seeded_patient_in():
    seed()
    user = get_user_model().objects.get(email="patient0001@scale.trellis.test")
    assert user.check_password(PASSWORD)


def test_it_refuses_to_seed_twice_without_reset_and_rebuilds_with_it():
    seed()
    counts = {model: model.objects.count() for model in SEEDED_TABLES}
    with pytest.raises(CommandError, match="--reset"):
        seed()
    seed(reset=True)
    assert CheckIn.objects.count() == 35
    assert Clinic.objects.filter(name=CLINIC["name"]).count() == 1
    assert {model: model.objects.count() for model in SEEDED_TABLES} == counts


def test_reset_leaves_nothing_behind():
    seed(patients=30, days=40)
    assert all(model.objects.exists() for model in SEEDED_TABLES)
    scale_delete()
    assert {model.__name__: model.objects.count() for model in SEEDED_TABLES} == {
        model.__name__: 0 for model in SEEDED_TABLES
    }
    assert not Clinic.objects.exists()
    assert not get_user_model().objects.exists()


def test_it_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_scale", patients=0, days=5)
    assert not Clinic.objects.exists()


def test_the_same_arguments_build_the_same_clinic():
    seed(patients=20, days=30)
    first = list(CheckIn.objects.order_by("patient__email", "local_date").values_list("mood"))
    alerts = sorted(Alert.objects.values_list("patient__email", "rule", "state"))
    seed(patients=20, days=30, reset=True)
    assert list(CheckIn.objects.order_by("patient__email", "local_date").values_list("mood")) == (
        first
    )
    assert sorted(Alert.objects.values_list("patient__email", "rule", "state")) == alerts


def test_a_year_of_history_shows_all_three_phases():
    seed(patients=20, days=365)
    clinic = Clinic.objects.get(name=CLINIC["name"])
    today = today_for(clinic=clinic)
    phases = {
        sched.phase_on(schedule_of(plan)[0], today)
        for plan in Plan.objects.filter(clinic=clinic).prefetch_related("items", "pauses")
    }
    assert phases == {sched.INITIAL, sched.MAINTENANCE, sched.INTEGRATION}


def test_a_seeded_clinicians_pages_render(client):
    seed(patients=30, days=90, clinicians=1)
    clinician = get_user_model().objects.get(email="clinician0001@scale.trellis.test")
    totp_add(clinician)  # staff need an authenticator (MFA middleware)
    client.force_login(clinician)
    assert client.get(reverse("dashboards:caseload")).status_code == 200
    alerted = Alert.objects.filter(state__in=OPEN_STATES).values_list("patient_id", flat=True)
    for patient_id in {Plan.objects.first().patient_id, *alerted}:
        for name in ("timeline", "brief", "patient"):
            response = client.get(reverse(f"dashboards:{name}", args=[patient_id]), {"days": 90})
            assert response.status_code == 200, (name, patient_id)


def foreign_keys(tables):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid), condeferred "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid::regclass::text = ANY(%s) "
            "ORDER BY 1, 2",
            [tables],
        )
        return cursor.fetchall()


@pytest.mark.services
def test_the_foreign_keys_dropped_for_the_load_come_back_as_they_were():
    models = (CheckIn, SideEffect, QuestionnaireResponse, DoseLog, Session)
    tables = [model._meta.db_table for model in models]
    before = foreign_keys(tables)
    assert len(before) >= 8
    seed(patients=5, days=20)
    seed(patients=5, days=20, reset=True)
    assert foreign_keys(tables) == before
