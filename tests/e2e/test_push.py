"""Issue 19: reminders that arrive, in Chromium on a 390x844 phone.

The patient chooses notifications on the reminders page; the service worker
shows a pushed reminder (delivered through the DevTools protocol, since a
headless browser has no push service of its own) that opens the diary; and
the reminder job's push reaches a fake push service, with an email after it
when the push service answers 410. Nothing but the push service is faked."""

import json
import re
import time as clock
from datetime import time

import pytest
from playwright.sync_api import expect

from apps.diaries.models import PushSubscription, ReminderDelivery, ReminderPreference
from apps.diaries.reminder_channels.push import message
from apps.diaries.services import reminders_send_due
from tests.diaries.test_push_reminders import (
    AT_EIGHT_PM,
    NEW_YORK,
    Browser,
    FakePushService,
    b64url,
)
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}


def test_the_patient_chooses_notifications_on_the_reminders_page(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    page.context.grant_permissions(["notifications"])
    log_in(page, world.patient.email)
    page.goto("/diary/reminders/")
    page.wait_for_load_state("networkidle")
    setup = page.locator("#push-setup")
    expect(setup).to_be_visible()
    expect(setup.get_by_role("heading", name="Notifications on this phone")).to_be_visible()
    page.get_by_label("Both").check()
    screenshot(page, "reminders-phone")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("Saved.")).to_be_visible()
    assert ReminderPreference.objects.get(patient=world.patient).channel == "both"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    assert page.csp.messages == []


def test_the_service_worker_shows_a_pushed_reminder(world, stack, browser_page):
    page = browser_page(viewport=PHONE_390)
    page.context.grant_permissions(["notifications"])
    log_in(page, world.patient.email)
    page.goto("/diary/reminders/")
    page.wait_for_load_state("networkidle")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")

    cdp = page.context.new_cdp_session(page)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = clock.monotonic() + 10
    while not any(r["scopeURL"] == stack.base_url + "/" for r in registrations):
        assert clock.monotonic() < deadline, registrations
        page.wait_for_timeout(100)
    [registration] = [r for r in registrations if r["scopeURL"] == stack.base_url + "/"]
    # The words the reminder job sends (reminder_channels/push.py).
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": stack.base_url,
            "registrationId": registration["registrationId"],
            "data": json.dumps(message(nudge=False)),
        },
    )
    page.wait_for_function(
        "async () => (await (await navigator.serviceWorker.ready).getNotifications()).length > 0"
    )
    [shown] = page.evaluate(
        """async () => (await (await navigator.serviceWorker.ready).getNotifications())
            .map(n => ({title: n.title, body: n.body, url: n.data.url}))"""
    )
    assert shown == {
        "title": "Trellis diary",
        "body": "Time for today's check-in. It takes a minute.",
        "url": "/diary/",
    }


def test_a_push_reaches_the_push_service_and_an_email_follows_when_it_is_gone(
    world, settings, mailoutbox
):
    settings.WEBPUSH_ALLOW_PRIVATE_ENDPOINTS = True
    ReminderPreference.objects.create(
        patient=world.patient, enabled=True, time=time(20, 0), timezone=NEW_YORK, channel="push"
    )
    browser = Browser()
    with FakePushService() as service:
        PushSubscription.objects.create(
            patient=world.patient,
            endpoint=f"{service.url}/push/phone",
            p256dh=browser.p256dh,
            auth=b64url(browser.auth),
        )
        service.status = 410
        assert reminders_send_due(now=AT_EIGHT_PM) == 1
    [posted] = service.received
    assert posted["headers"]["authorization"].startswith("vapid t=")
    reminder = browser.decrypt(posted["body"])
    assert reminder["body"] == "Time for today's check-in. It takes a minute."
    assert not PushSubscription.objects.exists()
    [email] = mailoutbox
    assert re.search("check-in", email.subject)
    assert list(ReminderDelivery.objects.order_by("pk").values_list("channel", "outcome")) == [
        ("push", "gone"),
        ("email", "sent"),
    ]
