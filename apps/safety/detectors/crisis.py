"""Crisis language in free text.

Pure: it takes the text and a compiled lexicon and returns Matches. The lexicon
is data (fixtures/crisis_lexicon.yaml) so a clinician can read and change it;
this module is only the machine that applies it:

1. The text is normalised (normalize.py): case, look-alike letters, accents,
   invisible characters, repeated letters, white space. Offsets are mapped back,
   so every Match's `text[start:end]` is the original words.
2. Candidates: every place a rule matches. For speed, a rule is only tried
   where a text has one of the words it can start with (its "keys", worked out
   from the pattern itself when the lexicon is compiled), so an entry costs a
   few small regex matches instead of hundreds of alternatives at every word;
   the result is the same as one big alternation per category (a property
   test checks this).
3. Each candidate is judged in its sentence and clause, by the lexicon's cues:
   inside an idiom ("cut myself a slice") -> dropped; about someone else ("my
   dad had chest pain") -> dropped where the category says so; history ("years
   ago I self-harmed") with nothing recent in the sentence -> dropped; marked
   as a joke ("lol", "jk", a laughing emoji; not "not joking") -> dropped or
   one severity lower as the category says; negated
   ("no suicidal thoughts") -> a clear, whole denial is dropped where the
   category allows it, otherwise the match stays, marked negated and one
   severity lower; a symptom that resolved ("then it eased") -> dropped or
   lowered as the category says; a minimiser ("a bit confused") -> lowered.
4. Categories made of signs (serotonin toxicity, mania) alert only when enough
   distinct signs co-occur, by the lexicon's `combine` rules.

Nothing here knows a word of English: every word lives in the lexicon.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field

# Python's own regex parser, to list the words a pattern can start with
# (.python-version pins the interpreter, so its internals cannot move under us).
from re import _constants as sre_constants
from re import _parser as sre_parser

from .findings import Severity, Span
from .normalize import normalize, squeeze_pattern

SEVERITIES = (Severity.CRITICAL, Severity.HIGH, Severity.MODERATE)
_LOWER = {
    Severity.CRITICAL: Severity.HIGH,
    Severity.HIGH: Severity.MODERATE,
    Severity.MODERATE: Severity.MODERATE,
}
_POLICIES = {
    "negation": {"drop", "lower"},
    "history": {"drop", "keep"},
    "resolution": {"drop", "lower", "keep"},
    "minimizers": {"lower", "keep"},
    "third_party": {"drop", "keep"},
    "joke": {"drop", "lower", "keep"},
    "accident": {"drop", "keep"},
    "dream": {"drop", "keep"},
    "coping": {"lower", "keep"},
}
_RECENT_REACH = 120  # characters after a history match in which "again", "now" count
# A sentence also ends after an emoji and the space after it, where no full stop was
# written ("these memes, I can't even 😂 thinking about suicide a lot lately": the "can't"
# and the laugh are the first thought's; stop 43). The emoji stays in its sentence.
# A title's full stop ends nothing ("Mrs. Kowalski at the desk nearly fainted": the faint is
# hers; stop 44).
_SENTENCE_END = re.compile(
    r"(?<!\bmr)(?<!\bmrs)(?<!\bms)[.!?;\n]+"
    r"|(?<=[\u2600-\u27bf\U0001f300-\U0001faff\ufe0f])[ \t]+(?=\S)"
)
_TOKEN = re.compile(r"[\w']+")
_VOCABULARY_REFERENCE = re.compile(r"<([a-z_]+)>")


@dataclass(frozen=True)
class Match(Span):
    """One crisis-language match: text[start:end] == matched (original text).

    `term` is the lexicon rule id (also as `.rule`). `dropped` says why a
    candidate was not kept (only seen with include_dropped=True)."""

    severity: str = Severity.MODERATE
    negated: bool = False
    dropped: str | None = None

    @property
    def rule(self) -> str:
        return self.term

    def as_dict(self) -> dict:
        data = {
            "start": self.start,
            "end": self.end,
            "matched": self.matched,
            "category": self.category,
            "rule": self.term,
            "severity": self.severity,
            "negated": self.negated,
        }
        if self.dropped:
            data["dropped"] = self.dropped
        return data


@dataclass(frozen=True)
class Combine:
    severity: str
    min_signs: int
    any_of: frozenset[str] = frozenset()
    context: str | None = None


@dataclass(frozen=True)
class Category:
    name: str
    severity: str
    negation: str
    history: str
    resolution: str
    minimizers: str
    third_party: str
    joke: str = "keep"
    accident: str = "keep"
    dream: str = "keep"
    coping: str = "keep"
    combine: tuple[Combine, ...] = ()


@dataclass(frozen=True)
class Rule:
    id: str
    category: str
    severity: str
    negation: str
    sign: str | None = None
    denial: bool = False  # the pattern itself is a denial of intent
    third_party: str | None = None  # overrides the category's policy
    # A farewell, gift or decision the entry gives an everyday reason for (a move, a
    # trip, a job ending, the protocol ending; cue `ordinary_reason`) is dropped.
    ordinary_reason: bool = False
    # The name of a cue that, found anywhere in the entry (and not undone by the cue
    # "<name>_undone"), explains the match: "I thought I was having a heart attack" in
    # an entry that names a panic attack (stop 31).
    explained_by: tuple[str, ...] = ()
    # The names of cues whose match must hold the whole match inside it to explain it (and
    # not undone anywhere by "<name>_undone"): the words told as part of something the entry
    # says was ordinary, not the same words beside it ("Had a panic attack ... couldn't catch
    # my breath ... it passed", but not "I can barely breathe." after it; stop 46).
    explained_within: tuple[str, ...] = ()
    # The names of cues of which one must be found somewhere in the entry for the match to
    # count (stop 42: "the thoughts are back" only where the entry names an attempt).
    needs: tuple[str, ...] = ()
    # Where none of `needs` is found: the severity the match keeps instead of being dropped
    # (stop 52: "kms" said of a jammed printer goes to the digest; said with "fr", a plan or
    # "i mean it", it pages). None: dropped.
    needs_unmet: str | None = None


@dataclass(frozen=True)
class _Scanner:
    """Alternatives of one category, tried one after the other in their order.

    Each alternative is compiled once, on its own, and shared by every scanner
    that holds it: compiling them together as one alternation per key meant
    compiling the same big expressions hundreds of times (issue 17: 4 s at
    start-up for 170 rules). Trying them in order at one place gives what the
    alternation gave: the first alternative that matches there."""

    category: str
    alternatives: tuple[tuple[re.Pattern, Rule, int], ...]  # (pattern, rule, place)

    def match(self, text: str, position: int) -> tuple[int, Rule, int] | None:
        """(end, rule, place) of the first alternative matching at `position`."""
        for pattern, rule, place in self.alternatives:
            hit = pattern.match(text, position)
            if hit:
                return hit.end(), rule, place
        return None

    def search(self, text: str, position: int) -> tuple[int, int, Rule, int] | None:
        """(start, end, rule, place): the leftmost place from `position` where
        an alternative matches, and there the first one that does."""
        starts = [
            hit.start()
            for pattern, _, _ in self.alternatives
            if (hit := pattern.search(text, position)) is not None
        ]
        if not starts:
            return None
        start = min(starts)
        end, rule, place = self.match(text, start)
        return start, end, rule, place


@dataclass(frozen=True)
class Lexicon:
    categories: dict[str, Category]
    rules: tuple[Rule, ...]
    # Speed: a trie of every word a rule can start with finds the candidate
    # places; `dispatch` maps such a word to the small scanners (one per
    # category) holding only the alternatives that can start with it.
    # Alternatives whose first word cannot be listed run in `fallback`.
    trigger: re.Pattern | None
    dispatch: "_BuiltOnFirstUse"  # key -> tuple[_Scanner, ...], built when first needed
    fallback: tuple[_Scanner, ...]
    # Every pattern alternative (rule, compiled source), most severe first;
    # at one place in a text the first that matches wins.
    alternatives: tuple[tuple[Rule, str], ...]
    idioms: re.Pattern | None
    cues: dict[str, re.Pattern]
    contexts: dict[str, re.Pattern]
    negation_window: int = 5
    minimizer_window: int = 3
    # A candidate is judged within this many characters either side at most:
    # a "sentence" without punctuation can be a whole pasted text, and looking
    # through all of it for every match would make time grow with its square.
    context_chars: int = 400
    version: object = None
    # The second reading (settings.second_reading): a same-day finding whose kept
    # matches are all of these categories is lowered to the digest when the readers
    # score the whole entry below the category's threshold (the lowest of them when
    # the matches mix categories). Empty: never.
    second_reading_below: Mapping[str, float] = field(default_factory=dict)
    # Stop 34: the same judgment on the layer's sum with the phrase reader (log-odds:
    # logit(readers) + weight * phrase margin), for the same categories; either lowers.
    second_reading_sum_below: Mapping[str, float] = field(default_factory=dict)
    # Rules whose findings neither score lowers (red flags: a sign a clinician must see
    # even when the writer explains it away).
    second_reading_never: frozenset[str] = frozenset()
    # Stop 45: cues (a joke or a figure of speech taken back) that, found anywhere in the
    # entry, keep the whole finding from either score: the readers read such an entry as
    # the joke it says it is not ("we'd rather be dead. lol jk. not jk").
    second_reading_never_cues: tuple[str, ...] = ()


# --- compiling the lexicon --------------------------------------------------------------


def _expand(pattern, vocabulary: dict[str, str], where: str) -> str:
    if isinstance(pattern, list):
        pattern = "|".join(f"(?:{p})" for p in pattern)
    if not isinstance(pattern, str) or not pattern.strip():
        raise ValueError(f"{where}: a pattern must be a non-empty string or list")

    def substitute(match):
        name = match.group(1)
        if name not in vocabulary:
            raise ValueError(f"{where}: unknown vocabulary <{name}>")
        return f"(?:{vocabulary[name]})"

    for _ in range(5):  # vocabulary may refer to vocabulary, a little
        expanded = _VOCABULARY_REFERENCE.sub(substitute, pattern)
        if expanded == pattern:
            break
        pattern = expanded
    if re.search(r"(?<!\\)[A-Z]", re.sub(r"\\[A-Za-z]", "", pattern)):
        raise ValueError(f"{where}: write patterns in lower case")
    return _END_OF_ENTRY.sub(lambda _: _OTHER_SENTENCE_ENDS, squeeze_pattern(pattern.strip()))


# Where a pattern takes the entry's end as its sentence's end ("([.!;]|$)"), a closing
# bracket, a slash, a spaced dash or an emoji also ends it, as people end them on a phone
# ("slept bad / i've picked the date / took dose", "(i want to kill my neighbour)", "I'm not
# safe 😔"; stop 49). Not after "\W*" ("nothing but punctuation to the end": "bye journal 💛
# see u tomorrow" is no farewell). Added after folding: nothing in it is a letter to squeeze.
_END_OF_ENTRY = re.compile(r"(?<=[|*?])(?<!\\W\*)\$(?=[)|])")
_OTHER_SENTENCE_ENDS = r"(?:$|\)|/|-(?=\s)|[\u2600-\u27bf\U0001f300-\U0001faff])"


def _compile(source: str, where: str, *, words: bool = True) -> re.Pattern:
    # Whole words: not inside a word, nor glued to one by a hyphen
    # ("non-suicidal", "faint-hearted", "pain-free").
    wrapped = rf"(?<![\w-])(?:{source})(?![\w]|-\w)" if words else source
    try:
        return re.compile(wrapped)
    except re.error as error:
        raise ValueError(f"{where}: {error}") from error


class _CompiledOnFirstUse(dict):
    """Each rule's expression (source -> compiled), compiled when a text first reaches it.

    Compiling all 1,800 at start-up took about a second of `manage.py crisis_scan`'s
    start (stop 52), and most texts reach few of them. Listing each one's first words
    has already parsed it, so a broken edit still fails when the lexicon loads; what
    only compiling finds (a look-behind of varying width) the tests find, by compiling
    every one (`compile_every_rule`), as the Celery worker does when it starts."""

    def __init__(self, where: dict[str, str]):
        super().__init__()
        self.where = where

    def __missing__(self, source: str) -> re.Pattern:
        pattern = self[source] = _compile(source, self.where[source])
        return pattern


class _BuiltOnFirstUse(dict):
    """The scanners for each key (first words), built when a text first has that key: a
    plain dict lookup after that, so reading costs nothing more."""

    def __init__(self, build, keys):
        super().__init__()
        self.build = build
        self.known = tuple(keys)

    def __missing__(self, key: str):
        value = self[key] = self.build(key)
        return value

    def build_all(self) -> None:
        for key in self.known:
            self[key]  # noqa: B018 - built (and its expressions compiled) by __missing__


def compile_every_rule(lexicon: "Lexicon") -> int:
    """Compile every rule's expression now (the Celery worker at start, the tests), rather
    than when a text first reaches it. Returns how many scanners there are."""
    lexicon.dispatch.build_all()
    return len(lexicon.dispatch)


def _needs_unmet(spec: dict, rule_id: str) -> str | None:
    value = spec.get("needs_unmet")
    if value is None:
        return None
    if not spec.get("needs"):
        raise ValueError(f"rule {rule_id}: needs_unmet says what happens without needs: add needs")
    if value not in SEVERITIES:
        raise ValueError(f"rule {rule_id}: needs_unmet must be one of {SEVERITIES}")
    return value


def _reason_policy(spec: dict, rule_id: str) -> bool:
    value = spec.get("ordinary_reason", "keep")
    if value not in ("drop", "keep"):
        raise ValueError(f"rule {rule_id}: ordinary_reason must be drop or keep")
    return value == "drop"


def _named_cues(spec: dict, rule_id: str, data: dict, key: str) -> tuple[str, ...]:
    value = spec.get(key) or ()
    names = (value,) if isinstance(value, str) else tuple(value)
    for name in names:
        if name not in (data.get("cues") or {}):
            raise ValueError(f"rule {rule_id}: {key} names no cue ({name})")
    return names


def compile_lexicon(data: dict) -> Lexicon:
    """Check and compile the YAML lexicon. Raises ValueError naming the entry
    at fault, so a broken edit fails loudly at start-up and in the tests."""
    if not isinstance(data, dict):
        raise ValueError("the lexicon must be a mapping")
    vocabulary = {}
    for name, value in (data.get("vocabulary") or {}).items():
        if isinstance(value, list):
            value = "|".join(value)
        vocabulary[name] = value

    categories = {}
    for name, spec in (data.get("categories") or {}).items():
        severity = spec.get("severity")
        if severity not in SEVERITIES:
            raise ValueError(f"category {name}: severity must be one of {SEVERITIES}")
        policies = {}
        for policy, allowed in _POLICIES.items():
            value = spec.get(policy, "keep" if policy != "negation" else "drop")
            if value not in allowed:
                raise ValueError(f"category {name}: {policy} must be one of {sorted(allowed)}")
            policies[policy] = value
        combine = []
        for step in spec.get("combine") or []:
            if step.get("severity") not in SEVERITIES:
                raise ValueError(f"category {name}: combine severity must be one of {SEVERITIES}")
            combine.append(
                Combine(
                    severity=step["severity"],
                    min_signs=int(step.get("min_signs", 1)),
                    any_of=frozenset(step.get("any_of") or ()),
                    context=step.get("context"),
                )
            )
        categories[name] = Category(
            name=name, severity=severity, combine=tuple(combine), **policies
        )

    contexts = {
        name: _compile(_expand(spec["pattern"], vocabulary, f"context {name}"), f"context {name}")
        for name, spec in (data.get("contexts") or {}).items()
    }
    for category in categories.values():
        for step in category.combine:
            if step.context and step.context not in contexts:
                raise ValueError(f"category {category.name}: unknown context {step.context}")

    rules = []
    sources: dict[str, list[tuple[str, Rule]]] = {}
    where: dict[str, str] = {}  # each source -> the rule it belongs to, for errors
    seen = set()
    for index, spec in enumerate(data.get("rules") or []):
        rule_id = spec.get("id")
        if not rule_id or rule_id in seen:
            raise ValueError(f"rule #{index}: missing or repeated id {rule_id!r}")
        seen.add(rule_id)
        category = categories.get(spec.get("category"))
        if category is None:
            raise ValueError(f"rule {rule_id}: unknown category {spec.get('category')!r}")
        if not spec.get("source"):
            raise ValueError(f"rule {rule_id}: every rule needs a source")
        severity = spec.get("severity", category.severity)
        if severity not in SEVERITIES:
            raise ValueError(f"rule {rule_id}: severity must be one of {SEVERITIES}")
        negation = spec.get("negation", category.negation)
        if negation not in _POLICIES["negation"]:
            raise ValueError(f"rule {rule_id}: negation must be drop or lower")
        third_party = spec.get("third_party")
        if third_party not in (None, *_POLICIES["third_party"]):
            raise ValueError(f"rule {rule_id}: third_party must be drop or keep")
        if spec.get("sign") and not category.combine:
            raise ValueError(f"rule {rule_id}: a sign needs a category with combine rules")
        rule = Rule(
            id=rule_id,
            category=category.name,
            severity=severity,
            negation=negation,
            sign=spec.get("sign"),
            denial=bool(spec.get("denial", False)),
            third_party=third_party,
            ordinary_reason=_reason_policy(spec, rule_id),
            explained_by=_named_cues(spec, rule_id, data, "explained_by"),
            explained_within=_named_cues(spec, rule_id, data, "explained_within"),
            needs=_named_cues(spec, rule_id, data, "needs"),
            needs_unmet=_needs_unmet(spec, rule_id),
        )
        patterns = spec.get("pattern")
        if not isinstance(patterns, list):
            patterns = [patterns]
        if not patterns:
            raise ValueError(f"rule {rule_id}: a pattern must be a non-empty string or list")
        for pattern in patterns:
            source = _expand(pattern, vocabulary, f"rule {rule_id}")
            where[source] = f"rule {rule_id}"
            sources.setdefault(category.name, []).append((source, rule))
        rules.append(rule)

    # One alternative per pattern (a list entry is one alternative each).
    alternatives = []  # (rule, source)
    for entries in sources.values():
        for source, rule in entries:
            alternatives.append((rule, source))
    rank = {severity: index for index, severity in enumerate(SEVERITIES)}
    alternatives.sort(key=lambda alternative: rank[alternative[0].severity])  # stable
    order = range(len(alternatives))

    settings = data.get("settings") or {}
    stopwords = frozenset(normalize(str(settings.get("common_words") or "")).text.split())
    by_word: dict[str, list[int]] = {}
    unlisted = []
    for index in order:
        source = alternatives[index][1]
        try:
            words = first_keys(source, stopwords)
        except re.error as error:  # listing parses it: a broken edit fails here, at start-up
            raise ValueError(f"{where[source]}: {error}") from error
        if words is None:
            unlisted.append(index)
            continue
        for word in words:
            by_word.setdefault(word, []).append(index)

    compiled = _CompiledOnFirstUse(where)
    cache: dict[tuple[int, ...], _Scanner] = {}

    def scanner(indices: tuple[int, ...]) -> _Scanner:
        if indices not in cache:
            cache[indices] = _Scanner(
                category=alternatives[indices[0]][0].category,
                alternatives=tuple(
                    (compiled[alternatives[index][1]], alternatives[index][0], index)
                    for index in indices
                ),
            )
        return cache[indices]

    def per_category(indices: list[int]) -> tuple[_Scanner, ...]:
        grouped: dict[str, list[int]] = {}
        for index in indices:  # already in severity order
            grouped.setdefault(alternatives[index][0].category, []).append(index)
        return tuple(scanner(tuple(group)) for group in grouped.values())

    def with_shorter_keys(key: str) -> list[int]:
        # A place where "want to die" begins is also a place where "want to"
        # and "want" begin: try their alternatives there too, in order.
        indices = set(by_word[key])
        while " " in key:
            key = key.rsplit(" ", 1)[0]
            indices.update(by_word.get(key, ()))
        return sorted(indices)

    dispatch = _BuiltOnFirstUse(lambda key: per_category(with_shorter_keys(key)), by_word)
    fallback = per_category(unlisted)
    # Zero width, so that a key inside another key's words is still found. A key never runs
    # on into a contraction ("don" in "don't") but may end at a closing quote ("want to
    # die'"; stop 40: a key before one was never found).
    trigger = (
        re.compile(r"(?<![a-z0-9])(?=(" + _trie(by_word) + r")(?![a-z0-9]|'[a-z]))")
        if by_word
        else None
    )

    idiom_sources = [
        _expand(spec["pattern"] if isinstance(spec, dict) else spec, vocabulary, "idiom")
        for spec in data.get("idioms") or []
    ]
    idioms = (
        _compile("|".join(f"(?:{s})" for s in idiom_sources), "idioms") if idiom_sources else None
    )

    cues = {}
    for name in (
        "negation",
        "question",
        "answered_no",
        "pseudo_negation",
        "post_negation",
        "turn",
        "turn_back",
        "cleared",
        "clause_break",
        "history",
        "recent",
        "resolution",
        "resolution_negated",
        "minimizer",
        "first_person",
        "third_party",
        "joke",
    ):
        spec = (data.get("cues") or {}).get(name)
        if spec is None:
            raise ValueError(f"cues: {name} is missing")
        words = name not in ("clause_break", "post_negation")
        cues[name] = _compile(
            _expand(spec["pattern"], vocabulary, f"cue {name}"), name, words=words
        )
    # Optional cues: a lexicon without them judges as before.
    for name in (
        "history_over",
        "anniversary",
        "history_dated_next",
        "history_after_ahead",
        "first_person_lead",
        "history_carries",
        "reported_speech",
        "quote_speaker",
        "answered_yes",
        "answer_retracted",
        "answered_no_next",
        "rating_question",
        "screening_named",
        "item_answered_no",
        "screening_all_no_next",
        "idiom_undone",
        "panic_named",
        "reassured",
        "figurative",
        "joke_undone",
        "panic_named_undone",
        "medically_cleared",
        "medically_cleared_undone",
        "accident",
        "accident_said",
        "on_purpose",
        "ordinary_reason",
        "reason_undone",
        "denied_list",
        "direct_question",
        "coped",
        "coping_failed",
        "place_of_mine",
        "object_of_mine",
        "own_clause_after_question",
        "fiction",
        "dream",
        "awake",
        "song_named",
        "own_words_after_song",
        "written_figure",
        "joined_in",
        "history_taken_up",
        "own_writing",
        "threat_meant",
        "threat_said",
        "threat_thought",
        "grievance_near",
    ):
        spec = (data.get("cues") or {}).get(name)
        if spec is not None:
            cues[name] = _compile(_expand(spec["pattern"], vocabulary, f"cue {name}"), name)
    # The cues a rule is explained by, and what undoes them: named in the lexicon only,
    # so compiled here (a name left out would silently explain nothing).
    for rule in rules:
        for name in (
            *rule.explained_by,
            *rule.explained_within,
            *rule.needs,
            *(f"{n}_undone" for n in (*rule.explained_by, *rule.explained_within)),
            *(f"{n}_then" for n in rule.explained_by),
        ):
            spec = (data.get("cues") or {}).get(name)
            if spec is not None and name not in cues:
                cues[name] = _compile(_expand(spec["pattern"], vocabulary, f"cue {name}"), name)
    # A cue the code never reads would silently do nothing (stop 39: a new cue, written in
    # the lexicon but not named here, changed no reading until it was).
    if "written_figure" in cues:  # read on the words as written, in any case
        cues["written_figure"] = re.compile(cues["written_figure"].pattern, re.IGNORECASE)
    unread = sorted(set(data.get("cues") or {}) - set(cues))
    if unread:
        raise ValueError(f"cues: {', '.join(unread)}: no part of the detector reads them")
    return Lexicon(
        categories=categories,
        rules=tuple(rules),
        trigger=trigger,
        dispatch=dispatch,
        fallback=fallback,
        alternatives=tuple(alternatives),
        idioms=idioms,
        cues=cues,
        contexts=contexts,
        negation_window=int(settings.get("negation_window", 5)),
        minimizer_window=int(settings.get("minimizer_window", 3)),
        context_chars=int(settings.get("context_chars", 400)),
        version=data.get("version"),
        **_second_reading(settings.get("second_reading"), data),
    )


def _second_reading(spec: dict | None, data: dict) -> dict:
    """settings.second_reading: below: {category: readers' score in (0, 1)} and, optional,
    sum_below: {category: log-odds of the readers with the phrase reader}, for categories
    that are also under below."""
    if not spec:
        return {}
    below = spec.get("below")
    if not isinstance(below, dict) or not set(spec) <= {
        "below",
        "sum_below",
        "never_rules",
        "never_cues",
    }:
        raise ValueError(
            "settings.second_reading must be `below: {category: threshold}` and optionally "
            "`sum_below: {category: log-odds}`, `never_rules: [rule, ...]` and "
            "`never_cues: [cue, ...]`"
        )
    never_cues = spec.get("never_cues") or []
    unknown_cues = (
        sorted(set(never_cues) - set(data.get("cues") or {}))
        if isinstance(never_cues, list)
        else never_cues
    )
    if unknown_cues:
        raise ValueError(
            "settings.second_reading.never_cues must list cue names of this lexicon: "
            f"{unknown_cues!r}"
        )
    never = spec.get("never_rules") or []
    known_rules = {rule.get("id") for rule in data.get("rules") or [] if isinstance(rule, dict)}
    if not isinstance(never, list) or set(never) - known_rules:
        raise ValueError(
            "settings.second_reading.never_rules must list rule ids of this lexicon: "
            f"{sorted(set(never) - known_rules) if isinstance(never, list) else never!r}"
        )
    sum_below = spec.get("sum_below") or {}
    if not isinstance(sum_below, dict):
        raise ValueError("settings.second_reading.sum_below must be {category: log-odds}")
    unknown = (set(below) | set(sum_below)) - set(data.get("categories") or {})
    if unknown:
        raise ValueError(f"settings.second_reading names no category: {sorted(unknown)}")
    if set(sum_below) - set(below):
        raise ValueError(
            "settings.second_reading.sum_below may only name categories under `below`: "
            f"{sorted(set(sum_below) - set(below))}"
        )
    thresholds = {}
    for category, value in below.items():
        value = float(value)
        if not 0.0 < value < 1.0:
            raise ValueError(
                f"settings.second_reading.below.{category} must be in (0, 1), not {value}"
            )
        thresholds[category] = value
    sums = {}
    for category, value in sum_below.items():
        value = float(value)
        if not value < 0.0:
            raise ValueError(
                f"settings.second_reading.sum_below.{category} must be below 0 (log-odds), "
                f"not {value}"
            )
        sums[category] = value
    return {
        "second_reading_below": thresholds,
        "second_reading_sum_below": sums,
        "second_reading_never": frozenset(never),
        "second_reading_never_cues": tuple(never_cues),
    }


# --- first words, for speed ----------------------------------------------------------------

_TOKEN_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789'")
_MAX_KEYS = 20_000
_MAX_KEY_WORDS = 3


class _Unlisted(Exception):
    """The first words of an alternative cannot be listed."""


class _KeyWalker:
    """Lists the "keys" a match of a parsed expression can start with: its
    first word, or, while that word is a very common one ("to", "the", "i",
    "no"), its first two or three words ("no way", "i'm a"). Keys find the
    few places in a text worth trying an alternative."""

    def __init__(self, stopwords: frozenset[str]):
        self.stopwords = stopwords

    def extendable(self, partial: str) -> bool:
        if not partial or partial.endswith(" "):
            return False
        words = partial.split(" ")
        return len(words) < _MAX_KEY_WORDS and words[-1] in self.stopwords

    def settle(self, growing: set[str]) -> set[str]:
        """At something that cannot be listed: partials that have just
        finished a (common) word end there; any other partial cannot."""
        if any(not partial.endswith(" ") for partial in growing):
            raise _Unlisted
        return {partial.rstrip() for partial in growing}

    def walk(self, items, partials: set[str]) -> tuple[set[str], set[str]]:
        """(keys complete, keys still growing) after `items`, from `partials`."""
        done: set[str] = set()
        growing = set(partials)
        for op, av in items:
            if not growing:
                break
            chars = None
            if op is sre_constants.LITERAL:
                chars = [chr(av)]
            elif op is sre_constants.IN:
                if any(kind is not sre_constants.LITERAL for kind, _ in av):
                    done |= self.settle(growing)
                    growing = set()
                    continue
                chars = [chr(value) for _, value in av]
            elif op is sre_constants.BRANCH:
                ended, grown = set(), set()
                for branch in av[1]:
                    branch_done, branch_growing = self.walk(branch, growing)
                    ended |= branch_done
                    grown |= branch_growing
                done |= ended
                growing = grown
            elif op is sre_constants.SUBPATTERN:
                sub_done, growing = self.walk(av[-1], growing)
                done |= sub_done
            elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
                low, high, item = av
                if high == 0:
                    continue
                # Walk a few passes: keys stop growing after _MAX_KEY_WORDS
                # words, so a repeat usually settles quickly.
                result = set(growing) if low == 0 else set()
                current = growing
                for passes in range(1, 5):
                    once_done, current = self.walk(item, current)
                    done |= once_done
                    if passes >= low:
                        result |= current
                    if not current or passes >= high:
                        break
                else:
                    if current:
                        done |= self.settle(current)
                growing = result
            elif op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
                continue  # zero width
            else:
                done |= self.settle(growing)
                growing = set()
            if chars is not None:
                extended = set()
                for char in chars:
                    for partial in growing:
                        if char in _TOKEN_CHARS:
                            extended.add(partial + char)
                        elif char == " " and self.extendable(partial):
                            extended.add(partial + " ")
                        elif not partial:
                            raise _Unlisted  # starts with punctuation or a space
                        else:
                            done.add(partial.rstrip())
                growing = extended
            if len(done) + len(growing) > _MAX_KEYS:
                raise _Unlisted
        return done, growing


def first_keys(source: str, stopwords: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """Every key (first word, or first words while they are common ones) a
    match of `source` can start with, or None if they cannot be listed (the
    alternative then runs over the whole text)."""
    walker = _KeyWalker(stopwords)
    try:
        done, growing = walker.walk(sre_parser.parse(source), {""})
    except _Unlisted:
        return None
    keys = done | {partial.rstrip() for partial in growing}
    if "" in keys:
        return None
    return frozenset(keys)


def _trie(words) -> str:
    """A regular expression matching exactly `words`, shared prefixes merged
    (much faster than a flat alternation of hundreds of words)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node) -> str:
        ends = "" in node
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return f"(?:{body})?"
        return body

    return emit(root)


