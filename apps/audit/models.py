from django.conf import settings
from django.db import models

from .labels import action_label


class AccessEvent(models.Model):
    """Who saw which patient's data, when and from where. Append-only:
    nothing in the app updates or deletes these rows."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The trail outlives the people in it: a deleted account leaves its id
        # behind rather than an UPDATE the append-only trigger would refuse.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The trail outlives the people in it: a deleted account leaves its id
        # behind rather than an UPDATE the append-only trigger would refuse.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    action = models.CharField(max_length=64)
    path = models.CharField(max_length=500, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["patient", "-at"])]

    def __str__(self):
        return f"{self.actor} {self.action} {self.patient} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def action_label(self) -> str:
        return action_label(self.action)


class ChangeRecord(models.Model):
    """Who changed which clinical record, what, and when: a generic history
    for records without their own (care team, safety plan, risk settings).
    Append-only like the access trail."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The trail outlives the people in it: a deleted account leaves its id
        # behind rather than an UPDATE the append-only trigger would refuse.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        # The trail outlives the people in it: a deleted account leaves its id
        # behind rather than an UPDATE the append-only trigger would refuse.
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    record = models.CharField(max_length=64)
    summary = models.CharField(max_length=500)
    changes = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["patient", "-at"])]

    def __str__(self):
        return f"{self.actor} changed {self.record} of {self.patient}"
