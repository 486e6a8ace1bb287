"""Stop 51's rules, as a patient on a phone meets them (issue 17; SHIP_RULES.md, stop 51).

An overdose told as a month's supply, which neither layer read before the stop, opens the crisis
page and pages the clinician; a study visit's screening question written down with its "No." is
an ordinary check-in, thanked, with no alert. The unit twins are in
tests/safety/test_crisis_stop51.py.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from tests.e2e.conftest import PHONE, axe_violations, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_overdose_told_as_a_months_supply_opens_the_crisis_page_on_a_phone(
    world, stack, browser_page
):
    page = browser_page(viewport=PHONE, bypass_csp=True)  # axe is an inline script
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_2]").click()
    page.locator("#id_journal").fill("Quiet day. Took my whole month of seroquel tonight.")
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to get through this alone"
    )
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    assert alert.severity == "critical"
    screenshot(page, "crisis-overdose-month-phone")
    assert axe_violations(page) == []


def test_a_screening_question_answered_no_is_thanked_not_sent_to_the_crisis_page(
    world, stack, browser_page, tmp_path
):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_7]").click()
    page.locator("#id_journal").fill(
        'Call from the study coordinator. "Any suicidal thoughts since the last visit?" No. '
        "Some nice visuals on day 1, nothing distressing."
    )
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    assert not Alert.objects.filter(patient=world.patient, rule__startswith="crisis").exists()
    page.screenshot(path=tmp_path / "screening-answered-no-phone.png", full_page=True)
    assert page.csp.messages == []
