"""The clinician's questionnaire page for one patient: the schedule and the results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from apps.audit.services import access_record
from apps.clinics import access
from apps.diaries import instruments
from apps.diaries.questionnaire_forms import QuestionnaireScheduleForm
from apps.diaries.questionnaires import (
    questionnaire_schedule_set,
    responses_for,
    responses_with_change,
    schedules_for,
)

# How loud a band looks in the results table.
TONE = dict.fromkeys(["severe", "moderately_severe", "probable", "high"], "danger") | dict.fromkeys(
    ["moderate", "possible", "positive"], "warning"
)


@login_required
@require_http_methods(["GET", "POST"])
def patient_questionnaires(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    if patient.pk == request.user.pk:
        raise Http404("Your own questionnaires are under /diary/questionnaires/")
    membership = access.patient_membership(patient)
    access_record(
        actor=request.user, patient=patient, action="view_questionnaires", request=request
    )

    form = QuestionnaireScheduleForm(
        request.POST or None, initial={"starts_on": timezone.localdate(), "every": 2}
    )
    if request.method == "POST":
        access.write_required(user=request.user, patient=patient)
    if request.method == "POST" and form.is_valid():
        schedule = questionnaire_schedule_set(
            patient=patient, clinic=membership.clinic, by=request.user, **form.cleaned_data
        )
        messages.success(request, f"Saved: {schedule}.")
        return redirect("dashboards:questionnaires", patient_id=patient.pk)

    results = responses_with_change(responses_for(patient=patient)[:200])
    for response in results:
        response.band_info = instruments.band(response.instrument, response.band)
        response.name = instruments.get(response.instrument).name
        response.max_total = instruments.get(response.instrument).max_total
        response.tone = TONE.get(response.band, "secondary")
    return render(
        request,
        "dashboards/questionnaires.html",
        {
            "patient": patient,
            "form": form,
            "schedules": schedules_for(patient=patient),
            "results": results,
            "may_write": access.is_care_team(request.user, patient),
        },
    )
