from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from apps.clinics import access

from .forms import BreakGlassForm, TrailSearchForm
from .selectors import roles_by_user, trail_for_clinic
from .services import break_glass_report

PAGE_SIZE = 50


@login_required
@require_GET
def trail(request):
    clinic = access.admin_clinic_for(request.user)
    form = TrailSearchForm(request.GET or None)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    events = trail_for_clinic(clinic=clinic, **filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    roles = roles_by_user(user_ids={event.actor_id for event in page})
    for event in page:
        event.actor_roles = roles.get(event.actor_id, "")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/trail.html",
        {
            "clinic": clinic,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request):
    access.staff_required(request.user)
    candidates = access.break_glass_candidates(request.user).order_by("full_name")
    form = BreakGlassForm(request.POST or None, patients=candidates)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            grant = access.break_glass_open(
                user=request.user,
                patient_id=form.cleaned_data["patient"],
                reason=form.cleaned_data["reason"],
            )
            break_glass_report(grant=grant, request=request)
        messages.warning(
            request,
            f"Emergency access for {access.BREAK_GLASS_MINUTES} minutes. "
            "Your clinic's admins have been told.",
        )
        return redirect("dashboards:patient", patient_id=grant.patient_id)
    return render(
        request,
        "audit/break_glass.html",
        {"form": form, "minutes": access.BREAK_GLASS_MINUTES},
    )
