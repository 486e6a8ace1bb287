"""The flagged entries in the session brief, its PDF, the patient page and the export
tell the same truth as the timeline: an entry the second reading lowered says so, a
private entry shows only the words a rule matched (with the kind of concern in words),
and never the semantic reader's passage (issue 17)."""

from django.urls import reverse

from apps.alerts.models import Alert
from apps.dashboards.brief_text import FOUND_AS_A_WHOLE, READ_AS_ORDINARY, brief_lines
from apps.dashboards.exports import checkin_row
from apps.dashboards.selectors import journal_view, session_brief
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.alerts.test_alert_why import semantic_alert

CLEARED = (
    "Tried the ghost pepper wings. Couldn't breathe for the first minute, then it was amazing."
)


def brief_page(client, world):
    return client.get(reverse("dashboards:brief", args=[world.patient.pk])).text


def excerpts(world):
    brief = session_brief(patient=world.patient, today=clinic_today(world.clinic))
    return dict(brief_lines(brief))["Flagged journal excerpts"]


def rows(world):
    checkins = list(CheckIn.objects.filter(patient=world.patient))
    return [checkin_row(c) for c in journal_view(checkins, Alert.objects.all())]


def test_an_entry_the_second_reading_lowered_is_marked_so_in_the_brief(world, client, monkeypatch):
    from apps.safety import services

    monkeypatch.setattr(services, "readers_score", lambda _text: 0.0)
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=7, journal=CLEARED)
    client.force_login(world.alice)
    html = brief_page(client, world)
    assert "read as ordinary</span>" in html
    assert "went to the daily digest, not a same-day alert" in html
    (line,) = excerpts(world)
    assert READ_AS_ORDINARY in line and "ghost pepper" in line
    assert READ_AS_ORDINARY in rows(world)[0]["safety_findings"]


def test_a_same_day_finding_in_the_brief_is_not_called_ordinary(world, client):
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=3, journal="I want to kill myself."
    )
    client.force_login(world.alice)
    assert "read as ordinary" not in brief_page(client, world)
    (line,) = excerpts(world)
    assert READ_AS_ORDINARY not in line


def test_a_private_entry_in_the_brief_pdf_names_the_concern_in_words_not_a_key(world):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="Secret. I want to kill myself."
    )
    CheckIn.objects.filter(pk=result.checkin.pk).update(is_private=True)
    (line,) = excerpts(world)
    assert line.endswith("(private entry): kill myself (thoughts or intent of ending their life)")
    assert "Secret" not in line


def test_the_semantic_readers_passage_of_a_private_entry_is_shown_nowhere(world, client):
    semantic_alert(world, private=True)
    client.force_login(world.alice)
    html = brief_page(client, world)
    assert "Gave the guitar" not in html and "Good week" not in html
    assert FOUND_AS_A_WHOLE.capitalize() in html
    patient = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "Gave the guitar" not in patient
    assert "Trellis read a possible crisis in it" in patient
    (line,) = excerpts(world)
    assert "Gave the guitar" not in line and FOUND_AS_A_WHOLE in line
    (row,) = rows(world)
    assert row["safety_findings"] == f"{FOUND_AS_A_WHOLE}; its words stay private"
    assert row["journal"] == ""


def test_the_semantic_readers_passage_of_a_shared_entry_stays_in_its_journal(world, client):
    semantic_alert(world)
    client.force_login(world.alice)
    assert "Gave the guitar to Sam" in brief_page(client, world)
    (row,) = rows(world)
    assert row["safety_findings"] == FOUND_AS_A_WHOLE
    assert "Gave the guitar" in row["journal"]
