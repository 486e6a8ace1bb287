"""The dose-day comparison as people see it: a patient on a 390x844 phone reads
the difference with its likely range on the trends page; the clinician reads
it with its 95% interval on the timeline. Both say it is not blinded."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.e2e.conftest import log_in, screenshot
from tests.trials.test_dose_day_pages import NOT_BLINDED, every_other_day_plan_with_moods

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}


def test_a_patient_on_a_phone_reads_mood_on_dose_days_with_a_likely_range(
    world, stack, browser_page
):
    every_other_day_plan_with_moods(world, 28)
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    page.goto(reverse("diaries:trends"))

    mood = page.locator("#mood-heading").locator("xpath=..")
    expect(mood.locator(".dose-day-comparison")).to_contain_text(
        "Mood on dose days 7.6 (14 days), rest days 4.6 (14 days):"
    )
    expect(mood.locator(".dose-day-comparison")).to_contain_text("(likely range 2.8 to 3.2)")
    expect(mood.get_by_text(NOT_BLINDED)).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    mood.scroll_into_view_if_needed()
    screenshot(page, "patient-trends-dose-days-phone")
    assert page.csp.messages == []


def test_the_clinician_reads_the_comparison_with_its_95_percent_interval(
    world, stack, browser_page
):
    every_other_day_plan_with_moods(world, 28)
    page = browser_page()
    log_in(page, world.alice.email)
    page.goto(reverse("dashboards:timeline", args=[world.patient.pk]) + "?days=30")

    comparison = page.locator(".dose-day-comparison")
    expect(comparison).to_contain_text("Mood on dose days 7.6 (14 days), rest days 4.6 (14 days):")
    expect(comparison).to_contain_text("(95% interval 2.8 to 3.2)")
    expect(page.get_by_text(NOT_BLINDED)).to_be_visible()
    screenshot(page, "clinician-timeline-dose-days")
    assert page.csp.messages == []
