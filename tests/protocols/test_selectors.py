"""The plain data other parts of Trellis read: the day's plan, dose days,
phases and adherence."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.protocols.models import DoseLog, Plan
from apps.protocols.schedule import Pattern
from apps.protocols.selectors import (
    adherence_for,
    clinic_today,
    dose_days,
    phase_on,
    plan_for_day,
)
from apps.protocols.services import AS_PLANNED, SKIPPED, DoseRequest, PlanRefused, dose_log

from .conftest import assign, component

pytestmark = pytest.mark.django_db


def test_plan_for_day_is_plain_data_with_the_planned_amounts_and_the_logs(world):
    assign(world)
    today = clinic_today(world.clinic)
    dose_log(
        patient=world.patient,
        component_id=component("psilocybin").pk,
        local_date=today,
        action=AS_PLANNED,
    )
    day = plan_for_day(patient=world.patient, local_date=today)
    assert (day["state"], day["phase"], day["rest_day"]) == ("dose", "initial", False)
    psilocybin, lions_mane = day["items"]
    assert (psilocybin["name"], psilocybin["amount"], psilocybin["unit"]) == (
        "Psilocybin",
        Decimal("0.1"),
        "g",
    )
    assert psilocybin["due"] and psilocybin["log"]["status"] == "taken"
    assert lions_mane["amount_text"] == "500 mg" and lions_mane["log"] is None
    assert plan_for_day(patient=world.other_patient, local_date=today)["plan_id"] is None
    assert (
        plan_for_day(patient=world.patient, local_date=today - timedelta(days=1))["state"] is None
    )


def test_a_dose_cannot_be_logged_for_a_day_without_a_plan(world):
    assign(world)
    with pytest.raises(PlanRefused, match="no plan for that day"):
        dose_log(
            patient=world.patient,
            component_id=component("psilocybin").pk,
            local_date=clinic_today(world.clinic) - timedelta(days=1),
            action=AS_PLANNED,
        )


def test_dose_days_and_phase_follow_each_components_pattern(world):
    every_other = DoseRequest(component("psilocybin"), Decimal("0.1"), Pattern("every_other_day"))
    daily = DoseRequest(component("omega-3"), Decimal("1000"), Pattern("daily"))
    plan = assign(world, started_days_ago=9, doses=[every_other, daily])
    today = clinic_today(world.clinic)
    found = dose_days(patient=world.patient, start=plan.start_date - timedelta(days=3), end=today)
    assert found["psilocybin"] == [plan.start_date + timedelta(days=n) for n in range(0, 10, 2)]
    assert len(found["omega-3"]) == 10
    assert phase_on(patient=world.patient, local_date=today) == "initial"
    assert phase_on(patient=world.patient, local_date=plan.start_date - timedelta(days=1)) is None


def test_adherence_counts_taken_skipped_missing_and_extra_per_component(world):
    every_other = DoseRequest(component("psilocybin"), Decimal("0.1"), Pattern("every_other_day"))
    plan = assign(world, started_days_ago=9, doses=[every_other])
    today = clinic_today(world.clinic)
    psilocybin = component("psilocybin")

    def logged(days_ago, status):
        DoseLog.objects.create(
            plan=plan,
            patient=world.patient,
            component=psilocybin,
            local_date=plan.start_date + timedelta(days=days_ago),
            status=status,
        )

    logged(0, "taken")
    logged(2, "taken")
    logged(4, "skipped")
    logged(5, "taken")  # not a dose day: extra
    [row] = adherence_for(patient=world.patient, start=today - timedelta(days=60), end=today)
    assert {k: row[k] for k in ("due", "taken", "skipped", "missing", "extra", "percent")} == {
        "due": 5,
        "taken": 2,
        "skipped": 1,
        "missing": 2,
        "extra": 1,
        "percent": 40,
    }
    # Days still to come are not counted as missed.
    [row] = adherence_for(patient=world.patient, start=today, end=today + timedelta(days=30))
    assert row["due"] <= 1


def test_skipping_needs_a_reason_at_the_service_too(world):
    assign(world)
    with pytest.raises(PlanRefused, match="why you skipped"):
        dose_log(
            patient=world.patient,
            component_id=component("psilocybin").pk,
            local_date=clinic_today(world.clinic),
            action=SKIPPED,
            skip_reason="  ",
        )


def test_the_demo_clinic_has_two_patients_on_a_plan_with_logged_doses(db):
    call_command("seed_demo", stdout=StringIO())
    on_plan = set(Plan.objects.values_list("patient__email", flat=True))
    assert on_plan == {"patient1@demo.trellis.test", "patient4@demo.trellis.test"}
    patient = User.objects.get(email="patient4@demo.trellis.test")
    plan = Plan.objects.get(patient=patient)
    rows = adherence_for(patient=patient, start=plan.start_date, end=clinic_today(plan.clinic))
    assert rows and all(row["due"] > 0 and 0.6 <= row["rate"] <= 1 for row in rows)
    assert DoseLog.objects.filter(status="skipped").exclude(skip_reason="").exists()
