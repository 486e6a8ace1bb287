import json
import logging
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core import signing
from django.db import connection, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.constants import OnConflict
from django.utils import timezone, translation

from apps.alerts.models import Alert
from apps.alerts.services import alerts_close_for_rule, raise_for
from apps.safety.detectors.context import Facts, LoggedDose, PlannedDose
from apps.safety.risk import effective_overrides_for, evaluate_side_effects, overrides_for
from apps.safety.services import MISSED_CHECKINS, Finding, evaluate_checkin

from .crisis_language import email_language
from .models import (
    CheckIn,
    PushSubscription,
    ReminderChannel,
    ReminderDelivery,
    ReminderPreference,
    SemanticRead,
    SideEffect,
)

logger = logging.getLogger(__name__)


@dataclass
class CheckInResult:
    checkin: CheckIn
    created: bool
    findings: list[Finding]
    alerts: list[Alert]
    # The form's key had been applied already (a draft sent again): nothing
    # was written and no rule ran again.
    replayed: bool = False

    @property
    def is_crisis(self) -> bool:
        return any(finding.is_crisis for finding in self.findings)


def today_for(*, clinic) -> date:
    return timezone.now().astimezone(ZoneInfo(clinic.timezone)).date()


# Enough history for the baseline rule: its 28-day window before the last
# three check-ins, with room for gaps.
SERIES_DAYS = 45


def _mood_series(*, patient, until) -> list[tuple]:
    """(local date, mood) of the patient's check-ins up to `until`, oldest first."""
    rows = CheckIn.objects.filter(
        patient=patient, local_date__lte=until, local_date__gt=until - timedelta(days=SERIES_DAYS)
    ).order_by("local_date")
    return list(rows.values_list("local_date", "mood"))


