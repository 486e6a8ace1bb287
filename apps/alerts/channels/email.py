"""The email channel. The message says that an alert exists, how severe it is
and where to look; never the journal text, the patient's name, or what matched."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from apps.clinics.text import email_subject

NAME = "email"
PER_PERSON = True


def send(*, alert, recipient, policy) -> None:
    context = {
        "alert": alert,
        "recipient": recipient,
        "link": settings.SITE_URL + reverse("alerts:detail", args=[alert.pk]),
        "clinic": alert.clinic,
        "escalated": alert.escalation_level > 0,
    }
    subject = email_subject("emails/alert-subject.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/alert-body.txt", context),
        to=[recipient.email],
        headers={"X-Trellis-Alert": str(alert.pk)},
    )
    message.attach_alternative(render_to_string("emails/alert-body.html", context), "text/html")
    message.send()
