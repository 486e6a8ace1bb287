from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.audit.services import access_record
from apps.diaries.models import CheckIn, QuestionnaireResponse
from apps.protocols.models import PlanItem

from . import exports
from .models import Export, Session
from .selectors import journal_view

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
    export = Export.objects.create(
        requested_by=by, patient=patient, format=fmt, first=first, last=last
    )
    if (last - first).days + 1 <= INLINE_EXPORT_DAYS:
        export_build(export_id=export.pk)
        export.refresh_from_db()
    else:
        from .tasks import build_export

        transaction.on_commit(lambda: build_export.delay(export.pk))
    return export


def export_build(*, export_id: int) -> None:
    """Builds the file for an Export row, recording progress as it goes and
    an access event for the patient whose data it holds."""
    claimed = Export.objects.filter(
        pk=export_id, state__in=[Export.State.PENDING, Export.State.FAILED]
    ).update(state=Export.State.RUNNING, progress=0)
    if not claimed:
        return  # another worker has it, or it is done
    export = Export.objects.select_related("patient", "requested_by").get(pk=export_id)

    def progress(percent):
        Export.objects.filter(pk=export_id).update(progress=min(int(percent), 99))

    try:
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
            content = exports.export_csv(checkins, progress=lambda p: progress(20 + p * 0.7))
        else:
            responses = QuestionnaireResponse.objects.filter(
                patient=export.patient, local_date__range=(export.first, export.last)
            ).order_by("local_date", "pk")
            items = (
                PlanItem.objects.filter(
                    plan__patient=export.patient, effective_from__lte=export.last
                )
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
            content = exports.fhir_json(bundle)
    except Exception:
        Export.objects.filter(pk=export_id).update(state=Export.State.FAILED)
        raise
    Export.objects.filter(pk=export_id).update(
        state=Export.State.DONE, progress=100, content=content, finished_at=timezone.now()
    )
    access_record(
        actor=export.requested_by, patient=export.patient, action=f"export_{export.format}"
    )
