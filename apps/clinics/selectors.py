from django.contrib.auth import get_user_model
from django.db.models import Q

from .models import CareTeam, Invitation, Membership, OnCallShift, Role


def primary_clinician_for(*, patient):
    link = (
        CareTeam.objects.filter(patient=patient, is_primary=True, clinician__is_active=True)
        .select_related("clinician")
        .first()
    )
    return link.clinician if link else None


def members_for_clinic(*, clinic):
    return (
        Membership.objects.filter(clinic=clinic)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def clinicians_for_clinic(*, clinic):
    return Membership.objects.filter(
        clinic=clinic, role=Role.CLINICIAN, is_active=True
    ).select_related("user")


def open_invitations_for_clinic(*, clinic):
    return (
        Invitation.objects.filter(clinic=clinic, accepted_at=None, revoked_at=None)
        .select_related("invited_by")
        .order_by("-created_at")
    )


def on_call_for(*, clinic, clinician, at):
    """Clinicians on call at `at` who cover `clinician`'s patients (a shift
    covering everyone counts; without a clinician, only those)."""
    covering = Q(covers__isnull=True)
    if clinician is not None:
        covering |= Q(covers=clinician)
    shifts = OnCallShift.objects.filter(
        covering, clinic=clinic, starts_at__lte=at, ends_at__gt=at, clinician__is_active=True
    )
    return list(
        get_user_model()
        .objects.filter(
            pk__in=shifts.values("clinician"),
            memberships__clinic=clinic,
            memberships__role=Role.CLINICIAN,
            memberships__is_active=True,
        )
        .exclude(pk=getattr(clinician, "pk", None))
        .order_by("pk")
    )


def admins_for_clinic(*, clinic):
    return list(
        get_user_model()
        .objects.filter(
            memberships__clinic=clinic,
            memberships__role=Role.ADMIN,
            memberships__is_active=True,
            is_active=True,
        )
        .order_by("pk")
    )


def invitations_of(*, clinic):
    return Invitation.objects.filter(clinic=clinic).select_related("clinic", "primary_clinician")


def memberships_of(*, clinic):
    return Membership.objects.filter(clinic=clinic).select_related("user")


def patients_of(*, clinic):
    return get_user_model().objects.filter(
        memberships__clinic=clinic, memberships__role=Role.PATIENT
    )


def care_links_of(*, clinic):
    return CareTeam.objects.filter(clinic=clinic).select_related("clinician", "patient")


def shifts_of(*, clinic):
    return OnCallShift.objects.filter(clinic=clinic).select_related("clinician", "covers")
