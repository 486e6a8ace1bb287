"""The daily reminder email: at the patient's chosen time in their zone, once
a day, not after they checked in, a gentle nudge after missed days, and a
one-click way out."""

import re
import threading
from datetime import UTC, datetime, time, timedelta

import pytest
from django.db import connection
from django.urls import reverse

from apps.diaries.models import CheckIn, ReminderPreference
from apps.diaries.services import reminders_send_due
from apps.diaries.tasks import reminders

NEW_YORK = "America/New_York"
# 20:00 in New York on a winter day is 01:00 UTC the next morning.
AT_EIGHT_PM = datetime(2026, 1, 15, 1, 0, tzinfo=UTC)


@pytest.fixture
def preference(world):
    return ReminderPreference.objects.create(
        patient=world.patient, enabled=True, time=time(20, 0), timezone=NEW_YORK
    )


def checked_in(world, day, mood=6):
    CheckIn.objects.create(patient=world.patient, clinic=world.clinic, local_date=day, mood=mood)


def test_it_waits_for_the_patients_own_time(world, preference, mailoutbox):
    assert reminders_send_due(now=AT_EIGHT_PM - timedelta(minutes=1)) == 0
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    [message] = mailoutbox
    assert message.to == [world.patient.email]
    assert "time for today's check-in" in message.subject


def test_it_sends_exactly_once_a_day(world, preference, mailoutbox):
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    assert reminders_send_due(now=AT_EIGHT_PM + timedelta(minutes=5)) == 0
    assert reminders_send_due(now=AT_EIGHT_PM + timedelta(hours=3)) == 0
    assert reminders_send_due(now=AT_EIGHT_PM + timedelta(days=1)) == 1
    assert len(mailoutbox) == 2


def test_the_time_zone_is_the_patients_choice(world, preference, mailoutbox):
    ReminderPreference.objects.filter(pk=preference.pk).update(timezone="Asia/Tokyo")
    # 01:00 UTC is 10:00 in Tokyo: before 20:00 there.
    assert reminders_send_due(now=AT_EIGHT_PM) == 0
    assert reminders_send_due(now=AT_EIGHT_PM + timedelta(hours=10)) == 1


def test_it_is_not_sent_after_the_patient_checked_in_today(world, preference, mailoutbox):
    checked_in(world, datetime(2026, 1, 14).date())  # the clinic's (New York) day
    assert reminders_send_due(now=AT_EIGHT_PM) == 0
    assert mailoutbox == []


def test_it_is_not_sent_when_switched_off_or_never_asked_for(world, preference, mailoutbox):
    ReminderPreference.objects.filter(pk=preference.pk).update(enabled=False)
    assert reminders_send_due(now=AT_EIGHT_PM) == 0
    preference.delete()
    assert reminders_send_due(now=AT_EIGHT_PM) == 0
    assert mailoutbox == []


def test_after_missed_days_it_is_a_gentle_nudge(world, preference, mailoutbox):
    checked_in(world, datetime(2026, 1, 10).date())
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    [message] = mailoutbox
    assert "whenever you're ready" in message.subject
    assert "no\ncatching up to do" in message.body or "no catching up" in message.body


def test_after_yesterdays_checkin_it_is_the_everyday_reminder(world, preference, mailoutbox):
    checked_in(world, datetime(2026, 1, 13).date())
    reminders_send_due(now=AT_EIGHT_PM)
    assert "time for today's check-in" in mailoutbox[0].subject


def test_the_email_has_one_click_unsubscribe_headers(world, preference, mailoutbox):
    reminders_send_due(now=AT_EIGHT_PM)
    [message] = mailoutbox
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    link = re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"])[1]
    assert link in message.body and link in message.alternatives[0].content


def unsubscribe_path(message):
    link = re.fullmatch(r"<(.+)>", message.extra_headers["List-Unsubscribe"])[1]
    return link.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_unsubscribe_link_asks_then_one_post_switches_reminders_off(
    world, preference, mailoutbox, client
):
    reminders_send_due(now=AT_EIGHT_PM)
    path = unsubscribe_path(mailoutbox[0])
    page = client.get(path)
    assert page.status_code == 200 and "Stop reminder emails" in page.text
    assert ReminderPreference.objects.get().enabled  # a link scanner's GET changes nothing
    # The mail client's one-click POST has no CSRF token and no session.
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and "Done" in response.text
    assert not ReminderPreference.objects.get().enabled
    assert reminders_send_due(now=AT_EIGHT_PM + timedelta(days=1)) == 0


@pytest.mark.parametrize("token", ["not-a-token", "eyJwYXRpZW50IjoxfQ:forged:sig", "x" * 500])
def test_a_forged_unsubscribe_link_changes_nothing(world, preference, client, token):
    url = reverse("diaries:reminder_unsubscribe", args=[token])
    assert "not valid" in client.get(url).text
    assert client.post(url).status_code == 400
    assert ReminderPreference.objects.get().enabled


def test_the_beat_task_runs_the_service(world, preference, mailoutbox):
    ReminderPreference.objects.filter(pk=preference.pk).update(time=time(0, 0), timezone="UTC")
    assert reminders() == 1


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_workers_at_once_send_one_reminder(world, preference, mailoutbox):
    results, barrier = [], threading.Barrier(2)

    def worker():
        barrier.wait()
        try:
            results.append(reminders_send_due(now=AT_EIGHT_PM))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [0, 1]
    assert len(mailoutbox) == 1


# --- the reminders page --------------------------------------------------------------------


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def test_the_page_offers_the_clinics_time_zone_first_time(world, patient_client):
    page = patient_client.get(reverse("diaries:reminders")).text
    assert f'<option value="{NEW_YORK}" selected>' in page


def test_a_patient_sets_their_reminder(world, patient_client):
    response = patient_client.post(
        reverse("diaries:reminders"),
        {"enabled": "on", "time": "07:30", "timezone": "Europe/Lisbon"},
    )
    assert response.status_code == 302
    preference = ReminderPreference.objects.get(patient=world.patient)
    assert (preference.enabled, preference.time, preference.timezone) == (
        True,
        time(7, 30),
        "Europe/Lisbon",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Choose a time for the reminder"),
        ({"time": "25:00", "timezone": NEW_YORK}, "Enter a time like 20:00."),
        ({"time": "<script>", "timezone": NEW_YORK}, "Enter a time like 20:00."),
        ({"time": "08:00", "timezone": "Mars/Olympus_Mons"}, "Choose a time zone from the list."),
        ({"time": "08:00", "timezone": "UTC\u202e"}, "Choose a time zone from the list."),
    ],
)
def test_bad_reminder_settings_are_refused(world, patient_client, data, message):
    response = patient_client.post(reverse("diaries:reminders"), data)
    assert response.status_code == 200 and message in response.text
    assert not ReminderPreference.objects.exists()
