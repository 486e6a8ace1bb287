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
