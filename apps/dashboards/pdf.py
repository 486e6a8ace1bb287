"""The session brief as a PDF (fpdf2: pure Python, no system packages)."""

from pathlib import Path

from fpdf import FPDF

from .brief import chart_geometry, chart_text

# A Unicode font when the machine has one; otherwise the PDF core font, with
# characters outside Latin-1 replaced rather than failing the download.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class _Brief(FPDF):
    def setup(self):
        self.unicode = UNICODE_FONT.exists()
        if self.unicode:
            self.add_font("body", "", str(UNICODE_FONT))
            self.add_font("body", "B", str(UNICODE_FONT.with_name("DejaVuSans-Bold.ttf")))
        self.family = "body" if self.unicode else "helvetica"
        self.set_auto_page_break(True, margin=15)
        self.add_page()

    def clean(self, text) -> str:
        text = str(text)
        return text if self.unicode else text.encode("latin-1", "replace").decode("latin-1")

    def heading(self, text):
        self.set_font(self.family, "B", 12)
        self.ln(2)
        self.multi_cell(0, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text):
        self.set_font(self.family, "", 10)
        self.multi_cell(0, 5, self.clean(text), new_x="LMARGIN", new_y="NEXT")


def brief_pdf(*, patient, brief: dict, lines: list[tuple[str, list[str]]]) -> bytes:
    """`lines` is the brief already put into words: (heading, paragraphs)."""
    pdf = _Brief(format="A4")
    pdf.setup()
    pdf.set_title(f"Session brief: {patient.full_name or patient.email}")
    pdf.set_font(pdf.family, "B", 16)
    pdf.multi_cell(
        0,
        9,
        pdf.clean(f"Session brief: {patient.full_name or patient.email}"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.para(f"Since {brief['since']:%-d %B %Y} up to {brief['today']:%-d %B %Y}. Confidential.")
    for heading, paragraphs in lines:
        pdf.heading(heading)
        for text in paragraphs:
            pdf.para(text)
        if heading == "Mood" and "chart_days" in brief:
            draw_mood_chart(
                pdf,
                brief["chart_days"],
                usual=brief["mood"].usual if brief.get("mood") else None,
                marked_days=brief.get("chart_alert_days", ()),
            )
    return bytes(pdf.output())


def draw_mood_chart(pdf: FPDF, dated_moods, *, usual=None, marked_days=()) -> None:
    """The page's mood chart (brief.chart_geometry, as mood_chart.svg draws
    it) at the current position, full width, then its text alternative."""
    marked_days = list(marked_days)
    geometry = chart_geometry(dated_moods, usual=usual, marked_days=marked_days)
    scale = pdf.epw / geometry.width
    left, top = pdf.l_margin, pdf.get_y() + 2
    if top + geometry.height * scale + 20 > pdf.h - pdf.b_margin:
        pdf.add_page()
        top = pdf.get_y()

    def at(x, y):
        return left + x * scale, top + y * scale

    pdf.set_font(pdf.family, "", 7)
    pdf.set_line_width(0.2)
    pdf.set_draw_color(200, 200, 200)
    pdf.set_text_color(110, 110, 110)
    for y, label in geometry.grid:
        pdf.line(*at(26, y), *at(geometry.width, y))
        pdf.text(left, at(0, y)[1] + 1, label)
    if geometry.usual_y is not None:
        pdf.set_draw_color(110, 110, 110)
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1.5, gap=1)
            pdf.line(*at(26, geometry.usual_y), *at(geometry.width, geometry.usual_y))
    pdf.set_draw_color(176, 42, 55)
    pdf.set_line_width(0.5)
    for x in geometry.marks:
        with pdf.local_context():
            pdf.set_dash_pattern(dash=1, gap=0.8)
            pdf.line(*at(x, 0), *at(x, geometry.height))
    pdf.set_draw_color(11, 92, 173)
    pdf.set_fill_color(11, 92, 173)
    for run in geometry.lines:
        if len(run) > 1:
            pdf.polyline([at(x, y) for x, y in run])
    for x, y, _mood in geometry.dots:
        cx, cy = at(x, y)
        pdf.circle(cx, cy, 0.8, style="F")
    pdf.set_text_color(0, 0, 0)
    pdf.set_draw_color(0, 0, 0)
    pdf.set_y(top + geometry.height * scale + 1)
    pdf.set_font(pdf.family, "", 8)
    pdf.cell(pdf.epw / 2, 4, pdf.clean(geometry.first_label))
    pdf.cell(
        pdf.epw / 2, 4, pdf.clean(geometry.last_label), align="R", new_x="LMARGIN", new_y="NEXT"
    )
    text = chart_text(dated_moods, marked_days=marked_days)
    if usual is not None:
        text += f" Dashed grey line: usual mood {usual:.1f}."
    if geometry.marks:
        text += " Red dashed lines: alerts."
    pdf.para(text)