# --- judging one candidate ----------------------------------------------------------------


def lower(severity: str) -> str:
    return _LOWER[severity]


class _Context:
    """The normalised text with its sentences and idioms, worked out lazily."""

    def __init__(self, text: str, lexicon: Lexicon, candidates=()):
        self.text = text
        self.lexicon = lexicon
        self.candidates = sorted((start, rule.category) for start, _, rule in candidates)
        ends = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text)]
        self.break_starts = [start for start, _ in ends]
        self.break_ends = [end for _, end in ends]
        self._idioms: dict[tuple[int, int], list[tuple[int, int]]] = {}
        self._contexts = {}
        self._reason: bool | None = None
        self._explained: dict[str, bool] = {}
        self._spans: dict[str, list[tuple[int, int]]] = {}
        self._named: dict[str, bool] = {}
        self.past_taken_up: dict[tuple[int, int], bool] = {}
        self._threat_meant: bool | None = None
        self.idiom_undone: dict[tuple[int, int], bool] = {}
        self.laughs: dict[tuple[int, int], list[int]] = {}

    def idioms(self, sentence_start: int, sentence_end: int) -> list[tuple[int, int]]:
        """The idioms in one sentence (idioms do not cross sentences)."""
        key = (sentence_start, sentence_end)
        if key not in self._idioms:
            pattern = self.lexicon.idioms
            self._idioms[key] = (
                [m.span() for m in pattern.finditer(self.text, sentence_start, sentence_end)]
                if pattern
                else []
            )
        return self._idioms[key]

    def next_other(self, end: int, category: str) -> int:
        """Where the next candidate of another category starts after `end`
        (the text's length if none)."""
        i = bisect_left(self.candidates, (end, ""))
        for start, other in self.candidates[i:]:
            if other != category:
                return start
        return len(self.text)

    def context(self, name: str) -> bool:
        if name not in self._contexts:
            self._contexts[name] = bool(self.lexicon.contexts[name].search(self.text))
        return self._contexts[name]

    def ordinary_reason(self) -> bool:
        """Does the entry give an everyday reason (a move, a trip, a job or the
        protocol ending) and nowhere take it back? Worked out once per entry."""
        if self._reason is None:
            cues = self.lexicon.cues
            given = "ordinary_reason" in cues and cues["ordinary_reason"].search(self.text)
            undone = "reason_undone" in cues and cues["reason_undone"].search(self.text)
            self._reason = bool(given) and not undone
        return self._reason

    def explained(self, name: str) -> bool:
        """Does the entry name what explains a rule (cue `name`, then `name`_then after it
        if the lexicon has one) and nowhere undo it (cue `name`_undone)? Worked out once
        per entry and cue."""
        if name not in self._explained:
            cues = self.lexicon.cues
            given = name in cues and cues[name].search(self.text)
            # What must follow it (cue `name`_then, stop 39: "... and it passed"), looked
            # for once after the first match: one pattern with both would search to the
            # end of the entry from every place the first part matches.
            if given and f"{name}_then" in cues:
                given = cues[f"{name}_then"].search(self.text, given.end())
            undone = f"{name}_undone" in cues and cues[f"{name}_undone"].search(self.text)
            self._explained[name] = bool(given) and not undone
        return self._explained[name]

    def explained_within(self, name: str, start: int, end: int) -> bool:
        """Is the match [start, end) inside a match of cue `name`, with `name`_undone found
        nowhere in the entry? The cue's matches are found once per entry."""
        if name not in self._spans:
            cues = self.lexicon.cues
            undone = f"{name}_undone" in cues and cues[f"{name}_undone"].search(self.text)
            found = [] if undone or name not in cues else cues[name].finditer(self.text)
            self._spans[name] = [m.span() for m in found]
        return any(s <= start and end <= e for s, e in self._spans[name])

    def named(self, name: str) -> bool:
        """Is cue `name` found anywhere in the entry? Worked out once per entry and cue."""
        if name not in self._named:
            self._named[name] = bool(self.lexicon.cues[name].search(self.text))
        return self._named[name]

    def whole_sentence(self, start: int, end: int) -> tuple[int, int]:
        i = bisect_right(self.break_ends, start) - 1
        sentence_start = self.break_ends[i] if i >= 0 else 0
        j = bisect_left(self.break_starts, end)
        sentence_end = self.break_starts[j] if j < len(self.break_starts) else len(self.text)
        return sentence_start, max(sentence_end, end)

    def sentence(self, start: int, end: int) -> tuple[int, int]:
        """The sentence around text[start:end], at most context_chars either side."""
        reach = self.lexicon.context_chars
        sentence_start, sentence_end = self.whole_sentence(start, end)
        return max(sentence_start, start - reach), min(sentence_end, end + reach)

    def next_sentence(self, sentence_end: int) -> str:
        """The sentence after the one ending at sentence_end (its first
        context_chars characters), or "" if that one was cut short or is last."""
        j = bisect_left(self.break_starts, sentence_end)
        if j >= len(self.break_ends) or self.break_starts[j] != sentence_end:
            return ""
        following = self.break_starts[j + 1] if j + 1 < len(self.break_starts) else len(self.text)
        start = self.break_ends[j]
        return self.text[start : min(following, start + self.lexicon.context_chars)]

    def sentences_after(self, sentence_end: int, count: int) -> tuple[int, int]:
        """From sentence_end to the end of the `count` sentences after it (the text's
        end if fewer follow)."""
        j = bisect_left(self.break_starts, sentence_end) + count
        end = self.break_starts[j] if j < len(self.break_starts) else len(self.text)
        return sentence_end, end

    def clause_start(self, sentence_start: int, start: int) -> int:
        clause_start = sentence_start
        for brk in self.lexicon.cues["clause_break"].finditer(self.text, sentence_start, start):
            clause_start = brk.end()
        return clause_start

    def clause_end(self, end: int, sentence_end: int) -> int:
        brk = self.lexicon.cues["clause_break"].search(self.text, end, sentence_end)
        return brk.start() if brk else sentence_end


