from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods

from apps.alerts.models import Alert, alert_links_add
from apps.audit.services import access_record
from apps.clinics import access
from apps.diaries.instruments import INSTRUMENTS
from apps.protocols.selectors import clinic_today, plan_card_for, staff_clinic_for
from apps.safety.categories import kind_choices
from apps.safety.feedback import examples_by, may_label
from apps.safety.forms import HealthProfileForm, RiskSettingsForm, SafetyPlanForm
from apps.safety.models import HealthProfile
from apps.safety.risk import clinic_defaults_for, overrides_for, risk_settings_update
from apps.safety.safety_plans import safety_plan_for, safety_plan_update
from apps.safety.screening import health_profile_update, latest_screening, profile_history

from . import caseload_rows, exports, pdf
from .brief_text import (
    FOUND_AS_A_WHOLE,
    PHASE_WORDS,
    READ_AS_ORDINARY,
    WORDS_STAY_PRIVATE,
    brief_lines,
)
from .forms import ExportForm, SessionForm
from .highlight import journal_reasons
from .models import Export
from .mood_chart import mood_chart_svg
from .selectors import (
    CASELOAD_FILTERS,
    caseload_page,
    gravest_open_alerts,
    journal_view,
    patient_alerts,
    patient_checkins,
    rows_detail_add,
    session_brief,
    sessions_for,
    timeline_default_days,
    timeline_for,
    today_for_staff,
)
from .services import (
    SessionExists,
    caseload_access_record,
    export_request,
    session_record,
)

CASELOAD_PAGE_SIZE = 50
CASELOAD_ALERTS_SHOWN = 20
TIMELINE_DAYS = {"30": 30, "90": 90, "180": 180, "365": 365}


@login_required
@require_GET
def caseload(request):
    access.staff_required(request.user)
    filters = [f for f in request.GET.getlist("filter") if f in CASELOAD_FILTERS]
    phase = request.GET.get("phase", "")
    phase = phase if phase in PHASE_WORDS else ""
    # PostgreSQL refuses NUL in a text parameter: drop it rather than 500.
    search = request.GET.get("q", "").replace("\x00", "")[:100]
    patient_ids = access.visible_patient_ids(request)
    clinic = staff_clinic_for(request.user)
    today = clinic_today(clinic)
    # Every time on the page in the clinic's zone (the rows label it), not
    # the server's UTC: one clinic's staff read one clock.
    with timezone.override(ZoneInfo(clinic.timezone)):
        return _caseload_page(
            request,
            patient_ids=patient_ids,
            today=today,
            filters=filters,
            phase=phase,
            search=search,
        )


def _caseload_page(request, *, patient_ids, today, filters, phase, search):
    # Ranked by need first, then cut into pages: the neediest are always on
    # page one, and a 500-patient caseload renders 50 rows, not 500.
    page = caseload_page(
        user=request.user,
        patient_ids=patient_ids,
        today=today,
        page_number=request.GET.get("page"),
        per_page=CASELOAD_PAGE_SIZE,
        search=search,
        filters=filters,
        phase=phase,
    )
    rows_detail_add(page.object_list, today=today)
    _row_links_add(page.object_list)
    caseload_access_record(actor=request.user, patients=page.object_list, request=request)
    # The gravest few open alerts; the inbox lists them all.
    shown_alerts, alerts_total = gravest_open_alerts(
        user=request.user, patient_ids=patient_ids, limit=CASELOAD_ALERTS_SHOWN
    )
    alert_links_add(shown_alerts)
    now = timezone.now()
    for alert in shown_alerts:
        # A clock time, not "3 hours ago": it is what a phone call will refer to.
        alert.raised_words = caseload_rows.raised_words(alert.created_at, now=now)
    return render(
        request,
        "dashboards/caseload.html",
        {
            "patients": page.object_list,
            "rows_html": caseload_rows.rows_html(page.object_list),
            "page": page,
            "total": page.paginator.count,
            "alerts": shown_alerts,
            "alerts_total": alerts_total,
            "filters": filters,
            "phase": phase,
            "phases": PHASE_WORDS,
            "search": search,
        },
    )


