"""Every field of the daily check-in, with good and bad input: each bad
answer gets a helpful message tied to its field, a 200 (never a 500), and
nothing half-saved."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.alerts.models import Alert
from apps.diaries.catalog import patient_side_effects
from apps.diaries.models import CheckIn, SideEffect

from .helpers import post_checkin, today


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def refused(response, message):
    assert response.status_code == 200
    assert message in response.text, response.text[:3000]
    assert not CheckIn.objects.exists()
    assert not SideEffect.objects.exists()


def test_a_full_checkin_saves_every_answer(world, patient_client):
    response = post_checkin(
        patient_client,
        mood="7",
        anxiety="3",
        energy="6",
        sleep_hours="6.5",
        sleep_quality="4",
        practices=["mindfulness", "connection"],
        effect_0="mild",
        other_effect="A dull headache after lunch",
        other_severity="moderate",
        journal="A good walk.",
        is_private="on",
    )
    assert response.status_code == 302
    checkin = CheckIn.objects.get(patient=world.patient)
    assert (checkin.mood, checkin.anxiety, checkin.energy) == (7, 3, 6)
    assert (checkin.sleep_hours, checkin.sleep_quality) == (Decimal("6.5"), 4)
    assert checkin.practices == ["mindfulness", "connection"]
    assert checkin.is_private and not checkin.is_late
    effects = [(e.key, e.severity) for e in checkin.side_effects.all()]
    assert effects == [(patient_side_effects()[0]["key"], "mild"), ("other", "moderate")]
    assert not Alert.objects.exists()


def test_only_the_mood_is_required(world, patient_client):
    assert post_checkin(patient_client, mood="5").status_code == 302
    checkin = CheckIn.objects.get()
    assert (checkin.anxiety, checkin.energy, checkin.sleep_hours, checkin.practices) == (
        None,
        None,
        None,
        [],
    )


def test_an_empty_form_asks_for_the_mood(world, patient_client):
    response = patient_client.post(reverse("diaries:today"), {})
    refused(response, "Choose a number from 0 to 10 for your mood.")
    assert 'aria-describedby="mood-help mood-error"' in response.text
    assert 'id="mood-error"' in response.text


@pytest.mark.parametrize("field", ["anxiety", "energy"])
@pytest.mark.parametrize("value", ["11", "-1", "ten", "5.5", "٣"])
def test_a_score_out_of_range_is_refused(world, patient_client, field, value):
    response = post_checkin(patient_client, **{field: value})
    refused(response, "Choose a number from 0 to 10.")
    assert f'id="{field}-error"' in response.text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("25", "cannot be more than 24"),
        ("-1", "cannot be below 0"),
        ("NaN", "Enter the hours as a number"),
        ("Infinity", "Enter the hours as a number"),
        ("1e5", "more than 24"),
        ("seven", "Enter the hours as a number"),
        ("6.25", "at most one decimal place"),
        ("<script>alert(1)</script>", "Enter the hours as a number"),
    ],
)
def test_impossible_hours_of_sleep_are_refused(world, patient_client, value, message):
    response = post_checkin(patient_client, sleep_hours=value)
    refused(response, message)
    assert 'aria-describedby="sleep_hours-help sleep_hours-error"' in response.text
    assert "&lt;script&gt;" in response.text or "<script>alert" not in response.text


def test_an_unknown_sleep_answer_is_refused(world, patient_client):
    refused(post_checkin(patient_client, sleep_quality="6"), "Choose one of the sleep answers.")


def test_an_unknown_practice_is_refused(world, patient_client):
    refused(
        post_checkin(patient_client, practices=["mindfulness", "<b>bold</b>"]),
        "Choose from the practices listed.",
    )


def test_an_unknown_side_effect_severity_is_refused(world, patient_client):
    refused(post_checkin(patient_client, effect_0="deadly"), "Choose mild, moderate or severe.")


def test_own_words_need_a_severity_and_a_severity_needs_words(world, patient_client):
    refused(post_checkin(patient_client, other_effect="Itchy skin"), "Say how bad it was")
    refused(post_checkin(patient_client, other_severity="mild"), "Say in a few words")


def test_invisible_characters_alone_do_not_count_as_words(world, patient_client):
    response = post_checkin(
        patient_client, other_effect="\u200b\u200d\u2060 \u202e", other_severity="mild"
    )
    refused(response, "Say in a few words")


def test_oversized_own_words_are_refused_and_kept_in_the_box(world, patient_client):
    response = post_checkin(patient_client, other_effect="z" * 301, other_severity="mild")
    refused(response, "Keep this under 300 characters")
    assert "z" * 301 in response.text


def test_markup_in_own_words_is_stored_as_text_and_shown_escaped(world, client):
    client.force_login(world.patient)
    post_checkin(client, other_effect="<img src=x onerror=alert(1)>", other_severity="mild")
    assert SideEffect.objects.get().description == "<img src=x onerror=alert(1)>"
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_odd_unicode_is_normalised_and_control_characters_dropped(world, patient_client):
    post_checkin(
        patient_client,
        journal="cafe\u0301 \U0001f642\x00\x07 ok",
        other_effect="nause\u0301e\x00",
        other_severity="mild",
    )
    checkin = CheckIn.objects.get()
    assert checkin.journal == "caf\u00e9 \U0001f642 ok"
    assert checkin.side_effects.get().description == "nause\u0301e".replace("e\u0301", "\u00e9")


def test_a_date_in_the_future_is_refused(world, patient_client):
    tomorrow = today(world) + timedelta(days=1)
    response = post_checkin(patient_client, local_date=tomorrow.isoformat())
    refused(response, "That day has not happened yet")


def test_a_date_too_long_ago_is_refused(world, patient_client):
    old = today(world) - timedelta(days=8)
    refused(
        post_checkin(patient_client, local_date=old.isoformat()),
        "more than 7 days ago can no longer be filled in",
    )


@pytest.mark.parametrize("value", ["2026-13-45", "yesterday", "<script>", "9999999-01-01"])
def test_a_date_that_is_not_a_date_is_refused(world, patient_client, value):
    refused(post_checkin(patient_client, local_date=value), "That is not a date.")


def test_a_severe_side_effect_raises_a_high_alert_for_the_clinician(world, patient_client):
    response = post_checkin(patient_client, effect_0="severe")
    # Not a crisis page: the clinician is told without interrupting the patient.
    assert response["Location"] == reverse("diaries:today")
    alert = Alert.objects.get(patient=world.patient)
    assert (alert.rule, alert.severity, alert.recipient) == (
        "severe_side_effect",
        "high",
        world.alice,
    )
    assert patient_side_effects()[0]["label"] in alert.summary


def test_a_mild_side_effect_raises_nothing(world, patient_client):
    post_checkin(patient_client, effect_0="mild", other_effect="Tired", other_severity="moderate")
    assert not Alert.objects.exists()


def test_the_side_effects_asked_are_those_of_the_patients_own_plan_in_plain_words(
    world, patient_client
):
    from tests.protocols.conftest import assign, doses

    assign(world, doses=doses(psilocybin="0.1", lions_mane="500"))
    page = patient_client.get(reverse("diaries:today")).text
    assert "Itchy skin or a rash" in page  # Lion's Mane's, asked at last
    assert "Seeing or hearing things other people don&#x27;t" in page  # psilocybin's
    assert "Fishy taste, burps or heartburn" not in page  # Omega-3 is not in the plan
    assert "Tingling or numbness" not in page  # nor B-complex
    # Never the catalogue's contraindication wording.
    assert "seizures when combined with lithium" not in page
    assert "vitamin B6 above 100" not in page


def test_without_a_plan_the_general_side_effects_are_asked(world, patient_client):
    page = patient_client.get(reverse("diaries:today")).text
    for effect in patient_side_effects():
        assert (effect["label"] in page) == effect["general"], effect["label"]


def test_an_effect_outside_the_plan_is_still_accepted_and_shown_once_saved(world, patient_client):
    # The POST checks against every row (no plan query on the save); an
    # answer saved for a row the plan does not show stays visible to change.
    fishy = next(i for i, e in enumerate(patient_side_effects()) if e["key"] == "plain:fishy")
    assert post_checkin(patient_client, **{f"effect_{fishy}": "mild"}).status_code == 302
    page = patient_client.get(reverse("diaries:today")).text
    assert "Fishy taste, burps or heartburn" in page


def test_the_practices_come_from_the_source_document(world, patient_client):
    page = patient_client.get(reverse("diaries:today")).text
    for label in ["Mindfulness meditation", "Exercise", "Journaling", "Connection with others"]:
        assert label in page


def test_every_error_is_tied_to_its_field(world, patient_client):
    response = post_checkin(
        patient_client, mood="", anxiety="12", sleep_hours="99", other_effect="x"
    )
    for error_id in re.findall(r'id="([\w-]+-error)"', response.text):
        assert re.search(rf'aria-describedby="[^"]*\b{error_id}\b', response.text), error_id


def test_editing_today_shows_the_saved_answers(world, patient_client):
    post_checkin(patient_client, mood="4", anxiety="8", effect_1="moderate", is_private="on")
    page = patient_client.get(reverse("diaries:today")).text
    assert 'value="8" id="id_anxiety_8" checked' in page or re.search(
        r'<input[^>]*name="anxiety"[^>]*value="8"[^>]*checked', page
    )
    assert 'name="is_private" id="id_is_private" checked' in page
    assert '<option value="moderate" selected>' in page