def _window(text: str, start: int, end: int, tokens: int) -> int:
    """Where the last `tokens` words of text[start:end] begin."""
    found = [m.start() for m in _TOKEN.finditer(text, start, end)]
    if len(found) <= tokens:
        return start
    return found[-tokens]


def _masked(pattern: re.Pattern, text: str) -> str:
    return pattern.sub(lambda m: " " * len(m.group()), text)


def _judge(ctx: _Context, start: int, end: int, rule: Rule) -> tuple[str, bool, str | None]:
    """(severity, negated, dropped reason or None) for one candidate."""
    lexicon = ctx.lexicon
    cues = lexicon.cues
    text = ctx.text
    category = lexicon.categories[rule.category]
    severity = rule.severity

    # 1. Overlapping an idiom (looked for once per sentence). An idiom only hides
    # what ends inside it: a match that reads on past its end ("hit my head on the
    # wall over and over until it bled") says more than the idiom does.
    whole_start, whole_end = ctx.whole_sentence(start, end)
    for idiom_start, idiom_end in ctx.idioms(whole_start, whole_end):
        if idiom_start < end and start < idiom_end and end <= idiom_end:
            if (
                not _idiom_undone(ctx, whole_start, whole_end)
                and not _threat_meant(ctx, rule)
                and not _past_taken_up(ctx, whole_start, whole_end)
            ):
                return severity, False, "idiom"

    # 1b. A threat said beside an everyday grievance (stop 41): hyperbole, as an idiom.
    if rule.category == "harm_others" and _threat_over_grievance(ctx, start, end, rule):
        if not _idiom_undone(ctx, whole_start, whole_end):
            return severity, False, "idiom"

    sentence_start, sentence_end = ctx.sentence(start, end)

    clause_start = ctx.clause_start(sentence_start, start)
    clause_end = ctx.clause_end(end, sentence_end)
    matched = text[start:end]
    before = text[clause_start:start]

    # 2. About someone else: the nearest person before the match is not "I".
    # A match that says "I" itself is the writer's ("better off if I wasn't
    # around"), unless its "I" only says whom someone else did not know ("she
    # didn't know who I was"): the `first_person_lead` cue tells them apart.
    third_party = rule.third_party or category.third_party
    if third_party == "drop" and _joined_in(ctx, end):
        # Someone else's words the writer takes as their own ("My wife says she can't do
        # this anymore. Neither can I."; stop 40): the writer's, whoever said them first.
        third_party = "keep"
    lead = cues.get("first_person_lead")
    mine = lead.search(matched) if lead else cues["first_person"].search(matched)
    # An entry written for the patient by a carer ("writing this for my wife,
    # who is on the study"): "she" is the patient, nobody else.
    for_patient = "written_for_patient" in lexicon.contexts and ctx.context("written_for_patient")
    if third_party == "drop" and not for_patient and _quoted_from_someone_else(ctx, start):
        return severity, False, "someone else"
    if third_party == "drop" and not for_patient and _sung(ctx, start):
        return severity, False, "someone else"
    if third_party == "drop" and not mine and not for_patient:
        # "my" naming a place or a group ("a patient on my ward", "a kid in my class")
        # says where, not who: the person before it is still the nearest.
        places = cues.get("place_of_mine")
        where = {m.start() for m in places.finditer(before)} if places else set()
        nearest_first = max(
            (m.end() for m in cues["first_person"].finditer(before) if m.start() not in where),
            default=-1,
        )
        # "him", "her" or "them" right after "I" and a verb is whom the writer acts on ("I
        # asked him twelve times and didn't recognize our street"; stop 45).
        objects = cues.get("object_of_mine")
        acted_on = {m.end() for m in objects.finditer(before)} if objects else set()
        nearest_third = max(
            (m.end() for m in cues["third_party"].finditer(before) if m.end() not in acted_on),
            default=-1,
        )
        if nearest_third > nearest_first:
            return severity, False, "someone else"
    # A story, film or game told as one ("reading a thriller where the detective finds
    # a suicide note"): its people are someone else too, unless the writer comes in
    # between ("a film where she cuts herself made me want to cut myself").
    # Also where the rule keeps other people (a delusion about a husband, a threat
    # naming its victim): in a story they are the story's.
    # Stop 41: unless the writer joins in ("... who hears voices in the walls. I hear them
    # too now.").
    if not mine and _in_a_story(ctx, clause_start, start) and not _joined_in(ctx, end):
        return severity, False, "someone else"

    # 3. History, with nothing recent after the clause starts ("years ago I
    # self-harmed and it's back again"). Only so far: in a long entry written
    # without full stops, "again" four lines on is about something else.
    if (
        category.history == "drop"
        and _history(
            ctx,
            start,
            end,
            clause_start,
            clause_end,
            # Only acts are dated by what follows them: a symptom's words may be what
            # someone is confused about ("no me reconoce ... we're in Ponce in 1960") or
            # run on into another thought ("sweating, confused since the dose change years
            # ago I self-harmed").
            dated_after=rule.category in _DATED_AFTER,
        )
        and not _taken_up_again(ctx, sentence_end)
    ):
        return severity, False, "history"

    # 3b. Marked as a joke ("lol", "jk", "just kidding", a laughing emoji) in
    # its sentence or a short one right after it; "not joking" is no joke.
    if category.joke != "keep" and _joking(ctx, *ctx.whole_sentence(start, end), start):
        # A thought, an urge or a fear of harming someone is never a joke, whatever laugh
        # shares its sentence ("Haha the bus was late, and I'm scared I'll hurt my baby.";
        # stop 48): it is lowered one level, as a suicidal joke is.
        # Nor is a threat in an entry that shows it is meant (a weapon, "I meant it", where
        # they live, an attack on a school: "I bought a knife and I'm going to use it on him.
        # Lol."; stop 49).
        if (
            category.joke == "drop"
            and not _told_as_thought(ctx, start, end)
            and not _threat_meant(ctx, rule)
        ):
            return severity, False, "joke"
        severity = lower(severity)

    # 3b'. Said not to be meant literally: one level lower, whatever the joke policy
    # (an explicit retraction, unlike "lol"); intent stays a same-day alert (stop 31).
    if _figurative(ctx, *ctx.whole_sentence(start, end)):
        severity = lower(severity)

    # 3c. An injury told as an accident ("accidentally burned my wrist on the oven
    # tray", "cut myself with the box cutter opening boxes"), where the category says
    # so; never when the sentence says it was meant ("on purpose", "to feel something").
    if category.accident == "drop" and _accidental(ctx, start, end, clause_start, clause_end):
        return severity, False, "accident"

    # 3d. Told as a dream ("dreamt of my grandmother, she told me to stop worrying"),
    # where the category says so; not when the sentence says it went on awake.
    if category.dream == "drop" and _dreamt(ctx, start, end):
        return severity, False, "dream"

    # 3e. A farewell, a gift or a decision the entry gives an everyday reason for
    # ("last day at the firm after 12 years. said goodbye to everyone"; "giving away my
    # things before the move abroad"), unless the entry takes the reason back ("told
    # them I'm moving. I'm not moving"). Only rules marked `ordinary_reason: drop`.
    if rule.ordinary_reason and ctx.ordinary_reason():
        return severity, False, "ordinary reason"
    if any(ctx.explained(name) for name in rule.explained_by) or any(
        ctx.explained_within(name, start, end) for name in rule.explained_within
    ):
        return severity, False, "explained"
    if rule.needs and not any(ctx.named(name) for name in rule.needs):
        if rule.needs_unmet is None:
            return severity, False, "not in context"
        severity = rule.needs_unmet

    # 4. Negation.
    negated = rule.denial
    cue_at = None
    question = None
    if not negated:
        window_start = _window(text, clause_start, start, lexicon.negation_window)
        # Mask pseudo-negations first, over the whole clause and the match:
        # in "not a day goes by that I don't think about it" and "don't see
        # any way out", the negation word does not deny what follows.
        masked = _masked(cues["pseudo_negation"], text[clause_start:end])
        window = masked[window_start - clause_start : start - clause_start]
        for cue in cues["negation"].finditer(window):
            cue_at = window_start + cue.start()
        question = cues["question"].search(text, clause_start, start)
        own = cues.get("own_clause_after_question")
        if question is not None and own and own.search(text, question.end(), start):
            # The writer's own clause after a question about something else ("I had a
            # question about my dose and honestly I want to die"): not the question's (stop 45).
            question = None
        if question is None and _screening_item_denied(ctx, start, end, sentence_end):
            return severity, True, "denied"
        if question is None and _direct_question_denied(ctx, start, end, sentence_end):
            return severity, True, "denied"
        if question is None and _asked_and_denied(
            ctx, sentence_start, clause_start, start, end, sentence_end
        ):
            return severity, True, "denied"
        if question is None and _rated_none(ctx, sentence_start, start, end, sentence_end):
            return severity, True, "denied"
        if question and cue_at is None and _answered_yes(ctx, end, sentence_end):
            # Asked about it and answered yes ("the nurse asked about self-harm and
            # I said yes, last night"): the words are the patient's own now.
            question = None
        if question and cue_at is None:
            cue_at = question.start()
        if cue_at is None and question is None and "denied_list" in cues:
            # A denial naming a list denies each item, past the window and its commas
            # ("no thoughts of death or self harm"; stop 38).
            listed = cues["denied_list"].search(text[sentence_start:start])
            if listed:
                cue_at = sentence_start + listed.start()
        if cue_at is not None:
            negated = True
        elif cues["post_negation"].match(text, end):
            negated, cue_at = True, end
    if negated and not rule.denial and _called_a_lie(ctx, end, sentence_end):
        # The answer or the denial called a lie ("asked about self harm and I said no. That
        # was a lie."; "I always tick no. The honest answer is yes."): the writer's words,
        # at their full severity (stop 40).
        negated, cue_at = False, None
    if negated:
        # Someone asked ("she asked if I want to hurt myself") and the answer
        # in the same sentence was no: the words were never the patient's.
        if question and not rule.denial and _answered_no(ctx, end, sentence_end):
            return severity, True, "denied"
        # A denial the writer goes on to explain as plain sadness or venting ("I'm not
        # going to do anything stupid, just going to be sad for a bit"; "no me voy a
        # matar por esto"), not turned back: a whole denial, dropped (stop 31).
        if (
            (cue_at is not None or rule.denial)
            and not question
            and _reassured(ctx, end, sentence_end)
            and not _turned(ctx, cue_at if cue_at is not None else start, sentence_end)
        ):
            return severity, True, "denied"
        policy = "lower" if rule.denial else rule.negation
        if policy == "drop":
            # An answer that stands as its own sentence ("Do I want to die? No.") may be
            # taken back in the sentence after it ("But sometimes I do."; stop 39).
            answered_apart = cue_at == end and not ctx.text[end:sentence_end].strip(" ?")
            if not _turned(ctx, cue_at if cue_at is not None else start, sentence_end) and not (
                answered_apart and _turned_after_answer(ctx, sentence_end)
            ):
                return severity, True, "denied"
            # Taken back: the words are the writer's after all. One level lower, but a
            # same-day finding stays same-day: "Do I want to die? No. But some days yes." is
            # a passive wish, which a clinician sees that day (stop 39).
            severity = Severity.HIGH if severity == Severity.HIGH else lower(severity)
        else:
            severity = lower(severity)

    # 5. Resolved ("then it eased"; not "nothing helps"), in the rest of the
    # sentence or a next one that goes on about it ("It passed.").
    if category.resolution != "keep":
        # A resolution speaks of the nearest thing before it: once another kind
        # of concern is named after this match ("...5 businesses at once i used
        # to cut in high school ... napped, felt better"), what follows is about
        # that one, not this.
        other = ctx.next_other(end, rule.category)
        scopes = [text[end : min(sentence_end, other)]]
        following = ctx.next_sentence(sentence_end)
        if other >= sentence_end and _GOES_ON.match(following):
            scopes.append(following)
        resolved = _resolution(cues, scopes)
        if resolved == "cleared" or (resolved and category.resolution == "drop"):
            return severity, negated, "resolved"
        if resolved:
            severity = lower(severity)

    # 5b. A thought the writer answered the way therapy taught ("my head kept saying
    # they'd be better off without me and I fought it: wrote down the evidence, called
    # my sister"; "me siento una carga, lo hablé con la psicóloga y me ayudó"), in the
    # rest of the sentence or the next one, not undone ("couldn't fight it"): one level
    # lower, where the category says so. A clinician still reads it in the digest.
    if category.coping == "lower" and _coped(ctx, end, sentence_end):
        severity = lower(severity)

    # 6. Minimised ("a bit confused").
    if category.minimizers == "lower":
        lead_start = _window(text, clause_start, start, lexicon.minimizer_window)
        if cues["minimizer"].search(text, lead_start, start):
            severity = lower(severity)

    return severity, negated, None


