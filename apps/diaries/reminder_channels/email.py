"""The email channel of the daily reminder. It says only that it is time to
check in: never any entry, score or journal text, because email is read on
lock screens and shared devices."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

NAME = "email"


def send(*, patient, clinic, nudge: bool, unsubscribe_token: str) -> None:
    """Send the reminder; the caller renders inside the patient's language.
    Raises whatever the mail backend raises."""
    unsubscribe = settings.SITE_URL + reverse(
        "diaries:reminder_unsubscribe", args=[unsubscribe_token]
    )
    context = {
        "name": patient.get_short_name(),
        "clinic": clinic,
        "nudge": nudge,
        "link": settings.SITE_URL + reverse("diaries:today"),
        "crisis_link": settings.SITE_URL + reverse("diaries:crisis"),
        "settings_link": settings.SITE_URL + reverse("diaries:reminders"),
        "unsubscribe": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=render_to_string("emails/reminder-subject.txt", context).strip(),
        body=render_to_string("emails/reminder-body.txt", context),
        to=[patient.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(render_to_string("emails/reminder-body.html", context), "text/html")
    message.send()
