import unicodedata

from django import forms

from .models import JOURNAL_MAX_LENGTH

MOOD_CHOICES = [(value, str(value)) for value in range(11)]


class JournalField(forms.CharField):
    """Free text as people type it, in one canonical form (NFC) and without
    invisible control characters (line breaks and tabs stay)."""

    def to_python(self, value):
        text = super().to_python(value)
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
        return "".join(
            ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs"}
        )


class CheckInForm(forms.Form):
    mood = forms.TypedChoiceField(
        choices=MOOD_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        label="How is your mood today?",
        help_text="0 is the worst you can imagine, 10 the best.",
        error_messages={"required": "Choose a number from 0 to 10 for your mood."},
    )
    journal = JournalField(
        required=False,
        label="Anything you want to note",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=JOURNAL_MAX_LENGTH,
        error_messages={
            "max_length": (
                "Your note is %(show_value)s characters; the limit is %(limit_value)s. "
                "Nothing has been saved yet: shorten it, or keep the rest for tomorrow."
            )
        },
    )
