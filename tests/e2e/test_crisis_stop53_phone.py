"""Stop 53's overdoses told in phone wording, as a patient on a phone meets them (issue 17;
SHIP_RULES.md, stop 53, sixth entry).

"I took all 10 caps from the jar at once" was read by neither layer before this stop; it now opens
the crisis page with the poison line right after the emergency number, and raises a critical
alert. Its ordinary twin, the protocol's daily stack taken at once, is thanked with no crisis page
and no alert. The unit twins are in tests/safety/test_crisis_stop53.py (SIXTH).
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

OVERDOSE = "microdose day but I took all 10 caps from the jar at once, heart going crazy"
STACK = "Took all my supplements at once this morning, lion's mane, omega-3, b-complex, magnesium."


def card_headings(page) -> list[str]:
    return [text.strip() for text in page.locator(".crisis-card h2").all_inner_texts()]


def test_ten_caps_at_once_opens_the_crisis_page_with_the_poison_line(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_4]").click()
    page.locator("#id_journal").fill(OVERDOSE)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator("#overdose-advice")).to_contain_text(
        "If you have taken too much of a medicine or a drug, call Poison Help now."
    )
    assert card_headings(page)[:2] == ["Emergency services", "Poison Help"]
    screenshot(page, "crisis-ten-caps-poison-help-phone")

    [alert] = Alert.objects.filter(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"
    assert [span["term"] for span in alert.evidence["spans"]] == ["overdose-told-stop53"]


def test_the_daily_stack_taken_at_once_is_thanked_with_no_alert(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_7]").click()
    page.locator("#id_journal").fill(STACK)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    screenshot(page, "checkin-daily-stack-phone")
    assert not Alert.objects.filter(patient=world.patient).exists()
