from django.utils.html import escape
from django.utils.safestring import mark_safe


def highlight_spans(text: str, spans: list[dict]) -> str:
    """The journal text, escaped, with each matched span wrapped in <mark>."""
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: s["start"]):
        start, end = span["start"], span["end"]
        if start < position or text[start:end] != span.get("matched"):
            # The entry was edited after the alert; don't mark the wrong words.
            continue
        pieces.append(escape(text[position:start]))
        pieces.append(f'<mark title="{escape(span["category"])}">{escape(text[start:end])}</mark>')
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))