def _row_links_add(rows) -> None:
    """Each row's three links, reversing each URL once rather than once per
    row (150 reverse() calls were a tenth of the page's time)."""
    marker = 987654321
    for name in ("patient", "timeline", "brief"):
        pattern = reverse(f"dashboards:{name}", args=[marker])
        for row in rows:
            setattr(row, f"{name}_url", pattern.replace(str(marker), str(row.pk)))


def _table_rows(series, words, key) -> str:
    # A year is 365 rows per measure: joined here rather than in a template
    # loop (several times slower per row). Every cell is a number, an ISO
    # date or one of our fixed words, except the alert's words, escaped.
    # A day with an alert and no answer keeps its row: the alert is the news.
    return mark_safe(  # nosec B308 B703: numbers, ISO dates, fixed words, escaped alerts
        "".join(
            f"<tr><td>{row['date']}</td><td>{'—' if row[key] is None else row[key]}</td>"
            f"<td>{day_words}</td><td>{escape(row.get('alert', ''))}</td></tr>"
            for row, day_words in zip(series, words, strict=True)
            if row[key] is not None or row.get("alert")
        )
    )


def _plan_words(row) -> str:
    words = {True: "Dose day", False: "Rest day", None: ""}[row["dose_day"]]
    phase = PHASE_WORDS.get(row["phase"], "")
    return ", ".join(w for w in (words, phase) if w)


def _clinician_patient(request, patient_id, action):
    """The patient for a clinician page, with the access event recorded."""
    access.staff_required(request.user)
    if int(patient_id) == request.user.pk:
        raise Http404("Your own diary is under /diary/")
    patient = access.patient_for_request(request, patient_id)
    access_record(actor=request.user, patient=patient, action=action, request=request)
    return patient


