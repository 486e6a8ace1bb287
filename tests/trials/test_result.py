"""The end of a trial: the allocation unsealed, per outcome the difference
with its interval and randomisation-test p-value, the blind, the expectancy
check, and "not enough data" instead of numbers."""

import io
from datetime import timedelta
from html import unescape

from django.core.management import call_command
from django.urls import reverse
from pypdf import PdfReader

from apps.audit.models import AccessEvent
from apps.diaries.models import CheckIn
from apps.trials.models import Trial
from apps.trials.selectors import trial_result

from .conftest import finished, today


def page(client, name, world, who="alice"):
    client.force_login(getattr(world, who))
    args = [] if who == "patient" else [world.patient.pk]
    response = client.get(reverse(name, args=args))
    if response.get("Content-Type") == "application/pdf":
        return response, ""
    return response, unescape(response.content.decode())


def test_the_result_shows_each_outcome_with_interval_and_p_value(world, plan, client):
    trial = finished(world, plan)
    result = trial_result(trial=trial, today=today(world))
    mood = result["comparisons"][0]["comparison"]
    assert mood.enough_data and mood.difference > 0
    response, text = page(client, "trials:result", world)
    assert response.status_code == 200
    assert "Active minus placebo" in text and "95% interval" in text
    assert "randomisation test p = " in text
    assert "If it includes 0, 'no difference' is one of the likely answers" in text.replace(
        "if it", "If it"
    )
    assert "How well the blind held" in text and "Bang's blinding index" in text
    assert "Thought active" in text and "Took active" in text
    for number, code in enumerate(trial.codes, 1):
        assert f"Week {number} ({code}): " in text
    assert AccessEvent.objects.filter(action="view_trial_result").exists()


def test_too_few_days_in_an_arm_says_not_enough_data(world, plan, client):
    trial = finished(world, plan, weeks=4)
    CheckIn.objects.filter(patient=world.patient, local_date__gte=trial.start_date).delete()
    for n in range(3):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=trial.start_date + timedelta(n),
            mood=5,
        )
    _response, text = page(client, "trials:result", world)
    assert "Not enough data" in text
    assert "randomisation test p" not in text


def test_the_result_pdf_reads_back_with_the_same_numbers(world, plan, client):
    trial = finished(world, plan)
    response, _text = page(client, "trials:result_pdf", world)
    assert response["Content-Type"] == "application/pdf"
    pdf = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    mood = trial_result(trial=trial, today=today(world))["comparisons"][0]["comparison"]
    assert "Active minus placebo" in pdf and "How well the blind held" in pdf
    assert f"{mood.difference:+.1f}".replace("-", "−") in pdf
    assert "The allocation, unsealed" in pdf
    assert AccessEvent.objects.filter(action="download_trial_result").exists()


def test_the_patient_reads_the_result_in_plain_words(world, plan, client):
    finished(world, plan, guess_skill=0.9)
    _response, text = page(client, "trials:my_result", world, who="patient")
    assert "On active weeks your mood averaged" in text
    assert "the likely range runs from" in text
    assert "p =" not in text and "Bang" not in text
    assert "part of what you felt on active weeks may be what you expected" in text


def test_while_sealed_the_result_is_refused_in_words(world, running, client):
    for name in ("trials:result", "trials:result_pdf"):
        response, text = page(client, name, world)
        assert response.status_code == 200
        assert "The result is sealed until the trial ends" in text
        assert "Active minus placebo" not in text
    assert trial_result(trial=running, today=today(world)) is None


def test_the_fast_forward_command_makes_a_finished_trial(world, plan, client):
    call_command("trial_fast_forward", patient=world.patient.email, weeks=4, effect=1.0)
    trial = Trial.objects.get()
    assert trial.end_date == today(world) - timedelta(days=1)
    assert trial.trial_days.count() == 28
    assert page(client, "trials:result", world)[0].status_code == 200


def test_a_p_value_never_reads_as_zero_and_reads_as_a_phrase():
    from apps.trials.selectors import p_phrase, p_text

    assert p_text(0.0000004) == "< 0.001" and p_phrase(0.0000004) == "p < 0.001"
    assert p_phrase(0.031) == "p = 0.03"
    assert p_text(0.004) == "0.004"
    assert p_text(0.5) == "0.50"


def test_the_randomisation_tests_floor_is_stated_for_the_trials_length():
    from apps.trials.selectors import smallest_p_value

    assert smallest_p_value(weeks=4, block_weeks=2) == 0.5
    assert round(smallest_p_value(weeks=12, block_weeks=2), 4) == round(2 / 64, 4)


def test_the_blind_is_judged_in_words():
    from apps.trials.selectors import blind_words
    from apps.trials.statistics import blinding

    told = blinding(taken=["active", "placebo"] * 15, guessed=["active", "placebo"] * 15)
    assert "did not fully hold" in blind_words(told)[0]
    held = blinding(taken=["active", "placebo"] * 15, guessed=["active"] * 30)
    assert "the blind held" in blind_words(held)[0]


def test_the_patient_reads_chance_ruled_out_only_when_interval_and_test_agree():
    from apps.trials.selectors import patient_words
    from apps.trials.statistics import ArmComparison

    def comparison(low, high, p):
        return ArmComparison("mood", True, None, 7.0, 6.0, 42, 42, 1.0, low, high, p)

    assert "could be chance" in patient_words(comparison(-0.2, 2.0, 0.03), "Mood")
    assert "could be chance" in patient_words(comparison(0.1, 1.9, 0.06), "Mood")
    assert "unlikely explanation" in patient_words(comparison(0.1, 1.9, 0.03), "Mood")


def test_a_difference_that_rounds_to_zero_never_reads_as_minus_zero():
    from apps.trials.selectors import _number

    assert _number(-0.04, signed=True) == "+0.0" and _number(-0.04) == "0.0"
    assert _number(-0.3) == "−0.3"
