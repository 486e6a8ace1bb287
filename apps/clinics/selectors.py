from .models import CareTeam, Invitation, Membership, Role


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
    return Invitation.objects.filter(clinic=clinic, accepted_at=None, revoked_at=None).order_by(
        "-created_at"
    )
