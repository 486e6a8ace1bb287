"""The patient's language for the crisis page (issue 17): /diary/language/."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from apps.clinics import access

from .crisis_language import LANGUAGES, patient_language_set
from .locale_middleware import remember_language

CHOICES = [
    (
        "",
        "As my browser is set (the help page: also what I write)"
        " · Según mi navegador (la página de ayuda: también lo que escribo)",
    ),
    *LANGUAGES.items(),
]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(choices=CHOICES, required=False, widget=forms.RadioSelect)


@login_required
@require_http_methods(["GET", "POST"])
def language(request):
    membership = access.patient_membership(request.user)
    form = LanguageForm(request.POST or None, initial={"language": membership.language})
    if request.method == "POST" and form.is_valid():
        patient_language_set(membership=membership, language=form.cleaned_data["language"])
        # Every page from the next one on speaks it (locale_middleware).
        remember_language(request, form.cleaned_data["language"])
        # In both languages: the person may read only one of them.
        messages.success(request, "Saved. · Guardado.")
        return redirect("diaries:language")
    return render(request, "diaries/language.html", {"form": form})
