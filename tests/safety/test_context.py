"""What Trellis knows beside the text (issue 17): apps/safety/detectors/context.py
on plain values, with the real fixtures/context_rules.yaml."""

from decimal import Decimal

import pytest

from apps.safety.detectors.context import (
    ContextRulesError,
    Facts,
    LoggedDose,
    PlannedDose,
    amounts_in,
    compile_context_rules,
    context_raises,
    interacting_medications,
    needs_facts,
    raised_severity,
)
from apps.safety.detectors.crisis import Match
from apps.safety.services import context_rules

PSILOCYBIN = PlannedDose("psilocybin", "Psilocybin", Decimal("0.15"), "g")
OMEGA = PlannedDose("omega-3", "Omega-3", Decimal("1000"), "mg")
LIONS_MANE = PlannedDose("lions-mane", "Lion's mane", Decimal("500"), "mg")
PLAN = Facts(planned=(PSILOCYBIN, OMEGA, LIONS_MANE))


@pytest.fixture(scope="module")
def rules():
    return context_rules()


def amounts(text, rules):
    return [(a.value, a.unit, a.matched) for a in amounts_in(text, rules)]


def match(text, words, category, severity):
    start = text.index(words)
    return Match(
        start=start,
        end=start + len(words),
        matched=words,
        term="test-rule",
        category=category,
        severity=severity,
    )


# --- amounts in the text ---------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("took 1.5 by mistake, feel strange", [(Decimal("1.5"), None, "1.5")]),
        ("Took 0.3g this morning", [(Decimal("0.3"), "g", "0.3g")]),
        ("ate 2 grams", [(Decimal("2"), "g", "2 grams")]),
        ("took like 1.5 g", [(Decimal("1.5"), "g", "1.5 g")]),
        ("took 300mg", [(Decimal("300"), "mg", "300mg")]),
        ("took 1,500 mg", [(Decimal("1500"), "mg", "1,500 mg")]),
        ("took 3 capsules", [(Decimal("3"), "count", "3 capsules")]),
        ("took 3 of my capsules", [(Decimal("3"), "count", "3 of my capsules")]),
        ("took 2 by mistake", [(Decimal("2"), None, "2")]),
        ("took 1.5 of my mushrooms", [(Decimal("1.5"), None, "1.5")]),
        ("took 1.5 of it", [(Decimal("1.5"), None, "1.5")]),
        ("took the whole bag instead of my 0.1", [(None, None, "whole bag")]),
    ],
)
def test_an_amount_taken_is_read_with_its_unit_in_english(rules, text, expected):
    assert amounts(text, rules) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("me tomé 1,5 g sin querer", [(Decimal("1.5"), "g", "1,5 g")]),
        ("Hoy tomé 1,5 por error", [(Decimal("1.5"), None, "1,5")]),
        ("comí 2 gramos", [(Decimal("2"), "g", "2 gramos")]),
        ("me tomé 3 cápsulas", [(Decimal("3"), "count", "3 cápsulas")]),
        ("me comí toda la bolsa de hongos", [(None, None, "toda la bolsa")]),
    ],
)
def test_an_amount_taken_is_read_in_spanish_with_its_decimal_comma(rules, text, expected):
    assert amounts(text, rules) == expected


@pytest.mark.parametrize(
    "text",
    [
        "took 1.5 hours to get home",
        "the bus took 2 hours",
        "slept 10",
        "slept 10 hours, ate well",
        "took 2 kids to school",
        "took 2 with breakfast",  # a whole number, no unit, no word of dosing
        "took the 9 am bus",
        "took the 10:30 train",
        "on 12/03 I walked 5 km",
        "took it on 2026-12-04",
        "walked 1.5 miles",
        "mood 3 today",
        "tardé 1,5 horas en llegar",
        "bought 3 capsules",
        "ate the whole box of cookies",
        "had 0.5 of a sandwich",
        "had 1.5 glasses of wine",
        "",
    ],
)
def test_numbers_that_are_not_amounts_taken_are_left_alone(rules, text):
    assert amounts_in(text, rules) == []


def test_an_amount_on_top_of_the_day_is_marked_as_more(rules):
    [amount] = amounts_in("took another 0.15 after lunch", rules)
    assert amount.additional and amount.value == Decimal("0.15")


def test_offsets_point_at_the_patients_own_words(rules):
    text = "Long day. Then I TOOK 1.5 G by mistake"
    [amount] = amounts_in(text, rules)
    assert text[amount.start : amount.end] == amount.matched == "1.5 G"


# --- the plan --------------------------------------------------------------------


def test_ten_times_the_planned_dose_is_a_possible_overdose(rules):
    text = "took 1.5 by mistake, feel strange"
    [raised] = context_raises(text, [], PLAN, rules)
    assert raised.severity == "critical" and raised.kind == "overdose"
    assert "took 1.5 g" in raised.reason and "ten times the planned 0.15 g" in raised.reason
    assert text[raised.start : raised.end] == "1.5"


