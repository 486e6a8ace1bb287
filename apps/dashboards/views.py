from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.alerts.models import Alert
from apps.audit.services import access_record
from apps.clinics import access

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
        checkin.highlighted = highlight_spans(checkin.journal, spans_by_checkin.get(checkin.pk, []))

    return render(
        request,
        "dashboards/patient.html",
        {
            "patient": patient,
            "checkins": checkins,
            "alerts": alerts,
            "open_alerts": [a for a in alerts if a.is_open],
            "Alert": Alert,
        },
    )
