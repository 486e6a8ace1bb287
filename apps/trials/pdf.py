"""The preparer's sheet and the end-of-trial result, as PDF (fpdf2, as the
session brief). The sheet is the only document that holds the allocation
before the end."""

from datetime import timedelta
from pathlib import Path

from fpdf import FPDF

from apps.protocols.services import dose_text

from .models import OUTCOMES

# As the session brief's: a Unicode font when the machine has one, else the
# PDF core font with characters outside Latin-1 replaced. Not imported from
# dashboards, which sits on the same layer.
UNICODE_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


class _Document(FPDF):
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

    def title_line(self, text):
        self.set_title(self.clean(text))
        self.set_font(self.family, "B", 16)
        self.multi_cell(0, 9, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def heading(self, text):
        self.set_font(self.family, "B", 12)
        self.ln(2)
        self.multi_cell(0, 7, self.clean(text), new_x="LMARGIN", new_y="NEXT")

    def para(self, text, *, bold=False):
        self.set_font(self.family, "B" if bold else "", 10)
        self.multi_cell(0, 5, self.clean(text), new_x="LMARGIN", new_y="NEXT")


def planned_doses(trial) -> str:
    items = [item for item in trial.plan.items.all() if item.effective_to is None]
    return ", ".join(f"{item.component.name} {dose_text(item.amount, item.unit)}" for item in items)


def sheet_rows(trial) -> dict:
    """The sheet's weeks: which code goes on which envelope, holding what."""
    active = f"ACTIVE: capsules with the planned dose ({planned_doses(trial) or 'as planned'})"
    placebo = "PLACEBO: identical-looking empty capsules"
    rows = []
    for number, (code, arm) in enumerate(
        zip(trial.codes, trial.allocation_for_sheet(), strict=True)
    ):
        start = trial.start_date + timedelta(days=7 * number)
        rows.append(
            {
                "number": number + 1,
                "start": start,
                "end": start + timedelta(days=6),
                "code": code,
                "contents": active if arm == "active" else placebo,
            }
        )
    return {"rows": rows, "active_words": active, "placebo_words": placebo}


SHEET_WARNING = (
    "Keep this sheet away from the patient and from their clinician until the trial has "
    "ended: it is the only place that says which weeks are active. Label each envelope "
    "with its code only, never with its contents."
)


def sheet_pdf(*, trial) -> bytes:
    doc = _Document(format="A4")
    doc.setup()
    doc.title_line(f"Blinded trial: the preparer's sheet (trial {trial.pk})")
    doc.para(
        f"Prepared by {trial.preparer_name}. {trial.weeks} weeks from "
        f"{trial.start_date:%-d %B %Y} to {trial.end_date:%-d %B %Y}. Confidential."
    )
    doc.para(SHEET_WARNING, bold=True)
    for row in sheet_rows(trial)["rows"]:
        doc.heading(
            f"Week {row['number']} ({row['start']:%-d %b} to {row['end']:%-d %b}): "
            f"envelope {row['code']}"
        )
        doc.para(row["contents"])
    return bytes(doc.output())


def result_pdf(*, patient, trial, result: dict) -> bytes:
    from .selectors import INTERVAL_WORDS, P_VALUE_WORDS

    doc = _Document(format="A4")
    doc.setup()
    doc.title_line(f"Blinded trial result: {patient.full_name or patient.email}")
    doc.para(
        f"{trial.weeks} weeks from {trial.start_date:%-d %B %Y}; outcomes: "
        + ", ".join(OUTCOMES[o] for o in trial.outcomes)
        + ". Confidential."
    )
    if result["early"]:
        doc.para(
            f"Unblinded early on {trial.unblinded_on:%-d %B %Y}: {trial.unblind_reason}", bold=True
        )
    if result.get("plan_stop_words"):
        doc.para(result["plan_stop_words"], bold=True)
    doc.heading("Active minus placebo, per outcome")
    for item in result["comparisons"]:
        doc.para(item["label"], bold=True)
        doc.para(item["words"])
    doc.para(INTERVAL_WORDS)
    doc.para(
        f"{P_VALUE_WORDS} With {trial.weeks} weeks in blocks of {trial.block_weeks}, the "
        f"smallest p-value this test can give is {result['smallest_p']:.2f}."
    )
    doc.heading("How well the blind held")
    for line in result["blind_words"]:
        doc.para(line)
    doc.heading("Expectancy: by what the patient thought, beside what they took")
    for block in result["expectancy"]:
        doc.para(block["label"], bold=True)
        for words, days, mean in block["by_taken"] + block["by_guess"]:
            doc.para(
                f"{words}: "
                + (f"{mean:.1f} on average ({days} days)" if mean is not None else "no days")
            )
    if result["wrong_envelope_days"]:
        doc.para(
            f"On {result['wrong_envelope_days']} day(s) the patient logged another week's "
            "envelope; those days count as the week they were planned in."
        )
    doc.heading("The allocation, unsealed")
    doc.para(
        "; ".join(f"week {w['number']} ({w['code']}): {w['arm']}" for w in result["weeks"]) + "."
    )
    return bytes(doc.output())
