"""What Trellis knows beside the journal's text. Pure.

The crisis lexicon reads words; it cannot know that "took 1.5" is ten times a
patient's planned 0.15 g, that this patient takes lithium, or that their mood
fell this week. This module takes the crisis matches of one entry and the
plain facts the check-in has (the day's plan, the doses logged, the health
profile's medications, the mood rules' results) and says where those facts
make the entry more serious, each time with a reason in plain words:

- an amount written in the text (or logged today) at the watched multiple of
  the plan or more: possible overdose (critical; a count of capsules against
  a plan in grams, high);
- taking more than planned, or signs in the body after a dose, while on an
  interacting medication: the medication's severity (lithium -> critical);
- a moderate crisis-language match with a very low mood or a drop against
  the patient's own baseline: high.

It only ever raises. The thresholds and every word are data
(fixtures/context_rules.yaml, the medication names from
fixtures/contraindications.yaml), compiled once by `compile_context_rules`.
"""

import difflib
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .findings import Severity

# --- the facts ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedDose:
    """One component of the patient's plan in force on the day."""

    component: str  # the catalog slug, e.g. "psilocybin"
    name: str  # as the clinician reads it, e.g. "Psilocybin"
    amount: Decimal
    unit: str


@dataclass(frozen=True)
class LoggedDose:
    """One dose the patient logged for the day (taken, or skipped)."""

    component: str
    name: str
    taken: bool
    amount: Decimal | None
    unit: str


@dataclass(frozen=True)
class Facts:
    """What the check-in knows beside the text, as plain values.

    `low_mood` and `mood_drop` are the reasons of the mood rules
    (apps/safety/detectors/risk.py: very_low_mood, baseline_drop) when they
    fired on this check-in, None otherwise: the rules live there, once."""

    planned: tuple[PlannedDose, ...] = ()
    logged: tuple[LoggedDose, ...] = ()
    medications: tuple[str, ...] = ()
    mood: int | None = None
    low_mood: str | None = None
    mood_drop: str | None = None


@dataclass(frozen=True)
class Raise:
    """One way the context makes the entry more serious."""

    severity: str
    reason: str  # plain words for the clinician
    kind: str  # "overdose", "interaction" or "mood": what kind of fact raised it
    start: int | None = None  # where in the text, when a phrase of it is the reason
    end: int | None = None

    def as_dict(self) -> dict:
        return {
            "severity": self.severity,
            "reason": self.reason,
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Amount:
    """An amount the text says was taken: text[start:end] == matched.

    `unit` is "g", "mg", "count" or None (a bare number, to be read in the
    plan's unit); `value` is None for a whole supply ("the whole bag")."""

    value: Decimal | None
    unit: str | None
    start: int
    end: int
    matched: str
    additional: bool = False  # "took another 0.15": on top of the day's dose


# --- the rules ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Watched:
    component: str
    multiple: Decimal
    severity: str
    count_severity: str
    names: frozenset[str]


@dataclass(frozen=True)
class Interaction:
    group: str
    label: str
    severity: str
    risk: str
    names: tuple[tuple[str, ...], ...]  # each name as its words
    excludes: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True, eq=False)
class ContextRules:
    watched: dict[str, Watched]
    interactions: tuple[Interaction, ...]
    body_categories: frozenset[str]
    low_mood_severity: str
    intake: frozenset[str]
    between: frozenset[str]
    grams: frozenset[str]
    milligrams: frozenset[str]
    counts: frozenset[str]
    not_doses: frozenset[str]
    after_amount: frozenset[str]
    dose_cues: re.Pattern
    whole: frozenset[str]
    supply: frozenset[str]
    extra: re.Pattern
    additional: frozenset[str] = field(default=frozenset())
    of: frozenset[str] = field(default=frozenset())
    determiners: frozenset[str] = field(default=frozenset())
    pronouns: frozenset[str] = field(default=frozenset())
    medication_vocabulary: frozenset[str] = field(default=frozenset())
    fuzzy_min_length: int = 5
    fuzzy_min_ratio: float = 0.85


