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
from django.utils import timezone, translation
from django.utils.translation import gettext

from .languages import LANGUAGES, email_language
from .models import CareTeam, Clinic, Invitation, Membership, Role
from .text import email_subject


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
    language: str = "",
    send: bool = True,
) -> tuple[Invitation, str]:
    """Create an invitation and email its link. Returns it with the raw token,
    which exists only in the email (the database keeps its hash). `language` ("en",
    "es", or "" for the clinic's) is the email's, the accepting page's and, for a
    patient, their own setting once they join."""
    if language not in ("", *LANGUAGES):
        raise ValueError(f"language must be blank or one of {', '.join(LANGUAGES)}")
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
        language=language,
    )
    if send:
        transaction.on_commit(lambda: _invitation_send(invitation, token))
    return invitation, token


def invitation_role_words(role: str) -> str:
    """What someone is invited as, in the active language ("a patient", "un paciente")."""
    return {
        Role.PATIENT: gettext("a patient"),
        Role.CLINICIAN: gettext("a clinician"),
        Role.ADMIN: gettext("a clinic admin"),
    }.get(role, role)


def invitation_language(invitation: Invitation) -> str:
    """The language an invitation speaks: the one chosen for it, else the clinic's."""
    return email_language(preference=invitation.language, clinic_locale=invitation.clinic.locale)


def _invitation_send(invitation: Invitation, token: str) -> None:
    with translation.override(invitation_language(invitation)):
        _invitation_message(invitation, token).send()