def _history(
    ctx: _Context, start: int, end: int, clause_start: int, clause_end: int, *, dated_after: bool
) -> bool:
    """Is the match told as history, with nothing recent about it?

    History is a history cue in the match's clause ("years ago I self-harmed").
    Recent words count from the clause's start, or from the history cue when
    it comes before the match or opens it: in "quick one tonight years ago I
    self-harmed" or "fridge is full again I used to cut", the recent word dates
    something else, not the act. With a `history_over` cue, the
    writer saying it is over ("but I'm ok now", "haven't in 8 years") ends the
    reach of recent words: in an entry written without full stops, "fridge is
    full again" after it is about something else. A turn after that statement
    ("..., but last night I did again") opens the reach again. And a history
    cue earlier in the sentence ("a hard time in high school, self harmed for a
    year, but I've been clean 4 years now") counts when such a statement follows."""
    cues = ctx.lexicon.cues
    text = ctx.text
    sentence_start, sentence_end = ctx.sentence(start, end)
    reach_end = min(sentence_end, end + _RECENT_REACH)
    over_cue = cues.get("history_over")
    over = over_cue.search(text, end, reach_end) if over_cue else None
    past = cues["history"].search(text[clause_start:clause_end])
    if past:
        past_start, past_end = clause_start + past.start(), clause_start + past.end()
    elif over or _carries(cues, text, sentence_start, clause_start):
        past = cues["history"].search(text[sentence_start:start])
        if past:
            past_start, past_end = sentence_start + past.start(), sentence_start + past.end()
    if not past and dated_after and "history_after_ahead" in cues:
        # Stop 46: a date told right after the match in its sentence, past a comma ("Took too
        # many of my Klonopin once, in 2015, right after the divorce"), nothing between saying
        # it is so again or still ("in 2019 too").
        ahead = min(sentence_end, end + _HISTORY_AHEAD)
        later = cues["history"].search(text, end, ahead)
        comma = text.find(",", end, end + 12)
        if (
            later
            and comma != -1
            and comma < later.start()
            and not cues["history_after_ahead"].search(text, end, later.end() + 12)
        ):
            past = later
            past_start, past_end = later.span()
    if not past and "history_dated_next" in cues:
        # Stop 46: a sentence dated by the one after it ("... I wanted to die pretty much
        # constantly. That was 2018."): history, with the clause's own recent words.
        _, whole_end = ctx.whole_sentence(start, end)
        next_start = _NEXT_SENTENCE.match(text, whole_end).end()
        dated = cues["history_dated_next"]
        past = dated.match(text, next_start) if next_start > whole_end else None
        if past:
            past_start, past_end = past.span()
    if not past:
        return False
    if past_start > start and (
        len(_TOKEN.findall(text, end, past_start)) > 2
        or cues["first_person"].search(text, end, past_start)
    ):
        # A history cue further after the match may open another thought in a
        # run-on entry ("...5 businesses at once i used to cut in high school,
        # haven't in 8 years"): its "it's over" is not about this match. One
        # right after it ("a seizure in 2015 ..., been fine since") is.
        over = None
    # Recent words before a history cue that governs the match ("fridge is full
    # again I used to cut") date something else.
    recent_start = min(past_end, start) if past_start <= start else clause_start
    scopes = [(recent_start, over.start() if over else reach_end)]
    if over:
        turn = cues["turn"].search(text, over.end(), reach_end)
        if turn:
            scopes.append((turn.start(), reach_end))
    # Stop 54: "today" inside an anniversary told of the act ("5 years since my overdose
    # today", "two years since i last self harmed today") dates the anniversary, not the act.
    anniversary = cues.get("anniversary")
    kept = (
        [m.span() for m in anniversary.finditer(text, sentence_start, sentence_end)]
        if anniversary
        else []
    )
    return not any(
        not any(a0 <= hit.start() and hit.end() <= b0 for a0, b0 in kept)
        for a, b in scopes
        for hit in cues["recent"].finditer(text, a, b)
    )


