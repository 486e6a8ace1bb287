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
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from .lookups import Ids
from .models import BreakGlass, CareTeam, Membership, OnCallShift, Role


def _active_memberships(user, role):
    return Membership.objects.filter(user=user, role=role, is_active=True, user__is_active=True)


def _visible_sql(user, *, break_glass: bool = True) -> tuple[str, list]:
    """One SQL statement for the rules above: the ids of the patients `user`
    may see (themselves included, when they are a patient). `break_glass=False`
    leaves out patients opened with break-glass, which grants reading only.

    Written by hand rather than composed with the ORM: it runs on every staff
    page, and composing six EXISTS clauses cost more than running them
    (about 12 ms of Python against 2 ms in PostgreSQL at 500 patients). The
    access tests exercise it through every view."""
    user_t = get_user_model()._meta.db_table
    membership_t = Membership._meta.db_table
    # As the ORM would send it: SQLite keeps datetimes as naive UTC text.
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    # The clinics where the viewer is an active member in a role.
    staff_clinics = (
        f"SELECT sm.clinic_id FROM {membership_t} sm "
        "WHERE sm.user_id = %s AND sm.role = %s AND sm.is_active"
    )
    # The viewer's on-call shifts now, in clinics where they are a clinician.
    shifts = (
        f"SELECT s.clinic_id, s.covers_id FROM {OnCallShift._meta.db_table} s "
        f"WHERE s.clinician_id = %s AND s.starts_at <= %s AND s.ends_at > %s "
        f"AND s.clinic_id IN ({staff_clinics})"
    )
    shift_params = [user.pk, now, now, user.pk, Role.CLINICIAN.value]
    sql = f"""
        SELECT u.id FROM {user_t} u
        WHERE u.is_active
          AND EXISTS (SELECT 1 FROM {membership_t} pm
                      WHERE pm.user_id = u.id AND pm.role = %s AND pm.is_active)
          AND (
            u.id = %s
            OR EXISTS (SELECT 1 FROM {CareTeam._meta.db_table} t
                       WHERE t.patient_id = u.id AND t.clinician_id = %s
                         AND t.clinic_id IN ({staff_clinics}))
            OR EXISTS (SELECT 1 FROM {CareTeam._meta.db_table} t
                       JOIN ({shifts}) cover ON cover.covers_id = t.clinician_id
                                            AND cover.clinic_id = t.clinic_id
                       WHERE t.patient_id = u.id AND t.is_primary)
            OR EXISTS (SELECT 1 FROM {membership_t} m
                       JOIN ({shifts}) everyone ON everyone.clinic_id = m.clinic_id
                                               AND everyone.covers_id IS NULL
                       WHERE m.user_id = u.id AND m.role = %s AND m.is_active)
            OR EXISTS (SELECT 1 FROM {membership_t} m
                       WHERE m.user_id = u.id AND m.role = %s AND m.is_active
                         AND m.clinic_id IN ({staff_clinics}))
            OR (%s AND EXISTS (SELECT 1 FROM {BreakGlass._meta.db_table} b
                       WHERE b.patient_id = u.id AND b.clinician_id = %s AND b.expires_at > %s
                         AND b.clinic_id IN ({staff_clinics})))
          )
    """  # nosec B608: table names from model meta, every value a parameter
    params = [
        Role.PATIENT.value,
        user.pk,
        user.pk,
        user.pk,
        Role.CLINICIAN.value,
        *shift_params,
        *shift_params,
        Role.PATIENT.value,
        Role.PATIENT.value,
        user.pk,
        Role.ADMIN.value,
        break_glass,
        user.pk,
        now,
        user.pk,
        Role.CLINICIAN.value,
    ]
    return sql, params


def patients_visible_to(user, *, break_glass: bool = True) -> QuerySet:
    """The patients (User rows) whose data `user` may see; with `break_glass=False`,
    only those they see without an emergency opening (for writes: break-glass is
    for reading)."""
    User = get_user_model()
    if not user.is_authenticated or not user.is_active:
        return User.objects.none()
    sql, params = _visible_sql(user, break_glass=break_glass)
    return User.objects.filter(pk__in=RawSQL(sql, params))


def visible_patient_ids(request) -> Ids:
    """The ids of the patients the signed-in person may see (never themselves),
    worked out once per request: the caseload, its alert list and the staff
    context processor all need them. Pass them on with the `in_ids` lookup
    (apps/clinics/lookups.py): one array parameter, not one per id."""
    user = request.user
    cached = getattr(request, "_visible_patient_ids", None)
    if cached is None or cached[0] != user.pk:
        ids = Ids()
        if user.is_authenticated and user.is_active:
            sql, params = _visible_sql(user)
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                ids = Ids(row[0] for row in cursor.fetchall() if row[0] != user.pk)
        cached = (user.pk, ids)
        request._visible_patient_ids = cached
    return cached[1]


def patient_for(user, patient_id):
    """The patient with this id if `user` may see them; 404 otherwise."""
    patient = patients_visible_to(user).filter(pk=patient_id).first()
    if patient is None:
        raise Http404("No such patient")
    return patient


def patient_for_request(request, patient_id):
    """patient_for, answered from the request's visible set: a staff page
    asks visible_patient_ids anyway (the inbox badge), so the rules run once
    per request rather than twice. Never the viewer themselves."""
    if int(patient_id) not in visible_patient_ids(request):
        raise Http404("No such patient")
    patient = get_user_model().objects.filter(pk=patient_id, is_active=True).first()
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


# --- writing ----------------------------------------------------------------------------
#
# Reading is wider than writing. A patient's clinical record (their plan, session
# notes, safety plan, health profile, alert thresholds, questionnaire schedules,
# the crisis examples drawn from their entries) and a full export of it are for the
# patient's care team: clinicians linked to the patient by a CareTeam row, in a
# clinic where the clinician is an active clinician and the patient an active
# patient. Not a clinic admin (who manages accounts and care teams, and reads),
# not on-call cover (who answers the patient's alerts, and reads), not a clinician
# who opened the record with break-glass (which is for reading). Anyone else gets
# the 404 an outsider gets. The patient writes their own safety plan and health
# profile through their own pages (apps/diaries), never through these.


def is_care_team(user, patient) -> bool:
    """Whether `user` is on `patient`'s care team (see above)."""
    if not user.is_authenticated or not user.is_active or user.pk == patient.pk:
        return False
    clinician_clinics = _active_memberships(user, Role.CLINICIAN).values("clinic")
    patient_clinics = Membership.objects.filter(
        user=patient, role=Role.PATIENT, is_active=True
    ).values("clinic")
    return (
        CareTeam.objects.filter(
            patient=patient,
            clinician=user,
            clinic__in=clinician_clinics,
        )
        .filter(clinic__in=patient_clinics)
        .exists()
    )


def write_required(*, user, patient) -> None:
    """404 unless `user` may change `patient`'s clinical record (is_care_team)."""
    if not is_care_team(user, patient):
        raise Http404("Only the patient's care team can change this")
