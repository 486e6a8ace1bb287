import unicodedata
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.clinics.dates import CalendarDateField, range_problem

from .schedule import (
    CYCLE,
    DAILY,
    KINDS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    Pattern,
    ScheduleError,
    parse_cycle,
)
from .services import TEXT_MAX, DoseRequest, dose_range_problem


class PlainTextField(forms.CharField):
    """Text as typed, in NFC, without invisible control characters."""

    def to_python(self, value):
        text = unicodedata.normalize("NFC", super().to_python(value).replace("\r\n", "\n"))
        return "".join(
            ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs", "Cf"}
        ).strip()


def _too_long(limit):
    # Django fills limit_value and show_value; lazy, so a patient reads it in their language.
    return {"max_length": _("Keep this under %(limit_value)s characters (it is %(show_value)s).")}


AMOUNT_ERRORS = {
    "invalid": _("Write the amount as a number, for example 0.15."),
    "max_digits": _("That amount is too long a number."),
    "max_decimal_places": _("Use at most 4 decimal places."),
    "max_whole_digits": _("That amount is too large."),
}


class PlanForm(forms.Form):
    """Assign a template (mode "assign") or change an open plan ("change").
    One row of fields per component: include, amount, pattern, weekdays, cycle."""

    start_date = CalendarDateField(
        label="Start date",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "Give the start date as YYYY-MM-DD."},
    )
    initial_months = forms.TypedChoiceField(coerce=int, label="Initial phase (months)")
    maintenance_months = forms.TypedChoiceField(coerce=int, label="Maintenance phase (months)")
    break_every_days = forms.IntegerField(
        min_value=0, max_value=365, required=False, label="Maintenance: a break after every … days"
    )
    break_length_days = forms.IntegerField(
        min_value=0, max_value=90, required=False, label="… lasting this many days"
    )
    acknowledge = forms.BooleanField(
        required=False, label="I have considered the cautions screening raised."
    )
    override_reason = PlainTextField(
        required=False,
        max_length=2000,
        label="Reason for assigning despite a contraindication",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages=_too_long(2000),
    )
    confirm_early = forms.BooleanField(
        required=False, label="Change the dose anyway, before the observation week is over."
    )

    def __init__(self, *args, components, items=None, template=None, mode="assign", **kwargs):
        super().__init__(*args, **kwargs)
        self.mode, self.components, self.doses = mode, list(components), []
        items = items or {}
        if mode in ("change", "template"):
            for name in ("start_date", "initial_months", "maintenance_months"):
                del self.fields[name]
            del self.fields["break_every_days"], self.fields["break_length_days"]
        if mode == "template":
            for name in ("acknowledge", "override_reason", "confirm_early"):
                del self.fields[name]
            self.fields["name"] = PlainTextField(
                max_length=200, label="Template name", error_messages=_too_long(200)
            )
            self.fields["source"] = PlainTextField(
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                label="Source",
                help_text="Where these doses and days come from (the clinic's protocol, a paper).",
                error_messages=_too_long(2000) | {"required": "Say where the template comes from."},
            )
        elif mode == "assign":
            del self.fields["confirm_early"]
            for phase in ("initial", "maintenance"):
                low, high = template.months(phase) if template else (1, 12)
                choices = [(m, str(m)) for m in range(low, (high or low) + 1)]
                self.fields[f"{phase}_months"].choices = choices
                self.fields[f"{phase}_months"].initial = low
        for component in self.components:
            item = items.get(component.pk)
            pattern = Pattern.from_dict(item["pattern"]) if item else Pattern("daily")
            prefix = f"c{component.pk}_"
            self.fields[prefix + "include"] = forms.BooleanField(
                required=False, initial=item is not None, label=component.name
            )
            self.fields[prefix + "amount"] = forms.DecimalField(
                required=False,
                min_value=Decimal("0"),
                max_digits=10,
                decimal_places=4,
                initial=item["amount"].normalize() if item else None,
                label=f"Amount ({component.unit})",
                error_messages=AMOUNT_ERRORS | {"min_value": "The amount must be more than 0."},
            )
            self.fields[prefix + "pattern"] = forms.ChoiceField(
                choices=list(KINDS.items()), initial=pattern.kind, label="Days", required=False
            )
            self.fields[prefix + "weekdays"] = forms.TypedMultipleChoiceField(
                choices=list(enumerate(WEEKDAY_NAMES)),
                coerce=int,
                required=False,
                initial=sorted(pattern.weekdays),
                widget=forms.CheckboxSelectMultiple,
                label="On these days",
            )
            self.fields[prefix + "cycle"] = PlainTextField(
                required=False,
                max_length=200,
                initial=pattern.as_dict()["cycle"],
                label="Custom cycle",
                help_text="Days on and off, for example '3 on, 4 off'.",
                error_messages=_too_long(200),
            )

        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.Select):
                widget.attrs["class"] = "form-select"
            else:
                widget.attrs["class"] = "form-control"

    def rows(self):
        for component in self.components:
            prefix = f"c{component.pk}_"
            yield {
                "component": component,
                **{name: self[prefix + name] for name in ("include", "amount", "pattern")},
                "weekdays": self[prefix + "weekdays"],
                "cycle": self[prefix + "cycle"],
            }

    def clean(self):
        cleaned = super().clean()
        for component in self.components:
            prefix = f"c{component.pk}_"
            if not cleaned.get(prefix + "include"):
                continue
            amount = cleaned.get(prefix + "amount")
            if prefix + "amount" in self.errors:
                continue
            problem = dose_range_problem(component, amount)
            if problem:
                self.add_error(prefix + "amount", problem)
                continue
            try:
                pattern = self._pattern(cleaned, prefix)
            except ScheduleError as error:
                self.add_error(prefix + "pattern", f"{component.name}: {error}")
                continue
            self.doses.append(DoseRequest(component=component, amount=amount, pattern=pattern))
        if not self.errors and not self.doses:
            raise forms.ValidationError("Choose at least one component for the plan.")
        return cleaned

    @staticmethod
    def _pattern(cleaned, prefix) -> Pattern:
        kind = cleaned.get(prefix + "pattern") or DAILY
        if kind == WEEKDAYS:
            return Pattern(kind, weekdays=frozenset(cleaned.get(prefix + "weekdays") or ()))
        if kind == CYCLE:
            return Pattern(kind, cycle=parse_cycle(cleaned.get(prefix + "cycle") or ""))
        return Pattern(kind)


