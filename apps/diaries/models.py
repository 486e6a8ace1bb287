from datetime import time

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from apps.accounts.encryption import EncryptedTextField

JOURNAL_MAX_LENGTH = 20_000
SIDE_EFFECT_TEXT_MAX_LENGTH = 300


def _zero_to_ten():
    return [MinValueValidator(0), MaxValueValidator(10)]


class CheckIn(models.Model):
    """A patient's entry for one day of their own calendar (one per day)."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField(help_text="The day in the patient's own time zone.")
    mood = models.PositiveSmallIntegerField(validators=_zero_to_ten())
    # Null only on entries made before the check-in asked for them.
    anxiety = models.PositiveSmallIntegerField(null=True, blank=True, validators=_zero_to_ten())
    energy = models.PositiveSmallIntegerField(null=True, blank=True, validators=_zero_to_ten())
    sleep_hours = models.DecimalField(
        max_digits=3,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(24)],
    )
    sleep_quality = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    practices = models.JSONField(
        default=list, blank=True, help_text="Slugs from fixtures/practices.yaml."
    )
    # Encrypted at rest (issue 8); the crisis detector reads it before it is saved.
    journal = EncryptedTextField(blank=True)
    is_private = models.BooleanField(
        default=False,
        help_text="Clinicians see that the entry exists and its safety findings, not its text.",
    )
    is_late = models.BooleanField(default=False, help_text="Filled in after its day had ended.")
    # The key of the last form applied to this entry (a random UUID per page
    # load, issue 19): a draft saved offline and sent again when the signal
    # returns, or sent twice, is applied once (services.checkin_submit).
    submission_key = models.UUIDField(null=True, blank=True, editable=False)
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
        indexes = [
            # Mood rides along in the index: the caseload reads every patient's
            # last 30 days of moods, which PostgreSQL then answers from the
            # index alone (SQLite ignores `include`; models.W040 is silenced).
            models.Index(
                fields=["patient", "-local_date"], include=["mood"], name="checkin_patient_day_mood"
            ),
            # The semantic sweep asks for the entries written or changed lately.
            models.Index(fields=["updated_at"], name="checkin_updated_at"),
        ]

    def __str__(self):
        return f"Check-in {self.local_date} (mood {self.mood})"


class SemanticRead(models.Model):
    """That the semantic crisis reader has read an entry as it was at
    `updated_at` (services.checkins_semantic_sweep). Kept apart from CheckIn so
    marking an entry read is no write to the check-ins (whose triggers mark the
    caseload's mood summaries stale), and an entry with no row, or an older
    `updated_at`, is still to be read: a reading lost to a broker or a worker
    that was down is picked up by the next sweep."""

    checkin = models.OneToOneField(
        CheckIn, on_delete=models.CASCADE, primary_key=True, related_name="semantic_read"
    )
    updated_at = models.DateTimeField()
    outcome = models.CharField(max_length=16)
    read_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Semantic reading of check-in {self.checkin_id}: {self.outcome}"


class SideEffectSeverity(models.TextChoices):
    MILD = "mild", "Mild"
    MODERATE = "moderate", "Moderate"
    SEVERE = "severe", "Severe"


class SideEffect(models.Model):
    """One side effect reported in a check-in: a known effect of a component
    (its key in fixtures/components.yaml) or the patient's own words."""

    OTHER = "other"

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="side_effects")
    key = models.CharField(max_length=80, help_text='"<component>:<n>", or "other".')
    description = models.CharField(max_length=SIDE_EFFECT_TEXT_MAX_LENGTH)
    severity = models.CharField(max_length=10, choices=SideEffectSeverity.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.description} ({self.severity})"

    @property
    def is_own_words(self) -> bool:
        return self.key == self.OTHER


class ReminderChannel(models.TextChoices):
    EMAIL = "email", "Email"
    PUSH = "push", "Notification on this phone"
    BOTH = "both", "Both"


class ReminderPreference(models.Model):
    """When, if at all, a patient wants the daily reminder, and how (email, a
    push notification, or both). No row means no reminders: the patient opts
    in on the reminders page."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_preference"
    )
    enabled = models.BooleanField(default=True)
    time = models.TimeField(default=time(20, 0), help_text="Local time in `timezone`.")
    timezone = models.CharField(max_length=64, help_text="An IANA zone; the clinic's by default.")
    # The claim: the patient's local date of the last reminder sent. Set by a
    # conditional update before sending, so two workers never both send.
    last_sent_on = models.DateField(null=True, blank=True)
    channel = models.CharField(
        max_length=8, choices=ReminderChannel.choices, default=ReminderChannel.EMAIL
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        state = "on" if self.enabled else "off"
        return f"Reminders {state} at {self.time:%H:%M} {self.timezone}"


class PushSubscription(models.Model):
    """One browser's Web Push subscription (a phone or computer the patient
    allowed notifications on). The endpoint is the push service's URL for that
    browser; p256dh and auth are its keys, which encrypt what is sent."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="push_subscriptions"
    )
    endpoint = models.URLField(max_length=1000, unique=True)
    p256dh = models.CharField(max_length=200)
    auth = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Push subscription {self.pk} of patient {self.patient_id}"


class ReminderDelivery(models.Model):
    """One attempt to deliver one reminder on one channel: when, how, what
    happened, in words (the reminders' trail; a failed push falls back to
    email, and both attempts are here)."""

    class Outcome(models.TextChoices):
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        GONE = "gone", "Subscription gone"

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_deliveries"
    )
    local_date = models.DateField()
    channel = models.CharField(max_length=8)
    outcome = models.CharField(max_length=8, choices=Outcome.choices)
    detail = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"Reminder by {self.channel} on {self.local_date}: {self.outcome}"


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
