"""The session brief in sentences, shared by the page and the PDF so the two
never say different things."""

from .brief import LATEST_POINTS, WINDOW_DAYS

PHASE_WORDS = {
    "initial": "initial phase",
    "maintenance": "maintenance",
    "integration": "integration",
}


# An entry whose only findings the second reading lowered to the digest, and a private
# entry the semantic reader flagged with no rule's words (nothing of it may be shown).
READ_AS_ORDINARY = (
    "its words can sound like a crisis, but read as a whole the entry read as ordinary,"
    " so it went to the daily digest, not a same-day alert"
)
FOUND_AS_A_WHOLE = "read as a whole, the entry read as a possible crisis"
WORDS_STAY_PRIVATE = "its words stay private"


def _day(value) -> str:
    return f"{value:%-d %b}"


def _num(value) -> str:
    # 7.0 reads "7", 7.14 reads "7.1": a clinician reads moods as whole numbers.
    return f"{round(value, 1):g}"


def _latest(change) -> str:
    on = f" on {_day(change.latest_day)}" if change.latest_day else ""
    return f"last entry {_num(change.latest)}{on}"


def change_phrase(change) -> str:
    """What the one drop rule (brief.judge_mood) found, in a phrase with its
    numbers: the caseload's row and the brief's sentence both say this."""
    if change.kind == "none":
        return f"no check-ins in the last {WINDOW_DAYS} days"
    if change.kind == "unknown":
        return (
            f"{_latest(change)}; too few check-ins to say what is usual "
            f"({change.answers} in {WINDOW_DAYS} days)"
        )
    usual = _num(change.usual)
    gap = change.latest - change.usual
    # The latest entry alone tipped it (or also did): lead with it.
    if (change.kind == "drop" and -gap >= LATEST_POINTS) or (
        change.kind == "rise" and gap >= LATEST_POINTS
    ):
        side = "below" if gap < 0 else "above"
        return f"{_latest(change)}, {_num(abs(gap))} {side} their usual {usual}"
    recent = (
        f"the last {change.recent_count} check-in{'s' if change.recent_count != 1 else ''} "
        f"averaged {_num(change.recent_mean)}"
    )
    if change.kind == "steady":
        return f"{recent}, against their usual {usual}; {_latest(change)}"
    side = "below" if change.kind == "drop" else "above"
    shift = _num(abs(change.recent_mean - change.usual))
    return f"{recent}, {shift} {side} their usual {usual}; {_latest(change)}"


MOOD_HEADLINE = {
    # Nothing to compare with: the phrase says what is unknown, with no verdict.
    "none": "Mood",
    "unknown": "Mood",
    "drop": "Mood dropped",
    "rise": "Mood rose",
    "steady": "Mood steady",
}


def mood_sentence(change) -> str:
    """The brief's mood line. "Steady" only when the one drop rule says
    neither drop nor rise, so a 3 after weeks around 7 never reads steady."""
    if change is None:
        return "Mood not available."
    sentence = f"{MOOD_HEADLINE[change.kind]}: {change_phrase(change)}."
    if change.usual is not None:
        sentence += (
            f" Usual is the mean of the {change.usual_count} check-ins before the last "
            f"{change.recent_count}, within {WINDOW_DAYS} days."
        )
    return sentence[0].upper() + sentence[1:]


def alert_sentence(alert) -> str:
    handled = "still open"
    if alert.resolved_at:
        who = f" by {alert.resolved_by}" if alert.resolved_by else ""
        note = f": {alert.resolution_note}" if alert.resolution_note else ""
        handled = f"resolved {_day(alert.resolved_at)}{who}{note}"
    elif alert.acknowledged_at:
        who = f" by {alert.acknowledged_by}" if alert.acknowledged_by else ""
        handled = f"acknowledged {_day(alert.acknowledged_at)}{who}"
    return f"{_day(alert.created_at)}, {alert.severity} alert: {alert.summary} ({handled})"


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


def dose_day_sentences(brief: dict) -> list[str]:
    """Mood on dose days beside rest days since the last session (the timeline's
    comparison, apps.diaries.selectors.dose_day_comparison), always with the
    warning that a plan the patient knows is not blinded; nothing off a plan."""
    comparison = brief.get("dose_day_comparison")
    if comparison is None:
        return []
    dose, rest = comparison["dose"], comparison["rest"]
    if comparison["enough_data"]:
        numbers = (
            f"Mood on dose days {_num(dose['mean'])} ({dose['days']} days), rest days "
            f"{_num(rest['mean'])} ({rest['days']} days): difference "
            f"{_num(comparison['difference'])} (95% interval {_num(comparison['low'])} to "
            f"{_num(comparison['high'])})."
        )
    else:
        numbers = (
            f"Mood on dose days and rest days: not enough data yet ({dose['days']} dose, "
            f"{rest['days']} rest days with an answer; at least {comparison['min_days']} "
            "of each are needed)."
        )
    return [f"{numbers} Not blinded: expectation may explain part of this."]


def finding_words(checkin) -> str:
    """What raised a check-in's safety findings, as a clinician may read it of a private
    entry (selectors.journal_view): the words and the kind of concern, never a key."""
    if checkin.found_as_a_whole and checkin.is_private:
        return f"{FOUND_AS_A_WHOLE}; {WORDS_STAY_PRIVATE}"
    if checkin.found_as_a_whole:
        return FOUND_AS_A_WHOLE
    return ", ".join(f"{word} ({kind})" for word, kind in checkin.matched_words)


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
        day = _day(checkin.local_date)
        if checkin.read_as_ordinary:
            day += f" ({READ_AS_ORDINARY})"
        if checkin.is_private:
            words = finding_words(checkin)
            excerpts.append(f"{day} (private entry): {words}")
        else:
            excerpts.append(f"{day}: {checkin.journal[:600]}")
    return [
        ("Mood", [mood_sentence(brief["mood"]), *dose_day_sentences(brief)]),
        ("Alerts", [alert_sentence(a) for a in brief["alerts"]] or ["No alerts raised."]),
        ("Screening", screening_sentences(brief)),
        ("Adherence", adherence or ["No plan in this period."]),
        ("New or worse side effects", effects or ["None reported."]),
        ("Questionnaires", questionnaire_sentences(brief["questionnaires"]) or ["None answered."]),
        ("Flagged journal excerpts", excerpts or ["None."]),
        ("Missed check-ins", [missed_sentence(brief)]),
    ]


def missed_sentence(brief: dict) -> str:
    """Days on the plan without a check-in; with no plan in the period none were due,
    which is not the same as none missed."""
    missed = brief["missed"]
    planned = brief.get("planned_days", -1)  # -1: a caller that does not say
    if planned is None:
        return "No plan in this period, so no check-in was due."
    if planned == 0:
        return "No check-in was due on the plan yet."
    return f"{len(missed)} day{'s' if len(missed) != 1 else ''} on the plan without a check-in" + (
        ": " + ", ".join(_day(d) for d in missed[-14:]) if missed else "."
    )


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
