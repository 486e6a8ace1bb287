"""Loads the safety data from fixtures/ once per process."""

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

from .detectors.crisis import Lexicon, compile_lexicon
from .detectors.screening import RuleSet, compile_rules

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


# libyaml's safe loader where PyYAML was built with it (its wheels are): the same data, read
# about ten times faster (stop 51: 0.40 -> 0.03 s for the crisis lexicon, a tenth of
# `manage.py crisis_scan`'s start-up).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _load(name: str):
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


@cache
def crisis_lexicon() -> Lexicon:
    return compile_lexicon(_load("crisis_lexicon.yaml"))


@cache
def alert_rules() -> dict:
    return _load("alert_rules.yaml")


@cache
def crisis_resources() -> dict:
    return _load("crisis_resources.yaml")


# A resource's `when` (fixtures/crisis_resources.yaml): shown only for this kind of
# check-in. A poison centre's line is for a medicine or drug taken in excess.
WHEN_OVERDOSE = "overdose"


def crisis_resources_for(
    locale: str, language: str = "en", *, overdose: bool = False
) -> list[dict]:
    """The country's resources written in `language`, the emergency number first.

    A country with no entry in that language gets its entries in the other:
    a number in a language the reader may not speak still beats no number.
    An unknown country gets the US's. An entry with a `when` is left out unless
    its occasion is asked for: `overdose=True` adds the `when: overdose` lines
    (poison centres), right after the emergency number."""
    entries = crisis_resources().get(locale) or crisis_resources()["US"]
    occasions = {WHEN_OVERDOSE} if overdose else set()
    shown = [entry for entry in entries if "when" not in entry or entry["when"] in occasions]
    chosen = [entry for entry in shown if entry.get("lang", "en") == language] or shown

    def rank(entry: dict) -> int:
        if entry.get("emergency", False):
            return 0
        return 1 if entry.get("when") else 2

    # sorted() is stable: the fixture's order holds within each group.
    return sorted(chosen, key=rank)


@cache
def contraindication_rules() -> RuleSet:
    return compile_rules(_load("contraindications.yaml"))


@cache
def components() -> list[dict]:
    return _load("components.yaml")["components"]
