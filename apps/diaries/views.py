from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from apps.alerts.selectors import alerts_for_checkin, overdose_raised_by
from apps.clinics import access
from apps.clinics.lookups import id_from
from apps.clinics.selectors import primary_clinician_for
from apps.protocols.selectors import plan_for_day
from apps.safety.forms import HealthProfileForm, SafetyPlanForm
from apps.safety.models import HealthProfile
from apps.safety.rules import crisis_resources_for
from apps.safety.safety_plans import safety_plan_for, safety_plan_update
from apps.safety.screening import health_profile_update
from apps.safety.services import crisis_reading

from . import offline, push_views
from .catalog import effects_for_plan
from .crisis_language import language_links, page_language
from .exports import export_csv, export_json
from .forms import LATE_ENTRY_DAYS, CheckInForm, ReminderForm
from .models import JOURNAL_MAX_LENGTH, CheckIn, ReminderPreference
from .questionnaires import questionnaires_due
from .selectors import (
    checkin_for_day,
    checkins_all,
    checkins_for_patient,
    dose_day_comparison,
    month_calendar,
    own_checkin,
    plan_component_slugs,
    trend_series,
)
from .services import (
    CheckInRefused,
    checkin_editable,
    checkin_semantic_read_now,
    checkin_submit,
    reminder_preference_update,
    reminder_token_patient_id,
    reminder_unsubscribe,
    today_for,
)


def _day(value, *, default):
    try:
        return date.fromisoformat(value) if value else default
    except ValueError:
        return None


def _draft_key(request, local_date) -> str:
    return f"trellis-diary-{request.user.pk}-{local_date.isoformat()}"


@login_required
@require_http_methods(["GET", "POST"])
def today(request):
    """Today's check-in, or (with ?date=) a missed day's, filled in late."""
    membership = access.patient_membership(request.user)
    clinic = membership.clinic
    today_date = today_for(clinic=clinic)

    if request.method == "POST" and request.GET.get("dose") == "as_planned":
        return _dose_logged_answers_kept(request, membership=membership, today_date=today_date)
    if request.method == "POST":
        form = CheckInForm(request.POST, today=today_date)
        local_date = _day(request.POST.get("local_date"), default=today_date)
        if local_date is None or not (
            today_date - timedelta(days=LATE_ENTRY_DAYS) <= local_date <= today_date
        ):
            local_date = today_date
        if form.is_valid():
            local_date = form.cleaned_data["local_date"]
            try:
                result = checkin_submit(
                    patient=request.user,
                    clinic=clinic,
                    local_date=local_date,
                    mood=form.cleaned_data["mood"],
                    anxiety=form.cleaned_data["anxiety"],
                    energy=form.cleaned_data["energy"],
                    sleep_hours=form.cleaned_data["sleep_hours"],
                    sleep_quality=form.cleaned_data["sleep_quality"],
                    practices=form.cleaned_data["practices"],
                    side_effects=form.side_effects(),
                    journal=form.cleaned_data["journal"],
                    is_private=form.cleaned_data["is_private"],
                    submission_key=form.cleaned_data["submission_key"],
                )
            except CheckInRefused as refused:
                form.add_error(None, str(refused))
            else:
                # The semantic layer reads what the rules did not find a crisis in
                # (docs/SAFETY.md HZ-1): its finding shows the crisis page as theirs does.
                semantic_crisis = not result.is_crisis and checkin_semantic_read_now(
                    checkin=result.checkin, replayed=result.replayed
                )
                if result.replayed and crisis_reading(result.checkin.journal).flagged:
                    # Sent again (an offline draft whose first answer was lost):
                    # the crisis page is still what the patient must see.
                    response = redirect(reverse("diaries:crisis") + f"?checkin={result.checkin.pk}")
                elif result.is_crisis or semantic_crisis:
                    response = redirect(reverse("diaries:crisis") + f"?checkin={result.checkin.pk}")
                elif local_date == today_date:
                    messages.success(request, _("Saved. Thank you for checking in today."))
                    response = redirect("diaries:today")
                else:
                    messages.success(
                        request,
                        _("Saved your entry for %(day)s, marked as filled in late.")
                        % {"day": date_format(local_date, _("l j F"))},
                    )
                    response = redirect(
                        reverse("diaries:today") + f"?date={local_date.isoformat()}"
                    )
                # The next diary page tells diary-draft.js to forget the draft.
                _draft_saved_note(request, response, local_date)
                return response
    else:
        local_date = _day(request.GET.get("date"), default=today_date)
        if local_date is None:
            messages.error(request, _("That link does not name a day. Here is today."))
            return redirect("diaries:today")
        if local_date > today_date:
            messages.error(request, _("That day has not happened yet. Here is today."))
            return redirect("diaries:today")
        if local_date < today_date - timedelta(days=LATE_ENTRY_DAYS):
            messages.error(
                request,
                _("Days more than %(days)s days ago can no longer be filled in. Here is today.")
                % {"days": LATE_ENTRY_DAYS},
            )
            return redirect("diaries:today")
        form = None

    return _today_page(
        request,
        membership=membership,
        today_date=today_date,
        local_date=local_date,
        form=form,
    )


