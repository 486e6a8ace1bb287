"""CSRF is enforced on every URL: a POST without the token is refused before
any view runs, for anonymous and signed-in people alike."""

import pytest
from django.test import Client

from tests.test_access_matrix import ALL_PATTERNS, concrete_path, placeholder_path_values

ADMIN_PREFIX = "django-admin/"

# The only views that take a POST without the token, and why.
CSRF_EXEMPT = {
    # RFC 8058 one-click unsubscribe: mail clients POST with no cookie and no
    # token; the signed link is the credential, and all it can do is stop emails.
    "diaries:reminder_unsubscribe",
}


@pytest.mark.parametrize(("key", "route", "name"), ALL_PATTERNS, ids=[p[0] for p in ALL_PATTERNS])
def test_a_post_without_the_csrf_token_is_refused(key, route, name, world, crisis_alert):
    values = placeholder_path_values(world, crisis_alert)
    path = concrete_path(route, name, values)
    if key in CSRF_EXEMPT:
        # Without a valid signed link it refuses all the same.
        assert Client(enforce_csrf_checks=True).post(path).status_code == 400
        return
    for person in (None, world.patient, world.alice, world.admin):
        client = Client(enforce_csrf_checks=True)
        if person is not None:
            client.force_login(person)
        response = client.post(path, {"note": "x", "password": "x", "login": "x@x.test"})
        assert response.status_code == 403, (path, person, response.status_code)
