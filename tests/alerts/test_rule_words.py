"""Every kind of alert Trellis raises has words for the places that name it without its
summary (the daily digest)."""

import yaml

from apps.alerts.rule_words import RULE_WORDS, rule_words
from apps.protocols.services import PLAN_SCREENING_CHANGED
from apps.safety.rules import FIXTURES
from apps.safety.semantic_reading import SEMANTIC_CRISIS

NOT_RULES = {"escalation", "digest_severities", "channels"}


def test_every_alert_rule_has_words():
    rules = yaml.safe_load((FIXTURES / "alert_rules.yaml").read_text(encoding="utf-8"))
    raised = (set(rules) - NOT_RULES) | {SEMANTIC_CRISIS, PLAN_SCREENING_CHANGED}
    assert raised <= set(RULE_WORDS), sorted(raised - set(RULE_WORDS))


def test_an_unknown_rule_is_named_as_an_alert_not_by_its_id():
    assert rule_words("some_new_rule") == "an alert"
