from datetime import timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.clinics.dates import CalendarDateField
from apps.clinics.text import SingleLineField
from apps.protocols.forms import PlainTextField

from .models import DAILY_OUTCOMES, OUTCOMES, Guess
from .selectors import smallest_p_value
from .services import BLOCK_WEEKS, CODE_LENGTH, MAX_WEEKS, MIN_WEEKS

# How far ahead a trial may be set to start: time to prepare the capsules,
# not so far that the plan is likely to have changed.
MAX_DAYS_AHEAD = 60


class TrialSetUpForm(forms.Form):
    weeks = forms.TypedChoiceField(
        coerce=int,
        choices=[
            (
                n,
                f"{n} weeks ({n // BLOCK_WEEKS} blocks of {BLOCK_WEEKS}; p no lower than "
                f"{smallest_p_value(weeks=n, block_weeks=BLOCK_WEEKS):.2f})",
            )
            for n in range(MIN_WEEKS, MAX_WEEKS + 1, BLOCK_WEEKS)
        ],
        initial=12,
        label="Length",
        help_text=(
            "The randomisation test can only reach 0.05 with 12 weeks: shorter trials have too "
            "few ways the weeks could have been drawn. The 95% interval is shown whatever the "
            "length, and narrows as the weeks add up."
        ),
        error_messages={"invalid_choice": "Choose a length from the list."},
    )
    start_date = CalendarDateField(
        label="First day",
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Leave time for the capsules to be prepared.",
        error_messages={"required": "Give the trial's first day.", "invalid": "Enter a date."},
    )
    outcomes = forms.MultipleChoiceField(
        choices=list(OUTCOMES.items()),
        initial=list(DAILY_OUTCOMES),
        widget=forms.CheckboxSelectMultiple,
        label="Outcomes",
        help_text="The questionnaires count only on the days they are answered (where scheduled).",
        error_messages={
            "required": "Choose at least one outcome.",
            "invalid_choice": "Choose outcomes from the list.",
        },
    )
    preparer_name = SingleLineField(
        max_length=200,
        label="Who prepares the capsules",
        help_text=(
            "A pharmacist or a trusted person who is neither the patient nor their clinician."
        ),
        error_messages={
            "required": "Name the person who prepares the capsules.",
            "max_length": "Keep the name under 200 characters.",
        },
    )

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["start_date"].initial = today + timedelta(days=7)
        self.fields["weeks"].widget.attrs["class"] = "form-select"
        for name in ("start_date", "preparer_name"):
            self.fields[name].widget.attrs["class"] = "form-control"

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        if start < self.today:
            raise forms.ValidationError("The first day cannot be in the past.")
        if start > self.today + timedelta(days=MAX_DAYS_AHEAD):
            raise forms.ValidationError(
                f"Start within {MAX_DAYS_AHEAD} days, so the trial runs on the plan as it is now."
            )
        return start


class UnblindForm(forms.Form):
    reason = PlainTextField(
        max_length=2000,
        label="Why unblind now",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": "Give a reason to unblind early: it is kept on the trial and in the trail.",
            "max_length": "Keep the reason under 2000 characters.",
        },
    )


class TrialDayForm(forms.Form):
    """The patient's code and/or guess; either may be left out."""

    # Not "code": the login page's authenticator field has that name.
    envelope_code = forms.CharField(
        required=False,
        max_length=CODE_LENGTH * 3,
        error_messages={
            "max_length": _("A code is 4 letters and numbers, printed on the envelope.")
        },
    )
    guess = forms.ChoiceField(
        required=False,
        choices=Guess.choices,
        error_messages={"invalid_choice": _("Choose active, placebo or not sure.")},
    )

    def clean(self):
        data = super().clean()
        if not data.get("envelope_code", "").strip() and not data.get("guess"):
            raise forms.ValidationError("Enter the envelope's code or choose what you think.")
        return data