def _evaluation_inputs(*, patient, until) -> tuple[list[tuple], bool, dict]:
    """What the rules need after a save, in one query: the mood series (as
    _mood_series), whether the patient has an open missed-check-ins alert
    (apps.alerts.services.open_alerts_for_rule), and the patient's own
    thresholds (RiskSettings.overrides, {} without a row).

    The check-in that was just saved is in the series, so there is always a
    row to carry the other two (uncorrelated subqueries, which PostgreSQL
    evaluates once); with no row at all, the alert counts as open (when in
    doubt, close it) and the thresholds are read the usual way.

    Written by hand rather than with the ORM: it runs on every check-in, and
    composing it cost more CPU than PostgreSQL spends running it (about a
    fifth of the check-in's Python time, profiled). tests/diaries/
    test_checkin_fast_path.py checks each part against the ORM's answer."""
    from apps.alerts.models import OPEN_STATES
    from apps.safety.models import RiskSettings

    ops = connection.ops
    states = ", ".join(["%s"] * len(OPEN_STATES))
    sql = f"""
        SELECT c.local_date, c.mood,
               EXISTS (SELECT 1 FROM {Alert._meta.db_table} a
                       WHERE a.patient_id = %s AND a.rule = %s AND a.state IN ({states})),
               (SELECT r.overrides FROM {RiskSettings._meta.db_table} r
                WHERE r.patient_id = %s)
        FROM {CheckIn._meta.db_table} c
        WHERE c.patient_id = %s AND c.local_date <= %s AND c.local_date > %s
        ORDER BY c.local_date
    """  # nosec B608: table names from model meta, every value a parameter
    params = [
        patient.pk,
        MISSED_CHECKINS,
        *[str(state) for state in OPEN_STATES],
        patient.pk,
        patient.pk,
        ops.adapt_datefield_value(until),
        ops.adapt_datefield_value(until - timedelta(days=SERIES_DAYS)),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [], True, overrides_for(patient=patient)
    series = [
        (date.fromisoformat(day) if isinstance(day, str) else day, mood)
        for day, mood, _open, _own in rows
    ]
    own = RiskSettings._meta.get_field("overrides").from_db_value(rows[0][3], None, connection)
    return series, bool(rows[0][2]), own or {}


def _context_facts(*, patient, local_date) -> Facts:
    """What the crisis reading may weigh beside the text (apps/safety/
    detectors/context.py), in one query: the components of the plan that
    covers `local_date` with the amounts in force that day (as
    apps.protocols.selectors.plan_for_day finds them: the newest plan
    covering the day, every item in force, due or not: an amount taken on a
    rest day is still measured against the plan), the doses logged for the
    day, and the health profile's medicines. The mood facts are not here:
    the mood rules have them already.

    Called only when the entry can need them (evaluate_checkin decides), so
    an ordinary check-in does not pay for it. Hand-written, as
    _evaluation_inputs is, and for the same reason; tests/diaries/
    test_checkin_context.py checks each part against the ORM's answer."""
    # Any plan covering the day counts, a paused one too (its amounts still
    # say what one dose is).
    from apps.protocols.models import Component, DoseLog, DoseStatus, Plan, PlanItem
    from apps.safety.models import HealthProfile

    day = connection.ops.adapt_datefield_value(local_date)
    sql = f"""
        SELECT 'plan', c.slug, c.name, i.amount, i.unit, NULL
        FROM {PlanItem._meta.db_table} i
        JOIN {Component._meta.db_table} c ON c.id = i.component_id
        WHERE i.plan_id = (
                SELECT p.id FROM {Plan._meta.db_table} p
                WHERE p.patient_id = %s AND p.start_date <= %s
                  AND (p.ended_on IS NULL OR p.ended_on > %s)
                ORDER BY p.created_at DESC, p.id DESC LIMIT 1)
          AND i.effective_from <= %s AND (i.effective_to IS NULL OR i.effective_to > %s)
        UNION ALL
        SELECT 'log', c.slug, c.name, l.amount, l.unit, l.status
        FROM {DoseLog._meta.db_table} l
        JOIN {Component._meta.db_table} c ON c.id = l.component_id
        WHERE l.patient_id = %s AND l.local_date = %s
        UNION ALL
        SELECT 'medications', NULL, NULL, NULL, NULL, CAST(h.medications AS TEXT)
        FROM {HealthProfile._meta.db_table} h
        WHERE h.patient_id = %s
    """  # nosec B608: table names from model meta, every value a parameter
    params = [patient.pk, day, day, day, day, patient.pk, day, patient.pk]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    planned, logged, medications = [], [], ()
    for kind, slug, name, amount, unit, extra in rows:
        amount = None if amount is None else Decimal(str(amount))
        if kind == "plan":
            planned.append(PlannedDose(component=slug, name=name, amount=amount, unit=unit))
        elif kind == "log":
            logged.append(
                LoggedDose(
                    component=slug,
                    name=name,
                    taken=extra == DoseStatus.TAKEN,
                    amount=amount,
                    unit=unit or "",
                )
            )
        elif extra:
            try:
                value = json.loads(extra)
            except ValueError:
                value = []
            medications = tuple(item for item in value if isinstance(item, str))
    return Facts(planned=tuple(planned), logged=tuple(logged), medications=medications)


class CheckInRefused(ValueError):
    """The entry cannot be saved for that day; the message says why, in words
    for the patient."""


def checkin_editable(*, checkin, today) -> bool:
    """An entry can be changed until the end of the day it was written on (in
    the clinic's time zone): today's entry all day, a late entry on the day it
    was filled in."""
    written = checkin.created_at.astimezone(ZoneInfo(checkin.clinic.timezone)).date()
    return written == today


def _checkin_insert_unless_exists(checkin: CheckIn) -> CheckIn | None:
    """Save a new day's entry in one statement, INSERT ... ON CONFLICT DO
    NOTHING RETURNING: the entry, saved, or None when the patient already has
    one for that day (one_checkin_per_day). A concurrent first save of the
    same day makes this INSERT wait for that transaction, then do nothing if
    it committed. CheckIn has no save() override or save signals to skip."""
    meta = CheckIn._meta
    using = router.db_for_write(CheckIn)
    fields = [field for field in meta.local_concrete_fields if not field.generated]
    fields = [field for field in fields if field is not meta.auto_field]
    rows = CheckIn._base_manager._insert(
        [checkin],
        fields=fields,
        returning_fields=meta.db_returning_fields,
        using=using,
        on_conflict=OnConflict.IGNORE,
    )
    if not rows:
        return None
    for value, field in zip(rows[0], meta.db_returning_fields, strict=True):
        setattr(checkin, field.attname, value)
    checkin._state.adding = False
    checkin._state.db = using
    return checkin


@transaction.atomic
def checkin_submit(
    *,
    patient,
    clinic,
    mood: int,
    journal: str,
    local_date=None,
    anxiety: int | None = None,
    energy: int | None = None,
    sleep_hours=None,
    sleep_quality: int | None = None,
    practices: list[str] = (),
    side_effects: list[tuple[str, str, str]] = (),
    is_private: bool = False,
    submission_key=None,
) -> CheckInResult:
    """Save the day's check-in, evaluate it, and raise its alerts: one
    transaction, so an entry the patient saw saved always carries its alerts.

    A second submit for the same day (a double tap, a second tab) updates the
    same entry instead of making another. A day in the future, or an entry
    whose day of writing has ended, is refused (CheckInRefused).
    `side_effects` are (key, description, severity) triples.

    `submission_key` is the form's random key (one per page load): a form
    whose key is the last one applied to the entry (a draft kept offline and
    sent again, a retry whose answer was lost) changes nothing and returns
    `replayed`. Only the last key is kept: the page makes a new key after
    each save, and one device sends its drafts in order, so an older draft
    cannot arrive after a newer save from the same page.
    """
    today = today_for(clinic=clinic)
    local_date = local_date or today
    if local_date > today:
        raise CheckInRefused("That day has not happened yet.")
    values = {
        "mood": mood,
        "anxiety": anxiety,
        "energy": energy,
        "sleep_hours": sleep_hours,
        "sleep_quality": sleep_quality,
        "practices": list(practices),
        "journal": journal,
        "is_private": is_private,
    }
    checkin = _checkin_insert_unless_exists(
        CheckIn(
            patient=patient,
            clinic=clinic,
            local_date=local_date,
            is_late=local_date < today,
            submission_key=submission_key,
            **values,
        )
    )
    created = checkin is not None
    if not created:
        # The day has its entry (saved earlier, or by a request that has just
        # committed: the INSERT waited for it). Lock it and change it.
        checkin = CheckIn.objects.select_for_update().get(patient=patient, local_date=local_date)
        if submission_key is not None and checkin.submission_key == submission_key:
            # Already applied: the lock read it, so this costs no query.
            return CheckInResult(
                checkin=checkin, created=False, findings=[], alerts=[], replayed=True
            )
        if checkin.clinic_id == clinic.pk:
            checkin.clinic = clinic  # checkin_editable reads its time zone
        if not checkin_editable(checkin=checkin, today=today):
            raise CheckInRefused(
                "That day has ended, so its entry can no longer be changed. "
                "Anything new can go in today's entry."
            )
        values["submission_key"] = submission_key
        for name, value in values.items():
            setattr(checkin, name, value)
        checkin.save(update_fields=[*values, "updated_at"])
        checkin.side_effects.all().delete()
    SideEffect.objects.bulk_create(
        SideEffect(checkin=checkin, key=key, description=description, severity=severity)
        for key, description, severity in side_effects
    )

    series, missed_alert_open, own_overrides = _evaluation_inputs(patient=patient, until=local_date)
    if missed_alert_open:
        alerts_close_for_rule(
            patient=patient, rule=MISSED_CHECKINS, note="Closed by itself: the patient checked in."
        )
    findings = evaluate_checkin(
        mood=mood,
        text=journal,
        series=series,
        overrides=effective_overrides_for(patient=patient, clinic=clinic, own=own_overrides),
        facts=lambda: _context_facts(patient=patient, local_date=local_date),
    )
    findings += evaluate_side_effects(
        side_effects=[(description, severity) for _key, description, severity in side_effects]
    )
    alerts = raise_for(
        clinic=clinic, patient=patient, findings=findings, source_checkin_id=checkin.pk
    )
    return CheckInResult(checkin=checkin, created=created, findings=findings, alerts=alerts)


def missed_checkins_scan() -> int:
    """Raise a low (digest) alert for every active patient on a plan who has
    not checked in for the rule's number of days (docs/CLINICAL_REFERENCE.md: "none for 3
    days while on a plan"; a break is still the plan, so a paused plan
    counts). Days before the plan started or before the patient joined do
    not count. Returns alerts raised or bumped."""
    from django.db.models import Max, OuterRef, Subquery

    from apps.clinics.models import Membership, Role
    from apps.protocols.models import Plan, PlanStatus
    from apps.safety.services import evaluate_missed_checkins

    open_plan_start = Plan.objects.filter(
        patient=OuterRef("user"),
        clinic=OuterRef("clinic"),
        status__in=[PlanStatus.ACTIVE, PlanStatus.PAUSED],
    ).values("start_date")[:1]
    count = 0
    memberships = (
        Membership.objects.filter(role=Role.PATIENT, is_active=True, user__is_active=True)
        .annotate(plan_start=Subquery(open_plan_start))
        .filter(plan_start__isnull=False)
        .select_related("clinic", "user")
        .annotate(last_checkin=Max("user__checkins__local_date"))
    )
    for membership in memberships:
        today = today_for(clinic=membership.clinic)
        joined = membership.created_at.astimezone(ZoneInfo(membership.clinic.timezone)).date()
        # Counting starts on the later of joining and the plan's first day;
        # an entry from before then does not move it.
        expected_from = max(joined, membership.plan_start)
        last_checkin = membership.last_checkin
        if last_checkin is not None and last_checkin < expected_from:
            last_checkin = None
        findings = evaluate_missed_checkins(
            last_checkin=last_checkin, joined=expected_from, today=today
        )
        if findings:
            with transaction.atomic():
                count += len(
                    raise_for(clinic=membership.clinic, patient=membership.user, findings=findings)
                )
    return count


# --- reminders -------------------------------------------------------------------------------

# After this many whole days without a check-in, the reminder becomes a gentle
# nudge instead of the everyday wording.
NUDGE_AFTER_MISSED_DAYS = 2
UNSUBSCRIBE_SALT = "diaries.reminders.unsubscribe"


def reminder_preference_update(
    *, patient, enabled: bool, time, timezone_name: str, channel: str = ReminderChannel.EMAIL
):
    preference, _created = ReminderPreference.objects.update_or_create(
        patient=patient,
        defaults={
            "enabled": enabled,
            "time": time,
            "timezone": timezone_name,
            "channel": channel,
        },
    )
    return preference


def push_subscription_save(*, patient, endpoint: str, p256dh: str, auth: str) -> PushSubscription:
    """Keep a browser's push subscription for the patient. An endpoint is one
    browser's: one saved before by someone else on a shared phone now belongs
    to whoever allowed notifications last."""
    subscription, _created = PushSubscription.objects.update_or_create(
        endpoint=endpoint, defaults={"patient": patient, "p256dh": p256dh, "auth": auth}
    )
    return subscription


def push_subscription_remove(*, patient, endpoint: str) -> bool:
    """Forget one of the patient's own subscriptions; False when it was not theirs."""
    deleted, _kinds = PushSubscription.objects.filter(patient=patient, endpoint=endpoint).delete()
    return bool(deleted)


def reminder_unsubscribe_token(*, patient) -> str:
    return signing.dumps({"patient": patient.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def reminder_token_patient_id(*, token: str) -> int | None:
    """The patient a signed unsubscribe token names; None when the token is
    not one of ours (tampered, truncated, another kind of link)."""
    try:
        patient_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)["patient"]
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return patient_id if isinstance(patient_id, int) else None


def reminder_unsubscribe(*, token: str) -> bool:
    """Turn reminders off for whoever the signed token names."""
    patient_id = reminder_token_patient_id(token=token)
    if patient_id is None:
        return False
    ReminderPreference.objects.filter(patient_id=patient_id).update(enabled=False)
    return True


def reminder_is_due(*, preference, now) -> date | None:
    """The patient's local date if their reminder time has come today and
    today's reminder has not gone yet; None otherwise."""
    local = now.astimezone(ZoneInfo(preference.timezone))
    if local.time() < preference.time:
        return None
    if preference.last_sent_on is not None and preference.last_sent_on >= local.date():
        return None
    return local.date()


def reminders_send_due(*, now=None) -> int:
    """Send every reminder whose time has come: at most once per patient per
    local day (a conditional update claims the day before the email goes),
    and not to a patient who has already checked in today. Returns the
    number sent."""
    from apps.clinics.access import patient_membership_or_none

    now = now or timezone.now()
    sent = 0
    preferences = ReminderPreference.objects.filter(
        enabled=True, patient__is_active=True
    ).select_related("patient")
    for preference in preferences:
        local_day = reminder_is_due(preference=preference, now=now)
        if local_day is None:
            continue
        membership = patient_membership_or_none(preference.patient)
        if membership is None:
            continue
        today = now.astimezone(ZoneInfo(membership.clinic.timezone)).date()
        last = (
            CheckIn.objects.filter(patient=preference.patient)
            .order_by("-local_date")
            .values_list("local_date", flat=True)
            .first()
        )
        if last is not None and last >= today:
            continue
        previous = preference.last_sent_on
        claimed = (
            ReminderPreference.objects.filter(pk=preference.pk, enabled=True)
            .filter(Q(last_sent_on__isnull=True) | Q(last_sent_on__lt=local_day))
            .update(last_sent_on=local_day)
        )
        if not claimed:
            continue  # another worker has it, or the patient just opted out
        missed = (today - last).days - 1 if last is not None else 0
        delivered = _reminder_deliver(
            preference=preference,
            clinic=membership.clinic,
            local_day=local_day,
            nudge=missed >= NUDGE_AFTER_MISSED_DAYS,
        )
        if not delivered:
            # Give the day back so the next run tries again.
            ReminderPreference.objects.filter(pk=preference.pk, last_sent_on=local_day).update(
                last_sent_on=previous
            )
            continue
        sent += 1
    return sent


def _reminder_deliver(*, preference, clinic, local_day, nudge: bool) -> bool:
    """Send one reminder on the patient's channels, logging every attempt
    (ReminderDelivery). Push goes to each of the patient's browsers; a
    subscription the push service says is gone is deleted. When push was
    chosen and no push got through (none subscribed, all failed), an email
    goes instead. True when anything reached the patient's push service or
    mail server."""
    from .reminder_channels import email as email_channel
    from .reminder_channels import push as push_channel

    patient = preference.patient
    attempts = []

    def attempt(channel, outcome, detail=""):
        attempts.append(
            ReminderDelivery(
                patient=patient,
                local_date=local_day,
                channel=channel,
                outcome=outcome,
                detail=detail[:300],
            )
        )

    wants_push = preference.channel in (ReminderChannel.PUSH, ReminderChannel.BOTH)
    wants_email = preference.channel in (ReminderChannel.EMAIL, ReminderChannel.BOTH)
    pushed = False
    # In the patient's language (issue 19): a worker has no request to read it from.
    with translation.override(_patient_email_language(patient=patient, clinic=clinic)):
        if wants_push:
            subscriptions = list(PushSubscription.objects.filter(patient=patient))
            if not subscriptions:
                attempt(
                    push_channel.NAME,
                    ReminderDelivery.Outcome.FAILED,
                    "No phone or browser is set up for notifications.",
                )
            for subscription in subscriptions:
                try:
                    push_channel.send(subscription=subscription, nudge=nudge)
                except push_channel.PushGone as gone:
                    subscription.delete()
                    attempt(push_channel.NAME, ReminderDelivery.Outcome.GONE, str(gone))
                except push_channel.PushFailed as failed:
                    attempt(push_channel.NAME, ReminderDelivery.Outcome.FAILED, str(failed))
                else:
                    pushed = True
                    attempt(push_channel.NAME, ReminderDelivery.Outcome.SENT)
        emailed = False
        if wants_email or not pushed:
            try:
                email_channel.send(
                    patient=patient,
                    clinic=clinic,
                    nudge=nudge,
                    unsubscribe_token=reminder_unsubscribe_token(patient=patient),
                )
            except Exception as error:
                logger.warning("Reminder email to patient %s failed", patient.pk, exc_info=True)
                attempt(
                    email_channel.NAME,
                    ReminderDelivery.Outcome.FAILED,
                    f"The mail server did not take it ({type(error).__name__}).",
                )
            else:
                emailed = True
                attempt(
                    email_channel.NAME,
                    ReminderDelivery.Outcome.SENT,
                    ""
                    if wants_email
                    else "Sent instead of the notification, which did not get through.",
                )
    ReminderDelivery.objects.bulk_create(attempts)
    return pushed or emailed


def _patient_email_language(*, patient, clinic) -> str:
    from apps.clinics.models import Membership, Role

    chosen = (
        Membership.objects.filter(user=patient, clinic=clinic, role=Role.PATIENT)
        .values_list("language", flat=True)
        .first()
    )
    return email_language(preference=chosen or "", clinic_locale=clinic.locale)


# --- the semantic crisis reader's sweep ----------------------------------------------------

# Entries written or changed longer ago than this are not read: a reader switched on
# (or back after an outage of days) must not raise alerts about last month.
SEMANTIC_READ_WITHIN = timedelta(hours=48)
SEMANTIC_SWEEP_BATCH = 200


def checkins_semantic_sweep(*, limit: int = SEMANTIC_SWEEP_BATCH) -> int:
    """Read, with the semantic crisis model, every entry written or changed in
    the last SEMANTIC_READ_WITHIN that has not been read as it is now; returns
    how many were read. Run by beat every ALERT_JOBS_INTERVAL_SECONDS in a
    worker (tasks.semantic_sweep).

    The check-in's request reads the entry itself when it can
    (checkin_semantic_read_now) and marks it read; the sweep reads what no
    request did (the layer read only here, a reading that failed, a request
    that ended first), so a reading is never lost: the entry stays unread (no
    SemanticRead row for its `updated_at`) until one reads it. An entry changed while it was
    being read keeps its newer `updated_at` and is read again. The reading and
    the alert it may raise are safety's (semantic_reading.checkin_semantic_read);
    the text that already raised an alert does not raise another."""
    # Imported here: they bring numpy, which a web process needs only when it reads.
    from apps.safety import semantic_model

    if semantic_model.mode() == "off":
        return 0
    since = timezone.now() - SEMANTIC_READ_WITHIN
    read_as_is = SemanticRead.objects.filter(
        checkin=OuterRef("pk"), updated_at=OuterRef("updated_at")
    )
    unread = list(
        CheckIn.objects.filter(updated_at__gte=since)
        .exclude(Exists(read_as_is))
        .order_by("updated_at")
        .values_list("pk", "updated_at")[:limit]
    )
    for checkin_id, updated_at in unread:
        _semantic_read_and_mark(checkin_id=checkin_id, updated_at=updated_at)
    return len(unread)


def _semantic_read_and_mark(*, checkin_id: int, updated_at) -> str:
    """Read one entry and record that it was read as it was at `updated_at`."""
    from apps.safety.semantic_reading import Outcome, checkin_semantic_read

    outcome = checkin_semantic_read(checkin_id=checkin_id)
    if outcome not in (Outcome.GONE, Outcome.OFF):
        # One INSERT ... ON CONFLICT DO UPDATE: the request and a sweep may mark the same
        # entry at once, and neither may fail on the other's row.
        SemanticRead.objects.bulk_create(
            [SemanticRead(checkin_id=checkin_id, updated_at=updated_at, outcome=outcome)],
            update_conflicts=True,
            unique_fields=["checkin"],
            update_fields=["updated_at", "outcome", "read_at"],
        )
    return outcome


def checkin_semantic_read_now(*, checkin: CheckIn, replayed: bool = False) -> bool:
    """Read a just-saved entry with the semantic layer inside the patient's request
    (when `semantic_model.at_checkin()`), after the rules' transaction has committed.
    True when the layer found a crisis the rules did not, or found it in this very
    text before (a draft sent again): the patient is shown the crisis page, and the
    clinician's same-day alert is already raised (semantic_reading).

    Nothing here may cost the patient the entry: a reading that fails is logged and
    left to the sweep, which reads every entry not marked read as it is now (also one
    whose request ended between the save and this reading). A draft sent again
    (`replayed`) whose entry is already marked read as it is answers from the mark,
    without the model."""
    from apps.safety import semantic_model
    from apps.safety.semantic_reading import Outcome

    found = (Outcome.RAISED, Outcome.SEEN)
    try:
        if not semantic_model.at_checkin():
            return False
        if replayed:
            mark = (
                SemanticRead.objects.filter(checkin_id=checkin.pk, updated_at=checkin.updated_at)
                .values_list("outcome", flat=True)
                .first()
            )
            if mark is not None:
                return mark in found
        outcome = _semantic_read_and_mark(checkin_id=checkin.pk, updated_at=checkin.updated_at)
    except Exception:
        logger.exception("reading check-in %s at the check-in failed; the sweep will", checkin.pk)
        return False
    return outcome in found
