from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from apps.audit.services import access_record
from apps.clinics import access

from .forms import AlertNoteForm
from .models import alert_links_add
from .selectors import alert_for_staff, inbox_for
from .services import alert_acknowledge, alert_resolve, inbox_mark_read


@login_required
@require_GET
def inbox(request):
    access.staff_required(request.user)
    show = request.GET.get("show")
    show = show if show in {"all", "failed"} else "open"
    alerts = list(inbox_for(user=request.user, show=show)[:200])
    alert_links_add(alerts)
    return render(request, "alerts/inbox.html", {"alerts": alerts, "show": show})


@login_required
@require_GET
def detail(request, alert_id):
    alert = alert_for_staff(user=request.user, alert_id=alert_id)
    access_record(actor=request.user, patient=alert.patient, action="view_alert", request=request)
    inbox_mark_read(alert=alert, user=request.user)
    return render(
        request,
        "alerts/detail.html",
        {
            "alert": alert,
            "deliveries": alert.deliveries.select_related("recipient"),
            "form": AlertNoteForm(),
        },
    )


def _back(request, alert):
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("alerts:detail", alert_id=alert.pk)


@login_required
@require_POST
def acknowledge(request, alert_id):
    alert = alert_for_staff(user=request.user, alert_id=alert_id)
    form = AlertNoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return _back(request, alert)
    if alert_acknowledge(alert=alert, by=request.user, note=form.cleaned_data["note"]):
        messages.success(request, "Alert acknowledged.")
    else:
        messages.info(request, "This alert was already acknowledged.")
    return _back(request, alert)


@login_required
@require_POST
def resolve(request, alert_id):
    alert = alert_for_staff(user=request.user, alert_id=alert_id)
    form = AlertNoteForm(request.POST, note_required=True)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return _back(request, alert)
    if alert_resolve(alert=alert, by=request.user, note=form.cleaned_data["note"]):
        messages.success(request, "Alert resolved.")
    else:
        messages.info(request, "This alert was already resolved.")
    return _back(request, alert)
