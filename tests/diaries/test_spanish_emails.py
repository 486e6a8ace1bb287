"""A patient's reminder emails in their language (issue 19): their own
choice, else their clinic's country; never English words left in a Spanish
email, and never HTML escapes in the plain-text part."""

from datetime import UTC, datetime, time

import pytest

from apps.clinics.models import Membership
from apps.diaries.models import ReminderPreference
from apps.diaries.services import reminders_send_due

from .test_spanish_pages import english_left_on

AT_EIGHT_PM = datetime(2026, 1, 15, 1, 0, tzinfo=UTC)  # 20:00 in New York, 14 January


@pytest.fixture
def preference(world):
    return ReminderPreference.objects.create(
        patient=world.patient, enabled=True, time=time(20, 0), timezone="America/New_York"
    )


def sent(mailoutbox):
    assert reminders_send_due(now=AT_EIGHT_PM) == 1
    [message] = mailoutbox
    return message


def test_a_patient_who_chose_spanish_gets_the_reminder_in_spanish(world, preference, mailoutbox):
    Membership.objects.filter(user=world.patient).update(language="es")
    message = sent(mailoutbox)
    html = message.alternatives[0][0]
    assert message.subject == "Trellis: es hora de tu registro de hoy"
    assert message.body.startswith("Hola Pat:")
    assert '<html lang="es">' in html and "Abrir mi diario" in html
    assert english_left_on("<body>" + message.body) == set(), message.body
    assert english_left_on("<body>" + html) == set(), html


def test_a_patient_in_a_spanish_speaking_country_who_has_not_chosen_gets_spanish(
    world, preference, mailoutbox
):
    world.clinic.locale = "MX"
    world.clinic.save(update_fields=["locale"])
    assert "Hola" in sent(mailoutbox).body


def test_a_patient_who_chose_english_in_a_spanish_speaking_country_gets_english(
    world, preference, mailoutbox
):
    world.clinic.locale = "ES"
    world.clinic.save(update_fields=["locale"])
    Membership.objects.filter(user=world.patient).update(language="en")
    message = sent(mailoutbox)
    assert message.body.startswith("Hello Pat,")
    assert "time for today's check-in" in message.subject


def test_the_plain_text_reminder_has_no_html_escapes(world, preference, mailoutbox):
    world.patient.full_name = "D'Arcy Patient"
    world.patient.save(update_fields=["full_name"])
    body = sent(mailoutbox).body
    assert body.startswith("Hello D'Arcy,")
    assert "&#x27;" not in body and "&amp;" not in body
