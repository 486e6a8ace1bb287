"""The session brief in sentences, shared by the page and the PDF so the two
never say different things."""

PHASE_WORDS = {
    "initial": "initial phase",
    "maintenance": "maintenance",
    "integration": "integration",
}


def _day(value) -> str:
    return f"{value:%-d %b}"


def mood_sentence(mood: dict | None) -> str:
    if mood is None:
        return "Not enough check-ins to compare mood with the baseline."
    base = (
        f"mean {mood['recent']} over {mood['recent_days']} check-in"
        f"{'s' if mood['recent_days'] != 1 else ''}, against a baseline of {mood['baseline']} "
        f"({mood['baseline_days']} day{'s' if mood['baseline_days'] != 1 else ''} before)"
    )
    if mood["direction"] == "steady":
        return f"Mood steady: {base}."
    return f"Mood {mood['direction']} by {abs(mood['change'])} points: {base}."


def alert_sentence(alert) -> str:
    handled = "still open"
    if alert.resolved_at:
        who = f" by {alert.resolved_by}" if alert.resolved_by else ""
        note = f": {alert.resolution_note}" if alert.resolution_note else ""
        handled = f"resolved {_day(alert.resolved_at)}{who}{note}"
    elif alert.acknowledged_at:
        who = f" by {alert.acknowledged_by}" if alert.acknowledged_by else ""
        handled = f"acknowledged {_day(alert.acknowledged_at)}{who}"
    return f"{_day(alert.created_at)} [{alert.severity}] {alert.summary} ({handled})"


def questionnaire_sentences(series: list[dict]) -> list[str]:
    found = []
    for instrument in series:
        for point in instrument["points"]:
            change = ""
            if point["change"] and point["change"] != "no reliable change":
                change = f" RELIABLE CHANGE: {point['change']} (from {point['previous']})"
            elif point["previous"] is not None:
                change = f" (from {point['previous']}, no reliable change)"
            found.append(
                f"{instrument['name']} {_day(point['date'])}: {point['total']}, "
                f"{point['band']}.{change}"
            )
    return found


def brief_lines(brief: dict) -> list[tuple[str, list[str]]]:
    adherence = [
        f"{row['component']}: {row['taken']} of {row['due']} dose days taken"
        + (f" ({row['percent']}%)" if row["percent"] is not None else "")
        + (f", {row['skipped']} skipped" if row["skipped"] else "")
        for row in brief["adherence"]
    ]
    effects = [
        f"{e['description']} ({e['severity']}, {e['change']})" for e in brief["side_effects"]
    ]
    excerpts = []
    for checkin in brief["flagged"]:
        words = ", ".join(f"{word} ({category})" for word, category in checkin.matched_words)
        if checkin.is_private:
            excerpts.append(f"{_day(checkin.local_date)} (private entry): {words}")
        else:
            excerpts.append(f"{_day(checkin.local_date)}: {checkin.journal[:600]}")
    missed = brief["missed"]
    return [
        ("Mood", [mood_sentence(brief["mood"])]),
        ("Alerts", [alert_sentence(a) for a in brief["alerts"]] or ["No alerts raised."]),
        ("Screening", screening_sentences(brief)),
        ("Adherence", adherence or ["No plan in this period."]),
        ("New or worse side effects", effects or ["None reported."]),
        ("Questionnaires", questionnaire_sentences(brief["questionnaires"]) or ["None answered."]),
        ("Flagged journal excerpts", excerpts or ["None."]),
        (
            "Missed check-ins",
            [
                f"{len(missed)} day{'s' if len(missed) != 1 else ''} on the plan without a "
                f"check-in" + (": " + ", ".join(_day(d) for d in missed[-14:]) if missed else ".")
            ],
        ),
    ]


def screening_sentences(brief: dict) -> list[str]:
    """The screening state in the one rule's words, then each flag's reason;
    a brief built without it (an older caller) says nothing rather than
    "clear"."""
    state = brief.get("screening")
    if state is None:
        return ["Screening state not available."]
    lines = [state.words + "."]
    for flag in brief.get("screening_flags", []):
        kind = "Must not" if flag.get("severity") == "absolute" else "Caution"
        component = flag.get("component") or "the whole protocol"
        lines.append(f"{kind} ({component}): {flag.get('reason', '')}")
    return lines
