from celery import shared_task

from .services import checkins_semantic_sweep, missed_checkins_scan, reminders_send_due


@shared_task(acks_late=True)
def missed_checkins() -> int:
    return missed_checkins_scan()


@shared_task(acks_late=True)
def reminders() -> int:
    return reminders_send_due()


@shared_task(acks_late=True)
def semantic_sweep() -> int:
    return checkins_semantic_sweep()
