from django import forms

from .models import AlertAction

NOTE_MAX_LENGTH = 2000


class AlertNoteForm(forms.Form):
    note = forms.CharField(
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "max_length": "Keep the note under %(limit_value)s characters (it has %(show_value)s).",
        },
    )

    def __init__(self, *args, note_required=False, **kwargs):
        super().__init__(*args, **kwargs)
        if note_required:
            self.fields["note"].required = True
            self.fields["note"].error_messages["required"] = (
                "Say what was done before resolving the alert."
            )


class AlertActionForm(forms.Form):
    """What was done about an alert: one of the usual outcomes, and a note."""

    outcome = forms.ChoiceField(
        label="What did you do?",
        choices=AlertAction.Outcome.choices,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        error_messages={
            "required": "Choose what was done.",
            "invalid_choice": "Choose what was done from the list.",
        },
    )
    note = forms.CharField(
        label="Note on what was done (optional)",
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2, "id": "done-note"}),
        error_messages={
            "max_length": "Keep the note under %(limit_value)s characters (it has %(show_value)s).",
        },
    )

    def clean(self):
        data = super().clean()
        if data.get("outcome") == AlertAction.Outcome.OTHER and not data.get("note"):
            self.add_error("note", "Say in the note what was done.")
        return data
