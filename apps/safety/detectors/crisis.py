"""Crisis language in free text: a first, small lexicon detector.

Pure: it takes the text and a compiled lexicon and returns Spans. The lexicon
is data (fixtures/crisis_lexicon.yaml) so a clinician can read and change it.
"""

import re
from dataclasses import dataclass

from .findings import Span

_SENTENCE_END = re.compile(r"[.!?;\n]+")


@dataclass(frozen=True)
class Lexicon:
    terms: tuple[tuple[str, str, re.Pattern], ...]  # (id, category, pattern)
    idioms: tuple[re.Pattern, ...]
    denial: re.Pattern
    turn: re.Pattern
    history: re.Pattern


def compile_lexicon(data: dict) -> Lexicon:
    flags = re.IGNORECASE
    return Lexicon(
        terms=tuple(
            (term["id"], term["category"], re.compile(term["pattern"], flags))
            for term in data["terms"]
        ),
        idioms=tuple(re.compile(p, flags) for p in data.get("idioms", [])),
        denial=re.compile(data["denials"], flags),
        turn=re.compile(data["turns"], flags),
        history=re.compile(data["history"], flags),
    )


def _sentence_bounds(text: str, position: int) -> tuple[int, int]:
    start = 0
    for boundary in _SENTENCE_END.finditer(text, 0, position):
        start = boundary.end()
    following = _SENTENCE_END.search(text, position)
    return start, following.start() if following else len(text)


def _inside_idiom(lexicon: Lexicon, text: str, start: int, end: int) -> bool:
    return any(
        idiom_match.start() <= start and end <= idiom_match.end()
        for idiom in lexicon.idioms
        for idiom_match in idiom.finditer(text)
    )


def _is_denied(lexicon: Lexicon, text: str, start: int) -> bool:
    sentence_start, sentence_end = _sentence_bounds(text, start)
    sentence = text[sentence_start:sentence_end]
    if lexicon.turn.search(sentence) and not lexicon.history.search(sentence):
        # "I'm not going to act on it but the thoughts are constant": a turn
        # keeps the alert, whatever was denied before it.
        return False
    before = text[sentence_start:start]
    return bool(lexicon.denial.search(before) or lexicon.history.search(before))


def crisis_spans(text: str, lexicon: Lexicon) -> list[Span]:
    """Every crisis-language match in `text`, in order, with idioms and clear
    denials left out."""
    if not text:
        return []
    spans = []
    for term_id, category, pattern in lexicon.terms:
        for match in pattern.finditer(text):
            start, end = match.span()
            if _inside_idiom(lexicon, text, start, end) or _is_denied(lexicon, text, start):
                continue
            spans.append(Span(start, end, match.group(0), term_id, category))
    spans.sort(key=lambda span: (span.start, span.end))
    return spans
