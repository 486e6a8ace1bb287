"""The journal as a clinician reads it beside a safety finding. Built in
apps/safety/why.py, below this layer, because the alert page (apps/alerts) shows
the same reading and may not import dashboards."""

from collections import defaultdict

from apps.safety.why import EntryReading, Reason, highlight_spans, private_words, read_entry

__all__ = [
    "EntryReading",
    "Reason",
    "highlight_spans",
    "journal_reasons",
    "private_words",
    "read_entry",
]


def journal_reasons(checkins, alerts) -> None:
    """On each check-in that went through selectors.journal_view, why it raised a
    finding: `why` (each highlighted sentence and its kinds of concern) and `stale`
    for an entry the patient may share; for a private one only `private_words`
    (the words and their kind), as journal_view's rule allows."""
    spans_by_checkin = defaultdict(list)
    for alert in alerts:
        checkin_id = (alert.evidence or {}).get("checkin_id")
        if checkin_id:
            spans_by_checkin[checkin_id].extend(alert.evidence.get("spans") or [])
    for checkin in checkins:
        spans = spans_by_checkin.get(checkin.pk, [])
        checkin.why, checkin.stale, checkin.private_words = [], False, []
        if not spans:
            continue
        if checkin.is_private:
            checkin.private_words = private_words(spans)
            continue
        reading = read_entry(checkin.journal, spans)
        checkin.highlighted = reading.html
        checkin.why, checkin.stale = reading.reasons, reading.stale
