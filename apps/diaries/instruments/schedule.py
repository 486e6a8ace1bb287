"""When a scheduled questionnaire is due. Pure: dates in, a yes or no out.

A schedule repeats every `every_days` from `starts_on`. Each repetition opens a
period; the questionnaire is due from the first day of the period until it
has been answered in that period. A period missed entirely is not owed twice:
only the current one counts (a patient coming back after a gap answers once).
"""

from datetime import date, timedelta


def period_start(*, starts_on: date, every_days: int, today: date) -> date | None:
    """The first day of the period `today` falls in; None before the start."""
    if every_days < 1:
        raise ValueError("every_days must be at least 1")
    if today < starts_on:
        return None
    periods = (today - starts_on).days // every_days
    return starts_on + timedelta(days=periods * every_days)


def is_due(*, starts_on: date, every_days: int, today: date, last_answered: date | None) -> bool:
    start = period_start(starts_on=starts_on, every_days=every_days, today=today)
    if start is None:
        return False
    return last_answered is None or last_answered < start
