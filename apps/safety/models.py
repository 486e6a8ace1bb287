from django.conf import settings
from django.db import models

from apps.accounts.encryption import EncryptedCharField, EncryptedTextField


class HealthProfile(models.Model):
    """What a patient tells the clinic about their health at intake, kept up
    to date by the patient and their clinician. None means "not answered",
    which screening treats as unknown (no flag), never as "no"."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="health_profile"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    conditions = models.JSONField(default=list, blank=True)
    medications = models.JSONField(default=list, blank=True)
    allergies = models.JSONField(default=list, blank=True)
    family_history = models.JSONField(default=list, blank=True)
    pregnant = models.BooleanField(null=True, blank=True)
    breastfeeding = models.BooleanField(null=True, blank=True)
    recent_trauma_months = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Months since a traumatic event; empty if none known."
    )
    has_therapist = models.BooleanField(null=True, blank=True)
    housing_stable = models.BooleanField(null=True, blank=True)
    support_person = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SCREENED_FIELDS = [
        "conditions",
        "medications",
        "allergies",
        "family_history",
        "pregnant",
        "breastfeeding",
        "recent_trauma_months",
        "has_therapist",
        "housing_stable",
    ]
    TRACKED_FIELDS = [*SCREENED_FIELDS, "support_person"]

    def __str__(self):
        return f"Health profile of {self.patient}"

    def as_screening_input(self) -> dict:
        """The plain dict the pure screening engine reads; unanswered fields
        are left out, which it treats as unknown."""
        data = {}
        for name in self.SCREENED_FIELDS:
            value = getattr(self, name)
            if value is None or value == []:
                continue
            data[name] = value
        return data


class HealthProfileChange(models.Model):
    """One save of a health profile: who, when, and each field's before and
    after. Never updated or deleted by the app."""

    profile = models.ForeignKey(HealthProfile, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    # {"medications": {"before": [...], "after": [...]}, ...}
    changes = models.JSONField()

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"Change to {self.profile} at {self.changed_at:%Y-%m-%d %H:%M}"


class ScreeningRun(models.Model):
    """The result of screening a patient's profile (and plan) against the
    contraindication rules. The newest run is the one in force; older runs
    are the history."""

    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="screening_runs"
    )
    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    trigger = models.CharField(max_length=64)
    components = models.JSONField(default=list)
    doses = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=list)
    eligible = models.BooleanField()
    # Counts kept beside the flags so a caseload can show them without
    # reading every run's JSON.
    absolute_count = models.PositiveSmallIntegerField(default=0)
    relative_count = models.PositiveSmallIntegerField(default=0)
    rules_version = models.CharField(max_length=64, blank=True)
    ran_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-ran_at", "-pk"]
        indexes = [models.Index(fields=["patient", "-ran_at"])]

    def __str__(self):
        return f"Screening of {self.patient} at {self.ran_at:%Y-%m-%d %H:%M}"

    @property
    def absolute_flags(self):
        return [flag for flag in self.flags if flag["severity"] == "absolute"]

    @property
    def relative_flags(self):
        return [flag for flag in self.flags if flag["severity"] == "relative"]


class RiskSettings(models.Model):
    """A patient's own alert thresholds, set by their clinician; a rule not
    named here uses the clinic default (fixtures/alert_rules.yaml)."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="risk_settings"
    )
    # {"very_low_mood": {"threshold": 3}, "sustained_low": {"count": 4}}
    overrides = models.JSONField(default=dict, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name_plural = "risk settings"

    def __str__(self):
        return f"Risk settings of {self.patient}"


class SafetyPlan(models.Model):
    """The patient's safety plan (Stanley–Brown sections) and support plan
    (the seed document's): written with their clinician, shown on the crisis
    page. Every section is encrypted at rest."""

    patient = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="safety_plan"
    )
    warning_signs = EncryptedTextField(blank=True)
    internal_coping = EncryptedTextField(blank=True)
    distractions = EncryptedTextField(blank=True, help_text="People and places that distract")
    people_to_ask = EncryptedTextField(blank=True, help_text="People I can ask for help")
    professionals = EncryptedTextField(blank=True, help_text="Professionals and crisis lines")
    safe_environment = EncryptedTextField(blank=True, help_text="Making the environment safe")
    trusted_person = EncryptedCharField(max_length=300, blank=True)
    provider_contact = EncryptedCharField(max_length=300, blank=True)
    # How the care team reaches the patient and their trusted person in a crisis
    # (the alert page's call links). Kept with the plan the patient and care team
    # write together, encrypted like it; not on the crisis page (filled_sections).
    patient_phone = EncryptedCharField(max_length=40, blank=True)
    trusted_person_phone = EncryptedCharField(max_length=40, blank=True)
    stopping_plan = EncryptedTextField(blank=True, help_text="A plan for stopping the protocol")
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    SECTIONS = [
        ("warning_signs", "Warning signs that a crisis may be developing"),
        ("internal_coping", "Things I can do on my own to take my mind off my problems"),
        ("distractions", "People and places that help me feel better"),
        ("people_to_ask", "People I can ask for help"),
        ("professionals", "Professionals and services I can contact"),
        ("safe_environment", "Making my surroundings safe"),
        ("trusted_person", "My trusted support person"),
        ("provider_contact", "My provider's contact"),
        ("stopping_plan", "My plan for stopping the protocol if I need to"),
    ]
    # Phone numbers, edited on the same form but not plan sections.
    CONTACTS = [
        ("patient_phone", "My phone number"),
        ("trusted_person_phone", "My trusted support person's phone number"),
    ]

    def __str__(self):
        return f"Safety plan of {self.patient}"

    @property
    def filled_sections(self) -> list[tuple[str, str]]:
        return [
            (label, getattr(self, name)) for name, label in self.SECTIONS if getattr(self, name)
        ]

    @property
    def is_empty(self):
        return not self.filled_sections


