"""`manage.py rotate_encryption_keys`: re-encrypt every encrypted column with
the newest key of TRELLIS_ENCRYPTION_KEYS.

Rows already under the newest key are left alone, so running it twice changes
nothing the second time; plaintext written before a column was encrypted is
encrypted. Works in batches, each in its own transaction with the batch's rows
locked, so a save from the app in the meantime is never overwritten with an
older value. Prints one line per model: how many rows were rewritten.
"""

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from apps.accounts.encryption import decrypt, encrypted_fields, is_current


class Command(BaseCommand):
    help = "Re-encrypt every encrypted column with the newest key (idempotent, batched)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args, batch_size, **options):
        total = 0
        for model, fields in encrypted_fields():
            rewritten = self.rotate_model(model, fields, batch_size)
            total += rewritten
            self.stdout.write(f"{model._meta.label}: {rewritten} row(s) re-encrypted")
        self.stdout.write(f"Done: {total} row(s) re-encrypted with the newest key.")

    def rotate_model(self, model, fields, batch_size) -> int:
        quote = connection.ops.quote_name
        pk_column = model._meta.pk.column
        columns = ", ".join(quote(field.column) for field in fields)
        # Raw values: the ORM would hand back plaintext, and which key a row is
        # under is only visible in the ciphertext. Identifiers come from model
        # metadata, values are parameters.
        table = quote(model._meta.db_table)
        select = f"SELECT {quote(pk_column)}, {columns} FROM {table}"  # nosec B608
        rewritten = 0
        last = None
        pks = model._default_manager.order_by("pk").values_list("pk", flat=True)
        while True:
            batch = list((pks.filter(pk__gt=last) if last is not None else pks)[:batch_size])
            if not batch:
                return rewritten
            with transaction.atomic():
                list(
                    model._default_manager.select_for_update()
                    .filter(pk__in=batch)
                    .values_list("pk", flat=True)
                )
                placeholders = ", ".join(["%s"] * len(batch))
                sql = f"{select} WHERE {quote(pk_column)} IN ({placeholders})"  # nosec B608
                with connection.cursor() as cursor:
                    cursor.execute(sql, batch)
                    rows = cursor.fetchall()
                for pk, *values in rows:
                    changes = {
                        field.name: decrypt(value)
                        for field, value in zip(fields, values, strict=True)
                        if value is not None and not is_current(value)
                    }
                    if changes:
                        # update() runs get_prep_value: encrypted with the newest key.
                        model._default_manager.filter(pk=pk).update(**changes)
                        rewritten += 1
            last = batch[-1]
