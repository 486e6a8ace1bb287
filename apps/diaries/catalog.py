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
    ("<component slug>:<position>"), grouped by component in fixture order.
    Clinician-only ones are included: past entries and the clinician's pages
    still need their labels."""
    return side_effects_from(components())


def patient_side_effects() -> list[dict]:
    """The ones a patient can notice: the daily checklist's rows."""
    return [effect for effect in known_side_effects() if effect["patient_noticeable"]]


def side_effects_from(components_data: list[dict]) -> list[dict]:
    """Read and check the side effects of the components fixture; a wrong
    marker stops the loader with the entry's name rather than silently
    showing (or hiding) an effect."""
    effects = []
    for component in components_data:
        for position, effect in enumerate(component.get("side_effects") or [], 1):
            key = f"{component['slug']}:{position}"
            noticeable = effect.get("patient_noticeable", True)
            if not isinstance(noticeable, bool):
                raise ValueError(f"{key}: patient_noticeable must be true or false")
            reason = " ".join(str(effect.get("not_noticeable_reason") or "").split())
            if not noticeable and not reason:
                raise ValueError(
                    f"{key}: say why a patient cannot notice it (not_noticeable_reason)"
                )
            effects.append(
                {
                    "key": key,
                    "component": component["name"],
                    "label": " ".join(effect["value"].split()),
                    "patient_noticeable": noticeable,
                    "not_noticeable_reason": reason,
                }
            )
    return effects


def side_effect_label(key: str) -> str | None:
    return next((e["label"] for e in known_side_effects() if e["key"] == key), None)
