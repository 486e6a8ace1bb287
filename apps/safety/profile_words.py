"""A health-profile change in words: what the history on the clinician's
health-profile page prints. Stored changes keep field names and raw values
(a list, True, None); people read "Has a regular therapist: not answered →
yes"."""

FIELD_WORDS = {
    "conditions": "Health conditions",
    "medications": "Medicines and supplements",
    "allergies": "Allergies",
    "family_history": "Mental-health conditions in the close family",
    "pregnant": "Pregnant, or could be",
    "breastfeeding": "Breastfeeding",
    "recent_trauma_months": "Months since a recent trauma",
    "has_therapist": "Has a regular therapist",
    "housing_stable": "Housing safe and stable",
    "support_person": "Trusted support person",
}


def value_words(value) -> str:
    if value is None or value == "" or value == []:
        return "not answered" if not isinstance(value, list) else "none"
    if value is True:
        return "yes"
    if value is False:
        return "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value)
    return str(value)


def change_lines(changes: dict) -> list[dict]:
    """[{"label", "before", "after"}] for one stored change, in the order the
    form asks its questions (unknown fields last, still in words)."""
    order = list(FIELD_WORDS)
    names = sorted(changes, key=lambda n: order.index(n) if n in order else len(order))
    lines = []
    for name in names:
        values = changes[name] if isinstance(changes[name], dict) else {}
        lines.append(
            {
                "label": FIELD_WORDS.get(name) or name.replace("_", " ").capitalize(),
                "before": value_words(values.get("before")),
                "after": value_words(values.get("after")),
            }
        )
    return lines
