"""The alert page is where the clinician acts (issue 18): how to reach the
patient, their safety plan, two weeks of mood, the latest entries, who was
told and who looked, and what was done, which acknowledges the alert."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.alerts import page as alert_page
from apps.alerts import services as alert_services
from apps.alerts.models import AlertAction, AlertState, Delivery
from apps.alerts.services import alert_acknowledge, alert_action_record
from apps.audit.models import AccessEvent
from apps.audit.services import access_record
from apps.clinics.access import break_glass_open
from apps.clinics.models import OnCallShift
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.safety.forms import SafetyPlanForm
from apps.safety.models import SafetyPlan
from apps.safety.safety_plans import safety_plan_update


def open_page(client, alert):
    response = client.get(reverse("alerts:detail", args=[alert.pk]))
    assert response.status_code == 200
    return response.text


def record(client, alert, **data):
    return client.post(reverse("alerts:record_action", args=[alert.pk]), data)


def plan_with_phones(world, **extra):
    return safety_plan_update(
        patient=world.patient,
        data={
            "warning_signs": "Not sleeping, pulling away from friends",
            "trusted_person": "Sam, my sister",
            "trusted_person_phone": "+1 (555) 010-2030",
            "patient_phone": "555 010 9999",
            **extra,
        },
        by=world.alice,
    )


def entry(world, days_ago, mood, journal="", **fields):
    return CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        local_date=today_for(clinic=world.clinic) - timedelta(days=days_ago),
        mood=mood,
        journal=journal,
        **fields,
    )


# --- how to reach the patient -------------------------------------------------------------


def test_the_patient_and_their_trusted_person_are_tap_to_call_links(world, client, crisis_alert):
    plan_with_phones(world)
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert 'href="tel:5550109999">Call 555 010 9999</a>' in html
    assert 'href="tel:+15550102030">Call +1 (555) 010-2030</a>' in html
    assert "Sam, my sister" in html
    # The contacts come before the entry: the first thing after the headline.
    assert html.index("Reach the patient") < html.index("The entry")


def test_a_missing_number_reads_not_on_record_never_an_empty_space(world, client, crisis_alert):
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert "tel:" not in html
    assert "phone not on record" in html  # the patient's own line
    assert html.count("not on record") == 2
    assert "Add or change these numbers on the safety plan" in html


def test_tel_links_dial_the_digits_and_keep_a_leading_plus():
    assert alert_page.tel_href("+44 20 7946 0958") == "tel:+442079460958"
    assert alert_page.tel_href("(555) 010-2030") == "tel:5550102030"
    assert alert_page.tel_href("") == ""
    assert alert_page.tel_href("  ") == ""


def test_the_care_team_edits_the_numbers_on_the_safety_plan_form_which_refuses_words(world, client):
    form = SafetyPlanForm({"patient_phone": "call me maybe"})
    assert not form.is_valid()
    assert "phone number in digits" in form.errors["patient_phone"][0]
    assert SafetyPlanForm({"patient_phone": "+1 555-010-2030"}).is_valid()
    client.force_login(world.alice)
    response = client.post(
        reverse("dashboards:safety_plan", args=[world.patient.pk]),
        {"patient_phone": "555 010 7777", "trusted_person_phone": "555 010 8888"},
    )
    assert response.status_code == 302
    plan = SafetyPlan.objects.get(patient=world.patient)
    assert (plan.patient_phone, plan.trusted_person_phone) == ("555 010 7777", "555 010 8888")


def test_the_numbers_stay_off_the_patients_crisis_page_sections(world):
    plan = plan_with_phones(world)
    assert [label for label, _value in plan.filled_sections] == [
        "Warning signs that a crisis may be developing",
        "My trusted support person",
    ]


# --- the safety plan ------------------------------------------------------------------------


def test_the_safety_plan_is_summarised_folded_in_a_details(world, client, crisis_alert):
    plan_with_phones(world)
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    start = html.index('<details class="alert-plan" data-open-wide>')
    folded = html[start : html.index("</details>", start)]
    assert "Warning signs that a crisis may be developing" in folded
    assert "Not sleeping, pulling away from friends" in folded
    assert "2 sections, last changed" in folded


def test_no_safety_plan_says_so_and_offers_the_care_team_a_link_to_write_one(
    world, client, crisis_alert
):
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert "No safety plan yet." in html
    assert "Write one with the patient" in html
    client.force_login(world.admin)  # reads; only the care team writes the plan
    html = open_page(client, crisis_alert)
    assert "No safety plan yet." in html and "Write one with the patient" not in html


# --- two weeks of mood -----------------------------------------------------------------------


def test_days_without_a_check_in_are_gaps_in_the_line_not_zeros():
    first = date(2026, 11, 20)
    days = [(first + timedelta(days=i), None) for i in range(14)]
    days[0] = (days[0][0], 7)
    days[1] = (days[1][0], 6)
    days[5] = (days[5][0], 2)
    days[6] = (days[6][0], 3)
    chart = alert_page.mood_chart(days=days, marked=days[5][0])
    assert len(chart.lines) == 2  # two runs, no line across the four empty days
    assert len(chart.dots) == 4
    zero_y = dict((label, y) for y, label in chart.ticks)["0"]
    assert all(y != zero_y for _x, y, _day, _mood in chart.dots)
    assert chart.marker_x == chart.dots[2][0]
    assert chart.summary == (
        "4 check-ins in 14 days, mood from 2 to 7 out of 10; 2 on the alert's day (Wed 25 Nov)."
    )


def test_the_chart_says_when_the_alerts_day_had_no_check_in():
    days = [(date(2026, 11, 20) + timedelta(days=i), None) for i in range(14)]
    chart = alert_page.mood_chart(days=days, marked=days[3][0])
    assert chart.lines == [] and chart.marker_x is not None
    assert chart.summary == "No check-ins in the 14 days shown."


def test_an_old_alerts_chart_is_the_two_weeks_around_it():
    today = date(2026, 12, 4)
    assert alert_page.mood_window(today=today, marked=today) == (date(2026, 11, 21), today)
    first, last = alert_page.mood_window(today=today, marked=date(2026, 10, 1))
    assert (first, last) == (date(2026, 9, 25), date(2026, 10, 8))
    # An entry dated in the patient's tomorrow (their zone is ahead of the clinic's).
    assert alert_page.mood_window(today=today, marked=date(2026, 12, 5))[1] == date(2026, 12, 5)


def test_the_page_draws_the_mood_chart_with_its_words(world, client, crisis_alert):
    entry(world, 2, 7)
    entry(world, 1, 6)
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert '<svg class="alert-mood"' in html
    assert "3 check-ins in 14 days, mood from 4 to 7 out of 10; 4 on the alert&#x27;s day" in html
    assert "no check-in" in html  # the table in words shows the empty days
    assert "(the alert's day)" in html
    assert html.count("<polyline") == 1  # three days in a row: one line


# --- the latest entries -----------------------------------------------------------------------


def test_the_latest_entries_are_the_others_and_a_private_one_shows_only_that(
    world, client, crisis_alert
):
    entry(world, 1, 6, "Walked by the river with Sam.")
    entry(world, 2, 5, "Secret garden words.", is_private=True)
    entry(world, 3, 7, "A good day at work.")
    entry(world, 4, 8, "Oldest, not among the three.")
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    section = html[html.index('id="latest-heading"') :]
    assert "Walked by the river with Sam." in section
    assert "A good day at work." in section
    assert "Secret garden" not in html
    assert "The patient marked this entry private." in section
    assert "Oldest, not among the three." not in section
    assert "I want to kill myself." not in section  # the alert's own entry is above


# --- who was told, who looked ------------------------------------------------------------------


def test_who_was_told_is_a_short_list_with_clinic_times(world, client, crisis_alert):
    Delivery.objects.create(
        alert=crisis_alert,
        channel="email",
        target="email:user:1",
        recipient=world.alice,
        outcome="sent",
    )
    Delivery.objects.create(
        alert=crisis_alert,
        channel="in_app",
        target="in_app:user:1",
        recipient=world.alice,
        outcome="sent",
    )
    Delivery.objects.create(
        alert=crisis_alert,
        channel="email",
        target="email:user:2",
        recipient=world.admin,
        outcome="error",
        detail="refused",
    )
    told = alert_page.told_list(deliveries=list(crisis_alert.deliveries.all()))
    assert [(t.name, t.channels) for t in told] == [("Alice Clinician", ["email", "Trellis inbox"])]
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert "Alice Clinician, " in html and "(email, Trellis inbox)</li>" in html
    assert " EST (email" in html  # the clinic's zone, labelled


def test_the_page_says_who_else_looked_at_this_alert(world, client, crisis_alert):
    client.force_login(world.admin)
    open_page(client, crisis_alert)
    open_page(client, crisis_alert)
    access_record(actor=world.admin, patient=world.patient, action="view_patient")  # not this page
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert "Ada Admin, last " in html and "(2 times)" in html
    client.force_login(world.admin)
    html = open_page(client, crisis_alert)
    assert "Alice Clinician, last " in html and "Ada Admin, last" not in html


# --- what was done ---------------------------------------------------------------------------


def test_recording_no_answer_acknowledges_the_alert_with_that_note(world, client, crisis_alert):
    client.force_login(world.alice)
    html = open_page(client, crisis_alert)
    assert "Recording it also acknowledges the alert" in html
    response = record(client, crisis_alert, outcome="no_answer", note="will try at 5")
    assert response.status_code == 302
    crisis_alert.refresh_from_db()
    assert crisis_alert.state == AlertState.ACKNOWLEDGED
    assert crisis_alert.acknowledged_by == world.alice
    assert crisis_alert.acknowledgement_note == "Called, no answer or left a message: will try at 5"
    html = client.get(response["Location"]).text
    assert "Recorded: called, no answer or left a message. The alert is acknowledged" in html
    assert "Alice Clinician: Called, no answer or left a message (“will try at 5”)" in html


def test_a_later_action_joins_the_trail_without_changing_the_acknowledgement(
    world, client, crisis_alert
):
    alert_acknowledge(alert=crisis_alert, by=world.alice, note="seen, calling")
    client.force_login(world.admin)
    assert record(client, crisis_alert, outcome="emergency").status_code == 302
    crisis_alert.refresh_from_db()
    assert crisis_alert.acknowledgement_note == "seen, calling"
    assert crisis_alert.acknowledged_by == world.alice
    assert AlertAction.objects.get().by == world.admin
    html = open_page(client, crisis_alert)
    assert "Ada Admin: Sent emergency services" in html
    assert "Recording it also acknowledges" not in html


@pytest.mark.parametrize(
    "data, problem",
    [
        ({}, "Choose what was done."),
        ({"outcome": "suicidal_passive"}, "Choose what was done from the list."),
        ({"outcome": "other"}, "Say in the note what was done."),
        ({"outcome": "reached", "note": "x" * 2001}, "Keep the note under 2000 characters"),
    ],
)
def test_a_bad_answer_is_explained_on_the_page_and_nothing_is_saved(
    world, client, crisis_alert, data, problem
):
    client.force_login(world.alice)
    response = record(client, crisis_alert, **data)
    assert response.status_code == 400
    assert problem in response.text
    assert not AlertAction.objects.exists()
    crisis_alert.refresh_from_db()
    assert crisis_alert.state != AlertState.ACKNOWLEDGED


def test_the_typed_note_is_kept_when_the_outcome_was_forgotten(world, client, crisis_alert):
    client.force_login(world.alice)
    response = record(client, crisis_alert, note="rang twice, voicemail")
    assert ">rang twice, voicemail</textarea>" in response.text


def test_nothing_is_half_saved_when_the_acknowledgement_fails(world, crisis_alert, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(alert_services, "alert_acknowledge", broken)
    with pytest.raises(RuntimeError):
        alert_action_record(alert=crisis_alert, by=world.alice, outcome="reached")
    assert not AlertAction.objects.exists()


def test_the_service_refuses_an_outcome_that_is_not_on_the_list(world, crisis_alert):
    with pytest.raises(ValueError):
        alert_action_record(alert=crisis_alert, by=world.alice, outcome="dropped")
    assert not AlertAction.objects.exists()


def test_on_call_cover_may_record_but_break_glass_only_reads(world, client, crisis_alert):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    client.force_login(world.bob)
    assert "Record what was done" in open_page(client, crisis_alert)
    assert record(client, crisis_alert, outcome="texted").status_code == 302
    OnCallShift.objects.all().delete()
    break_glass_open(user=world.bob, patient_id=world.patient.pk, reason="Alice is away")
    html = open_page(client, crisis_alert)
    assert "Record what was done" not in html
    assert ">Acknowledge</button>" not in html and ">Resolve</button>" not in html
    assert record(client, crisis_alert, outcome="reached").status_code == 404
    assert AlertAction.objects.count() == 1


def test_outsiders_get_404_and_record_nothing(world, client, crisis_alert):
    for person in (world.bob, world.charlie, world.other_patient, world.patient):
        client.force_login(person)
        assert record(client, crisis_alert, outcome="reached").status_code == 404
    assert not AlertAction.objects.exists()


def test_the_page_shown_again_after_a_bad_answer_is_recorded_as_a_view(world, client, crisis_alert):
    client.force_login(world.alice)
    assert record(client, crisis_alert, outcome="").status_code == 400
    assert AccessEvent.objects.filter(
        actor_id=world.alice.pk, patient_id=world.patient.pk, action="view_alert"
    ).exists()


def test_the_phone_numbers_are_encrypted_at_rest_like_the_plan(world):
    from django.db import connection

    plan = plan_with_phones(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT patient_phone, trusted_person_phone FROM safety_safetyplan WHERE id = %s",
            [plan.pk],
        )
        stored = cursor.fetchone()
    assert all(value.startswith("fernet:") for value in stored)
    # The ciphertext is base64, so any three digits may appear in it by chance;
    # only the whole number written out would show it was stored in the clear.
    for written in ("010-2030", "010 9999", "0102030", "0109999"):
        assert written not in "".join(stored)


def test_a_low_mood_alerts_own_entry_is_marked_among_the_latest(world, client):
    from apps.diaries.services import checkin_submit

    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal="Flat.")
    (alert,) = [a for a in result.alerts if a.rule != "crisis_language"][:1]
    client.force_login(world.alice)
    section = open_page(client, alert).split('id="latest-heading"')[1]
    assert "Flat." in section
    assert "this alert&#x27;s entry" in section or "this alert's entry" in section


def test_an_entry_written_in_spanish_says_so_beside_its_date(world, client):
    from apps.diaries.services import checkin_submit

    spanish = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=3,
        journal="Ya no aguanto más, quiero morirme y no despertar nunca.",
    ).alerts[0]
    client.force_login(world.alice)
    assert "written in Spanish" in open_page(client, spanish)


def test_an_english_entry_carries_no_language_tag(world, client, crisis_alert):
    client.force_login(world.alice)
    assert "written in Spanish" not in open_page(client, crisis_alert)
