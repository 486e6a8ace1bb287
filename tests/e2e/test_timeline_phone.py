"""The timeline on a phone (issue 18): nothing wider than the screen, the
range starts at the plan's first day, and an alert's day is marked."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in
from tests.protocols.conftest import assign

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}

# The widest elements, to name the culprit when the page is too wide.
WIDEST = """() => Array.from(document.querySelectorAll('body *'))
    .map((e) => [e.getBoundingClientRect().right, e.tagName + '.' + e.className])
    .filter(([right]) => right > window.innerWidth + 1)
    .sort((a, b) => b[0] - a[0]).slice(0, 5)"""


def test_the_timeline_fits_a_phone_and_marks_the_alert_day(world, stack, browser_page):
    assign(world, started_days_ago=20)
    today = clinic_today(world.clinic)
    for offset in range(1, 21):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=7,
            anxiety=3,
            energy=6,
            sleep_hours=7,
            journal="A long walk by the river with the dog, then soup." * 3,
        )
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    )

    page = browser_page(viewport=PHONE)
    log_in(page, world.alice.email, totp_secret=TOTP_SECRET)
    page.goto(f"/clinician/patients/{world.patient.pk}/timeline/")
    expect(page.get_by_role("heading", name=re.compile("Timeline"))).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && Array.from(document.querySelectorAll('canvas[data-trend]'))"
        ".every((c) => window.Chart.getChart(c))"
    )
    # From the plan's first day, not 90 days of empty chart.
    expect(page.get_by_text("(21 days)")).to_be_visible()
    page.get_by_text("Mood as a table").click()
    expect(page.get_by_role("cell", name=re.compile("Critical alert"))).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"], (
        page.evaluate(WIDEST)
    )
