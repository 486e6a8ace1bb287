from django import forms

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
