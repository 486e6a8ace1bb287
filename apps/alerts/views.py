from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .selectors import alert_for_staff
from .services import alert_acknowledge


@login_required
@require_POST
def acknowledge(request, alert_id):
    alert = alert_for_staff(user=request.user, alert_id=alert_id)
    note = request.POST.get("note", "")
    if alert_acknowledge(alert=alert, by=request.user, note=note):
        messages.success(request, "Alert acknowledged.")
    else:
        messages.info(request, "This alert was already acknowledged.")
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("dashboards:patient", patient_id=alert.patient_id)
