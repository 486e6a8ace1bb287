from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

JOURNAL_MAX_LENGTH = 20_000


class CheckIn(models.Model):
    """A patient's entry for one day of their own calendar (one per day)."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField(help_text="The day in the patient's own time zone.")
    mood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    journal = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-local_date"]
        constraints = [
            models.UniqueConstraint(fields=["patient", "local_date"], name="one_checkin_per_day"),
            models.CheckConstraint(
                condition=models.Q(mood__gte=0, mood__lte=10), name="mood_between_0_and_10"
            ),
        ]
        indexes = [models.Index(fields=["patient", "-local_date"])]

    def __str__(self):
        return f"Check-in {self.local_date} (mood {self.mood})"


# Questionnaires
#
# The definitions and scoring are pure (apps/diaries/instruments/); these rows
# hold what a clinician asked for and what a patient answered.

from .instruments import INSTRUMENTS  # noqa: E402  (kept in this block for easy merging)

INSTRUMENT_CHOICES = [(slug, instrument.name) for slug, instrument in INSTRUMENTS.items()]


class QuestionnaireSchedule(models.Model):
    """How often a clinician wants a patient to answer one questionnaire."""

    class Unit(models.TextChoices):
        DAYS = "days", "days"
        WEEKS = "weeks", "weeks"

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_schedules"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=16, choices=INSTRUMENT_CHOICES)
    every = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(52)]
    )
    unit = models.CharField(max_length=8, choices=Unit.choices, default=Unit.WEEKS)
    starts_on = models.DateField()
    is_active = models.BooleanField(default=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["instrument"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "instrument"], name="one_schedule_per_patient_instrument"
            ),
            models.CheckConstraint(
                condition=models.Q(every__gte=1), name="questionnaire_every_at_least_1"
            ),
        ]

    def __str__(self):
        return f"{self.get_instrument_display()} every {self.every} {self.unit}"

    @property
    def every_days(self) -> int:
        return self.every * (7 if self.unit == self.Unit.WEEKS else 1)


class QuestionnaireResponse(models.Model):
    """One completed questionnaire: the answers as given, and the score the
    pure scorer gave them at the time (stored, so a later change to a band
    never rewrites what the clinician saw)."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="questionnaire_responses"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=16, choices=INSTRUMENT_CHOICES)
    local_date = models.DateField(help_text="The day in the patient's own time zone.")
    answers = models.JSONField()
    total = models.PositiveSmallIntegerField(null=True, blank=True)  # C-SSRS has none
    band = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-local_date", "-created_at"]
        constraints = [
            # A double submit or a second tab never makes two responses.
            models.UniqueConstraint(
                fields=["patient", "instrument", "local_date"],
                name="one_response_per_instrument_per_day",
            ),
        ]
        indexes = [models.Index(fields=["patient", "instrument", "-local_date"])]

    def __str__(self):
        return f"{self.get_instrument_display()} {self.local_date}: {self.total} ({self.band})"
