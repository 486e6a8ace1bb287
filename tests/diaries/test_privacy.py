"""A private entry: clinicians see that it exists and any safety finding it
raised (with the matched words), never the rest of the text: not on their
pages, not in an export, not in any email."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.alerts.services import alert_deliver
from apps.diaries.models import ReminderPreference
from apps.diaries.services import checkin_submit, reminders_send_due

from .helpers import today

SECRET = "Lunch with Morgan at the harbour"
PRIVATE_JOURNAL = f"{SECRET}. I want to kill myself. The soup was cold."
OPEN_JOURNAL = "Walked the dog by the canal."


@pytest.fixture
def private_crisis(world):
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal=OPEN_JOURNAL,
        local_date=today(world) - timedelta(days=1),
    )
    return checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal=PRIVATE_JOURNAL,
        side_effects=[("other", "Shaking hands since Tuesday", "severe")],
        is_private=True,
    )


def clinician_pages(client, world, result):
    alert = next(a for a in result.alerts if a.rule == "crisis_language")
    return {
        "patient": client.get(reverse("dashboards:patient", args=[world.patient.pk])),
        "alert": client.get(reverse("alerts:detail", args=[alert.pk])),
        "inbox": client.get(reverse("alerts:inbox")),
        "caseload": client.get(reverse("dashboards:caseload")),
    }


@pytest.mark.parametrize("who", ["alice", "admin"])
def test_a_private_entrys_text_never_reaches_a_clinicians_page(world, client, private_crisis, who):
    client.force_login(getattr(world, who))
    for name, response in clinician_pages(client, world, private_crisis).items():
        assert response.status_code == 200, name
        assert SECRET not in response.text, name
        assert "soup was cold" not in response.text, name


def test_the_clinician_sees_the_entry_exists_with_its_matched_words(world, client, private_crisis):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "marked this entry private" in page
    assert "<mark" in page and "kill myself" in page
    # The severe side effect is a safety finding, so it is shown.
    assert "Shaking hands since Tuesday" in page
    # The other, ordinary entry is shown in full.
    assert OPEN_JOURNAL in page


def test_an_entry_that_is_not_private_shows_its_text(world, client):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal=SECRET)
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert SECRET in page and "marked this entry private" not in page


def test_no_alert_email_carries_a_private_entrys_text(world, private_crisis, mailoutbox):
    for alert in private_crisis.alerts:
        alert_deliver(alert_id=alert.pk)
    assert mailoutbox
    for message in mailoutbox:
        for part in (message.subject, message.body, *[a.content for a in message.alternatives]):
            assert SECRET not in part and "kill myself" not in part


def test_no_reminder_email_carries_any_entry_text(world, private_crisis, mailoutbox):
    ReminderPreference.objects.create(patient=world.patient, timezone="UTC", time="00:00")
    # Reminders go only to those who have not checked in today: make it another day's.
    world.patient.checkins.filter(local_date=today(world)).update(
        local_date=today(world) - timedelta(days=5)
    )
    assert reminders_send_due() == 1
    [message] = mailoutbox
    for part in (message.subject, message.body, message.alternatives[0].content):
        assert SECRET not in part and OPEN_JOURNAL not in part and "kill" not in part


@pytest.mark.parametrize("name", ["diaries:export_csv", "diaries:export_json"])
@pytest.mark.parametrize("who", ["alice", "admin", "bob"])
def test_a_clinician_cannot_download_the_patients_diary(world, client, private_crisis, name, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse(name))
    assert response.status_code == 404
    assert SECRET.encode() not in response.content


def test_the_patients_own_download_includes_their_private_text(world, client, private_crisis):
    client.force_login(world.patient)
    assert SECRET in client.get(reverse("diaries:export_csv")).content.decode()


def test_the_patient_is_told_plainly_before_their_first_entry(world, client):
    client.force_login(world.patient)
    page = client.get(reverse("diaries:today")).text
    assert "Before you write: who reads your diary" in page
    assert "mark an entry <strong>private</strong>" in page
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="")
    assert "Before you write" not in client.get(reverse("diaries:today")).text


def test_the_journal_is_encrypted_at_rest(world):
    from django.db import connection

    from apps.diaries.models import CheckIn
    from apps.diaries.services import checkin_submit

    text = "A quiet walk by the canal; slept well."
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal=text)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT journal FROM {CheckIn._meta.db_table} WHERE id = %s", [result.checkin.pk]
        )
        (stored,) = cursor.fetchone()
    assert "canal" not in stored and stored.startswith("fernet:")
    assert CheckIn.objects.get(pk=result.checkin.pk).journal == text
