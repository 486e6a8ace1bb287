"""The patient's part of the check-in during a trial: the envelope's code and
the day's guess, posted to their own URL so the check-in stays cheap."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.trials.models import TrialDay

from .conftest import today

GUESS_QUESTION = "What do you think you took today?"


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def log(client, **data):
    return client.post(reverse("trials:log"), data | {"next": reverse("diaries:today")})


def test_during_a_trial_the_check_in_asks_for_the_code_and_the_guess(
    world, running, patient_client
):
    page = unescape(patient_client.get(reverse("diaries:today")).content.decode())
    assert "Blinded trial · week 1 of 4" in page
    assert GUESS_QUESTION in page
    assert f"I took from this week's envelope, {running.codes[0]}" in page


def test_without_a_trial_the_check_in_asks_nothing_and_costs_no_query(world, patient_client):
    with CaptureQueriesContext(connection) as queries:
        page = unescape(patient_client.get(reverse("diaries:today")).content.decode())
    assert GUESS_QUESTION not in page
    assert not [q for q in queries if "trials_" in q["sql"]]


def test_a_trial_not_started_yet_asks_nothing(world, plan, patient_client):
    from .conftest import set_up

    set_up(world, plan, start=today(world) + timedelta(days=3))
    assert GUESS_QUESTION not in unescape(
        patient_client.get(reverse("diaries:today")).content.decode()
    )


def test_the_check_in_post_costs_nothing_more_during_a_trial(world, running, patient_client):
    with CaptureQueriesContext(connection) as queries:
        response = patient_client.post(reverse("diaries:today"), {"mood": "6"})
    assert response.status_code == 302
    assert not [q for q in queries if "trials_" in q["sql"]]


def test_this_weeks_code_and_a_guess_are_recorded(world, running, patient_client):
    log(patient_client, envelope_code=running.codes[0].lower())
    log(patient_client, guess="placebo")
    day = TrialDay.objects.get()
    assert (day.local_date, day.code, day.guess) == (today(world), running.codes[0], "placebo")
    log(patient_client, guess="unsure")
    assert TrialDay.objects.get().guess == "unsure"


def test_another_weeks_envelope_is_recorded_with_a_warning(world, running, patient_client):
    response = log(patient_client, envelope_code=running.codes[2])
    page = unescape(patient_client.get(response["Location"]).content.decode())
    assert "That is the envelope for week 3, not this week's" in page
    assert TrialDay.objects.get().code == running.codes[2]


@pytest.mark.parametrize("code", ["ZZZZ", "<b>x</b>", "K7QF" * 3, " "])
def test_a_code_that_is_no_envelope_is_refused_in_words(world, running, patient_client, code):
    response = log(patient_client, envelope_code=code)
    raw = patient_client.get(response["Location"]).content.decode()
    assert "Nothing was saved" in unescape(raw)
    assert "<b>x</b>" not in raw
    assert not TrialDay.objects.filter(code__gt="").exists()


def test_a_made_up_guess_is_refused_in_words(world, running, patient_client):
    response = log(patient_client, guess="suicidal_passive")
    page = unescape(patient_client.get(response["Location"]).content.decode())
    assert "Choose active, placebo or not sure." in page
    assert not TrialDay.objects.exists()


def test_from_htmx_only_the_plan_section_comes_back_with_the_note(world, running, patient_client):
    response = patient_client.post(
        reverse("trials:log"), {"guess": "active"}, headers={"HX-Request": "true"}
    )
    page = unescape(response.content.decode())
    assert page.lstrip().startswith("<section") and 'id="plan-today"' in page
    assert "Noted. Thank you." in page and 'aria-pressed="true"' in page


def test_no_trial_running_explains_and_saves_nothing(world, plan, patient_client):
    response = log(patient_client, guess="active")
    page = unescape(patient_client.get(response["Location"]).content.decode())
    assert "not running today" in page
    assert not TrialDay.objects.exists()


def test_clinicians_never_log_for_the_patient(world, running, client):
    client.force_login(world.alice)
    assert log(client, guess="active").status_code == 404


def test_after_the_end_the_check_in_points_to_the_result(world, plan, patient_client):
    from .conftest import finished

    finished(world, plan, weeks=4)
    page = unescape(patient_client.get(reverse("diaries:today")).content.decode())
    assert "Your blinded trial has ended." in page
    assert reverse("trials:my_result") in page and GUESS_QUESTION not in page
