import copy
import unicodedata
import uuid
import zoneinfo
from datetime import timedelta
from functools import cache
from pathlib import Path
from zoneinfo import available_timezones

from django import forms
from django.utils.translation import gettext_lazy as _

from .catalog import patient_side_effects, practices
from .models import JOURNAL_MAX_LENGTH, SIDE_EFFECT_TEXT_MAX_LENGTH, SideEffectSeverity

SCALE_CHOICES = [(value, str(value)) for value in range(11)]
SLEEP_QUALITY_CHOICES = [
    (1, _("Very poor")),
    (2, _("Poor")),
    (3, _("Fair")),
    (4, _("Good")),
    (5, _("Very good")),
]
# The patient's words for the severities (the stored values are the model's).
SEVERITY_CHOICES = [
    ("", _("Not today")),
    (SideEffectSeverity.MILD, _("Mild")),
    (SideEffectSeverity.MODERATE, _("Moderate")),
    (SideEffectSeverity.SEVERE, _("Severe")),
]
# How far back a missed day can still be filled in. Memory of a day's mood
# fades fast; a week keeps late entries useful to the clinician and honest.
LATE_ENTRY_DAYS = 7


class JournalField(forms.CharField):
    """Free text as people type it, in one canonical form (NFC) and without
    invisible control characters (line breaks and tabs stay)."""

    def to_python(self, value):
        text = super().to_python(value)
        text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
        return "".join(
            ch for ch in text if ch in "\n\t" or unicodedata.category(ch) not in {"Cc", "Cs"}
        )


class OneLineTextField(JournalField):
    """A short answer: one line, and nothing but invisible format characters
    (zero-width spaces, direction marks) counts as empty."""

    def to_python(self, value):
        text = " ".join(super().to_python(value).split())
        if not "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip():
            return ""
        return text


def scale_field(label, help_text, required_message, *, required=True):
    return forms.TypedChoiceField(
        choices=SCALE_CHOICES,
        coerce=int,
        empty_value=None,
        required=required,
        widget=forms.RadioSelect,
        label=label,
        help_text=help_text,
        error_messages={
            "required": required_message,
            "invalid_choice": _("Choose a number from 0 to 10."),
        },
    )


