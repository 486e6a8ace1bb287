"""Alerts: raise, deliver, sweep, escalate, digest, acknowledge, resolve.

The Alert row is an outbox. Every step that moves it on is a conditional
update from the state it expects, so two workers, or a worker and a person,
can never both act on the same alert.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from apps.clinics.models import Clinic
from apps.clinics.selectors import admins_for_clinic, on_call_for, primary_clinician_for
from apps.clinics.text import email_subject

from .channels import BY_NAME as CHANNELS
from .models import (
    OPEN_STATES,
    Alert,
    AlertAction,
    AlertState,
    Delivery,
    Escalation,
    InboxItem,
)
from .policy import policy_for

logger = logging.getLogger(__name__)


def max_delivery_attempts() -> int:
    """After this many failed attempts at one escalation level the alert is
    marked failed, and moves up the ladder at once."""
    return settings.ALERT_MAX_DELIVERY_ATTEMPTS


# --- raising ---------------------------------------------------------------------------


def raise_for(*, clinic, patient, findings, source_checkin_id=None) -> list[Alert]:
    """Write an Alert row per finding, inside the caller's transaction.

    One open alert per patient and rule: a repeat bumps the open alert's
    counter instead of paging again. Delivery is enqueued only after commit,
    and if the broker is down the sweep enqueues it later.
    """
    alerts = []
    policy = policy_for(clinic) if findings else None
    for finding in findings:
        evidence = finding.as_evidence() | {"checkin_id": source_checkin_id}
        alert = _open_alert_bump(
            patient=patient, rule=finding.rule, evidence=evidence, severity=finding.severity
        )
        if alert is None:
            alert = _alert_open(
                clinic=clinic,
                patient=patient,
                finding=finding,
                evidence=evidence,
                source_checkin_id=source_checkin_id,
                policy=policy,
            )
        alerts.append(alert)
    return alerts


def _alert_open(*, clinic, patient, finding, evidence, source_checkin_id, policy) -> Alert:
    in_digest = finding.severity in policy.digest_severities
    first_deadline = None if in_digest else policy.next_escalation_after(finding.severity, 0)
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
                    in_digest=in_digest,
                    next_escalation_at=timezone.now() + first_deadline if first_deadline else None,
                )
        except IntegrityError:
            # Another request opened the same alert a moment ago: add to it.
            alert = _open_alert_bump(
                patient=patient, rule=finding.rule, evidence=evidence, severity=finding.severity
            )
            if alert is not None:
                return alert
        else:
            if not in_digest:
                transaction.on_commit(lambda alert_id=alert.pk: delivery_enqueue(alert_id=alert_id))
            return alert
    raise RuntimeError(f"Could not open or find the {finding.rule} alert for patient {patient.pk}")


SEVERITY_RANK = {"low": 0, "moderate": 1, "high": 2, "critical": 3}


def _open_alert_bump(*, patient, rule, evidence, severity=None):
    """The open alert for this patient and rule, counted once more; None when
    there is none. A graver finding than the open alert's is news, not a
    repeat: the open alert is closed as superseded (None is returned) and the
    caller opens a new one at the graver severity, so it is delivered to
    everyone again and escalates on the graver clock. Bumping it would have
    kept a critical finding in a moderate alert's daily digest."""
    alert = (
        Alert.objects.select_for_update()
        .filter(patient=patient, rule=rule, state__in=OPEN_STATES)
        .first()
    )
    if alert is not None and severity is not None:
        if SEVERITY_RANK.get(severity, 0) > SEVERITY_RANK.get(alert.severity, 0):
            Alert.objects.filter(pk=alert.pk, state__in=OPEN_STATES).update(
                state=AlertState.RESOLVED,
                resolved_at=timezone.now(),
                resolved_by=None,
                next_escalation_at=None,
                resolution_note=(
                    f"Closed by Trellis: the same concern came back graver ({severity}), "
                    "and a new alert was raised for it."
                ),
            )
            return None
    if alert is not None:
        Alert.objects.filter(pk=alert.pk).update(
            occurrences=F("occurrences") + 1, last_seen_at=timezone.now(), evidence=evidence
        )
        alert.refresh_from_db()
    return alert


def delivery_enqueue(*, alert_id: int, countdown: float | None = None) -> bool:
    """Hand the alert to the broker. A failure here loses nothing: the row is
    committed and the sweep re-enqueues it."""
    from .tasks import deliver

    try:
        deliver.apply_async((alert_id,), countdown=countdown)
    except Exception:  # the broker is down or unreachable
        logger.warning("Could not enqueue alert %s; the sweep will retry", alert_id, exc_info=True)
        return False
    return True


