"""Issue 20's follow-ups: questionnaires answered once a week are compared
(one answer makes a week), a questionnaire scheduled less often is flagged at
set-up, and the clinician is told which method to believe for chance when the
interval and the randomisation test disagree."""

import json
import random
from datetime import timedelta

import numpy as np
from django.urls import reverse

from apps.protocols.models import Plan, PlanPause
from apps.trials.selectors import (
    DISAGREE_WORDS,
    comparison_words,
    methods_disagree,
    patient_words,
    questionnaire_schedule_notes,
    trial_result,
)
from apps.trials.services import trial_day_log
from apps.trials.statistics import ArmComparison, compare_arms, draw_allocation

from .conftest import finished, today


def weekly_answers(allocation, *, effect, generator, every_weeks=1, sd=3.0):
    """One questionnaire total on the first day of every `every_weeks`-th week."""
    daily = [None] * (7 * len(allocation))
    for week, arm in enumerate(allocation):
        if week % every_weeks == 0:
            daily[7 * week] = 10 + generator.normal(0, sd) + (effect if arm == "active" else 0)
    return daily


def test_a_questionnaire_answered_weekly_gives_a_number_with_one_answer_a_week():
    generator = np.random.default_rng(1)
    allocation = draw_allocation(blocks=4, block_weeks=2, rng=random.Random(1))
    daily = weekly_answers(allocation, effect=-3, generator=generator)
    weekly = compare_arms(
        outcome="phq9",
        allocation=allocation,
        block_weeks=2,
        daily=daily,
        min_days_per_arm=2,
        min_answers_per_week=1,
    )
    assert weekly.enough_data and weekly.weeks_used == 8 and weekly.active_days == 4
    # The daily rule (3 answers a week) drops every week of a weekly questionnaire.
    daily_rule = compare_arms(outcome="phq9", allocation=allocation, block_weeks=2, daily=daily)
    assert not daily_rule.enough_data and daily_rule.weeks_dropped == 8


def test_a_questionnaire_every_two_weeks_reads_not_enough_data():
    generator = np.random.default_rng(2)
    allocation = draw_allocation(blocks=6, block_weeks=2, rng=random.Random(2))
    daily = weekly_answers(allocation, effect=-3, generator=generator, every_weeks=2)
    result = compare_arms(
        outcome="phq9",
        allocation=allocation,
        block_weeks=2,
        daily=daily,
        min_days_per_arm=2,
        min_answers_per_week=1,
    )
    # Each block has one answered week, never both arms.
    assert not result.enough_data and "fewer than two blocks" in result.reason


def test_weekly_questionnaires_keep_the_intervals_coverage_and_the_tests_false_alarms():
    generator = np.random.default_rng(20)
    rng = random.Random(20)
    covered = rejected = runs = 0
    for _ in range(600):
        allocation = draw_allocation(blocks=6, block_weeks=2, rng=rng)
        effect = -2.0
        daily = weekly_answers(allocation, effect=effect, generator=generator)
        result = compare_arms(
            outcome="phq9",
            allocation=allocation,
            block_weeks=2,
            daily=daily,
            min_days_per_arm=2,
            min_answers_per_week=1,
        )
        null = compare_arms(
            outcome="phq9",
            allocation=allocation,
            block_weeks=2,
            daily=weekly_answers(allocation, effect=0, generator=generator),
            min_days_per_arm=2,
            min_answers_per_week=1,
        )
        runs += 1
        covered += result.ci_low <= effect <= result.ci_high
        rejected += null.p_value <= 0.05
    assert 0.92 <= covered / runs <= 0.98
    assert rejected / runs <= 0.07


def comparison(*, ci_low, ci_high, p_value, outcome="mood"):
    return ArmComparison(
        outcome=outcome,
        enough_data=True,
        reason=None,
        active_mean=6.5,
        placebo_mean=6.0,
        active_days=28,
        placebo_days=28,
        difference=0.5,
        ci_low=ci_low,
        ci_high=ci_high,
        p_value=p_value,
    )


def test_when_interval_and_test_disagree_the_clinician_is_told_to_believe_the_test_for_chance():
    split = comparison(ci_low=0.1, ci_high=0.9, p_value=0.09)
    assert methods_disagree(split)
    words = comparison_words(split, "Mood (0-10)")
    assert words.endswith(DISAGREE_WORDS) and "believe the randomisation test" in words
    # The patient is never told chance is unlikely unless both agree.
    assert "this could be chance" in patient_words(split, "Mood (0-10)")
    other_way = comparison(ci_low=-0.1, ci_high=1.1, p_value=0.03)
    assert methods_disagree(other_way)
    assert "this could be chance" in patient_words(other_way, "Mood (0-10)")


def test_when_both_methods_agree_no_extra_sentence_is_added():
    both = comparison(ci_low=0.1, ci_high=0.9, p_value=0.03)
    assert not methods_disagree(both)
    assert DISAGREE_WORDS not in comparison_words(both, "Mood (0-10)")
    assert "chance alone is an unlikely explanation" in patient_words(both, "Mood (0-10)")
    neither = comparison(ci_low=-0.1, ci_high=0.9, p_value=0.4)
    assert DISAGREE_WORDS not in comparison_words(neither, "Mood (0-10)")


