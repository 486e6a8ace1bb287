"""Properties of the context reading that must hold for any text and any facts:
it never crashes, its offsets point at the text, it answers the same twice,
and it never lowers what the words alone found."""

import time
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.safety.detectors.context import (
    Facts,
    LoggedDose,
    PlannedDose,
    amounts_in,
    context_raises,
    needs_facts,
    raised_severity,
)
from apps.safety.detectors.crisis import crisis_matches, highest_severity
from apps.safety.detectors.findings import Severity
from apps.safety.rules import crisis_lexicon
from apps.safety.services import context_rules

SETTINGS = settings(
    max_examples=200,
    deadline=None,  # the first example compiles the lexicon
    suppress_health_check=[HealthCheck.too_slow],
)

PIECES = st.one_of(
    st.sampled_from(
        [
            "took",
            "me tomé",
            "ate",
            "another",
            "the whole",
            "bag",
            "by mistake",
            "as planned",
            "1.5",
            "0,15",
            "1,500",
            ".15",
            "3",
            "10:30",
            "12/03",
            "2026-12-04",
            "g",
            "mg",
            "capsules",
            "cápsulas",
            "hours",
            "of my",
            "extra dose",
            "lithium",
            "panic attack",
            "chest pain",
            "shaking",
            "sweating",
            "fever",
            "kill myself",
            "ñ",
            "İ",
            "ﬁ",
            "’",
        ]
    ),
    st.sampled_from([".", ",", "!", "?", "\n", " ", "-", ":", "/"]),
    st.text(max_size=4),
)
TEXT = st.one_of(st.text(), st.lists(PIECES, max_size=30).map(" ".join))
AMOUNTS = st.decimals(min_value=0, max_value=5000, allow_nan=False, places=3)
UNITS = st.sampled_from(["g", "mg", "capsule", "", "G "])
PLANNED = st.builds(
    PlannedDose,
    component=st.sampled_from(["psilocybin", "omega-3", "lions-mane", "unknown"]),
    name=st.sampled_from(["Psilocybin", "Omega-3", "Lion's mane", ""]),
    amount=AMOUNTS,
    unit=UNITS,
)
LOGGED = st.builds(
    LoggedDose,
    component=st.sampled_from(["psilocybin", "omega-3"]),
    name=st.just("Psilocybin"),
    taken=st.booleans(),
    amount=st.none() | AMOUNTS,
    unit=UNITS,
)
FACTS = st.builds(
    Facts,
    planned=st.lists(PLANNED, max_size=3).map(tuple),
    logged=st.lists(LOGGED, max_size=2).map(tuple),
    medications=st.lists(
        st.sampled_from(["lithium", "Nardil", "zoloft", "lithum 300mg", "vitamin D", ""])
        | st.text(max_size=10),
        max_size=3,
    ).map(tuple),
    mood=st.none() | st.integers(0, 10),
    low_mood=st.none() | st.just("Mood 1 of 10 (alerts at 2 or lower)"),
    mood_drop=st.none() | st.just("Mean mood of the last 3 check-ins 2.0, 4.0 below the usual 6"),
)


@SETTINGS
@given(text=TEXT, facts=FACTS)
def test_any_text_and_facts_give_an_answer_that_only_raises(text, facts):
    rules = context_rules()
    matches = crisis_matches(text, crisis_lexicon())
    raises = context_raises(text, matches, facts, rules)
    assert raises == context_raises(text, matches, facts, rules)  # deterministic
    before = highest_severity(matches)
    after = raised_severity(before, raises)
    if before is not None:
        assert Severity.ORDER[after] >= Severity.ORDER[before]
    for raised in raises:
        assert raised.severity in Severity.ORDER and raised.reason
        if raised.start is not None:
            assert 0 <= raised.start < raised.end <= len(text)
    needs_facts(text, matches, rules)


@SETTINGS
@given(text=TEXT)
def test_every_amount_points_at_the_words_it_was_read_from(text):
    for amount in amounts_in(text, context_rules()):
        assert text[amount.start : amount.end] == amount.matched
        assert amount.value is None or amount.value > 0
        assert amount.unit in (None, "g", "mg", "count")


def test_a_huge_entry_is_read_in_linear_time_and_gives_one_reason():
    # 5,000 amounts in one unpunctuated "sentence": reading the whole sentence
    # for each amount took 40 s; reading a window around each takes well under 1.
    text = "took 1.5 by mistake " * 5000
    facts = Facts(planned=(PlannedDose("psilocybin", "Psilocybin", Decimal("0.15"), "g"),))
    started = time.perf_counter()
    raises = context_raises(text, [], facts, context_rules())
    assert time.perf_counter() - started < 10
    assert len(raises) == 1
