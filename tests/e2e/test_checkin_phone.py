"""Issue 19: the daily check-in on a 390x844 phone, as a patient does it.

Counted: the taps from the page being shown to the entry being saved, and the
scrolling (none: mood, today's dose and Save are all on the first screen)."""

import re
import time

import pytest
from playwright.sync_api import expect

from apps.diaries.models import CheckIn
from apps.protocols.models import DoseLog
from tests.e2e.conftest import log_in, screenshot
from tests.protocols.conftest import assign, doses

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}


def help_link(page):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name="Need help now?")


def in_first_screen(page, locator):
    """The element's box lies wholly inside the viewport with the page at its top."""
    box = locator.bounding_box()
    assert box is not None, "not shown"
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE_390["height"]


def test_a_minimal_check_in_with_a_dose_takes_three_taps_and_no_scrolling(
    world, stack, browser_page
):
    assign(world, started_days_ago=1, doses=doses(psilocybin="0.1"))
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    expect(page).to_have_url(re.compile(r"/diary/$"))
    page.wait_for_load_state("networkidle")  # htmx and Bootstrap loaded (deferred)

    mood_7 = page.locator("label[for=id_mood_7]")
    dose = page.get_by_role("button", name="Took 0.1 g as planned")
    save = page.get_by_role("button", name="Save today's check-in")
    for what, locator in [("mood 7", mood_7), ("the dose", dose), ("Save", save)]:
        assert in_first_screen(page, locator), f"{what} is below the first screen"
    assert in_first_screen(page, help_link(page))
    # The header is one row: the links fold into a menu on a phone.
    assert page.locator("nav.navbar").bounding_box()["height"] < 70
    screenshot(page, "patient-checkin-phone")

    taps = 0
    started = time.monotonic()
    mood_7.click()
    taps += 1
    dose.click()
    taps += 1
    # The dose is logged by a partial update: the mood picked before it stays.
    expect(page.get_by_text("Taken as planned")).to_be_visible()
    expect(page.locator("#id_mood_7")).to_be_checked()
    save.click()
    taps += 1
    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    elapsed = time.monotonic() - started

    assert taps <= 3
    assert elapsed < 10, f"the check-in took {elapsed:.1f} s"
    # Playwright scrolls to what it clicks: at 0 nothing needed scrolling to.
    assert page.evaluate("window.scrollY") == 0
    assert CheckIn.objects.get(patient=world.patient).mood == 7
    logged = DoseLog.objects.get(patient=world.patient)
    assert (logged.status, logged.as_planned) == ("taken", True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    assert page.csp.messages == []


def test_the_phone_menu_opens_under_the_csp_and_help_stays_in_view(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    page.wait_for_load_state("networkidle")
    history = page.get_by_role("link", name="History")
    expect(history).to_be_hidden()
    expect(help_link(page)).to_be_in_viewport()
    page.get_by_role("button", name="Menu").click()
    expect(history).to_be_visible()
    history.click()
    expect(page).to_have_url(re.compile(r"/diary/history/$"))
    assert page.csp.messages == []


def test_the_favicon_and_the_manifest_are_served(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    assert page.goto("/favicon.ico").status == 200
    manifest = page.request.get("/manifest.webmanifest")
    assert manifest.status == 200
    for icon in manifest.json()["icons"]:
        assert page.request.get(icon["src"]).status == 200, icon["src"]
