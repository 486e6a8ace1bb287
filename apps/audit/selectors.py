from django.db.models import Q

from apps.clinics.models import Membership, Role

from .models import AccessEvent, ChangeRecord


def trail_for_clinic(*, clinic, person: str = "", patient: str = "", since=None, until=None):
    """The clinic's access trail, newest first: events about its patients.
    `person` and `patient` match a name or an email, in part."""
    patients = Membership.objects.filter(clinic=clinic, role=Role.PATIENT).values("user")
    events = AccessEvent.objects.filter(patient__in=patients).select_related("actor", "patient")
    if person:
        events = events.filter(
            Q(actor__full_name__icontains=person) | Q(actor__email__icontains=person)
        )
    if patient:
        events = events.filter(
            Q(patient__full_name__icontains=patient) | Q(patient__email__icontains=patient)
        )
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("-at", "-pk")


def lookers_for_patient(*, patient):
    """Who else opened the patient's record, newest first (their own views
    are left out: they know about those)."""
    return (
        AccessEvent.objects.filter(patient=patient)
        .exclude(actor=patient)
        .select_related("actor")
        .order_by("-at", "-pk")
    )


def changes_for_patient(*, patient):
    return ChangeRecord.objects.filter(patient=patient).select_related("actor")


def roles_by_user(*, user_ids):
    rows = Membership.objects.filter(user__in=user_ids).values_list("user_id", "role")
    roles = {}
    for user_id, role in rows:
        roles.setdefault(user_id, set()).add(Role(role).label)
    return {key: ", ".join(sorted(value)) for key, value in roles.items()}
