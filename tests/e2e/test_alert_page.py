"""Issue 18 in a real browser: the alert page is where the clinician acts, at a
desk and on a phone."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from apps.alerts.models import AlertAction, AlertState
from apps.alerts.services import alert_deliver
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from apps.safety.safety_plans import safety_plan_update
from apps.safety.why import SENTENCE_CLASS
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}
JOURNAL = (
    "Took the dog out early and the park was empty. "
    "Honestly I wish I could go to sleep and not wake up. Watched a film after dinner."
)


def a_patient_in_crisis(world):
    """Two weeks with a gap, a safety plan with both numbers, and a crisis entry today."""
    today = clinic_today(world.clinic)
    for days_ago, mood, journal in [
        (9, 7, "Good walk with Sam."),
        (8, 7, ""),
        (7, 6, "Tired, work was long."),
        (4, 5, "Quiet day."),
        (3, 4, "Could not sleep."),
        (1, 3, "Everything feels heavy."),
    ]:
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=days_ago),
            mood=mood,
            journal=journal,
        )
    safety_plan_update(
        patient=world.patient,
        data={
            "warning_signs": "Not sleeping; pulling away from friends",
            "internal_coping": "Walk the dog; music",
            "people_to_ask": "Sam (sister)",
            "professionals": "Dr Alice Clinician; 988 Suicide & Crisis Lifeline",
            "safe_environment": "Medicines kept by Sam",
            "trusted_person": "Sam, my sister",
            "trusted_person_phone": "+1 (555) 010-2030",
            "patient_phone": "555 010 9999",
        },
        by=world.alice,
    )
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=2, journal=JOURNAL)
    alert = next(a for a in result.alerts if a.rule == "crisis_language")
    # Delivered now rather than by the stack's sweep a minute later, so the
    # page has someone who was told.
    alert_deliver(alert_id=alert.pk)
    return alert


def test_the_alert_page_shows_what_to_act_on_and_records_what_was_done(world, stack, browser_page):
    alert = a_patient_in_crisis(world)

    desk = browser_page()
    log_in(desk, world.alice.email, totp_secret=TOTP_SECRET)
    desk.goto(f"/alerts/{alert.pk}/")
    expect(desk.locator("mark." + SENTENCE_CLASS.split()[0]).first).to_contain_text(
        "Honestly I wish I could go to sleep and not wake up."
    )
    reach = desk.locator("section.alert-reach")
    expect(reach.get_by_role("link", name="Call 555 010 9999")).to_have_attribute(
        "href", "tel:5550109999"
    )
    expect(reach.get_by_role("link", name="Call +1 (555) 010-2030")).to_have_attribute(
        "href", "tel:+15550102030"
    )
    expect(reach).to_contain_text("Sam, my sister")
    expect(desk.locator("dl.row")).to_contain_text(
        re.compile(r"Who was told\s*Alice Clinician, \d+ \w+ \d\d:\d\d E[SD]T")
    )
    # On a desk the safety plan is open; the mood chart is drawn with the day marked.
    expect(desk.get_by_text("Walk the dog; music")).to_be_visible()
    expect(desk.locator("svg.alert-mood polyline")).to_have_count(3)  # two gaps
    expect(desk.locator("svg.alert-mood")).to_contain_text("the alert's day")
    expect(desk.get_by_role("heading", name="Their other latest entries")).to_be_visible()
    expect(desk.get_by_text("Everything feels heavy.")).to_be_visible()
    screenshot(desk, "alert-page")

    phone = browser_page(viewport=PHONE_390)
    log_in(phone, world.alice.email, totp_secret=TOTP_SECRET)
    phone.goto(f"/alerts/{alert.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    # Folded on a phone, one tap away.
    plan = phone.locator("details.alert-plan")
    expect(plan.get_by_text("Walk the dog; music")).to_be_hidden()
    plan.locator("summary").click()
    expect(plan.get_by_text("Walk the dog; music")).to_be_visible()
    plan.locator("summary").click()
    expect(phone.get_by_role("link", name="Call 555 010 9999")).to_be_visible()
    screenshot(phone, "alert-page-phone")

    phone.get_by_label("Called, no answer or left a message").check()
    phone.get_by_label("Note on what was done (optional)").fill("Will try again at 5; texted Sam.")
    phone.get_by_role("button", name="Record what was done").click()
    expect(phone.get_by_text("The alert is acknowledged with it.")).to_be_visible()
    expect(phone.locator("dl.row")).to_contain_text(
        re.compile(
            r"Alice Clinician, .* E[SD]T: “Called, no answer or left a message: "
            r"Will try again at 5; texted Sam.”"
        )
    )
    expect(phone.locator("#done-heading + ol")).to_contain_text(
        "Alice Clinician: Called, no answer or left a message"
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by == world.alice
    assert alert.acknowledgement_note.startswith("Called, no answer or left a message")
    assert AlertAction.objects.filter(alert=alert, outcome="no_answer").count() == 1
    assert desk.csp.messages == [] and phone.csp.messages == []
