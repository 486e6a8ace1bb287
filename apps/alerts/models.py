from django.conf import settings
from django.db import models
from django.db.models import Q


class AlertState(models.TextChoices):
    PENDING = "pending", "Waiting to be sent"
    SENDING = "sending", "Being sent"
    DELIVERED = "delivered", "Delivered"
    ACKNOWLEDGED = "acknowledged", "Acknowledged"
    RESOLVED = "resolved", "Resolved"
    FAILED = "failed", "Delivery failed"


# States in which an alert still needs someone: a repeat of its rule for the
# same patient adds to it rather than raising another.
OPEN_STATES = [AlertState.PENDING, AlertState.SENDING, AlertState.DELIVERED, AlertState.FAILED]


class Alert(models.Model):
    """The outbox: written in the same transaction as the entry that raised it,
    delivered by a worker that claims it with a conditional update."""

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="alerts")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts_received",
    )
    rule = models.CharField(max_length=64)
    severity = models.CharField(max_length=16)
    summary = models.CharField(max_length=300)
    # What matched and where (spans into the journal), shown only in the app.
    evidence = models.JSONField(default=dict, blank=True)
    source_checkin_id = models.BigIntegerField(null=True, blank=True)
    occurrences = models.PositiveIntegerField(default=1)
    state = models.CharField(
        max_length=16, choices=AlertState.choices, default=AlertState.PENDING, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_seen_at = models.DateTimeField(auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    acknowledgement_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "rule"],
                condition=Q(state__in=OPEN_STATES),
                name="one_open_alert_per_patient_rule",
            ),
        ]

    def __str__(self):
        return f"{self.severity} {self.rule} for patient {self.patient_id} ({self.state})"

    @property
    def is_open(self):
        return self.state in OPEN_STATES


class Delivery(models.Model):
    """One attempt to send one alert through one channel."""

    class Outcome(models.TextChoices):
        SENT = "sent", "Sent"
        ERROR = "error", "Error"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=32)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    detail = models.CharField(max_length=500, blank=True)
    attempted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempted_at"]

    def __str__(self):
        return f"{self.channel} attempt for alert {self.alert_id}: {self.outcome}"
