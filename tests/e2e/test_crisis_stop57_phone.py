"""Stop 57's last check-in, and a nurse's questions answered none, as a patient on a phone meets
them (issue 17; SHIP_RULES.md, stop 57, first and second entries).

"This is the last check in you'll get from me" with thanks to the doctor was read by no rule
before this stop; it now opens the crisis page and pages the clinician now. Its ordinary
neighbour, a check-in that rates suicidal ideation 0 before the words ("0 on suicidal ideation"),
alerted before this stop and is now thanked with no crisis page and no alert. The unit twins are
in tests/safety/test_crisis_stop57.py.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LAST_CHECK_IN = (
    "Double shift again, the scanner kept dying on me and rent is late. Honestly this is the last "
    "check in youll get from me. Thanks for trying doc, you were good to me."
)
RATED_ZERO = (
    "Check in for the nurse: 0 on suicidal ideation, 0 on intrusive stuff, 2 on irritability "
    "because of traffic. Dose taken with breakfast."
)


def test_the_last_check_in_opens_the_crisis_page_and_pages_now(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_3]").click()
    page.locator("#id_journal").fill(LAST_CHECK_IN)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator(".crisis-card h2").first).to_have_text("Emergency services")
    screenshot(page, "crisis-last-check-in-phone")

    [alert] = Alert.objects.filter(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"


def test_suicidal_ideation_rated_zero_is_thanked_with_no_alert(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill(RATED_ZERO)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    screenshot(page, "checkin-ideation-rated-zero-phone")
    assert not Alert.objects.filter(patient=world.patient).exists()
