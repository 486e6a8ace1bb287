from django import forms
from django.core.validators import MaxLengthValidator, RegexValidator
from django.utils.translation import gettext_lazy as _

from apps.clinics.text import SingleLineField, single_line_problem

from .models import HealthProfile, SafetyPlan

LIST_MAX_ITEMS = 50
ITEM_MAX_LENGTH = 200
SECTION_MAX_LENGTH = 5000
TRI_STATE = [("", _("Not sure / rather not say")), ("yes", _("Yes")), ("no", _("No"))]


class LinesField(forms.CharField):
    """A list typed one item per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip() for line in text.splitlines() if line.strip()]

    def validate(self, value):
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def run_validators(self, value):
        if len(value) > LIST_MAX_ITEMS:
            raise forms.ValidationError(f"Please list at most {LIST_MAX_ITEMS} items.")
        for item in value:
            # Each line is one-line text (no NUL, which PostgreSQL cannot store in
            # JSON, no control or direction characters): the list's own repr
            # would hide a NUL from CharField's usual check.
            if problem := single_line_problem(item):
                raise forms.ValidationError(f"One of the lines: {problem[0].lower()}{problem[1:]}")
            if len(item) > ITEM_MAX_LENGTH:
                raise forms.ValidationError(
                    f"Each line can be at most {ITEM_MAX_LENGTH} characters (one has {len(item)})."
                )

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class TriStateField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            choices=TRI_STATE,
            coerce=lambda v: {"yes": True, "no": False}.get(v),
            empty_value=None,
            required=False,
            widget=forms.RadioSelect,
            **kwargs,
        )

    def prepare_value(self, value):
        return {True: "yes", False: "no"}.get(value, "")


class HealthProfileForm(forms.Form):
    conditions = LinesField(
        required=False,
        label=_("Health conditions, past or present"),
        help_text=_(
            "One per line, in your own words (for example “bipolar II”, “kidney "
            "disease stage 3”). Include mental-health conditions."
        ),
    )
    medications = LinesField(
        required=False,
        label=_("Medicines and supplements you take"),
        help_text=_("One per line, with the dose if you know it (for example “sertraline 50 mg”)."),
    )
    allergies = LinesField(required=False, label=_("Allergies"), help_text=_("One per line."))
    family_history = LinesField(
        required=False,
        label=_("Mental-health conditions in your close family"),
        help_text=_("Parents, brothers and sisters, children; one per line."),
    )
    pregnant = TriStateField(label=_("Are you pregnant, or could you be?"))
    breastfeeding = TriStateField(label=_("Are you breastfeeding?"))
    recent_trauma_months = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=600,
        label=_("If something traumatic happened to you recently, how many months ago?"),
        help_text=_("Leave empty if nothing did, or if you'd rather talk about it in person."),
    )
    has_therapist = TriStateField(label=_("Do you have a therapist you see regularly?"))
    housing_stable = TriStateField(label=_("Is your housing safe and stable right now?"))
    support_person = SingleLineField(
        required=False,
        max_length=200,
        label=_("A person you trust who can support you"),
        help_text=_("Name and how to reach them."),
    )

    @classmethod
    def for_profile(cls, profile: HealthProfile | None, data=None):
        initial = (
            {name: getattr(profile, name) for name in HealthProfile.TRACKED_FIELDS}
            if profile
            else None
        )
        return cls(data, initial=initial)


# A number someone can dial: digits, with the +, spaces, dashes, dots and
# brackets people write them with; the alert page dials the digits.
PHONE_PATTERN = r"^\+?[0-9][0-9 ().\-]{2,38}$"


class SafetyPlanForm(forms.ModelForm):
    class Meta:
        model = SafetyPlan
        fields = [name for name, _label in [*SafetyPlan.SECTIONS, *SafetyPlan.CONTACTS]]
        labels = dict([*SafetyPlan.SECTIONS, *SafetyPlan.CONTACTS])
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name, _label in SafetyPlan.SECTIONS
            if name not in {"trusted_person", "provider_contact"}
        } | {
            # autocomplete off: on the care team's copy of this form a browser
            # would offer the clinician's own number.
            name: forms.TextInput(attrs={"type": "tel", "autocomplete": "off"})
            for name, _label in SafetyPlan.CONTACTS
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The headings in the reader's language (issue 19): a patient's may be
        # Spanish; the Spanish is in locale/es (apps/diaries/translated_words.py).
        for name, label in [*SafetyPlan.SECTIONS, *SafetyPlan.CONTACTS]:
            self.fields[name].label = _(label)
            if self.fields[name].help_text:
                self.fields[name].help_text = _(self.fields[name].help_text)
        for field in self.fields.values():
            if field.max_length is None:
                field.max_length = SECTION_MAX_LENGTH
                field.validators.append(MaxLengthValidator(SECTION_MAX_LENGTH))
        for name, _label in SafetyPlan.CONTACTS:
            self.fields[name].validators.append(
                RegexValidator(
                    PHONE_PATTERN,
                    "Write a phone number in digits; +, spaces, dashes and brackets are fine.",
                )
            )


class RiskSettingsForm(forms.Form):
    """One optional number per adjustable parameter; empty means the clinic
    default, which each field's help text shows (the clinic's own value from
    Clinic.risk_defaults, or the built-in one where the clinic set none).
    Pass `clinic_defaults` (safety.risk.clinic_defaults_for); without it the
    form can only name the built-in defaults."""

    reason = forms.CharField(
        required=False, max_length=500, label="Why these thresholds for this patient"
    )

    def __init__(self, data=None, *, current: dict, clinic_defaults: dict | None = None):
        from .risk import ADJUSTABLE, adjustable_label

        super().__init__(data)
        self._keys = []
        for rule, parameters in ADJUSTABLE.items():
            for name, (low, high) in parameters.items():
                key = f"{rule}__{name}"
                self._keys.append((key, rule, name))
                self.fields[key] = forms.IntegerField(
                    required=False,
                    min_value=low,
                    max_value=high,
                    label=adjustable_label(rule, name),
                    help_text=default_text(rule, name, clinic_defaults),
                    initial=(current.get(rule) or {}).get(name),
                )
        self.order_fields([key for key, _r, _n in self._keys] + ["reason"])

    def overrides(self) -> dict:
        result = {}
        for key, rule, name in self._keys:
            value = self.cleaned_data.get(key)
            if value is not None:
                result.setdefault(rule, {})[name] = value
        return result


def default_text(rule: str, name: str, clinic_defaults: dict | None) -> str:
    """What an empty box means for this patient: the value the alert rules
    would use (effective_overrides_for puts the clinic's under the patient's)."""
    from .risk import params

    built_in = params(rule)[name]
    if clinic_defaults is None:
        # The caller did not say what the clinic chose: claim nothing about it.
        return f"built-in default: {built_in} (the clinic may have set its own)"
    value = (clinic_defaults.get(rule) or {}).get(name)
    if value is not None:
        return f"clinic default: {value}"
    return f"clinic default: {built_in} (built-in; the clinic has not set its own)"
