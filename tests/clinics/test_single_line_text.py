"""Single-line text (issue 21, class 4): names and a clinic's name refuse line
breaks, control and direction characters, invisible-only values and claims
of a role, in words; email subjects are one line whatever they hold, so an
old row with a line break no longer fails every send."""

import pytest
from django.urls import reverse

from apps.alerts.models import Delivery
from apps.alerts.services import DeliveryOutcome, alert_deliver
from apps.clinics.csv_import import rows_parse
from apps.clinics.models import Clinic, Invitation, Role
from apps.clinics.text import name_problem, one_line, single_line_problem
from apps.diaries.services import checkin_submit

REFUSED = [
    ("Maple\nClinic", "one line"),
    ("Maple\rClinic", "one line"),
    ("Maple\x00", "one line"),
    ("Ada\u202eadA", "text-direction"),
    ("\u200b\u200f", "visible letters"),
    ("\u00a0 \u2060", "visible letters"),
]


@pytest.mark.parametrize(("value", "words"), REFUSED)
def test_what_cannot_be_one_line_text_is_said(value, words):
    assert words in single_line_problem(value)


@pytest.mark.parametrize("value", ["Maple Clinic", "José Núñez-O'Brien", "李小龍", "Zoë (she/her)"])
def test_ordinary_names_pass(value):
    assert name_problem(value) is None


@pytest.mark.parametrize(
    "value", ["Sam (your clinician)", "Trellis Support Team", "Ada, clinic admin", "Dr on-call"]
)
def test_a_name_may_not_claim_a_role(value):
    assert "cannot say a role" in name_problem(value)


@pytest.mark.parametrize(("value", "words"), REFUSED[:5])
def test_an_invitation_name_is_refused_and_nothing_saved(world, client, value, words):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:members"),
        {"email": "nia@maple.test", "full_name": value, "role": Role.CLINICIAN},
    )
    assert response.status_code == 200
    assert words in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_clinic_name_with_a_line_break_is_refused(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:settings"),
        {
            "name": "Maple\nClinic",
            "timezone": "America/New_York",
            "locale": "US",
            "phone_number": "+1 555 0100",
            "crisis_resources": "",
            "retention": "keep",
            "retention_days": 400,
        },
    )
    assert response.status_code == 200
    assert "one line" in response.content.decode()
    world.clinic.refresh_from_db()
    assert world.clinic.name == "Maple Clinic"


def test_a_bulk_invite_name_with_a_direction_override_is_refused():
    [row] = rows_parse("email,full_name,role\nnia@maple.test,Nia\u202eevil,patient\n".encode())
    assert row.error == "full_name: remove the text-direction control characters."


def test_an_alert_email_still_goes_when_an_old_clinic_name_holds_a_line_break(world, mailoutbox):
    Clinic.objects.filter(pk=world.clinic.pk).update(name="Maple\r\nClinic\u202e")
    [alert] = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts
    assert alert_deliver(alert_id=alert.pk) == DeliveryOutcome.DELIVERED
    assert mailoutbox and all("\n" not in m.subject for m in mailoutbox)
    assert Delivery.objects.filter(alert=alert, channel="email", outcome="sent").exists()


def test_one_line_makes_any_text_one_line():
    assert one_line(" a\r\nb\tc\u202e d ") == "a b c d"
