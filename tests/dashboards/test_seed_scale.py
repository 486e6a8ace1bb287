from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.alerts.models import Alert
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.dashboards.management.commands.seed_scale import CLINIC, PASSWORD
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for

pytestmark = pytest.mark.django_db


def seed(**options):
    call_command("seed_scale", patients=7, days=5, stdout=open("/dev/null", "w"), **options)


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
    assert all(3 <= mood <= 10 for mood in CheckIn.objects.values_list("mood", flat=True))
    assert not Alert.objects.exists()


def test_the_printed_password_logs_a_seeded_patient_in():
    seed()
    user = get_user_model().objects.get(email="patient0001@scale.trellis.test")
    assert user.check_password(PASSWORD)


def test_it_refuses_to_seed_twice_without_reset_and_rebuilds_with_it():
    seed()
    with pytest.raises(CommandError, match="--reset"):
        seed()
    seed(reset=True)
    assert CheckIn.objects.count() == 35
    assert Clinic.objects.filter(name=CLINIC["name"]).count() == 1


def test_it_refuses_nonsense_sizes():
    with pytest.raises(CommandError, match="at least 1"):
        call_command("seed_scale", patients=0, days=5)
    assert not Clinic.objects.exists()
