"""An ordinary day told in crisis words, on a phone, stays an ordinary check-in (issue 17).

Before the rules' false alarms were cut by family, a marathon runner who "wanted to
die" at mile 20 was sent to the crisis page and a clinician was paged. The same words
about a crisis now still are: tests/e2e/test_patient.py and
tests/safety/test_crisis_false_alarms.py (each family's crisis twin).
"""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
ORDINARY = (
    "Hit a wall at mile 20 and wanted to die, but I finished my first marathon! "
    "Everything hurts. Pizza tonight."
)


def test_a_marathon_runner_who_wanted_to_die_at_mile_20_is_thanked_not_sent_to_the_crisis_page(
    world, stack, browser_page, tmp_path
):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_7]").click()
    page.get_by_label("Anything you want to note").fill(ORDINARY)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    assert not Alert.objects.filter(patient=world.patient, rule__startswith="crisis").exists()
    # Kept out of docs/screenshots: the diary page's screenshot belongs to test_patient.py.
    page.screenshot(path=tmp_path / "ordinary-marathon-phone.png", full_page=True)
    assert page.csp.messages == []


FAREWELL_WITH_A_REASON = (
    "Last day at the practice after nine years. Said goodbye to everyone, cake in the "
    "staff room, a few tears. New job in January."
)


def test_goodbyes_on_a_last_day_at_work_are_thanked_not_sent_to_the_crisis_page(
    world, stack, browser_page, tmp_path
):
    # Stop 29: the rules read the everyday reason in the entry (a job ending), so the
    # goodbyes are not taken for a farewell before a suicide. Without the reason they
    # still alert (tests/safety/test_crisis_false_alarms_round10.py).
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.get_by_label("Anything you want to note").fill(FAREWELL_WITH_A_REASON)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    assert not Alert.objects.filter(patient=world.patient, rule__startswith="crisis").exists()
    page.screenshot(path=tmp_path / "ordinary-farewell-phone.png", full_page=True)
    assert page.csp.messages == []
