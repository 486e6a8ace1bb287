"""The check-in's cheaper path (docs/BENCHMARKS.md, the check-in section)
keeps every promise of the old one: the missed-check-ins alert still closes
when the patient checks in, however they check in; the clinic's thresholds
still apply; and "saved" still travels to the next page only for an entry
that is in the database, and only for that patient."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.alerts.models import Alert, AlertState
from apps.clinics.models import Membership
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit, today_for
from apps.diaries.views import DRAFT_SAVED_COOKIE
from apps.safety.services import MISSED_CHECKINS, Finding

from .helpers import entry_written_on, post_checkin


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def missed_alert(world, patient=None, state=AlertState.PENDING):
    from apps.alerts.services import raise_for

    [alert] = raise_for(
        clinic=world.clinic,
        patient=patient or world.patient,
        findings=[
            Finding(rule=MISSED_CHECKINS, severity="low", summary="No check-in", is_crisis=False)
        ],
    )
    Alert.objects.filter(pk=alert.pk).update(state=state)
    return alert


def today(world):
    return today_for(clinic=world.clinic)


# --- the missed-check-ins alert ------------------------------------------------------------


@pytest.mark.parametrize("state", [AlertState.PENDING, AlertState.DELIVERED, AlertState.FAILED])
def test_a_first_check_in_closes_an_open_missed_check_ins_alert(world, patient_client, state):
    alert = missed_alert(world, state=state)
    post_checkin(patient_client, mood="6")
    alert.refresh_from_db()
    assert alert.state == AlertState.RESOLVED and "checked in" in alert.resolution_note


def test_an_acknowledged_missed_alert_is_left_to_the_clinician_as_before(world, patient_client):
    alert = missed_alert(world, state=AlertState.ACKNOWLEDGED)
    post_checkin(patient_client, mood="6")
    alert.refresh_from_db()
    assert alert.state == AlertState.ACKNOWLEDGED


def test_a_second_save_the_same_day_closes_an_alert_raised_in_between(world, patient_client):
    post_checkin(patient_client, mood="6")
    alert = missed_alert(world)
    post_checkin(patient_client, mood="7")
    alert.refresh_from_db()
    assert alert.state == AlertState.RESOLVED


def test_a_late_entry_closes_the_alert_too(world, patient_client):
    alert = missed_alert(world)
    day = today(world) - timedelta(days=2)
    post_checkin(patient_client, mood="6", local_date=day.isoformat())
    assert CheckIn.objects.get(patient=world.patient).local_date == day
    alert.refresh_from_db()
    assert alert.state == AlertState.RESOLVED


def test_closing_leaves_other_rules_and_other_patients_alone(world, patient_client):
    theirs = missed_alert(world, patient=world.other_patient)
    from apps.alerts.services import raise_for

    [mine] = raise_for(
        clinic=world.clinic,
        patient=world.patient,
        findings=[
            Finding(
                rule="sustained_low", severity="moderate", summary="Low for days", is_crisis=False
            )
        ],
    )
    post_checkin(patient_client, mood="6")
    for alert in (theirs, mine):
        alert.refresh_from_db()
        assert alert.state == AlertState.PENDING


def test_with_an_open_missed_alert_the_check_in_costs_one_more_query_the_update(
    world, patient_client
):
    from .test_checkin_queries import FIRST_CHECKIN_QUERIES

    missed_alert(world)
    with CaptureQueriesContext(connection) as queries:
        post_checkin(patient_client, mood="6")
    sqls = [query["sql"] for query in queries.captured_queries]
    assert len(sqls) <= FIRST_CHECKIN_QUERIES + 1
    assert [sql for sql in sqls if sql.startswith('UPDATE "alerts_alert"')]


# --- the clinic's thresholds, from the clinic the view loaded ------------------------------


def test_the_clinics_thresholds_apply_to_a_check_in(world, patient_client):
    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    response = post_checkin(patient_client, mood="4")
    assert response["Location"].startswith(reverse("diaries:crisis"))
    assert Alert.objects.get(patient=world.patient).rule == "very_low_mood"


def test_the_patients_own_thresholds_still_win_over_the_clinics(world):
    from apps.safety.risk import risk_settings_update

    world.clinic.risk_defaults = {"very_low_mood": {"threshold": 4}}
    world.clinic.save()
    risk_settings_update(
        patient=world.patient,
        overrides={"very_low_mood": {"threshold": 2}},
        reason="Usually low",
        by=world.alice,
    )
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=4, journal="")
    assert result.alerts == []


# --- "saved": the draft is forgotten only for an entry that is saved -----------------------


def test_a_saved_late_entry_forgets_that_days_draft(world, patient_client):
    day = today(world) - timedelta(days=1)
    response = post_checkin(patient_client, mood="6", local_date=day.isoformat())
    key = f"trellis-diary-{world.patient.pk}-{day.isoformat()}"
    page = patient_client.get(response["Location"]).text
    assert f'data-draft-saved="{key}"' in page
    assert "data-draft-saved" not in patient_client.get(response["Location"]).text


def test_after_a_crisis_save_the_next_diary_page_forgets_the_draft(world, patient_client):
    response = post_checkin(patient_client, mood="2")
    assert response["Location"].startswith(reverse("diaries:crisis"))
    key = f"trellis-diary-{world.patient.pk}-{today(world).isoformat()}"
    assert f'data-draft-saved="{key}"' in patient_client.get(reverse("diaries:today")).text


def test_a_refused_save_does_not_say_saved(world, patient_client):
    day = today(world) - timedelta(days=1)
    entry_written_on(world, local_date=day, days_ago=1)
    response = post_checkin(patient_client, mood="6", local_date=day.isoformat())
    assert response.status_code == 200 and DRAFT_SAVED_COOKIE not in response.cookies
    page = patient_client.get(reverse("diaries:today") + f"?date={day.isoformat()}").text
    assert "data-draft-saved" not in page


def set_saved_cookie(client, *, patient_pk, day):
    from django.http import HttpResponse

    response = HttpResponse()
    response.set_signed_cookie(
        DRAFT_SAVED_COOKIE, day.isoformat(), salt=f"diaries.draft_saved.{patient_pk}"
    )
    value = response.cookies[DRAFT_SAVED_COOKIE].value
    client.cookies[DRAFT_SAVED_COOKIE] = value
    client.cookies[DRAFT_SAVED_COOKIE]["path"] = reverse("diaries:today")


def test_a_saved_cookie_for_a_day_without_an_entry_is_not_believed(world, patient_client):
    set_saved_cookie(patient_client, patient_pk=world.patient.pk, day=today(world))
    assert not CheckIn.objects.filter(patient=world.patient).exists()
    response = patient_client.get(reverse("diaries:today"))
    assert "data-draft-saved" not in response.text
    # And it is spent.
    assert response.cookies[DRAFT_SAVED_COOKIE].value == ""


def test_another_patients_saved_cookie_is_not_believed(world, patient_client):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="")
    set_saved_cookie(patient_client, patient_pk=world.other_patient.pk, day=today(world))
    assert "data-draft-saved" not in patient_client.get(reverse("diaries:today")).text


def test_a_forged_saved_cookie_is_not_believed(world, patient_client):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="")
    patient_client.cookies[DRAFT_SAVED_COOKIE] = today(world).isoformat()
    assert "data-draft-saved" not in patient_client.get(reverse("diaries:today")).text


# --- the membership the view uses is the request's --------------------------------------


def test_a_patient_whose_membership_ended_gets_no_diary(world, patient_client):
    Membership.objects.filter(user=world.patient).update(is_active=False)
    assert patient_client.post(reverse("diaries:today"), {"mood": "6"}).status_code == 404
    assert not CheckIn.objects.exists()


# --- the one hand-written query agrees with the ORM ---------------------------------------


@pytest.mark.parametrize("with_alert", [False, True])
@pytest.mark.parametrize("with_settings", [False, True])
def test_the_evaluation_query_agrees_with_the_orm(world, with_alert, with_settings):
    from apps.alerts.services import open_alerts_for_rule
    from apps.diaries.services import _evaluation_inputs, _mood_series
    from apps.safety.risk import overrides_for, risk_settings_update

    for days_ago, mood in [(50, 3), (44, 4), (10, 5), (1, 7)]:
        entry_written_on(
            world, local_date=today(world) - timedelta(days=days_ago), days_ago=0, mood=mood
        )
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="")
    entry_written_on(
        world,
        local_date=today(world) - timedelta(days=3),
        days_ago=0,
        patient=world.other_patient,
        mood=1,
    )
    if with_alert:
        missed_alert(world)
    missed_alert(world, patient=world.other_patient)
    if with_settings:
        risk_settings_update(
            patient=world.patient,
            overrides={"very_low_mood": {"threshold": 2}},
            reason="Usually low",
            by=world.alice,
        )
    for until in (today(world), today(world) - timedelta(days=2)):
        series, missed_open, own = _evaluation_inputs(patient=world.patient, until=until)
        assert series == _mood_series(patient=world.patient, until=until)
        assert (
            missed_open
            == open_alerts_for_rule(patient=world.patient, rule=MISSED_CHECKINS).exists()
        )
        assert own == overrides_for(patient=world.patient)
    assert len(_mood_series(patient=world.patient, until=today(world))) == 4


# --- the form's shared fields ------------------------------------------------------------


def field_state(fields):
    """What a page could change on a field: its widget's attributes and choices,
    its label, required flag and error messages."""
    return {
        name: (
            dict(field.widget.attrs),
            list(getattr(field, "choices", [])),
            field.label,
            field.required,
            dict(field.error_messages),
        )
        for name, field in fields.items()
    }


def test_check_in_forms_share_one_field_set_and_no_page_changes_it(world, patient_client):
    from apps.diaries.forms import CheckInForm, _shared_fields

    shared, _ = _shared_fields(CheckInForm)
    before = field_state(shared)
    # Every way the page is drawn: empty, with an entry, refused with errors.
    patient_client.get(reverse("diaries:today"))
    post_checkin(patient_client, mood="6", journal="A walk.", other_effect="x")
    patient_client.get(reverse("diaries:today"))
    post_checkin(patient_client, mood="11")
    assert field_state(shared) == before
    # The class's own fields stay the declared ones; each form has its own dict.
    assert not any(name.startswith("effect_") for name in CheckInForm.base_fields)
    first, second = CheckInForm(today=today(world)), CheckInForm(today=today(world))
    assert first.fields is not second.fields and first.fields == second.fields
    assert any(name.startswith("effect_") for name in first.fields)


def test_one_forms_errors_do_not_reach_the_next_form(world):
    from apps.diaries.forms import CheckInForm

    refused = CheckInForm({"mood": "11"}, today=today(world))
    assert not refused.is_valid() and "mood" in refused.errors
    accepted = CheckInForm({"mood": "5"}, today=today(world))
    assert accepted.is_valid(), accepted.errors
