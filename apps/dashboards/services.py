import logging
from datetime import date, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.audit.services import access_record
from apps.diaries.models import CheckIn, QuestionnaireResponse
from apps.protocols.models import PlanItem

from . import exports
from .models import Export, Session
from .selectors import journal_view

logger = logging.getLogger(__name__)

# Up to this many days the export is built while the clinician waits; longer
# ranges go to a Celery worker with a progress bar.
INLINE_EXPORT_DAYS = 92


def caseload_access_record(*, actor, patients, request) -> None:
    """One access event per patient whose row (mood, alerts, flags) the page
    shows, in one INSERT however many rows."""
    AccessEvent.objects.bulk_create(
        AccessEvent(
            actor=actor,
            patient_id=patient.pk,
            action="view_caseload",
            path=request.path[:500],
            ip_address=request.META.get("REMOTE_ADDR"),
        )
        for patient in patients
    )


class SessionExists(ValueError):
    pass


def session_record(*, patient, clinic, clinician, day: date, notes: str) -> Session:
    """Records a session; a second one on the same day is refused (a double
    submit or two tabs), never saved twice."""
    try:
        with transaction.atomic():
            return Session.objects.create(
                patient=patient, clinic=clinic, clinician=clinician, date=day, notes=notes
            )
    except IntegrityError:
        raise SessionExists("A session is already recorded for this patient on that day.") from None


def session_update(*, session: Session, notes: str) -> Session:
    session.notes = notes
    session.save(update_fields=["notes"])
    return session


def export_request(*, by, patient, fmt: str, first: date, last: date) -> Export:
    """Records the request, then builds it now (short ranges) or hands it to
    a worker after the commit. The committed row is the promise: if the broker
    is down it stays pending and the sweep enqueues it later."""
    in_flight = (
        Export.objects.filter(
            requested_by=by,
            patient=patient,
            format=fmt,
            first=first,
            last=last,
            state__in=[Export.State.PENDING, Export.State.RUNNING],
        )
        .defer("content")
        .first()
    )
    if in_flight is not None:
        # A double submit, or asking again while the first is still queued.
        return in_flight
    export = Export.objects.create(
        requested_by=by, patient=patient, format=fmt, first=first, last=last
    )
    if (last - first).days + 1 <= INLINE_EXPORT_DAYS:
        if export_build(export_id=export.pk) == BuildOutcome.RETRY:
            # The clinician sees "trying again" rather than an error page.
            transaction.on_commit(
                lambda: export_enqueue(export_id=export.pk, countdown=export_retry_countdown(0))
            )
        export.refresh_from_db()
    else:
        transaction.on_commit(lambda: export_enqueue(export_id=export.pk))
    return export


def export_enqueue(*, export_id: int, countdown: float | None = None) -> bool:
    """Hand the build to the broker. A failure here loses nothing: the row is
    committed and pending, and the sweep enqueues it again."""
    from .tasks import build_export

    try:
        build_export.apply_async((export_id,), countdown=countdown)
    except Exception:  # the broker is down or unreachable
        logger.warning(
            "Could not enqueue export %s; the sweep will retry", export_id, exc_info=True
        )
        return False
    return True


def export_retry_countdown(retries: int) -> float:
    """Backoff before the next attempt: the base, doubling, at most 5 minutes."""
    return min(settings.EXPORT_RETRY_BASE_SECONDS * 2**retries, 300)


class BuildOutcome:
    DONE = "done"
    SKIPPED = "skipped"
    RETRY = "retry"
    FAILED = "failed"


