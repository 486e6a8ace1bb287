from django.db.models import Count, OuterRef, Q, Subquery

from apps.alerts.models import OPEN_STATES, Alert
from apps.clinics import access
from apps.diaries.models import CheckIn
from apps.safety.models import ScreeningRun


def caseload_for(*, user):
    """The patients `user` looks after, each with the latest mood and the
    count of open alerts, neediest first. A fixed number of queries, however
    long the caseload."""
    latest = CheckIn.objects.filter(patient=OuterRef("pk")).order_by("-local_date")
    screening = ScreeningRun.objects.filter(patient=OuterRef("pk")).order_by("-ran_at", "-pk")
    return (
        access.patients_visible_to(user)
        .exclude(pk=user.pk)
        .annotate(
            latest_mood=Subquery(latest.values("mood")[:1]),
            latest_date=Subquery(latest.values("local_date")[:1]),
            absolute_flags=Subquery(screening.values("absolute_count")[:1]),
            relative_flags=Subquery(screening.values("relative_count")[:1]),
            open_alerts=Count("alerts", filter=Q(alerts__state__in=OPEN_STATES), distinct=True),
            open_critical=Count(
                "alerts",
                filter=Q(alerts__state__in=OPEN_STATES, alerts__severity="critical"),
                distinct=True,
            ),
        )
        .order_by("-open_critical", "-open_alerts", "full_name")
    )


def open_alerts_for(*, user):
    return (
        Alert.objects.filter(patient__in=access.patients_visible_to(user), state__in=OPEN_STATES)
        .exclude(patient=user)
        .select_related("patient", "recipient")
        .order_by("-created_at")
    )


def patient_checkins(*, patient, limit=60):
    return (
        CheckIn.objects.filter(patient=patient)
        .prefetch_related("side_effects")
        .order_by("-local_date")[:limit]
    )


def patient_alerts(*, patient, limit=50):
    return (
        Alert.objects.filter(patient=patient)
        .select_related("acknowledged_by", "recipient")
        .prefetch_related("deliveries")
        .order_by("-created_at")[:limit]
    )
