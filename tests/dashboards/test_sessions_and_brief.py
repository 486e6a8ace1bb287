"""Sessions on record, and the brief of what happened since the last one."""

from datetime import timedelta

import pytest
from django.urls import reverse

from apps.alerts.services import alert_resolve
from apps.audit.models import AccessEvent
from apps.dashboards.models import Session
from apps.diaries.models import CheckIn, QuestionnaireResponse, SideEffect
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.protocols.conftest import assign


def sessions_url(world):
    return reverse("dashboards:sessions", args=[world.patient.pk])


def brief_url(world):
    return reverse("dashboards:brief", args=[world.patient.pk])


def today(world):
    return clinic_today(world.clinic)


def test_alice_records_a_session_with_private_notes(world, client):
    client.force_login(world.alice)
    response = client.post(
        sessions_url(world),
        {"date": today(world).isoformat(), "notes": "Talked about <b>sleep</b>"},
    )
    assert response.status_code == 302
    session = Session.objects.get()
    assert (session.patient, session.clinician, session.notes) == (
        world.patient,
        world.alice,
        "Talked about <b>sleep</b>",
    )
    page = client.get(sessions_url(world)).text
    assert "Talked about &lt;b&gt;sleep&lt;/b&gt;" in page


def test_a_double_submit_keeps_one_session_and_explains(world, client):
    client.force_login(world.alice)
    data = {"date": today(world).isoformat(), "notes": "x"}
    client.post(sessions_url(world), data)
    response = client.post(sessions_url(world), data)
    assert response.status_code == 200
    assert "already recorded" in response.text
    assert Session.objects.count() == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"date": "2199-01-01", "notes": ""}, "within the next year"),
        ({"date": "2999-01-01", "notes": ""}, "between 1900 and 2199"),
        ({"date": "not a date", "notes": ""}, "YYYY-MM-DD"),
        ({"date": "", "notes": ""}, "This field is required"),
        ({"date": "2026-11-01", "notes": "x" * 20_001}, "Keep the notes under"),
    ],
)
def test_a_bad_session_form_explains_and_saves_nothing(world, client, data, message):
    client.force_login(world.alice)
    response = client.post(sessions_url(world), data)
    assert response.status_code == 200
    assert message in response.text
    assert not Session.objects.exists()


def test_odd_unicode_in_notes_is_kept_and_a_nul_byte_is_explained(world, client):
    client.force_login(world.alice)
    day = today(world).isoformat()
    response = client.post(sessions_url(world), {"date": day, "notes": "ok\x00"})
    assert "Null characters are not allowed" in response.text
    assert not Session.objects.exists()
    client.post(sessions_url(world), {"date": day, "notes": "👩‍⚕️ ok \u202e"})
    assert Session.objects.get().notes == "👩‍⚕️ ok \u202e"


@pytest.mark.parametrize("role", ["admin", "bob", "charlie", "patient"])
def test_only_the_patients_own_clinician_records_a_session(world, client, role):
    client.force_login(world.by_role(role))
    response = client.post(sessions_url(world), {"date": today(world).isoformat()})
    assert response.status_code == 404
    assert not Session.objects.exists()


def brief_world(world):
    """A session 10 days ago; a calm baseline before it, a worse stretch since."""
    now = today(world)
    Session.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        clinician=world.alice,
        date=now - timedelta(days=10),
    )
    for offset in range(11, 25):
        before = CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=now - timedelta(days=offset),
            mood=7,
        )
    SideEffect.objects.create(
        checkin=before, key="psilocybin:1", description="Nausea", severity="mild"
    )
    for offset in (2, 4, 6):
        after = CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=now - timedelta(days=offset),
            mood=4,
        )
    SideEffect.objects.create(
        checkin=after, key="psilocybin:1", description="Nausea", severity="moderate"
    )
    SideEffect.objects.create(
        checkin=after, key="other", description="Ringing ears", severity="mild"
    )
    for days_ago, total in [(30, 6), (3, 14)]:
        QuestionnaireResponse.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            instrument="phq9",
            local_date=now - timedelta(days=days_ago),
            answers={},
            total=total,
            band="moderate" if total > 9 else "mild",
        )
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    )
    alert_resolve(alert=result.alerts[0], by=world.alice, note="Called; safety plan reviewed.")
    return result


def test_the_brief_says_what_changed_since_the_last_session(world, client):
    brief_world(world)
    client.force_login(world.alice)
    page = client.get(brief_url(world)).text
    assert "the last session on" in page
    assert "Mood dropped: last entry 2 on " in page and "5 below their usual 7." in page
    assert "Crisis language" in page and "resolved" in page and "safety plan reviewed" in page
    assert "Nausea (moderate, worse)" in page
    assert "Ringing ears (mild, new)" in page
    assert "RELIABLE CHANGE: deteriorated (from 6)" in page
    assert 'title="thoughts or intent of ending their life">kill myself</mark>' in page


