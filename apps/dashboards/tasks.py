"""Thin adapters: each task takes ids and calls a service."""

from celery import shared_task

from .services import export_build


@shared_task(acks_late=True)
def build_export(export_id: int) -> None:
    export_build(export_id=export_id)
