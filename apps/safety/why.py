"""A journal entry as a clinician reads it beside a safety finding: the sentence
that raised it highlighted, the matched words marked more strongly inside it, and
why, in words (apps/safety/categories.py), never a rule id or a category key.

Only for entries the clinician may read in full: a private entry shows only the
words that raised a concern (`private_words`), never their sentence (the rule of
apps/dashboards/selectors.py journal_view). Used by the alert page and, through
apps/dashboards/highlight.py, by the clinician's timeline, patient page and brief.
"""

from dataclasses import dataclass, field

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from .categories import span_label
from .detectors.sentences import sentences_around

# Bootstrap's utilities (no inline style under the CSP): the sentence lightly, the
# words strongly and underlined, so the difference does not rest on colour alone.
SENTENCE_CLASS = "why-sentence bg-warning-subtle"
WORDS_CLASS = "why-words bg-warning fw-bold text-decoration-underline"


@dataclass
class Reason:
    """One highlighted sentence (or run of sentences) and the kinds of concern in it."""

    sentence: SafeString
    kinds: list[str] = field(default_factory=list)


@dataclass
class EntryReading:
    html: SafeString
    reasons: list[Reason] = field(default_factory=list)
    # Some words the finding named are no longer in the entry (it was edited after
    # the alert): those are not marked, and the page says so.
    stale: bool = False


def _valid_spans(text: str, spans: list[dict]) -> tuple[list[dict], bool]:
    kept, stale, position = [], False, 0
    # Evidence is stored JSON: a span without whole-number offsets is unusable.
    usable = [
        s
        for s in spans
        if isinstance(s, dict) and type(s.get("start")) is int and type(s.get("end")) is int
    ]
    stale = len(usable) < len(spans)
    for span in sorted(usable, key=lambda s: (s["start"], s["end"])):
        start, end = span["start"], span["end"]
        if not (0 <= start < end <= len(text)) or text[start:end] != span.get("matched"):
            # The entry was edited after the alert; don't mark the wrong words.
            stale = True
            continue
        if start < position:
            continue  # overlaps a span already marked: the first one stands
        kept.append(span)
        position = end
    return kept, stale


def _marked(text: str, start: int, end: int, spans: list[dict]) -> str:
    """text[start:end], escaped, with the spans inside it marked."""
    pieces, position = [], start
    for span in spans:
        pieces.append(escape(text[position : span["start"]]))
        pieces.append(
            format_html(
                '<mark class="{}" title="{}">{}</mark>',
                WORDS_CLASS,
                span_label(span),
                text[span["start"] : span["end"]],
            )
        )
        position = span["end"]
    pieces.append(escape(text[position:end]))
    return "".join(pieces)


def read_entry(text: str, spans: list[dict]) -> EntryReading:
    """The entry escaped, each sentence holding a finding's words in a light <mark>
    and the words in a strong one; and, per such sentence, the kinds of concern."""
    text = text or ""
    kept, stale = _valid_spans(text, spans)
    regions = sentences_around(text, [(s["start"], s["end"]) for s in kept])
    pieces, reasons, position, i = [], [], 0, 0
    for region_start, region_end in regions:
        inside = []
        while i < len(kept) and kept[i]["start"] < region_end:
            inside.append(kept[i])
            i += 1
        sentence = _marked(text, region_start, region_end, inside)
        pieces.append(escape(text[position:region_start]))
        pieces.append(f'<mark class="{SENTENCE_CLASS}">{sentence}</mark>')
        position = region_end
        kinds = list(dict.fromkeys(span_label(span) for span in inside))
        reasons.append(Reason(sentence=mark_safe(sentence), kinds=kinds))  # nosec B308 B703
    pieces.append(escape(text[position:]))
    html = mark_safe("".join(pieces))  # nosec B308 B703: escaped pieces and fixed markup
    return EntryReading(html=html, reasons=reasons, stale=stale)


def highlight_spans(text: str, spans: list[dict]) -> SafeString:
    """The journal text, escaped, with the sentences that raised a finding and their
    matched words marked (see `read_entry`)."""
    return read_entry(text, spans).html


# The semantic reader's span is a whole passage (a sentence and its neighbours), not
# the words of a rule: showing it would show a private entry's sentences.
PASSAGE_TERMS = {"semantic"}


def private_words(spans: list[dict]) -> list[tuple[str, str]]:
    """(words, kind of concern) for each distinct match: all a page may show of a
    private entry (a rule's words, never the semantic reader's passage)."""
    return sorted(
        {
            (str(s["matched"]), span_label(s))
            for s in spans
            if isinstance(s, dict) and s.get("matched") and s.get("term") not in PASSAGE_TERMS
        }
    )
