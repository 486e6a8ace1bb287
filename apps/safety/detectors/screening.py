"""Contraindication screening: a health profile against the rules.

Pure: plain values in, Flags out; no Django, no I/O, standard library only. The
rules are data (fixtures/contraindications.yaml, compiled once by `compile_rules`)
so a clinician can read and change them; this module only knows how to match.

    rules = compile_rules(yaml.safe_load(...))
    flags = screen(profile, components=None, doses={"magnesium": "400 mg"}, rules=rules)
    eligible(flags, None)

`profile` is a dict with any of the keys in PROFILE_FIELDS; a key that is absent
(or None) is unknown and raises no flag. Lists hold the patient's own words, and
every Flag carries the string that matched, verbatim, so the clinician sees why.
The app never recommends a dose: dose rules only compare a planned dose with a
limit the sources name.
"""

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher
from functools import lru_cache

ABSOLUTE = "absolute"
RELATIVE = "relative"
SEVERITIES = (ABSOLUTE, RELATIVE)
REFERENCE_STACK = ("psilocybin", "lions-mane", "omega-3", "b-complex", "magnesium")
LIST_FIELDS = ("conditions", "medications", "allergies", "family_history")
BOOLEAN_FIELDS = ("pregnant", "breastfeeding", "has_therapist", "housing_stable")
PROFILE_FIELDS = (*LIST_FIELDS, "notes", *BOOLEAN_FIELDS, "recent_trauma_months")

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Flag:
    """One reason for caution about one component (or, with component None, about
    the protocol as a whole)."""

    component: str | None
    severity: str  # "absolute" or "relative"
    rule: str  # the rule's stable id in the YAML
    matched: str  # the patient's own words (or "field: value") that matched
    reason: str  # plain words for the clinician
    source: str

    def as_dict(self) -> dict:
        return {
            "component": self.component,
            "severity": self.severity,
            "rule": self.rule,
            "matched": self.matched,
            "reason": self.reason,
            "source": self.source,
        }


@dataclass(frozen=True)
class DoseAmount:
    """A daily amount in milligrams; low < high when the dose is a range."""

    low: Decimal
    high: Decimal


@dataclass(frozen=True)
class DoseLimit:
    nutrient: str | None  # e.g. "b6" inside a b-complex dose; None: the whole dose
    below: Decimal | None  # mg; flags a dose whose low end is below this
    above: Decimal | None  # mg; flags a dose whose high end is above this