class ContextRulesError(ValueError):
    """The context rules data is broken; the message names the entry at fault."""


_SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MODERATE)


def _fold(text: str) -> str:
    """Lower case without accents, ONE character for each character of `text`,
    so offsets found in the folded text are offsets of the original."""
    out = []
    for char in text:
        if char.isascii():
            out.append(char.lower())
            continue
        if char in "’‘`´ʼ":
            out.append("'")
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        lowered = base.lower() if base else ""
        out.append(lowered if len(lowered) == 1 else char)
    return "".join(out)


_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)?")


def _words(text: str) -> list[str]:
    return _WORD.findall(_fold(text))


def _word_set(values, where: str) -> frozenset[str]:
    if not isinstance(values, list) or not values:
        raise ContextRulesError(f"{where}: expected a non-empty list of words")
    return frozenset(" ".join(_words(str(value))) for value in values)


def _phrases(values, where: str) -> re.Pattern:
    words = sorted(_word_set(values, where), key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in words)
    return re.compile(rf"(?<![^\W_])(?:{alternatives})(?![^\W_])")


def compile_context_rules(data: dict, medication_groups: dict) -> ContextRules:
    """Check and compile fixtures/context_rules.yaml. `medication_groups` is
    the `medications:` mapping of fixtures/contraindications.yaml (label,
    names, exclude), where the medicines are named once for all of Trellis.
    Raises ContextRulesError naming the entry at fault."""
    if not isinstance(data, dict):
        raise ContextRulesError("the context rules must be a mapping")
    watched = {}
    for slug, spec in (data.get("watched") or {}).items():
        where = f"watched.{slug}"
        try:
            multiple = Decimal(str(spec["overdose_multiple"]))
        except (KeyError, TypeError, InvalidOperation) as error:
            raise ContextRulesError(f"{where}: overdose_multiple must be a number") from error
        if multiple <= 1:
            raise ContextRulesError(f"{where}: overdose_multiple must be more than 1")
        for key in ("severity", "count_severity"):
            if spec.get(key) not in _SEVERITIES:
                raise ContextRulesError(f"{where}: {key} must be one of {_SEVERITIES}")
        if not spec.get("source"):
            raise ContextRulesError(f"{where}: needs a source")
        watched[slug] = Watched(
            component=slug,
            multiple=multiple,
            severity=spec["severity"],
            count_severity=spec["count_severity"],
            names=_word_set(spec.get("names") or [slug], f"{where}.names"),
        )
    interactions = []
    vocabulary = set()
    for group, spec in (data.get("interactions") or {}).items():
        where = f"interactions.{group}"
        if group not in (medication_groups or {}):
            raise ContextRulesError(f"{where}: no such group in contraindications.yaml")
        if spec.get("severity") not in _SEVERITIES:
            raise ContextRulesError(f"{where}: severity must be one of {_SEVERITIES}")
        if not spec.get("risk") or not spec.get("source"):
            raise ContextRulesError(f"{where}: needs a risk and a source")
        named = medication_groups[group]
        names = tuple(tuple(_words(str(name))) for name in named.get("names") or ())
        names = tuple(name for name in names if name)
        if not names:
            raise ContextRulesError(f"{where}: the group names no medicine")
        vocabulary.update(word for name in names for word in name)
        interactions.append(
            Interaction(
                group=group,
                label=str(named.get("label") or group),
                severity=spec["severity"],
                risk=str(spec["risk"]),
                names=names,
                excludes=tuple(
                    tuple(_words(str(name))) for name in named.get("exclude") or () if _words(name)
                ),
            )
        )
    low_mood = data.get("low_mood") or {}
    if low_mood.get("severity") not in _SEVERITIES:
        raise ContextRulesError(f"low_mood: severity must be one of {_SEVERITIES}")
    words = data.get("words") or {}
    return ContextRules(
        watched=watched,
        interactions=tuple(interactions),
        body_categories=frozenset(data.get("body_categories") or ()),
        low_mood_severity=low_mood["severity"],
        intake=_word_set(words.get("intake"), "words.intake"),
        between=_word_set(words.get("between"), "words.between"),
        grams=_word_set(words.get("grams"), "words.grams"),
        milligrams=_word_set(words.get("milligrams"), "words.milligrams"),
        counts=_word_set(words.get("counts"), "words.counts"),
        not_doses=_word_set(words.get("not_doses"), "words.not_doses"),
        after_amount=_word_set(words.get("after_amount"), "words.after_amount"),
        dose_cues=_phrases(words.get("dose_cues"), "words.dose_cues"),
        whole=_word_set(words.get("whole"), "words.whole"),
        supply=_word_set(words.get("supply"), "words.supply"),
        extra=_phrases(words.get("extra"), "words.extra"),
        additional=_word_set(words.get("additional"), "words.additional"),
        of=_word_set(words.get("of"), "words.of"),
        determiners=_word_set(words.get("determiners"), "words.determiners"),
        pronouns=_word_set(words.get("pronouns"), "words.pronouns"),
        medication_vocabulary=frozenset(vocabulary),
    )


