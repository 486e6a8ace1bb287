from django.conf import settings
from django.db import models

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


class Export(models.Model):
    """One patient's data for a date range, built in the background when large.
    Only the clinician who asked may download it."""

    class Format(models.TextChoices):
        CSV = "csv", "CSV"
        FHIR = "fhir", "FHIR R4 Bundle (JSON)"

    class State(models.TextChoices):
        PENDING = "pending", "Waiting"
        RUNNING = "running", "Building"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

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

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_format_display()} {self.first}–{self.last} ({self.state})"
