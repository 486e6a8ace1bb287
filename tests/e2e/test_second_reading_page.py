"""Issue 17, stop 34, in a real browser: a medical finding the second reading lowered by the
sum of the entry readers and the phrase reader. The clinician's alert page says it waits
for the digest, which reading judged it and its numbers in a form a person can trust, at a
desk and on a phone. The readers' reading is a test double (the real one is measured in
tests/safety/test_second_reading.py); what is tested here is the page."""

import pytest
from playwright.sync_api import expect

from apps.safety.why import SENTENCE_CLASS
from tests.alerts.test_alert_why import alert_lowered_by_the_sum
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}


def test_a_finding_lowered_by_the_sum_reads_truthfully_at_a_desk_and_on_a_phone(
    world, stack, browser_page, monkeypatch
):
    alert = alert_lowered_by_the_sum(world, monkeypatch)

    desk = browser_page()
    log_in(desk, world.alice.email, totp_secret=TOTP_SECRET)
    desk.goto(f"/alerts/{alert.pk}/")
    row = desk.locator("dd", has_text="read the whole entry as ordinary")
    expect(row).to_contain_text("reading both what its sentences mean and the words and phrases")
    expect(row).to_contain_text("its score was 4.7 × 10⁻¹⁵, below 7 × 10⁻⁸.")
    expect(row).to_contain_text("daily digest")
    expect(desk.locator("mark." + SENTENCE_CLASS.split()[0]).first).to_contain_text("Couldn")
    body = desk.locator("main").inner_text()
    for machine_word in ("0.0000,", "second_reading", "sum_below", "None", "{'"):
        assert machine_word not in body
    screenshot(desk, "alert-page-read-as-ordinary")

    phone = browser_page(viewport=PHONE_390)
    log_in(phone, world.alice.email, totp_secret=TOTP_SECRET)
    phone.goto(f"/alerts/{alert.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("dd", has_text="read the whole entry as ordinary")).to_be_visible()
    screenshot(phone, "alert-page-read-as-ordinary-phone")
