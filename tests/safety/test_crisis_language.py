import csv
from pathlib import Path

import pytest

from apps.safety.detectors.crisis import crisis_spans
from apps.safety.rules import crisis_lexicon
from apps.safety.services import CRISIS_LANGUAGE, VERY_LOW_MOOD, evaluate_checkin

DEV_SET = Path(__file__).resolve().parents[2].parent / "shared" / "clinical" / "crisis-dev-set.tsv"
# The first lexicon covers intent to die, self-harm and harm to others; the
# safety issue brings medical, panic, psychosis and mania signs.
COVERED = {"suicidal", "self_harm", "harm_others"}
# Known misses of the first lexicon, kept visible: strict xfail fails the day
# the detector learns them, so this list only ever shrinks.
KNOWN_MISSES = {"Looking up the tallest buildings nearby for reasons."}


def dev_rows():
    with open(DEV_SET, encoding="utf-8") as handle:
        return [
            (row["label"], row["kind"], row["text"])
            for row in csv.DictReader(handle, delimiter="\t")
        ]


def alerts(text):
    return bool(crisis_spans(text, crisis_lexicon()))


@pytest.mark.parametrize(("label", "kind", "text"), [r for r in dev_rows() if r[0] == "0"])
def test_it_does_not_alert_on_idioms_denials_or_everyday_words(label, kind, text):
    assert not alerts(text), crisis_spans(text, crisis_lexicon())


@pytest.mark.parametrize(
    ("label", "kind", "text"),
    [
        pytest.param(*r, marks=pytest.mark.xfail(strict=True, reason="first lexicon"))
        if r[2] in KNOWN_MISSES
        else r
        for r in dev_rows()
        if r[0] == "1" and r[1] in COVERED
    ],
)
def test_it_alerts_on_intent_self_harm_and_harm_to_others(label, kind, text):
    assert alerts(text)


def test_it_reports_where_the_words_matched():
    text = "Long day. I want to kill myself tonight."
    [span] = crisis_spans(text, crisis_lexicon())
    assert text[span.start : span.end] == span.matched == "kill myself"
    assert span.category == "suicidal"


def test_a_turn_keeps_the_alert_even_after_a_denial():
    assert alerts("I'm not suicidal exactly, but I keep wanting to end my life.")


def test_a_clear_denial_does_not_alert():
    assert not alerts("No suicidal thoughts this week.")


def test_it_survives_odd_unicode_and_markup():
    assert alerts("<script>alert(1)</script><b>I want to kill myself</b>")
    assert alerts("I WANT TO KILL MYSELF")
    assert not alerts("\u202e\u0000🙂" * 1000)


def test_a_mood_of_two_or_lower_is_a_finding_and_three_is_not():
    assert [f.rule for f in evaluate_checkin(mood=2, text="")] == [VERY_LOW_MOOD]
    assert evaluate_checkin(mood=3, text="") == []


def test_crisis_language_is_critical_and_low_mood_is_high():
    findings = {f.rule: f for f in evaluate_checkin(mood=1, text="I want to die")}
    assert findings[CRISIS_LANGUAGE].severity == "critical"
    assert findings[VERY_LOW_MOOD].severity == "high"
    assert all(f.is_crisis for f in findings.values())
