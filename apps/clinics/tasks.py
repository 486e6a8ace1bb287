from celery import shared_task

from .services import closed_accounts_purge


@shared_task
def purge_closed_accounts() -> int:
    return closed_accounts_purge()
