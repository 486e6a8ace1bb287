"""A one-time code works once, for as long as it is accepted at all
(apps/accounts/totp.py; issue 21, class 6)."""

from django.urls import reverse

from apps.accounts import totp
from tests.conftest import totp_code

from .test_mfa import PASSWORD


def sign_in_with_code(client, world, code):
    client.post(reverse("account_login"), {"login": world.alice.email, "password": PASSWORD})
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_a_used_code_is_remembered_for_the_whole_time_codes_are_accepted(
    world, client, monkeypatch, settings
):
    settings.MFA_TOTP_TOLERANCE = 1
    timeouts = []
    real_add = totp.cache.add

    def add(key, value, timeout=None):
        if "totp.used" in key:  # the rate limits use the cache too
            timeouts.append(timeout)
        return real_add(key, value, timeout=timeout)

    monkeypatch.setattr(totp.cache, "add", add)
    response = sign_in_with_code(client, world, totp_code())
    assert response.status_code == 302
    assert timeouts == [90]  # 30 s steps, one either side: accepted for 90 s


def test_the_same_code_cannot_sign_in_twice(world, client):
    code = totp_code()
    assert sign_in_with_code(client, world, code).status_code == 302
    client.logout()
    again = sign_in_with_code(client, world, code)
    assert again.status_code == 200
    assert client.get(reverse("dashboards:caseload")).status_code == 302
