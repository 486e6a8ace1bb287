"""The floor for bench/checkin_submit.py: the least a signed-in POST can do.

Same middleware (sessions, CSRF, auth), same login_required, one INSERT in
its own transaction, and the same redirect as a saved check-in; none of the
check-in's form, evaluation or alerts. Served only under bench/settings.py.
"""

from django.contrib.auth.decorators import login_required
from django.db import connection, transaction
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

TABLE = "bench_floor"
CREATE_TABLE = (
    f"CREATE TABLE IF NOT EXISTS {TABLE} "
    "(id bigserial PRIMARY KEY, user_id bigint NOT NULL, body text NOT NULL, "
    "created_at timestamptz NOT NULL DEFAULT now())"
)


@login_required
@require_POST
def floor(request):
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} (user_id, body) VALUES (%s, %s)",
            [request.user.pk, request.POST.get("journal", "")],
        )
    return redirect("diaries:today")
