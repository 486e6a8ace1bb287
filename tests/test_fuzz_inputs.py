"""No 500 from any form or query parameter (issue 21, class 5).

For every URL of the app (Django's own admin aside: it is for platform
operators, and no clinic role reaches it), as the person who may use it,
hypothesis sends hostile values: non-ASCII digits ("²" and "٣" pass
str.isdigit), dates at the ends of the calendar, NUL bytes, very long
strings, control and direction characters, empty and blank values, negative
and huge numbers, several values where one is expected, and fields nobody
asked for. The GET goes with the page's query parameters (its method="get"
forms and the names the view reads from request.GET); the POST with the
fields of the page's own form (read with html.parser) or the write matrix's
row. The answer is never 5xx, and a refused form (4xx, or the form shown
again with its errors) leaves every table as it was.

Bounded for CI: a few examples per URL, derandomized so a failure comes back
the same. TRELLIS_FUZZ_EXAMPLES=50 runs deeper.
"""

import inspect
import json
import os
import re

import pytest
from django.db import transaction
from django.test import Client
from django.urls import resolve
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .page_forms import page_forms
from .test_access_matrix import ADMIN_PREFIX, ALL_PATTERNS, MATRIX, concrete_path
from .test_access_matrix_writes import (
    WRITES,
    Answered,
    changed,
    context,
    password_again,
    sign_in,
    snapshot,
)

EXAMPLES = int(os.environ.get("TRELLIS_FUZZ_EXAMPLES", "4"))

HOSTILE = st.sampled_from(
    [
        "",
        " ",
        "\t\n",
        "²",
        "٣",
        "１２",
        "0001-01-01",
        "9999-12-31",
        "10000-01-01",
        "0000-00-00",
        "2026-02-30",
        "9999-12-31T23:59",
        "0001-01-01T00:00",
        "25:61",
        "\x00",
        "1\x00",
        "a" * 5000,
        "9" * 400,
        "-1",
        "-9223372036854775809",
        "18446744073709551616",
        "1e309",
        "NaN",
        "-0",
        "0x10",
        "\u202e\u200b",
        "\u200f\u2066",
        "\r\nBcc: x@example.com",
        "<script>alert(1)</script>",
        "%00",
        "../../etc/passwd",
        "[]",
        '{"a": 1}',
    ]
)
# Any text a browser could send (lone surrogates cannot be encoded at all).
VALUE = st.one_of(HOSTILE, st.text(st.characters(exclude_categories=("Cs",)), max_size=40))
# Several values where one is expected, sometimes.
FIELD = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))
EXTRA_NAMES = st.sampled_from(["id", "patient", "page", "next", "format", "q", "date", "since"])

HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
)

# Allowed answers in order of preference: the person who may use the URL.
PREFERENCE = ["alice", "admin", "patient", "bob", "charlie", "anonymous"]
REFUSED = (404, "login", "admin-login")
# A POST whose 200 reports a success and a refusal side by side (the bulk
# invite's report: good rows invited, bad ones listed).
MIXED_REPORTS = {"clinics:invitations_upload"}


def user_of(row_expect) -> str:
    for person in PREFERENCE:
        answer = row_expect.get(person)
        if isinstance(answer, Answered):
            if answer.allowed:
                return person
        elif answer is not None and answer not in REFUSED and answer != 405:
            return person
    return "alice"


def view_reads(path, source_name):
    """The names a view reads from request.GET or request.POST."""
    try:
        func = resolve(path).func
        func = inspect.unwrap(getattr(func, "view_class", func))
        source = inspect.getsource(func)
    except (TypeError, OSError):  # a view whose source cannot be read: none
        return set()
    return set(
        re.findall(rf"request\.{source_name}(?:\.get(?:list)?\(|\[)\s*[\"'](\w+)[\"']", source)
    )


URLS = [
    (key, route, name)
    for key, route, name in ALL_PATTERNS
    if not route.startswith(ADMIN_PREFIX) and key in MATRIX
]


# The health check's 503 is its answer with no worker running (as in tests).
DELIBERATE_503 = {"alerts:health"}


def looks_refused(response) -> bool:
    """A form refused: 4xx, or the form again with its errors. Not 405 (the
    method, before any form) nor 429 (a rate limit)."""
    if 400 <= response.status_code < 500 and response.status_code not in (405, 429):
        return True
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = response.content.decode(errors="replace")
        return "errorlist" in body or "is-invalid" in body or "invalid-feedback" in body
    return False


@pytest.mark.parametrize(("key", "route", "name"), URLS, ids=[u[0] for u in URLS])
def test_no_form_or_query_parameter_answers_500(key, route, name, world, crisis_alert):
    write = WRITES.get(key)
    ctx = context(world, crisis_alert)
    if write and write.setup:
        write.setup(world, ctx)
    path = concrete_path(route, name, ctx)

    reader = user_of(MATRIX[key].expect)
    client = Client(raise_request_exception=False)
    if reader != "anonymous":
        sign_in(client, getattr(world, reader), again=False)
    page = client.get(path)
    forms = []
    if page.status_code == 200 and "html" in page.get("Content-Type", ""):
        forms = page_forms(page.content.decode(errors="replace"))
    query_names = sorted(
        {n for f in forms if f.method == "get" for n in f.fields} | view_reads(path, "GET")
    )

    @HYPOTHESIS
    @given(
        st.fixed_dictionaries({n: FIELD for n in query_names}),
        st.dictionaries(EXTRA_NAMES, VALUE, max_size=2),
    )
    def get(params, extra):
        with transaction.atomic():
            response = client.get(path, {**extra, **params})
            transaction.set_rollback(True)
        ok = response.status_code < 500 or (key in DELIBERATE_503 and response.status_code == 503)
        assert ok, ("GET", path, params, extra)

    get()

    if write is None:
        return
    poster = user_of(write.expect)
    client = Client(raise_request_exception=False)
    if poster != "anonymous":
        sign_in(client, getattr(world, poster), again=password_again(key, name))
    own = [f for f in forms if f.method == "post" and f.action in ("", path)]
    field_names = {n for f in own for n in f.fields if n != "csrfmiddlewaretoken"}
    sample = write.data if isinstance(write.data, dict) else write.data(world, ctx)
    field_names |= set(sample) | view_reads(path, "POST")
    field_names = sorted(field_names)

    @HYPOTHESIS
    @given(
        st.fixed_dictionaries({n: FIELD for n in field_names}),
        st.dictionaries(EXTRA_NAMES, VALUE, max_size=2),
    )
    def post(data, extra):
        with transaction.atomic():
            before = snapshot()
            if write.as_json:
                response = client.post(
                    path, json.dumps({**extra, **data}), content_type="application/json"
                )
            else:
                response = client.post(path, {**extra, **data})
            after = snapshot()
            transaction.set_rollback(True)
        assert response.status_code < 500, ("POST", path, data, extra)
        if key not in MIXED_REPORTS and looks_refused(response):
            assert not changed(before, after), ("refused, yet saved", path, data, extra)

    post()
