"""The session brief as a PDF (fpdf2: pure Python, no system packages)."""

from pathlib import Path

from fpdf import FPDF

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
    return bytes(pdf.output())