@login_required
@require_GET
def timeline(request, patient_id):
    patient = _clinician_patient(request, patient_id, "view_timeline")
    today = today_for_staff(request.user)
    days = TIMELINE_DAYS.get(request.GET.get("days", "")) or timeline_default_days(
        patient=patient, today=today
    )
    data = timeline_for(patient=patient, today=today, days=days)
    measures = [
        ("mood", "Mood", "0 worst to 10 best"),
        ("anxiety", "Anxiety", "0 calm to 10 most anxious"),
        ("energy", "Energy", "0 exhausted to 10 full of energy"),
        ("sleep_hours", "Sleep", "hours"),
    ]
    words = [_plan_words(row) for row in data["series"]]  # once per day, not per measure
    # Why each flagged entry raised a finding, to the sentence; and the clinician's
    # own "this should have alerted" answers (apps/safety/feedback.py).
    journal_reasons(data["journal"], data["alerts"])
    can_judge = may_label(user=request.user, patient_id=patient.pk)
    judged = (
        examples_by(user=request.user, checkin_ids=[c.pk for c in data["journal"]])
        if can_judge
        else {}
    )
    for checkin in data["journal"]:
        checkin.my_example = judged.get(checkin.pk)
    tables = [
        {
            "key": key,
            "label": label,
            "unit": unit,
            # A year is 365 rows per measure: joined here rather than in a
            # template loop, which costs several times more per row.
            "rows_html": _table_rows(data["series"], words, key),
        }
        for key, label, unit in measures
    ]
    questionnaire_chart = [
        {
            "key": q["instrument"],
            "name": q["name"],
            "max": INSTRUMENTS[q["instrument"]].max_total,
            "bands": [
                {"low": b.low, "high": b.high, "label": b.label}
                for b in INSTRUMENTS[q["instrument"]].bands
            ],
            "points": [
                {
                    "date": p["date"].isoformat(),
                    "total": p["total"],
                    "reliable": p["change"] not in (None, "no reliable change"),
                }
                for p in q["points"]
            ],
        }
        for q in data["questionnaires"]
    ]
    return render(
        request,
        "dashboards/timeline.html",
        data
        | {
            "patient": patient,
            "tables": tables,
            "days": days,
            "choices": TIMELINE_DAYS,
            "questionnaire_chart": questionnaire_chart,
            "screening": latest_screening(patient=patient),
            "risk_overrides": overrides_for(patient=patient),
            "can_judge": can_judge,
            # Built once: the same options under every entry.
            "kind_options": format_html_join("", '<option value="{}">{}</option>', kind_choices()),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sessions(request, patient_id):
    patient = _clinician_patient(request, patient_id, "view_sessions")
    today = today_for_staff(request.user)
    form = SessionForm(request.POST or None, today=today, initial={"date": today})
    if request.method == "POST":
        # Reading is for anyone covering the patient; recording is for their
        # own clinicians (404 like any outsider, as for plans).
        access.write_required(user=request.user, patient=patient)
        if form.is_valid():
            try:
                session_record(
                    patient=patient,
                    clinic=access.patient_membership(patient).clinic,
                    clinician=request.user,
                    day=form.cleaned_data["date"],
                    notes=form.cleaned_data["notes"],
                )
            except SessionExists as error:
                form.add_error("date", str(error))
            else:
                messages.success(request, "Session recorded.")
                return redirect("dashboards:sessions", patient_id=patient.pk)
    return render(
        request,
        "dashboards/sessions.html",
        {
            "patient": patient,
            "form": form,
            "sessions": sessions_for(patient=patient),
            "may_write": access.is_care_team(request.user, patient),
        },
    )


@login_required
@require_GET
def brief(request, patient_id):
    patient = _clinician_patient(request, patient_id, "view_session_brief")
    data = session_brief(patient=patient, today=today_for_staff(request.user))
    chart = mood_chart_svg(
        data["chart_days"], usual=data["mood"].usual, marked_days=data["chart_alert_days"]
    )
    return render(
        request,
        "dashboards/brief.html",
        {
            "patient": patient,
            "brief": data,
            "lines": brief_lines(data),
            "mood_chart": chart,
            "read_as_ordinary_words": READ_AS_ORDINARY.capitalize() + ".",
            "found_as_a_whole_words": f"{FOUND_AS_A_WHOLE.capitalize()}; {WORDS_STAY_PRIVATE}.",
        },
    )


@login_required
@require_GET
def brief_pdf(request, patient_id):
    patient = _clinician_patient(request, patient_id, "download_session_brief")
    data = session_brief(patient=patient, today=today_for_staff(request.user))
    content = pdf.brief_pdf(patient=patient, brief=data, lines=brief_lines(data))
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="session-brief-{patient.pk}-{data["today"].isoformat()}.pdf"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def export_start(request, patient_id):
    patient = _clinician_patient(request, patient_id, "view_exports")
    today = today_for_staff(request.user)
    form = ExportForm(
        request.POST or None,
        today=today,
        initial={"first": today.replace(day=1), "last": today, "format": "csv"},
    )
    if request.method == "POST":
        # A full copy of the record leaves Trellis: the care team's to start.
        access.write_required(user=request.user, patient=patient)
    if request.method == "POST" and form.is_valid():
        export = export_request(
            by=request.user,
            patient=patient,
            fmt=form.cleaned_data["format"],
            first=form.cleaned_data["first"],
            last=form.cleaned_data["last"],
        )
        return redirect("dashboards:export_status", export_id=export.pk)
    recent = Export.objects.filter(requested_by=request.user, patient=patient).defer("content")[:10]
    return render(
        request,
        "dashboards/exports.html",
        {
            "patient": patient,
            "form": form,
            "exports": recent,
            "now": timezone.now(),
            "keep_days": settings.EXPORT_KEEP_DAYS,
            "may_write": access.is_care_team(request.user, patient),
        },
    )


def _own_export(request, export_id):
    """Only the clinician who asked for an export may see or download it,
    and only while they may still see the patient."""
    access.staff_required(request.user)
    export = (
        Export.objects.filter(pk=export_id, requested_by=request.user)
        .select_related("patient")
        .defer("content")
        .first()
    )
    if export is None:
        raise Http404("No such export")
    access.patient_for(request.user, export.patient_id)
    return export


@login_required
@require_GET
def export_status(request, export_id):
    export = _own_export(request, export_id)
    response = render(
        request,
        "dashboards/export_status.html",
        {
            "export": export,
            "past_keeping": export.is_past_keeping(timezone.now()),
            "max_attempts": settings.EXPORT_MAX_ATTEMPTS,
        },
    )
    if export.state in (Export.State.PENDING, Export.State.RUNNING):
        # A Refresh header polls without any script (the coming CSP allows none inline).
        response["Refresh"] = "3"
    return response


@login_required
@require_GET
def export_download(request, export_id):
    export = _own_export(request, export_id)
    if export.is_past_keeping(timezone.now()):
        # Gone for good, on purpose: say so, rather than a bare 404.
        return render(request, "dashboards/export_gone.html", {"export": export}, status=410)
    if export.state != Export.State.DONE:
        raise Http404("This export is not ready")
    # Read with the state, so a file wiped since the check above is not sent as empty.
    content = (
        Export.objects.filter(pk=export.pk, state=Export.State.DONE)
        .values_list("content", flat=True)
        .first()
    )
    if content is None:
        return render(request, "dashboards/export_gone.html", {"export": export}, status=410)
    access_record(
        actor=request.user, patient=export.patient, action="download_export", request=request
    )
    is_csv = export.format == Export.Format.CSV
    response = HttpResponse(
        content, content_type="text/csv; charset=utf-8" if is_csv else "application/fhir+json"
    )
    name = exports.export_filename(
        export.patient, export.first, export.last, "csv" if is_csv else "json"
    )
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def patient(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    if patient.pk == request.user.pk:
        raise Http404("Your own diary is under /diary/")
    access_record(actor=request.user, patient=patient, action="view_patient", request=request)

    alerts = list(patient_alerts(patient=patient))
    # A private entry: only that it exists and what raised a safety finding reach
    # the page, never the rest of the text (the one rule, selectors.journal_view).
    checkins = journal_view(list(patient_checkins(patient=patient)), alerts)

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
    if request.method == "POST":
        access.write_required(user=request.user, patient=patient)
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
            "may_write": access.is_care_team(request.user, patient),
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
    if request.method == "POST":
        access.write_required(user=request.user, patient=patient)
    if request.method == "POST" and form.is_valid():
        safety_plan_update(patient=patient, data=form.cleaned_data, by=request.user)
        messages.success(request, "Safety plan saved.")
        return redirect("dashboards:safety_plan", patient_id=patient.pk)
    return render(
        request,
        "dashboards/safety_plan.html",
        {"patient": patient, "form": form, "may_write": access.is_care_team(request.user, patient)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def risk_settings(request, patient_id):
    access.staff_required(request.user)
    patient = access.patient_for(request.user, patient_id)
    access_record(actor=request.user, patient=patient, action="view_risk_settings", request=request)
    current = overrides_for(patient=patient)
    form = RiskSettingsForm(
        request.POST or None, current=current, clinic_defaults=clinic_defaults_for(patient=patient)
    )
    if request.method == "POST":
        access.write_required(user=request.user, patient=patient)
    if request.method == "POST" and form.is_valid():
        risk_settings_update(
            patient=patient,
            overrides=form.overrides(),
            reason=form.cleaned_data["reason"],
            by=request.user,
        )
        messages.success(request, "Alert thresholds saved for this patient.")
        return redirect("dashboards:patient", patient_id=patient.pk)
    return render(
        request,
        "dashboards/risk_settings.html",
        {"patient": patient, "form": form, "may_write": access.is_care_team(request.user, patient)},
    )
