"""Every band edge of every instrument with a total, as docs/CLINICAL_REFERENCE.md gives it."""

import itertools

import pytest

from apps.diaries import instruments
from apps.diaries.instruments import InvalidAnswers

from .helpers import answers_totalling

EDGES = [
    # PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe
    ("phq9", 0, "minimal"),
    ("phq9", 4, "minimal"),
    ("phq9", 5, "mild"),
    ("phq9", 9, "mild"),
    ("phq9", 10, "moderate"),
    ("phq9", 14, "moderate"),
    ("phq9", 15, "moderately_severe"),
    ("phq9", 19, "moderately_severe"),
    ("phq9", 20, "severe"),
    ("phq9", 27, "severe"),
    # PHQ-2: >= 3 -> give the full PHQ-9
    ("phq2", 0, "negative"),
    ("phq2", 2, "negative"),
    ("phq2", 3, "positive"),
    ("phq2", 6, "positive"),
    # GAD-7: 0-4 / 5-9 / 10-14 / 15-21
    ("gad7", 0, "minimal"),
    ("gad7", 4, "minimal"),
    ("gad7", 5, "mild"),
    ("gad7", 9, "mild"),
    ("gad7", 10, "moderate"),
    ("gad7", 14, "moderate"),
    ("gad7", 15, "severe"),
    ("gad7", 21, "severe"),
    # GAD-2: >= 3 -> give the full GAD-7
    ("gad2", 0, "negative"),
    ("gad2", 2, "negative"),
    ("gad2", 3, "positive"),
    ("gad2", 6, "positive"),
    # PCL-5: provisional PTSD at 31-33
    ("pcl5", 0, "below"),
    ("pcl5", 30, "below"),
    ("pcl5", 31, "possible"),
    ("pcl5", 33, "possible"),
    ("pcl5", 34, "probable"),
    ("pcl5", 80, "probable"),
]


@pytest.mark.parametrize(("slug", "total", "band"), EDGES, ids=lambda v: str(v))
def test_each_band_edge_scores_as_reference_md_says(slug, total, band):
    instrument = instruments.get(slug)
    score = instruments.score(slug, answers_totalling(instrument, total))
    assert (score.total, score.band.key) == (total, band)


@pytest.mark.parametrize(
    ("slug", "items", "options", "max_total"),
    [
        ("phq9", 9, 4, 27),
        ("phq2", 2, 4, 6),
        ("gad7", 7, 4, 21),
        ("gad2", 2, 4, 6),
        ("pcl5", 20, 5, 80),
    ],
)
def test_each_form_has_the_items_and_range_reference_md_gives(slug, items, options, max_total):
    instrument = instruments.get(slug)
    assert len(instrument.items) == items
    assert len(instrument.options) == options
    assert (instrument.min_total, instrument.max_total) == (0, max_total)


def test_the_bands_cover_the_whole_range_without_gaps_or_overlaps():
    for slug, instrument in instruments.INSTRUMENTS.items():
        if instrument.min_total is None:
            continue
        edges = [(b.low, b.high) for b in instrument.bands]
        assert edges[0][0] == instrument.min_total, slug
        assert edges[-1][1] == instrument.max_total, slug
        assert all(high + 1 == low for (_, high), (low, _) in itertools.pairwise(edges)), slug


def test_the_short_forms_are_the_first_two_items_of_the_long_ones():
    assert instruments.get("phq2").items == instruments.get("phq9").items[:2]
    assert instruments.get("gad2").items == instruments.get("gad7").items[:2]


def test_phq9_item_9_is_the_self_harm_question():
    assert "better off dead" in instruments.get("phq9").items[8]


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_a_phq9_with_item_9_above_0_offers_the_cssrs_screener_whatever_the_total(item9):
    answers = dict.fromkeys(instruments.get("phq9").item_keys, 0) | {"q9": item9}
    score = instruments.score("phq9", answers)
    assert score.band.key == "minimal"
    assert score.follow_up == "cssrs"


def test_a_phq9_with_item_9_at_0_offers_nothing_more_even_when_severe():
    answers = dict.fromkeys(instruments.get("phq9").item_keys, 3) | {"q9": 0}
    assert instruments.score("phq9", answers).follow_up is None


@pytest.mark.parametrize(("short", "full"), [("phq2", "phq9"), ("gad2", "gad7")])
def test_a_positive_short_form_offers_the_full_form_and_a_negative_one_does_not(short, full):
    instrument = instruments.get(short)
    assert instruments.score(short, answers_totalling(instrument, 3)).follow_up == full
    assert instruments.score(short, answers_totalling(instrument, 2)).follow_up is None


def test_pcl5_reports_the_cluster_rule_beside_the_total():
    pcl5 = instruments.get("pcl5")
    # 1 B, 1 C, 2 D, 2 E items at 2: provisional by clusters with a total of only 12.
    answers = dict.fromkeys(pcl5.item_keys, 0) | {
        "q1": 2,
        "q6": 2,
        "q8": 2,
        "q9": 2,
        "q15": 2,
        "q16": 2,
    }
    score = instruments.score("pcl5", answers)
    assert score.total == 12 and score.band.key == "below"
    assert score.detail["provisional_by_clusters"] is True


def test_pcl5_cluster_rule_fails_when_one_cluster_is_short():
    pcl5 = instruments.get("pcl5")
    # Every item at 1 (total 20) and D with only one item at 2: D needs two.
    answers = dict.fromkeys(pcl5.item_keys, 1) | {"q1": 2, "q6": 2, "q8": 2, "q15": 2, "q16": 2}
    detail = instruments.score("pcl5", answers).detail
    assert detail["clusters"] == {"B": True, "C": True, "D": False, "E": True}
    assert detail["provisional_by_clusters"] is False


def test_an_item_counts_towards_a_cluster_from_2_not_1():
    pcl5 = instruments.get("pcl5")
    answers = dict.fromkeys(pcl5.item_keys, 1)
    assert not any(instruments.score("pcl5", answers).detail["clusters"].values())


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({}, "Please answer question 1."),
        ({"q1": 1}, "Please answer question 2."),
        ({"q1": 4, "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": -1, "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": "two", "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": 1.5, "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": True, "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": "²", "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": "３", "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": "1" * 5000, "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": "<script>", "q2": 0}, "Question 1: choose one of the answers given (0 to 3)."),
        ({"q1": 1, "q2": 0, "q3": 1}, "The PHQ-2 has no question 'q3'."),
    ],
)
def test_it_refuses_answers_it_cannot_score_with_a_message_for_the_patient(answers, message):
    with pytest.raises(InvalidAnswers) as refused:
        instruments.score("phq2", answers)
    assert str(refused.value) == message


def test_it_accepts_answers_as_the_form_posts_them():
    assert instruments.score("phq2", {"q1": "3", "q2": " 1 "}).total == 4


@pytest.mark.parametrize("slug", ["", "phq10", "PHQ9", "../phq9", None, "phq9 "])
def test_it_refuses_a_slug_that_names_no_instrument(slug):
    with pytest.raises(InvalidAnswers, match="no questionnaire"):
        instruments.get(slug)


def test_it_refuses_answers_that_are_not_a_mapping():
    with pytest.raises(InvalidAnswers):
        instruments.score("phq9", [1] * 9)
