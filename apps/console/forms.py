from django import forms

from apps.alerts.channels.webhook import address_problem
from apps.alerts.models import CHANNEL_LABELS
from apps.safety.risk import adjustable_label

SEVERITIES = ["critical", "high", "moderate", "low"]
CHANNELS = list(CHANNEL_LABELS.items())


class PersonChoiceForm(forms.Form):
    """A choice among people given by the view, so an id from another clinic
    is simply not a valid choice."""

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(person.pk): person for person in people}
        self.fields["clinician"].choices = [("", "—")] + [
            (key, str(person)) for key, person in self._people.items()
        ]

    def clean_clinician(self):
        return self._people[self.cleaned_data["clinician"]]


class CareLinkForm(PersonChoiceForm):
    clinician = forms.ChoiceField(
        label="Add to the care team",
        error_messages={
            "required": "Choose a clinician to add.",
            "invalid_choice": "That person is already on the care team, or is not a "
            "clinician here.",
        },
    )


class HandoverForm(PersonChoiceForm):
    clinician = forms.ChoiceField(label="New primary clinician")
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="What the new clinician needs to know. Kept in the patient's history.",
    )

    def clean_note(self):
        note = self.cleaned_data["note"].strip()
        if not note:
            raise forms.ValidationError("Write a handover note for the new clinician.")
        return note


class AlertPolicyForm(forms.Form):
    critical_to_on_call_minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    critical_to_admins_minutes = forms.IntegerField(min_value=1, max_value=24 * 60)
    high_to_on_call_minutes = forms.IntegerField(min_value=1, max_value=7 * 24 * 60)
    digest_hour = forms.IntegerField(min_value=0, max_value=23, help_text="Clinic time.")
    webhook_url = forms.URLField(required=False, max_length=200, assume_scheme="https")
    webhook_secret = forms.CharField(
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text="Leave empty to keep the current secret.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for severity in SEVERITIES:
            self.fields[f"channels_{severity}"] = forms.MultipleChoiceField(
                label=f"Channels for {severity} alerts",
                choices=CHANNELS,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )

    def clean_webhook_url(self):
        url = self.cleaned_data["webhook_url"]
        if url and not url.startswith("https://"):
            raise forms.ValidationError("The webhook must use https://.")
        if url and (problem := address_problem(url)):
            raise forms.ValidationError(problem)
        return url

    def clean(self):
        data = super().clean()
        for severity in ("critical", "high"):
            chosen = data.get(f"channels_{severity}") or []
            if "in_app" not in chosen and "email" not in chosen:
                self.add_error(
                    f"channels_{severity}",
                    "A crisis must reach a person: keep the in-app inbox or email.",
                )
        first, second = (
            data.get("critical_to_on_call_minutes"),
            data.get("critical_to_admins_minutes"),
        )
        if first and second and second <= first:
            self.add_error(
                "critical_to_admins_minutes", "The admins come after the on-call clinician."
            )
        return data


class RiskDefaultsForm(forms.Form):
    """One optional number per adjustable parameter, bounded as
    safety.risk.ADJUSTABLE says; empty means docs/CLINICAL_REFERENCE.md's default."""

    def __init__(self, *args, adjustable, defaults, **kwargs):
        super().__init__(*args, **kwargs)
        self.adjustable = adjustable
        for rule, parameters in adjustable.items():
            for name, (low, high) in parameters.items():
                self.fields[f"{rule}__{name}"] = forms.IntegerField(
                    label=adjustable_label(rule, name),
                    min_value=low,
                    max_value=high,
                    required=False,
                    help_text=f"{low} to {high}; empty: the default ({defaults[rule][name]}).",
                )

    def defaults(self) -> dict:
        chosen = {}
        for key, value in self.cleaned_data.items():
            if value is not None:
                rule, name = key.split("__", 1)
                chosen.setdefault(rule, {})[name] = value
        return chosen
