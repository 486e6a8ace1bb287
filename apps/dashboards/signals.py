"""A deleted patient's mood summary goes with them.

Deleting a patient deletes their check-ins first, whose trigger upserts a
summary row (MoodSummary has no foreign key, so nothing cascades to it);
this removes that row once the patient is gone.
"""

from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import MoodSummary


@receiver(post_delete, sender=settings.AUTH_USER_MODEL, dispatch_uid="mood_summary_forget")
def mood_summary_forget(sender, instance, **kwargs):
    MoodSummary.objects.filter(patient_id=instance.pk).delete()