def test_the_brief_counts_missed_days_on_a_plan(world, client):
    assign(world, started_days_ago=4)
    client.force_login(world.alice)
    page = client.get(brief_url(world)).text
    assert "4 days on the plan without a check-in" in page


def test_the_brief_does_not_count_missed_days_without_a_plan(world, client):
    client.force_login(world.alice)
    page = client.get(brief_url(world)).text
    assert "No plan in this period, so no check-in was due." in page
    assert "0 days on the plan" not in page


def test_a_private_flagged_entry_shows_only_its_words_in_the_brief_and_pdf(world, client):
    result = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="Secret words. I want to kill myself.",
    )
    CheckIn.objects.filter(pk=result.checkin.pk).update(is_private=True)
    client.force_login(world.alice)
    page = client.get(brief_url(world)).text
    assert "Secret words" not in page
    assert '<mark title="thoughts or intent of ending their life">kill myself</mark>' in page
    assert 'title="suicidal"' not in page  # never a category key, not even in a tooltip
    pdf = client.get(reverse("dashboards:brief_pdf", args=[world.patient.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert b"Secret words" not in pdf.content


def test_the_brief_downloads_as_a_pdf_and_both_record_access(world, client):
    brief_world(world)
    client.force_login(world.alice)
    client.get(brief_url(world))
    response = client.get(reverse("dashboards:brief_pdf", args=[world.patient.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 1000
    assert list(AccessEvent.objects.order_by("pk").values_list("action", flat=True)) == [
        "view_session_brief",
        "download_session_brief",
    ]


def test_the_brief_has_a_print_stylesheet(world, client):
    from pathlib import Path

    css = Path("static/css/trellis.css").read_text()
    assert "@media print" in css and ".session-brief" in css
    client.force_login(world.alice)
    assert 'class="session-brief"' in client.get(brief_url(world)).text


@pytest.mark.parametrize("role", ["bob", "charlie", "patient"])
def test_an_outsider_gets_404_for_the_brief_and_its_pdf(world, client, role):
    client.force_login(world.by_role(role))
    assert client.get(brief_url(world)).status_code == 404
    assert client.get(reverse("dashboards:brief_pdf", args=[world.patient.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_pdf_still_downloads_without_a_unicode_font_on_the_machine(
    world, client, monkeypatch, tmp_path
):
    from apps.dashboards import pdf

    monkeypatch.setattr(pdf, "UNICODE_FONT", tmp_path / "missing.ttf")
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="😢 Ça va mal; I want to kill myself.",
    )
    client.force_login(world.alice)
    response = client.get(reverse("dashboards:brief_pdf", args=[world.patient.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_an_alert_raised_before_the_session_and_raised_again_since_flags_the_new_entry(
    world, client
):
    now = today(world)
    first = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=3,
        journal="I want to kill myself.",
        local_date=now - timedelta(days=20),
    ).alerts[0]
    Session.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        clinician=world.alice,
        date=now - timedelta(days=10),
    )
    again = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="Still I want to kill myself."
    )
    first.refresh_from_db()
    assert again.alerts == [] or again.alerts[0].pk == first.pk  # the same alert, raised again
    client.force_login(world.alice)
    page = client.get(brief_url(world)).text
    assert 'Still I want to <mark class="why-words' in page
    assert 'title="thoughts or intent of ending their life">kill myself</mark>' in page


def test_session_notes_and_built_exports_are_encrypted_at_rest(world):
    from datetime import date

    from django.db import connection

    from apps.dashboards.models import Export, Session
    from apps.dashboards.services import export_build, export_request, session_record
    from apps.diaries.services import checkin_submit, today_for

    session = session_record(
        patient=world.patient,
        clinic=world.clinic,
        clinician=world.alice,
        day=date(2026, 11, 2),
        notes="Talked about the allotment and her sister.",
    )
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=6, journal="Weeded the allotment."
    )
    today = today_for(clinic=world.clinic)
    export = export_request(
        by=world.alice, patient=world.patient, fmt="csv", first=today, last=today
    )
    export_build(export_id=export.pk)

    def stored(model, field, pk):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {field} FROM {model._meta.db_table} WHERE id = %s", [pk])
            return cursor.fetchone()[0]

    assert stored(Session, "notes", session.pk).startswith("fernet:")
    assert "allotment" not in stored(Session, "notes", session.pk)
    assert "allotment" not in stored(Export, "content", export.pk)
    assert "allotment" in Export.objects.get(pk=export.pk).content
