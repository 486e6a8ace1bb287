"""Login rate limits: allauth's, counted in the real cache."""

import importlib

import pytest
from django.urls import reverse

PASSWORD = "correct horse battery"


def login(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(world, client):
    for _ in range(5):
        response = login(client, world.patient.email, "wrong password")
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session
    response = login(client, world.patient.email, PASSWORD)
    assert "Too many failed login attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_per_account(world, client):
    for _ in range(5):
        login(client, world.patient.email, "wrong password")
    response = login(client, world.other_patient.email, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(world.other_patient.pk)


def test_four_wrong_passwords_still_let_the_right_one_in(world, client):
    for _ in range(4):
        login(client, world.patient.email, "wrong password")
    assert login(client, world.patient.email, PASSWORD).status_code == 302


def test_wrong_totp_codes_are_limited_too(world, client):
    from tests.conftest import totp_code

    login(client, world.alice.email, PASSWORD)
    for _ in range(5):
        client.post(reverse("mfa_authenticate"), {"code": "000000"})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert "Too many failed login attempts" in response.text
    assert client.get(reverse("dashboards:caseload")).status_code == 302


def test_the_counters_live_in_a_cache_every_process_shares(monkeypatch):
    """Redis when REDIS_URL is set, else the file cache; never per-process
    memory, where each gunicorn worker would count on its own."""
    import config.settings as project

    monkeypatch.delenv("REDIS_URL", raising=False)
    embedded = importlib.reload(project).CACHES["default"]["BACKEND"]
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/0")
    with_redis = importlib.reload(project).CACHES["default"]["BACKEND"]
    monkeypatch.undo()
    importlib.reload(project)
    assert embedded == "django.core.cache.backends.filebased.FileBasedCache"
    assert with_redis == "django.core.cache.backends.redis.RedisCache"


@pytest.mark.services
def test_under_services_the_lockout_is_counted_in_redis(world, client):
    from django.conf import settings

    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    for _ in range(5):
        login(client, world.patient.email, "wrong password")
    assert "Too many failed login attempts" in login(client, world.patient.email, PASSWORD).text


def test_behind_a_proxy_each_client_has_its_own_ip_limit(world, client, settings):
    """TRELLIS_TRUSTED_PROXY_COUNT=1: the client is the last X-Forwarded-For
    entry, so one client's failures do not lock out everyone behind the proxy."""
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = settings.ACCOUNT_RATE_LIMITS | {"login_failed": "3/m/ip"}
    for _ in range(3):
        client.post(
            reverse("account_login"),
            {"login": world.patient.email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR="198.51.100.7",
        )
    blocked = client.post(
        reverse("account_login"),
        {"login": world.other_patient.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.7",
    )
    assert "_auth_user_id" not in client.session, blocked.status_code
    other_client = client.post(
        reverse("account_login"),
        {"login": world.other_patient.email, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert other_client.status_code == 302


def test_without_a_proxy_a_forged_forwarded_header_changes_nothing(world, rf, settings):
    from apps.audit.services import client_ip

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9", REMOTE_ADDR="192.0.2.1")
    assert client_ip(request) == "192.0.2.1"
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.9"