@dataclass(frozen=True)
class Matcher:
    """One way a group can match an entry: a code or a phrase, then requires/unless."""

    phrases: tuple[Phrase, ...] = ()
    codes: tuple[str, ...] = ()
    exclude_codes: tuple[str, ...] = ()
    requires: tuple[Phrase, ...] = ()
    unless: tuple[Phrase, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    components: tuple[str | None, ...]  # (None,) for the protocol as a whole
    severity: str
    reason: str
    source: str
    medications: tuple[Matcher, ...] = ()
    conditions: tuple[Matcher, ...] = ()
    allergies: tuple[Matcher, ...] = ()
    family_history: tuple[Matcher, ...] = ()
    profile: tuple[tuple[str, str, object], ...] = ()  # (field, "is" | "below", value)
    dose: DoseLimit | None = None
    superseded_by: str | None = None


@dataclass(frozen=True)
class Family:
    first_degree: frozenset[str]
    children: frozenset[str]  # first-degree words that name the patient's children
    second_degree: frozenset[str]
    not_blood: frozenset[str]
    half: frozenset[str]
    step: frozenset[str]
    in_law: tuple[Phrase, ...]
    unspecified: tuple[Phrase, ...]
    own_context: tuple[Phrase, ...]


@dataclass(frozen=True, eq=False)  # compared and hashed by identity
class RuleSet:
    stack: tuple[str, ...]
    rules: tuple[Rule, ...]
    synonyms: Mapping[str, str]
    negations: tuple[Phrase, ...]  # before a phrase, fillers allowed between
    prefix_negations: tuple[Phrase, ...]  # right before a phrase: "non"
    closing_negations: tuple[Phrase, ...]  # just after a phrase: "ruled out"
    negation_fillers: frozenset[str]
    family: Family
    vocabulary: frozenset[str]
    # token -> the vocabulary words it is a misspelling of (cached, bounded)
    nearest: Callable[[str], frozenset[str]] = field(compare=False, repr=False)


# --------------------------------------------------------------------------- words

_APOSTROPHES = str.maketrans("", "", "'’‘`´ʼ")
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_CLAUSE_BREAK = re.compile(r"[;:,()\[\]{}!?|\n]|\.\s|\s[-–—]\s")


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.casefold().translate(_APOSTROPHES)


def _words(text: str, synonyms: Mapping[str, str]) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The words of `text`, and for each the number of the clause it is in."""
    folded = _fold(text)
    tokens, clauses = [], []
    clause, previous_end = 0, 0
    for match in _TOKEN.finditer(folded):
        if _CLAUSE_BREAK.search(folded[previous_end : match.start()]):
            clause += 1
        word = match.group(0)
        tokens.append(synonyms.get(word, word))
        clauses.append(clause)
        previous_end = match.end()
    return tuple(tokens), tuple(clauses)


# ICD-10: a letter, two digits, then optionally a sub-code with or without its dot.
_ICD10 = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z])(\d{2})(?:\.([0-9A-Za-z]{1,4})|([0-9A-Za-z]{1,4}))?(?![A-Za-z0-9])"
)


def _codes_in(text: str) -> tuple[str, ...]:
    return tuple(
        (letter + digits + (dotted or plain or "")).upper()
        for letter, digits, dotted, plain in _ICD10.findall(text)
    )


_JOINED_SPAN = 6  # "bi polar" = bipolar: runs of up to this many words, written together


@dataclass(frozen=True)
class _Entry:
    raw: str
    words: tuple[frozenset[str], ...]  # each word, and the known words it may be
    exact: tuple[str, ...]
    clauses: tuple[int, ...]
    codes: tuple[str, ...]
    present: frozenset[str]  # every word the entry may contain
    joined: Mapping[str, tuple[int, ...]]  # runs of words written together -> starts


def _entry(raw: str, part: str, rules: RuleSet) -> _Entry:
    tokens, clauses = _words(part, rules.synonyms)
    words = tuple(frozenset({token}) | rules.nearest(token) for token in tokens)
    joined: dict[str, list[int]] = {}
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + _JOINED_SPAN) + 1):
            joined.setdefault("".join(tokens[i:j]), []).append(i)
    return _Entry(
        raw=raw,
        words=words,
        exact=tokens,
        clauses=clauses,
        codes=_codes_in(part),
        present=frozenset().union(*words),
        joined={key: tuple(starts) for key, starts in joined.items()},
    )


def _hits(phrase: Phrase, entry: _Entry) -> list[int]:
    """Where the phrase starts in the entry: word by word (a word may be a
    misspelling), or written together/apart ("bi polar", "st johnswort")."""
    starts = []
    if all(word in entry.present for word in phrase):
        words, count = entry.words, len(phrase)
        starts = [
            i
            for i in range(len(words) - count + 1)
            if all(phrase[k] in words[i + k] for k in range(count))
        ]
    for start in entry.joined.get("".join(phrase), ()):
        if start not in starts:
            starts.append(start)
    return starts


def _negated(entry: _Entry, start: int, length: int, rules: RuleSet) -> bool:
    """Negated words at entry[start:start + length]: a negation cue right before
    them in the same clause with only filler words between ("no history of",
    "denies any current"); a prefix cue right before them ("non-psychotic"); or a
    closing cue shortly after them ("bipolar disorder was ruled out")."""
    clause = entry.clauses[start]

    def cue_at(cue: Phrase, begin: int) -> bool:
        end = begin + len(cue)
        return (
            0 <= begin
            and end <= len(entry.exact)
            and entry.exact[begin:end] == cue
            and all(c == clause for c in entry.clauses[begin:end])
        )

    position = start
    while (
        position > 0
        and entry.clauses[position - 1] == clause
        and entry.exact[position - 1] in rules.negation_fillers
    ):
        position -= 1
    if any(cue_at(cue, position - len(cue)) for cue in rules.negations):
        return True
    if any(cue_at(cue, start - len(cue)) for cue in rules.prefix_negations):
        return True
    end = start + length
    return any(
        cue_at(cue, after)
        for after in range(end, min(end + _CLOSING_REACH, len(entry.exact)) + 1)
        for cue in rules.closing_negations
    )


_CLOSING_REACH = 3  # words allowed between a phrase and a closing cue ("was", "has been")


def _present(phrases: Iterable[Phrase], entry: _Entry, rules: RuleSet, negatable: bool) -> bool:
    return any(
        not (negatable and _negated(entry, start, len(phrase), rules))
        for phrase in phrases
        for start in _hits(phrase, entry)
    )


def _code_hit(matcher: Matcher, codes: tuple[str, ...]) -> bool:
    return any(
        any(code.startswith(prefix) for prefix in matcher.codes)
        and not any(code.startswith(prefix) for prefix in matcher.exclude_codes)
        for code in codes
    )


def _matches(matcher: Matcher, entry: _Entry, rules: RuleSet, negatable: bool) -> bool:
    if not (_code_hit(matcher, entry.codes) or _present(matcher.phrases, entry, rules, negatable)):
        return False
    if matcher.requires and not _present(matcher.requires, entry, rules, negatable):
        return False
    return not _present(matcher.unless, entry, rules, negatable)


# ------------------------------------------------------------------- family history

FIRST, UNSPECIFIED, OTHER = "first", "unspecified", "other"


def _family_degree(entry: _Entry, rules: RuleSet) -> str | None:
    """None if the entry names no one else; FIRST or UNSPECIFIED if it is family
    history that may be first-degree; OTHER if it is only about a second-degree
    relative or someone who is not a blood relative."""
    family = rules.family
    tokens = entry.exact
    first, other, only_children = False, False, True
    for i, words in enumerate(entry.words):
        if words & family.first_degree:
            before = tokens[i - 1] if i else ""
            in_law = any(tokens[i + 1 : i + 1 + len(p)] == p for p in family.in_law)
            if before in family.half or before in family.step or in_law:
                other = True
            else:
                first = True
                only_children = only_children and bool(words & family.children)
        elif words & (family.second_degree | family.not_blood):
            other = True
    unspecified = _present(family.unspecified, entry, rules, negatable=False)
    if not (first or other or unspecified):
        return None
    if first and only_children and _present(family.own_context, entry, rules, negatable=False):
        return None  # "psychosis after my daughter was born" is the patient's own
    if first:
        return FIRST
    if other:
        return OTHER
    return UNSPECIFIED


# --------------------------------------------------------------------------- doses

# Up to nine digits a group: a longer number is not a dose anyone plans.
_NUMBER = r"\d{1,9}(?:[.,]\d{1,9}){0,3}"
_UNIT = r"mcg|μg|ug|micrograms?|milligrams?|mgs?|grams?|gms?|g"
_UNIT_MG = {"mcg": Decimal("0.001"), "μg": Decimal("0.001"), "ug": Decimal("0.001")}
_UNIT_MG |= {"microgram": Decimal("0.001"), "micrograms": Decimal("0.001")}
_UNIT_MG |= {"mg": Decimal(1), "mgs": Decimal(1), "milligram": Decimal(1)}
_UNIT_MG |= {"milligrams": Decimal(1), "g": Decimal(1000), "gm": Decimal(1000)}
_UNIT_MG |= {"gms": Decimal(1000), "gram": Decimal(1000), "grams": Decimal(1000)}
_COUNT_WORDS = r"capsules?|caps?|tablets?|tabs?|softgels?|pills?|gummies|gummy|scoops?|drops?"
_AMOUNT = re.compile(
    rf"(?<![\d.,])(?<!\de)(?:(?P<count>\d{{1,3}})\s*(?:(?:{_COUNT_WORDS})\s*(?:x|\*|of|at|@)?|x|\*)\s*)?"
    rf"(?P<low>{_NUMBER})\s*(?:(?P<low_unit>{_UNIT})\s*)?"
    rf"(?:(?:-|–|—|to)\s*(?P<high>{_NUMBER})\s*)?"
    rf"(?P<unit>{_UNIT})(?![^\W\d_])"
    rf"(?:\s*(?:x|\*)\s*(?P<times>\d{{1,3}})(?![\d.,]|\s*(?:days?|weeks?|wks?|months?|years?)\b))?"
)
_FREQUENCIES = (
    (
        re.compile(
            r"\b(?:twice|two\s+times|2\s*(?:x|times))\s*(?:a|per|/|each)?\s*(?:day|daily)\b"
        ),
        2,
    ),
    (re.compile(r"\bb\.?i\.?d\b"), 2),
    (
        re.compile(
            r"\b(?:thrice|three\s+times|3\s*(?:x|times))\s*(?:a|per|/|each)?\s*(?:day|daily)\b"
        ),
        3,
    ),
    (re.compile(r"\bt\.?i\.?d\b"), 3),
    (re.compile(r"\b(?:four\s+times|4\s*(?:x|times))\s*(?:a|per|/|each)?\s*(?:day|daily)\b"), 4),
    (re.compile(r"\bq\.?i\.?d\b"), 4),
)
_ELEMENTAL_AFTER = re.compile(r"\s*(?:\(|of\s+)?\s*elemental\b")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def _number(text: str) -> Decimal | None:
    if "," in text and "." in text:
        decimal_mark = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal_mark == "," else ",", "").replace(",", ".")
    elif "," in text:
        if _THOUSANDS.fullmatch(text):
            text = text.replace(",", "")
        elif text.count(",") == 1:
            text = text.replace(",", ".")
        else:
            return None
    if text.count(".") > 1:
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _dose_text(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("×", "x").replace("µ", "μ")


def parse_dose(text: object) -> DoseAmount | None:
    """The daily amount a dose string names, in mg, or None if it names none.

    "400 mg", "400mg/day", "0,4 g", "0.1–0.2 g", "2 x 200 mg", "200 mg twice daily",
    "2000 mg glycinate (400 mg elemental)". Several amounts add up ("200 mg morning,
    200 mg evening"); an amount said to be "elemental" wins; amounts in brackets
    are left out when there are others outside ("400 mg (2 x 200 mg)").
    """
    if not isinstance(text, str):
        return None
    text = _dose_text(text)
    return _parse_amounts(text, frequency=_frequency(text))


def _frequency(text: str) -> int:
    for pattern, times in _FREQUENCIES:
        if pattern.search(text):
            return times
    return 1


def _parse_amounts(text: str, *, frequency: int) -> DoseAmount | None:
    amounts = []  # (low, high, elemental, in_brackets)
    previous_end = 0
    for match in _AMOUNT.finditer(text):
        low = _number(match["low"])
        high = _number(match["high"]) if match["high"] else low
        if low is None or high is None:
            continue
        unit = _UNIT_MG[match["unit"]]
        low_unit = _UNIT_MG[match["low_unit"]] if match["low_unit"] else unit
        factor = Decimal(int(match["count"] or 1) * int(match["times"] or 1))
        low, high = low * low_unit * factor, high * unit * factor
        if high < low:
            low, high = high, low
        elemental = "elemental" in text[previous_end : match.start()] or bool(
            _ELEMENTAL_AFTER.match(text, match.end())
        )
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        amounts.append((low, high, elemental, depth > 0))
        previous_end = match.end()
    if not amounts:
        return None
    if any(a[2] for a in amounts):
        amounts = [a for a in amounts if a[2]]
    elif any(not a[3] for a in amounts):
        amounts = [a for a in amounts if not a[3]]
    times = Decimal(frequency)
    return DoseAmount(sum(a[0] for a in amounts) * times, sum(a[1] for a in amounts) * times)


# B vitamins a b-complex dose may name, so "B6 50 mg, B12 500 mcg" reads as two.
_NUTRIENTS = {
    "b6": r"(?:vitamin\s*)?b\s*-?\s*6(?!\d)|pyridox\w*|p\s*-?\s*5\s*-?\s*p|plp",
    "b12": r"(?:vitamin\s*)?b\s*-?\s*12(?!\d)|\w*cobalamin",
    "b9": r"(?:vitamin\s*)?b\s*-?\s*9(?!\d)|fol\w*|\w*methylfol\w*|(?:5\s*-?\s*)?mthf",
    "b1": r"(?:vitamin\s*)?b\s*-?\s*1(?![\d])|thiamin\w*|benfotiamine",
    "b2": r"(?:vitamin\s*)?b\s*-?\s*2(?!\d)|riboflavin\w*",
    "b3": r"(?:vitamin\s*)?b\s*-?\s*3(?!\d)|niacin\w*|nicotinamide|nicotinic\s+acid",
    "b5": r"(?:vitamin\s*)?b\s*-?\s*5(?!\d)|pantothen\w*",
    "b7": r"(?:vitamin\s*)?b\s*-?\s*7(?!\d)|biotin",
    "other": r"inositol|choline|paba",
}
_NUTRIENT_LABEL = re.compile(
    "|".join(f"(?P<{name}>(?<![^\\W\\d_])(?:{pattern}))" for name, pattern in _NUTRIENTS.items())
)
_ITEM_SEPARATOR = re.compile(r"[;+&\n]|,(?!\d)|(?<!\d),|\band\b")


def parse_nutrient_dose(text: object, nutrient: str) -> DoseAmount | None:
    """The daily amount of one vitamin in a combined dose string, or None if the
    string does not name that vitamin with an amount ("B6 50 mg, B12 500 mcg")."""
    if not isinstance(text, str):
        return None
    text = _dose_text(text)
    frequency, found = _frequency(text), []
    for item in _ITEM_SEPARATOR.split(text):
        labels = {m.lastgroup for m in _NUTRIENT_LABEL.finditer(item)}
        if labels != {nutrient}:
            continue  # another vitamin, none, or several in one item: not this one
        amount = _parse_amounts(_NUTRIENT_LABEL.sub(" ", item), frequency=1)
        if amount is not None:
            found.append(amount)
    if not found:
        return None
    times = Decimal(frequency)
    return DoseAmount(sum(a.low for a in found) * times, sum(a.high for a in found) * times)


def _outside(amount: DoseAmount, limit: DoseLimit) -> bool:
    return (limit.above is not None and amount.high > limit.above) or (
        limit.below is not None and amount.low < limit.below
    )


# -------------------------------------------------------------------------- compile


class RulesError(ValueError):
    """The rules data is not valid; the message says where."""


_RULE_KEYS = {"id", "components", "level", "severity", "triggers", "reason", "source"}
_RULE_KEYS |= {"superseded_by"}
_TRIGGER_KEYS = {"medications", "conditions", "allergies", "family_history", "profile", "dose"}
_MATCHER_KEYS = {"phrases", "codes", "exclude_codes", "requires", "unless"}
_CODE = re.compile(r"([A-Z])(\d{2})(?:\.?([0-9A-Z]{1,4}))?")


def _code(text: str, where: str) -> str:
    match = _CODE.fullmatch(str(text).strip().upper())
    if not match:
        raise RulesError(f"{where}: {text!r} is not an ICD-10 code")
    return "".join(part or "" for part in match.groups())


def _codes(values, where: str) -> tuple[str, ...]:
    codes = []
    for value in values or ():
        ends = re.split(r"\s*(?:–|—|\.\.|-)\s*", str(value).strip())
        if len(ends) == 1:
            codes.append(_code(ends[0], where))
            continue
        first, last = (_code(end, where) for end in ends)
        if len(ends) != 2 or first[0] != last[0] or len(first) != len(last):
            raise RulesError(f"{where}: {value!r} is not a range of codes at the same level")
        low, high = int(first[1:]), int(last[1:])
        if low > high:
            raise RulesError(f"{where}: {value!r} runs backwards")
        codes.extend(f"{first[0]}{n:0{len(first) - 1}d}" for n in range(low, high + 1))
    return tuple(codes)


def compile_rules(data: dict) -> "RuleSet":
    """Check and compile the rules data (fixtures/contraindications.yaml)."""
    if not isinstance(data, Mapping):
        raise RulesError("the rules data must be a mapping")
    matching = data.get("matching") or {}
    synonyms = dict(matching.get("synonyms") or {})

    def phrase(text, where) -> Phrase:
        tokens, _ = _words(str(text), synonyms)
        if not tokens:
            raise RulesError(f"{where}: {text!r} has no words")
        return tokens

    def phrases(values, where) -> tuple[Phrase, ...]:
        if isinstance(values, str) or not isinstance(values, Iterable):
            raise RulesError(f"{where}: expected a list of phrases")
        return tuple(phrase(v, where) for v in values)

    def matcher(spec, where) -> Matcher:
        if not isinstance(spec, Mapping) or set(spec) - _MATCHER_KEYS:
            raise RulesError(f"{where}: expected keys among {sorted(_MATCHER_KEYS)}")
        found = Matcher(
            phrases=phrases(spec.get("phrases") or (), where),
            codes=_codes(spec.get("codes"), where),
            exclude_codes=_codes(_flat(spec.get("exclude_codes")), where),
            requires=phrases(spec.get("requires") or (), where),
            unless=phrases(spec.get("unless") or (), where),
        )
        if not (found.phrases or found.codes):
            raise RulesError(f"{where}: needs phrases or codes")
        return found

    medication_groups = {
        name: (
            Matcher(
                phrases=phrases(spec.get("names") or (), f"medications.{name}"),
                unless=phrases(spec.get("exclude") or (), f"medications.{name}"),
            ),
        )
        for name, spec in (data.get("medications") or {}).items()
    }
    condition_groups = {
        name: tuple(matcher(spec, f"conditions.{name}") for spec in specs)
        for name, specs in (data.get("conditions") or {}).items()
    }
    allergy_groups = {
        name: tuple(matcher(spec, f"allergies.{name}") for spec in specs)
        for name, specs in (data.get("allergies") or {}).items()
    }

    stack = tuple(data.get("stack") or REFERENCE_STACK)
    rules, seen = [], set()
    for number, spec in enumerate(data.get("rules") or (), 1):
        where = (
            f"rule {spec.get('id', number)!r}" if isinstance(spec, Mapping) else f"rule {number}"
        )
        rules.append(
            _compile_rule(spec, where, stack, medication_groups, condition_groups, allergy_groups)
        )
        if rules[-1].id in seen:
            raise RulesError(f"{where}: duplicate id")
        seen.add(rules[-1].id)
    for rule in rules:
        if rule.superseded_by is not None and rule.superseded_by not in seen:
            raise RulesError(f"rule {rule.id!r}: superseded_by names no rule")

    family_data = matching.get("family") or {}
    family = Family(
        first_degree=frozenset(_single_words(family_data.get("first_degree"), synonyms)),
        children=frozenset(_single_words(family_data.get("children"), synonyms)),
        second_degree=frozenset(_single_words(family_data.get("second_degree"), synonyms)),
        not_blood=frozenset(_single_words(family_data.get("not_blood"), synonyms)),
        half=frozenset(_single_words(family_data.get("half"), synonyms)),
        step=frozenset(_single_words(family_data.get("step"), synonyms)),
        in_law=phrases(family_data.get("in_law") or (), "family.in_law"),
        unspecified=phrases(family_data.get("unspecified") or (), "family.unspecified"),
        own_context=phrases(family_data.get("own_context") or (), "family.own_context"),
    )
    negations = phrases(matching.get("negations") or (), "matching.negations")
    prefix_negations = phrases(matching.get("prefix_negations") or (), "matching.prefix")
    closing_negations = phrases(matching.get("closing_negations") or (), "matching.closing")
    fillers = frozenset(_single_words(matching.get("negation_fillers"), synonyms))

    vocabulary = set(fillers)
    vocabulary |= {w for p in (*negations, *prefix_negations, *closing_negations) for w in p}
    vocabulary |= family.first_degree | family.second_degree | family.not_blood
    vocabulary |= {w for group in (family.in_law, family.unspecified) for p in group for w in p}
    vocabulary |= {w for p in family.own_context for w in p}
    vocabulary |= set(_single_words(matching.get("lookalikes"), synonyms))
    for groups in (medication_groups, condition_groups, allergy_groups):
        for matchers in groups.values():
            for m in matchers:
                for group in (m.phrases, m.requires, m.unless):
                    vocabulary |= {w for p in group for w in p}

    fuzzy = matching.get("fuzzy") or {}
    min_length = int(fuzzy.get("min_length", 5))
    min_ratio = float(fuzzy.get("min_ratio", 0.85))
    return RuleSet(
        stack=stack,
        rules=tuple(rules),
        synonyms=synonyms,
        negations=negations,
        prefix_negations=prefix_negations,
        closing_negations=closing_negations,
        negation_fillers=fillers,
        family=family,
        vocabulary=frozenset(vocabulary),
        nearest=_nearest_finder(frozenset(vocabulary), min_length, min_ratio),
    )


def _flat(values) -> list:
    flat = []
    for value in values or ():
        flat.extend(value if isinstance(value, list | tuple) else [value])
    return flat


def _single_words(values, synonyms) -> list[str]:
    words = []
    for value in values or ():
        tokens, _ = _words(str(value), synonyms)
        words.extend(tokens)
    return words


def _compile_rule(spec, where, stack, medication_groups, condition_groups, allergy_groups):
    if not isinstance(spec, Mapping):
        raise RulesError(f"{where}: expected a mapping")
    unknown = set(spec) - _RULE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "severity", "triggers", "reason", "source"):
        if not spec.get(key):
            raise RulesError(f"{where}: missing {key}")
    if spec["severity"] not in SEVERITIES:
        raise RulesError(f"{where}: severity must be one of {SEVERITIES}")
    if spec.get("level") == "protocol":
        if spec.get("components"):
            raise RulesError(f"{where}: a protocol-level rule names no components")
        components: tuple[str | None, ...] = (None,)
    elif spec.get("level") is not None:
        raise RulesError(f"{where}: level must be 'protocol' or absent")
    else:
        components = tuple(spec.get("components") or ())
        if not components or any(c not in stack for c in components):
            raise RulesError(f"{where}: components must be slugs of the stack {stack}")

    triggers = spec["triggers"]
    if not isinstance(triggers, Mapping) or set(triggers) - _TRIGGER_KEYS:
        raise RulesError(f"{where}: triggers must have keys among {sorted(_TRIGGER_KEYS)}")

    def groups(key, known):
        names = triggers.get(key) or ()
        missing = [n for n in names if n not in known]
        if missing:
            raise RulesError(f"{where}: unknown {key} group(s) {missing}")
        return tuple(m for n in names for m in known[n])

    profile = []
    for name, test in (triggers.get("profile") or {}).items():
        if name in BOOLEAN_FIELDS and isinstance(test, bool):
            profile.append((name, "is", test))
        elif name == "recent_trauma_months" and isinstance(test, Mapping) and "below" in test:
            profile.append((name, "below", test["below"]))
        else:
            raise RulesError(f"{where}: cannot test profile field {name!r} with {test!r}")

    dose = None
    if "dose" in triggers:
        dose_spec = triggers["dose"] or {}
        if set(dose_spec) - {"nutrient", "below", "above"}:
            raise RulesError(f"{where}: dose takes nutrient, below, above")
        limits = {}
        for key in ("below", "above"):
            if key in dose_spec:
                amount = parse_dose(str(dose_spec[key]))
                if amount is None or amount.low != amount.high:
                    raise RulesError(f"{where}: dose {key} {dose_spec[key]!r} is not one amount")
                limits[key] = amount.low
        if not limits or None in components:
            raise RulesError(f"{where}: a dose rule needs a limit and a component")
        if dose_spec.get("nutrient") not in (None, *_NUTRIENTS):
            raise RulesError(f"{where}: unknown nutrient {dose_spec['nutrient']!r}")
        dose = DoseLimit(dose_spec.get("nutrient"), limits.get("below"), limits.get("above"))

    return Rule(
        id=str(spec["id"]),
        components=components,
        severity=spec["severity"],
        reason=" ".join(str(spec["reason"]).split()),
        source=" ".join(str(spec["source"]).split()),
        medications=groups("medications", medication_groups),
        conditions=groups("conditions", condition_groups),
        allergies=groups("allergies", allergy_groups),
        family_history=groups("family_history", condition_groups),
        profile=tuple(profile),
        dose=dose,
        superseded_by=spec.get("superseded_by"),
    )


def _nearest_finder(vocabulary: frozenset[str], min_length: int, min_ratio: float):
    candidates = tuple(sorted(w for w in vocabulary if len(w) >= min_length and w.isalpha()))

    @lru_cache(maxsize=16384)
    def nearest(token: str) -> frozenset[str]:
        """The known words this token is most likely a misspelling of (none if it
        is short, a number, or a known word itself)."""
        if len(token) < min_length or token in vocabulary or not token.isalpha():
            return frozenset()
        best, found = min_ratio, []
        for word in candidates:
            if 2 * min(len(word), len(token)) / (len(word) + len(token)) < min_ratio:
                continue
            matcher = SequenceMatcher(None, token, word)
            if matcher.real_quick_ratio() < best or matcher.quick_ratio() < best:
                continue
            ratio = matcher.ratio()
            if ratio > best:
                best, found = ratio, [word]
            elif ratio == best:
                found.append(word)
        return frozenset(found)

    return nearest


# --------------------------------------------------------------------------- screen


def _entries(value) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple):
        return []
    return [item for item in value if isinstance(item, str) and item.strip()]


def _parts(text: str) -> list[str]:
    """One entry may hold several conditions: "Bipolar II; CKD stage 4"."""
    return [part for part in re.split(r"[;\n]", text) if part.strip()]


def _profile_hit(profile: Mapping, name: str, test: str, value) -> str | None:
    given = profile.get(name)
    if test == "is":
        if given is value:
            return f"{name}: {'true' if value else 'false'}"
        return None
    if isinstance(given, bool) or not isinstance(given, int | float):
        return None
    if isinstance(given, float) and not math.isfinite(given):
        return None
    if 0 <= given < value:
        return f"{name}: {given}"
    return None


def _requested(components, rules: RuleSet) -> tuple[str, ...]:
    if components is None:
        return rules.stack
    if isinstance(components, str):
        return (components,)
    if not isinstance(components, Iterable):
        return ()
    return tuple(c for c in components if isinstance(c, str))


def screen(
    profile: dict,
    *,
    components: list[str] | None,
    doses: dict[str, str] | None,
    rules: RuleSet,
) -> list[Flag]:
    """Every flag the profile raises for the requested components (None: the
    whole reference stack) and for the protocol as a whole, in a stable order."""
    profile = profile if isinstance(profile, Mapping) else {}
    doses = doses if isinstance(doses, Mapping) else {}
    requested = set(_requested(components, rules))

    medications, allergies = [], []
    own, family = [], []
    for raw in _entries(profile.get("medications")):
        medications.append(_entry(raw, raw, rules))
    for raw in _entries(profile.get("allergies")):
        allergies.extend(_entry(raw, part, rules) for part in _parts(raw))
    for raw in _entries(profile.get("conditions")):
        for part in _parts(raw):
            entry = _entry(raw, part, rules)
            degree = _family_degree(entry, rules)
            if degree is None:
                own.append(entry)
            elif degree != OTHER:
                family.append(entry)
    for raw in _entries(profile.get("family_history")):
        for part in _parts(raw):
            entry = _entry(raw, part, rules)
            if _family_degree(entry, rules) != OTHER:
                family.append(entry)

    found: set[Flag] = set()
    for rule in rules.rules:
        targets = [c for c in rule.components if c is None or c in requested]
        if not targets:
            continue
        matched: set[str] = set()
        for matchers, entries, negatable in (
            (rule.medications, medications, False),
            (rule.conditions, own, True),
            (rule.allergies, allergies, True),
            (rule.family_history, family, True),
        ):
            for entry in entries if matchers else ():
                if any(_matches(m, entry, rules, negatable) for m in matchers):
                    matched.add(entry.raw)
        for name, test, value in rule.profile:
            hit = _profile_hit(profile, name, test, value)
            if hit is not None:
                matched.add(hit)
        for component in targets:
            hits = set(matched)
            if rule.dose is not None and isinstance(doses.get(component), str):
                text = doses[component]
                amount = (
                    parse_nutrient_dose(text, rule.dose.nutrient)
                    if rule.dose.nutrient
                    else parse_dose(text)
                )
                if amount is not None and _outside(amount, rule.dose):
                    hits.add(text)
            found.update(
                Flag(component, rule.severity, rule.id, text, rule.reason, rule.source)
                for text in hits
            )

    superseding = {r.id: r.superseded_by for r in rules.rules if r.superseded_by}
    keys = {(f.component, f.rule, f.matched) for f in found}
    kept = [
        f
        for f in found
        if not (f.rule in superseding and (f.component, superseding[f.rule], f.matched) in keys)
    ]
    return sorted(kept, key=_order)


def _order(flag: Flag):
    return (
        flag.component or "",
        SEVERITIES.index(flag.severity),
        flag.rule,
        flag.matched,
    )


def eligible(flags: Iterable[Flag], components: Iterable[str] | None = None) -> bool:
    """False if an absolute flag applies to a requested component (None: the whole
    reference stack) or to the protocol as a whole."""
    if components is None:
        components = REFERENCE_STACK
    if isinstance(components, str):
        components = (components,)
    requested = {c for c in components if isinstance(c, str)}
    return not any(
        flag.severity == ABSOLUTE and (flag.component is None or flag.component in requested)
        for flag in flags
    )
