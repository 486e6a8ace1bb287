from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.audit.services import access_record
from apps.clinics import access
from apps.clinics.lookups import id_from
from apps.clinics.next_url import next_path

from .forms import (
    AdherenceRangeForm,
    ComponentForm,
    DoseLogForm,
    PlanForm,
    PlanReviewForm,
    ReasonForm,
)
from .schedule import Phases
from .selectors import (
    adherence_for,
    care_team_required,
    clinic_today,
    components_for,
    may_write_plan,
    open_plan_for,
    overrides_on_record,
    plan_for_day,
    plan_history,
    plan_review_flags,
    staff_clinic_for,
    template_for,
    templates_for,
)
from .services import (
    PlanRefused,
    component_create,
    dose_log,
    plan_assign,
    plan_change,
    plan_end,
    plan_pause,
    plan_resume,
    plan_review,
    template_create,
)

# ------------------------------------------------------------------ patient


@login_required
@require_GET
def today(request):
    membership = access.patient_membership(request.user)
    day = plan_for_day(patient=request.user, local_date=clinic_today(membership.clinic))
    return render(request, "protocols/today.html", {"day": day})


@login_required
@require_POST
def log(request):
    membership = access.patient_membership(request.user)
    local_date = clinic_today(membership.clinic)
    form = DoseLogForm(request.POST)
    # The patient's language (issue 19): this note shows on their diary page.
    note, level = _("Noted. Thank you."), "success"
    if form.is_valid():
        try:
            dose_log(
                patient=request.user,
                component_id=form.cleaned_data["component"],
                local_date=local_date,
                action=form.cleaned_data["action"],
                amount=form.cleaned_data["amount"],
                taken_at=form.cleaned_data["taken_at"],
                skip_reason=form.cleaned_data["skip_reason"],
            )
        except PlanRefused as refused:
            note, level = " ".join(refused.messages), "error"
    else:
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        note, level = _("Nothing was saved:") + " " + " ".join(errors), "error"
    target = next_path(request, request.POST.get("next", ""))
    # From htmx (the diary page): only the plan's section is swapped, so the
    # check-in answers picked but not yet saved stay on the page. Without
    # JavaScript the form posts and the page reloads, as before.
    if request.headers.get("HX-Request") == "true":
        day = plan_for_day(patient=request.user, local_date=local_date)
        return render(
            request,
            "protocols/_today.html",
            {"day": day, "next": target, "note": note, "note_level": level},
        )
    (messages.success if level == "success" else messages.error)(request, note)
    return redirect(target or "protocols:today")


# ---------------------------------------------------------------- clinician


def _patient(request, patient_id):
    patient = access.patient_for(request.user, patient_id)
    if patient.pk == request.user.pk:
        raise Http404("Your own plan is under /diary/plan/")
    return patient


@login_required
@require_GET
def plan(request, patient_id):
    access.staff_required(request.user)
    patient = _patient(request, patient_id)
    access_record(actor=request.user, patient=patient, action="view_plan", request=request)
    current = open_plan_for(patient=patient)
    context = {
        "patient": patient,
        "plan": current,
        "history": plan_history(patient=patient),
        "overrides": overrides_on_record(patient=patient),
        "may_write": may_write_plan(user=request.user, patient=patient),
        "review_flags": plan_review_flags(plan=current) if current else None,
    }
    local_today = clinic_today(access.patient_membership(patient).clinic)
    period = AdherenceRangeForm(request.GET or None, today=local_today)
    start, end = period.range()
    context |= {
        "period": period,
        "adherence": adherence_for(patient=patient, start=start, end=end),
        "adherence_start": start,
        "adherence_end": end,
    }
    if current is not None:
        context["day"] = plan_for_day(patient=patient, local_date=local_today)
    return render(request, "protocols/plan.html", context)


