from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from apps.alerts.models import Alert
from apps.audit.services import access_record
from apps.clinics import access
from apps.protocols.selectors import plan_card_for
from apps.safety.forms import HealthProfileForm, RiskSettingsForm, SafetyPlanForm
from apps.safety.models import HealthProfile
from apps.safety.risk import overrides_for, risk_settings_update
from apps.safety.safety_plans import safety_plan_for, safety_plan_update
from apps.safety.screening import health_profile_update, latest_screening, profile_history

from .highlight import highlight_spans
from .selectors import caseload_for, open_alerts_for, patient_alerts, patient_checkins


@login_required
@require_GET
def caseload(request):
    access.staff_required(request.user)
    return render(
        request,
        "dashboards/caseload.html",
        {
            "patients": caseload_for(user=request.user),
            "alerts": open_alerts_for(user=request.user),
        },
    )


@login_required
@require_GET
def patient(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    if patient.pk == request.user.pk:
        raise Http404("Your own diary is under /diary/")
    access_record(actor=request.user, patient=patient, action="view_patient", request=request)

    alerts = list(patient_alerts(patient=patient))
    spans_by_checkin = {}
    for alert in alerts:
        checkin_id = (alert.evidence or {}).get("checkin_id")
        if checkin_id:
            spans_by_checkin.setdefault(checkin_id, []).extend(alert.evidence.get("spans", []))
    checkins = list(patient_checkins(patient=patient))
    for checkin in checkins:
        spans = spans_by_checkin.get(checkin.pk, [])
        if checkin.is_private:
            # The patient's choice: only that the entry exists and what raised a
            # safety finding reach the page, never the rest of the text.
            checkin.highlighted = None
            checkin.matched_words = sorted({(s["matched"], s["category"]) for s in spans})
        else:
            checkin.highlighted = highlight_spans(checkin.journal, spans)

    return render(
        request,
        "dashboards/patient.html",
        {
            "patient": patient,
            "checkins": checkins,
            "alerts": alerts,
            "open_alerts": [a for a in alerts if a.is_open],
            "screening": latest_screening(patient=patient),
            "risk_overrides": overrides_for(patient=patient),
            "plan_card": plan_card_for(patient=patient),
            "Alert": Alert,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def health_profile(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    membership = access.patient_membership(patient)
    access_record(
        actor=request.user, patient=patient, action="view_health_profile", request=request
    )
    profile = HealthProfile.objects.filter(patient=patient).first()
    form = HealthProfileForm.for_profile(profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        health_profile_update(
            patient=patient, clinic=membership.clinic, data=form.cleaned_data, by=request.user
        )
        messages.success(request, "Health profile saved and screened again.")
        return redirect("dashboards:health_profile", patient_id=patient.pk)
    return render(
        request,
        "dashboards/health_profile.html",
        {
            "patient": patient,
            "form": form,
            "screening": latest_screening(patient=patient),
            "history": profile_history(patient=patient),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def safety_plan(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    access_record(actor=request.user, patient=patient, action="view_safety_plan", request=request)
    plan = safety_plan_for(patient=patient)
    form = SafetyPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        safety_plan_update(patient=patient, data=form.cleaned_data, by=request.user)
        messages.success(request, "Safety plan saved.")
        return redirect("dashboards:safety_plan", patient_id=patient.pk)
    return render(request, "dashboards/safety_plan.html", {"patient": patient, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def risk_settings(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    access_record(actor=request.user, patient=patient, action="view_risk_settings", request=request)
    current = overrides_for(patient=patient)
    form = RiskSettingsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        risk_settings_update(
            patient=patient,
            overrides=form.overrides(),
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, "Alert thresholds saved for this patient.")
        return redirect("dashboards:patient", patient_id=patient.pk)
    return render(request, "dashboards/risk_settings.html", {"patient": patient, "form": form})
