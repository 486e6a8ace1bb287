"""Dates and times people type, read one way everywhere.

A date field in a form accepts only days between 1900 and 2199. Django's own
fields accept year 1 and year 9999, and a day at either end of the calendar
breaks date arithmetic later (a week before 1 January of year 1, a time zone's
offset past 31 December 9999): one export was accepted and then failed three
times in the worker. A range is checked in one place too (range_problem).
"""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)
OUT_OF_RANGE = f"Enter a date between {EARLIEST.year} and {LATEST.year}."


def _day(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


class CalendarDateField(forms.DateField):
    def validate(self, value):
        super().validate(value)
        day = _day(value)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise ValidationError(OUT_OF_RANGE, code="out_of_range")


class CalendarDateTimeField(forms.DateTimeField):
    def to_python(self, value):
        try:
            return super().to_python(value)
        except OverflowError:  # a time zone's offset pushed it off the calendar
            raise ValidationError(OUT_OF_RANGE, code="out_of_range") from None

    def validate(self, value):
        super().validate(value)
        day = _day(value)
        if day is not None and not EARLIEST <= day <= LATEST:
            raise ValidationError(OUT_OF_RANGE, code="out_of_range")


def range_problem(
    first, last, *, max_days: int | None = None, too_long: str | None = None
) -> str | None:
    """What is wrong with a range from `first` to `last` (dates or datetimes),
    in words; None when it is a range. Both ends are expected to be inside
    the calendar above already."""
    if first is None or last is None:
        return None
    if first > last:
        return "The start must be on or before the end."
    if max_days is not None and (_day(last) - _day(first)).days + 1 > max_days:
        return too_long or f"Choose at most {max_days} days at a time."
    return None