def _show_refusal(form, refused):
    for component_pk, message in refused.fields.items():
        form.add_error(f"c{component_pk}_amount", message)
    if not refused.fields:
        form.add_error(None, " ".join(refused.messages))
    return refused


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, patient_id):
    access.staff_required(request.user)
    patient = _patient(request, patient_id)
    care_team_required(user=request.user, patient=patient)
    access_record(actor=request.user, patient=patient, action="view_plan_assign", request=request)
    clinic = access.patient_membership(patient).clinic
    if open_plan_for(patient=patient) is not None:
        messages.info(request, "This patient already has a plan: change or end it.")
        return redirect("protocols:plan", patient_id=patient.pk)
    templates = list(templates_for(clinic=clinic))
    chosen = id_from(request.POST.get("template") or request.GET.get("template"))
    template = (
        template_for(clinic=clinic, template_id=chosen)
        if chosen is not None
        else (templates[0] if templates else None)
    )
    if template is None:
        raise Http404("No such template")
    items = {
        item.component_id: {"amount": item.amount, "pattern": item.pattern}
        for item in template.items.all()
    }
    form = PlanForm(
        request.POST or None,
        components=components_for(clinic=clinic),
        items=items,
        template=template,
        initial={"start_date": clinic_today(clinic)},
    )
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_assign(
                patient=patient,
                clinic=clinic,
                template=template,
                start_date=data["start_date"],
                doses=form.doses,
                phases=Phases(
                    data["initial_months"],
                    data["maintenance_months"],
                    data["break_every_days"] or 0,
                    data["break_length_days"] or 0,
                ),
                by=request.user,
                acknowledge=data["acknowledge"],
                override_reason=data["override_reason"],
                request=request,
            )
        except PlanRefused as error:
            refused = _show_refusal(form, error)
        else:
            messages.success(request, "Plan assigned.")
            return redirect("protocols:plan", patient_id=patient.pk)
    return render(
        request,
        "protocols/plan_form.html",
        {
            "patient": patient,
            "form": form,
            "template": template,
            "templates": templates,
            "refused": refused,
            "mode": "assign",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def change(request, patient_id):
    access.staff_required(request.user)
    patient = _patient(request, patient_id)
    care_team_required(user=request.user, patient=patient)
    current = open_plan_for(patient=patient)
    if current is None:
        messages.info(request, "This patient has no plan to change.")
        return redirect("protocols:plan", patient_id=patient.pk)
    items = {
        item.component_id: {"amount": item.amount, "pattern": item.pattern}
        for item in current.items.all()
        if item.effective_to is None
    }
    form = PlanForm(
        request.POST or None,
        components=components_for(clinic=current.clinic),
        items=items,
        mode="change",
    )
    refused = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan_change(
                plan=current,
                doses=form.doses,
                by=request.user,
                acknowledge=data["acknowledge"],
                override_reason=data["override_reason"],
                confirm_early=data["confirm_early"],
                request=request,
            )
        except PlanRefused as error:
            refused = _show_refusal(form, error)
        else:
            messages.success(request, "Plan changed from today.")
            return redirect("protocols:plan", patient_id=patient.pk)
    return render(
        request,
        "protocols/plan_form.html",
        {"patient": patient, "form": form, "plan": current, "refused": refused, "mode": "change"},
    )


def _plan_action(request, patient_id, action, done):
    access.staff_required(request.user)
    patient = _patient(request, patient_id)
    care_team_required(user=request.user, patient=patient)
    current = open_plan_for(patient=patient)
    form = ReasonForm(request.POST)
    if current is None:
        messages.info(request, "This patient has no open plan.")
    elif not form.is_valid():
        messages.error(request, " ".join(form.errors["reason"]))
    else:
        try:
            action(current, form.cleaned_data["reason"])
            messages.success(request, done)
        except PlanRefused as refused:
            messages.error(request, " ".join(refused.messages))
    return redirect("protocols:plan", patient_id=patient.pk)


@login_required
@require_POST
def pause(request, patient_id):
    return _plan_action(
        request,
        patient_id,
        lambda plan, reason: plan_pause(plan=plan, by=request.user, reason=reason, request=request),
        "The plan is on a break from today.",
    )


@login_required
@require_POST
def resume(request, patient_id):
    return _plan_action(
        request,
        patient_id,
        lambda plan, reason: plan_resume(
            plan=plan, by=request.user, reason=reason, request=request
        ),
        "The plan resumes today.",
    )


@login_required
@require_POST
def end(request, patient_id):
    return _plan_action(
        request,
        patient_id,
        lambda plan, reason: plan_end(plan=plan, by=request.user, reason=reason, request=request),
        "The plan has ended; its history is kept.",
    )


@login_required
@require_POST
def review(request, patient_id):
    access.staff_required(request.user)
    patient = _patient(request, patient_id)
    care_team_required(user=request.user, patient=patient)
    current = open_plan_for(patient=patient)
    form = PlanReviewForm(request.POST)
    if current is None:
        messages.info(request, "This patient has no open plan.")
    elif not form.is_valid():
        errors = [e for field_errors in form.errors.values() for e in field_errors]
        messages.error(request, "Nothing was recorded: " + " ".join(errors))
    else:
        try:
            plan_review(
                plan=current,
                by=request.user,
                decision=form.cleaned_data["decision"],
                reason=form.cleaned_data["reason"],
                request=request,
            )
        except PlanRefused as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, "Review recorded in the plan's history.")
    return redirect("protocols:plan", patient_id=patient.pk)


# ------------------------------------------------------------------ catalog


@login_required
@require_GET
def catalog(request):
    access.staff_required(request.user)
    clinic = staff_clinic_for(request.user)
    return render(
        request,
        "protocols/catalog.html",
        {
            "clinic": clinic,
            "components": components_for(clinic=clinic),
            "templates": templates_for(clinic=clinic),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def component_new(request):
    access.staff_required(request.user)
    clinic = staff_clinic_for(request.user)
    form = ComponentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        component_create(
            clinic=clinic,
            name=data["name"],
            unit=data["unit"],
            low=data["range_low"],
            high=data["range_high"],
            source=data["source"],
            by=request.user,
        )
        messages.success(request, f"{data['name']} added to {clinic}'s catalog.")
        return redirect("protocols:catalog")
    return render(request, "protocols/component_form.html", {"form": form, "clinic": clinic})


@login_required
@require_http_methods(["GET", "POST"])
def template_new(request):
    access.staff_required(request.user)
    clinic = staff_clinic_for(request.user)
    form = PlanForm(request.POST or None, components=components_for(clinic=clinic), mode="template")
    if request.method == "POST" and form.is_valid():
        try:
            template = template_create(
                clinic=clinic,
                name=form.cleaned_data["name"],
                source=form.cleaned_data["source"],
                doses=form.doses,
                by=request.user,
            )
        except PlanRefused as error:
            _show_refusal(form, error)
        else:
            messages.success(request, f"{template.name} added to {clinic}'s templates.")
            return redirect("protocols:catalog")
    return render(request, "protocols/template_form.html", {"form": form, "clinic": clinic})
