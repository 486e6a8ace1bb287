"""Stop 52's "kms", as a patient on a phone meets it (issue 17; SHIP_RULES.md, stop 52, second
entry).

"kms" said of a mishap is an ordinary check-in for the patient, thanked, with no crisis page; for
the clinician it is a moderate crisis-language alert that waits for the daily digest (the Alert
row's in_digest, apps/alerts/services.py): listed in the Trellis inbox, never sent, paged or
escalated the same day. Said as meant, "kms" opens the crisis page, which names the clinician,
and raises a critical alert. The unit twins are in tests/safety/test_crisis_stop52.py
(KMS_ORDINARY, KMS_MEANT).
"""

import re
import time

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert, AlertState
from apps.diaries.models import SemanticRead
from apps.safety.semantic_reading import SEMANTIC_CRISIS
from apps.safety.services import CRISIS_LANGUAGE
from tests.e2e.conftest import PHONE, axe_violations, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

MISHAP = "Printer jammed for the 5th time today kms. Dose at 8, mood 6."
MEANT = "kms fr. i mean it this time, i have the pills."
SUICIDAL_WORDS = "thoughts or intent of ending their life"


def test_kms_said_of_a_jammed_printer_is_thanked_and_waits_for_the_clinicians_daily_digest(
    world, stack, browser_page, tmp_path
):
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_6]").click()
    page.locator("#id_journal").fill(MISHAP)
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()
    saved = time.monotonic()

    expect(page.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    assert not re.search(r"/crisis/", page.url)
    expect(
        page.get_by_role("heading", name="You don't have to get through this alone")
    ).to_have_count(0)
    screenshot(page, "checkin-kms-mishap-phone")
    assert page.csp.messages == []

    # No same-day alert: neither the rules' nor the semantic layer's (which the stack's web
    # process runs on the entry inside the request). What is recorded is one crisis-language
    # alert at moderate, in the digest, with no deadline to escalate on.
    alerts = list(Alert.objects.filter(patient=world.patient))
    assert [a.rule for a in alerts] == [CRISIS_LANGUAGE], [(a.rule, a.severity) for a in alerts]
    assert not Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS).exists()
    [alert] = alerts
    assert alert.severity == "moderate"
    assert alert.in_digest
    assert alert.next_escalation_at is None
    assert alert.summary == f"Crisis language in the journal: {SUICIDAL_WORDS}"
    assert [span["term"] for span in alert.evidence["spans"]] == ["slang-kms"]
    assert "second_reading" not in alert.evidence  # the rules lowered it, not the readers

    # The clinician's inbox lists it at once, at moderate, waiting for the daily digest.
    desk = browser_page()
    log_in(desk, world.alice.email)
    desk.goto("/alerts/")
    card = desk.locator("article.card", has_text=SUICIDAL_WORDS)
    expect(card).to_have_count(1)
    expect(card.locator(".badge")).to_have_text("moderate")
    expect(card).to_contain_text("waiting for the daily digest")
    expect(card).not_to_contain_text("not delivered to anyone yet")
    expect(card).not_to_have_class(re.compile(r"border-danger"))
    card.get_by_role("link", name=re.compile("Pat Patient")).click()
    expect(desk).to_have_url(re.compile(rf"/alerts/{alert.pk}/$"))
    # Its page says when it goes out, not that it failed to (stop 52).
    expect(desk.locator("dd", has_text="Waiting for the daily digest")).to_have_count(1)
    goes_out = desk.locator("dd", has_text="It goes out in the clinic's daily digest at")
    expect(goes_out).to_have_count(1)
    expect(desk.get_by_text("The next step up the ladder")).to_have_count(0)
    expect(desk.locator("mark").first).to_have_text("kms")
    desk.screenshot(path=tmp_path / "alert-kms-mishap.png", full_page=True)
    screenshot(desk, "alert-kms-digest-desk")

    # Beat sweeps every ALERT_JOBS_INTERVAL_SECONDS and sends any same-day alert left waiting
    # ALERT_SWEEP_AFTER_SECONDS: well past both, this one is still unsent, as the digest keeps it
    # (the digest itself goes out at the clinic's digest hour, 08:00 clinic time by default).
    wait = stack.seconds("ALERT_SWEEP_AFTER_SECONDS") + 3 * stack.seconds(
        "ALERT_JOBS_INTERVAL_SECONDS"
    )
    time.sleep(max(0.0, saved + wait - time.monotonic()))
    alert.refresh_from_db()
    assert alert.state == AlertState.PENDING
    assert alert.escalation_level == 0
    assert not alert.deliveries.exists()
    assert stack.smtp.for_alert(alert.pk) == []
    # The semantic layer did read the entry (in the request, or beat's sweep since), and read
    # it as ordinary: the absence of its alert above is its answer, not a reading never made.
    read = SemanticRead.objects.get(checkin_id=alert.source_checkin_id)
    assert read.outcome == "ordinary"
    assert not Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS).exists()


def test_kms_the_entry_says_is_meant_opens_the_crisis_page_naming_the_clinician_on_a_phone(
    world, stack, browser_page, tmp_path
):
    page = browser_page(viewport=PHONE, bypass_csp=True)  # axe is an inline script
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_2]").click()
    page.locator("#id_journal").fill(MEANT)
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "You don't have to get through this alone"
    )
    expect(page.locator("[role=status]")).to_contain_text("Alice Clinician")
    alert = Alert.objects.get(patient=world.patient, rule=CRISIS_LANGUAGE)
    assert alert.severity == "critical"
    assert not alert.in_digest
    assert alert.next_escalation_at is not None
    page.screenshot(path=tmp_path / "crisis-kms-meant-phone.png", full_page=True)
    assert axe_violations(page) == []
