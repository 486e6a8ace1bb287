"""Every kind of crisis-language finding has words (apps/safety/categories.py)."""

import re

import pytest

from apps.safety.categories import (
    KINDS,
    RULE_KINDS,
    UNKNOWN,
    gravest_kind,
    kind_choices,
    kind_label,
    kind_of,
    span_label,
)
from apps.safety.rules import crisis_lexicon

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def test_every_category_of_the_lexicon_has_words():
    missing = sorted(set(crisis_lexicon().categories) - set(KINDS))
    assert not missing, f"add words for these categories to apps/safety/categories.py: {missing}"


def test_every_rule_given_finer_words_is_still_in_the_lexicon():
    rules = {rule.id: rule.category for rule in crisis_lexicon().rules}
    gone = sorted(set(RULE_KINDS) - set(rules))
    assert not gone, f"renamed or removed from the lexicon: {gone}"
    # The finer words are about ending one's life: only the suicidal rules have them.
    assert {rules[rule] for rule in RULE_KINDS} == {"suicidal"}


def test_no_words_look_like_a_key():
    for words in [*KINDS.values(), *RULE_KINDS.values(), UNKNOWN]:
        assert not SNAKE.search(words), words
        assert words == words.strip() and words


def test_an_unknown_category_reads_as_words_never_as_its_key():
    assert kind_label("suicidal_future_kind") == UNKNOWN
    assert span_label({"category": "suicidal_future_kind", "term": "x"}) == UNKNOWN


@pytest.mark.parametrize(
    ("span", "words"),
    [
        ({"category": "suicidal_passive", "term": "want-to-die"}, KINDS["suicidal_passive"]),
        ({"category": "suicidal", "term": "plan"}, "a plan to end their life"),
        ({"category": "suicidal", "term": "kill-myself"}, KINDS["suicidal"]),
        ({"category": "possible overdose", "term": "context-overdose"}, KINDS["overdose"]),
        ({"category": "low mood", "term": "context-mood"}, KINDS["low_mood"]),
    ],
)
def test_a_span_is_named_by_its_rule_or_its_category(span, words):
    assert span_label(span) == words


def test_the_gravest_kind_follows_the_order_of_kinds():
    spans = [
        {"category": "panic", "term": "panic-attack"},
        {"category": "self_harm", "term": "self-harm"},
        {"category": "possible overdose", "term": "context-overdose"},
    ]
    assert gravest_kind(spans) == "overdose"
    assert kind_of(spans[0]) == "panic"
    assert gravest_kind([{"category": "who-knows"}]) == ""


def test_the_form_choices_are_every_kind_in_words():
    choices = kind_choices()
    assert [key for key, _ in choices] == list(KINDS)
    assert all(words[0].isupper() for _, words in choices)


def test_the_crisis_finding_summary_names_kinds_in_words_gravest_first():
    from apps.safety.services import evaluate_checkin

    [finding] = [
        f
        for f in evaluate_checkin(mood=5, text="I wish I was dead. I want to kill myself.")
        if f.rule == "crisis_language"
    ]
    assert finding.summary.startswith("Crisis language in the journal: ")
    assert "_" not in finding.summary and "suicidal passive" not in finding.summary