class CheckInForm(forms.Form):
    """One day's check-in. Only the mood is required: a tired, low person
    should be able to save in seconds and skip the rest."""

    # Without a date (a page from before dates were sent), the entry is today's.
    local_date = forms.DateField(
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid": _("That is not a date.")},
    )
    # A random key per page load (initial_for), so a draft sent again after
    # the signal returns is applied once (services.checkin_submit). A key that
    # is not a UUID is ignored rather than refused: it is no answer of theirs.
    submission_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=64)
    mood = scale_field(
        _("How is your mood today?"),
        _("0 is the worst you can imagine, 10 the best."),
        _("Choose a number from 0 to 10 for your mood."),
    )
    anxiety = scale_field(
        _("How anxious have you felt?"),
        _("0 is calm, 10 is the most anxious you can imagine."),
        "",
        required=False,
    )
    energy = scale_field(
        _("How is your energy?"),
        _("0 is exhausted, 10 is full of energy."),
        "",
        required=False,
    )
    sleep_hours = forms.DecimalField(
        required=False,
        min_value=0,
        max_value=24,
        max_digits=3,
        decimal_places=1,
        label=_("Hours slept last night"),
        help_text=_("For example 7 or 6.5."),
        widget=forms.NumberInput(attrs={"step": "0.5", "inputmode": "decimal"}),
        error_messages={
            "invalid": _("Enter the hours as a number, for example 7 or 6.5."),
            "min_value": _("Hours of sleep cannot be below 0."),
            "max_value": _("Hours of sleep cannot be more than 24."),
            "max_decimal_places": _("Use at most one decimal place, for example 6.5."),
            "max_digits": _("Enter the hours as a number from 0 to 24."),
        },
    )
    sleep_quality = forms.TypedChoiceField(
        choices=SLEEP_QUALITY_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        label=_("How well did you sleep?"),
        error_messages={"invalid_choice": _("Choose one of the sleep answers.")},
    )
    practices = forms.MultipleChoiceField(
        choices=[],
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        label=_("What did you do for yourself today?"),
        error_messages={"invalid_choice": _("Choose from the practices listed.")},
    )
    other_effect = OneLineTextField(
        required=False,
        max_length=SIDE_EFFECT_TEXT_MAX_LENGTH,
        label=_("Anything else you noticed (in your own words)"),
        error_messages={
            "max_length": _("Keep this under %(limit_value)s characters (it is %(show_value)s).")
        },
    )
    other_severity = forms.ChoiceField(
        choices=SEVERITY_CHOICES,
        required=False,
        label=_("How bad was it?"),
        error_messages={"invalid_choice": _("Choose mild, moderate or severe.")},
    )
    journal = JournalField(
        required=False,
        label=_("Anything you want to note"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=JOURNAL_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Your note is %(show_value)s characters; the limit is %(limit_value)s. "
                "Nothing has been saved yet: shorten it, or keep the rest for tomorrow."
            )
        },
    )
    is_private = forms.BooleanField(
        required=False,
        label=_("Keep this entry private"),
        help_text=_(
            "Your clinician will see that you checked in, your scores, and any words or "
            "severe side effects that raised a safety concern, but not the rest of what "
            "you wrote."
        ),
    )

    def __init__(self, *args, today, **kwargs):
        # Django deep-copies every declared field for every form. Nothing
        # changes a field after it is built, so each form takes the one field
        # set `_shared_fields` builds per process (a new dict, the same field
        # objects): the copy cost a fifth of a millisecond per check-in, the
        # most-submitted page. An empty instance `base_fields` makes Django's
        # own copy a no-op.
        self.base_fields = {}
        super().__init__(*args, **kwargs)
        fields, self.effect_fields = _shared_fields(type(self))
        self.fields = dict(fields)
        self.today = today

    # The checklist keys the page shows (catalog.effects_for_plan), set by the
    # view when it renders; None shows every row. Validation never reads it:
    # a POST is checked against every row, so it needs no query for the plan.
    shown_effect_keys = None

    def visible_effects(self):
        """Bound fields for the page: the rows of the patient's plan, and any
        row already answered (saved, or typed before a refused save)."""
        shown = self.shown_effect_keys
        return [
            self[name]
            for name, effect in self.effect_fields
            if shown is None or effect["key"] in shown or self[name].value()
        ]

    def clean_local_date(self):
        day = self.cleaned_data["local_date"] or self.today
        if day > self.today:
            raise forms.ValidationError(
                _("That day has not happened yet: you can only fill in today or earlier.")
            )
        if day < self.today - timedelta(days=LATE_ENTRY_DAYS):
            raise forms.ValidationError(
                _("Days more than %(days)s days ago can no longer be filled in.")
                % {"days": LATE_ENTRY_DAYS}
            )
        return day

    def clean_submission_key(self):
        try:
            return uuid.UUID(self.cleaned_data["submission_key"])
        except (TypeError, ValueError):
            return None

    def clean(self):
        data = super().clean()
        text, severity = data.get("other_effect"), data.get("other_severity")
        if text and not severity:
            self.add_error("other_severity", _("Say how bad it was: mild, moderate or severe."))
        elif severity and not text and "other_effect" not in self.errors:
            self.add_error("other_effect", _("Say in a few words what you noticed."))
        return data

    def side_effects(self) -> list[tuple[str, str, str]]:
        """(key, description, severity) for every side effect reported."""
        reported = [
            (effect["key"], effect["label"], self.cleaned_data[name])
            for name, effect in self.effect_fields
            if self.cleaned_data.get(name)
        ]
        if self.cleaned_data.get("other_effect"):
            reported.append(
                ("other", self.cleaned_data["other_effect"], self.cleaned_data["other_severity"])
            )
        return reported

    @classmethod
    def initial_for(cls, checkin, *, local_date):
        if checkin is None:
            return {"local_date": local_date, "submission_key": uuid.uuid4()}
        initial = {
            "local_date": local_date,
            "submission_key": uuid.uuid4(),
            "mood": checkin.mood,
            "anxiety": checkin.anxiety,
            "energy": checkin.energy,
            "sleep_hours": checkin.sleep_hours,
            "sleep_quality": checkin.sleep_quality,
            "practices": checkin.practices,
            "journal": checkin.journal,
            "is_private": checkin.is_private,
        }
        keys = {effect["key"]: index for index, effect in enumerate(patient_side_effects())}
        unlisted = []
        for effect in checkin.side_effects.all():
            if effect.is_own_words:
                initial["other_effect"], initial["other_severity"] = (
                    effect.description,
                    effect.severity,
                )
            elif effect.key in keys:
                initial[f"effect_{keys[effect.key]}"] = effect.severity
            else:
                unlisted.append(effect)
        # An effect saved before it left the checklist would be dropped by the
        # next save (a save replaces the day's effects): keep it in the patient's
        # own words, where they can see it and clear it.
        if unlisted and "other_effect" not in initial:
            order = [value for value, _label in SideEffectSeverity.choices]
            initial["other_effect"] = "; ".join(e.description for e in unlisted)[
                :SIDE_EFFECT_TEXT_MAX_LENGTH
            ]
            initial["other_severity"] = max((e.severity for e in unlisted), key=order.index)
        return initial


