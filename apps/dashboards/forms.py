from datetime import timedelta

from django import forms

from apps.clinics.dates import CalendarDateField, range_problem

from .models import SESSION_NOTES_MAX_LENGTH, Export

MAX_EXPORT_DAYS = 3 * 366
EXPORT_TOO_LONG = "Export at most three years at a time."


class SessionForm(forms.Form):
    date = CalendarDateField(
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )
    notes = forms.CharField(
        required=False,
        max_length=SESSION_NOTES_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Private to the care team: never shown to the patient.",
        error_messages={
            "max_length": (
                "Keep the notes under %(limit_value)s characters (they have %(show_value)s)."
            ),
        },
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_date(self):
        day = self.cleaned_data["date"]
        # Booking ahead is the point of the "next session" column; a year is plenty.
        if day > self.today + timedelta(days=366):
            raise forms.ValidationError("Choose a date within the next year.")
        if day.year < 2000:
            raise forms.ValidationError("That date is too far in the past.")
        return day


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=Export.Format.choices, initial=Export.Format.CSV)
    first = CalendarDateField(
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )
    last = CalendarDateField(
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Enter the date as YYYY-MM-DD."},
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today

    def clean(self):
        data = super().clean()
        first, last = data.get("first"), data.get("last")
        if first and last:
            if last > self.today:
                self.add_error("last", "The range cannot end after today.")
            elif problem := range_problem(
                first,
                last,
                max_days=MAX_EXPORT_DAYS,
                too_long="Export at most three years at a time.",
            ):
                self.add_error("first", problem)
        return data
