from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from apps.safety.services import CRISIS_LANGUAGE

from .rule_words import rule_words


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
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.TextField(blank=True)
    # Low and moderate alerts wait for the daily digest instead of paging.
    in_digest = models.BooleanField(default=False)
    # 0: primary clinician, 1: on-call clinician, 2: clinic admins.
    escalation_level = models.PositiveSmallIntegerField(default=0)
    next_escalation_at = models.DateTimeField(null=True, blank=True, db_index=True)

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

    @property
    def kind_words(self) -> str:
        """What this alert is about, in words (apps/alerts/rule_words.py)."""
        return rule_words(self.rule)

    @property
    def second_reading(self) -> dict | None:
        """Set when the second reading lowered this crisis-language finding to the
        digest (apps/safety/services.py): the readers' score and the threshold it was
        below. Every page that tells a lowered finding from a same-day one asks here."""
        if self.rule != CRISIS_LANGUAGE:
            return None
        return (self.evidence or {}).get("second_reading")

    @property
    def escalation_label(self):
        return Escalation.LABELS.get(self.escalation_level, "")

    # The alert's pages, for templates. Cached per object; a list page fills
    # them for all its alerts at once with alert_links_add.
    @cached_property
    def detail_url(self) -> str:
        return reverse("alerts:detail", args=[self.pk])

    @cached_property
    def acknowledge_url(self) -> str:
        return reverse("alerts:acknowledge", args=[self.pk])

    @cached_property
    def resolve_url(self) -> str:
        return reverse("alerts:resolve", args=[self.pk])


LINKS = ("detail", "acknowledge", "resolve")


def alert_links_add(alerts) -> None:
    """Fill each alert's three URLs with one reverse() per kind rather than
    three per alert (a list of 20 alerts spent ~3 ms in reverse)."""
    marker = 987654321
    for name in LINKS:
        pattern = reverse(f"alerts:{name}", args=[marker])
        for alert in alerts:
            alert.__dict__[f"{name}_url"] = pattern.replace(str(marker), str(alert.pk))


# What each delivery channel is called on a page (apps/alerts/channels/ has one
# module per channel; the stored name is the module's).
CHANNEL_LABELS = {"in_app": "In-app inbox", "email": "Email", "webhook": "Webhook"}


class Delivery(models.Model):
    """One attempt to send one alert through one channel."""

    class Outcome(models.TextChoices):
        SENT = "sent", "Sent"
        ERROR = "error", "Error"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField(max_length=32)

    # Who or what was sent to, as "<channel>:<key>"; sent at most once each.
    target = models.CharField(max_length=100, default="")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=16, choices=Outcome.choices)
    detail = models.CharField(max_length=500, blank=True)
    attempted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["attempted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["alert", "target"],
                condition=Q(outcome="sent"),
                name="one_successful_delivery_per_target",
            ),
        ]

    def __str__(self):
        return f"{self.channel} attempt for alert {self.alert_id}: {self.outcome}"

    @property
    def channel_label(self) -> str:
        return CHANNEL_LABELS.get(self.channel) or self.channel.replace("_", " ").capitalize()


class Escalation:
    PRIMARY = 0
    ON_CALL = 1
    ADMINS = 2
    LABELS = {PRIMARY: "primary clinician", ON_CALL: "on-call clinician", ADMINS: "clinic admins"}


class AlertPolicy(models.Model):
    """A clinic's choices about alerts. Anything left empty (or a clinic
    without a row) takes docs/CLINICAL_REFERENCE.md's default from fixtures/alert_rules.yaml;
    see alerts.policy.policy_for."""

    clinic = models.OneToOneField(
        "clinics.Clinic", on_delete=models.CASCADE, related_name="alert_policy"
    )
    # Channels per severity for immediate alerts, e.g. {"critical": ["in_app", "email"]}.
    channels = models.JSONField(default=dict, blank=True)
    critical_to_on_call_minutes = models.PositiveIntegerField(null=True, blank=True)
    critical_to_admins_minutes = models.PositiveIntegerField(null=True, blank=True)
    high_to_on_call_minutes = models.PositiveIntegerField(null=True, blank=True)
    # Hour of the day, clinic time, when the digest of low and moderate alerts goes out.
    digest_hour = models.PositiveSmallIntegerField(default=8)
    webhook_url = models.URLField(blank=True)
    webhook_secret = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "alert policies"

    def __str__(self):
        return f"Alert policy of {self.clinic}"


class InboxItem(models.Model):
    """An alert in one person's in-app inbox; unread until they open it."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="inbox_items")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "user"], name="one_inbox_item_per_person"),
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self):
        return f"Alert {self.alert_id} in the inbox of {self.user_id}"


class AlertAction(models.Model):
    """What a person did about an alert (called, texted, sent emergency
    services...), in the alert's own trail. Append-only: a correction is a
    new action. The first one acknowledges an unacknowledged alert
    (alerts.services.alert_action_record)."""

    class Outcome(models.TextChoices):
        REACHED = "reached", "Called and reached the patient"
        NO_ANSWER = "no_answer", "Called, no answer or left a message"
        TEXTED = "texted", "Sent a text message"
        TRUSTED_PERSON = "trusted_person", "Contacted the trusted person"
        EMERGENCY = "emergency", "Sent emergency services"
        IN_PERSON = "in_person", "Saw the patient in person"
        OTHER = "other", "Something else (see the note)"

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="actions")
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=32, choices=Outcome.choices)
    note = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} on alert {self.alert_id}"
