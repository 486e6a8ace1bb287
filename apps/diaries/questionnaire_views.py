"""The patient's questionnaire pages: what is due, filling one in, the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from apps.clinics import access
from apps.clinics.selectors import primary_clinician_for

from . import instruments
from .instruments import InvalidAnswers
from .instruments.cssrs import SKIPPED_WHEN_Q2_IS_NO
from .questionnaires import (
    questionnaire_submit,
    questionnaires_due,
    response_latest,
    responses_for,
    responses_with_change,
)
from .services import today_for


def _unknown(request, slug):
    """A tampered or mistyped address: say so plainly, with a way back."""
    return render(
        request,
        "diaries/questionnaires/unknown.html",
        {"slug": slug[:40]},
        status=404,
    )


def _questions(instrument, posted, error=None):
    """What the template draws: one fieldset per question, with the answer
    the patient already chose (after a refused submit) checked again."""
    if instrument.slug == "cssrs":
        keys = list(instrument.questions)
        texts = [instrument.questions[key] for key in keys]
    else:
        keys, texts = list(instrument.item_keys), list(instrument.items)
    questions = []
    for number, (key, text) in enumerate(zip(keys, texts, strict=True), 1):
        questions.append(
            {
                "key": key,
                "number": number if key != "q6_recent" else None,
                "text": text,
                "chosen": str(posted.get(key, "")),
                "error": str(error) if error is not None and error.key == key else "",
                "conditional": (
                    "Only if you answered yes to question 2."
                    if key in SKIPPED_WHEN_Q2_IS_NO and instrument.slug == "cssrs"
                    else "Only if you answered yes to question 6."
                    if key == "q6_recent"
                    else ""
                ),
            }
        )
    return questions


@login_required
@require_GET
def questionnaires(request):
    membership = access.patient_membership(request.user)
    local_date = today_for(clinic=membership.clinic)
    history = responses_with_change(responses_for(patient=request.user)[:60])
    for response in history:
        response.band_info = instruments.band(response.instrument, response.band)
        response.name = instruments.get(response.instrument).name
    return render(
        request,
        "diaries/questionnaires/list.html",
        {
            "due": questionnaires_due(patient=request.user, local_date=local_date),
            "history": history,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def questionnaire_fill(request, instrument):
    membership = access.patient_membership(request.user)
    definition = instruments.INSTRUMENTS.get(instrument)
    if definition is None:
        return _unknown(request, instrument)
    clinic = membership.clinic
    local_date = today_for(clinic=clinic)
    done_today = responses_for(
        patient=request.user, instrument=instrument, start=local_date, end=local_date
    ).first()
    error = None
    posted = {}

    if request.method == "POST":
        keys = definition.questions if instrument == "cssrs" else definition.item_keys
        posted = {key: request.POST[key] for key in keys if key in request.POST}
        try:
            result = questionnaire_submit(
                patient=request.user,
                clinic=clinic,
                instrument=instrument,
                answers=posted,
                local_date=local_date,
            )
        except InvalidAnswers as refused:
            error = refused
        else:
            result_url = reverse("diaries:questionnaire_result", args=[instrument])
            if not result.created:
                messages.info(
                    request,
                    _(
                        "You had already answered the %(name)s today, so we kept those "
                        "answers. Nothing was sent twice."
                    )
                    % {"name": definition.name},
                )
                return redirect(result_url)
            if result.follow_up == "cssrs":
                # Two-stage screening: straight to the C-SSRS screener, whose
                # answers tell the clinician far more than item 9 alone. Its
                # page keeps "get help straight away" at the top.
                messages.warning(request, _screener_message(request.user))
                return redirect(reverse("diaries:questionnaire_fill", args=["cssrs"]))
            if result.is_crisis:
                messages.warning(request, _crisis_message(request.user, result.follow_up))
                return redirect(reverse("diaries:crisis"))
            return redirect(result_url)

    return render(
        request,
        "diaries/questionnaires/fill.html",
        {
            "instrument": definition,
            "questions": _questions(definition, posted, error),
            "options": definition.options,
            "error": error,
            "done_today": done_today,
            "local_date": local_date,
        },
    )


def _told(patient) -> str:
    clinician = primary_clinician_for(patient=patient)
    if clinician:
        return clinician.get_full_name() or _("your clinician")
    return _("your care team")


def _screener_message(patient):
    # The screener's page says "if you are in danger now, get help straight
    # away" just below this, so the message does not repeat it.
    return format_html(
        _(
            "Thank you for answering honestly. An alert about your answers is on its way to "
            "{}. The questions below help them understand how you are; answer them when you "
            "are ready."
        ),
        _told(patient),
    )


def _crisis_message(patient, follow_up):
    who = _told(patient)
    message = format_html(
        _(
            "Thank you for answering honestly. An alert about your answers is on its way to "
            "{}. Trellis is not watched around the clock: if you might act on these thoughts, "
            "use the numbers on this page now."
        ),
        who,
    )
    if follow_up:
        message = format_html(
            _(
                '{} When you are ready, <a href="{}">answer a few more questions</a> so your '
                "clinician understands how you are."
            ),
            message,
            reverse("diaries:questionnaire_fill", args=[follow_up]),
        )
    return message


@login_required
@require_GET
def questionnaire_result(request, instrument):
    membership = access.patient_membership(request.user)
    definition = instruments.INSTRUMENTS.get(instrument)
    if definition is None:
        return _unknown(request, instrument)
    response = response_latest(patient=request.user, instrument=instrument)
    if response is None:
        return redirect("diaries:questionnaire_fill", instrument=instrument)
    local_date = today_for(clinic=membership.clinic)
    next_up = [
        due
        for due in questionnaires_due(patient=request.user, local_date=local_date)
        if due.after == instrument
    ]
    return render(
        request,
        "diaries/questionnaires/result.html",
        {
            "instrument": definition,
            "response": response,
            "band": instruments.band(instrument, response.band),
            "next_up": next_up[0] if next_up else None,
            "clinician": primary_clinician_for(patient=request.user),
        },
    )