def _dose_logged_answers_kept(request, *, membership, today_date):
    """A dose button pressed without JavaScript (protocols/_today.html): it
    submits the check-in form here, so the dose is logged and the page comes
    back with the answers picked so far still picked, and not saved: the
    patient saves them when they are ready. With JavaScript, htmx logs the
    dose without leaving the page."""
    from apps.protocols.services import PlanRefused, dose_log

    component_id = id_from(request.POST.get("component"))
    try:
        if component_id is None:
            raise PlanRefused("invalid", [_("That dose could not be found.")])
        dose_log(
            patient=request.user,
            component_id=component_id,
            local_date=today_date,
            action="as_planned",
        )
    except PlanRefused as refused:
        messages.error(request, " ".join(str(message) for message in refused.messages))
    else:
        messages.success(
            request,
            _("Noted. Your answers below are not saved yet: press Save when you are ready."),
        )
    draft = CheckInForm(request.POST, today=today_date)
    answers = {
        name: request.POST.getlist(name)
        if isinstance(field, forms.MultipleChoiceField)
        else request.POST.get(name)
        for name, field in draft.fields.items()
        if name in request.POST and name != "local_date"
    }
    # Unbound, with what they picked as its initial values: the page shows
    # the answers without judging them, since nothing was saved.
    form = CheckInForm(initial={**answers, "local_date": today_date}, today=today_date)
    return _today_page(
        request, membership=membership, today_date=today_date, local_date=today_date, form=form
    )


def _today_page(request, *, membership, today_date, local_date, form):
    clinic = membership.clinic
    existing = checkin_for_day(patient=request.user, local_date=local_date)
    if form is None:
        form = CheckInForm(
            initial=CheckInForm.initial_for(existing, local_date=local_date), today=today_date
        )
    # Side effects asked about: those of the plan's components (a query made
    # only when the page is shown, never by a successful save).
    form.shown_effect_keys = effects_for_plan(plan_component_slugs(patient=request.user))
    # After a refused POST the form stays, with the reason and what they typed.
    locked = (
        not form.is_bound
        and existing is not None
        and not checkin_editable(checkin=existing, today=today_date)
    )
    history = list(checkins_for_patient(patient=request.user, limit=14))
    draft_saved = _draft_saved_taken(request, local_date=local_date, existing=existing)
    response = render(
        request,
        "diaries/today.html",
        {
            "form": form,
            "clinic": clinic,
            "local_date": local_date,
            "is_today": local_date == today_date,
            "existing": existing,
            "locked": locked,
            "history": history,
            "first_entry": not history,
            "missed_days": _missed_days(
                history,
                today=today_date,
                joined=membership.created_at.astimezone(ZoneInfo(clinic.timezone)).date(),
            ),
            "plan_day": plan_for_day(patient=request.user, local_date=local_date),
            "draft_key": _draft_key(request, local_date),
            # For a check-in saved with no signal (offline-checkin.js): the
            # session's tag for the service worker, and the numbers to call
            # while the entry waits (from the fixture: no query).
            "offline_tag": offline.session_tag(request),
            "offline_resources": [
                resource
                for resource in crisis_resources_for(
                    clinic.locale, language=(translation.get_language() or "en")[:2]
                )
                if resource.get("phone")
            ][:2],
            "draft_saved": draft_saved,
            "needs_intake": not HealthProfile.objects.filter(patient=request.user).exists(),
            "journal_max": JOURNAL_MAX_LENGTH,
            # Asked for on the diary page, not only on the questionnaires page.
            "questionnaires_due": questionnaires_due(patient=request.user, local_date=today_date)
            if local_date == today_date
            else [],
        },
    )
    if DRAFT_SAVED_COOKIE in request.COOKIES:
        response.delete_cookie(DRAFT_SAVED_COOKIE, path=reverse("diaries:today"))
    return response