def test_the_same_amount_against_a_plan_of_that_amount_raises_nothing(rules):
    plan = Facts(planned=(PlannedDose("psilocybin", "Psilocybin", Decimal("1.5"), "g"),))
    assert context_raises("took 1.5 by mistake, feel strange", [], plan, rules) == []


def test_the_planned_amount_taken_as_planned_raises_nothing(rules):
    assert context_raises("took 0.15 as planned, a calm day", [], PLAN, rules) == []


def test_milligrams_are_weighed_against_a_plan_in_grams(rules):
    [raised] = context_raises("I took 600 mg", [], PLAN, rules)
    assert raised.severity == "critical" and "four times" in raised.reason


def test_just_under_the_multiple_raises_nothing(rules):
    assert context_raises("took 0.4 g", [], PLAN, rules) == []
    assert context_raises("took 0.45 g", [], PLAN, rules)


def test_an_amount_of_another_component_is_not_read_as_psilocybin(rules):
    assert context_raises("took 1000 mg of omega-3 with lunch", [], PLAN, rules) == []
    assert context_raises("took 500 mg", [], PLAN, rules) == []  # the lion's mane dose


def test_a_count_against_grams_is_high_not_critical(rules):
    [raised] = context_raises("took 3 capsules", [], PLAN, rules)
    assert raised.severity == "high" and "0.15 g" in raised.reason


def test_the_whole_bag_against_a_microdose_plan_is_critical(rules):
    [raised] = context_raises("took the whole bag instead of my 0.1", [], PLAN, rules)
    assert raised.severity == "critical" and "whole bag" in raised.reason


def test_another_dose_counts_with_the_one_already_logged(rules):
    logged = LoggedDose("psilocybin", "Psilocybin", True, Decimal("0.15"), "g")
    facts = Facts(planned=(PSILOCYBIN,), logged=(logged,))
    assert context_raises("took another 0.15", [], facts, rules) == []
    [raised] = context_raises("took another 0.3", [], facts, rules)
    assert raised.severity == "critical" and "three times" in raised.reason


def test_a_logged_dose_far_above_the_plan_is_a_possible_overdose(rules):
    logged = LoggedDose("psilocybin", "Psilocybin", True, Decimal("0.6"), "g")
    [raised] = context_raises("", [], Facts(planned=(PSILOCYBIN,), logged=(logged,)), rules)
    assert raised.severity == "critical" and "logged 0.6 g" in raised.reason
    skipped = LoggedDose("psilocybin", "Psilocybin", False, None, "")
    assert context_raises("", [], Facts(planned=(PSILOCYBIN,), logged=(skipped,)), rules) == []


def test_without_a_plan_an_amount_raises_nothing(rules):
    assert context_raises("took 1.5 by mistake", [], Facts(), rules) == []


# --- medicines -------------------------------------------------------------------


def test_an_extra_dose_with_lithium_is_critical_for_seizure_risk(rules):
    facts = Facts(medications=("Lithium 300 mg twice daily",))
    [raised] = context_raises("I took an extra dose tonight", [], facts, rules)
    assert raised.severity == "critical" and raised.kind == "interaction"
    assert raised.reason == "took more than planned while taking lithium (seizure risk)"


def test_medicines_are_found_by_brand_and_misspelling(rules):
    groups = interacting_medications(["lithum", "Nardil 15mg", "sertraline 50 mg"], rules)
    assert [group.group for group in groups][:2] == ["lithium", "maoi"]
    assert groups[-1].group == "ssri-snri" and groups[-1].severity == "high"
    assert interacting_medications(["vitamin D", "ibuprofen"], rules) == []


def test_an_extra_dose_with_an_ssri_is_high(rules):
    facts = Facts(medications=("Zoloft",))
    [raised] = context_raises("took a second dose by mistake", [], facts, rules)
    assert raised.severity == "high"


def test_taking_more_of_something_else_is_not_an_extra_dose(rules):
    facts = Facts(medications=("lithium",))
    assert context_raises("took more photos than planned at the lake", [], facts, rules) == []
    assert context_raises("a dose as usual", [], facts, rules) == []


def test_an_overdose_with_lithium_names_both(rules):
    facts = Facts(planned=(PSILOCYBIN,), medications=("lithium",))
    kinds = {r.kind: r.severity for r in context_raises("took 1.5 g", [], facts, rules)}
    assert kinds == {"overdose": "critical", "interaction": "critical"}