def _taken_up_again(ctx: _Context, sentence_end: int) -> bool:
    """Does one of the next two sentences say the past came back or is planned now ("Hace
    diez años I tried to kill myself. Hoy I caught myself planning it again."; "It's not a
    joke now.")? Then the match is not history (stop 40)."""
    again = ctx.lexicon.cues.get("history_taken_up")
    if again is None:
        return False
    _, reach = ctx.whole_sentence(sentence_end, sentence_end)
    _, reach = ctx.sentences_after(reach, 2)
    reach = min(reach, sentence_end + 2 * ctx.lexicon.context_chars)
    return bool(again.search(ctx.text, sentence_end, reach))


def _past_taken_up(ctx: _Context, sentence_start: int, sentence_end: int) -> bool:
    """Is the idiom's sentence a past told as over ("Hace dos años intenté quitarme la
    vida.") that one of the next two sentences takes up again ("pero volvieron los
    pensamientos")? Then the past's idiom hides nothing (stop 42). Only a sentence with a
    history cue: "it's back" after an everyday idiom is about something else."""
    # Once per sentence: a run-on entry may put hundreds of idioms in one sentence.
    key = (sentence_start, sentence_end)
    if key not in ctx.past_taken_up:
        ctx.past_taken_up[key] = bool(
            ctx.lexicon.cues["history"].search(ctx.text, sentence_start, sentence_end)
        ) and _taken_up_again(ctx, sentence_end)
    return ctx.past_taken_up[key]


_DATED_AFTER = frozenset({"suicidal", "suicidal_passive", "self_harm", "overdose", "harm_others"})
_HISTORY_AHEAD = 60  # characters after a match where a date may still be its own
_NEXT_SENTENCE = re.compile(r"[.!?]*\s*")  # from a sentence's end to the next one's first word
_QUOTE_REACH = 60  # characters from an opening quote to a match inside it


def _quoted_from_someone_else(ctx: _Context, start: int) -> bool:
    """Is the match inside a quote opened right after someone else speaks
    ("she texted 'I don't want to be here anymore'")?"""
    speech = ctx.lexicon.cues.get("reported_speech")
    if speech is None:
        return False
    text = ctx.text
    sentence_start, _ = ctx.whole_sentence(start, start)
    own = ctx.lexicon.cues.get("own_writing")
    for said in speech.finditer(text, max(sentence_start, start - _QUOTE_REACH - 30), start):
        # The writer's own note or text speaking ("the letter I left on the table says
        # '...'"; stop 40) is the writer.
        if own and own.search(text, max(sentence_start, said.start() - 40), said.end()):
            continue
        opening = said.end()
        while opening < start and text[opening] in " :,":
            opening += 1
        if opening < start and text[opening] in "\"'" and start - opening <= _QUOTE_REACH:
            return True
    return _spoken_by_someone_else(ctx, start, sentence_start)


_SPEAKER_REACH = 120  # characters before an opening quote searched for who speaks


def _spoken_by_someone_else(ctx: _Context, start: int, sentence_start: int) -> bool:
    """Is the match inside a double quote of its sentence whose speaker is someone else: the
    nearest person before the last word of speech ahead of the quote (said, told, texted,
    "who", a status; cue quote_speaker) is not the writer ("my 6 year old told me today "I
    want to die""; "her neighbour who "wants to die""; stop 49)? "I told my mom "I want to
    die"" is the writer's own: its nearest person is "I"."""
    cues = ctx.lexicon.cues
    speaker = cues.get("quote_speaker")
    if speaker is None:
        return False
    text = ctx.text
    # Counted in C, not walked: a 40,000-character entry with no full stop is one sentence.
    if text.count('"', sentence_start, start) % 2 == 0:
        return False
    opening = text.rfind('"', sentence_start, start)
    if start - opening > _QUOTE_REACH:
        return False
    last = None
    for last in speaker.finditer(text, max(sentence_start, opening - _SPEAKER_REACH), opening):  # noqa: B007
        pass
    if last is None:
        return False
    head = text[max(sentence_start, opening - _SPEAKER_REACH) : last.start()]
    nearest_first = max((m.end() for m in cues["first_person"].finditer(head)), default=-1)
    nearest_third = max((m.end() for m in cues["third_party"].finditer(head)), default=-1)
    return nearest_third > nearest_first


