"""Issue 19: the diary with no signal, in Chromium on a 390x844 phone with the
network cut (Playwright's context.set_offline).

A check-in saved offline waits on the phone, says so, and is sent once when
the signal returns: the database then holds one entry with those answers. The
crisis page, with its numbers, opens offline."""

import re

import pytest
from playwright.sync_api import expect

from apps.diaries.models import CheckIn
from tests.e2e.conftest import SCREENSHOTS, log_in

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}
WAITING = "Waiting to send: you're offline. It will send when you're back online."


def ready_for_offline(page):
    """The diary opened online, its service worker active and told the session."""
    page.goto("/diary/")
    page.wait_for_load_state("networkidle")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    # The worker keeps the pages when the page tells it the session: wait until both are in.
    page.wait_for_function(
        """async () => {
            const cache = await caches.open("trellis-pages-v1");
            return !!(await cache.match("/diary/")) && !!(await cache.match("/crisis/"));
        }"""
    )


def test_a_check_in_saved_offline_is_sent_once_when_the_signal_returns(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    ready_for_offline(page)

    page.context.set_offline(True)
    # The diary opens with no signal (from the worker), and is filled in there.
    page.reload()
    expect(page.get_by_role("heading", name=re.compile("^Today,"))).to_be_visible()
    page.locator("label[for=id_mood_4]").click()
    page.get_by_label("Anything you want to note", exact=False).fill("Tired, slept badly.")
    page.get_by_role("button", name="Save today's check-in").click()

    status = page.locator("#offline-status")
    waiting = status.locator("[data-state=waiting]")
    expect(waiting).to_be_visible()
    expect(waiting).to_contain_text(WAITING)
    # Nobody can read it yet, and the numbers to call are right there.
    expect(waiting).to_contain_text("nobody at your clinic can read it")
    expect(waiting.locator("a[href^='tel:']").first).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    status.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / "checkin-offline.png")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    assert not CheckIn.objects.filter(patient=world.patient).exists()

    page.context.set_offline(False)
    expect(status.locator("[data-state=sent]")).to_be_visible()
    expect(waiting).to_be_hidden()
    entries = list(CheckIn.objects.filter(patient=world.patient))
    assert len(entries) == 1
    assert (entries[0].mood, entries[0].journal) == (4, "Tired, slept badly.")
    assert entries[0].submission_key is not None

    # Opening the diary again (the draft's queue is empty) sends nothing more,
    # and a replay of the same form is applied once.
    page.goto("/diary/")
    page.wait_for_load_state("networkidle")
    assert CheckIn.objects.filter(patient=world.patient).count() == 1
    assert (
        page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('trellis-outbox-'))")
        == []
    )
    assert page.csp.messages == []


def test_the_worker_keeps_only_the_diary_and_the_crisis_page(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    ready_for_offline(page)
    for path in ("/diary/history/", "/diary/trends/", "/diary/reminders/"):
        page.goto(path)
    page.wait_for_load_state("networkidle")
    kept = page.evaluate(
        """async () => (await (await caches.open("trellis-pages-v1")).keys())
            .map(r => new URL(r.url).pathname).sort()"""
    )
    assert kept == ["/crisis/", "/diary/"]


def test_the_crisis_page_and_its_numbers_open_offline(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    ready_for_offline(page)

    page.context.set_offline(True)
    page.goto("/crisis/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("a[href^='tel:']").first).to_be_visible()


def test_signing_out_forgets_the_kept_pages(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    ready_for_offline(page)
    page.goto("/accounts/logout/")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    assert (
        page.evaluate(
            """async () => {
            const cache = await caches.open("trellis-pages-v1");
            return (await cache.keys()).length;
        }"""
        )
        == 0
    )
    # Offline, the diary is now the public crisis page: no one's entries.
    page.context.set_offline(True)
    page.goto("/diary/")
    expect(page.locator("a[href^='tel:']").first).to_be_visible()
    assert page.locator("#checkin-form").count() == 0