class CrisisExample(models.Model):
    """A clinician's judgement of one journal entry, kept per clinic as a labelled
    example for measuring the crisis detector on the clinic's own data
    (`manage.py crisis_eval` reads the export). Written by apps/safety/feedback.py.

    One per check-in and clinician (a DECISION: two clinicians may judge the same
    entry differently, and neither answer silently replaces a colleague's); a
    clinician's later answer replaces their earlier one, with the change audited.
    `text` is a snapshot of the entry at the time of labelling, encrypted like the
    journal; empty for a private entry, whose text the clinician may not read."""

    class Label(models.TextChoices):
        REAL = "real", "A real concern"
        NOT = "not", "Not a concern"
        MISSED = "missed", "Should have alerted"

    clinic = models.ForeignKey("clinics.Clinic", on_delete=models.CASCADE, related_name="+")
    patient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    # Deleting the entry (or the patient, under the clinic's retention) deletes the
    # example and its snapshot with it.
    checkin = models.ForeignKey("diaries.CheckIn", on_delete=models.CASCADE, related_name="+")
    alert = models.ForeignKey(
        "alerts.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    label = models.CharField(max_length=8, choices=Label.choices)
    # The lexicon's category key (apps/safety/categories.py KINDS): what the alert
    # raised, or what the clinician says was missed; "" when not known.
    kind = models.CharField(max_length=64, blank=True)
    note = EncryptedTextField(blank=True)
    text = EncryptedTextField(blank=True)
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    labelled_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["checkin", "labelled_by"], name="crisis_example_one_per_entry_and_person"
            )
        ]
        indexes = [models.Index(fields=["clinic", "-labelled_at"])]

    def __str__(self):
        return f"{self.get_label_display()} (check-in {self.checkin_id})"

    @property
    def is_crisis(self) -> bool:
        """What crisis_eval's label column means: 1 = should reach a clinician."""
        return self.label in (self.Label.REAL, self.Label.MISSED)
