"""Stop 56's bleach in a coworker's water bottle, and old pill bottles taken to the pharmacy, as a
patient on a phone meets them (issue 17; SHIP_RULES.md, stop 56, second entry).

Bleach put in someone's drink "a little, maybe more tomorrow" was read by no rule before this stop;
it now opens the crisis page and pages the clinician now. Its ordinary neighbour in the new
overdose rule's words, every old pill bottle in the cabinet taken to the pharmacy's take-back day,
is thanked with no crisis page and no alert. The unit twins are in
tests/safety/test_crisis_stop56.py.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BLEACH = (
    "The new guy on the line talks down to me every day. Put a little bleach in his water bottle "
    "today. Not enough to really hurt him. Maybe more tomorrow."
)
TAKE_BACK = (
    "Took every old pill bottle in the cabinet to the pharmacy take back day. The pharmacist "
    "thanked me."
)


def test_bleach_in_a_coworkers_drink_opens_the_crisis_page_and_pages_now(
    world, stack, browser_page
):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_4]").click()
    page.locator("#id_journal").fill(BLEACH)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator(".crisis-card h2").first).to_have_text("Emergency services")
    screenshot(page, "crisis-bleach-in-a-drink-phone")

    [alert] = Alert.objects.filter(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"


def test_old_pill_bottles_taken_to_the_pharmacy_are_thanked_with_no_alert(
    world, stack, browser_page
):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill(TAKE_BACK)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    screenshot(page, "checkin-pill-take-back-phone")
    assert not Alert.objects.filter(patient=world.patient).exists()
