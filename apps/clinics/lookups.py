"""`in_ids`: a column against a list of ids, sent as ONE parameter.

The caseload, its alert list and the staff context processor each filter by
the hundreds of patient ids access.visible_patient_ids found. The ordinary
`__in` sends one placeholder per id, and building and quoting 500 of them
costs a few milliseconds a query. PostgreSQL takes the list as one array
(`= ANY(%s)`); SQLite, the embedded default, as one JSON text it unpacks
with json_each.
"""

import json

from django.db.models import ForeignKey, IntegerField, Lookup


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        # Ids only: anything else is a programming error, caught here rather
        # than sent to the database.
        return [int(value) for value in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]
        return (
            f"{lhs} IN (SELECT value FROM json_each(%s))",
            [*lhs_params, json.dumps(self.rhs)],
        )


def register() -> None:
    IntegerField.register_lookup(InIds)
    ForeignKey.register_lookup(InIds)
