"""The clinician's judgement of a journal entry (apps/safety/feedback.py)."""

from django import forms

from .categories import kind_choices
from .feedback import NOTE_MAX
from .models import CrisisExample

_NOTE_ERRORS = {
    "max_length": "Keep the note under %(limit_value)s characters (it has %(show_value)s).",
}


def _note_field():
    return forms.CharField(
        required=False,
        max_length=NOTE_MAX,
        label="Note (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages=_NOTE_ERRORS,
    )


class AlertLabelForm(forms.Form):
    """On a crisis-language alert: was it a real concern? (The two answers are the
    form's two submit buttons.)"""

    label = forms.ChoiceField(
        choices=[
            (CrisisExample.Label.REAL, "A real concern"),
            (CrisisExample.Label.NOT, "Not a concern"),
        ],
        error_messages={"required": "Choose “a real concern” or “not a concern”."},
    )
    note = _note_field()


class MissedForm(forms.Form):
    """On any timeline entry: this should have alerted, and (if known) what kind."""

    checkin = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        choices=[("", "Not sure")] + kind_choices(),
        required=False,
        label="What kind of concern",
    )
    note = _note_field()

    def error_text(self) -> str:
        """The first problem, in words, for a message on the page the form is on."""
        for name, errors in self.errors.items():
            if name == "checkin":
                return "That entry could not be found."
            return errors[0]
        return ""