# --- who is told, and how ------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    channel: str
    recipient: object | None  # a User, or None for the clinic's webhook

    @property
    def key(self) -> str:
        if self.recipient is None:
            return f"{self.channel}:clinic"
        return f"{self.channel}:user:{self.recipient.pk}"


def people_for(alert: Alert, *, at=None) -> list:
    """Everyone on the ladder up to the alert's level, in order. A rung with
    nobody on it falls through to the next, so there is always someone to
    tell while the clinic has an active admin. Rungs above the one reached
    are never looked up."""
    at = at or timezone.now()
    primary = alert.recipient if alert.recipient_id and alert.recipient.is_active else None
    rungs = {
        Escalation.PRIMARY: lambda: [primary] if primary else [],
        Escalation.ON_CALL: lambda: on_call_for(clinic=alert.clinic, clinician=primary, at=at),
        Escalation.ADMINS: lambda: admins_for_clinic(clinic=alert.clinic),
    }
    people, seen = [], set()
    for level in sorted(rungs):
        rung = rungs[level]()
        for person in rung:
            if person.pk not in seen:
                seen.add(person.pk)
                people.append(person)
        # Stop at the alert's own rung, unless nobody is on it.
        if level >= alert.escalation_level and rung:
            break
    return people


def targets_for(alert: Alert, policy) -> list[Target]:
    """(channel, person) pairs in the policy's channel order; the in-app inbox
    comes first by default, so a slow email server never delays it."""
    targets, people = [], None
    for channel in policy.channels_for(alert.severity):
        if CHANNELS[channel].PER_PERSON:
            people = people_for(alert) if people is None else people
            targets.extend(Target(channel, person) for person in people)
        else:
            targets.append(Target(channel, None))
    return targets


def _target_key(target: Target, alert: Alert) -> str:
    # The webhook is told again at each escalation level; people once each.
    if target.recipient is None:
        return f"{target.key}:level:{alert.escalation_level}"
    return target.key


# --- delivering --------------------------------------------------------------------------------


