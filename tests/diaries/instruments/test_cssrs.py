"""The C-SSRS screener: docs/CLINICAL_REFERENCE.md's levels and skip, in agreement with the
rule in apps.safety that raises the alert."""

import itertools

import pytest

from apps.diaries import instruments
from apps.diaries.instruments import InvalidAnswers, cssrs
from apps.safety.detectors.risk import cssrs_level

NO = {"q1": "no", "q2": "no", "q6": "no"}


@pytest.mark.parametrize(
    ("answers", "level"),
    [
        (NO, "none"),
        (NO | {"q1": "yes"}, "low"),
        (NO | {"q2": "yes", "q3": "no", "q4": "no", "q5": "no"}, "low"),
        (NO | {"q1": "yes", "q2": "yes", "q3": "no", "q4": "no", "q5": "no"}, "low"),
        (NO | {"q2": "yes", "q3": "yes", "q4": "no", "q5": "no"}, "moderate"),
        (NO | {"q6": "yes", "q6_recent": "no"}, "moderate"),
        (NO | {"q2": "yes", "q3": "no", "q4": "yes", "q5": "no"}, "high"),
        (NO | {"q2": "yes", "q3": "no", "q4": "no", "q5": "yes"}, "high"),
        (NO | {"q6": "yes", "q6_recent": "yes"}, "high"),
        (NO | {"q1": "yes", "q6": "yes", "q6_recent": "yes"}, "high"),
    ],
)
def test_each_level_is_as_reference_md_gives_it(answers, level):
    assert instruments.score("cssrs", answers).band.key == level


def test_when_q2_is_no_questions_3_to_5_are_skipped_even_if_sent():
    answers = NO | {"q3": "yes", "q4": "yes", "q5": "yes"}
    score = instruments.score("cssrs", answers)
    assert "q4" not in score.answers
    assert score.band.key == "none"


def test_when_q2_is_yes_questions_3_to_5_must_be_answered():
    with pytest.raises(InvalidAnswers, match="question 3"):
        instruments.score("cssrs", NO | {"q2": "yes"})


def test_when_q6_is_yes_it_asks_whether_it_was_in_the_past_3_months():
    with pytest.raises(InvalidAnswers, match="past 3 months"):
        instruments.score("cssrs", NO | {"q6": "yes"})


@pytest.mark.parametrize("bad", ["maybe", "2", 5, "", None])
def test_it_refuses_anything_but_yes_or_no(bad):
    with pytest.raises(InvalidAnswers):
        instruments.score("cssrs", NO | {"q1": bad})


def test_every_combination_agrees_with_the_alert_rule():
    keys = ["q1", "q2", "q3", "q4", "q5", "q6", "q6_recent"]
    for values in itertools.product([True, False], repeat=len(keys)):
        answers = dict(zip(keys, values, strict=True))
        clean = cssrs.clean(answers)
        assert cssrs.level(clean) == cssrs_level(clean), answers
