"""The patient's own account pages: who looked at my record, everything you
hold about me, close my account."""

import csv
import io
import json
import zipfile

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core import serializers
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.alerts.models import Alert
from apps.audit.models import AccessEvent, ChangeRecord
from apps.audit.selectors import lookers_for_patient, roles_by_user
from apps.audit.services import access_record
from apps.clinics import access
from apps.clinics.models import CareTeam, Membership
from apps.clinics.services import account_close, account_closure_terms
from apps.protocols.models import DoseLog, Plan, PlanEvent, PlanItem
from apps.safety.models import HealthProfile, HealthProfileChange, RiskSettings, SafetyPlan

from .exports import spreadsheet_safe
from .models import CheckIn, QuestionnaireResponse, ReminderPreference, SideEffect


@login_required
@require_GET
def who_looked(request):
    access.patient_membership(request.user)
    page = Paginator(lookers_for_patient(patient=request.user), 50).get_page(
        request.GET.get("page")
    )
    roles = roles_by_user(user_ids={event.actor_id for event in page})
    for event in page:
        event.actor_roles = roles.get(event.actor_id, "")
    return render(request, "diaries/who_looked.html", {"page": page})


def _everything(patient) -> dict:
    """Every row held about the patient, by kind. Alerts about them are
    included (they are about the patient, and the rules are public); the
    deliveries' internals (channel errors) are not."""

    def rows(queryset, fields=None):
        return [
            {"id": item["pk"]} | item["fields"]
            for item in serializers.serialize("python", queryset, fields=fields)
        ]

    return {
        "account": {
            "email": patient.email,
            "name": patient.full_name,
            "date_joined": patient.date_joined.isoformat(),
        },
        "memberships": rows(Membership.objects.filter(user=patient)),
        "care_team": rows(CareTeam.objects.filter(patient=patient)),
        "check_ins": rows(CheckIn.objects.filter(patient=patient).order_by("pk")),
        "side_effects": rows(SideEffect.objects.filter(checkin__patient=patient)),
        "questionnaires": rows(QuestionnaireResponse.objects.filter(patient=patient)),
        "reminders": rows(ReminderPreference.objects.filter(patient=patient)),
        "health_profile": rows(HealthProfile.objects.filter(patient=patient)),
        "health_profile_changes": rows(
            HealthProfileChange.objects.filter(profile__patient=patient)
        ),
        "safety_plan": rows(SafetyPlan.objects.filter(patient=patient)),
        "risk_settings": rows(RiskSettings.objects.filter(patient=patient)),
        "plans": rows(Plan.objects.filter(patient=patient)),
        "plan_items": rows(PlanItem.objects.filter(plan__patient=patient)),
        "plan_events": rows(PlanEvent.objects.filter(plan__patient=patient)),
        "dose_logs": rows(DoseLog.objects.filter(patient=patient)),
        "alerts": rows(
            Alert.objects.filter(patient=patient),
            fields=["rule", "severity", "summary", "state", "created_at", "resolved_at"],
        ),
        "access_events": rows(AccessEvent.objects.filter(patient=patient)),
        "changes": rows(ChangeRecord.objects.filter(patient=patient)),
    }


@login_required
@require_GET
def everything_json(request):
    access.patient_membership(request.user)
    access_record(
        actor=request.user, patient=request.user, action="download_everything", request=request
    )
    body = json.dumps(_everything(request.user), indent=2, default=str, ensure_ascii=False)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="trellis-everything.json"'
    return response


@login_required
@require_GET
def everything_csv(request):
    """The same as the JSON, as a ZIP of one spreadsheet-safe CSV per kind of
    record (a spreadsheet has one table per file)."""
    access.patient_membership(request.user)
    access_record(
        actor=request.user, patient=request.user, action="download_everything", request=request
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for kind, records in _everything(request.user).items():
            records = [records] if isinstance(records, dict) else records
            archive.writestr(f"{kind}.csv", _csv_of(records))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="trellis-everything.zip"'
    return response


def _csv_of(records: list[dict]) -> str:
    columns = list(dict.fromkeys(key for record in records for key in record))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(record.get(column)) for column in columns])
    # A byte-order mark so spreadsheet programs read the UTF-8 as UTF-8.
    return "\ufeff" + out.getvalue()


def _cell(value):
    if isinstance(value, dict | list):
        value = json.dumps(value, default=str, ensure_ascii=False)
    elif value is not None and not isinstance(value, str):
        value = str(value)
    return spreadsheet_safe(value)


@login_required
@require_http_methods(["GET", "POST"])
def close_account(request):
    membership = access.patient_membership(request.user)
    terms = account_closure_terms(clinic=membership.clinic)
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "close":
            account_close(patient=request.user, clinic=membership.clinic)
            logout(request)
            messages.info(request, _("Your account is closed."))
            return redirect("account_login")
        error = "Tick the box to confirm that you want to close your account."
    return render(
        request,
        "diaries/close_account.html",
        {"terms": terms, "clinic": membership.clinic, "error": error},
        status=400 if error else 200,
    )
