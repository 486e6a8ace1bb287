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
        sql, param = ids_condition(lhs, self.rhs, vendor=connection.vendor)
        return sql, [*lhs_params, param]


def ids_condition(column: str, ids, *, vendor: str, placeholder: str = "%s") -> tuple[str, object]:
    """`column` is one of `ids`, as SQL with one placeholder and its parameter:
    for the lookup above and for hand-written SQL (the caseload's, which names
    its parameters: placeholder="%(ids)s")."""
    ids = [int(value) for value in ids]
    if vendor == "postgresql":
        # As the array's text: psycopg dumps a list element by element in
        # Python, a few milliseconds for 500 ids on every query that takes them.
        return f"{column} = ANY({placeholder}::bigint[])", "{" + ",".join(map(str, ids)) + "}"
    return f"{column} IN (SELECT value FROM json_each({placeholder}))", json.dumps(ids)


def register() -> None:
    IntegerField.register_lookup(InIds)
    ForeignKey.register_lookup(InIds)