# Offered first: the zones most patients live in, by where clinics are.
COMMON_TIMEZONES = [
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Phoenix",
    "America/Los_Angeles",
    "America/Anchorage",
    "Pacific/Honolulu",
    "America/Toronto",
    "America/Vancouver",
    "America/Mexico_City",
    "America/Bogota",
    "America/Sao_Paulo",
    "Europe/London",
    "Europe/Dublin",
    "Europe/Lisbon",
    "Europe/Madrid",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Amsterdam",
    "Europe/Rome",
    "Europe/Athens",
    "Africa/Johannesburg",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Perth",
    "Australia/Sydney",
    "Pacific/Auckland",
    "UTC",
]
# Where people live; "Etc/", "US/", "Factory", "localtime" and the other
# names kept only for old systems are in none of these.
TIMEZONE_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


def timezone_label(name: str) -> str:
    """'America/Argentina/Buenos_Aires' -> 'Buenos Aires (America, Argentina)'."""
    if "/" not in name:
        return name
    *areas, city = name.split("/")
    return f"{city.replace('_', ' ')} ({', '.join(areas).replace('_', ' ')})"


@cache
def timezone_names() -> list[str]:
    """The time zones a person picks from: the names in the time-zone
    database's country table (zone.tab, which leaves out the legacy aliases
    such as 'Asia/Calcutta' and 'US/Eastern'), plus UTC; without that table,
    every zone under a continent or ocean."""
    available = available_timezones()
    names = set()
    for directory in zoneinfo.TZPATH:
        table = Path(directory) / "zone.tab"
        if table.is_file():
            for line in table.read_text(encoding="utf-8").splitlines():
                fields = line.split("\t")
                if not line.startswith("#") and len(fields) >= 3:
                    names.add(fields[2])
            break
    if not names:
        names = {name for name in available if name.startswith(TIMEZONE_AREAS)}
    return sorted((names & available) | {"UTC"})


def timezone_choices(current: str = ""):
    """Common zones first, then the others by city; a saved zone no longer in
    the list (an older name) stays selectable, so the page never silently
    changes it."""
    names = timezone_names()
    common = [name for name in COMMON_TIMEZONES if name in names]
    rest = sorted((name for name in names if name not in common), key=timezone_label)
    if current and current not in names and current in available_timezones():
        common.insert(0, current)
    return [
        (_("Common time zones"), [(name, timezone_label(name)) for name in common]),
        (_("Every other time zone, by city"), [(name, timezone_label(name)) for name in rest]),
    ]


class SeverityField(forms.ChoiceField):
    """One side-effect row's answer. Nearly every row of nearly every check-in
    is left at "Not today": that answer returns at once, without the choice
    lookup and validators (the checklist has 14 rows, and the check-in POST is
    benchmarked; docs/BENCHMARKS.md)."""

    def clean(self, value):
        if value in self.empty_values:
            return ""
        return super().clean(value)


def _lazy_words(text: str):
    """A fixture's label, translated when shown (the fixtures are English)."""
    return _(text)


@cache
def _shared_fields(form_class) -> tuple[dict, list]:
    """The check-in's fields, built once: the declared ones (copied once from
    the class, so the class's own stay untouched) with the practices' choices,
    and one severity question per side effect a patient can notice
    (fixtures/components.yaml marks the rest). Never change a field of the
    result: every form shares these objects (see CheckInForm.__init__)."""
    fields = copy.deepcopy(form_class.base_fields)
    # Lazy labels, built once like the rest: each page reads them in its own
    # language (the words are in apps/diaries/translated_words.py).
    fields["practices"].choices = [(p["slug"], _lazy_words(p["label"])) for p in practices()]
    effect_fields = []
    for index, effect in enumerate(patient_side_effects()):
        name = f"effect_{index}"
        fields[name] = SeverityField(
            choices=SEVERITY_CHOICES,
            required=False,
            label=_lazy_words(effect["label"]),
            error_messages={"invalid_choice": _("Choose mild, moderate or severe.")},
        )
        effect_fields.append((name, effect))
    return fields, effect_fields


class ReminderForm(forms.Form):
    enabled = forms.BooleanField(required=False, label=_("Send me a daily reminder"))
    channel = forms.ChoiceField(
        choices=[
            ("email", _("By email")),
            ("push", _("As a notification on my phone")),
            ("both", _("Both")),
        ],
        initial="email",
        # A page from before the choice existed sends none: email, as it was.
        required=False,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
        label=_("How?"),
        error_messages={"invalid_choice": _("Choose email, a notification, or both.")},
    )
    time = forms.TimeField(
        label=_("At what time?"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        error_messages={
            "required": _("Choose a time for the reminder, for example 20:00."),
            "invalid": _("Enter a time like 20:00."),
        },
    )
    timezone = forms.ChoiceField(
        choices=[],
        label=_("In which time zone?"),
        error_messages={"invalid_choice": _("Choose a time zone from the list.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = timezone_choices(str(self.initial.get("timezone", "")))

    def clean_channel(self):
        return self.cleaned_data["channel"] or "email"
