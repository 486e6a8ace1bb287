from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.audit.services import access_record
from apps.clinics import access
from apps.clinics.next_url import next_path
from apps.protocols.selectors import clinic_today, open_plan_for, plan_for_day

from . import pdf
from .forms import TrialDayForm, TrialSetUpForm, UnblindForm
from .models import TrialState
from .selectors import (
    INTERVAL_WORDS,
    P_VALUE_WORDS,
    checkin_part,
    latest_trial,
    questionnaire_schedule_notes,
    running_trial_for_day,
    trial_result,
    trial_status,
)
from .services import TrialRefused, open_trial, sheet_viewed, trial_day_log, trial_set_up
from .services import trial_unblind as unblind_service

# ---------------------------------------------------------------- clinician


def _staff_patient(request, patient_id):
    patient = access.patient_for(request.user, patient_id)
    if patient.pk == request.user.pk:
        raise Http404("This page is for the patient's clinicians")
    return patient


def _today(patient):
    return clinic_today(access.patient_membership(patient).clinic)


@login_required
@require_GET
def status(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    return _status_page(request, patient)


def _status_page(request, patient, *, note: str | None = None):
    """The trial's status; also the answer where a page has nothing to show
    (no trial yet, a result still sealed), with the reason on it."""
    access_record(actor=request.user, patient=patient, action="view_trial", request=request)
    if note:
        messages.info(request, note)
    trial = latest_trial(patient=patient)
    today = _today(patient)
    context = {
        "patient": patient,
        "trial": trial,
        "may_write": access.is_care_team(request.user, patient),
        "unblind_form": UnblindForm(),
    }
    if trial is not None:
        context |= {"status": trial_status(trial=trial, today=today), "today": today}
        context["unsealed"] = trial.is_unsealed_on(today)
    return render(request, "trials/status.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def set_up(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    access.write_required(user=request.user, patient=patient)
    membership = access.patient_membership(patient)
    today = clinic_today(membership.clinic)
    plan = open_plan_for(patient=patient)
    running = open_trial(patient=patient, today=today)
    form = TrialSetUpForm(request.POST or None, today=today)
    if request.method == "POST" and plan is not None and running is None and form.is_valid():
        try:
            trial_set_up(
                patient=patient,
                clinic=membership.clinic,
                plan=plan,
                weeks=form.cleaned_data["weeks"],
                start_date=form.cleaned_data["start_date"],
                outcomes=form.cleaned_data["outcomes"],
                preparer_name=form.cleaned_data["preparer_name"],
                by=request.user,
                today=today,
            )
        except TrialRefused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(
                request,
                "The trial is set up and its allocation sealed. Print the preparer's sheet "
                "for the person who prepares the capsules.",
            )
            return redirect("trials:status", patient_id=patient.pk)
    access_record(actor=request.user, patient=patient, action="view_trial_set_up", request=request)
    context = {"patient": patient, "form": form, "plan": plan, "running": running}
    context["schedule_notes"] = questionnaire_schedule_notes(
        patient=patient, outcomes=["phq9", "gad7"]
    )
    return render(request, "trials/set_up.html", context)


NO_TRIAL = "This patient has no blinded trial."
SEALED = "The result is sealed until the trial ends (or is unblinded)."


@login_required
@require_GET
def sheet(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    access.write_required(user=request.user, patient=patient)
    trial = latest_trial(patient=patient)
    if trial is None:
        return _status_page(request, patient, note=NO_TRIAL)
    sheet_viewed(trial=trial, by=request.user, request=request)
    response = render(
        request, "trials/sheet.html", {"patient": patient, "trial": trial, **pdf.sheet_rows(trial)}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def sheet_pdf(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    access.write_required(user=request.user, patient=patient)
    trial = latest_trial(patient=patient)
    if trial is None:
        return _status_page(request, patient, note=NO_TRIAL)
    sheet_viewed(trial=trial, by=request.user, request=request, printable=True)
    response = HttpResponse(pdf.sheet_pdf(trial=trial), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="preparer-sheet-{trial.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def unblind(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    access.write_required(user=request.user, patient=patient)
    trial = latest_trial(patient=patient)
    if trial is None:
        messages.error(request, f"Not unblinded. {NO_TRIAL}")
        return redirect("trials:status", patient_id=patient.pk)
    form = UnblindForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, f"Not unblinded. {error}")
        return redirect("trials:status", patient_id=patient.pk)
    try:
        unblind_service(
            trial=trial,
            by=request.user,
            reason=form.cleaned_data["reason"],
            today=_today(patient),
            request=request,
        )
    except TrialRefused as refused:
        messages.error(request, f"Not unblinded. {refused}")
        return redirect("trials:status", patient_id=patient.pk)
    messages.success(request, "Unblinded. The allocation is shown below; the reason is recorded.")
    return redirect("trials:result", patient_id=patient.pk)


def _result_or_none(patient):
    trial = latest_trial(patient=patient)
    if trial is None:
        return None, None, NO_TRIAL
    found = trial_result(trial=trial, today=_today(patient))
    return trial, found, (SEALED if found is None else None)


@login_required
@require_GET
def result(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    trial, found, note = _result_or_none(patient)
    if found is None:
        return _status_page(request, patient, note=note)
    access_record(actor=request.user, patient=patient, action="view_trial_result", request=request)
    context = {
        "patient": patient,
        "trial": trial,
        "result": found,
        "interval_words": INTERVAL_WORDS,
        "p_value_words": P_VALUE_WORDS,
    }
    return render(request, "trials/result.html", context)


@login_required
@require_GET
def result_pdf(request, patient_id):
    access.staff_required(request.user)
    patient = _staff_patient(request, patient_id)
    trial, found, note = _result_or_none(patient)
    if found is None:
        return _status_page(request, patient, note=note)
    access_record(
        actor=request.user, patient=patient, action="download_trial_result", request=request
    )
    content = pdf.result_pdf(patient=patient, trial=trial, result=found)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="blinded-trial-{trial.pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


# ------------------------------------------------------------------ patient


@login_required
@require_POST
def log(request):
    membership = access.patient_membership(request.user)
    local_date = clinic_today(membership.clinic)
    day = plan_for_day(patient=request.user, local_date=local_date)
    trial = running_trial_for_day(
        plan_id=day["plan_id"], patient=request.user, local_date=local_date
    )
    form = TrialDayForm(request.POST)
    note, level = _("Noted. Thank you."), "success"
    if trial is None:
        note, level = _("Your blinded trial is not running today, so nothing was saved."), "error"
    elif form.is_valid():
        try:
            _day, warning = trial_day_log(
                trial=trial,
                local_date=local_date,
                code=form.cleaned_data["envelope_code"].strip() or None,
                guess=form.cleaned_data["guess"] or None,
            )
        except TrialRefused as refused:
            note, level = _("Nothing was saved: %(why)s") % {"why": refused}, "error"
        else:
            if warning:
                note, level = warning, "error"
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        note, level = _("Nothing was saved: %(why)s") % {"why": " ".join(errors)}, "error"
    target = next_path(request, request.POST.get("next", ""))
    # From htmx: the plan's section (which holds the trial's part) is swapped,
    # as the dose log does, so check-in answers not yet saved stay on the page.
    if request.headers.get("HX-Request") == "true":
        context = {"day": day, "next": target, "trial_note": note, "trial_note_level": level}
        return render(request, "protocols/_today.html", context)
    (messages.success if level == "success" else messages.error)(request, note)
    return redirect(target or "diaries:today")


@login_required
@require_GET
def my_result(request):
    membership = access.patient_membership(request.user)
    today = clinic_today(membership.clinic)
    trial = latest_trial(patient=request.user)
    found = trial_result(trial=trial, today=today) if trial is not None else None
    context = {
        "trial": trial,
        "result": found,
        "running": trial is not None and trial.state_on(today) == TrialState.RUNNING,
        "part": (
            checkin_part(trial=trial, local_date=today)
            if trial is not None and trial.state_on(today) == TrialState.RUNNING
            else None
        ),
        "interval_words": INTERVAL_WORDS,
    }
    return render(request, "trials/my_result.html", context)
