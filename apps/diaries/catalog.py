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


def catalogue_noticeable_effects() -> list[dict]:
    """The catalogue's effects a patient can notice (in the catalogue's own,
    clinical words): what the plain-words checklist must cover."""
    return [effect for effect in known_side_effects() if effect["patient_noticeable"]]


@cache
def patient_side_effects() -> list[dict]:
    """The daily checklist's rows, in plain words (fixtures/
    patient_side_effects.yaml), each with the component slugs that can cause
    it. The check-in POST validates against all of them (one field set per
    process); the page shows those of the patient's plan (effects_for_plan)."""
    path = Path(settings.BASE_DIR) / "fixtures" / "patient_side_effects.yaml"
    with open(path, encoding="utf-8") as handle:
        rows = yaml.safe_load(handle)["effects"]
    effects, seen = [], set()
    for row in rows:
        key = f"plain:{row['key']}"
        if key in seen:
            raise ValueError(f"{key}: listed twice in patient_side_effects.yaml")
        seen.add(key)
        effects.append(
            {
                "key": key,
                "label": " ".join(row["label"].split()),
                "components": tuple(row.get("components") or ()),
                "general": bool(row.get("general", False)),
            }
        )
    return effects


def effects_for_plan(component_slugs) -> set[str]:
    """The keys of the checklist rows to ask a patient whose plan has these
    components: every row a component can cause, and the general ones when
    the plan is empty or has a component the checklist does not know."""
    slugs = set(component_slugs)
    effects = patient_side_effects()
    known = {slug for effect in effects for slug in effect["components"]}
    general = not slugs or bool(slugs - known)
    return {
        effect["key"]
        for effect in effects
        if slugs & set(effect["components"]) or (general and effect["general"])
    }


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
    """A stored key's words: a checklist row's, or (older entries) the catalogue's."""
    return next(
        (e["label"] for e in (*patient_side_effects(), *known_side_effects()) if e["key"] == key),
        None,
    )
