"""The clinic's crisis-language examples (apps/safety/feedback.py): "this should have
alerted" on a timeline entry, the review list, and the export for
`manage.py crisis_eval`. Mounted by crisis_example_urls.py.

The list and the export hold only examples of patients the viewer may see without
break-glass, in their own clinics; the export (entries' text) asks for the password
again first (settings.SENSITIVE_URL_NAMES) and is recorded in the access trail,
one event per patient whose entries it holds.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.views.decorators.http import require_GET, require_POST

from apps.audit.models import AccessEvent
from apps.clinics import access
from apps.diaries.exports import spreadsheet_safe
from apps.safety.categories import kind_label
from apps.safety.feedback import (
    NotAllowed,
    checkin_for,
    crisis_example_record,
    eval_rows,
    examples_for_review,
    may_label,
)
from apps.safety.feedback_forms import MissedForm
from apps.safety.models import CrisisExample

LIST_LIMIT = 200


@login_required
@require_POST
def missed(request, patient_id):
    """A clinician's "this should have alerted" on one timeline entry."""
    access.staff_required(request.user)
    patient = access.patient_for_request(request, patient_id)
    if not may_label(user=request.user, patient_id=patient.pk):
        raise Http404("Not yours to judge")
    back = reverse("dashboards:timeline", args=[patient.pk])
    form = MissedForm(request.POST)
    checkin = checkin_for(patient_id=patient.pk, checkin_id=request.POST.get("checkin"))
    if not form.is_valid() or checkin is None:
        messages.error(request, form.error_text() or "That entry could not be found.")
        return redirect(back)
    if checkin.is_private:
        # The clinician cannot read it, so cannot judge it; nor may its text be kept.
        messages.error(request, "A private entry cannot be judged: its text is the patient's.")
        return redirect(back)
    try:
        crisis_example_record(
            by=request.user,
            checkin=checkin,
            label=CrisisExample.Label.MISSED,
            kind=form.cleaned_data["kind"],
            note=form.cleaned_data["note"],
        )
    except NotAllowed:
        raise Http404("Not yours to judge") from None
    messages.success(
        request,
        f"Recorded: the entry of {date_format(checkin.local_date, 'j M Y')} should have alerted. "
        "It is kept "
        "as an example for measuring how well Trellis reads your clinic's entries.",
    )
    return redirect(f"{back}#entry-{checkin.pk}")


@login_required
@require_GET
def review(request):
    """The clinic's examples, newest first: date, patient, answer, who, kind."""
    access.staff_required(request.user)
    examples = examples_for_review(user=request.user)
    shown = list(examples[:LIST_LIMIT])
    _record(request, {e.patient_id for e in shown}, action="view_crisis_examples")
    rows = [
        {
            "example": example,
            "kind": kind_label(example.kind) if example.kind else "not said",
        }
        for example in shown
    ]
    return render(
        request,
        "dashboards/crisis_examples.html",
        {
            "rows": rows,
            "total": examples.count() if len(shown) == LIST_LIMIT else len(shown),
            "limit": LIST_LIMIT,
        },
    )


@login_required
@require_POST
def export(request):
    """The examples as a TSV file that `manage.py crisis_eval FILE.tsv` reads."""
    access.staff_required(request.user)
    examples = [e for e in examples_for_review(user=request.user) if e.text]
    _record(request, {e.patient_id for e in examples}, action="export_crisis_examples")
    response = HttpResponse(
        examples_tsv(eval_rows(examples)), content_type="text/tab-separated-values; charset=utf-8"
    )
    today = timezone.localdate()
    response["Content-Disposition"] = f'attachment; filename="crisis-examples-{today}.tsv"'
    response["Cache-Control"] = "no-store"
    return response


def _record(request, patient_ids, *, action):
    """One access event per patient the page or file holds, in one INSERT."""
    AccessEvent.objects.bulk_create(
        AccessEvent(
            actor=request.user,
            patient_id=patient_id,
            action=action,
            path=request.path[:500],
            ip_address=request.META.get("REMOTE_ADDR"),
        )
        for patient_id in sorted(patient_ids)
    )


def examples_tsv(rows) -> str:
    """label, kind, text: a header and a row per example, tab-separated, no quoting
    (as crisis_eval reads it), no byte-order mark (crisis_eval would read it into
    the first column's name). A text that a spreadsheet would run as a formula
    starts with an apostrophe, as in the other exports; the detector reads past it."""
    lines = ["label\tkind\ttext"]
    lines.extend(f"{label}\t{kind}\t{spreadsheet_safe(text)}" for label, kind, text in rows)
    return "\n".join(lines) + "\n"