def _invitation_message(invitation: Invitation, token: str) -> EmailMultiAlternatives:
    context = {
        "invitation": invitation,
        "name": invitation.full_name,
        "clinic": invitation.clinic.name,
        "role_words": invitation_role_words(invitation.role),
        "link": settings.SITE_URL + reverse("clinics:invitation_accept", args=[token]),
        "ttl_days": settings.INVITATION_TTL_DAYS,
    }
    subject = email_subject("emails/invitation-subject.txt", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("emails/invitation-body.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(
        render_to_string("emails/invitation-body.html", context), "text/html"
    )
    return message


def invitation_check(*, token: str) -> Invitation:
    """The usable invitation for this token, or InvitationError saying why not."""
    invitation = (
        Invitation.objects.select_related("clinic").filter(token_hash=token_hash(token)).first()
    )
    if invitation is None:
        raise InvitationError(
            gettext(
                "This invitation link is not valid. Check that you copied the whole link, "
                "or ask your clinic to send a new invitation."
            ),
            status=404,
        )
    if invitation.revoked_at:
        raise InvitationError(
            gettext("This invitation was withdrawn by the clinic. Ask them for a new one."),
            status=410,
        )
    if invitation.accepted_at:
        raise InvitationError(
            gettext(
                "This invitation has already been used. If it was you, log in with your "
                "email and password."
            ),
            status=410,
        )
    if invitation.expires_at <= timezone.now():
        raise InvitationError(
            gettext("This invitation has expired. Ask your clinic to send you a new one."),
            status=410,
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
        raise InvitationError(gettext("This invitation has already been used."), status=410)

    User = get_user_model()
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise InvitationError(
            gettext(
                "An account with this email address already exists. Log in, then ask your "
                "clinic admin to add you."
            ),
            status=409,
        )
    user = User.objects.create_user(
        email=invitation.email, password=password, full_name=full_name.strip()
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    # A patient invited in a language keeps it as their own setting (they can change it).
    Membership.objects.create(
        user=user,
        clinic=invitation.clinic,
        role=invitation.role,
        language=invitation.language if invitation.role == Role.PATIENT else "",
    )
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


# --- the console: invitations, members, care teams, settings, rota -------------------------


class ConsoleError(Exception):
    """A console action that cannot be done; the message is for the admin."""


def invitation_resend(*, invitation: Invitation, by) -> tuple[Invitation, str]:
    """A fresh link (the old one stops working) with a fresh expiry."""
    if invitation.accepted_at or invitation.revoked_at:
        raise ConsoleError("This invitation is no longer open.")
    with transaction.atomic():
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
        return invitation_create(
            clinic=invitation.clinic,
            email=invitation.email,
            full_name=invitation.full_name,
            role=invitation.role,
            primary_clinician=invitation.primary_clinician,
            invited_by=by,
            language=invitation.language,
        )


def invitation_revoke(*, invitation: Invitation) -> bool:
    return bool(
        Invitation.objects.filter(pk=invitation.pk, accepted_at=None, revoked_at=None).update(
            revoked_at=timezone.now()
        )
    )


def invitation_problem(*, clinic: Clinic, email: str) -> str | None:
    """Why this address cannot be invited to `clinic`, or None."""
    if Membership.objects.filter(clinic=clinic, user__email__iexact=email).exists():
        return "already a member of this clinic"
    # Whether the address has an account at another clinic is not said: in a
    # mental-health app that would tell this admin the person is probably a
    # patient somewhere. They are invited like anyone else; the link tells the
    # invitee (who knows they have an account) to log in and ask to be added.
    if Invitation.objects.filter(
        clinic=clinic,
        email__iexact=email,
        accepted_at=None,
        revoked_at=None,
        expires_at__gt=timezone.now(),
    ).exists():
        return "already invited (resend that invitation instead)"
    return None


def user_sessions_end(*, user) -> int:
    """End every session of `user`, so a deactivation takes effect at once:
    mark them revoked (accounts' middleware refuses any session that began
    earlier, whatever the session store) and delete the stored ones."""
    from django.contrib.sessions.models import Session

    from apps.accounts.sessions import other_sessions_end

    other_sessions_end(user=user)
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            session.delete()
            ended += 1
    return ended


def membership_deactivate(*, membership: Membership, by) -> None:
    if membership.user_id == by.pk:
        raise ConsoleError("You cannot deactivate yourself; ask another admin.")
    with transaction.atomic():
        Membership.objects.filter(pk=membership.pk).update(is_active=False)
        user_sessions_end(user=membership.user)


def membership_reactivate(*, membership: Membership) -> None:
    Membership.objects.filter(pk=membership.pk).update(is_active=True)


def membership_add_existing(*, clinic: Clinic, user, role: str, by) -> Membership:
    """Add someone with an account elsewhere: only an admin of both clinics may."""
    from .access import admin_clinics

    theirs = Membership.objects.filter(user=user, is_active=True).values("clinic")
    if not admin_clinics(by).filter(pk__in=theirs).exists() or not (
        admin_clinics(by).filter(pk=clinic.pk).exists()
    ):
        raise ConsoleError("Only an admin of both clinics can add this person.")
    membership, _ = Membership.objects.get_or_create(
        user=user, clinic=clinic, defaults={"role": role}
    )
    return membership


@transaction.atomic
def care_link_add(*, clinic: Clinic, patient, clinician, primary: bool) -> CareTeam:
    """Link a clinician to a patient; as primary, the old primary stays on the team."""
    if primary:
        CareTeam.objects.filter(patient=patient, is_primary=True).update(is_primary=False)
    link, created = CareTeam.objects.get_or_create(
        patient=patient, clinician=clinician, defaults={"clinic": clinic, "is_primary": primary}
    )
    if not created and primary and not link.is_primary:
        link.is_primary = True
        link.save(update_fields=["is_primary"])
    return link


def care_link_remove(*, link: CareTeam) -> None:
    if link.is_primary:
        raise ConsoleError(
            "This is the primary clinician: hand the patient over to someone else first."
        )
    link.delete()


def clinic_settings_update(*, clinic: Clinic, data: dict) -> list[str]:
    """Save the fields in `data`; returns the names that changed."""
    changed = [name for name, value in data.items() if getattr(clinic, name) != value]
    for name in changed:
        setattr(clinic, name, data[name])
    if changed:
        clinic.save(update_fields=changed)
    return changed


def on_call_shift_add(*, clinic: Clinic, clinician, covers, starts_at, ends_at):
    from .models import OnCallShift

    if ends_at <= starts_at:
        raise ConsoleError("A shift must end after it starts.")
    return OnCallShift.objects.create(
        clinic=clinic, clinician=clinician, covers=covers, starts_at=starts_at, ends_at=ends_at
    )


def invitations_import(*, clinic: Clinic, data: bytes, by) -> list:
    """Invite everyone in an uploaded CSV. Each row is done whole or not at
    all; returns the rows with `error` set where it was refused (CsvFileError
    if the file itself cannot be read)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from .csv_import import rows_parse

    rows = rows_parse(data)
    clinicians = {
        m.user.email.lower(): m.user
        for m in Membership.objects.filter(
            clinic=clinic, role=Role.CLINICIAN, is_active=True
        ).select_related("user")
    }
    seen = set()
    for row in rows:
        if row.error:
            continue
        values = row.values
        email = values["email"].lower()
        role = values["role"].lower()
        try:
            validate_email(email)
        except ValidationError:
            row.error = "not a valid email address"
            continue
        if len(email) > 254 or len(values["full_name"]) > 150:
            row.error = "too long"
            continue
        if role not in Role.values:
            row.error = f"unknown role (use one of: {', '.join(Role.values)})"
            continue
        language = values["language"].lower()
        if language not in ("", *LANGUAGES):
            row.error = f"unknown language (use one of: {', '.join(LANGUAGES)}, or leave it blank)"
            continue
        if email in seen:
            row.error = "the same email appears earlier in the file"
            continue
        seen.add(email)
        primary = None
        if role == Role.PATIENT:
            primary = clinicians.get(values["primary_clinician"].lower())
            if primary is None:
                row.error = "primary_clinician is not an active clinician of this clinic"
                continue
        problem = invitation_problem(clinic=clinic, email=email)
        if problem:
            row.error = problem
            continue
        with transaction.atomic():
            invitation_create(
                clinic=clinic,
                email=email,
                full_name=values["full_name"],
                role=role,
                primary_clinician=primary,
                language=language,
                invited_by=by,
            )
    return rows


def account_closure_terms(*, clinic: Clinic) -> str:
    """What closing an account does, in plain words, for the confirmation page."""
    # In the patient's language (issue 19): gettext, read while their page renders.
    if clinic.retention == "delete":
        return gettext(
            "You will be signed out and your account closed at once. %(clinic)s has chosen "
            "to delete your records %(days)s days after that: your "
            "check-ins, journal, questionnaires, health profile, safety plan, plan and dose "
            "logs, and alerts about you. Until then they are kept, locked, and nobody can "
            "add to them. The record of who looked at your data is kept, without your name."
        ) % {"clinic": clinic, "days": clinic.retention_days}
    return gettext(
        "You will be signed out and your account closed at once. %(clinic)s keeps your "
        "clinical records (check-ins, journal, questionnaires, health profile, safety plan, "
        "plan and dose logs), locked: nobody can add to them or change them, and they are "
        "no longer shown in anyone's caseload. Download a copy first if you want one. "
        "Ask the clinic if you want them deleted."
    ) % {"clinic": clinic}


@transaction.atomic
def account_close(*, patient, clinic: Clinic):
    from .models import AccountClosure

    delete_after = None
    if clinic.retention == "delete":
        delete_after = timezone.now() + timedelta(days=clinic.retention_days)
    closure = AccountClosure.objects.create(
        clinic=clinic, patient=patient, delete_after=delete_after
    )
    Membership.objects.filter(user=patient, clinic=clinic).update(is_active=False)
    if not Membership.objects.filter(user=patient, is_active=True).exists():
        get_user_model().objects.filter(pk=patient.pk).update(is_active=False)
    user_sessions_end(user=patient)
    return closure


def closed_accounts_purge(*, now=None) -> int:
    """Delete the accounts (and, by cascade, every clinical record) whose
    clinic's deletion date has passed. Idempotent: a purged closure is marked."""
    from .models import AccountClosure

    now = now or timezone.now()
    purged = 0
    due = AccountClosure.objects.filter(
        delete_after__lte=now, deleted_at=None, patient__isnull=False
    )
    for closure in due:
        with transaction.atomic():
            patient = closure.patient
            # Someone reopened or rejoined since: keep them.
            if Membership.objects.filter(user=patient, is_active=True).exists():
                AccountClosure.objects.filter(pk=closure.pk).update(delete_after=None)
                continue
            AccountClosure.objects.filter(pk=closure.pk).update(deleted_at=now)
            patient.delete()
            purged += 1
    return purged
