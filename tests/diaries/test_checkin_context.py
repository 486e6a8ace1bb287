"""What Trellis knows beside the text, through the check-in (issue 17): the
day's plan, the doses logged, the health profile's medicines and the mood
rules raise a crisis-language finding (never lower it), with the reason in the
alert's summary and evidence, at no query for an ordinary entry."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn
from apps.diaries.services import _context_facts, checkin_submit, today_for
from apps.protocols.models import PlanItem
from apps.protocols.selectors import plan_for_day
from apps.protocols.services import AS_PLANNED, dose_log
from apps.safety.detectors.context import LoggedDose, PlannedDose
from apps.safety.models import HealthProfile
from tests.protocols.conftest import assign, doses

OVERDOSE_TEXT = "took 1.5 by mistake, feel strange"


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


@pytest.fixture
def plan(world):
    """The patient's plan: 0.15 g of psilocybin and 500 mg of lion's mane a day."""
    return assign(world, started_days_ago=10, doses=doses(psilocybin="0.15", lions_mane="500"))


def medicines(world, *names):
    # Written after the plan was assigned, as a profile that changed since.
    HealthProfile.objects.update_or_create(
        patient=world.patient, defaults={"clinic": world.clinic, "medications": list(names)}
    )


def submit(client, journal, mood="6"):
    return client.post(reverse("diaries:today"), {"mood": mood, "journal": journal})


def crisis_alert(world):
    return Alert.objects.filter(patient=world.patient, rule="crisis_language").first()


# --- the plan ----------------------------------------------------------------------


def test_ten_times_the_planned_dose_pages_and_shows_the_crisis_page(world, plan, patient_client):
    response = submit(patient_client, OVERDOSE_TEXT)
    assert response["Location"].startswith(reverse("diaries:crisis"))
    alert = crisis_alert(world)
    assert alert.severity == "critical"
    assert "ten times the planned 0.15 g of Psilocybin" in alert.summary
    assert "possible overdose" in alert.summary
    [context] = alert.evidence["context"]
    assert context["severity"] == "critical" and "took 1.5 g" in context["reason"]
    spans = {(span["matched"], span["category"]) for span in alert.evidence["spans"]}
    assert ("1.5", "possible overdose") in spans


def test_the_same_words_against_a_plan_of_one_and_a_half_grams_do_not(world, plan, patient_client):
    PlanItem.objects.filter(plan=plan, component__slug="psilocybin").update(amount=Decimal("1.5"))
    response = submit(patient_client, OVERDOSE_TEXT)
    assert not response["Location"].startswith(reverse("diaries:crisis"))
    alert = crisis_alert(world)
    assert alert is None or alert.severity not in ("critical", "high")


def test_a_spanish_amount_with_a_decimal_comma_is_read(world, plan):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal="me tomé 1,5 g sin querer"
    )
    assert result.is_crisis
    assert crisis_alert(world).severity == "critical"


def test_without_a_plan_an_amount_changes_nothing(world, patient_client):
    response = submit(patient_client, OVERDOSE_TEXT)
    assert not response["Location"].startswith(reverse("diaries:crisis"))


def test_the_amount_taken_as_planned_raises_nothing(world, plan, patient_client):
    submit(patient_client, "took 0.15 as planned, a quiet walk after")
    assert not Alert.objects.filter(patient=world.patient).exists()


# --- medicines ---------------------------------------------------------------------


def test_an_extra_dose_while_on_lithium_is_critical(world, plan):
    medicines(world, "Lithium carbonate 300 mg twice daily")
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal="I took an extra dose tonight"
    )
    alert = crisis_alert(world)
    assert result.is_crisis and alert.severity == "critical"
    assert "while taking lithium (seizure risk)" in alert.summary


def test_the_same_words_without_an_interacting_medicine_stay_as_the_words_say(world, plan):
    medicines(world, "vitamin D")
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal="I took an extra dose tonight"
    )
    alert = crisis_alert(world)
    assert alert is None or alert.severity == "moderate"


# --- mood --------------------------------------------------------------------------


def test_moderate_words_on_a_very_low_mood_day_reach_a_clinician_today(world):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I had a panic attack at work."
    )
    [finding] = [f for f in result.findings if f.rule == "crisis_language"]
    assert finding.severity == "high"
    assert "low mood" in finding.summary.lower() and "mood 2 of 10" in finding.summary.lower()


def test_the_same_words_on_an_ordinary_day_go_to_the_digest(world):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal="I had a panic attack at work."
    )
    [finding] = [f for f in result.findings if f.rule == "crisis_language"]
    assert finding.severity == "moderate"


# --- the facts, and what they cost -------------------------------------------------


def test_the_facts_query_agrees_with_the_plan_the_logs_and_the_profile(world, plan):
    day = today_for(clinic=world.clinic)
    psilocybin = next(
        item
        for item in plan_for_day(patient=world.patient, local_date=day)["items"]
        if item["slug"] == "psilocybin"
    )
    dose_log(
        patient=world.patient,
        component_id=psilocybin["component_id"],
        local_date=day,
        action=AS_PLANNED,
    )
    medicines(world, "lithium", "sertraline 50 mg")
    facts = _context_facts(patient=world.patient, local_date=day)
    expected = {
        PlannedDose(item["slug"], item["name"], item["amount"], item["unit"])
        for item in plan_for_day(patient=world.patient, local_date=day)["items"]
    }
    assert set(facts.planned) == expected
    assert facts.logged == (LoggedDose("psilocybin", "Psilocybin", True, Decimal("0.15"), "g"),)
    assert facts.medications == ("lithium", "sertraline 50 mg")


def test_the_facts_of_a_patient_with_nothing_are_empty(world):
    facts = _context_facts(patient=world.patient, local_date=today_for(clinic=world.clinic))
    assert (facts.planned, facts.logged, facts.medications) == ((), (), ())


def test_the_facts_leave_out_a_plan_that_has_not_started(world, plan):
    day = plan.start_date - timedelta(days=1)
    assert _context_facts(patient=world.patient, local_date=day).planned == ()


def queries_of(client, journal):
    with CaptureQueriesContext(connection) as captured:
        submit(client, journal)
    return [query["sql"] for query in captured.captured_queries]


def test_an_ordinary_entry_never_asks_for_the_plan(world, plan, patient_client):
    queries = queries_of(patient_client, "Walked by the river, slept 8 hours.")
    assert not [sql for sql in queries if "protocols_planitem" in sql]


def test_an_entry_with_an_amount_costs_one_query_more(world, plan, client):
    client.force_login(world.patient)
    ordinary = queries_of(client, "Walked by the river.")
    CheckIn.objects.filter(patient=world.patient).delete()
    with_amount = queries_of(client, "took 0.15 as planned, walked by the river.")
    assert len(with_amount) == len(ordinary) + 1
    assert len([sql for sql in with_amount if "protocols_planitem" in sql]) == 1
