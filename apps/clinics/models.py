from django.conf import settings
from django.db import models
from django.db.models import Q


class Clinic(models.Model):
    name = models.CharField(max_length=200)
    timezone = models.CharField(max_length=64, default="UTC")
    locale = models.CharField(max_length=8, default="US")
    # Shown on the crisis page beside the national lines.
    phone_number = models.CharField(max_length=40, blank=True)
    # The clinic's own crisis resources, one per line, shown beside the national ones.
    crisis_resources = models.TextField(blank=True, max_length=2000)
    retention = models.CharField(
        max_length=16,
        choices=[
            ("keep", "Keep clinical records, locked, when an account closes"),
            ("delete", "Delete clinical records a set time after an account closes"),
        ],
        default="keep",
    )
    retention_days = models.PositiveIntegerField(
        default=365 * 7, help_text="With deletion: days between closing and deleting."
    )
    # Alert thresholds for every patient of the clinic, in RiskSettings' shape
    # ({"very_low_mood": {"threshold": 3}}), validated by safety.risk.ADJUSTABLE;
    # a patient's own settings override them.
    risk_defaults = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class Role(models.TextChoices):
    ADMIN = "admin", "Clinic admin"
    CLINICIAN = "clinician", "Clinician"
    PATIENT = "patient", "Patient"


class Membership(models.Model):
    """A person's role in one clinic. Deactivating keeps the row and the data."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=16, choices=Role.choices)
    is_active = models.BooleanField(default=True)
    # A patient's language for the pages that have one (the crisis page, issue
    # 17); blank: not said, so the page goes by what they write and the clinic.
    language = models.CharField(
        max_length=8, blank=True, default="", choices=[("en", "English"), ("es", "Español")]
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "clinic"], name="one_membership_per_clinic"),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} at {self.clinic}"


class CareTeam(models.Model):
    """One link between a patient and a clinician who looks after them.

    A patient's care team is the set of these rows; exactly one of them may be
    the primary clinician, who receives the patient's alerts first.
    """

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="care_links")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="care_team"
    )
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caseload_links"
    )
    is_primary = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["patient", "clinician"], name="one_link_per_pair"),
            models.UniqueConstraint(
                fields=["patient"], condition=Q(is_primary=True), name="one_primary_clinician"
            ),
        ]

    def __str__(self):
        kind = "primary" if self.is_primary else "team"
        return f"{self.clinician} ({kind}) for {self.patient}"


class Invitation(models.Model):
    """A single-use, expiring invitation. Only a hash of the token is stored,
    so a database reader cannot accept someone else's invitation."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    full_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=16, choices=Role.choices)
    primary_clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="For a patient: the clinician who will receive their alerts.",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # The language of the email, the page that accepts it and (for a patient) their
    # pages after; blank: the clinic's (Spanish where its country speaks it).
    language = models.CharField(
        max_length=8, blank=True, default="", choices=[("en", "English"), ("es", "Español")]
    )

    def __str__(self):
        return f"Invitation for {self.email} to {self.clinic} as {self.role}"


class OnCallShift(models.Model):
    """A clinician on call for a stretch of time, covering one colleague's
    patients or (with no `covers`) every patient of the clinic."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="on_call_shifts")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="on_call_shifts"
    )
    covers = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="covered_by_shifts",
        help_text="The colleague whose patients this shift covers; empty for everyone.",
    )
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["clinic", "starts_at", "ends_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="shift_ends_after_it_starts"
            ),
        ]

    def __str__(self):
        whom = self.covers or "everyone"
        return f"{self.clinician} on call for {whom}, {self.starts_at:%Y-%m-%d %H:%M}"


class BreakGlass(models.Model):
    """Emergency access: a clinician of the patient's clinic, not on the care
    team, opened the record giving a reason. It lasts a short while and is
    reported to the clinic's admins (see audit.views.break_glass)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    clinician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="break_glass"
    )
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["clinician", "expires_at"])]

    def __str__(self):
        return f"Break-glass by {self.clinician} for {self.patient}"


class AccountClosure(models.Model):
    """A patient closed their account; under a deletion policy their records
    go at `delete_after` (clinics.tasks.closed_accounts_purge)."""

    clinic = models.ForeignKey(Clinic, on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(auto_now_add=True)
    delete_after = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Closure of {self.patient_id} at {self.closed_at:%Y-%m-%d}"
