import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from apps.clinics.models import Membership, Role
from apps.clinics.selectors import primary_clinician_for

from .channels import email as email_channel
from .models import OPEN_STATES, Alert, AlertState, Delivery

logger = logging.getLogger(__name__)

# After this many failed attempts an alert is marked failed (and shown so).
MAX_DELIVERY_ATTEMPTS = 5


def raise_for(*, clinic, patient, findings, source_checkin_id=None) -> list[Alert]:
    """Write an Alert row per finding, inside the caller's transaction.

    One open alert per patient and rule: a repeat bumps the open alert's
    counter instead of paging again. Delivery is enqueued only after commit,
    and if the broker is down the sweep enqueues it later.
    """
    alerts = []
    for finding in findings:
        evidence = finding.as_evidence() | {"checkin_id": source_checkin_id}
        alert = _open_alert_bump(patient=patient, rule=finding.rule, evidence=evidence)
        if alert is None:
            alert = _alert_open(
                clinic=clinic,
                patient=patient,
                finding=finding,
                evidence=evidence,
                source_checkin_id=source_checkin_id,
            )
        alerts.append(alert)
    return alerts


def _alert_open(*, clinic, patient, finding, evidence, source_checkin_id) -> Alert:
    for _attempt in range(3):
        try:
            with transaction.atomic():
                alert = Alert.objects.create(
                    clinic=clinic,
                    patient=patient,
                    recipient=primary_clinician_for(patient=patient),
                    rule=finding.rule,
                    severity=finding.severity,
                    summary=finding.summary[:300],
                    evidence=evidence,
                    source_checkin_id=source_checkin_id,
                )
        except IntegrityError:
            # Another request opened the same alert a moment ago: add to it.
            alert = _open_alert_bump(patient=patient, rule=finding.rule, evidence=evidence)
            if alert is not None:
                return alert
        else:
            transaction.on_commit(lambda alert_id=alert.pk: delivery_enqueue(alert_id=alert_id))
            return alert
    raise RuntimeError(f"Could not open or find the {finding.rule} alert for patient {patient.pk}")


def _open_alert_bump(*, patient, rule, evidence):
    alert = (
        Alert.objects.select_for_update()
        .filter(patient=patient, rule=rule, state__in=OPEN_STATES)
        .first()
    )
    if alert is not None:
        Alert.objects.filter(pk=alert.pk).update(
            occurrences=F("occurrences") + 1, last_seen_at=timezone.now(), evidence=evidence
        )
        alert.refresh_from_db()
    return alert


def delivery_enqueue(*, alert_id: int) -> bool:
    """Hand the alert to the broker. A failure here loses nothing: the row is
    committed and the sweep re-enqueues it."""
    from .tasks import deliver

    try:
        deliver.delay(alert_id)
    except Exception:  # the broker is down or unreachable
        logger.warning("Could not enqueue alert %s; the sweep will retry", alert_id, exc_info=True)
        return False
    return True


def _recipients(alert: Alert):
    if alert.recipient_id and alert.recipient.is_active:
        return [alert.recipient]
    # No primary clinician: the clinic's admins must hear of it instead.
    return [
        membership.user
        for membership in Membership.objects.filter(
            clinic=alert.clinic, role=Role.ADMIN, is_active=True, user__is_active=True
        ).select_related("user")
    ]


class DeliveryOutcome:
    DELIVERED = "delivered"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def alert_deliver(*, alert_id: int) -> str:
    """Send one alert, at most once per recipient.

    The claim is a conditional update (pending -> sending): of two workers
    holding the same message, only one gets the row.
    """
    claimed = Alert.objects.filter(pk=alert_id, state=AlertState.PENDING).update(
        state=AlertState.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return DeliveryOutcome.SKIPPED
    alert = Alert.objects.select_related("clinic", "recipient", "patient").get(pk=alert_id)

    already_sent = set(
        alert.deliveries.filter(outcome=Delivery.Outcome.SENT).values_list(
            "recipient_id", flat=True
        )
    )
    recipients = _recipients(alert)
    if not recipients:
        # Nobody to tell is a failure to show, never a silent "delivered".
        Delivery.objects.create(
            alert=alert,
            channel=email_channel.NAME,
            recipient=None,
            outcome=Delivery.Outcome.ERROR,
            detail="No active primary clinician or clinic admin to notify",
        )
        Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(state=AlertState.FAILED)
        logger.error("Alert %s has nobody to notify", alert_id)
        return DeliveryOutcome.FAILED

    failures = 0
    for recipient in recipients:
        if recipient.pk in already_sent:
            continue
        try:
            email_channel.send(alert=alert, recipient=recipient)
        except Exception as error:  # SMTP refusals, timeouts, template errors
            failures += 1
            Delivery.objects.create(
                alert=alert,
                channel=email_channel.NAME,
                recipient=recipient,
                outcome=Delivery.Outcome.ERROR,
                detail=f"{type(error).__name__}: {error}"[:500],
            )
            logger.warning("Alert %s: email to %s failed", alert_id, recipient.pk, exc_info=True)
        else:
            Delivery.objects.create(
                alert=alert,
                channel=email_channel.NAME,
                recipient=recipient,
                outcome=Delivery.Outcome.SENT,
            )

    if failures:
        next_state = (
            AlertState.FAILED if alert.attempts >= MAX_DELIVERY_ATTEMPTS else AlertState.PENDING
        )
        Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(state=next_state)
        return DeliveryOutcome.FAILED if next_state == AlertState.FAILED else DeliveryOutcome.RETRY

    Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(
        state=AlertState.DELIVERED, delivered_at=timezone.now()
    )
    return DeliveryOutcome.DELIVERED


def alerts_sweep() -> list[int]:
    """Re-enqueue alerts no worker has delivered, and release claims held by
    workers that died mid-delivery. Returns the ids enqueued."""
    now = timezone.now()
    stale_claim = now - timezone.timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT_SECONDS)
    Alert.objects.filter(state=AlertState.SENDING, claimed_at__lt=stale_claim).update(
        state=AlertState.PENDING
    )
    waiting_since = now - timezone.timedelta(seconds=settings.ALERT_SWEEP_AFTER_SECONDS)
    stuck = list(
        Alert.objects.filter(state=AlertState.PENDING, created_at__lt=waiting_since).values_list(
            "pk", flat=True
        )
    )
    return [alert_id for alert_id in stuck if delivery_enqueue(alert_id=alert_id)]


def alert_acknowledge(*, alert: Alert, by, note: str = "") -> bool:
    """Mark an open alert as seen by a person. False if it was already closed."""
    return bool(
        Alert.objects.filter(pk=alert.pk, state__in=OPEN_STATES).update(
            state=AlertState.ACKNOWLEDGED,
            acknowledged_at=timezone.now(),
            acknowledged_by=by,
            acknowledgement_note=note.strip()[:2000],
        )
    )
