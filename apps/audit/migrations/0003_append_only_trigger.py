"""On PostgreSQL the database itself refuses to change or remove a row of the
access trail or the change history, whoever asks (the app, a script, a
careless psql session). Other databases (SQLite in development) skip this."""

from django.db import migrations

TABLES = ["audit_accessevent", "audit_changerecord"]

CREATE_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the audit trail is append-only: % on % refused', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # No params: the % in RAISE is plpgsql's, not a placeholder.
    schema_editor.execute(CREATE_FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();"
        )
        # TRUNCATE is left alone on purpose: it is how a test database (and
        # `manage.py flush`) is emptied, and it needs the table owner anyway.


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute("DROP FUNCTION IF EXISTS audit_refuse_change();")


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_changerecord")]
    operations = [migrations.RunPython(forwards, backwards)]