def _joined_in(ctx: _Context, end: int) -> bool:
    """Does the writer join in after the match, in the rest of its sentence or opening the
    next ("Neither can I.", "Me too.", "Yo tampoco.")? Stop 40."""
    joined = ctx.lexicon.cues.get("joined_in")
    if joined is None:
        return False
    # Within the reach of the match's sentence, as every check: an entry written without
    # full stops would be searched to its end from every match.
    _, sentence_end = ctx.sentence(end, end)
    return bool(
        joined.search(ctx.text, end, sentence_end)
        # A closing quote may open the next sentence ('... die." and I said "me too."').
        or joined.match(ctx.next_sentence(sentence_end).lstrip().lstrip('"').lstrip())
    )


_SONG_REACH = 60  # characters from a song named to a match in its words


def _sung(ctx: _Context, start: int) -> bool:
    """Is the match a song's words, the song named right before it in its sentence ("that
    song that goes I want to die in your arms"; "una canción que dice quiero morir en tus
    brazos"; stop 40)? A lyric says "I", so the story cue cannot tell; the writer's own
    words after it ("... and I want to die too") are the writer's."""
    cues = ctx.lexicon.cues
    song = cues.get("song_named")
    if song is None:
        return False
    sentence_start, _ = ctx.whole_sentence(start, start)
    named = None
    for named in song.finditer(ctx.text, max(sentence_start, start - _SONG_REACH - 40), start):  # noqa: B007
        pass
    if named is None or start - named.end() > _SONG_REACH:
        return False
    own = cues.get("own_words_after_song")
    return not (own and own.search(ctx.text, named.end(), start))


def _idiom_undone(ctx: _Context, sentence_start: int, sentence_end: int) -> bool:
    """Does the writer say the idiom is not one this time, in its sentence or the next
    ("I always joke I'd rather be dead than do another audit. Today it didn't feel like
    a joke."; "no es de esas veces que digo que me quiero morir por el calor. Es de
    verdad.")? Stop 32."""
    undone = ctx.lexicon.cues.get("idiom_undone")
    if undone is None:
        return False
    # The same for every idiom of the sentence: read once (a 40,000-character entry with no
    # full stop is one sentence, and searched whole for each of its idioms it took seconds).
    key = (sentence_start, sentence_end)
    if key not in ctx.idiom_undone:
        ctx.idiom_undone[key] = _idiom_undone_in(ctx, undone, sentence_start, sentence_end)
    return ctx.idiom_undone[key]


def _idiom_undone_in(ctx: _Context, undone: re.Pattern, sentence_start: int, sentence_end: int):
    following = ctx.next_sentence(sentence_end)
    if len(following.strip()) < _AN_AFTERTHOUGHT:
        # A laugh or a word on its own ("Ha.", "Lol.", "Anyway.") is no sentence to read the
        # idiom by: the one after it counts too (stop 41: "I'm going to jump out the window
        # if this meeting runs over. Ha. Except I'm on the 14th floor ...").
        following = ctx.text[slice(*ctx.sentences_after(sentence_end, 2))]
    return bool(undone.search(ctx.text, sentence_start, sentence_end) or undone.search(following))


_AN_AFTERTHOUGHT = 12  # characters: a sentence shorter than this is a laugh or a word


def _threat_meant(ctx: _Context, rule: Rule) -> bool:
    """Does the entry anywhere say that a threat to someone else is meant (a weapon, "I mean
    it", knowing where the person lives)? Then no idiom hides the threat: "I'll kill him if
    he touches my stuff again. The knife is in my pocket." Stop 41."""
    if rule.category != "harm_others":
        return False
    if ctx._threat_meant is None:  # looked for once per entry
        meant = ctx.lexicon.cues.get("threat_meant")
        ctx._threat_meant = meant is not None and bool(meant.search(ctx.text))
    return ctx._threat_meant


def _told_as_thought(ctx: _Context, start: int, end: int) -> bool:
    """Do the match or the 40 characters before it tell a thought, an urge or a fear of doing
    it (cue threat_thought), never a threat said?"""
    thought = ctx.lexicon.cues.get("threat_thought")
    return bool(thought and thought.search(ctx.text, max(0, start - 40), end))


def _threat_over_grievance(ctx: _Context, start: int, end: int, rule: Rule) -> bool:
    """Is this a threat said (to kill, strangle, poison...), not a thought or a fear, with an
    everyday grievance or a softener within 120 characters of it ("i swear im going to
    strangle my sister. she used my good straightener"), in an entry that nowhere says the
    threat is meant? Stop 41 (SHIP_RULES.md, third entry)."""
    cues = ctx.lexicon.cues
    said, thought, near = (cues.get(n) for n in ("threat_said", "threat_thought", "grievance_near"))
    text = ctx.text
    if said is None or thought is None or near is None or not said.search(text, start, end):
        return False
    if thought.search(text, max(0, start - 40), end):
        return False
    if not _grievance_beside(ctx, near, start, end):
        return False
    return not _threat_meant(ctx, rule)


# Stop 50 (second entry): or opens with a reason; and after a threat said in Spanish, with the
# verb alone, as Spanish drops the pronoun ("Voy a matar a mi hermano. Se comió el pastel"),
# never after one said in English ("I want to kill my ex. Se comió mis galletas.").
_REFERS_BACK = re.compile(
    r"(he|she|they|he's|she's|they're|they've|it|el|ella|ellos|ellas"
    r"|because|cause|'cause|bc|porque)\b"
)
_REFERS_BACK_IN_SPANISH = re.compile(r"(se|le|encima)\b")
_SAID_IN_SPANISH = re.compile(
    r"\b(voy|vamos|va|matar|matarlo|matarla|ahorcar|estrangular|partir|romper)\b"
)
_PRONOUN_VICTIM = re.compile(r"\b(him|her|them|lo|la|los|las)\s*$")
_GRIEVANCE_REACH = 120  # characters either side of the threat


def _grievance_beside(ctx: _Context, near: re.Pattern, start: int, end: int) -> bool:
    """Is the grievance told about the threatened person, beside the threat: in its sentence,
    in the next one if that opens by referring back ("... strangle my sister. She used my
    straightener"), or in the one before if the threat refers back ("My roommate ate my
    leftovers. I'll kill him")? Never a sentence about someone or something else beside it
    ("I want to kill my ex. My brother borrowed my car again."; stop 41)."""
    text = ctx.text
    sentence_start, sentence_end = ctx.whole_sentence(start, end)
    low, high = max(0, start - _GRIEVANCE_REACH), min(len(text), end + _GRIEVANCE_REACH)
    if near.search(text, max(low, sentence_start), min(high, sentence_end)):
        return True
    following = ctx.next_sentence(sentence_end)
    opening = following.lstrip()
    refers_back = _REFERS_BACK.match(opening) or (
        _REFERS_BACK_IN_SPANISH.match(opening) and _SAID_IN_SPANISH.search(text, start, end)
    )
    if refers_back and near.search(following[:_GRIEVANCE_REACH]):
        return True
    if _PRONOUN_VICTIM.search(text[start:end]) and sentence_start > 0:
        before_start, _ = ctx.whole_sentence(max(0, sentence_start - 2), max(0, sentence_start - 1))
        return bool(near.search(text, max(low, before_start), sentence_start))
    return False


_FIRST_PERSON_LEAD = re.compile(r"(i|yo)\s+", re.IGNORECASE)


def _answered_yes(ctx: _Context, end: int, sentence_end: int) -> bool:
    """Is a reported question answered yes in the rest of its sentence, and not
    about the past ("I said yes, years ago")? A yes about the past stays an answer
    to a question, judged as before."""
    cues = ctx.lexicon.cues
    yes = cues.get("answered_yes")
    found = yes.search(ctx.text, end, sentence_end) if yes else None
    if found is None and yes is not None:
        # The answer opening the next sentence ("Question 9 asks about being better
        # off dead. I ticked nearly every day."), stop 32.
        following = ctx.next_sentence(sentence_end).lstrip()
        lead = _FIRST_PERSON_LEAD.match(following)
        opening = yes.match(following, lead.end() if lead else 0)
        return opening is not None and not cues["history"].search(following, opening.end())
    return found is not None and not cues["history"].search(ctx.text, found.end(), sentence_end)


def _asked_and_denied(
    ctx: _Context, sentence_start: int, clause_start: int, start: int, end: int, sentence_end: int
) -> bool:
    """Was a question asked earlier in the sentence, its topics listed after a
    comma ("she asked the standard questions, any thoughts of suicide, any plans,
    and I said not for years"), and answered no after the match?

    Without the "no" the words stay the patient's: a question before a comma is
    too far away to lower anything on its own. A "yes" or a turn back to it ("I
    said no, but the thoughts are there") keeps the match."""
    cues = ctx.lexicon.cues
    text = ctx.text
    # Up to the match, not the clause: a question may run over the comma that opens the
    # match's clause ("asked the usual, if I have thoughts of suicide"; stop 43).
    if clause_start <= sentence_start or not cues["question"].search(text, sentence_start, start):
        return False
    return _answered_no(ctx, end, sentence_end) and not _answered_yes(ctx, end, sentence_end)


# How far back a screening named before an item may be ("she went through the whole
# screening: ... Hearing voices, no."): a few sentences of a list.
SCREENING_REACH = 600


def _screening_item_denied(ctx: _Context, start: int, end: int, sentence_end: int) -> bool:
    """Is the match an item of a screening the entry named shortly before it, answered
    no at the very end of its own sentence ("She went through the whole screening: any
    thoughts of harming yourself or others, no. Hearing voices or seeing things others
    don't, no."), and the answer nowhere after it called a lie or turned back?

    Without a screening named before it, a sentence ending ", no." stays the patient's
    own ("would anyone even miss me, no.")."""
    cues = ctx.lexicon.cues
    screening, item_no = cues.get("screening_named"), cues.get("item_answered_no")
    if screening is None or item_no is None:
        return False
    if screening.search(ctx.text, max(0, start - SCREENING_REACH), start) is None:
        return False
    answer = item_no.search(ctx.text, end, sentence_end)
    if answer is None:
        # Stop 54: or the items named one after another, then all answered at once as the whole
        # next sentence ("... the one about suicide and self harm. Zeros on all of those.").
        answer = _all_answered_no_next(ctx, start, end)
    elif _turned(ctx, answer.end(), sentence_end):
        return False
    if answer is None:
        return False
    retracted = cues.get("answer_retracted")
    return not (retracted and retracted.search(ctx.text, end))


def _all_answered_no_next(ctx: _Context, start: int, end: int) -> re.Match | None:
    """The next sentence, when all of it says every item was answered no or zero ("Todo en
    cero."; "Zeros on all of those."; cue screening_all_no_next)."""
    all_no = ctx.lexicon.cues.get("screening_all_no_next")
    if all_no is None:
        return None
    _, whole_end = ctx.whole_sentence(start, end)
    next_start = _NEXT_SENTENCE.match(ctx.text, whole_end).end()
    if next_start <= whole_end:
        return None
    return all_no.match(ctx.text, next_start)


