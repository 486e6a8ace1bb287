"""`in_ids`: a column against a list of ids, sent as ONE parameter.

The caseload, its alert list and the staff context processor each filter by
the hundreds of patient ids access.visible_patient_ids found. The ordinary
`__in` sends one placeholder per id, and building and quoting 500 of them
costs a few milliseconds a query. PostgreSQL takes the list as one array
(`= ANY(%s)`); SQLite, the embedded default, as one JSON text it unpacks
with json_each.
"""

import json
import re

from django.db.models import ForeignKey, IntegerField, Lookup

# An id as a query parameter or form field may carry: ASCII digits only
# ("²".isdigit() is true in Python, and int("²") raises), at most 18 of them
# (a bigint holds 19; nothing here comes near).
_ID = re.compile(r"[0-9]{1,18}")


def id_from(value) -> int | None:
    """The id in a query parameter or form value, or None for anything that
    is not one (empty, spaces, signs, non-ASCII digits, too long). The one way
    a view reads an id that does not come through a URL converter."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return int(value) if _ID.fullmatch(value) else None


class Ids:
    """Ids worked out once and handed to several queries (a request's visible
    patients): converted to whole numbers once, and their SQL parameter built
    once. Deliberately not a list or tuple: the ORM walks those id by id
    (Query.resolve_lookup_value), which for 500 ids cost about a millisecond
    a query."""

    __slots__ = ("_ids", "_members", "_params")

    def __init__(self, ids=()):
        # Ids only: anything else is a programming error, caught here rather
        # than sent to the database.
        self._ids = tuple(int(value) for value in ids)
        self._members = None
        self._params = {}

    def __iter__(self):
        return iter(self._ids)

    def __len__(self):
        return len(self._ids)

    def __bool__(self):
        return bool(self._ids)

    def __contains__(self, value):
        if self._members is None:
            self._members = frozenset(self._ids)
        return value in self._members

    def __eq__(self, other):
        if isinstance(other, Ids):
            return self._ids == other._ids
        if isinstance(other, list | tuple):
            return list(self._ids) == list(other)
        return NotImplemented

    def __hash__(self):
        return hash(self._ids)

    def __repr__(self):
        return f"Ids({list(self._ids)!r})"

    def param(self, vendor: str):
        if vendor not in self._params:
            self._params[vendor] = (
                "{" + ",".join(map(str, self._ids)) + "}"
                if vendor == "postgresql"
                else json.dumps(self._ids)
            )
        return self._params[vendor]


class InIds(Lookup):
    lookup_name = "in_ids"
    prepare_rhs = False

    def get_prep_lookup(self):
        return self.rhs if isinstance(self.rhs, Ids) else Ids(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        sql, param = ids_condition(lhs, self.rhs, vendor=connection.vendor)
        return sql, [*lhs_params, param]


def ids_condition(column: str, ids, *, vendor: str, placeholder: str = "%s") -> tuple[str, object]:
    """`column` is one of `ids`, as SQL with one placeholder and its parameter:
    for the lookup above and for hand-written SQL (the caseload's, which names
    its parameters: placeholder="%(ids)s")."""
    ids = ids if isinstance(ids, Ids) else Ids(ids)
    if vendor == "postgresql":
        # As the array's text: psycopg dumps a list element by element in
        # Python, a few milliseconds for 500 ids on every query that takes them.
        return f"{column} = ANY({placeholder}::bigint[])", ids.param(vendor)
    return f"{column} IN (SELECT value FROM json_each({placeholder}))", ids.param(vendor)


def register() -> None:
    IntegerField.register_lookup(InIds)
    ForeignKey.register_lookup(InIds)
