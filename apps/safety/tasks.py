"""Thin adapters: each task takes ids and calls a service."""

from celery import shared_task

from .semantic_reading import checkin_semantic_read


# acks_late: a worker killed mid-reading leaves the message for another worker. A
# second reading of the same text raises nothing new (the receiver sees the open
# alert for that text), so running twice is harmless.
@shared_task(acks_late=True)
def semantic_read(checkin_id: int) -> str:
    return checkin_semantic_read(checkin_id=checkin_id)
