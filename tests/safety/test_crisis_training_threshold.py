"""The shipped threshold of the semantic crisis layer (scripts/crisis_train.py): chosen so
that the rules and the semantic layer TOGETHER flag at most the target share of the
pool's ordinary entries, the rules' own false alarms counted first."""

import importlib.util
from pathlib import Path

import numpy as np
import pytest

_spec = importlib.util.spec_from_file_location(
    "crisis_train", Path(__file__).resolve().parents[2] / "scripts" / "crisis_train.py"
)
crisis_train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crisis_train)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_rules_or_semantic_flag_exactly_the_target_share_of_ordinary_entries(seed):
    rng = np.random.default_rng(seed)
    scores = rng.random(1000)
    ruled = rng.random(1000) < 0.012
    threshold = crisis_train.threshold_with_rules(scores, ruled, 0.02)
    assert (ruled | (scores >= threshold)).sum() == 20
    # One step lower would flag one entry more than the budget.
    lower = np.sort(scores[~ruled & (scores < threshold)])[-1]
    assert (ruled | (scores >= lower)).sum() == 21


def test_when_the_rules_alone_spend_the_budget_the_semantic_layer_flags_nothing_more():
    scores = np.linspace(0, 1, 100)
    ruled = np.zeros(100, bool)
    ruled[:3] = True
    threshold = crisis_train.threshold_with_rules(scores, ruled, 0.02)
    assert not (scores >= threshold).any()
