"""Run by test_append_only.py in a fresh process on a fresh SQLite file (the
embedded default): the audit tables refuse UPDATE and DELETE there too.
Prints "ok" or raises."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import DatabaseError, connection, transaction  # noqa: E402

assert connection.vendor == "sqlite", connection.vendor
call_command("migrate", verbosity=0)

from apps.audit.models import AccessEvent, ChangeRecord  # noqa: E402

event = AccessEvent.objects.create(action="view_patient")
record = ChangeRecord.objects.create(record="care_team", summary="Added someone")


def refused(change) -> bool:
    try:
        with transaction.atomic():
            change()
    except DatabaseError as error:
        assert "append-only" in str(error), error
        return True
    return False


for model, row, field in ((AccessEvent, event, "action"), (ChangeRecord, record, "summary")):
    rows = model.objects.filter(pk=row.pk)
    assert refused(lambda: rows.update(**{field: "changed"})), f"{model.__name__}: UPDATE"  # noqa: B023
    assert refused(rows.delete), f"{model.__name__}: DELETE"
    assert model.objects.filter(pk=row.pk).exists()
print("ok")
