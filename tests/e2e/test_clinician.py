"""A crisis check-in reaching the clinician's inbox through the real worker."""

import re
import time

import pytest
from playwright.sync_api import expect

from apps.alerts.models import Alert, AlertState, InboxItem
from tests.e2e.conftest import PHONE, log_in, screenshot
from tests.e2e.test_patient import check_in

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_clinician_sees_the_alert_within_seconds_opens_the_patient_and_acknowledges(
    world, stack, browser_page
):
    clinician = browser_page()
    log_in(clinician, world.alice.email)
    expect(clinician).to_have_url(re.compile(r"/clinician/$"))
    patient = browser_page(viewport=PHONE)
    log_in(patient, world.patient.email)

    check_in(patient, mood=4, journal="Honestly I want to end my life.")
    expect(patient).to_have_url(re.compile(r"/crisis/"))
    submitted = time.monotonic()

    # The badge counts the alerts to act on; the inbox's entry (an InboxItem) is
    # written only by the worker's delivery, so this waits for the delivery itself.
    badge = clinician.get_by_role("link", name=re.compile(r"Inbox 1 alerts to act on"))
    delivered = InboxItem.objects.filter(user=world.alice)
    while not (badge.count() and delivered.exists()) and time.monotonic() - submitted < 10:
        time.sleep(0.25)
        clinician.goto("/alerts/")
    seen_after = time.monotonic() - submitted
    assert badge.count() and delivered.exists(), (
        f"no alert delivered to the inbox after {seen_after:.1f} s\n" + stack.log("worker")
    )
    alert = Alert.objects.get(patient=world.patient, rule="crisis_language")
    assert alert.state == AlertState.DELIVERED
    assert len(stack.smtp.for_alert(alert.pk)) == 1
    screenshot(clinician, "clinician-inbox")

    clinician.get_by_role("link", name=re.compile("Pat Patient")).first.click()
    expect(clinician).to_have_url(re.compile(rf"/alerts/{alert.pk}/$"))
    screenshot(clinician, "clinician-alert")
    clinician.get_by_role("link", name="Pat Patient").click()
    expect(clinician).to_have_url(re.compile(rf"/clinician/patients/{world.patient.pk}/$"))
    expect(clinician.locator(".journal mark.why-words")).to_have_text("end my life")

    clinician.get_by_label("Acknowledgement note").fill("Called Pat, safe at home.")
    clinician.get_by_role("button", name="Acknowledge").click()
    expect(clinician.get_by_text("acknowledged by Alice Clinician")).to_be_visible()
    screenshot(clinician, "clinician-patient")
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED
    assert alert.acknowledged_by == world.alice
    assert alert.acknowledgement_note == "Called Pat, safe at home."
    assert clinician.csp.messages == [] and patient.csp.messages == []
