"""overdose_raised_by: whether a check-in's own alert was about an overdose,
read from the alerts' evidence spans (no query)."""

import pytest

from apps.alerts.models import Alert
from apps.alerts.selectors import OVERDOSE_CATEGORIES, overdose_raised_by
from apps.safety import services as safety_services
from apps.safety.rules import crisis_lexicon

CHECKIN = 41


def alert(*categories, checkin_id=CHECKIN, rule="crisis_language") -> Alert:
    """An alert as raise_for writes it (Finding.as_evidence + the check-in's id)."""
    return Alert(
        rule=rule,
        severity="critical",
        source_checkin_id=checkin_id,
        evidence={
            "rule": rule,
            "summary": "",
            "checkin_id": checkin_id,
            "spans": [
                {"start": 0, "end": 4, "matched": "took", "term": "x", "category": category}
                for category in categories
            ],
        },
    )


@pytest.mark.parametrize(
    "categories",
    [("overdose",), ("possible overdose",), ("suicidal", "overdose"), ("low mood", "overdose")],
)
def test_evidence_with_an_overdose_span_is_an_overdose(categories):
    assert overdose_raised_by(alerts=[alert(*categories)], checkin_id=CHECKIN) is True


@pytest.mark.parametrize(
    "categories",
    [("suicidal_passive",), ("suicidal",), ("self_harm", "medical"), ("low mood",), ()],
)
def test_evidence_without_an_overdose_span_is_not(categories):
    assert overdose_raised_by(alerts=[alert(*categories)], checkin_id=CHECKIN) is False


def test_no_alert_is_no_overdose():
    assert overdose_raised_by(alerts=[], checkin_id=CHECKIN) is False


def test_one_overdose_alert_among_others_is_enough():
    alerts = [alert("suicidal_passive"), alert(rule="low_mood"), alert("overdose")]
    assert overdose_raised_by(alerts=alerts, checkin_id=CHECKIN) is True


def test_evidence_a_later_checkin_replaced_is_not_this_checkins():
    # raise_for bumps the open alert with the newest check-in's evidence.
    assert (
        overdose_raised_by(alerts=[alert("overdose", checkin_id=99)], checkin_id=CHECKIN) is False
    )


@pytest.mark.parametrize(
    "evidence",
    [{}, {"checkin_id": CHECKIN}, {"checkin_id": CHECKIN, "spans": "overdose"},
     {"checkin_id": CHECKIN, "spans": ["overdose", None]}, None, "overdose"],
)  # fmt: skip
def test_evidence_of_an_unexpected_shape_is_no_overdose(evidence):
    odd = Alert(
        rule="crisis_language", severity="high", source_checkin_id=CHECKIN, evidence=evidence
    )
    assert overdose_raised_by(alerts=[odd], checkin_id=CHECKIN) is False


def test_the_overdose_categories_are_the_lexicon_s_and_the_context_raise_s():
    assert "overdose" in crisis_lexicon().categories
    assert safety_services._RAISE_CATEGORY["overdose"] in OVERDOSE_CATEGORIES
    assert OVERDOSE_CATEGORIES == {"overdose", safety_services._RAISE_CATEGORY["overdose"]}
