from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from apps.alerts.selectors import alerts_for_checkin
from apps.clinics import access
from apps.clinics.selectors import primary_clinician_for
from apps.safety.forms import HealthProfileForm, SafetyPlanForm
from apps.safety.models import HealthProfile
from apps.safety.rules import crisis_resources_for
from apps.safety.safety_plans import safety_plan_for, safety_plan_update
from apps.safety.screening import health_profile_update

from .forms import CheckInForm
from .selectors import checkin_for_day, checkins_for_patient, own_checkin
from .services import checkin_submit, today_for


@login_required
@require_http_methods(["GET", "POST"])
def today(request):
    membership = access.patient_membership(request.user)
    clinic = membership.clinic
    local_date = today_for(clinic=clinic)
    existing = checkin_for_day(patient=request.user, local_date=local_date)

    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            result = checkin_submit(
                patient=request.user,
                clinic=clinic,
                mood=form.cleaned_data["mood"],
                journal=form.cleaned_data["journal"],
                local_date=local_date,
            )
            if result.is_crisis:
                return redirect(reverse("diaries:crisis") + f"?checkin={result.checkin.pk}")
            messages.success(request, "Saved. Thank you for checking in today.")
            return redirect("diaries:today")
    else:
        initial = {"mood": existing.mood, "journal": existing.journal} if existing else None
        form = CheckInForm(initial=initial)

    return render(
        request,
        "diaries/today.html",
        {
            "form": form,
            "clinic": clinic,
            "local_date": local_date,
            "existing": existing,
            "history": checkins_for_patient(patient=request.user, limit=14),
            "needs_intake": not HealthProfile.objects.filter(patient=request.user).exists(),
        },
    )


@require_GET
def crisis(request):
    """Crisis resources for anyone, signed in or not; for a patient coming
    from a check-in, also the truth about who is being told."""
    membership = access.patient_membership_or_none(request.user)
    clinic = membership.clinic if membership else None

    notified = None
    if membership is not None:
        checkin_id = request.GET.get("checkin", "")
        checkin = own_checkin(
            patient=request.user, checkin_id=int(checkin_id) if checkin_id.isdigit() else None
        )
        if checkin is not None:
            alerts = list(alerts_for_checkin(patient=request.user, checkin_id=checkin.pk))
            notified = {
                "raised": bool(alerts),
                "delivered": any(alert.delivered_at for alert in alerts),
                "clinician": primary_clinician_for(patient=request.user),
            }

    plan = safety_plan_for(patient=request.user) if membership else None
    return render(
        request,
        "diaries/crisis.html",
        {
            "clinic": clinic,
            "resources": crisis_resources_for(clinic.locale if clinic else "US"),
            "notified": notified,
            "plan": plan if plan is not None and not plan.is_empty else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def health_profile(request):
    membership = access.patient_membership(request.user)
    profile = HealthProfile.objects.filter(patient=request.user).first()
    form = HealthProfileForm.for_profile(profile, request.POST or None)
    if request.method == "POST" and form.is_valid():
        health_profile_update(
            patient=request.user,
            clinic=membership.clinic,
            data=form.cleaned_data,
            by=request.user,
        )
        messages.success(request, "Saved. Your clinician will go through it with you.")
        return redirect("diaries:health_profile")
    return render(request, "diaries/health_profile.html", {"form": form, "profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def safety_plan(request):
    access.patient_membership(request.user)
    plan = safety_plan_for(patient=request.user)
    form = SafetyPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        safety_plan_update(patient=request.user, data=form.cleaned_data, by=request.user)
        messages.success(request, "Your safety plan is saved. It shows on the help page too.")
        return redirect("diaries:safety_plan")
    return render(request, "diaries/safety_plan.html", {"form": form, "plan": plan})
