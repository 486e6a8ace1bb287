"""Triage never hides a patient at risk (issue 18): acknowledged is not safe,
a resolved crisis stays marked for two weeks, the inbox puts the gravest
first, and the badge and the caseload count the same alerts."""

import re
from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertState
from apps.alerts.services import alert_acknowledge, alert_resolve
from tests.alerts.test_inbox import unread_badge
from tests.dashboards.test_caseload import alices_patient, moods, row_order

CASELOAD = reverse("dashboards:caseload")


def caseload(client, world, **params):
    client.force_login(world.alice)
    response = client.get(CASELOAD, params)
    assert response.status_code == 200
    return response.text


def patients_table(page):
    return page[page.index('id="patients-heading"') :]


def test_an_acknowledged_critical_alert_keeps_the_patient_at_the_top_marked_with_who_and_when(
    world, client, crisis_alert
):
    alert_acknowledge(alert=crisis_alert, by=world.alice, note="called, no answer")
    alices_patient(world, "Aaron New")
    dropping = alices_patient(world, "Dana Drop")
    moods(world, dropping, [8] * 20 + [3] * 7)

    page = caseload(client, world)
    assert row_order(page, ["Aaron New", "Dana Drop", "Pat Patient"]) == [
        "Pat Patient",
        "Dana Drop",
        "Aaron New",
    ]
    table = patients_table(page)
    assert "Critical alert acknowledged by Alice Clinician" in table
    assert "unresolved" in table
    # The clinic's clock, labelled (Maple Clinic is in New York).
    assert re.search(r"acknowledged by Alice Clinician \d+ \w+ \d\d:\d\d E[SD]T", table)
    assert "Aaron New" not in patients_table(caseload(client, world, filter="attention"))
    assert "Pat Patient" in patients_table(caseload(client, world, filter="attention"))


def test_an_acknowledged_alert_still_counts_in_the_badge_and_the_caseloads_open_alerts(
    world, client, crisis_alert
):
    alert_acknowledge(alert=crisis_alert, by=world.alice, note="called, no answer")
    client.force_login(world.alice)
    response = client.get(CASELOAD)
    assert "Open alerts (1)" in response.text
    assert unread_badge(response) == 1
    alert_resolve(alert=crisis_alert, by=world.alice, note="reached, safe")
    response = client.get(CASELOAD)
    assert "Open alerts (0)" in response.text
    assert unread_badge(response) is None


def test_a_resolved_crisis_is_marked_for_fourteen_days_and_no_longer(world, client, crisis_alert):
    alert_resolve(alert=crisis_alert, by=world.alice, note="reached, safe")
    assert "recent crisis" in patients_table(caseload(client, world))
    Alert.objects.filter(pk=crisis_alert.pk).update(
        resolved_at=timezone.now() - timedelta(days=13, hours=23)
    )
    assert "recent crisis" in patients_table(caseload(client, world))
    Alert.objects.filter(pk=crisis_alert.pk).update(
        resolved_at=timezone.now() - timedelta(days=14, minutes=1)
    )
    assert "recent crisis" not in patients_table(caseload(client, world))


def test_why_listed_here_says_why_in_words(world, client, crisis_alert):
    dropping = alices_patient(world, "Dana Drop")
    moods(world, dropping, [8] * 20 + [3] * 7)
    table = patients_table(caseload(client, world))
    assert "critical alert, not yet acknowledged" in table
    # The brief's words (brief_text.change_phrase): one drop rule.
    assert "mood dropped: last entry 3 on " in table and "5 below their usual 8" in table


def test_the_inbox_puts_a_critical_alert_above_a_newer_moderate_one(world, client, crisis_alert):
    Alert.objects.create(
        clinic=world.clinic,
        patient=world.patient,
        rule="newer-moderate",
        severity="moderate",
        summary="A newer moderate concern",
        state=AlertState.DELIVERED,
    )
    client.force_login(world.alice)
    page = client.get(reverse("alerts:inbox")).text
    assert page.index(crisis_alert.summary) < page.index("A newer moderate concern")


# --- empty is not clear --------------------------------------------------------------


def test_the_one_screening_rule_never_calls_an_empty_or_half_answered_profile_clear():
    from apps.safety.screening import screening_state

    assert screening_state(has_profile=False, unanswered=0, absolute=0, relative=0).kind == (
        "no_profile"
    )
    assert screening_state(has_profile=True, unanswered=0, absolute=None, relative=None).kind == (
        "no_profile"
    )
    half = screening_state(has_profile=True, unanswered=3, absolute=0, relative=0)
    assert half.kind == "incomplete"
    assert half.words == "Screening incomplete: 3 questions unanswered"
    assert screening_state(has_profile=True, unanswered=1, absolute=0, relative=1).kind == "flags"
    assert screening_state(has_profile=True, unanswered=0, absolute=0, relative=0).is_clear


def test_a_patient_without_a_profile_never_reads_clear_on_the_caseload_or_their_page(world, client):
    table = patients_table(caseload(client, world))
    assert "Not screened: no health profile yet" in table
    assert ">clear<" not in table
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "Screening found nothing" not in page


def test_a_half_answered_profile_reads_incomplete_with_the_count_everywhere(world, client):
    from apps.safety.screening import health_profile_update

    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"has_therapist": True}, by=world.patient
    )
    table = patients_table(caseload(client, world))
    assert "Screening incomplete: 3 questions unanswered" in table
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "Screening incomplete: 3 questions unanswered" in page
    assert "Screening found nothing" not in page


def test_a_fully_answered_profile_without_flags_reads_clear(world, client):
    from apps.safety.screening import health_profile_update

    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={
            "pregnant": False,
            "breastfeeding": False,
            "has_therapist": True,
            "housing_stable": True,
        },
        by=world.patient,
    )
    assert ">clear<" in patients_table(caseload(client, world))
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "Screening found nothing" in page


def test_the_alert_page_says_the_same_screening_state(world, client, crisis_alert):
    from apps.safety.screening import health_profile_update

    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"has_therapist": True}, by=world.patient
    )
    client.force_login(world.alice)
    page = client.get(reverse("alerts:detail", args=[crisis_alert.pk])).text
    assert "Screening incomplete: 3 questions unanswered" in page


def test_the_inbox_says_who_was_told_and_shows_times_on_the_clinics_clock(
    world, client, crisis_alert
):
    from apps.alerts.services import alert_deliver

    client.force_login(world.alice)
    page = client.get(reverse("alerts:inbox")).text
    assert "not delivered to anyone yet" in page
    assert "escalated to the" not in page
    alert_deliver(alert_id=crisis_alert.pk)
    page = client.get(reverse("alerts:inbox")).text
    assert "told Alice Clinician" in page
    # Maple Clinic is in New York: EST or EDT, never UTC.
    assert re.search(r"Raised \d+ \w+ \d\d:\d\d E[SD]T", page)
    assert "UTC" not in page


def test_the_brief_says_the_screening_state_and_each_flags_reason(world, client):
    from apps.safety.screening import health_profile_update

    client.force_login(world.alice)
    brief_url = reverse("dashboards:brief", args=[world.patient.pk])
    assert "Not screened: no health profile yet." in client.get(brief_url).text
    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"pregnant": True}, by=world.patient
    )
    page = client.get(brief_url).text
    assert "Must not" in page
    assert "3 questions unanswered" in page