# --- amounts in the text -----------------------------------------------------------------

# A token: a number (1.5, 1,5, .15, 1,500) or a word. Numbers glued to a date or
# a clock time ("12/03", "10:30", "2026-12-04") are not amounts.
_TOKEN = re.compile(
    r"(?P<date>\d+(?:[/:-]\d+)+)"
    r"|(?P<number>(?:\d+(?:[.,]\d+)*|[.,]\d+))(?P<glued>[^\W\d_]+)?"
    r"|(?P<word>[^\W\d_]+(?:'[^\W\d_]+)?)"
    r"|(?P<stop>[.!?;\n]+)"
)
_NUMBER_MAX = Decimal(100_000)  # beyond this a "dose" is a typing slip, not an amount
_REACH = 200  # characters either side of an amount in which its sentence is read


def _number(text: str) -> tuple[Decimal, bool] | None:
    """The value of a written number and whether it has a fractional part.
    "1,5" is one and a half (the Spanish decimal comma); "1,500" is fifteen
    hundred (a thousands separator: three digits after the comma) - the larger
    reading, so an ambiguous amount is never read as the smaller one."""
    if text.count(",") + text.count(".") > 1:
        # "1,500.5" or "1.500,5": the last mark is the decimal one.
        last = max(text.rfind(","), text.rfind("."))
        whole, fraction = text[:last], text[last + 1 :]
        text = re.sub(r"[.,]", "", whole) + "." + fraction
    elif "," in text:
        whole, fraction = text.split(",")
        text = whole + fraction if len(fraction) == 3 and whole else whole + "." + fraction
    try:
        value = Decimal(text if not text.startswith(".") else "0" + text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value > _NUMBER_MAX:
        return None
    return value, value != value.to_integral_value()


def _tokens(folded: str) -> list[tuple[str, str, int, int]]:
    """(kind, text, start, end) for every token of the folded text."""
    found = []
    for match in _TOKEN.finditer(folded):
        kind = match.lastgroup
        if match.group("number") is not None:
            found.append(("number", match.group("number"), match.start(), match.end("number")))
            if match.group("glued"):  # "1.5g", "300mg"
                found.append(("word", match.group("glued"), match.end("number"), match.end()))
            continue
        found.append((kind, match.group(0), match.start(), match.end()))
    return found


def amounts_in(text: str, rules: ContextRules) -> list[Amount]:
    """Every amount the text says was taken, in order.

    A number counts only after a word of taking ("took", "ate", "me tomé"),
    with at most two filler words between ("took like 1.5"), and only when
    what follows it is a dose unit (g, mg, capsules), a word that may follow
    an amount ("by mistake", "as planned") or the end of the sentence:
    "took 1.5 hours", "took 2 kids to school", "slept 10", dates and clock
    times are not amounts. A whole number with no unit ("took 2") needs a
    dose word in its sentence (see the fixture's dose_cues). "The whole bag"
    after a word of taking is an amount with no number."""
    if not text:
        return []
    folded = _fold(text)
    tokens = _tokens(folded)
    sentences = _sentence_bounds(tokens, len(folded))
    amounts = []
    for index, (kind, value, start, end) in enumerate(tokens):
        if (
            kind == "word"
            and value in rules.whole
            and _intake_before(tokens, index, rules) is not None
        ):
            # "took the whole bag instead of my 0.1"; but "ate the whole box of
            # cookies" is a box of cookies: a word of dosing must be near.
            supply = next(
                (t for t in _next_words(tokens, index + 1, 3) if t[1] in rules.supply), None
            )
            low, high = _around(sentences, start, end)
            if supply is not None and rules.dose_cues.search(folded, low, high):
                amounts.append(Amount(None, None, start, supply[3], text[start : supply[3]]))
            continue
        if kind != "number":
            continue
        intake = _intake_before(tokens, index, rules)
        if intake is None:
            continue
        parsed = _number(value)
        if parsed is None:
            continue
        number, fractional = parsed
        unit, unit_end = _unit_after(tokens, index, rules)
        if unit == "not a dose":
            continue
        if unit is None:
            if unit_end is None:
                continue  # followed by a word that says it counts something else
            low, high = _around(sentences, start, end)
            if not fractional and not rules.dose_cues.search(folded, low, high):
                continue
        stop = unit_end or end
        amounts.append(Amount(number, unit, start, stop, text[start:stop], additional=intake))
    return amounts


def _sentence_bounds(tokens, length: int) -> list[tuple[int, int]]:
    bounds, begin = [], 0
    for kind, _value, start, end in tokens:
        if kind == "stop":
            bounds.append((begin, start))
            begin = end
    bounds.append((begin, length))
    return bounds


def _next_words(tokens, index: int, count: int) -> list[tuple]:
    """The word tokens right after tokens[index - 1], up to `count`, within
    the sentence."""
    words = []
    for token in tokens[index : index + count]:
        if token[0] != "word":
            break
        words.append(token)
    return words


def _intake_before(tokens, index: int, rules: ContextRules) -> bool | None:
    """None unless a word of taking is right before tokens[index], or with at
    most two filler words ("like", "about", "another") between; then whether
    a filler says the amount came on top of the day's dose ("another")."""
    position, fillers, additional = index - 1, 0, False
    while position >= 0 and tokens[position][0] == "word":
        word = tokens[position][1]
        if word in rules.intake:
            return additional
        if word not in rules.between or fillers == 2:
            return None
        additional = additional or word in rules.additional
        position, fillers = position - 1, fillers + 1
    return None


def _unit_after(tokens, index: int, rules: ContextRules) -> tuple[str | None, int | None]:
    """What follows the number at tokens[index]: ("g" | "mg" | "count", end of
    the unit), (None, end of the number) for a bare amount, ("not a dose",
    None), or (None, None) when another word says it counts something else."""
    number_end = tokens[index][3]
    words = []
    for token in tokens[index + 1 : index + 5]:
        if token[0] != "word":
            break
        words.append(token)
    if not words:
        return None, number_end  # end of text, a sentence stop, another number
    first = words[0][1]
    kinds = (("g", rules.grams), ("mg", rules.milligrams), ("count", rules.counts))
    for unit, names in kinds:
        if first in names:
            return unit, words[0][3]
    if first in rules.not_doses:
        return "not a dose", None
    if first in rules.of:
        # "3 of my capsules" (a count), "1.5 of my mushrooms", "1.5 of it" (a
        # bare amount); "0.5 of a sandwich" counts something else.
        rest = [token for token in words[1:] if token[1] not in rules.determiners]
        if rest:
            for unit, names in kinds:
                if rest[0][1] in names:
                    return unit, rest[0][3]
            if rest[0][1] in rules.pronouns or any(
                rest[0][1] in watched.names for watched in rules.watched.values()
            ):
                return None, number_end
        return None, None
    if first in rules.after_amount:
        return None, number_end
    return None, None


# --- medications -------------------------------------------------------------------------


def _medication_words(entry: str, rules: ContextRules) -> list[str]:
    """The entry's words, each misspelling of a known medicine name read as
    that name (the screening engine's rule: 5 letters or more, difflib ratio
    0.85 or more, fixtures/contraindications.yaml `matching.fuzzy`)."""
    words = []
    for word in _words(entry):
        if word not in rules.medication_vocabulary and len(word) >= rules.fuzzy_min_length:
            close = difflib.get_close_matches(
                word, rules.medication_vocabulary, n=1, cutoff=rules.fuzzy_min_ratio
            )
            word = close[0] if close else word
        words.append(word)
    return words


def _has_phrase(words: list[str], phrase: tuple[str, ...]) -> bool:
    size = len(phrase)
    return any(tuple(words[i : i + size]) == phrase for i in range(len(words) - size + 1))


def interacting_medications(medications, rules: ContextRules) -> list[Interaction]:
    """The interaction groups the health profile's medications fall in, most
    severe first. Never read as negated: "stopped lithium last week" still
    counts, as in screening (washout matters)."""
    found = []
    for entry in medications or ():
        if not isinstance(entry, str):
            continue
        words = _medication_words(entry, rules)
        for interaction in rules.interactions:
            if interaction in found:
                continue
            if any(_has_phrase(words, name) for name in interaction.names) and not any(
                _has_phrase(words, name) for name in interaction.excludes
            ):
                found.append(interaction)
    return sorted(found, key=lambda i: -Severity.ORDER[i.severity])


# --- what the context raises -------------------------------------------------------------


def needs_facts(text: str, matches, rules: ContextRules) -> bool:
    """Whether the plan, the doses logged and the medications can change
    anything for this entry: it tells of an amount taken or of taking more,
    or it has crisis language about the body. When not, the check-in spares
    the database the question (the mood facts it has already)."""
    if any(not m.dropped and m.category in rules.body_categories for m in matches):
        return True
    folded = _fold(text or "")
    return bool(rules.extra.search(folded)) or bool(amounts_in(text or "", rules))


_TIMES = {
    2: "twice",
    3: "three times",
    4: "four times",
    5: "five times",
    6: "six times",
    7: "seven times",
    8: "eight times",
    9: "nine times",
    10: "ten times",
    20: "twenty times",
}


def _times(ratio: Decimal) -> str:
    rounded = ratio.quantize(Decimal("0.1"))
    if rounded == rounded.to_integral_value() and int(rounded) in _TIMES:
        return _TIMES[int(rounded)]
    return f"{format(rounded.normalize(), 'f')} times"


def _plain(amount: Decimal, unit: str | None) -> str:
    text = format(amount.normalize(), "f")
    if unit == "count":
        return text
    return f"{text} {unit}" if unit else text


def _in_unit(value: Decimal, unit: str | None, planned_unit: str) -> Decimal | None:
    """`value` written in `unit` expressed in the plan's unit; None when the
    two cannot be compared (a count against grams). A bare number is read in
    the plan's unit."""
    planned = planned_unit.strip().lower()
    if unit is None or unit == planned:
        return value
    if (unit, planned) == ("g", "mg"):
        return value * 1000
    if (unit, planned) == ("mg", "g"):
        return value / 1000
    return None


def _names_other_component(folded_sentence: str, dose: PlannedDose, facts: Facts) -> bool:
    """The sentence names another planned component ("1000 mg of omega-3")."""
    sentence_words = _words(folded_sentence)
    for other in facts.planned:
        if other.component == dose.component:
            continue
        if _has_phrase(sentence_words, tuple(_words(other.name))) or _has_phrase(
            sentence_words, tuple(_words(other.component.replace("-", " ")))
        ):
            return True
    return False


def _matches_other_plan(amount: Amount, dose: PlannedDose, facts: Facts) -> bool:
    """The amount is (within a tenth) another component's planned amount,
    written in that component's own unit: the patient is telling of that
    component ("took 500 mg" with 500 mg of lion's mane planned). Only in
    the same unit: "0.45 g" is not read as 500 mg of something else."""
    if amount.value is None or amount.unit is None:
        return False
    for other in facts.planned:
        if other.component == dose.component or other.amount <= 0:
            continue
        if amount.unit == other.unit.strip().lower() and (
            abs(amount.value - other.amount) <= other.amount / 10
        ):
            return True
    return False


def _around(bounds: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence holding text[start:end], at most _REACH characters either
    side: a "sentence" without punctuation can be a whole pasted text, and
    reading all of it for every amount would make time grow with its square."""
    index = max(bisect_right(bounds, (start, float("inf"))) - 1, 0) if bounds else 0
    low, high = bounds[index] if bounds else (0, end)
    return max(low, start - _REACH), min(max(high, end), end + _REACH)


def _overdose(
    amount: Amount, dose: PlannedDose, facts: Facts, watched: Watched
) -> tuple[Decimal, Raise] | None:
    """(how many times the plan, the raise) when `amount` is at the watched
    multiple of `dose` or more."""
    planned_text = f"the planned {_plain(dose.amount, dose.unit)} of {dose.name}"
    if amount.value is None:
        reason = f'took "{amount.matched}" when the plan is {_plain(dose.amount, dose.unit)}'
        reason += f" of {dose.name}"
        return Decimal(0), Raise(
            watched.severity, f"{reason} (possible overdose)", "overdose", amount.start, amount.end
        )
    value = _in_unit(amount.value, amount.unit, dose.unit)
    if value is None:  # a count against a weight: the capsule's size is unknown
        if amount.unit != "count" or amount.value < watched.multiple:
            return None
        reason = (
            f"took {_plain(amount.value, 'count')} capsules or pills; the plan is "
            f"{_plain(dose.amount, dose.unit)} of {dose.name} (possible overdose)"
        )
        return amount.value, Raise(
            watched.count_severity, reason, "overdose", amount.start, amount.end
        )
    written = _plain(amount.value, amount.unit or dose.unit)
    if amount.unit is None:
        written += " (no unit written: read in the plan's unit)"
    if amount.additional:
        # On top of the day's dose: what was logged, else what was planned.
        value += _taken_today(dose, facts)
        written = f"{written} more on top of the day's dose, in all"
    if dose.amount <= 0 or value < dose.amount * watched.multiple:
        return None
    ratio = value / dose.amount
    reason = f"took {written}, {_times(ratio)} {planned_text} (possible overdose)"
    return ratio, Raise(watched.severity, reason, "overdose", amount.start, amount.end)


def _taken_today(dose: PlannedDose, facts: Facts) -> Decimal:
    """How much of the component the day already had, in the plan's unit:
    the logged dose when there is one, else the planned amount."""
    for log in facts.logged:
        if log.component == dose.component and log.taken and log.amount is not None:
            value = _in_unit(log.amount, log.unit.strip().lower() or dose.unit, dose.unit)
            if value is not None:
                return value
    return dose.amount


def _overdoses(text: str, facts: Facts, rules: ContextRules) -> list[Raise]:
    """At most one raise per watched component from the text (its worst
    amount: a long entry repeating an amount is one reason, not a hundred),
    and one per logged dose."""
    planned = [dose for dose in facts.planned if dose.component in rules.watched]
    if not planned:
        return []
    folded = _fold(text or "")
    bounds = _sentence_bounds(_tokens(folded), len(folded))
    worst: dict[str, tuple[tuple, Raise]] = {}
    for amount in amounts_in(text or "", rules):
        low, high = _around(bounds, amount.start, amount.end)
        for dose in planned:
            if _names_other_component(folded[low:high], dose, facts):
                continue
            if _matches_other_plan(amount, dose, facts):
                continue
            found = _overdose(amount, dose, facts, rules.watched[dose.component])
            if found is None:
                continue
            rank = (Severity.ORDER[found[1].severity], found[0])
            if dose.component not in worst or rank > worst[dose.component][0]:
                worst[dose.component] = (rank, found[1])
    raises = [raised for _rank, raised in worst.values()]
    for log in facts.logged:
        dose = next((d for d in planned if d.component == log.component), None)
        if dose is None or not log.taken or log.amount is None or dose.amount <= 0:
            continue
        value = _in_unit(log.amount, log.unit.strip().lower() or dose.unit, dose.unit)
        watched = rules.watched[dose.component]
        if value is not None and value >= dose.amount * watched.multiple:
            raises.append(
                Raise(
                    watched.severity,
                    f"logged {_plain(log.amount, log.unit)} of {dose.name} today, "
                    f"{_times(value / dose.amount)} the planned {_plain(dose.amount, dose.unit)} "
                    "(possible overdose)",
                    "overdose",
                )
            )
    return raises


def _interactions(
    text: str, matches, facts: Facts, rules: ContextRules, overdosed: bool
) -> list[Raise]:
    groups = interacting_medications(facts.medications, rules)
    if not groups:
        return []
    extra = rules.extra.search(_fold(text or ""))
    amounts = amounts_in(text or "", rules)
    more = next((a for a in amounts if a.additional), None)
    body = [m for m in matches if not m.dropped and m.category in rules.body_categories]
    dose_today = any(log.taken for log in facts.logged) or bool(amounts)
    if extra is not None:
        what, where = "took more than planned", (extra.start(), extra.end())
    elif more is not None:
        what, where = "took more than planned", (more.start, more.end)
    elif overdosed:
        what, where = "took more than planned", None
    elif body and dose_today:
        what, where = "signs in the body after a dose today", (body[0].start, body[0].end)
    else:
        return []
    start, end = where or (None, None)
    return [
        Raise(
            group.severity,
            f"{what} while taking {group.label} ({group.risk})",
            "interaction",
            start,
            end,
        )
        for group in groups
    ]


def _mood(matches, facts: Facts, rules: ContextRules) -> list[Raise]:
    moderate = [m for m in matches if not m.dropped and m.severity == Severity.MODERATE]
    if not moderate:
        return []
    raises = []
    for why in (facts.low_mood, facts.mood_drop):
        if why:
            raises.append(
                Raise(
                    rules.low_mood_severity,
                    f"worrying words on a day of low mood: {why[0].lower()}{why[1:]}",
                    "mood",
                    moderate[0].start,
                    moderate[0].end,
                )
            )
    return raises


def context_raises(text: str, matches, facts: Facts | None, rules: ContextRules) -> list[Raise]:
    """Every way `facts` make this entry more serious, most severe first.

    `matches` are the entry's crisis matches (apps/safety/detectors/crisis.py;
    dropped ones are ignored). Deterministic; never raises an exception for
    any text. The caller takes the highest of these and the matches' own
    severity: context never lowers a finding."""
    if facts is None:
        return []
    matches = list(matches or ())
    raises = _overdoses(text, facts, rules)
    raises += _interactions(
        text, matches, facts, rules, overdosed=any(r.kind == "overdose" for r in raises)
    )
    raises += _mood(matches, facts, rules)
    unique = list(dict.fromkeys(raises))
    return sorted(unique, key=lambda r: -Severity.ORDER[r.severity])


def raised_severity(severity: str | None, raises) -> str | None:
    """The higher of `severity` and every raise's: never lower."""
    levels = [s for s in (severity, *(r.severity for r in raises)) if s]
    if not levels:
        return None
    return max(levels, key=lambda level: Severity.ORDER[level])


__all__ = [
    "Amount",
    "ContextRules",
    "ContextRulesError",
    "Facts",
    "LoggedDose",
    "PlannedDose",
    "Raise",
    "amounts_in",
    "compile_context_rules",
    "context_raises",
    "interacting_medications",
    "needs_facts",
    "raised_severity",
]
