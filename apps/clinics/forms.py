from django import forms
from django.contrib.auth import password_validation

from .models import Role


class InvitationForm(forms.Form):
    email = forms.EmailField(max_length=254)
    full_name = forms.CharField(max_length=150, required=False, label="Name")
    role = forms.ChoiceField(choices=Role.choices)
    primary_clinician = forms.ChoiceField(
        required=False,
        help_text="For a patient: the clinician who receives their alerts first.",
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
    full_name = forms.CharField(max_length=150, label="Your name")
    password1 = forms.CharField(
        label="Choose a password",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label="The same password again",
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean_full_name(self):
        name = self.cleaned_data["full_name"].strip()
        if not name:
            raise forms.ValidationError("Please tell us your name.")
        return name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are not the same.")
        elif first:
            from django.contrib.auth import get_user_model

            probe = get_user_model()(email=self.email, full_name=data.get("full_name", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
