# Alerts themselves carry patient data: they are read through the clinician
# pages, which go through clinics/access.py and record every access. A clinic's
# alert policy is configuration, not patient data.
from django.contrib import admin

from .models import AlertPolicy


@admin.register(AlertPolicy)
class AlertPolicyAdmin(admin.ModelAdmin):
    list_display = ["clinic", "digest_hour", "webhook_url"]
