"""The C-SSRS screener (Columbia Suicide Severity Rating Scale, screen version).

Sources (REF = docs/CLINICAL_REFERENCE.md; each fact there names its public source):
- Questions: the C-SSRS Screen Version (Posner et al., The Columbia Lighthouse
  Project), past-month wording, Q6 lifetime with "in the past 3 months?".
  Free for community and health-care use; the clinic should confirm its terms
  for electronic use (REF#licensing). REF gives no texts.
- 6 yes/no (+ "in the past 3 months?" on Q6); low: yes to Q1 or Q2 only;
  moderate: yes to Q3, or Q6 more than 3 months ago; high: yes to Q4 or Q5, or
  Q6 within 3 months; skip: if Q2 is no, go to Q6: REF#instruments.
- The "none" level (every answer no) is ours: REF names no level for it.

It has no total. The level must agree with apps.safety.detectors.risk.cssrs_level,
which raises the alert; tests/diaries/instruments/test_cssrs.py checks every
combination of answers against it.
"""

from .base import Band, InvalidAnswers, Option, Score

QUESTIONS = {
    "q1": "Have you wished you were dead or wished you could go to sleep and not wake up?",
    "q2": "Have you actually had any thoughts of killing yourself?",
    "q3": "Have you been thinking about how you might do this?",
    "q4": "Have you had these thoughts and had some intention of acting on them?",
    "q5": "Have you started to work out or worked out the details of how to kill yourself? "
    "Do you intend to carry out this plan?",
    "q6": "Have you ever done anything, started to do anything, or prepared to do anything to "
    "end your life?",
    "q6_recent": "Was this within the past 3 months?",
}
STEM = "In the past month:"
SKIPPED_WHEN_Q2_IS_NO = ("q3", "q4", "q5")
YES_NO = (Option(1, "Yes"), Option(0, "No"))

BANDS = {
    "none": Band(
        "none", 0, 0, "no risk identified", "Thank you. Your answers raise no immediate concern."
    ),
    "low": Band(
        "low",
        1,
        1,
        "low risk",
        "Thank you for telling us. Your clinician will talk these thoughts through with you.",
    ),
    "moderate": Band(
        "moderate",
        2,
        2,
        "moderate risk",
        "Thank you for telling us. These thoughts matter, and your clinician has been asked "
        "to contact you.",
    ),
    "high": Band(
        "high",
        3,
        3,
        "high risk",
        "Thank you for telling us. Please use the help below now; your clinician has been alerted.",
    ),
}


def _yes_no(value, label: str, key: str) -> bool:
    if isinstance(value, bool):
        return value
    if value in (1, "1", "yes"):
        return True
    if value in (0, "0", "no"):
        return False
    raise InvalidAnswers(f"{label[0].upper()}{label[1:]}: please answer yes or no.", key)


def clean(answers: dict) -> dict:
    """Yes/no answers as booleans, with the skip applied: when Q2 is no,
    Q3-Q5 are not asked (and dropped if sent); Q6's follow-up is asked only
    when Q6 is yes."""
    unknown = set(answers) - set(QUESTIONS)
    if unknown:
        raise InvalidAnswers(f"The C-SSRS screener has no question {sorted(unknown)[0]!r}.")

    def ask(key, label):
        value = answers.get(key)
        if value is None or value == "":
            raise InvalidAnswers(f"Please answer {label}.", key)
        return _yes_no(value, label, key)

    out = {"q1": ask("q1", "question 1"), "q2": ask("q2", "question 2")}
    if out["q2"]:
        for number, key in enumerate(SKIPPED_WHEN_Q2_IS_NO, 3):
            out[key] = ask(key, f"question {number}")
    out["q6"] = ask("q6", "question 6")
    if out["q6"]:
        out["q6_recent"] = ask("q6_recent", "whether it was within the past 3 months")
    return out


def level(answers: dict) -> str:
    """The reference's levels on clean answers (REF#instruments)."""
    if answers.get("q4") or answers.get("q5") or (answers["q6"] and answers.get("q6_recent")):
        return "high"
    if answers.get("q3") or answers["q6"]:
        return "moderate"
    if answers["q1"] or answers["q2"]:
        return "low"
    return "none"


def score(answers: dict) -> Score:
    clean_answers = clean(answers)
    return Score(
        instrument="cssrs", total=None, band=BANDS[level(clean_answers)], answers=clean_answers
    )


class _Screener:
    """Quacks like base.Instrument where the views and registry need it."""

    slug = "cssrs"
    name = "C-SSRS screener"
    stem = STEM
    questions = QUESTIONS
    options = YES_NO
    bands = tuple(BANDS.values())
    source = "CLINICAL_REFERENCE.md#instruments; C-SSRS Screen Version (questions)"
    follow_up = None
    min_total = max_total = None

    @property
    def items(self):
        return tuple(text for key, text in QUESTIONS.items() if key != "q6_recent")

    @property
    def item_keys(self):
        return tuple(key for key in QUESTIONS if key != "q6_recent")

    def score(self, answers: dict) -> Score:
        return score(answers)


CSSRS = _Screener()
