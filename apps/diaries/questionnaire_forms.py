from datetime import timedelta

from django import forms
from django.utils import timezone

from apps.clinics.dates import CalendarDateField

from .models import INSTRUMENT_CHOICES, QuestionnaireSchedule

# A schedule starting further out than this is almost certainly a typo.
LATEST_START_DAYS = 366


class QuestionnaireScheduleForm(forms.Form):
    instrument = forms.ChoiceField(
        choices=INSTRUMENT_CHOICES,
        error_messages={"invalid_choice": "Choose one of the questionnaires in the list."},
    )
    every = forms.IntegerField(
        min_value=1,
        max_value=52,
        label="Every",
        error_messages={
            "required": "Say how often, as a whole number from 1 to 52.",
            "invalid": "Say how often, as a whole number from 1 to 52.",
            "min_value": "Say how often, as a whole number from 1 to 52.",
            "max_value": "Say how often, as a whole number from 1 to 52.",
        },
    )
    unit = forms.ChoiceField(choices=QuestionnaireSchedule.Unit.choices, initial="weeks")
    starts_on = CalendarDateField(
        label="Starting on",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the start as a date, for example 2026-01-31."},
    )
    is_active = forms.BooleanField(
        required=False,
        initial=True,
        label="Active",
        help_text="Untick to pause this questionnaire without losing the schedule.",
    )

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on > timezone.localdate() + timedelta(days=LATEST_START_DAYS):
            raise forms.ValidationError("Choose a start within the next year.")
        return starts_on
