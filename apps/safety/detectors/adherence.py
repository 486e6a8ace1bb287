"""Rules about entries that did not happen. Pure."""

from datetime import date


def days_without_checkin(*, last_checkin: date | None, joined: date, today: date) -> int:
    """Whole days since the last check-in (or since joining, for none yet),
    not counting today, which is not over."""
    since = last_checkin or joined
    return max((today - since).days - (0 if last_checkin is None else 1), 0)
