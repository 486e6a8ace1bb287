"""The shape every instrument shares, and the scoring of a Likert form.

Pure: plain values in, plain values out, no Django (tests/test_conventions.py).
An instrument's facts (items, options, bands, sources) live in its own module.
"""

from collections.abc import Callable
from dataclasses import dataclass, field


class InvalidAnswers(ValueError):
    """The answers cannot be scored. The message is written for the patient;
    `key` names the question at fault, when there is one."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


@dataclass(frozen=True)
class Option:
    value: int
    label: str


@dataclass(frozen=True)
class Band:
    key: str
    low: int
    high: int
    label: str  # the clinician's word, as the source gives it
    plain: str  # the same, for the patient, in plain words


@dataclass(frozen=True)
class Score:
    instrument: str
    total: int | None
    band: Band
    items: tuple[int, ...] = ()
    answers: dict = field(default_factory=dict)  # what is stored: item key -> value
    follow_up: str | None = None  # the instrument to offer next, if any
    detail: dict = field(default_factory=dict)  # instrument-specific extras (PCL-5 clusters)


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    stem: str
    items: tuple[str, ...]
    options: tuple[Option, ...]
    bands: tuple[Band, ...]
    source: str
    # The instrument to offer straight away, and when: (items, total) -> bool.
    follow_up: str | None = None
    follow_up_when: Callable[[tuple[int, ...], int], bool] | None = None

    @property
    def item_keys(self) -> tuple[str, ...]:
        return tuple(f"q{number}" for number in range(1, len(self.items) + 1))

    @property
    def min_total(self) -> int:
        return min(o.value for o in self.options) * len(self.items)

    @property
    def max_total(self) -> int:
        return max(o.value for o in self.options) * len(self.items)

    def band_for(self, total: int) -> Band:
        for band in self.bands:
            if band.low <= total <= band.high:
                return band
        raise InvalidAnswers(f"{total} is outside the {self.name} range")

    def clean(self, answers: dict) -> tuple[int, ...]:
        """The answers as item values in order; refuses anything missing,
        out of range, not a whole number, or not an item of this form."""
        allowed = {o.value for o in self.options}
        unknown = set(answers) - set(self.item_keys)
        if unknown:
            raise InvalidAnswers(f"The {self.name} has no question {sorted(unknown)[0]!r}.")
        values = []
        for number, key in enumerate(self.item_keys, 1):
            value = answers.get(key)
            if value is None or value == "":
                raise InvalidAnswers(f"Please answer question {number}.", key)
            # Short ASCII digits only: int() would also read "３", and choke on
            # "²" or on more than 4,300 digits.
            if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
                value = int(value.strip()) if len(value.strip()) <= 3 else None
            if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
                raise InvalidAnswers(
                    f"Question {number}: choose one of the answers given "
                    f"({min(allowed)} to {max(allowed)}).",
                    key,
                )
            values.append(value)
        return tuple(values)

    def score(self, answers: dict) -> Score:
        items = self.clean(answers)
        total = sum(items)
        follow_up = None
        if self.follow_up and self.follow_up_when and self.follow_up_when(items, total):
            follow_up = self.follow_up
        return Score(
            instrument=self.slug,
            total=total,
            band=self.band_for(total),
            items=items,
            answers=dict(zip(self.item_keys, items, strict=True)),
            follow_up=follow_up,
        )
