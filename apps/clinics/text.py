"""Single-line text people type: names, a clinic's name, short labels.

A line break, a control character or a bidirectional override in a name
breaks what is built from it (an email subject with a line break fails to
send, every time) or disguises it (U+202E turns "Ada" into "adA"); a name of
invisible characters only looks empty; a name that claims a role ("Sam (your
clinician)") misleads whoever reads it. Such values are refused, in words,
not quietly changed. Email subjects are made one line whatever they hold.
"""

import re
import unicodedata

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext

# Bidirectional embeddings, overrides and isolates: they reorder what is shown.
BIDI_CONTROLS = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# A name may not say it belongs to staff.
ROLE_CLAIM = re.compile(
    r"\b(?:clinician|care\s+team|trellis|administrator|admin|on[\s-]?call|nurse|doctor|"
    r"therapist|moderator|support\s+team)\b",
    re.IGNORECASE,
)


def single_line_problem(value: str) -> str | None:
    """Why `value` cannot be a one-line text, in words; None when it can."""
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        return gettext("Use one line, without line breaks, tabs or control characters.")
    if any(ch in BIDI_CONTROLS for ch in value):
        return gettext("Remove the text-direction control characters.")
    if value and not "".join(
        ch for ch in value if unicodedata.category(ch) not in {"Cf", "Zs", "Zl", "Zp"}
    ):
        return gettext("Enter visible letters, not only spaces or invisible characters.")
    return None


def name_problem(value: str) -> str | None:
    """single_line_problem, and a person's name may not claim a role."""
    if problem := single_line_problem(value):
        return problem
    if ROLE_CLAIM.search(value):
        return gettext(
            "A name cannot say a role (such as clinician or admin): enter the name only."
        )
    return None


class SingleLineField(forms.CharField):
    """A one-line text, surrounding spaces trimmed; refused with a reason when
    single_line_problem finds one."""

    problem = staticmethod(single_line_problem)

    def validate(self, value):
        super().validate(value)
        if value and (problem := self.problem(value)):
            raise forms.ValidationError(problem, code="not_one_line")


class PersonNameField(SingleLineField):
    problem = staticmethod(name_problem)


def one_line(text: str) -> str:
    """Any text as one line: control and direction characters dropped,
    whitespace runs made one space (for email subjects and headers)."""
    kept = "".join(
        " " if unicodedata.category(ch) == "Cc" else ch for ch in text if ch not in BIDI_CONTROLS
    )
    return " ".join(kept.split())


def email_subject(template_name: str, context: dict) -> str:
    """A subject rendered from a template, made one line: Django refuses a
    subject with a line break (BadHeaderError), which would fail every retry."""
    return one_line(render_to_string(template_name, context))[:200]
