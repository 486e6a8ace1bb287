from django.db.models import Case, Prefetch, Q, Value, When
from django.http import Http404

from apps.clinics import access
from apps.safety.detectors.findings import Severity

from .models import OPEN_STATES, Alert, AlertState, Delivery, InboxItem

# Acknowledged is not safe: an acknowledged alert is still to act on until it
# is resolved, so it counts, ranks and lists with the open ones.
UNRESOLVED_STATES = [*OPEN_STATES, AlertState.ACKNOWLEDGED]


def severity_rank():
    """Critical first: an expression to order alerts by, gravest lowest."""
    return Case(
        *(When(severity=name, then=Value(-rank)) for name, rank in Severity.ORDER.items()),
        default=Value(0),
    )


def alerts_for_staff(*, user):
    """Alerts a clinician or admin may act on: those of patients they may see
    (their caseload, and whom they cover on call), never their own."""
    if not (access.is_clinician(user) or access.admin_clinics(user).exists()):
        return Alert.objects.none()
    return alerts_of_visible_patients(user=user)


def alerts_of_visible_patients(*, user):
    """The alerts of every patient `user` may see, except their own; for
    callers that have already checked that `user` is staff."""
    return Alert.objects.filter(patient__in=access.patients_visible_to(user)).exclude(patient=user)


def alert_for_staff(*, user, alert_id) -> Alert:
    alert = (
        alerts_for_staff(user=user)
        .select_related("patient", "clinic", "recipient", "acknowledged_by", "resolved_by")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None:
        raise Http404("No such alert")
    return alert


def inbox_for(*, user, show: str = "open"):
    alerts = with_sent_deliveries(
        alerts_for_staff(user=user).select_related(
            # The clinic for its time zone: times read on the clinic's clock.
            "patient",
            "clinic",
            "recipient",
            "acknowledged_by",
            "resolved_by",
        )
    )
    if show == "open":
        alerts = alerts.filter(state__in=UNRESOLVED_STATES)
    elif show == "failed":
        alerts = alerts.filter(state=AlertState.FAILED)
    # Gravest first, then the newest: a moderate alert never stands above a
    # critical one because it came later.
    return alerts.order_by(severity_rank(), "-created_at", "-pk")


def to_act_on(*, user, patient_ids):
    """The alerts this person must act on: every unresolved alert (open or
    acknowledged) of the patients they may see (`patient_ids`, from
    access.visible_patient_ids), never their own. The one definition behind
    the inbox badge, the caseload's "Open alerts" and the inbox's open list,
    so they agree."""
    return Alert.objects.filter(
        state__in=UNRESOLVED_STATES, patient_id__in_ids=patient_ids
    ).exclude(patient=user)


def to_act_on_count(*, user, patient_ids) -> int:
    return to_act_on(user=user, patient_ids=patient_ids).count()


def unread_count(*, user, patient_ids=None) -> int:
    """`patient_ids`: the patients `user` may see, when the caller already has
    them (access.visible_patient_ids)."""
    # Only alerts they can still open: an on-call shift's items drop out of
    # the count when the shift ends.
    found = InboxItem.objects.filter(user=user, read_at=None, alert__state__in=OPEN_STATES)
    if patient_ids is None:
        return found.filter(alert__patient__in=access.patients_visible_to(user)).count()
    return found.filter(alert__patient_id__in_ids=patient_ids).count()


def alerts_for_checkin(*, patient, checkin_id):
    """The patient's alerts raised by this check-in, or bumped by it."""
    return Alert.objects.filter(patient=patient).filter(
        Q(source_checkin_id=checkin_id) | Q(evidence__checkin_id=checkin_id)
    )


# The evidence spans' categories that mean an overdose: the crisis lexicon's
# "overdose" (a rule, or the semantic reader's nearest kind) and a context raise's
# "possible overdose" (apps/safety/services.py _RAISE_CATEGORY). Pinned against both
# by tests/alerts/test_overdose_alert.py.
OVERDOSE_CATEGORIES = frozenset({"overdose", "possible overdose"})


def overdose_raised_by(*, alerts, checkin_id) -> bool:
    """Whether this check-in's own words raised an alert about an overdose: one of
    `alerts` (alerts_for_checkin, already loaded: no query) whose evidence is this
    check-in's and has a span in an overdose category. Evidence a later check-in's
    bump replaced is that check-in's, not this one's."""
    for alert in alerts:
        evidence = alert.evidence if isinstance(alert.evidence, dict) else {}
        if evidence.get("checkin_id", alert.source_checkin_id) != checkin_id:
            continue
        spans = evidence.get("spans")
        if isinstance(spans, list) and any(
            isinstance(span, dict) and span.get("category") in OVERDOSE_CATEGORIES for span in spans
        ):
            return True
    return False


def with_sent_deliveries(alerts):
    """`alerts` with the deliveries that reached someone (one more query for
    the whole list), so a page says who was actually told (told_names), not
    the ladder's rung: "escalated to the on-call clinician" was shown when
    no one was on call and the admin got the email."""
    return alerts.prefetch_related(
        Prefetch(
            "deliveries",
            queryset=Delivery.objects.filter(outcome=Delivery.Outcome.SENT).select_related(
                "recipient"
            ),
            to_attr="sent_deliveries",
        )
    )


def told_names(alert) -> list[str]:
    """Who the alert reached, each once, in the order they were told."""
    sent = getattr(alert, "sent_deliveries", None)
    if sent is None:
        sent = alert.deliveries.filter(outcome=Delivery.Outcome.SENT).select_related("recipient")
    names = []
    for delivery in sent:
        name = str(delivery.recipient) if delivery.recipient else "the clinic's linked system"
        if name not in names:
            names.append(name)
    return names
