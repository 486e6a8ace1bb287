"""The session brief's arithmetic, on plain numbers (apps/dashboards/brief.py)."""

from datetime import date

from apps.dashboards import brief


def test_a_recent_drop_needs_two_points_below_the_earlier_answers():
    assert brief.is_recent_drop([7] * 20 + [4] * 7)
    assert not brief.is_recent_drop([7] * 20 + [6] * 7)


def test_too_few_answers_are_never_a_drop_and_gaps_are_ignored():
    assert not brief.is_recent_drop([1, 1, 1])
    assert brief.is_recent_drop([8, None, 8, 8] + [None, 5, 5, 5, 5, 5, 5, 5])


def test_a_side_effect_never_reported_before_is_new():
    found = brief.side_effect_changes([], [("psilocybin:1", "Nausea", "mild")])
    assert found == [{"description": "Nausea", "severity": "mild", "change": "new"}]


def test_a_side_effect_more_severe_than_before_is_worse_and_the_same_is_left_out():
    before = [("psilocybin:1", "mild"), ("lions-mane:2", "moderate")]
    since = [("psilocybin:1", "Nausea", "severe"), ("lions-mane:2", "Itching", "moderate")]
    assert brief.side_effect_changes(before, since) == [
        {"description": "Nausea", "severity": "severe", "change": "worse"}
    ]


def test_the_patients_own_words_count_as_separate_effects():
    before = [("other:headache", "mild")]
    since = [("other", "Headache", "mild"), ("other", "Dizziness", "mild")]
    assert [e["description"] for e in brief.side_effect_changes(before, since)] == ["Dizziness"]


def test_missed_days_are_the_expected_days_without_an_answer():
    days = [date(2026, 11, n) for n in range(1, 6)]
    assert brief.missed_days(days, [date(2026, 11, 2), date(2026, 11, 4)]) == [
        date(2026, 11, 1),
        date(2026, 11, 3),
        date(2026, 11, 5),
    ]


def test_the_sparkline_skips_gaps_and_scales_to_the_box():
    points = brief.sparkline_points([10, None, 0], width=100, height=20)
    assert points == "0.0,0.0 100.0,20.0"
    assert brief.sparkline_points([]) == ""
