"""Thin adapters: each task takes ids (or nothing) and calls a service."""

from celery import shared_task

from .services import (
    BuildOutcome,
    export_build,
    export_retry_countdown,
    exports_expire,
    exports_sweep,
)


@shared_task(bind=True, acks_late=True, max_retries=None)
def build_export(self, export_id: int) -> str:
    # Bounded by the row's own attempt count, not by Celery's.
    outcome = export_build(export_id=export_id)
    if outcome == BuildOutcome.RETRY:
        # The row is pending again, so the sweep would pick it up even if
        # this retry message were lost.
        raise self.retry(countdown=export_retry_countdown(self.request.retries))
    return outcome


@shared_task(acks_late=True)
def sweep_exports() -> int:
    return len(exports_sweep())


@shared_task(acks_late=True)
def expire_exports() -> int:
    return exports_expire()
