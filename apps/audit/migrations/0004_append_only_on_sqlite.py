"""The access trail and the change history are append-only on SQLite too
(the embedded default a small clinic may run on), as 0003 makes them on
PostgreSQL: the database refuses UPDATE and DELETE, whoever asks.

On SQLite this also refuses `manage.py flush` (it empties tables with
DELETE); start from a new database file instead."""

from django.db import migrations

TABLES = ["audit_accessevent", "audit_changerecord"]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for operation in ("UPDATE", "DELETE"):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_no_{operation.lower()} "
                f"BEFORE {operation} ON {table} BEGIN "
                f"SELECT RAISE(ABORT, 'the audit trail is append-only: {operation} on "
                f"{table} refused'); END;"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for operation in ("update", "delete"):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{operation};")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_append_only_trigger")]
    operations = [migrations.RunPython(forwards, backwards)]
