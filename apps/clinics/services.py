import hashlib
import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from .models import CareTeam, Clinic, Invitation, Membership, Role


class InvitationError(Exception):
    """An invitation link that cannot be used; `message` is for the person."""

    def __init__(self, message, *, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_create(
    *,
    clinic: Clinic,
    email: str,
    role: str,
    invited_by,
    full_name: str = "",
    primary_clinician=None,
    send: bool = True,
) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns it with the raw token,
    which exists only in the email (the database keeps its hash)."""
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        clinic=clinic,
        email=email.strip().lower(),
        full_name=full_name.strip(),
        role=role,
        primary_clinician=primary_clinician if role == Role.PATIENT else None,
        token_hash=token_hash(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.INVITATION_TTL_DAYS),
    )
    if send:
        transaction.on_commit(lambda: _invitation_send(invitation, token))
    return invitation, token


def _invitation_send(invitation: Invitation, token: str) -> None:
    context = {
        "invitation": invitation,
        "link": settings.SITE_URL + reverse("clinics:invitation_accept", args=[token]),
        "ttl_days": settings.INVITATION_TTL_DAYS,
    }
    subject = render_to_string("emails/invitation-subject.txt", context).strip()
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/invitation-body.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("emails/invitation-body.html", context), "text/html"
    )
    message.send()


def invitation_check(*, token: str) -> Invitation:
    """The usable invitation for this token, or InvitationError saying why not."""
    invitation = (
        Invitation.objects.select_related("clinic").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        raise InvitationError(
            "This invitation link is not valid. Check that you copied the whole link, "
            "or ask your clinic to send a new invitation.",
            status=404,
        )
    if invitation.revoked_at:
        raise InvitationError(
            "This invitation was withdrawn by the clinic. Ask them for a new one.", status=410
        )
    if invitation.accepted_at:
        raise InvitationError(
            "This invitation has already been used. If it was you, log in with your "
            "email and password.",
            status=410,
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            "This invitation has expired. Ask your clinic to send you a new one.", status=410
        )
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, full_name: str, password: str):
    """Create the invited person's account and membership, once.

    The invitation row is locked, so two tabs (or a double click) cannot both
    accept it.
    """
    invitation = invitation_check(token=token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at:
        raise InvitationError("This invitation has already been used.", status=410)

    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(
            "An account with this email address already exists. Log in, then ask your "
            "clinic admin to add you.",
            status=409,
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name.strip()
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    Membership.objects.create(user=user, clinic=invitation.clinic, role=invitation.role)
    if invitation.role == Role.PATIENT and invitation.primary_clinician_id:
        CareTeam.objects.create(
            clinic=invitation.clinic,
            patient=user,
            clinician_id=invitation.primary_clinician_id,
            is_primary=True,
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user
