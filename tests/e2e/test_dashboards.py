"""The clinician's charts drawn by a real browser, with screenshots for docs/."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from apps.diaries.models import CheckIn, QuestionnaireResponse
from apps.protocols.selectors import clinic_today
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in, screenshot
from tests.protocols.conftest import assign

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def a_month_on_the_plan(world):
    assign(world, started_days_ago=28)
    today = clinic_today(world.clinic)
    for offset in range(29):
        mood = [6, 7, 5, 6, 8, 4, 6][offset % 7]
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=mood,
            anxiety=10 - mood,
            energy=mood - 1,
            sleep_hours=6 + offset % 3,
            journal="Walked by the river." if offset % 4 else "",
        )
    for days_ago, total, band in [
        (28, 17, "moderately severe"),
        (14, 12, "moderate"),
        (1, 6, "mild"),
    ]:
        QuestionnaireResponse.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            instrument="phq9",
            local_date=today - timedelta(days=days_ago),
            answers={},
            total=total,
            band=band,
        )


def drawn(page, selector):
    """True once Chart.js has drawn on every canvas matching `selector`."""
    return page.evaluate(
        """(selector) => Array.from(document.querySelectorAll(selector)).every(
            (canvas) => window.Chart && window.Chart.getChart(canvas) !== undefined)""",
        selector,
    )


def test_the_timeline_charts_are_drawn_in_a_real_browser(world, stack, browser_page):
    a_month_on_the_plan(world)
    page = browser_page()
    log_in(page, world.alice.email, totp_secret=TOTP_SECRET)
    page.goto(f"/clinician/patients/{world.patient.pk}/timeline/?days=30")
    expect(page.get_by_role("heading", name=re.compile("Timeline"))).to_be_visible()
    page.wait_for_function(
        "() => window.Chart && document.querySelectorAll('canvas').length > 0"
        " && Array.from(document.querySelectorAll('canvas')).every((c) => window.Chart.getChart(c))"
    )
    assert drawn(page, "canvas[data-trend]") and drawn(page, "canvas[data-questionnaire]")
    assert page.locator("canvas[data-questionnaire]").count() == 1
    assert page.get_by_text("★ reliable: improved").count() == 1
    screenshot(page, "clinician-timeline")

    page.goto("/clinician/")
    expect(page.locator("svg.sparkline polyline").first).to_be_attached()
    screenshot(page, "clinician-caseload-triage")
    page.goto(f"/clinician/patients/{world.patient.pk}/brief/")
    expect(page.get_by_role("heading", name="Mood")).to_be_visible()
    screenshot(page, "clinician-session-brief")