# Which day's entry was just saved, for the next diary page to tell
# diary-draft.js to forget that day's draft. A signed cookie on the redirect,
# not the session: writing the session would cost an UPDATE of its row on
# every check-in. Signed with the patient's id, so it names only their own
# day; and read only when that day's entry is really in the database, so the
# page never forgets a draft for an entry that was not saved.
DRAFT_SAVED_COOKIE = "trellis_diary_saved"
DRAFT_SAVED_MAX_AGE = 60 * 60


def _draft_saved_salt(request) -> str:
    return f"diaries.draft_saved.{request.user.pk}"


def _draft_saved_note(request, response, local_date) -> None:
    response.set_signed_cookie(
        DRAFT_SAVED_COOKIE,
        local_date.isoformat(),
        salt=_draft_saved_salt(request),
        max_age=DRAFT_SAVED_MAX_AGE,
        path=reverse("diaries:today"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _draft_saved_taken(request, *, local_date, existing) -> str | None:
    """The draft key to forget, when the cookie names a day of this patient's
    whose entry is saved; None otherwise. The caller deletes the cookie, so
    it is read once."""
    if DRAFT_SAVED_COOKIE not in request.COOKIES:
        return None
    saved_day = _day(
        request.get_signed_cookie(
            DRAFT_SAVED_COOKIE,
            default=None,
            salt=_draft_saved_salt(request),
            max_age=DRAFT_SAVED_MAX_AGE,
        ),
        default=None,
    )
    if saved_day is None:
        return None
    if saved_day == local_date:
        saved = existing is not None
    else:
        saved = CheckIn.objects.filter(patient=request.user, local_date=saved_day).exists()
    return _draft_key(request, saved_day) if saved else None


def _missed_days(history, *, today, joined):
    """The days of the last week, since the patient joined, without an entry:
    the ones that can still be filled in."""
    have = {checkin.local_date for checkin in history}
    days = (today - timedelta(days=offset) for offset in range(1, LATE_ENTRY_DAYS + 1))
    return [day for day in days if day >= joined and day not in have]


@require_GET
def crisis(request):
    """Crisis resources for anyone, signed in or not; for a patient coming
    from a check-in, also the truth about who is being told. In English or
    Spanish (crisis_language.page_language), with a link to the other."""
    membership = access.patient_membership_or_none(request.user)
    clinic = membership.clinic if membership else None

    notified = None
    checkin = None
    overdose = False
    if membership is not None:
        checkin = own_checkin(patient=request.user, checkin_id=id_from(request.GET.get("checkin")))
        if checkin is not None:
            alerts = list(alerts_for_checkin(patient=request.user, checkin_id=checkin.pk))
            notified = {
                "raised": bool(alerts),
                "delivered": any(alert.delivered_at for alert in alerts),
                "clinician": primary_clinician_for(patient=request.user),
            }
            # An overdose: the poison centre's line too, after the emergency number.
            overdose = overdose_raised_by(alerts=alerts, checkin_id=checkin.pk)

    language = page_language(
        requested=request.GET.get("lang"),
        preference=membership.language if membership else "",
        entry_text=checkin.journal if checkin else None,
        clinic_locale=clinic.locale if clinic else None,
    )
    plan = safety_plan_for(patient=request.user) if membership else None
    resources = crisis_resources_for(
        clinic.locale if clinic else "US", language=language, overdose=overdose
    )
    # Rendered inside the override: the template's words come out in `language`.
    with translation.override(language):
        return render(
            request,
            "diaries/crisis.html",
            {
                "clinic": clinic,
                "resources": resources,
                # For the sentence that names them (none where the country has no
                # poison line: the page then says what it says for any crisis).
                "poison_line": next((r for r in resources if r.get("when")), None),
                "emergency_line": next((r for r in resources if r.get("emergency")), None),
                "notified": notified,
                "plan": plan if plan is not None and not plan.is_empty else None,
                "page_language": language,
                "language_setting": membership is not None,
                "languages": language_links(
                    current=language, checkin_id=checkin.pk if checkin else None
                ),
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
        messages.success(request, _("Saved. Your clinician will go through it with you."))
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
        messages.success(request, _("Your safety plan is saved. It shows on the help page too."))
        return redirect("diaries:safety_plan")
    return render(request, "diaries/safety_plan.html", {"form": form, "plan": plan})


@login_required
@require_GET
def history(request):
    """The patient's own entries, a month at a time: a calendar and a list."""
    membership = access.patient_membership(request.user)
    today_date = today_for(clinic=membership.clinic)
    year, month = today_date.year, today_date.month
    raw = request.GET.get("month", "")
    try:
        asked = date.fromisoformat(f"{raw}-01") if raw else None
    except ValueError:
        asked = None
    if asked is not None and date(2000, 1, 1) <= asked <= today_date:
        year, month = asked.year, asked.month
    shown = date(year, month, 1)
    previous = (shown - timedelta(days=1)).replace(day=1)
    following = (shown + timedelta(days=32)).replace(day=1)
    return render(
        request,
        "diaries/history.html",
        {
            "month": shown,
            "previous": previous,
            "following": following if following <= today_date else None,
            "today": today_date,
            "late_from": today_date - timedelta(days=LATE_ENTRY_DAYS),
            **month_calendar(patient=request.user, year=year, month=month, today=today_date),
        },
    )


TREND_DAYS = {"30": 30, "90": 90}


@login_required
@require_GET
def trends(request):
    membership = access.patient_membership(request.user)
    days = TREND_DAYS.get(request.GET.get("days", ""), 30)
    series = trend_series(
        patient=request.user, today=today_for(clinic=membership.clinic), days=days
    )
    measures = [
        ("mood", "Mood", "0 worst to 10 best"),
        ("anxiety", "Anxiety", "0 calm to 10 most anxious"),
        ("energy", "Energy", "0 exhausted to 10 full of energy"),
        ("sleep_hours", "Sleep", "hours"),
    ]
    tables = [
        {
            "key": key,
            "label": label,
            "unit": unit,
            "rows": [
                (row["date"], row[key], row["dose_day"], PHASE_WORDS.get(row["phase"], ""))
                for row in series
                if row[key] is not None
            ],
            "comparison": dose_day_comparison(series=series, key=key),
        }
        for key, label, unit in measures
    ]
    return render(
        request,
        "diaries/trends.html",
        {"series": series, "tables": tables, "days": days, "choices": TREND_DAYS},
    )


# The phase names patients read beside their numbers.
PHASE_WORDS = {
    "initial": "Initial phase",
    "maintenance": "Maintenance",
    "integration": "Integration",
}


@login_required
@require_GET
def export(request, fmt):
    access.patient_membership(request.user)
    checkins = checkins_all(patient=request.user)
    if fmt == "json":
        response = HttpResponse(
            export_json(checkins, patient=request.user), content_type="application/json"
        )
    else:
        response = HttpResponse(export_csv(checkins), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trellis-diary.{fmt}"'
    return response


@login_required
@require_GET
def download(request):
    access.patient_membership(request.user)
    return render(request, "diaries/download.html")


@login_required
@require_http_methods(["GET", "POST"])
def reminders(request):
    membership = access.patient_membership(request.user)
    preference = ReminderPreference.objects.filter(patient=request.user).first()
    initial = (
        {
            "enabled": preference.enabled,
            "time": preference.time,
            "timezone": preference.timezone,
            "channel": preference.channel,
        }
        if preference
        else {
            "enabled": True,
            "time": "20:00",
            "timezone": membership.clinic.timezone,
            "channel": "email",
        }
    )
    form = ReminderForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        reminder_preference_update(
            patient=request.user,
            enabled=form.cleaned_data["enabled"],
            time=form.cleaned_data["time"],
            timezone_name=form.cleaned_data["timezone"],
            channel=form.cleaned_data["channel"],
        )
        if form.cleaned_data["enabled"]:
            messages.success(
                request,
                _("Saved. We will remind you at %(time)s.")
                % {"time": f"{form.cleaned_data['time']:%H:%M}"},
            )
        else:
            messages.success(request, _("Saved. You will not get reminder emails."))
        return redirect("diaries:reminders")
    return render(
        request,
        "diaries/reminders.html",
        {"form": form, "preference": preference, **push_views.page_context()},
    )


# The link in the email is the credential (a signed token), and mail clients'
# one-click unsubscribe (RFC 8058) POSTs without a CSRF token.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def reminder_unsubscribe_view(request, token):
    """GET asks (link scanners in mail systems follow links, and must not
    switch anyone's reminders off); POST, from the button or the mail
    client's one-click header, switches them off."""
    if request.method == "POST":
        done = reminder_unsubscribe(token=token)
        return render(
            request,
            "diaries/reminder_unsubscribe.html",
            {"done": done, "valid": done},
            status=200 if done else 400,
        )
    valid = reminder_token_patient_id(token=token) is not None
    return render(request, "diaries/reminder_unsubscribe.html", {"valid": valid, "done": False})
