"""Who may see which patient: the one place that decides.

Every view, selector and export that touches a patient's data asks here.
The rules:

- a patient sees only themselves;
- a clinician sees the patients they are linked to through a CareTeam row,
  in a clinic where both memberships are active;
- a clinician on call sees, for the length of the shift, the patients of the
  colleague the shift covers (or every patient of the clinic, for a shift that
  covers everyone);
- a clinician of the patient's clinic who is none of the above may open the
  record in an emergency by giving a reason (break-glass); it lasts
  BREAK_GLASS_MINUTES, is recorded and reported to the clinic's admins;
- a clinic admin sees every patient of the clinics they administer;
- anyone else sees nothing, and gets a 404 rather than a 403, so that an id
  reveals nothing about whether it exists.
"""

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from .models import BreakGlass, CareTeam, Membership, OnCallShift, Role


def _active_memberships(user, role):
    return Membership.objects.filter(user=user, role=role, is_active=True, user__is_active=True)


def patients_visible_to(user) -> QuerySet:
    """The patients (User rows) whose data `user` may see."""
    User = get_user_model()
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()

    patient_membership = Membership.objects.filter(
        user=OuterRef("pk"), role=Role.PATIENT, is_active=True
    )
    via_care_team = CareTeam.objects.filter(
        patient=OuterRef("pk"),
        clinician=user,
        clinic__memberships__user=user,
        clinic__memberships__role=Role.CLINICIAN,
        clinic__memberships__is_active=True,
    )
    now = timezone.now()
    shifts = OnCallShift.objects.filter(
        clinician=user,
        starts_at__lte=now,
        ends_at__gt=now,
        clinic__in=_active_memberships(user, Role.CLINICIAN).values("clinic"),
    )
    via_on_call_for_colleague = CareTeam.objects.filter(
        patient=OuterRef("pk"),
        is_primary=True,
        clinician__in=shifts.exclude(covers=None).values("covers"),
        clinic__in=shifts.values("clinic"),
    )
    via_on_call_for_everyone = Membership.objects.filter(
        user=OuterRef("pk"),
        role=Role.PATIENT,
        is_active=True,
        clinic__in=shifts.filter(covers=None).values("clinic"),
    )
    # Break-glass: only within the clinic where the clinician is active now.
    via_break_glass = BreakGlass.objects.filter(
        patient=OuterRef("pk"),
        clinician=user,
        expires_at__gt=now,
        clinic__in=_active_memberships(user, Role.CLINICIAN).values("clinic"),
    )
    via_admin = Membership.objects.filter(
        user=OuterRef("pk"),
        role=Role.PATIENT,
        is_active=True,
        clinic__in=_active_memberships(user, Role.ADMIN).values("clinic"),
    )
    return (
        User.objects.filter(is_active=True)
        .filter(Exists(patient_membership))
        .filter(
            Q(pk=user.pk)
            | Exists(via_care_team)
            | Exists(via_on_call_for_colleague)
            | Exists(via_on_call_for_everyone)
            | Exists(via_admin)
            | Exists(via_break_glass)
        )
    )


def visible_patient_ids(request) -> list[int]:
    """The ids of the patients the signed-in person may see (never themselves),
    worked out once per request: the caseload, its alert list and the staff
    context processor all need them, and building the access query is the
    costly part of a staff page."""
    user = request.user
    cached = getattr(request, "_visible_patient_ids", None)
    if cached is None or cached[0] != user.pk:
        ids = list(patients_visible_to(user).exclude(pk=user.pk).values_list("pk", flat=True))
        cached = (user.pk, ids)
        request._visible_patient_ids = cached
    return cached[1]


def patient_for(user, patient_id):
    """The patient with this id if `user` may see them; 404 otherwise."""
    patient = patients_visible_to(user).filter(pk=patient_id).first()
    if patient is None:
        raise Http404("No such patient")
    return patient


def is_clinician(user) -> bool:
    return user.is_authenticated and _active_memberships(user, Role.CLINICIAN).exists()


def admin_clinics(user) -> QuerySet:
    """The clinics `user` administers."""
    from .models import Clinic

    if not user.is_authenticated:
        return Clinic.objects.none()
    return Clinic.objects.filter(
        memberships__user=user, memberships__role=Role.ADMIN, memberships__is_active=True
    )


def patient_membership_or_none(user):
    """The active patient membership of `user`, if they are a patient."""
    if not user.is_authenticated:
        return None
    return _active_memberships(user, Role.PATIENT).select_related("clinic").first()


def patient_membership(user):
    """The active patient membership of `user`, or 404 for anyone else."""
    membership = patient_membership_or_none(user)
    if membership is None:
        raise Http404("This page is for patients")
    return membership


def staff_required(user):
    """Clinicians and clinic admins pass; everyone else gets a 404."""
    if not (is_clinician(user) or admin_clinics(user).exists()):
        raise Http404("This page is for clinic staff")


def admin_clinic_for(user):
    clinic = admin_clinics(user).first()
    if clinic is None:
        raise Http404("This page is for clinic admins")
    return clinic


BREAK_GLASS_MINUTES = 60


def break_glass_candidates(user) -> QuerySet:
    """Patients of `user`'s clinics that `user` could open with break-glass:
    active patients of a clinic where `user` is an active clinician, not
    already visible to them."""
    User = get_user_model()
    clinics = _active_memberships(user, Role.CLINICIAN).values("clinic")
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.PATIENT,
            memberships__is_active=True,
            memberships__clinic__in=clinics,
        )
        .exclude(pk__in=patients_visible_to(user).values("pk"))
        .distinct()
    )


def break_glass_open(*, user, patient_id, reason: str):
    """Grant `user` emergency access to the patient for BREAK_GLASS_MINUTES.
    404 if the patient is not theirs to break glass for; the caller records
    the access and tells the admins."""
    from datetime import timedelta

    patient = break_glass_candidates(user).filter(pk=patient_id).first()
    if patient is None:
        raise Http404("No such patient")
    clinic_id = (
        Membership.objects.filter(user=patient, role=Role.PATIENT, is_active=True)
        .filter(clinic__in=_active_memberships(user, Role.CLINICIAN).values("clinic"))
        .values_list("clinic_id", flat=True)
        .first()
    )
    grant = BreakGlass.objects.create(
        clinic_id=clinic_id,
        clinician=user,
        patient=patient,
        reason=reason.strip()[:1000],
        expires_at=timezone.now() + timedelta(minutes=BREAK_GLASS_MINUTES),
    )
    return grant


def staff_of_admin_clinics(user, *, email):
    """A clinician or admin (by email) of a clinic `user` administers, or None:
    the only people an admin may add to another of their clinics."""
    membership = (
        Membership.objects.filter(
            user__email__iexact=email,
            role__in=[Role.CLINICIAN, Role.ADMIN],
            is_active=True,
            clinic__in=admin_clinics(user),
        )
        .select_related("user")
        .first()
    )
    return membership.user if membership else None
