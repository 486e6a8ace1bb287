"""Clinic console pages that reach across layers (care teams and handover move
alerts; the alert policy belongs to alerts). Each view's first line is the
clinics.access helper that limits it to the admin's own clinic."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.alerts.policy import policy_for
from apps.audit.selectors import changes_for_patient
from apps.audit.services import access_record
from apps.clinics import access
from apps.clinics.selectors import care_links_of, clinicians_for_clinic, patients_of
from apps.clinics.services import ConsoleError

from .forms import SEVERITIES, AlertPolicyForm, CareLinkForm, HandoverForm, RiskDefaultsForm
from .services import (
    alert_policy_update,
    care_team_link,
    care_team_unlink,
    clinic_risk_defaults_update,
    patient_hand_over,
)


def _clinicians(clinic):
    return [m.user for m in clinicians_for_clinic(clinic=clinic)]


@login_required
@require_GET
def care_teams(request):
    clinic = access.admin_clinic_for(request.user)
    links = care_links_of(clinic=clinic).order_by("patient__full_name", "-is_primary")
    teams = {}
    for link in links:
        teams.setdefault(link.patient, []).append(link)
    for patient in patients_of(clinic=clinic).order_by("full_name"):
        teams.setdefault(patient, [])
    return render(request, "clinics/care_teams.html", {"clinic": clinic, "teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def care_team(request, patient_id):
    clinic = access.admin_clinic_for(request.user)
    patient = get_object_or_404(patients_of(clinic=clinic), pk=patient_id)
    if request.method == "GET":
        access_record(actor=request.user, patient=patient, action="view_care_team", request=request)
    links = care_links_of(clinic=clinic).filter(patient=patient)
    people = _clinicians(clinic)
    # Offer to add only clinicians who are not on the team already.
    on_team = {link.clinician_id for link in links}
    addable = [person for person in people if person.pk not in on_team]
    link_form = CareLinkForm(people=addable, prefix="link")
    handover_form = HandoverForm(people=people, prefix="handover")
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "link":
                link_form = CareLinkForm(request.POST, people=addable, prefix="link")
                if link_form.is_valid():
                    care_team_link(
                        clinic=clinic,
                        patient=patient,
                        clinician=link_form.cleaned_data["clinician"],
                        primary=False,
                        by=request.user,
                    )
                    messages.success(request, "Added to the care team.")
                    return redirect("console:care_team", patient_id=patient.pk)
            elif action == "handover":
                handover_form = HandoverForm(request.POST, people=people, prefix="handover")
                if handover_form.is_valid():
                    moved = patient_hand_over(
                        clinic=clinic,
                        patient=patient,
                        to=handover_form.cleaned_data["clinician"],
                        note=handover_form.cleaned_data["note"],
                        by=request.user,
                    )
                    messages.success(
                        request,
                        f"Handed over; {moved} open alert{'s' if moved != 1 else ''} moved "
                        "with the patient.",
                    )
                    return redirect("console:care_team", patient_id=patient.pk)
            else:
                messages.error(request, "Choose what to do.")
        except ConsoleError as error:
            messages.error(request, str(error))
    return render(
        request,
        "clinics/care_team.html",
        {
            "clinic": clinic,
            "patient": patient,
            "links": links,
            "link_form": link_form,
            "handover_form": handover_form,
            "history": changes_for_patient(patient=patient).filter(record="care_team")[:50],
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def care_link_remove(request, link_id):
    clinic = access.admin_clinic_for(request.user)
    link = get_object_or_404(care_links_of(clinic=clinic), pk=link_id)
    try:
        care_team_unlink(link=link, by=request.user)
        messages.success(request, f"{link.clinician} left the care team.")
    except ConsoleError as error:
        messages.error(request, str(error))
    return redirect("console:care_team", patient_id=link.patient_id)


@login_required
@require_http_methods(["GET", "POST"])
def alert_policy(request):
    clinic = access.admin_clinic_for(request.user)
    current = policy_for(clinic)
    initial = {
        "critical_to_on_call_minutes": current.ladder["critical"][1],
        "critical_to_admins_minutes": current.ladder["critical"][2],
        "high_to_on_call_minutes": current.ladder["high"][1],
        "digest_hour": current.digest_hour,
        "webhook_url": current.webhook_url,
    } | {f"channels_{s}": current.channels.get(s, []) for s in SEVERITIES}
    form = AlertPolicyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        alert_policy_update(clinic=clinic, data=form.cleaned_data)
        messages.success(request, "Alert policy saved.")
        return redirect("console:alert_policy")
    return render(request, "clinics/alert_policy.html", {"clinic": clinic, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def risk_defaults(request):
    clinic = access.admin_clinic_for(request.user)
    from apps.safety.risk import ADJUSTABLE
    from apps.safety.rules import alert_rules

    initial = {
        f"{rule}__{name}": value
        for rule, values in (clinic.risk_defaults or {}).items()
        for name, value in values.items()
    }
    form = RiskDefaultsForm(
        request.POST or None, adjustable=ADJUSTABLE, defaults=alert_rules(), initial=initial
    )
    if request.method == "POST" and form.is_valid():
        changed = clinic_risk_defaults_update(
            clinic=clinic, defaults=form.defaults(), by=request.user
        )
        messages.success(request, "Saved." if changed else "Nothing changed.")
        return redirect("console:risk_defaults")
    return render(request, "clinics/risk_defaults.html", {"clinic": clinic, "form": form})