class ReasonForm(forms.Form):
    reason = PlainTextField(required=False, max_length=500, error_messages=_too_long(500))


class PlanReviewForm(forms.Form):
    """A care-team clinician's answer to a screening change on an open plan."""

    decision = forms.ChoiceField(
        choices=[
            ("continue", "Continue the plan"),
            ("pause", "Pause the plan"),
            ("end", "End the plan"),
        ],
        error_messages={
            "required": "Choose continue, pause or end.",
            "invalid_choice": "Choose continue, pause or end.",
        },
    )
    reason = PlainTextField(required=False, max_length=TEXT_MAX, error_messages=_too_long(TEXT_MAX))


class DoseLogForm(forms.Form):
    component = forms.IntegerField(min_value=1)
    action = forms.ChoiceField(
        choices=[
            ("as_planned", _("Took as planned")),
            ("changed", _("Took")),
            ("skipped", _("Skipped")),
        ]
    )
    amount = forms.DecimalField(
        required=False,
        min_value=Decimal("0.0001"),
        max_digits=10,
        decimal_places=4,
        error_messages=AMOUNT_ERRORS | {"min_value": _("The amount must be more than 0.")},
    )
    taken_at = forms.TimeField(
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}),
        error_messages={"invalid": _("Give the time as HH:MM.")},
    )
    skip_reason = PlainTextField(required=False, max_length=500, error_messages=_too_long(500))

    def clean(self):
        cleaned = super().clean()
        action = cleaned.get("action")
        if action == "changed" and cleaned.get("amount") is None and "amount" not in self.errors:
            self.add_error("amount", _("Write how much you took."))
        if (
            action == "skipped"
            and not cleaned.get("skip_reason")
            and "skip_reason" not in self.errors
        ):
            self.add_error(
                "skip_reason", _("Say briefly why you skipped it; your clinician sees it.")
            )
        return cleaned


class ComponentForm(forms.Form):
    name = PlainTextField(max_length=120, error_messages=_too_long(120))
    unit = PlainTextField(
        max_length=20, help_text="For example mg, g, mcg, capsule.", error_messages=_too_long(20)
    )
    range_low = forms.DecimalField(
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=4,
        label="Lowest amount that may be planned",
        error_messages=AMOUNT_ERRORS,
    )
    range_high = forms.DecimalField(
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=4,
        label="Highest amount that may be planned",
        error_messages=AMOUNT_ERRORS,
    )
    source = PlainTextField(
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Where this component and its range come from (a document, a guideline).",
        error_messages=_too_long(2000) | {"required": "Say where the range comes from."},
    )

    def clean(self):
        cleaned = super().clean()
        low, high = cleaned.get("range_low"), cleaned.get("range_high")
        if low is not None and high is not None and low > high:
            self.add_error("range_high", "The highest amount must not be below the lowest.")
        return cleaned


class AdherenceRangeForm(forms.Form):
    """Any range up to two years; the last 28 days when none is given."""

    DEFAULT_DAYS = 28
    MAX_DAYS = 731

    start = CalendarDateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = CalendarDateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        for field in self.fields.values():
            field.widget.attrs["class"] = "form-control"
            field.error_messages["invalid"] = "Give dates as YYYY-MM-DD."

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if problem := range_problem(
            start, end, max_days=self.MAX_DAYS, too_long="Choose a range of at most two years."
        ):
            raise forms.ValidationError(problem)
        return cleaned

    def range(self):
        from datetime import timedelta

        default_end = self.today
        default_start = default_end - timedelta(days=self.DEFAULT_DAYS - 1)
        if not self.is_bound or not self.is_valid():
            return default_start, default_end
        end = self.cleaned_data.get("end") or default_end
        start = self.cleaned_data.get("start") or end - timedelta(days=self.DEFAULT_DAYS - 1)
        if (end - start).days >= self.MAX_DAYS:
            start = end - timedelta(days=self.MAX_DAYS - 1)
        return start, end
