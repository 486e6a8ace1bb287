from django import forms

from apps.clinics.dates import CalendarDateField, range_problem


class TrailSearchForm(forms.Form):
    person = forms.CharField(max_length=150, required=False, label="Who looked")
    patient = forms.CharField(max_length=150, required=False, label="Patient")
    since = CalendarDateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = CalendarDateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if problem := range_problem(data.get("since"), data.get("until")):
            self.add_error("until", problem)
        return data


class BreakGlassForm(forms.Form):
    patient = forms.ChoiceField(label="Patient")
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text="Why you need this record now. Your clinic's admins are told at once.",
    )

    def __init__(self, *args, patients, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["patient"].choices = [("", "—")] + [(str(p.pk), str(p)) for p in patients]

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if len(reason) < 10:
            raise forms.ValidationError("Say in a sentence why this is an emergency.")
        return reason