def test_a_questionnaire_scheduled_less_than_weekly_is_named_at_set_up(world):
    from apps.diaries.models import QuestionnaireSchedule
    from apps.protocols.selectors import clinic_today

    QuestionnaireSchedule.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        instrument="phq9",
        every=2,
        unit=QuestionnaireSchedule.Unit.WEEKS,
        starts_on=clinic_today(world.clinic),
    )
    QuestionnaireSchedule.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        instrument="gad7",
        every=1,
        unit=QuestionnaireSchedule.Unit.WEEKS,
        starts_on=clinic_today(world.clinic),
    )
    notes = questionnaire_schedule_notes(patient=world.patient, outcomes=["mood", "phq9", "gad7"])
    assert notes == [
        "PHQ-9 is scheduled every 2 weeks: too few answers to compare arms; schedule it "
        "weekly during the trial."
    ]
    assert questionnaire_schedule_notes(patient=world.patient, outcomes=["mood"]) == []


def download(client, world):
    client.force_login(world.patient)
    response = client.get(reverse("diaries:export_json"))
    assert response.status_code == 200
    return json.loads(response.content)["trials"]


def test_the_download_has_the_trial_days_but_never_the_allocation_before_the_end(
    world, running, client
):
    trial_day_log(trial=running, local_date=today(world), code=running.codes[0], guess="placebo")
    (trial,) = download(client, world)
    assert trial["allocation"] is None
    assert trial["envelope_codes"] == running.codes
    assert {
        "date": today(world).isoformat(),
        "code_logged": running.codes[0],
        "guess": "Placebo",
    } in (trial["days"])


def test_the_download_has_the_allocation_once_the_trial_has_ended(world, plan, client):
    ended = finished(world, plan, weeks=4)
    (trial,) = download(client, world)
    assert trial["allocation"] == list(ended.allocation_for_sheet())
    assert set(trial["allocation"]) == {"active", "placebo"}
    assert any(day["code_logged"] for day in trial["days"])


def test_a_plan_paused_mid_trial_compares_only_the_days_before_the_pause(world, plan):
    trial = finished(world, plan, weeks=8)
    whole = trial_result(trial=trial, today=today(world))
    assert whole["plan_stop_words"] is None
    paused_on = trial.start_date + timedelta(days=28)
    PlanPause.objects.create(plan_id=trial.plan_id, starts_on=paused_on, ends_on=None)
    cut = trial_result(trial=trial, today=today(world))
    assert cut["plan_stop_words"] == (
        f"The plan was paused on {paused_on.day} {paused_on:%B %Y}: days from then on are "
        "not compared."
    )
    mood_whole = whole["comparisons"][0]["comparison"]
    mood_cut = cut["comparisons"][0]["comparison"]
    assert mood_cut.active_days + mood_cut.placebo_days <= 28
    assert mood_cut.active_days + mood_cut.placebo_days < (
        mood_whole.active_days + mood_whole.placebo_days
    )
    assert cut["blind"].guesses <= 28


def test_a_pause_that_ended_before_the_trial_cuts_nothing(world, plan):
    trial = finished(world, plan, weeks=4)
    PlanPause.objects.create(
        plan_id=trial.plan_id,
        starts_on=plan.start_date,
        ends_on=trial.start_date,
    )
    assert trial_result(trial=trial, today=today(world))["plan_stop"] is None


def test_a_plan_ended_mid_trial_ends_the_comparison_there(world, plan):
    trial = finished(world, plan, weeks=4)
    ended_on = trial.start_date + timedelta(days=14)
    Plan.objects.filter(pk=trial.plan_id).update(ended_on=ended_on)
    result = trial_result(trial=trial, today=today(world))
    assert result["plan_stop"] == (ended_on, "ended")
    assert "The plan was ended on" in result["plan_stop_words"]
    mood = result["comparisons"][0]["comparison"]
    # Two weeks left: one block, so no interval can be drawn.
    assert not mood.enough_data


def test_the_clinician_and_the_patient_read_the_pause_on_the_result(world, plan, client):
    trial = finished(world, plan, weeks=8)
    paused_on = trial.start_date + timedelta(days=28)
    PlanPause.objects.create(plan_id=trial.plan_id, starts_on=paused_on, ends_on=None)
    words = f"The plan was paused on {paused_on.day} {paused_on:%B %Y}"
    client.force_login(world.alice)
    assert words in client.get(reverse("trials:result", args=[world.patient.pk])).content.decode()
    client.force_login(world.patient)
    assert words in client.get(reverse("trials:my_result")).content.decode()


def test_the_set_up_page_names_a_questionnaire_scheduled_every_two_weeks(world, plan, client):
    from apps.diaries.models import QuestionnaireSchedule

    QuestionnaireSchedule.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        instrument="phq9",
        every=2,
        unit=QuestionnaireSchedule.Unit.WEEKS,
        starts_on=today(world),
    )
    client.force_login(world.alice)
    text = client.get(reverse("trials:set_up", args=[world.patient.pk])).content.decode()
    assert "PHQ-9 is scheduled every 2 weeks: too few answers to compare arms" in text


def test_the_result_pdf_says_the_plan_was_paused(world, plan, client):
    import io

    from pypdf import PdfReader

    trial = finished(world, plan, weeks=8)
    paused_on = trial.start_date + timedelta(days=28)
    PlanPause.objects.create(plan_id=trial.plan_id, starts_on=paused_on, ends_on=None)
    client.force_login(world.alice)
    response = client.get(reverse("trials:result_pdf", args=[world.patient.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "days from then on are not compared" in " ".join(text.split())
