from django.conf import settings
from django.db import models


class AccessEvent(models.Model):
    """Who saw which patient's data, when and from where. Append-only:
    nothing in the app updates or deletes these rows."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
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
