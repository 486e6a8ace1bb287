"""A blinded n-of-1 trial on a patient's plan (issue 20).

Weeks are randomised to the active dose or an identical-looking empty
capsule in balanced blocks. The allocation is sealed: stored encrypted, read
only by the preparer's sheet before the end, and by the result once the
trial has ended or was unblinded early. The envelope codes say nothing about
the arm, so they may appear anywhere.
"""

import json
from datetime import date, timedelta

from django.conf import settings
from django.db import models

from apps.accounts.encryption import EncryptedTextField

OUTCOMES = {
    "mood": "Mood",
    "anxiety": "Anxiety",
    "energy": "Energy",
    "sleep_quality": "Sleep quality",
    "phq9": "PHQ-9 (depression questionnaire)",
    "gad7": "GAD-7 (anxiety questionnaire)",
}
# The daily check-in's answers; the questionnaires count only where scheduled.
DAILY_OUTCOMES = ("mood", "anxiety", "energy", "sleep_quality")
QUESTIONNAIRE_OUTCOMES = ("phq9", "gad7")


class TrialState(models.TextChoices):
    SET_UP = "set_up", "Set up, not started"
    RUNNING = "running", "Running"
    ENDED = "ended", "Ended"
    UNBLINDED = "unblinded", "Unblinded early"


class Guess(models.TextChoices):
    ACTIVE = "active", "Active"
    PLACEBO = "placebo", "Placebo"
    UNSURE = "unsure", "Not sure"


class Trial(models.Model):
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="trials"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("protocols.Plan", on_delete=models.CASCADE, related_name="+")
    weeks = models.PositiveSmallIntegerField()
    block_weeks = models.PositiveSmallIntegerField(default=2)
    start_date = models.DateField()
    outcomes = models.JSONField(default=list)
    preparer_name = models.CharField(max_length=200)
    # Stored, not worked out from the dates, only for the two states a person
    # decides: set up, and unblinded early. Running and ended follow from the
    # dates (state_on), so no job has to flip them at midnight.
    state = models.CharField(max_length=12, choices=TrialState.choices, default=TrialState.SET_UP)
    # The sealed allocation: JSON list of "active"/"placebo", one per week.
    # Encrypted so a database dump, an export or an admin page shows noise.
    sealed_allocation = EncryptedTextField()
    codes = models.JSONField(default=list, help_text="One envelope code per week.")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    unblinded_at = models.DateTimeField(null=True, blank=True)
    unblinded_on = models.DateField(null=True, blank=True)
    unblinded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unblind_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-created_at"])]

    def __str__(self):
        # Never the allocation: this string can end up in logs and the admin.
        return f"Blinded trial #{self.pk} ({self.weeks} weeks from {self.start_date})"

    @property
    def end_date(self) -> date:
        """The last planned day of the trial."""
        return self.start_date + timedelta(days=self.weeks * 7 - 1)

    @property
    def result_opens_on(self) -> date:
        """The day the allocation is unsealed: the day after the last."""
        return self.end_date + timedelta(days=1)

    @property
    def last_day(self) -> date:
        """The last day that counts: the day before an early unblinding, or the end."""
        if self.unblinded_on is not None:
            return min(self.end_date, self.unblinded_on - timedelta(days=1))
        return self.end_date

    def state_on(self, today: date) -> str:
        if self.state == TrialState.UNBLINDED:
            return TrialState.UNBLINDED
        if today > self.end_date:
            return TrialState.ENDED
        if today >= self.start_date:
            return TrialState.RUNNING
        return TrialState.SET_UP

    def is_open_on(self, today: date) -> bool:
        """Set up or running: a new trial cannot start beside it."""
        return self.state_on(today) in (TrialState.SET_UP, TrialState.RUNNING)

    def is_unsealed_on(self, today: date) -> bool:
        return self.state_on(today) in (TrialState.ENDED, TrialState.UNBLINDED)

    def week_of(self, local_date: date) -> int | None:
        """0-based week of the trial for a date, or None outside it."""
        if not (self.start_date <= local_date <= self.end_date):
            return None
        return (local_date - self.start_date).days // 7

    def code_for(self, local_date: date) -> str | None:
        week = self.week_of(local_date)
        return None if week is None else self.codes[week]

    def days(self) -> list[date]:
        return [self.start_date + timedelta(days=n) for n in range(self.weeks * 7)]

    # The sealed allocation is read through these two only: the preparer's
    # sheet (allocation_for_sheet) and the unsealed result (allocation_unsealed).
    def _allocation(self) -> tuple[str, ...]:
        return tuple(json.loads(self.sealed_allocation))

    def allocation_for_sheet(self) -> tuple[str, ...]:
        return self._allocation()

    def allocation_unsealed(self, today: date) -> tuple[str, ...] | None:
        return self._allocation() if self.is_unsealed_on(today) else None


class TrialDay(models.Model):
    """What the patient logged on one day of a trial: the code of the envelope
    they took from, and what they think they took."""

    trial = models.ForeignKey(Trial, on_delete=models.CASCADE, related_name="trial_days")
    local_date = models.DateField()
    code = models.CharField(max_length=8, blank=True)
    code_logged_at = models.DateTimeField(null=True, blank=True)
    guess = models.CharField(max_length=8, choices=Guess.choices, blank=True)
    guessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["local_date"]
        constraints = [
            models.UniqueConstraint(fields=["trial", "local_date"], name="one_trial_day_per_date")
        ]

    def __str__(self):
        return f"Trial #{self.trial_id}, {self.local_date}"
