from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q

from apps.accounts.encryption import EncryptedTextField

SESSION_NOTES_MAX_LENGTH = 20_000


class Session(models.Model):
    """A therapy session a clinician held or has booked with a patient. The
    notes are the clinician's own: never shown to the patient."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapy_sessions"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    date = models.DateField()
    # Encrypted at rest (issue 8), like the journal and the safety plan.
    notes = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            # A double submit never books the same day twice.
            models.UniqueConstraint(fields=["patient", "date"], name="one_session_per_patient_day")
        ]
        indexes = [models.Index(fields=["patient", "-date"])]

    def __str__(self):
        return f"Session {self.date}"


class ExportQuerySet(models.QuerySet):
    def past_keeping(self, now):
        """Built files whose keeping time is over (downloadable no more, and
        the retention job's to wipe). A row built before expires_at existed
        is judged by when it was made."""
        legacy_cutoff = now - timedelta(days=settings.EXPORT_KEEP_DAYS)
        return self.filter(state=Export.State.DONE).filter(
            Q(expires_at__lte=now) | Q(expires_at__isnull=True, created_at__lte=legacy_cutoff)
        )


class Export(models.Model):
    """One patient's data for a date range, built in the background when large.
    Only the clinician who asked may download it, and only for
    EXPORT_KEEP_DAYS: then the file is wiped and the row stays as the record
    of who exported what."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        FHIR = "fhir", "FHIR R4 Bundle (JSON)"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"
        EXPIRED = "expired", "Expired"

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    format = models.CharField(max_length=8, choices=Format.choices)
    first = models.DateField()
    last = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Percent done.")
    # The built file holds journal text: encrypted at rest like its source.
    content = EncryptedTextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Each claim counts an attempt, and its number identifies the claim: a
    # worker whose claim was taken back writes nothing when it finishes.
    attempts = models.PositiveSmallIntegerField(default=0)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    expired_at = models.DateTimeField(null=True, blank=True)

    objects = ExportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["state", "created_at"])]

    def __str__(self):
        return f"{self.get_format_display()} {self.first}–{self.last} ({self.state})"

    def is_past_keeping(self, now) -> bool:
        """Expired, or built and past its keeping time though not yet wiped
        (the same rule as ExportQuerySet.past_keeping)."""
        if self.state == self.State.EXPIRED:
            return True
        return self.state == self.State.DONE and self.keep_until() <= now

    def keep_until(self):
        """When the built file stops being downloadable (None until built)."""
        if self.state != self.State.DONE and self.state != self.State.EXPIRED:
            return None
        if self.expires_at is not None:
            return self.expires_at
        return self.created_at + timedelta(days=settings.EXPORT_KEEP_DAYS)


class MoodSummary(models.Model):
    """What the caseload ranks a patient by from their check-ins, added up
    once rather than on every view: over the SPARKLINE_DAYS to `as_of`, the
    number of answers and the sums of the latest week's moods and of the ones
    before; and which of the days before `as_of` were answered (bit n set:
    answered on as_of minus n+1 days).

    Trusted only while `facts_version` equals `version` and `as_of` is the
    viewer's today. Every write to the check-ins table bumps `version`, by a
    database trigger (migration 0004), so no write path (a form, a bulk
    update, COPY, a retention purge) can leave a stale summary behind. The
    facts are stamped with the version read in the same statement as the
    check-ins they add up (mood_summary.refresh): a check-in committed before
    they are stored has already moved `version` on, so they never pass as
    fresh, and the next view adds them up again.

    `patient_id` is a plain column, not a foreign key: the trigger upserts a
    row when a patient's check-ins are deleted along with the patient, and an
    orphan row is harmless (readers look up ids they may see)."""

    patient_id = models.BigIntegerField(primary_key=True)
    version = models.BigIntegerField(db_default=0)
    facts_version = models.BigIntegerField(null=True)
    as_of = models.DateField(null=True)
    answers = models.PositiveSmallIntegerField(db_default=0)
    recent_sum = models.PositiveIntegerField(db_default=0)
    earlier_sum = models.PositiveIntegerField(db_default=0)
    answered_days = models.PositiveIntegerField(db_default=0)

    def __str__(self):
        return f"Mood summary of patient {self.patient_id} as of {self.as_of}"
