"""Assigning and changing plans: screening first, ranges, overrides, history."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.protocols.catalog import catalog_ensure, component_fixture, template_fixture
from apps.protocols.models import (
    Component,
    DoseLog,
    Plan,
    PlanEvent,
    PlanItem,
    PlanStatus,
)
from apps.protocols.schedule import Pattern
from apps.protocols.selectors import clinic_today, plan_for_day
from apps.protocols.services import (
    DoseRequest,
    PlanRefused,
    plan_change,
    plan_end,
    plan_pause,
    plan_resume,
)
from apps.safety.detectors.screening import parse_dose
from apps.safety.models import ScreeningRun
from apps.safety.screening import health_profile_update

from .conftest import assign, component, doses, reference

pytestmark = pytest.mark.django_db

LITHIUM = {"medications": ["lithium 300 mg"], "has_therapist": True, "housing_stable": True}
REASON = "Lithium stopped 8 weeks ago; agreed with the psychiatrist, weekly review."


def profile(world, data):
    health_profile_update(patient=world.patient, clinic=world.clinic, data=data, by=world.alice)


# ------------------------------------------------------------------ catalog


def test_the_catalog_holds_the_reference_stack_with_ranges_and_sources(db):
    catalog_ensure()  # loaded by the data migration; again after a test flushed the tables
    by_slug = {c.slug: c for c in Component.objects.filter(clinic=None)}
    assert list(by_slug) == ["psilocybin", "lions-mane", "omega-3", "b-complex", "magnesium"]
    assert (by_slug["psilocybin"].range_low, by_slug["psilocybin"].range_high) == (
        Decimal("0.1"),
        Decimal("0.2"),
    )
    assert by_slug["psilocybin"].unit == "g"
    assert by_slug["magnesium"].range_text == "400 mg"
    assert by_slug["b-complex"].parts == ["B6", "B12", "folate", "B1 (thiamine)"]
    for data in component_fixture():
        assert data["plan"]["source"].strip()
        for part in data.get("parts") or []:
            assert part["source"].strip()


def test_the_reference_template_ships_each_fact_with_its_source_and_within_range(db):
    [data] = template_fixture()
    for phase in data["phases"].values():
        assert phase["source"].startswith("seed:")
    assert [p["months"] for p in data["phases"].values()] == [
        {"min": 2, "max": 3},
        {"min": 3, "max": 6},
        {"min": 6, "max": None},
    ]
    template = reference()
    for item in template.items.all():
        assert item.source.strip() and item.pattern_source.strip()
        low, high = item.component.range_low, item.component.range_high
        assert (low is None or low <= item.amount) and (high is None or item.amount <= high)
    # The fixture's ranges agree with the safety rules' reading of the seed.
    [seed_range] = [d["range"] for d in component_fixture()[0]["doses"] if "range" in d]
    psilocybin = component("psilocybin")
    assert parse_dose(seed_range["low"]).low == psilocybin.range_low * 1000
    assert parse_dose(seed_range["high"]).high == psilocybin.range_high * 1000


# ---------------------------------------------------------------- screening


def test_a_contraindicated_assignment_is_blocked_and_nothing_is_saved(world):
    profile(world, LITHIUM)
    runs = ScreeningRun.objects.count()
    with pytest.raises(PlanRefused) as refused:
        assign(world)
    assert refused.value.kind == "blocked"
    assert "psilocybin-lithium" in {f["rule"] for f in refused.value.flags}
    assert not Plan.objects.exists()
    assert ScreeningRun.objects.count() == runs


@pytest.mark.parametrize("reason", ["", "   ", "ok", "<b>x</b>"])
def test_an_override_needs_a_real_reason(world, reason):
    profile(world, LITHIUM)
    with pytest.raises(PlanRefused) as refused:
        assign(world, override_reason=reason)
    assert refused.value.kind == "blocked"
    assert not Plan.objects.exists()


def test_an_override_with_a_reason_is_recorded_audited_and_stays_on_the_record(world, client):
    profile(world, LITHIUM)
    plan = assign(world, override_reason=REASON)
    assert plan.override_reason == REASON and plan.overridden_by == world.alice
    [event] = PlanEvent.objects.filter(plan=plan, kind=PlanEvent.OVERRIDDEN)
    assert event.note == REASON and event.detail["flags"]
    assert AccessEvent.objects.filter(
        actor=world.alice, patient=world.patient, action="plan_override"
    ).exists()
    plan_end(plan=plan, by=world.alice, reason="Stopped.")
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk]))
    assert REASON in page.content.decode()
    assert "Contraindication overridden" in page.content.decode()


def test_relative_flags_need_an_acknowledgement(world):
    # The seed's 400 mg of magnesium is above the supplemental upper limit.
    with pytest.raises(PlanRefused) as refused:
        assign(world, doses=doses(magnesium="400"))
    assert refused.value.kind == "acknowledge"
    assert {f["component"] for f in refused.value.flags} == {"magnesium"}
    plan = assign(world, doses=doses(magnesium="400"), acknowledge=True)
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEvent.ACKNOWLEDGED).exists()
    assert plan.screening.components == ["magnesium"]
    assert plan.screening.doses == {"magnesium": "400 mg"}


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        (
            {"psilocybin": "0.5"},
            "Psilocybin: 0.5 g is outside the range the catalog names (0.1–0.2 g)",
        ),
        ({"psilocybin": "0.05"}, "0.05 g is outside the range"),
        ({"lions_mane": "1000"}, "1000 mg is outside the range the catalog names (500 mg)"),
        ({"psilocybin": "0"}, "must be more than 0"),
        ({"psilocybin": "-1"}, "must be more than 0"),
    ],
)
def test_an_out_of_range_dose_is_refused_with_a_clear_message(world, amounts, message):
    with pytest.raises(PlanRefused) as refused:
        assign(world, doses=doses(**amounts))
    assert refused.value.kind == "invalid"
    assert message in " ".join(refused.value.messages)
    assert not Plan.objects.exists()


def test_a_component_without_a_range_takes_any_positive_amount(world):
    plan = assign(world, doses=doses(b_complex="2"))
    assert plan.items.get().amount == Decimal("2")


def test_a_second_open_plan_is_refused(world, plan):
    with pytest.raises(PlanRefused, match="already has a plan"):
        assign(world)
    assert Plan.objects.count() == 1


def test_another_clinics_component_cannot_be_planned(world):
    theirs = Component.objects.create(
        clinic=world.other_clinic, slug="kava", name="Kava", unit="mg", source="Their own."
    )
    with pytest.raises(PlanRefused, match="not in this clinic's catalog"):
        assign(world, doses=[DoseRequest(theirs, Decimal(100))])


# ------------------------------------------------------------------ changes


def test_a_dose_change_within_a_week_is_warned_about_and_needs_confirming(world):
    plan = assign(world, started_days_ago=3)
    change = doses(psilocybin="0.15", lions_mane="500")
    with pytest.raises(PlanRefused) as refused:
        plan_change(plan=plan, doses=change, by=world.alice)
    assert refused.value.kind == "too_soon"
    assert (
        "3 days ago" in refused.value.messages[0] and "at least 7 days" in refused.value.messages[0]
    )
    plan_change(plan=plan, doses=change, by=world.alice, confirm_early=True)
    assert PlanEvent.objects.filter(plan=plan, kind=PlanEvent.EARLY_CHANGE).exists()


def test_a_change_after_a_week_keeps_the_history(world, plan):
    today = clinic_today(world.clinic)
    plan_change(plan=plan, doses=doses(psilocybin="0.15"), by=world.alice)
    versions = PlanItem.objects.filter(plan=plan).order_by("component_id", "effective_from")
    assert [(v.component.slug, v.amount, v.effective_from, v.effective_to) for v in versions] == [
        ("psilocybin", Decimal("0.1"), plan.start_date, today),
        ("psilocybin", Decimal("0.15"), today, None),
        ("lions-mane", Decimal("500"), plan.start_date, today),  # left out: stopped
    ]
    assert plan_for_day(patient=world.patient, local_date=today)["items"][0]["amount_text"] == (
        "0.15 g"
    )
    assert (
        plan_for_day(patient=world.patient, local_date=today - timedelta(days=1))["items"][0][
            "amount_text"
        ]
        == "0.1 g"
    )
    [changed] = PlanEvent.objects.filter(plan=plan, kind=PlanEvent.CHANGED)
    assert changed.detail["before"]["psilocybin"]["amount"] == "0.1 g"


def test_a_pattern_change_alone_is_not_a_dose_change(world):
    plan = assign(world, started_days_ago=1)
    every_other = [
        DoseRequest(component("psilocybin"), Decimal("0.1"), Pattern("every_other_day")),
        *doses(lions_mane="500"),
    ]
    plan_change(plan=plan, doses=every_other, by=world.alice)  # no warning
    assert (
        PlanItem.objects.get(plan=plan, effective_to=None, component__slug="psilocybin").pattern[
            "kind"
        ]
        == "every_other_day"
    )


def test_a_change_is_screened_and_blocked_the_same_way(world, plan):
    profile(world, LITHIUM)
    with pytest.raises(PlanRefused) as refused:
        plan_change(plan=plan, doses=doses(psilocybin="0.15"), by=world.alice)
    assert refused.value.kind == "blocked"
    assert PlanItem.objects.filter(plan=plan).count() == 2


def test_pause_resume_and_end_keep_the_history(world, plan):
    today = clinic_today(world.clinic)
    plan_pause(plan=plan, by=world.alice, reason="Travelling.")
    day = plan_for_day(patient=world.patient, local_date=today)
    assert day["state"] == "break" and day["items"] == []
    with pytest.raises(PlanRefused, match="already on a break"):
        plan_pause(plan=plan, by=world.alice)
    plan_resume(plan=plan, by=world.alice)
    assert plan_for_day(patient=world.patient, local_date=today)["state"] == "dose"
    plan_end(plan=plan, by=world.alice, reason="Course complete.")
    assert plan_for_day(patient=world.patient, local_date=today)["plan_id"] is None
    assert plan_for_day(patient=world.patient, local_date=today - timedelta(days=1))["plan_id"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.ENDED and plan.end_reason == "Course complete."
    assert list(plan.events.values_list("kind", flat=True)) == [
        "assigned",
        "paused",
        "resumed",
        "ended",
    ]
    with pytest.raises(PlanRefused, match="has ended"):
        plan_change(plan=plan, doses=doses(psilocybin="0.2"), by=world.alice)
    assign(world)  # a new plan after the end
    assert DoseLog.objects.count() == 0


def test_the_observation_week_counts_from_the_last_dose_change_not_a_change_of_days(world):
    plan = assign(world, started_days_ago=10)
    today = clinic_today(world.clinic)
    # Four days ago only the days changed (psilocybin to every other day).
    old = PlanItem.objects.get(plan=plan, component__slug="psilocybin")
    old.effective_to = today - timedelta(days=4)
    old.save()
    PlanItem.objects.create(
        plan=plan,
        component=old.component,
        amount=old.amount,
        unit=old.unit,
        pattern={"kind": "every_other_day"},
        effective_from=today - timedelta(days=4),
        pattern_since=today - timedelta(days=4),
    )
    every_other = DoseRequest(component("psilocybin"), Decimal("0.15"), Pattern("every_other_day"))
    plan_change(plan=plan, doses=[every_other, *doses(lions_mane="500")], by=world.alice)
    assert not PlanEvent.objects.filter(plan=plan, kind=PlanEvent.EARLY_CHANGE).exists()
