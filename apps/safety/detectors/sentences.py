"""Where the sentences of a journal entry begin and end.

Pure: plain strings in, offsets into the ORIGINAL text out; no Django. One splitter
for Trellis, shared by the semantic layer (which scores sentences and their
neighbours) and by the clinician's pages (which highlight the sentence a finding
came from), so the sentence a clinician is shown is the one the detector read.

A sentence ends at ``. ! ? …`` (any run of them, with closing quotes or brackets)
before white space or an opening Spanish mark, and at every line break. A sentence
longer than ``MAX_SENTENCE`` characters is cut at a comma, a semicolon or a space:
a pasted text without full stops would otherwise be one "sentence", and
highlighting it would tell the clinician nothing.

Never raises on any string; offsets are always valid (0 <= start < end <= len).
"""

import re
from bisect import bisect_right

_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|[¿¡]|$)|\n+")
MAX_SENTENCE = 240  # characters; longer sentences are cut at a comma or a space
_WS = " \t\r\n\f\v\u00a0\u2028\u2029"


def trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    """text[start:end] without white space at either end."""
    while start < end and text[start] in _WS:
        start += 1
    while end > start and text[end - 1] in _WS:
        end -= 1
    return start, end


def _cut_long(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind(",", start + 40, limit), text.rfind(";", start + 40, limit))
        if cut == -1:
            cut = text.rfind(" ", start + 40, limit)
        cut = limit if cut == -1 else cut + 1
        s, e = trim_span(text, start, cut)
        if e > s:
            pieces.append((s, e))
        start = cut
    s, e = trim_span(text, start, end)
    if e > s:
        pieces.append((s, e))
    return pieces


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every sentence of ``text``, trimmed of white space, in order."""
    if not isinstance(text, str) or not text:
        return []
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _END.finditer(text):
        spans.extend(_cut_long(text, start, match.end()))
        start = match.end()
    spans.extend(_cut_long(text, start, len(text)))
    return spans


def sentences_around(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences holding the given spans of ``text``, in order, without overlaps.

    Each span is widened to the sentence(s) it touches: a match that runs over a
    full stop takes both sentences. Spans that overlap or touch the same sentence
    give one region. A span outside the text, or empty, is ignored."""
    if not isinstance(text, str) or not text:
        return []
    sentences = sentence_spans(text)
    starts = [s for s, _ in sentences]
    regions: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if not (0 <= start < end <= len(text)):
            continue
        # The sentences from the one holding `start` to the one holding `end - 1`;
        # a span that falls in the white space between two sentences keeps its own
        # bounds rather than borrowing a neighbour's.
        first = bisect_right(starts, start) - 1
        last = bisect_right(starts, end - 1) - 1
        region_start, region_end = start, end
        if first >= 0 and sentences[first][1] > start:
            region_start = sentences[first][0]
        if last >= 0 and sentences[last][1] >= end:
            region_end = max(end, sentences[last][1])
        region_start = min(region_start, start)
        if regions and region_start <= regions[-1][1]:
            regions[-1] = (regions[-1][0], max(regions[-1][1], region_end))
        else:
            regions.append((region_start, region_end))
    return regions
