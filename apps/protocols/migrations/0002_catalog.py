from django.db import migrations


def forwards(apps, schema_editor):
    from apps.protocols.catalog import catalog_sync

    catalog_sync(
        apps.get_model("protocols", "Component"),
        apps.get_model("protocols", "ProtocolTemplate"),
        apps.get_model("protocols", "TemplateItem"),
    )


class Migration(migrations.Migration):
    dependencies = [("protocols", "0001_initial")]

    # Going back leaves the rows: plans may point at them.
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
