"""The check-in's choices that come from fixtures: integration practices
(fixtures/practices.yaml) and the components' known side effects
(fixtures/components.yaml, through the safety app's loader)."""

from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

from apps.safety.rules import components


@cache
def practices() -> list[dict]:
    path = Path(settings.BASE_DIR) / "fixtures" / "practices.yaml"
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["practices"]


def practice_labels() -> dict[str, str]:
    return {practice["slug"]: practice["label"] for practice in practices()}


@cache
def known_side_effects() -> list[dict]:
    """Every side effect the components fixture names, each with a stable key
    ("<component slug>:<position>"), grouped by component in fixture order."""
    effects = []
    for component in components():
        for position, effect in enumerate(component.get("side_effects") or [], 1):
            effects.append(
                {
                    "key": f"{component['slug']}:{position}",
                    "component": component["name"],
                    "label": " ".join(effect["value"].split()),
                }
            )
    return effects


def side_effect_label(key: str) -> str | None:
    return next((e["label"] for e in known_side_effects() if e["key"] == key), None)
