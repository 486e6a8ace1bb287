"""A patient on a phone, in a real browser, against the real stack."""

import re
import time

import pytest
from playwright.sync_api import expect

from apps.diaries.models import CheckIn
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def check_in(page, *, mood, journal):
    page.locator(f"label[for=id_mood_{mood}]").click()
    page.get_by_label("Anything you want to note").fill(journal)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()


def test_a_patient_on_a_phone_checks_in_in_well_under_a_minute(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    started = time.monotonic()

    log_in(page, world.patient.email)
    expect(page).to_have_url(re.compile(r"/diary/$"))
    check_in(page, mood=7, journal="Walked by the river. Slept well.")

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"login and check-in took {elapsed:.1f} s"
    checkin = CheckIn.objects.get(patient=world.patient)
    assert (checkin.mood, checkin.journal) == (7, "Walked by the river. Slept well.")
    # Nothing wider than the phone: no sideways scrolling to reach the mood scale.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_role("link", name="Need help now?")).to_be_in_viewport()
    screenshot(page, "patient-diary-phone")
    assert page.csp.messages == []


def test_a_crisis_entry_takes_the_patient_to_the_crisis_page(world, stack, browser_page):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)

    check_in(page, mood=5, journal="I want to end my life.")

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to get through this alone"
    )
    expect(page.get_by_text("Trellis is not watched around the clock.")).to_be_visible()
    expect(page.get_by_text("Alice Clinician")).to_be_visible()
    screenshot(page, "patient-crisis-phone")
    assert page.csp.messages == []


def test_script_and_html_typed_into_the_journal_come_back_as_text(world, stack, browser_page):
    typed = (
        "<script>document.body.dataset.pwned = 'script'</script>"
        "<img src=x onerror=\"document.body.dataset.pwned = 'img'\"><b>bold</b> & so on"
    )
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    check_in(page, mood=6, journal=typed)
    expect(page.locator(".alert-success", has_text="Saved.")).to_be_visible()
    expect(page.get_by_label("Anything you want to note")).to_have_value(typed)

    # Without the CSP, so that markup which got through unescaped would run.
    clinician = browser_page(bypass_csp=True)
    log_in(clinician, world.alice.email)
    clinician.goto(f"/clinician/patients/{world.patient.pk}/")
    journal = clinician.locator(".journal").first
    expect(journal).to_have_text(typed)
    assert journal.locator("script, img, b").count() == 0
    assert clinician.evaluate("document.body.dataset.pwned") is None
    assert page.evaluate("document.body.dataset.pwned") is None


def test_phq9_item_9_leads_the_patient_on_a_phone_to_the_cssrs_screener(world, stack, browser_page):
    from apps.alerts.models import Alert

    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.goto("/diary/questionnaires/phq9/")
    for number in range(1, 9):
        page.locator(f"label[for=q{number}-0]").click()
    page.locator("label[for=q9-1]").click()  # "Several days"
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(r"/diary/questionnaires/cssrs/$"))
    expect(
        page.get_by_text("An alert about your answers is on its way to Alice Clinician")
    ).to_be_visible()
    expect(page.get_by_role("link", name="get help straight away")).to_be_visible()
    expect(page.get_by_role("link", name="Need help now?")).to_be_in_viewport()
    screenshot(page, "patient-cssrs-after-item-9-phone")

    # The screener's answer joins the item-9 alert: one alert that says both.
    for key, answer in [("q1", 1), ("q2", 0), ("q6", 0)]:
        page.locator(f"label[for={key}-{answer}]").click()
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_load_state()
    [alert] = Alert.objects.filter(patient=world.patient)
    assert alert.rule == "phq9_item9"
    assert alert.summary.endswith(": low risk.")
    assert page.csp.messages == []