def _direct_question_denied(ctx: _Context, start: int, end: int, sentence_end: int) -> bool:
    """Is the match inside a question put to the patient about thoughts, plans or urges,
    written as asked ("Any plans to hurt anyone? No."; "¿Has tenido ideas de hacerte
    daño? No."; after a colon: "asked the usual: any thoughts of suicide? No."), and
    answered no as the whole next sentence, the answer nowhere after it turned back or
    called a lie (stop 39)?

    The writer's own questions ("Any point in living? No.", "Do I want to die?") are
    not put to the patient: the cue names what a clinician asks, never "I"."""
    cues = ctx.lexicon.cues
    asked = cues.get("direct_question")
    if asked is None or not ctx.text.startswith("?", sentence_end):
        return False
    sentence_start, _ = ctx.whole_sentence(start, end)
    # The question opens the sentence, or follows a colon in it ("Nurse asked the usual:
    # any thoughts of suicide, self harm? No, no, no."; stop 40).
    opened = ctx.text.rfind(":", sentence_start, start) + 1 or sentence_start
    question = ctx.text[opened:sentence_end]
    if asked.match(question.lstrip(" ¿")) is None:
        return False
    if not _answered_no(ctx, end, sentence_end):
        return False
    retracted = cues.get("answer_retracted")
    return not (retracted and retracted.search(ctx.text, end))


def _turned_after_answer(ctx: _Context, sentence_end: int) -> bool:
    """Does the sentence after a one-sentence answer open with a turn that points back at
    what was denied ("Do I want to die? No. But some days yes."; "No. Well, sometimes."),
    or say the answer was a lie? Stricter than `_taken_back_after_answer`: it keeps a
    finding that would otherwise be dropped, so a next question ("Any thoughts racing?")
    or an unrelated "want" is not enough (stop 39)."""
    cues = ctx.lexicon.cues
    j = bisect_left(ctx.break_starts, sentence_end)
    if j + 1 >= len(ctx.break_starts) or ctx.break_starts[j] != sentence_end:
        return False
    after = ctx.next_sentence(ctx.break_starts[j + 1]).lstrip()
    opening = cues["turn"].match(after) or _WELL.match(after)
    retracted = cues.get("answer_retracted")
    return bool(
        (opening and cues["turn_back"].search(after, opening.end()))
        or (retracted and retracted.search(after))
    )


# Written folded, as the text is ("well" reads "wel", "actually" "actualy").
_WELL = re.compile(r"(wel|ok|okay|bueno|honestly|actualy|en realidad)\b[ ,]*")


def _taken_back_after_answer(ctx: _Context, sentence_end: int) -> bool:
    """Does the sentence after a one-sentence answer take it back ("Any plans to hurt
    him? No. Well, sometimes."; "Said no. I lied, I think about it daily.")?"""
    cues = ctx.lexicon.cues
    j = bisect_left(ctx.break_starts, sentence_end)
    if j + 1 >= len(ctx.break_starts) or ctx.break_starts[j] != sentence_end:
        return False
    after = ctx.next_sentence(ctx.break_starts[j + 1]).lstrip()
    retracted = cues.get("answer_retracted")
    return bool(
        cues["turn"].match(after)
        or cues["turn_back"].search(after)
        or (retracted and retracted.search(after))
    )


def _rated_none(
    ctx: _Context, sentence_start: int, start: int, end: int, sentence_end: int
) -> bool:
    """Was a rating or a questionnaire's item asked about earlier in the sentence and
    answered none ("asked me to rate my suicidal thoughts. I said zero"; "Question 9,
    ... I ticked not at all"), not taken back?"""
    rating = ctx.lexicon.cues.get("rating_question")
    return bool(
        rating
        and rating.search(ctx.text, sentence_start, start)
        and _answered_no(ctx, end, sentence_end)
    )


def _answered_no(ctx: _Context, end: int, sentence_end: int) -> bool:
    """Is a reported question answered no after the match, and the "no" not taken
    back: by a turn after it that points back at the thing ("I said no, but the
    urges are there"; not "it's still no") or by saying it was a lie?"""
    cues = ctx.lexicon.cues
    no = cues["answered_no"].search(ctx.text, end, sentence_end)
    if no is None:
        # The answer given as the next sentence, whole ("...any thoughts of self
        # harm since starting. Honest answer: no, none at all."), and not turned.
        following = ctx.next_sentence(sentence_end).lstrip()
        answer = cues.get("answered_no_next")
        return bool(
            answer
            and answer.match(following)
            and not cues["turn"].search(following)
            and not _retracted(ctx, end, sentence_end)
            and not _taken_back_after_answer(ctx, sentence_end)
        )
    return not _turned(ctx, no.end(), sentence_end) and not _retracted(ctx, end, sentence_end)


def _accidental(ctx: _Context, start: int, end: int, clause_start: int, clause_end: int) -> bool:
    """Is the match's clause told as an accident, or its sentence said to be one
    ("me quemé el brazo con la plancha del pelo, un accidente tonto"), with nothing
    in its sentence saying it was meant?"""
    cues = ctx.lexicon.cues
    accident = cues.get("accident")
    said = cues.get("accident_said")
    sentence = ctx.whole_sentence(start, end)
    if not (
        (accident and accident.search(ctx.text, clause_start, clause_end))
        or (said and said.search(ctx.text, *sentence))
    ):
        return False
    meant = cues.get("on_purpose")
    return not (meant and meant.search(ctx.text, *sentence))


def _in_a_story(ctx: _Context, clause_start: int, start: int) -> bool:
    """Does the clause open a story, film or game before the match, with no
    first person between it and the match?"""
    cues = ctx.lexicon.cues
    fiction = cues.get("fiction")
    if fiction is None:
        return False
    last = None
    for last in fiction.finditer(ctx.text, clause_start, start):  # noqa: B007 (the last one)
        pass
    return last is not None and not cues["first_person"].search(ctx.text, last.end(), start)


def _dreamt(ctx: _Context, start: int, end: int) -> bool:
    """Is the match's sentence told as a dream, with nothing saying it went on awake?"""
    cues = ctx.lexicon.cues
    dream = cues.get("dream")
    if dream is None:
        return False
    sentence = ctx.whole_sentence(start, end)
    if not dream.search(ctx.text, *sentence):
        return False
    awake = cues.get("awake")
    return not (awake and awake.search(ctx.text, *sentence))


def _reassured(ctx: _Context, end: int, sentence_end: int) -> bool:
    """Does the writer explain a denial right after it as plain sadness, venting or an
    errand (cue `reassured`, within a few words of the match, in its sentence)?"""
    reassured = ctx.lexicon.cues.get("reassured")
    if reassured is None:
        return False
    found = reassured.search(ctx.text, end, sentence_end)
    return found is not None and found.start() - end <= _REASSURED_REACH


def _retracted(ctx: _Context, end: int, sentence_end: int) -> bool:
    """Is a "no" answer taken back in the rest of its sentence or the next one
    ("le dije que no. Mentí.")?"""
    retracted = ctx.lexicon.cues.get("answer_retracted")
    if retracted is None:
        return False
    return bool(
        retracted.search(ctx.text, end, sentence_end)
        or retracted.search(ctx.next_sentence(sentence_end))
    )


def _called_a_lie(ctx: _Context, end: int, sentence_end: int) -> bool:
    """Does the entry call the denial or the answer a lie, in the rest of the match's
    sentence or the next two ("I said no. That was a lie."; "I always tick no. The honest
    answer is yes.")? Stop 40."""
    retracted = ctx.lexicon.cues.get("answer_retracted")
    if retracted is None:
        return False
    _, reach = ctx.sentences_after(sentence_end, 2)
    reach = min(reach, sentence_end + 2 * ctx.lexicon.context_chars)
    # "jaja mentira" is "just kidding", a joke, not a lie owned up to.
    return any(
        not _LAUGH_BEFORE.search(ctx.text, max(0, lie.start() - 10), lie.start())
        for lie in retracted.finditer(ctx.text, end, reach)
    )


_LAUGH_BEFORE = re.compile(r"(ja|je|ha|lol|lmao|xd|jk)\W*$")


def _carries(cues, text: str, sentence_start: int, clause_start: int) -> bool:
    """Does the clause open with a word that gives the reason for the clause
    before it ("... ago I was on the ward because I wanted to die")?"""
    carries = cues.get("history_carries")
    if carries is None or clause_start <= sentence_start:
        return False
    word = carries.search(text, max(sentence_start, clause_start - 10), clause_start)
    return word is not None and not text[word.end() : clause_start].strip()


def _joking(ctx: _Context, sentence_start: int, sentence_end: int, start: int) -> bool:
    """Is the match's sentence marked as a joke ("lol", "jk", a laughing emoji), or
    followed by a short one that is only that, and the joke not taken back after it, in
    that sentence or the next two ("lol. not joking."; stop 39)? A laugh in an earlier
    clause of the sentence, a clause break between it and the match, marks that clause
    only ("Lol the bus was late again, and I'm going to stab him."; stop 48)."""
    joke = ctx.lexicon.cues["joke"]
    breaks = ctx.lexicon.cues["clause_break"]
    following = ctx.next_sentence(sentence_end)
    # The sentence's laughs, found once for all its matches (a 40,000-character entry with no
    # full stop is one sentence).
    key = (sentence_start, sentence_end)
    if key not in ctx.laughs:
        ctx.laughs[key] = [found.end() for found in joke.finditer(ctx.text, *key)]
    marked = any(_laugh_reaches(ctx, breaks, end, start) for end in ctx.laughs[key])
    if not (
        marked
        or (len(_TOKEN.findall(following)) <= 3 and joke.search(following))
        or _TAKEN_BACK_AT_ONCE.match(following.lstrip())
    ):
        return False
    undone = ctx.lexicon.cues.get("joke_undone")
    if undone is None:
        return True
    _, reach = ctx.sentences_after(sentence_end, 2)
    return undone.search(ctx.text, sentence_start, reach) is None


# Stop 50 (second entry): the next sentence opening by saying it was a joke, whatever follows
# ("I'm going to murder her. jk she's staying over tonight"). Never a laugh alone there ("Haha
# my cat knocked the plant over" is about something else).
# Squeezed as the lexicon's patterns are (stop 52): the text is read with doubled letters
# folded ("kidding" is "kiding"), so written plainly "just kidding" was never found.
_TAKEN_BACK_AT_ONCE = re.compile(
    squeeze_pattern(
        r"(jk|j/k|just kidding|kidding|(lol|haha|jaja) jk|es broma|solo bromeo|bromeo|nah jk)\b"
        # Stop 51 (first entry): or a bracket that opens by taking it back ("I'm going to
        # murder him. (I'm not, he's 4.)"); never "(I'm not kidding)".
        r"|\((i'?m|im) not|\((not really|obviously not|of course not|i won'?t|i wouldn'?t)\b"
        r"(?!\s*(kidding|joking|bromeando))"
    )
)


def _laugh_reaches(ctx: _Context, breaks: re.Pattern, laugh_end: int, start: int) -> bool:
    """Does a laugh in the match's sentence mark the match? Not from an earlier clause, a
    clause break between them (stop 48: "Lol the bus was late again, and I'm going to stab
    him."). A laugh after the match marks it, in whatever clause: "lo voy a matar, my husband
    ate the last empanada lol" is the vent it says it is (stop 48's twelfth entry tried
    otherwise and flagged three such vents)."""
    if laugh_end <= start:
        return breaks.search(ctx.text, laugh_end, start) is None
    return True


def _figurative(ctx: _Context, sentence_start: int, sentence_end: int) -> bool:
    """Does the writer say the words were not meant literally, in their sentence or
    at the start of the next ("Me quiero morir. Bueno, no literal, pero qué rabia")?"""
    figurative = ctx.lexicon.cues.get("figurative")
    if figurative is None:
        return False
    if figurative.search(ctx.text, sentence_start, sentence_end):
        return True
    opening = " ".join(_TOKEN.findall(ctx.next_sentence(sentence_end))[:4])
    return bool(figurative.search(opening))


