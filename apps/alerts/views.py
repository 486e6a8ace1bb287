from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from apps.audit.services import access_record
from apps.clinics import access
from apps.clinics.next_url import next_path
from apps.safety.categories import span_label
from apps.safety.feedback import (
    NotAllowed,
    checkin_of_alert,
    crisis_example_record,
    examples_by,
    may_label,
)
from apps.safety.feedback_forms import AlertLabelForm
from apps.safety.semantic_reading import SEMANTIC_CRISIS
from apps.safety.services import CRISIS_LANGUAGE
from apps.safety.why import private_words, read_entry

from . import page
from .forms import AlertActionForm, AlertNoteForm
from .models import Delivery, alert_links_add
from .selectors import alert_for_staff, inbox_for
from .services import alert_acknowledge, alert_action_record, alert_resolve, inbox_mark_read


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
    return render(request, "alerts/detail.html", _page(request, alert))


def _page(request, alert, *, action_form=None) -> dict:
    """Everything the clinician acts from, in a fixed number of queries
    (tests/alerts/test_alert_page_queries.py)."""
    deliveries = list(alert.deliveries.select_related("recipient"))
    # The "told" filter reads these rather than asking the database again.
    alert.sent_deliveries = [d for d in deliveries if d.outcome == Delivery.Outcome.SENT]
    found = _why(request, alert)
    checkin = found.get("checkin")
    plan = page.safety_plan_of(patient_id=alert.patient_id)
    marked = page.alert_day(alert=alert, checkin=checkin)
    first, last = page.mood_window(
        today=timezone.localdate(timezone=ZoneInfo(alert.clinic.timezone)), marked=marked
    )
    may_act = page.may_act(user=request.user, alert=alert)
    return {
        "alert": alert,
        "deliveries": deliveries,
        "told_list": page.told_list(deliveries=deliveries),
        "form": AlertNoteForm(),
        "contacts": page.contacts_for(patient=alert.patient, plan=plan),
        "plan": plan if plan is not None and not plan.is_empty else None,
        "may_write_plan": access.is_care_team(request.user, alert.patient),
        "mood": page.mood_chart(
            days=page.mood_days(patient_id=alert.patient_id, first=first, last=last),
            marked=marked,
        ),
        "latest": page.latest_entries(
            patient_id=alert.patient_id, besides=checkin.pk if checkin else None
        ),
        # For an alert on numbers (a low mood), its entry is among the latest, marked.
        "alert_checkin_id": (alert.evidence or {}).get("checkin_id") or alert.source_checkin_id,
        "who_looked": page.who_looked(alert=alert, viewer=request.user),
        "digest_due": page.digest_due(alert=alert),
        "actions": page.actions_of(alert=alert),
        "action_form": (action_form or AlertActionForm()) if may_act else None,
        **found,
    }


@login_required
@require_POST
def record_action(request, alert_id):
    """What was done about the alert (called, reached, emergency services...),
    into its trail; the first one acknowledges it. Those who may: the care team,
    on-call cover and the clinic's admins, not a break-glass reader."""
    alert = page.alert_for_acting(user=request.user, alert_id=alert_id)
    form = AlertActionForm(request.POST)
    if not form.is_valid():
        # The page again with the answers kept, so a phone's typed note is not
        # lost; it shows the patient's data, so it is recorded as a view.
        access_record(
            actor=request.user, patient=alert.patient, action="view_alert", request=request
        )
        return render(
            request, "alerts/detail.html", _page(request, alert, action_form=form), status=400
        )
    action, acknowledged = alert_action_record(
        alert=alert,
        by=request.user,
        outcome=form.cleaned_data["outcome"],
        note=form.cleaned_data["note"],
    )
    text = f"Recorded: {action.get_outcome_display().lower()}."
    if acknowledged:
        text += " The alert is acknowledged with it."
    messages.success(request, text)
    return redirect("alerts:detail", alert_id=alert.pk)


# Alerts about the words of one journal entry: the rules' and the semantic reader's.
ENTRY_RULES = {CRISIS_LANGUAGE, SEMANTIC_CRISIS}


