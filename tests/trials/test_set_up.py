"""Setting up a blinded trial: the allocation drawn, balanced and sealed;
the refusals in words."""

from datetime import timedelta
from html import unescape

import pytest
from django.db import connection
from django.urls import reverse

from apps.audit.models import ChangeRecord
from apps.trials.models import Trial
from apps.trials.services import CODE_ALPHABET, TrialRefused

from .conftest import set_up, today


def test_a_trial_draws_one_active_and_one_placebo_week_in_every_block(world, plan):
    trial = set_up(world, plan, weeks=12)
    allocation = trial.allocation_for_sheet()
    assert len(allocation) == 12
    for block in range(6):
        assert sorted(allocation[2 * block : 2 * block + 2]) == ["active", "placebo"]


def test_the_allocation_is_stored_encrypted(world, plan):
    trial = set_up(world, plan)
    with connection.cursor() as cursor:
        cursor.execute("SELECT sealed_allocation FROM trials_trial WHERE id = %s", [trial.pk])
        [stored] = cursor.fetchone()
    assert stored.startswith("fernet:")
    assert "active" not in stored and "placebo" not in stored


def test_envelope_codes_are_distinct_and_use_no_look_alike_characters(world, plan):
    trial = set_up(world, plan, weeks=12)
    assert len(set(trial.codes)) == 12
    for code in trial.codes:
        assert len(code) == 4 and set(code) <= set(CODE_ALPHABET)
    assert not set("0O1IL2Z5S8BUVDQ") & set(CODE_ALPHABET)


def test_without_a_seeded_source_the_draw_comes_from_the_system_random(world, plan):
    from apps.trials.services import trial_set_up

    draws = set()
    for n in range(2):
        trial = trial_set_up(
            patient=world.patient,
            clinic=world.clinic,
            plan=plan,
            weeks=12,
            start_date=today(world) + timedelta(days=100 * n),
            outcomes=["mood"],
            preparer_name="Sam",
            by=world.alice,
            today=today(world) + timedelta(days=100 * n),
        )
        draws.add(tuple(trial.codes))
    assert len(draws) == 2


def test_setting_up_is_on_the_trail_without_the_allocation(world, plan):
    trial = set_up(world, plan)
    record = ChangeRecord.objects.get(record="blinded_trial")
    assert record.changes["trial"] == trial.pk
    assert "active" not in str(record.changes) and "placebo" not in str(record.changes)


@pytest.mark.parametrize("weeks", [2, 5, 14])
def test_a_length_outside_4_to_12_even_weeks_is_refused(world, plan, weeks):
    with pytest.raises(TrialRefused, match="4 to 12 weeks"):
        set_up(world, plan, weeks=weeks)


def test_a_second_trial_is_refused_while_one_is_running(world, plan, running):
    with pytest.raises(TrialRefused, match="already has a blinded trial"):
        set_up(world, plan)


def test_a_patient_without_a_plan_cannot_have_a_trial(world):
    with pytest.raises(TrialRefused, match="no plan"):
        set_up(world, None)


def post_set_up(client, world, **data):
    client.force_login(world.alice)
    fields = {
        "weeks": "8",
        "start_date": (today(world) + timedelta(days=7)).isoformat(),
        "outcomes": ["mood", "energy"],
        "preparer_name": "Sam Okafor",
    } | data
    return client.post(reverse("trials:set_up", args=[world.patient.pk]), fields)


def test_the_form_sets_up_a_trial_and_goes_to_its_status(world, plan, client):
    response = post_set_up(client, world)
    assert response.status_code == 302
    assert response["Location"] == reverse("trials:status", args=[world.patient.pk])
    trial = Trial.objects.get()
    assert (trial.weeks, trial.outcomes, trial.preparer_name) == (
        8,
        ["mood", "energy"],
        "Sam Okafor",
    )


@pytest.mark.parametrize(
    ("data", "words"),
    [
        ({"weeks": "5"}, "Choose a length from the list."),
        ({"weeks": "not a number"}, "Choose a length from the list."),
        ({"preparer_name": ""}, "Name the person who prepares the capsules."),
        ({"outcomes": []}, "Choose at least one outcome."),
        ({"outcomes": ["suicidal_passive"]}, "Choose outcomes from the list."),
        ({"start_date": "2026-02-30"}, "Enter a date."),
        ({"start_date": "1999-01-01"}, "The first day cannot be in the past."),
        ({"start_date": "2190-01-01"}, "Start within 60 days"),
    ],
)
def test_the_form_explains_what_is_wrong_in_words(world, plan, client, data, words):
    response = post_set_up(client, world, **data)
    assert response.status_code == 200
    page = unescape(response.content.decode())
    assert words in page
    assert "Nothing was set up yet" in page
    assert not Trial.objects.exists()


def test_the_form_says_why_for_a_patient_without_a_plan(world, client):
    client.force_login(world.alice)
    page = unescape(client.get(reverse("trials:set_up", args=[world.patient.pk])).content.decode())
    assert "has no plan" in page and "Draw and seal" not in page
    assert post_set_up(client, world).status_code == 200
    assert not Trial.objects.exists()


def test_the_form_says_a_trial_is_already_running(world, plan, running, client):
    response = post_set_up(client, world)
    assert "already has a blinded trial" in unescape(response.content.decode())
    assert Trial.objects.count() == 1


@pytest.mark.parametrize("who", ["admin", "bob", "charlie", "patient"])
def test_only_the_care_team_may_set_up(world, plan, client, who):
    client.force_login(getattr(world, who))
    response = client.post(
        reverse("trials:set_up", args=[world.patient.pk]),
        {"weeks": "8", "start_date": today(world).isoformat(), "outcomes": ["mood"]},
    )
    assert response.status_code == 404
    assert not Trial.objects.exists()