def _coped(ctx: _Context, end: int, sentence_end: int) -> bool:
    coped = ctx.lexicon.cues.get("coped")
    if coped is None:
        return False
    # "I don't have the strength to fight it", "no pude contestarle": no coping.
    undone = ctx.lexicon.cues.get("coping_failed") or ctx.lexicon.cues["resolution_negated"]
    for scope in (ctx.text[end:sentence_end], ctx.next_sentence(sentence_end)):
        for hit in coped.finditer(scope):
            if not undone.search(scope[max(0, hit.start() - 40) : hit.start()]):
                return True
    return False


# How far after a denied match its explanation may start ("..., Mum, I'm just going on a
# motorbike course"): a few words, so a later "just" is about something else.
_REASSURED_REACH = 40

# "All fine." after a symptom is about it (stop 30: "felt faint ... All fine."). Stop 54: so
# is a next sentence that says what it "turned out" to be, or "eran gases" in Spanish.
_GOES_ON = re.compile(
    r"\s*(?:it|that|this|then|which|but it|they|all (?:fine|good|ok|okay|well)"
    r"|(?:it )?turned out|resulta que|resulto|eran|era)\b"
)


def _resolution(cues, scopes: list[str]) -> str | None:
    """ "cleared", "resolution" or None: the first un-negated cue in `scopes`."""
    for scope in scopes:
        for cue_name in ("cleared", "resolution"):
            for hit in cues[cue_name].finditer(scope):
                lead = scope[max(0, hit.start() - 24) : hit.start()]
                if not cues["resolution_negated"].search(lead):
                    return cue_name
    return None


# Words that may stand before a next sentence's opening turn and still let it take a denial
# back ("No, but...", "Honestly, still..."); the text is already folded to lower case.
_ANSWER_WORDS = frozenset(
    {
        "no",
        "nope",
        "nah",
        "not",
        "really",
        "yes",
        "yeah",
        "ok",
        "okay",
        "well",
        "honestly",
        "and",
        "so",
    }
)


def _turned(ctx: _Context, cue_at: int, sentence_end: int) -> bool:
    """Does the sentence turn after a denial, in a way that takes it back?

    "No thoughts of self-harm, but the urges are there" turns; "I've never
    self-harmed, but I understand why people do" does not: the words after the
    turn must point back at what was denied (the lexicon's turn_back cue). A
    next sentence that opens with a turn counts too."""
    cues = ctx.lexicon.cues
    text = ctx.text
    candidates = []
    turn = cues["turn"].search(text, cue_at, sentence_end)
    if turn:
        candidates.append(text[turn.start() : sentence_end])
    following = ctx.next_sentence(sentence_end).lstrip()
    opening = cues["turn"].search(following)
    # The next sentence opens with a turn, or with a one- or two-word answer and then
    # one ("No, but the urges are there."). Only an answer: in "Sleep still patchy" the
    # "still" is about the sleep (stop 38).
    before = (
        [word.strip(",.;:!?-") for word in following[: opening.start()].split()] if opening else []
    )
    if opening and len(before) <= 2 and all(word in _ANSWER_WORDS for word in before):
        candidates.append(following[opening.start() :])
    return any(cues["turn_back"].search(after) for after in candidates)


def _combine(category: Category, signs: set[str], ctx: _Context) -> str | None:
    for step in category.combine:
        if len(signs) < step.min_signs:
            continue
        if step.any_of and not (signs & step.any_of):
            continue
        if step.context and not ctx.context(step.context):
            continue
        return step.severity
    return None


def _candidates(
    folded: str, lexicon: Lexicon
) -> tuple[list[tuple[int, int, Rule]], list[tuple[int, int, Rule]]]:
    """Per category, the leftmost non-overlapping matches, at one place the
    first alternative (most severe first) that matches: what one big
    alternation per category scanned with finditer gives, but trying only the
    alternatives that can start with the words found there. Second, the matches
    skipped because they start inside a kept one of their category: judged only
    if that one is dropped (stop 48)."""
    hits = []  # (start, end, rule, place in lexicon.alternatives)
    if lexicon.trigger is not None:
        dispatch = lexicon.dispatch
        for found in lexicon.trigger.finditer(folded):
            # The longest key found here (its scanners include those of the
            # shorter keys it begins with).
            position = found.start()
            for scanner in dispatch[found.group(1)]:
                hit = scanner.match(folded, position)
                if hit:
                    end, rule, place = hit
                    hits.append((position, end, rule, place))
    for scanner in lexicon.fallback:
        # (A fallback match may start anywhere: each start is tried, as above.)
        position = 0
        while (found := scanner.search(folded, position)) is not None:
            hits.append(found)
            position = found[0] + 1
    if not hits:
        return [], []
    hits.sort(key=lambda h: (h[2].category, h[0], h[3]))
    kept, skipped, category, reach, at = [], [], None, -1, -1
    for start, end, rule, _ in hits:
        if rule.category != category:
            category, reach, at = rule.category, -1, -1
        if start >= reach:
            kept.append((start, end, rule))
            reach, at = end, start
        elif start > at:
            skipped.append((start, end, rule))
    return kept, skipped


def _judged_inside_dropped(ctx, judged: list, skipped: list[tuple[int, int, Rule]]) -> list:
    """The skipped matches that start inside a denied one of their category, judged in its
    place, leftmost first and not overlapping each other or a match that stands (stop 48: "I
    wasn't stung by anything, but my throat is closing." was one long medical match, denied,
    over the closing throat that alerts alone). A match the same denial reaches is denied with
    it ("no thoughts of ending my life" denies "ending my life" too, which alone a denial only
    lowers); inside a match dropped for any other reason (an idiom, an explanation, the past,
    someone else) nothing is judged again."""
    dropped = [(j[0], j[1], j[2].category) for j in judged if j[5] == "denied"]
    if not dropped or not skipped:
        return []
    standing = {}
    for j in judged:
        if j[5] is None:
            standing.setdefault(j[2].category, []).append((j[0], j[1]))
    added, reach = [], {}
    for start, end, rule in sorted(skipped, key=lambda h: (h[2].category, h[0])):
        category = rule.category
        if not any(c == category and s <= start < e for s, e, c in dropped):
            continue
        if start < reach.get(category, -1):
            continue
        if any(s < end and start < e for s, e in standing.get(category, ())):
            continue
        severity, negated, why = _judge(ctx, start, end, rule)
        if negated and why is None:
            why = "denied"
        added.append([start, end, rule, severity, negated, why])
        reach[category] = end
    return added


def crisis_matches(text: str, lexicon: Lexicon, *, include_dropped: bool = False) -> list[Match]:
    """Every crisis-language match in `text`, in order of position.

    Each carries its category, severity, rule id, original offsets and whether
    it was negated. Dropped candidates (idioms, clear denials, history, someone
    else, resolved symptoms, too few signs) are left out unless
    `include_dropped`, when they come back with `dropped` set to the reason."""
    if not text:
        return []
    normalized = normalize(text)
    folded = normalized.text
    candidates, skipped = _candidates(folded, lexicon)
    if not candidates:
        return []
    ctx = _Context(folded, lexicon, candidates)
    judged = []
    for start, end, rule in candidates:
        severity, negated, dropped = _judge(ctx, start, end, rule)
        judged.append([start, end, rule, severity, negated, dropped])
    judged += _judged_inside_dropped(ctx, judged, skipped)

    # Categories of signs: enough distinct signs, or nothing.
    for category in lexicon.categories.values():
        if not category.combine:
            continue
        entries = [j for j in judged if j[2].category == category.name and j[2].sign]
        if not entries:
            continue
        signs = {j[2].sign for j in entries if j[5] is None and not j[4]}
        severity = _combine(category, signs, ctx)
        for entry in entries:
            if entry[5] is not None:
                continue
            if entry[4]:
                entry[5] = "denied"
            elif severity is None:
                entry[5] = "too few signs"
            else:
                entry[3] = severity

    # Read on the words as written, accents and all (stop 40): "me mató" is "it killed me",
    # a figure of speech, where the folded "me mato" reads "I kill myself".
    as_written = lexicon.cues.get("written_figure")
    matches = []
    for start, end, rule, severity, negated, dropped in judged:
        original_start, original_end = normalized.original_span(start, end)
        # Its lookbehinds see the words before the match ("casi me mató" stays).
        if dropped is None and as_written and as_written.search(text, original_start, original_end):
            dropped = "idiom"
        if dropped and not include_dropped:
            continue
        matches.append(
            Match(
                start=original_start,
                end=original_end,
                matched=text[original_start:original_end],
                term=rule.id,
                category=rule.category,
                severity=severity,
                negated=negated,
                dropped=dropped,
            )
        )
    matches.sort(key=lambda m: (m.start, m.end, m.term))
    return matches


def second_reading_below(matches, lexicon: Lexicon, *, text: str = "") -> float | None:
    """Below what score of the readers (the whole entry) these matches are lowered to
    the digest, or None when they never are. Only when every kept same-day match is of
    a category the lexicon lists under settings.second_reading (medical, panic, passive
    wishes, psychosis: words the rules cannot tell from an emergency already checked
    and cleared, or from a figure of speech); a mix takes the lowest threshold.
    Suicidal intent, self-harm, overdose and the others are never lowered: the readers
    score some explicit ones near zero."""
    thresholds = lexicon.second_reading_below
    same_day = [
        m for m in matches if not m.dropped and m.severity in (Severity.CRITICAL, Severity.HIGH)
    ]
    if not same_day or any(m.category not in thresholds for m in same_day):
        return None
    if any(m.rule in lexicon.second_reading_never for m in same_day):
        return None
    if _takes_back(text, lexicon):
        return None
    return min(thresholds[m.category] for m in same_day)


def _takes_back(text: str, lexicon: Lexicon) -> bool:
    """Whether the entry takes back a joke or a figure of speech anywhere
    (settings.second_reading.never_cues): then neither score lowers its finding."""
    if not text or not lexicon.second_reading_never_cues:
        return False
    folded = normalize(text).text
    return any(
        lexicon.cues[name].search(folded) is not None
        for name in lexicon.second_reading_never_cues
        if name in lexicon.cues
    )


def second_reading_sum_below(matches, lexicon: Lexicon, *, text: str = "") -> float | None:
    """Below what sum of the readers and the phrase reader (log-odds) these matches are
    lowered to the digest, or None: the same judgment as ``second_reading_below`` on the
    layer's sum (stop 34), for the categories under settings.second_reading.sum_below; a
    mix takes the lowest, and a category without one keeps the whole finding from it."""
    if second_reading_below(matches, lexicon, text=text) is None:
        return None
    thresholds = lexicon.second_reading_sum_below
    same_day = [
        m for m in matches if not m.dropped and m.severity in (Severity.CRITICAL, Severity.HIGH)
    ]
    if any(m.category not in thresholds for m in same_day):
        return None
    return min(thresholds[m.category] for m in same_day)


def highest_severity(matches) -> str | None:
    """The worst severity among kept matches, or None."""
    kept = [m.severity for m in matches if not m.dropped]
    if not kept:
        return None
    return max(kept, key=lambda severity: Severity.ORDER[severity])


__all__ = [
    "second_reading_below",
    "second_reading_sum_below",
    "Lexicon",
    "Match",
    "compile_lexicon",
    "crisis_matches",
    "highest_severity",
    "lower",
    "normalize",
]
