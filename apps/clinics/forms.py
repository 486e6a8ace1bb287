from django import forms
from django.contrib.auth import password_validation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .dates import CalendarDateTimeField
from .models import Role
from .text import PersonNameField, SingleLineField

# No role is chosen for the admin: a slip of the mouse must not make someone a
# clinic admin, the most powerful role. The list starts with the commonest.
ROLE_CHOICES = [
    ("", "Choose a role"),
    (Role.PATIENT, "Patient"),
    (Role.CLINICIAN, "Clinician"),
    (Role.ADMIN, "Clinic admin"),
]
ROLE_REQUIRED = {"required": "Choose the role this person will have."}


class InvitationForm(forms.Form):
    email = forms.EmailField(max_length=254)
    full_name = PersonNameField(max_length=150, required=False, label="Name")
    role = forms.ChoiceField(choices=ROLE_CHOICES, error_messages=ROLE_REQUIRED)
    primary_clinician = forms.ChoiceField(
        required=False,
        help_text="For a patient: the clinician who receives their alerts first.",
    )
    language = forms.ChoiceField(
        required=False,
        label="Language",
        choices=[
            ("", "The clinic's (Spanish where its country speaks it)"),
            ("en", "English"),
            ("es", "Español"),
        ],
        help_text="Of the invitation email and the page that accepts it; for a patient, "
        "also of their pages and reminders (they can change it).",
    )

    def __init__(self, *args, clinicians, **kwargs):
        super().__init__(*args, **kwargs)
        self._clinicians = {str(m.user_id): m.user for m in clinicians}
        self.fields["primary_clinician"].choices = [("", "—")] + [
            (key, str(user)) for key, user in self._clinicians.items()
        ]

    def clean(self):
        data = super().clean()
        if data.get("role") == Role.PATIENT and not data.get("primary_clinician"):
            self.add_error("primary_clinician", "Choose who will look after this patient.")
        data["primary_clinician"] = self._clinicians.get(data.get("primary_clinician") or "")
        return data


class AcceptInvitationForm(forms.Form):
    # The page an invited patient sees first: in their language (issue 19; the view
    # speaks the invitation's language, or the browser's).
    full_name = PersonNameField(max_length=150, label=_("Your name"))
    password1 = forms.CharField(
        label=_("Choose a password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please tell us your name."))
        return name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords are not the same."))
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class CsvImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        # The column names are what the admin types in the file's first line.
        help_text=mark_safe(  # nosec B308: a constant, no user input
            "Columns: <code>email</code>, <code>full_name</code>, <code>role</code> "
            "(patient, clinician or admin), <code>primary_clinician</code> (a clinician's "
            "email, for patients), and if you like <code>language</code> (en or es; blank: "
            "the clinic's). UTF-8, up to 500 rows."
        ),
    )


def _timezones():
    import zoneinfo

    return sorted(zoneinfo.available_timezones())


class ClinicSettingsForm(forms.Form):
    name = SingleLineField(max_length=200)
    timezone = forms.ChoiceField(choices=())
    locale = forms.ChoiceField(
        # Countries with lines in fixtures/crisis_resources.yaml. Spain and
        # Mexico also open the crisis page in Spanish (issue 17).
        choices=[
            ("US", "United States"),
            ("GB", "United Kingdom"),
            ("CA", "Canada"),
            ("ES", "Spain"),
            ("MX", "Mexico"),
        ],
        help_text="Chooses the national crisis lines shown to patients.",
    )
    phone_number = forms.RegexField(
        label="Emergency number",
        max_length=40,
        required=False,
        regex=r"^\+?[0-9 ()\-]{3,40}$",
        error_messages={"invalid": "Digits, spaces, brackets and dashes only, e.g. +1 555 0100."},
        help_text="The clinic's own number, shown on the crisis page.",
    )
    crisis_resources = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        required=False,
        help_text="Extra crisis resources, one per line.",
    )
    retention = forms.ChoiceField(choices=())
    retention_days = forms.IntegerField(
        min_value=30,
        max_value=365 * 30,
        help_text="With deletion: days between an account closing and its records being deleted.",
    )

    def __init__(self, *args, **kwargs):
        from .models import Clinic

        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(name, name) for name in _timezones()]
        self.fields["retention"].choices = Clinic._meta.get_field("retention").choices

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("The clinic needs a name.")
        return name


class OnCallShiftForm(forms.Form):
    clinician = forms.ChoiceField()
    covers = forms.ChoiceField(required=False, help_text="Empty: every patient of the clinic.")
    starts_at = CalendarDateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = CalendarDateTimeField(widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    def __init__(self, *args, clinicians, **kwargs):
        super().__init__(*args, **kwargs)
        self._people = {str(m.user_id): m.user for m in clinicians}
        choices = [(key, str(user)) for key, user in self._people.items()]
        self.fields["clinician"].choices = choices
        self.fields["covers"].choices = [("", "Everyone")] + choices

    def clean(self):
        data = super().clean()
        data["clinician"] = self._people.get(data.get("clinician") or "")
        data["covers"] = self._people.get(data.get("covers") or "")
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_at", "A shift must end after it starts.")
            elif (ends - starts).days > 31:
                self.add_error("ends_at", "A shift can last at most 31 days.")
        return data


class AddExistingForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Their email")
    role = forms.ChoiceField(
        choices=[c for c in ROLE_CHOICES if c[0] != Role.PATIENT], error_messages=ROLE_REQUIRED
    )
