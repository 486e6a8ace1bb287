from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

JOURNAL_MAX_LENGTH = 20_000


class CheckIn(models.Model):
    """A patient's entry for one day of their own calendar (one per day)."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    local_date = models.DateField(help_text="The day in the patient's own time zone.")
    mood = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    journal = models.TextField(blank=True)
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
        indexes = [models.Index(fields=["patient", "-local_date"])]

    def __str__(self):
        return f"Check-in {self.local_date} (mood {self.mood})"