class DeliveryOutcome:
    DELIVERED = "delivered"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def alert_deliver(*, alert_id: int) -> str:
    """Send one alert to every target it has not yet reached.

    The claim is a conditional update (pending -> sending): of two workers
    holding the same message, only one gets the row. Each target that was
    reached has a Delivery row marked sent (unique per alert and target), and
    is skipped on any later attempt, so a retry never re-sends.
    """
    claimed = Alert.objects.filter(pk=alert_id, state=AlertState.PENDING).update(
        state=AlertState.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return DeliveryOutcome.SKIPPED
    alert = Alert.objects.select_related("clinic", "recipient", "patient").get(pk=alert_id)
    policy = policy_for(alert.clinic)

    targets = targets_for(alert, policy)
    if not any(target.recipient is not None for target in targets):
        # Nobody to tell is a failure to show, never a silent "delivered".
        Delivery.objects.create(
            alert=alert,
            channel="none",
            target="nobody",
            outcome=Delivery.Outcome.ERROR,
            detail="No active clinician or clinic admin to notify",
        )
        Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(state=AlertState.FAILED)
        logger.error("Alert %s has nobody to notify", alert_id)
        return DeliveryOutcome.FAILED

    already = set(
        alert.deliveries.filter(outcome=Delivery.Outcome.SENT).values_list("target", flat=True)
    )
    failures = 0
    for target in targets:
        key = _target_key(target, alert)
        if key in already:
            continue
        try:
            CHANNELS[target.channel].send(alert=alert, recipient=target.recipient, policy=policy)
        except Exception as error:  # refusals, timeouts, HTTP errors: all are retried
            failures += 1
            _delivery_record(alert, target, key, Delivery.Outcome.ERROR, error)
            logger.warning("Alert %s: %s failed: %s", alert_id, key, error)
        else:
            _delivery_record(alert, target, key, Delivery.Outcome.SENT)
        # Still alive: keep the claim fresh so the sweep doesn't take it back.
        Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(
            claimed_at=timezone.now()
        )

    if failures:
        if alert.attempts >= max_delivery_attempts():
            # Up the ladder now: the people above hear of it through the
            # channels that still work (the in-app inbox always does).
            Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(
                state=AlertState.FAILED, next_escalation_at=timezone.now()
            )
            logger.error("Alert %s failed after %s attempts", alert_id, alert.attempts)
            return DeliveryOutcome.FAILED
        Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(state=AlertState.PENDING)
        return DeliveryOutcome.RETRY

    Alert.objects.filter(pk=alert_id, state=AlertState.SENDING).update(
        state=AlertState.DELIVERED, delivered_at=timezone.now()
    )
    return DeliveryOutcome.DELIVERED


def _delivery_record(alert, target, key, outcome, error=None):
    # A channel's own failures are written for the admin (`plain`); anything
    # else is an unexpected error, kept with its type for whoever debugs it.
    if error is None:
        detail = ""
    elif getattr(error, "plain", False):
        detail = str(error)[:500]
    else:
        detail = f"{type(error).__name__}: {error}"[:500]
    try:
        with transaction.atomic():
            Delivery.objects.create(
                alert=alert,
                channel=target.channel,
                target=key,
                recipient=target.recipient,
                outcome=outcome,
                detail=detail,
            )
    except IntegrityError:
        # Already recorded as sent by an earlier attempt: nothing to add.
        pass


def retry_countdown(retries: int) -> float:
    """Backoff before the next attempt: 10 s, doubling, at most 5 minutes."""
    return min(settings.ALERT_RETRY_BASE_SECONDS * 2**retries, 300)


# --- time-driven ---------------------------------------------------------------------------


def alerts_sweep() -> list[int]:
    """Re-enqueue alerts no worker has delivered, and release claims held by
    workers that died mid-delivery. Returns the ids enqueued."""
    now = timezone.now()
    stale_claim = now - timedelta(seconds=settings.ALERT_CLAIM_TIMEOUT_SECONDS)
    Alert.objects.filter(state=AlertState.SENDING, claimed_at__lt=stale_claim).update(
        state=AlertState.PENDING
    )
    waiting_since = now - timedelta(seconds=settings.ALERT_SWEEP_AFTER_SECONDS)
    stuck = list(
        Alert.objects.filter(
            state=AlertState.PENDING, in_digest=False, created_at__lt=waiting_since
        )
        .exclude(claimed_at__gte=waiting_since)
        .values_list("pk", flat=True)
    )
    return [alert_id for alert_id in stuck if delivery_enqueue(alert_id=alert_id)]


def alerts_escalate() -> list[int]:
    """Move every unanswered alert past its deadline up one rung of the
    ladder, and send it to the people there. Returns the ids escalated."""
    now = timezone.now()
    escalated = []
    due = Alert.objects.filter(
        state__in=[AlertState.PENDING, AlertState.DELIVERED, AlertState.FAILED],
        next_escalation_at__lte=now,
    ).select_related("clinic")
    for alert in due:
        policy = policy_for(alert.clinic)
        level = policy.next_level(alert.severity, alert.escalation_level)
        if level is None:
            level = Escalation.ADMINS if alert.escalation_level < Escalation.ADMINS else None
        if level is None:
            Alert.objects.filter(pk=alert.pk).update(next_escalation_at=None)
            continue
        following = policy.next_escalation_after(alert.severity, level)
        moved = Alert.objects.filter(
            pk=alert.pk, state=alert.state, escalation_level=alert.escalation_level
        ).update(
            escalation_level=level,
            state=AlertState.PENDING,
            attempts=0,
            next_escalation_at=alert.created_at + following if following else None,
        )
        if moved:
            escalated.append(alert.pk)
            delivery_enqueue(alert_id=alert.pk)
    return escalated


def alerts_digest(*, now=None) -> int:
    """Send each clinic's low and moderate alerts as one email per person, at
    the clinic's digest hour. Returns how many alerts went out."""
    now = now or timezone.now()
    sent = 0
    clinic_ids = (
        Alert.objects.filter(in_digest=True, state=AlertState.PENDING)
        .values_list("clinic_id", flat=True)
        .distinct()
    )
    for clinic in Clinic.objects.filter(pk__in=list(clinic_ids)):
        policy = policy_for(clinic)
        if now.astimezone(ZoneInfo(clinic.timezone)).hour != policy.digest_hour:
            continue
        sent += _digest_send(clinic=clinic, policy=policy)
    return sent


def _digest_send(*, clinic, policy) -> int:
    candidates = list(
        Alert.objects.filter(clinic=clinic, in_digest=True, state=AlertState.PENDING).values_list(
            "pk", flat=True
        )
    )
    claimed = [
        pk
        for pk in candidates
        if Alert.objects.filter(pk=pk, state=AlertState.PENDING).update(
            state=AlertState.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    ]
    alerts = list(
        Alert.objects.filter(pk__in=claimed).select_related("recipient", "clinic", "patient")
    )
    # A retried digest skips what each person was already sent: one query.
    already_sent = set(
        Delivery.objects.filter(
            alert__in=alerts, outcome=Delivery.Outcome.SENT, target__startswith="digest:"
        ).values_list("alert_id", "target")
    )
    by_person: dict[int, tuple] = {}
    reached = set()
    for alert in alerts:
        for person in people_for(alert):
            by_person.setdefault(person.pk, (person, []))[1].append(alert)
            reached.add(alert.pk)

    failed = set()
    for person, items in by_person.values():
        for alert in items:
            InboxItem.objects.get_or_create(alert=alert, user=person)
        target = Target("email", person)
        key = f"digest:{target.key}"
        pending = [a for a in items if (a.pk, key) not in already_sent]
        if not pending:
            continue
        context = {
            "person": person,
            "clinic": clinic,
            "alerts": pending,
            "inbox": settings.SITE_URL + reverse("alerts:inbox"),
        }
        message = EmailMultiAlternatives(
            subject=email_subject("emails/digest-subject.txt", context),
            body=render_to_string("emails/digest-body.txt", context),
            to=[person.email],
        )
        message.attach_alternative(
            render_to_string("emails/digest-body.html", context), "text/html"
        )
        try:
            message.send()
        except Exception as error:
            failed.update(a.pk for a in pending)
            for alert in pending:
                _delivery_record(alert, target, key, Delivery.Outcome.ERROR, error)
        else:
            for alert in pending:
                _delivery_record(alert, target, key, Delivery.Outcome.SENT)

    for alert in alerts:
        if alert.pk not in reached:
            # Nobody to tell is a failure to show, never a silent "delivered".
            failed.add(alert.pk)
            Delivery.objects.create(
                alert=alert,
                channel="digest",
                target="nobody",
                outcome=Delivery.Outcome.ERROR,
                detail="No active clinician or clinic admin to notify",
            )
            next_state = AlertState.FAILED
        elif alert.pk in failed:
            # `attempts` already counts this attempt (the claim added it).
            next_state = (
                AlertState.FAILED
                if alert.attempts >= max_delivery_attempts()
                else AlertState.PENDING
            )
        else:
            next_state = AlertState.DELIVERED
        Alert.objects.filter(pk=alert.pk, state=AlertState.SENDING).update(
            state=next_state,
            delivered_at=timezone.now() if next_state == AlertState.DELIVERED else None,
        )
    return len(alerts) - len(failed)


# --- people answering -----------------------------------------------------------------------


def alert_acknowledge(*, alert: Alert, by, note: str = "") -> bool:
    """Mark an open alert as seen by a person; it stops escalating. False if
    it was already acknowledged or resolved."""
    return bool(
        Alert.objects.filter(pk=alert.pk, state__in=OPEN_STATES).update(
            state=AlertState.ACKNOWLEDGED,
            acknowledged_at=timezone.now(),
            acknowledged_by=by,
            acknowledgement_note=note.strip()[:2000],
            next_escalation_at=None,
        )
    )


def alert_resolve(*, alert: Alert, by, note: str = "") -> bool:
    """Close an alert with what was done. An unacknowledged alert is
    acknowledged by the same act. False if it was already resolved."""
    now = timezone.now()
    updated = Alert.objects.filter(
        pk=alert.pk, state__in=[*OPEN_STATES, AlertState.ACKNOWLEDGED]
    ).update(
        state=AlertState.RESOLVED,
        resolved_at=now,
        resolved_by=by,
        resolution_note=note.strip()[:2000],
        next_escalation_at=None,
    )
    if updated:
        Alert.objects.filter(pk=alert.pk, acknowledged_at=None).update(
            acknowledged_at=now, acknowledged_by=by
        )
    return bool(updated)


def alert_action_record(*, alert: Alert, by, outcome: str, note: str = "") -> tuple:
    """Write what `by` did about the alert into its trail; the first action on
    an unacknowledged alert also acknowledges it, with the action in words as
    the acknowledgement's note, so the clinician does not say it twice.
    Both or neither (one transaction). Returns (action, acknowledged)."""
    outcome = AlertAction.Outcome(outcome)  # ValueError for anything else
    note = (note or "").strip()[:2000]
    with transaction.atomic():
        action = AlertAction.objects.create(alert=alert, by=by, outcome=outcome, note=note)
        words = outcome.label + (f": {note}" if note else "")
        acknowledged = alert_acknowledge(alert=alert, by=by, note=words)
    return action, acknowledged


def inbox_mark_read(*, alert: Alert, user) -> None:
    InboxItem.objects.filter(alert=alert, user=user, read_at=None).update(read_at=timezone.now())


def open_alerts_for_rule(*, patient, rule: str):
    """The patient's open alerts for a rule: the ones alerts_close_for_rule
    closes. The check-in asks the same question inside its own query
    (apps.diaries.services._evaluation_inputs); a test compares the two."""
    return Alert.objects.filter(patient=patient, rule=rule, state__in=OPEN_STATES)


def alerts_close_for_rule(*, patient, rule: str, note: str) -> int:
    """Resolve the patient's open alert for a rule that no longer holds (a
    missed-check-ins alert once they check in again)."""
    now = timezone.now()
    return open_alerts_for_rule(patient=patient, rule=rule).update(
        state=AlertState.RESOLVED, resolved_at=now, resolution_note=note, next_escalation_at=None
    )