def export_build(*, export_id: int) -> str:
    """Builds the file for an Export row, recording progress as it goes and
    an access event for the patient whose data it holds.

    The claim is a conditional update (pending -> running) that counts an
    attempt; every later write names that attempt, so a worker whose stale
    claim was taken back by the sweep writes nothing, and exactly one build
    is kept (and recorded). A failure puts the row back to pending for a
    retry, or marks it failed for good after EXPORT_MAX_ATTEMPTS.
    """
    claimed = Export.objects.filter(pk=export_id, state=Export.State.PENDING).update(
        state=Export.State.RUNNING,
        progress=0,
        claimed_at=timezone.now(),
        attempts=F("attempts") + 1,
    )
    if not claimed:
        return BuildOutcome.SKIPPED  # another worker has it, or it is done
    export = (
        Export.objects.select_related("patient", "requested_by").defer("content").get(pk=export_id)
    )
    mine = Export.objects.filter(pk=export_id, state=Export.State.RUNNING, attempts=export.attempts)

    def progress(percent):
        # Still alive: the fresh claim keeps the sweep from taking it back.
        mine.update(progress=min(int(percent), 99), claimed_at=timezone.now())

    try:
        content = _export_content(export, progress)
    except Exception as error:
        final = export.attempts >= settings.EXPORT_MAX_ATTEMPTS
        logger.exception(
            "Export %s failed on attempt %s%s",
            export_id,
            export.attempts,
            " (the last)" if final else "; it will be retried",
        )
        mine.update(
            state=Export.State.FAILED if final else Export.State.PENDING,
            progress=0,
            last_error=f"{type(error).__name__}: {error}"[:300],
        )
        return BuildOutcome.FAILED if final else BuildOutcome.RETRY
    finished = timezone.now()
    with transaction.atomic():
        kept = mine.update(
            state=Export.State.DONE,
            progress=100,
            content=content,
            finished_at=finished,
            expires_at=finished + timedelta(days=settings.EXPORT_KEEP_DAYS),
            last_error="",
        )
        if not kept:
            return BuildOutcome.SKIPPED  # our claim was taken back; that build counts
        access_record(
            actor=export.requested_by, patient=export.patient, action=f"export_{export.format}"
        )
    return BuildOutcome.DONE


def _export_content(export: Export, progress) -> str:
    checkins = list(
        CheckIn.objects.filter(
            patient=export.patient, local_date__range=(export.first, export.last)
        )
        .prefetch_related("side_effects")
        .order_by("local_date")
    )
    from apps.alerts.models import Alert

    alerts = Alert.objects.filter(
        patient=export.patient, last_seen_at__date__gte=export.first - timedelta(days=1)
    )
    checkins = journal_view(checkins, list(alerts))
    progress(20)
    if export.format == Export.Format.CSV:
        return exports.export_csv(checkins, progress=lambda p: progress(20 + p * 0.7))
    responses = QuestionnaireResponse.objects.filter(
        patient=export.patient, local_date__range=(export.first, export.last)
    ).order_by("local_date", "pk")
    items = (
        PlanItem.objects.filter(plan__patient=export.patient, effective_from__lte=export.last)
        .select_related("plan", "component")
        .order_by("effective_from", "pk")
    )
    items = [
        item
        for item in items
        if (item.effective_to or item.plan.ended_on or export.last) >= export.first
    ]
    bundle = exports.fhir_bundle(
        patient=export.patient,
        checkins=checkins,
        responses=list(responses),
        plan_items=items,
        generated_at=timezone.now(),
    )
    return exports.fhir_json(bundle)


def exports_sweep(*, now=None) -> list[int]:
    """Re-enqueue exports no worker has built, and take back claims held by
    workers that died mid-build (failing for good a row that has had its
    last attempt). Returns the ids enqueued."""
    now = now or timezone.now()
    stale = now - timedelta(seconds=settings.EXPORT_CLAIM_TIMEOUT_SECONDS)
    dead = Export.objects.filter(state=Export.State.RUNNING).filter(
        Q(claimed_at__lt=stale) | Q(claimed_at__isnull=True, created_at__lt=stale)
    )
    dead.filter(attempts__gte=settings.EXPORT_MAX_ATTEMPTS).update(
        state=Export.State.FAILED, progress=0, last_error="The worker building it stopped"
    )
    dead.update(state=Export.State.PENDING, progress=0)
    waiting_since = now - timedelta(seconds=settings.EXPORT_SWEEP_AFTER_SECONDS)
    stuck = list(
        Export.objects.filter(state=Export.State.PENDING, created_at__lt=waiting_since)
        .exclude(claimed_at__gte=waiting_since)
        .values_list("pk", flat=True)
    )
    return [export_id for export_id in stuck if export_enqueue(export_id=export_id)]


def exports_expire(*, now=None) -> int:
    """Wipe every built file past its keeping time. The row stays (who
    exported whose data, when, which range) and so does the access trail.
    Returns how many files were wiped."""
    now = now or timezone.now()
    return Export.objects.past_keeping(now).update(
        state=Export.State.EXPIRED, content="", progress=0, expired_at=now
    )
