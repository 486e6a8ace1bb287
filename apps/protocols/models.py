from django.conf import settings
from django.db import models
from django.db.models import Q

from .schedule import Pattern


class Component(models.Model):
    """Something a plan can contain. Rows without a clinic come from
    fixtures/components.yaml (apps/protocols/catalog.py); a clinic adds its own."""

    clinic = models.ForeignKey(
        "clinics.Clinic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=120)
    unit = models.CharField(max_length=20)
    # The range a clinician may plan, in `unit`; null: the source names none.
    range_low = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    range_high = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    source = models.TextField()
    parts = models.JSONField(default=list, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clinic_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "slug"], name="component_slug_per_clinic"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(clinic=None), name="catalog_component_slug"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def range_text(self) -> str:
        if self.range_low is None and self.range_high is None:
            return "no range named by the source"
        low, high = _plain(self.range_low), _plain(self.range_high)
        return f"{low} {self.unit}" if low == high else f"{low}–{high} {self.unit}"


def _plain(number) -> str:
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


class ProtocolTemplate(models.Model):
    clinic = models.ForeignKey(
        "clinics.Clinic", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    slug = models.SlugField(max_length=60)
    name = models.CharField(max_length=200)
    source = models.TextField()
    # {"initial": {"months": {"min":, "max":}, "purpose":, "source":}, ...}
    phases = models.JSONField(default=dict)
    breaks = models.JSONField(default=dict)
    observe_days = models.PositiveSmallIntegerField(default=7)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["clinic_id", "name"]
        constraints = [
            models.UniqueConstraint(fields=["clinic", "slug"], name="template_slug_per_clinic"),
            models.UniqueConstraint(
                fields=["slug"], condition=Q(clinic=None), name="catalog_template_slug"
            ),
        ]

    def __str__(self):
        return self.name

    def months(self, phase: str) -> tuple[int, int | None]:
        months = (self.phases.get(phase) or {}).get("months") or {}
        return months.get("min") or 0, months.get("max")


class TemplateItem(models.Model):
    template = models.ForeignKey(ProtocolTemplate, on_delete=models.CASCADE, related_name="items")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=10, decimal_places=4)
    unit = models.CharField(max_length=20)
    pattern = models.JSONField(default=dict)
    source = models.TextField()
    pattern_source = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.component} in {self.template}"

    @property
    def pattern_obj(self) -> Pattern:
        return Pattern.from_dict(self.pattern)


class PlanStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused (on a break)"
    ENDED = "ended", "Ended"


class Plan(models.Model):
    """A patient's assigned protocol. Changes, pauses and the end are kept:
    doses as PlanItem versions, breaks as PlanPause rows, everything as PlanEvent."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="protocol_plans"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    template = models.ForeignKey(
        ProtocolTemplate, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.ACTIVE)
    start_date = models.DateField()
    initial_months = models.PositiveSmallIntegerField()
    maintenance_months = models.PositiveSmallIntegerField()
    break_every_days = models.PositiveSmallIntegerField(default=0)
    break_length_days = models.PositiveSmallIntegerField(default=0)
    observe_days = models.PositiveSmallIntegerField(default=7)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=500, blank=True)
    screening = models.ForeignKey(
        "safety.ScreeningRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A profile change screened in flags this plan was not gated on: the run
    # that found them, until a care-team clinician reviews the plan.
    review_screening = models.ForeignKey(
        "safety.ScreeningRun", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An absolute flag overridden: the reason stays on the patient's record.
    override_reason = models.TextField(blank=True)
    overridden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["patient"],
                condition=Q(status__in=["active", "paused"]),
                name="one_open_plan_per_patient",
            ),
        ]

    def __str__(self):
        return f"{self.name} for {self.patient}"

    @property
    def is_open(self) -> bool:
        return self.status != PlanStatus.ENDED


class PlanItem(models.Model):
    """One component's dose and pattern from `effective_from` until
    `effective_to` (exclusive; null: still in force)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=10, decimal_places=4)
    unit = models.CharField(max_length=20)
    pattern = models.JSONField(default=dict)
    effective_from = models.DateField()
    effective_to = models.DateField(null=True, blank=True)
    # Day 1 of the pattern's cycle: a dose change alone does not restart it.
    pattern_since = models.DateField()
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    set_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["component_id", "effective_from", "pk"]
        indexes = [models.Index(fields=["plan", "component", "effective_from"])]

    def __str__(self):
        return f"{self.component} {self.amount} {self.unit} from {self.effective_from}"

    @property
    def pattern_obj(self) -> Pattern:
        return Pattern.from_dict(self.pattern)


class PlanPause(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="pauses")
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)  # the day dosing resumed
    reason = models.CharField(max_length=500, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["starts_on", "pk"]

    def __str__(self):
        return f"Break from {self.starts_on}"


class PlanEvent(models.Model):
    """The plan's history, append-only: who did what, when, and why."""

    ASSIGNED, CHANGED, PAUSED, RESUMED, ENDED = "assigned", "changed", "paused", "resumed", "ended"
    OVERRIDDEN, ACKNOWLEDGED = "overridden", "acknowledged"
    EARLY_CHANGE = "early_change"
    # A profile change brought new flags (needs review); a clinician reviewed them.
    SCREENING_CHANGED, REVIEWED = "screening_changed", "reviewed"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.kind} at {self.at:%Y-%m-%d %H:%M}"

    @property
    def kind_label(self) -> str:
        """What happened, in words (the plan page and the timeline show it)."""
        return KIND_WORDS.get(self.kind) or self.kind.replace("_", " ").capitalize()


KIND_WORDS = {
    PlanEvent.ASSIGNED: "Plan started",
    PlanEvent.CHANGED: "Doses changed",
    PlanEvent.PAUSED: "Paused",
    PlanEvent.RESUMED: "Resumed",
    PlanEvent.ENDED: "Ended",
    PlanEvent.OVERRIDDEN: "Continued despite a screening flag",
    PlanEvent.ACKNOWLEDGED: "Cautions acknowledged",
    PlanEvent.EARLY_CHANGE: "Changed before a week of observation",
    PlanEvent.SCREENING_CHANGED: "Screening changed: needs review",
    PlanEvent.REVIEWED: "Screening change reviewed",
}


class DoseStatus(models.TextChoices):
    TAKEN = "taken", "Taken"
    SKIPPED = "skipped", "Skipped"


class DoseLog(models.Model):
    """What the patient actually took (or skipped) of one component on one of
    their local days. Lives here rather than in diaries (DESIGN.md) because
    adherence is measured against the plan; see docs/ARCHITECTURE.md."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="dose_logs")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dose_logs"
    )
    component = models.ForeignKey(Component, on_delete=models.PROTECT, related_name="+")
    local_date = models.DateField()
    status = models.CharField(max_length=10, choices=DoseStatus.choices)
    amount = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    unit = models.CharField(max_length=20, blank=True)
    taken_at = models.TimeField(null=True, blank=True)  # the patient's local time
    skip_reason = models.CharField(max_length=500, blank=True)
    as_planned = models.BooleanField(default=False)
    logged_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["local_date", "component_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "component", "local_date"], name="one_dose_log_per_component_day"
            ),
        ]
        indexes = [models.Index(fields=["patient", "local_date"])]

    def __str__(self):
        return f"{self.component} {self.status} on {self.local_date}"