def test_signs_in_the_body_after_a_dose_with_an_maoi_are_critical(rules):
    text = "took 0.15 this morning, now shaking and sweating with a fever"
    signs = match(text, "shaking and sweating", "serotonin_toxicity", "high")
    facts = Facts(planned=(PSILOCYBIN,), medications=("phenelzine",))
    [raised] = context_raises(text, [signs], facts, rules)
    assert raised.severity == "critical" and "serotonin toxicity" in raised.reason
    # Without a dose today the signs stay as the lexicon judged them.
    assert (
        context_raises("shaking and sweating", [signs], Facts(medications=("phenelzine",)), rules)
        == []
    )


def test_a_dose_with_lithium_and_nothing_else_raises_nothing(rules):
    # Screening decided about lithium when the plan was assigned (HZ-3); a
    # page for every ordinary dose would teach clinicians to ignore pages.
    facts = Facts(planned=(PSILOCYBIN,), medications=("lithium",))
    assert context_raises("took 0.15 as planned, nice walk", [], facts, rules) == []


# --- mood ------------------------------------------------------------------------


def test_moderate_crisis_language_on_a_very_low_mood_day_is_raised_to_high(rules):
    text = "had a panic attack at work"
    panic = match(text, "panic attack", "panic", "moderate")
    facts = Facts(mood=2, low_mood="Mood 2 of 10 (alerts at 2 or lower)")
    [raised] = context_raises(text, [panic], facts, rules)
    assert raised.severity == "high" and "mood 2 of 10" in raised.reason
    assert text[raised.start : raised.end] == "panic attack"


def test_moderate_crisis_language_after_a_drop_is_raised_to_high(rules):
    text = "had a panic attack at work"
    panic = match(text, "panic attack", "panic", "moderate")
    drop = "Mean mood of the last 3 check-ins 3.0, 4.0 below the usual 7"
    [raised] = context_raises(text, [panic], Facts(mood=3, mood_drop=drop), rules)
    assert raised.severity == "high" and "4.0 below the usual 7" in raised.reason


def test_a_good_mood_leaves_moderate_crisis_language_moderate(rules):
    text = "had a panic attack at work"
    panic = match(text, "panic attack", "panic", "moderate")
    assert context_raises(text, [panic], Facts(mood=7), rules) == []


def test_a_dropped_match_is_not_raised(rules):
    text = "had a panic attack years ago"
    dropped = Match(0, 5, "had a", "x", "panic", "moderate", dropped="history")
    assert context_raises(text, [dropped], Facts(mood=1, low_mood="Mood 1"), rules) == []


# --- never lower -----------------------------------------------------------------


def test_context_never_lowers_a_finding(rules):
    text = "I want to kill myself"
    intent = match(text, "kill myself", "suicidal", "critical")
    facts = Facts(planned=(PSILOCYBIN,), mood=9)
    raises = context_raises(text, [intent], facts, rules)
    assert raised_severity("critical", raises) == "critical"
    assert raised_severity("high", [type("R", (), {"severity": "moderate"})()]) == "high"
    assert raised_severity(None, []) is None


def test_no_facts_no_raises(rules):
    assert context_raises("took 1.5 by mistake", [], None, rules) == []


# --- when the facts are worth a query --------------------------------------------


def test_an_ordinary_entry_needs_no_facts(rules):
    assert not needs_facts("Walked by the river. Mood about a 6.", [], rules)
    assert not needs_facts("", [], rules)


def test_an_amount_an_extra_dose_or_a_body_match_needs_the_facts(rules):
    assert needs_facts("took 1.5 by mistake", [], rules)
    assert needs_facts("took an extra dose", [], rules)
    text = "chest pain all evening"
    assert needs_facts(text, [match(text, "chest pain", "medical", "critical")], rules)
    assert not needs_facts(text, [match(text, "chest pain", "panic", "moderate")], rules)


# --- the rules as data -----------------------------------------------------------


def test_the_rules_refuse_a_medicine_group_screening_does_not_know():
    data = {
        "watched": {},
        "interactions": {"nonsense": {"severity": "critical", "risk": "x", "source": "y"}},
        "low_mood": {"severity": "high"},
    }
    with pytest.raises(ContextRulesError, match="interactions.nonsense"):
        compile_context_rules(data, {"lithium": {"names": ["lithium"]}})


def test_the_rules_refuse_a_multiple_that_would_flag_the_plan_itself():
    data = {
        "watched": {
            "psilocybin": {
                "overdose_multiple": 1,
                "severity": "critical",
                "count_severity": "high",
                "source": "x",
            }
        },
        "low_mood": {"severity": "high"},
    }
    with pytest.raises(ContextRulesError, match="more than 1"):
        compile_context_rules(data, {})


def test_the_fixture_watches_psilocybin_at_three_times_the_plan(rules):
    assert rules.watched["psilocybin"].multiple == 3
    assert {i.group: i.severity for i in rules.interactions} == {
        "lithium": "critical",
        "tramadol": "critical",
        "maoi": "critical",
        "ssri-snri": "high",
    }
