"""A mood chart as inline SVG, drawn on the server from brief.chart_geometry
(the PDF draws the same geometry), with its text alternative beside it.

Responsive: a viewBox and width 100%, so it shrinks to a phone's screen
rather than widening the page."""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from . import brief


def mood_chart_svg(dated_moods, *, usual=None, marked_days=(), label="Mood") -> SafeString:
    """`dated_moods`: one (date, mood or None) per day, oldest first;
    `marked_days`: days to mark (alerts); `usual`: the patient's usual mood,
    drawn as a dashed line when known."""
    marked_days = list(marked_days)
    geometry = brief.chart_geometry(dated_moods, usual=usual, marked_days=marked_days)
    text = brief.chart_text(dated_moods, marked_days=marked_days)
    width, height = geometry.width, geometry.height
    grid = format_html_join(
        "",
        '<line x1="26" x2="{}" y1="{}" y2="{}" stroke="#dee2e6"></line>'
        '<text x="22" y="{}" font-size="14" text-anchor="end" fill="#6c757d">{}</text>',
        ((width, y, y, y + 5, label) for y, label in geometry.grid),
    )
    marks = format_html_join(
        "",
        '<line class="alert-mark" x1="{}" x2="{}" y1="0" y2="{}" stroke="#b02a37" '
        'stroke-width="2" stroke-dasharray="4 3"></line>',
        ((x, x, height) for x in geometry.marks),
    )
    usual_line = (
        format_html(
            '<line class="usual-line" x1="26" x2="{}" y1="{}" y2="{}" stroke="#6c757d" '
            'stroke-dasharray="6 4"></line>',
            width,
            geometry.usual_y,
            geometry.usual_y,
        )
        if geometry.usual_y is not None
        else ""
    )
    lines = format_html_join(
        "",
        '<polyline points="{}" fill="none" stroke="#0b5cad" stroke-width="2"></polyline>',
        ((" ".join(f"{x},{y}" for x, y in run),) for run in geometry.lines),
    )
    dots = format_html_join(
        "",
        '<circle cx="{}" cy="{}" r="3" fill="#0b5cad"></circle>',
        ((x, y) for x, y, _mood in geometry.dots),
    )
    return format_html(
        '<figure class="mood-chart mt-2 mb-2"><svg viewBox="0 0 {} {}" width="100%" '
        'role="img" aria-label="{}">'
        "<title>{}</title>{}{}{}{}{}</svg>"
        '<figcaption class="small text-body-secondary d-flex justify-content-between">'
        "<span>{}</span><span>{}</span></figcaption>"
        '<p class="small mb-0">{}{}{}</p></figure>',
        width,
        height,
        f"{label} chart. {text}",
        f"{label} chart",
        grid,
        usual_line,
        marks,
        lines,
        dots,
        geometry.first_label,
        geometry.last_label,
        text,
        format_html(" Dashed grey line: usual mood {}.", f"{usual:.1f}")
        if usual is not None
        else "",
        " Red dashed lines: alerts." if geometry.marks else "",
    )
