"""On a phone, the clinician reads why an entry raised a crisis-language alert (the
sentence highlighted, its words marked more strongly) and records that it was a real
concern (issue 17)."""

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.diaries.services import checkin_submit
from apps.safety.models import CrisisExample
from tests.e2e.conftest import PHONE, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARAGRAPH = (
    "Took the dog out early and the park was empty. Work was fine, lunch with Jo. "
    "Honestly I wish I could go to sleep and not wake up. Watched a film after dinner."
)


def background(locator) -> str:
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def test_on_a_phone_the_clinician_sees_the_sentence_and_records_a_real_concern(
    world, stack, browser_page
):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=4, journal=PARAGRAPH)
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    clinician = browser_page(viewport=PHONE)
    log_in(clinician, world.alice.email)
    clinician.goto(f"/alerts/{alert.pk}/")

    sentence = clinician.locator(".journal mark.why-sentence")
    words = sentence.locator("mark.why-words")
    expect(sentence).to_have_text("Honestly I wish I could go to sleep and not wake up.")
    expect(words).to_have_text("wish I could go to sleep and not wake up")
    expect(sentence).to_be_visible()
    # The words stand out from their sentence, and not by colour alone.
    assert background(sentence) != background(words)
    assert words.evaluate("element => getComputedStyle(element).fontWeight") == "700"
    expect(clinician.get_by_text("Why:")).to_be_visible()
    expect(clinician.locator(".why")).to_contain_text("wishing to be dead or not to wake up")
    # Nothing of the page is wider than the phone.
    assert clinician.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    clinician.get_by_label("Note (optional)").fill("Called Pat; safe tonight.")
    clinician.get_by_role("button", name="A real concern").click()
    expect(clinician.get_by_text("Recorded: a real concern.")).to_be_visible()
    expect(clinician.get_by_text("You said: a real concern")).to_be_visible()
    screenshot(clinician, "clinician-alert-why-phone")

    example = CrisisExample.objects.get()
    assert (example.label, example.kind, example.alert_id) == ("real", "suicidal_passive", alert.pk)
    assert (example.labelled_by, example.note) == (world.alice, "Called Pat; safe tonight.")
    assert example.text == PARAGRAPH
    assert clinician.csp.messages == []
