"""Stop 54's death wish beside "I have a plan", and a wish said of the heat, as a patient on a
phone meets them (issue 17; SHIP_RULES.md, stop 54, first and fourth entries).

"I want to die. I have a plan." was read only as a passive wish before this stop (a high alert);
the plan beside it now makes it critical, so the clinician is paged now. Its ordinary neighbour, a
wish to die said of the heat in its own sentence, is thanked with no crisis page and no alert. The
unit twins are in tests/safety/test_crisis_stop54.py.
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WISH_AND_PLAN = "Work was fine, walked the dog. I want to die. I have a plan."
HEAT = "This heat, I want to die. Three fans on and still sweating. Took the stack with lunch."


def test_a_death_wish_beside_a_plan_opens_the_crisis_page_and_pages_now(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_3]").click()
    page.locator("#id_journal").fill(WISH_AND_PLAN)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator(".crisis-card h2").first).to_have_text("Emergency services")
    screenshot(page, "crisis-wish-and-plan-phone")

    [alert] = Alert.objects.filter(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"
    assert "plan" in {span["term"] for span in alert.evidence["spans"]}


def test_a_wish_said_of_the_heat_is_thanked_with_no_alert(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill(HEAT)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    screenshot(page, "checkin-heat-wish-phone")
    assert not Alert.objects.filter(patient=world.patient).exists()
