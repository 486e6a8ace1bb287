"""Reliable change between two totals of the same instrument.

Sources (docs/CLINICAL_REFERENCE.md#change-between-two-totals):
- PHQ-9: a change >= 5 is clinically meaningful for one person (Löwe 2004);
  NHS Talking Therapies counts >= 6 as reliable change. Trellis uses 6 for
  "reliable" and reports 5 as "clinically meaningful".
- GAD-7: reliable change >= 4 (NHS Talking Therapies).
Other instruments: the reference gives no threshold, so no judgement is made.
"""

RELIABLE_CHANGE = {"phq9": 6, "gad7": 4}
MEANINGFUL_CHANGE = {"phq9": 5}


def reliable_change(instrument: str, previous: int | None, current: int | None) -> str | None:
    """ "improved", "deteriorated" or "no reliable change"; None when there is
    nothing to compare or no threshold for the instrument. Higher totals are
    worse on every instrument here."""
    threshold = RELIABLE_CHANGE.get(instrument)
    if threshold is None or previous is None or current is None:
        return None
    if previous - current >= threshold:
        return "improved"
    if current - previous >= threshold:
        return "deteriorated"
    return "no reliable change"


def clinically_meaningful(instrument: str, previous: int | None, current: int | None) -> bool:
    threshold = MEANINGFUL_CHANGE.get(instrument)
    if threshold is None or previous is None or current is None:
        return False
    return abs(current - previous) >= threshold