def _why(request, alert) -> dict:
    """The entry that raised the alert, its sentence highlighted and why in words
    (a private entry: only the words that raised the concern), and whether the
    viewer may say if it was a real concern."""
    evidence = alert.evidence or {}
    spans = evidence.get("spans") or []
    kinds = list(dict.fromkeys(span_label(span) for span in spans))
    # Lowered to the digest by the second reading (apps/safety/services.py): the words
    # may mean an emergency, the whole entry read as ordinary; the page says both.
    read_as_ordinary = alert.second_reading
    lead = (
        "Words in the journal that can mean "
        if read_as_ordinary
        else "Crisis language in the journal: "
    )
    found = {
        "headline": (
            lead + "; ".join(kinds) if alert.rule == CRISIS_LANGUAGE and kinds else alert.summary
        ),
        "read_as_ordinary": read_as_ordinary,
        "matched_words": private_words(spans),
        "known_context": [c["reason"] for c in evidence.get("context") or [] if c.get("reason")],
        # The semantic reader's score and the labelled examples its reading was
        # closest to (their own words, never the patient's).
        "semantic": evidence.get("semantic") if alert.rule == SEMANTIC_CRISIS else None,
    }
    if alert.rule not in ENTRY_RULES:
        return found
    checkin = checkin_of_alert(alert=alert)
    found["entry_shown"] = True
    found["checkin"] = checkin
    if checkin is None:
        return found
    if not checkin.is_private:
        found["reading"] = read_entry(checkin.journal, spans)
        # The patient's own words that weighed most with the phrase reader: shown only
        # where the entry itself is (a private entry keeps its words).
        found["semantic_words"] = (found["semantic"] or {}).get("words") or []
    if may_label(user=request.user, patient_id=alert.patient_id, clinic_id=checkin.clinic_id):
        found["label_form"] = AlertLabelForm()
        found["my_example"] = examples_by(user=request.user, checkin_ids=[checkin.pk]).get(
            checkin.pk
        )
    return found


@login_required
@require_POST
def label(request, alert_id):
    """A clinician's "a real concern" or "not a concern" on a crisis-language alert,
    kept as a labelled example (apps/safety/feedback.py)."""
    alert = alert_for_staff(user=request.user, alert_id=alert_id)
    checkin = checkin_of_alert(alert=alert) if alert.rule in ENTRY_RULES else None
    if checkin is None:
        raise Http404("Only a crisis-language alert about an entry on record can be judged")
    if not may_label(user=request.user, patient_id=alert.patient_id, clinic_id=checkin.clinic_id):
        raise Http404("Not yours to judge")
    form = AlertLabelForm(request.POST)
    if not form.is_valid():
        messages.error(request, next(iter(form.errors.values()))[0])
        return redirect("alerts:detail", alert_id=alert.pk)
    try:
        example = crisis_example_record(
            by=request.user,
            checkin=checkin,
            label=form.cleaned_data["label"],
            note=form.cleaned_data["note"],
            alert=alert,
        )
    except NotAllowed:
        raise Http404("Not yours to judge") from None
    messages.success(
        request,
        f"Recorded: {example.get_label_display().lower()}. It is kept as an example for "
        "measuring how well Trellis reads your clinic's entries.",
    )
    return redirect("alerts:detail", alert_id=alert.pk)


def _back(request, alert):
    next_url = next_path(request, request.POST.get("next", ""))
    if next_url:
        return redirect(next_url)
    return redirect("alerts:detail", alert_id=alert.pk)


@login_required
@require_POST
def acknowledge(request, alert_id):
    # Answering an alert is acting: not for a break-glass reader (issue 21).
    alert = page.alert_for_acting(user=request.user, alert_id=alert_id)
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
    alert = page.alert_for_acting(user=request.user, alert_id=alert_id)
    form = AlertNoteForm(request.POST, note_required=True)
    if not form.is_valid():
        messages.error(request, form.errors["note"][0])
        return _back(request, alert)
    if alert_resolve(alert=alert, by=request.user, note=form.cleaned_data["note"]):
        messages.success(request, "Alert resolved.")
    else:
        messages.info(request, "This alert was already resolved.")
    return _back(request, alert)
