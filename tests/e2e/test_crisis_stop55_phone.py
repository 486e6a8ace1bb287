"""Stop 55's child who got into the capsules, and hands numb with cold, as a patient on a phone
meets them (issue 17; SHIP_RULES.md, stop 55, first and fourth entries).

A toddler who got into the bag while the week's capsules were in it, with pupils huge, was read by
no rule before this stop; it now opens the crisis page and pages the clinician now. Its ordinary
neighbour in the stroke rule's words, hands that can't be felt in the cold, is thanked with no
crisis page and no alert. The unit twins are in tests/safety/test_crisis_stop55.py.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODDLER = (
    "My 3 year old got into my bag while I was on a call. The microdose capsules are gone, 7 of "
    "them, and her pupils are huge."
)
COLD = "So cold out I can't feel my hands. Walked the dog anyway, two laps of the park."


def test_a_child_into_the_capsules_opens_the_crisis_page_and_pages_now(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_4]").click()
    page.locator("#id_journal").fill(TODDLER)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator(".crisis-card h2").first).to_have_text("Emergency services")
    screenshot(page, "crisis-child-capsules-phone")

    [alert] = Alert.objects.filter(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"


def test_hands_numb_with_cold_are_thanked_with_no_alert(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill(COLD)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    screenshot(page, "checkin-cold-hands-phone")
    assert not Alert.objects.filter(patient=world.patient).exists()
