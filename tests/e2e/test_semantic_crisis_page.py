"""Issue 17: an entry in which only the semantic layer reads a crisis (no rule matches
it) takes the patient to the crisis page as they save it, on a 390x844 phone, with the
real model in the real web process (gunicorn: config.wsgi loads it at start) and the
clinician's same-day alert already raised. Before, the page said "Saved. Thank you"
and the worker's sweep told the clinician up to a minute later."""

import re

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn, SemanticRead
from apps.safety.semantic_reading import SEMANTIC_CRISIS
from apps.safety.services import crisis_reading
from tests.e2e.conftest import axe_violations, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}

# No rule matches either entry (asserted below); the shipped readers find both.
ENGLISH = "Quiet day at home. Bought a rope today. I know what it's for."
SPANISH = "Ya escribí la carta. Está en mi mochila. Hoy no fui a trabajar."


@pytest.mark.parametrize(
    ("journal", "heading"),
    [
        (ENGLISH, "You don't have to get through this alone"),
        (SPANISH, "No tienes que pasar por esto a solas"),
    ],
)
def test_a_crisis_only_the_semantic_layer_reads_opens_the_crisis_page_on_a_phone(
    world, stack, browser_page, journal, heading
):
    assert not crisis_reading(journal, second_reader=None).flagged
    page = browser_page(viewport=PHONE_390, bypass_csp=True)  # axe is an inline script
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_5]").click()
    page.locator("#id_journal").fill(journal)
    page.get_by_role("button", name="Save today's check-in").click()
    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+"))
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_text("Alice Clinician")).to_be_visible()
    assert axe_violations(page) == []
    screenshot(page, f"crisis-semantic-phone-{'es' if journal == SPANISH else 'en'}")

    checkin = CheckIn.objects.get(patient=world.patient)
    [alert] = Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS)
    assert alert.severity == "high" and alert.source_checkin_id == checkin.pk
    # Marked read as it is, so no sweep reads it again ("seen" when the worker's
    # one-second sweep happened to read it between the save and the request's reading).
    assert SemanticRead.objects.get(checkin=checkin).outcome in ("raised", "seen")


def test_an_ordinary_entry_still_says_saved_on_a_phone(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill("Took my capsule at 8. Made soup and called my sister.")
    page.get_by_role("button", name="Save today's check-in").click()
    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    checkin = CheckIn.objects.get(patient=world.patient)
    assert SemanticRead.objects.get(checkin=checkin).outcome == "ordinary"
    assert not Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS).exists()
