"""Shared fixtures: the people of every access test.

Alice is the patient's own clinician, Bob a colleague in the same clinic with
no care link, Charlie a clinician of another clinic; then the patient, another
patient (Bob's), the clinic admin and anonymous.
"""

import os
from dataclasses import dataclass

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.conf import settings
from django.urls import reverse

from apps.accounts.models import User
from apps.alerts.models import Alert
from apps.clinics.models import CareTeam, Clinic, Membership, Role
from apps.diaries.services import checkin_submit

SERVICES_REQUIRED = os.environ.get("TRELLIS_REQUIRE_SERVICES") == "1"


def services_available() -> bool:
    return settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and bool(
        settings.REDIS_URL
    )


def pytest_sessionstart(session):
    if SERVICES_REQUIRED and not services_available():
        pytest.exit(
            "TRELLIS_REQUIRE_SERVICES is set but DATABASE_URL (PostgreSQL) or REDIS_URL is "
            "missing: refusing to skip the tests that need them.",
            returncode=3,
        )


def pytest_collection_modifyitems(config, items):
    if services_available():
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL and Redis (run `make test`)")
    for item in items:
        if "services" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    if not settings.REDIS_URL:
        # Keep rate-limit counters out of the dev server's file cache.
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@dataclass
class World:
    clinic: Clinic
    other_clinic: Clinic
    admin: User
    alice: User
    bob: User
    charlie: User
    patient: User
    other_patient: User

    def by_role(self, role):
        return None if role == "anonymous" else getattr(self, role)


# Every member of staff in a test has an authenticator app set up, as the
# MFA middleware requires; tests/accounts/test_mfa.py covers staff without one.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def totp_add(user):
    TOTP.activate(user, TOTP_SECRET)
    RecoveryCodes.activate(user)


def totp_code() -> str:
    """The code an authenticator app shows now. Not the first counter allauth
    accepts: with a tolerance of one step that is the previous step's, which
    stops being accepted when the clock crosses into the next step between
    making the code and posting it (a CI run failed so)."""
    counters = list(yield_hotp_counters_from_time())
    return format_hotp_value(hotp_value(TOTP_SECRET, counters[len(counters) // 2]))


def reauthenticate(client, password="correct horse battery"):
    """Enter the password again, as a sensitive change asks (allauth's
    reauthentication page, for real)."""
    response = client.post(reverse("account_reauthenticate"), {"password": password})
    assert response.status_code == 302, response.status_code
    return response


def make_member(clinic, email, role, name="", *, mfa=None):
    user = User.objects.create_user(email=email, password="correct horse battery", full_name=name)
    Membership.objects.create(user=user, clinic=clinic, role=role)
    if mfa if mfa is not None else role in (Role.CLINICIAN, Role.ADMIN):
        totp_add(user)
    return user


@pytest.fixture
def world(db) -> World:
    clinic = Clinic.objects.create(name="Maple Clinic", timezone="America/New_York")
    other = Clinic.objects.create(name="Birch Clinic", timezone="Europe/London", locale="GB")
    w = World(
        clinic=clinic,
        other_clinic=other,
        admin=make_member(clinic, "admin@maple.test", Role.ADMIN, "Ada Admin"),
        alice=make_member(clinic, "alice@maple.test", Role.CLINICIAN, "Alice Clinician"),
        bob=make_member(clinic, "bob@maple.test", Role.CLINICIAN, "Bob Colleague"),
        charlie=make_member(other, "charlie@birch.test", Role.CLINICIAN, "Charlie Outsider"),
        patient=make_member(clinic, "pat@maple.test", Role.PATIENT, "Pat Patient"),
        other_patient=make_member(clinic, "quinn@maple.test", Role.PATIENT, "Quinn Other"),
    )
    CareTeam.objects.create(clinic=clinic, patient=w.patient, clinician=w.alice, is_primary=True)
    CareTeam.objects.create(
        clinic=clinic, patient=w.other_patient, clinician=w.bob, is_primary=True
    )
    return w


@pytest.fixture
def smtp():
    """A real SMTP server on loopback that records what it accepts (the one
    fake: the edge of the world); see tests/stack.py."""
    from tests.stack import SmtpServer

    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def redis_server(tmp_path):
    """A Redis server of the test's own, which the test may stop and start
    (the broken-on-purpose suites); see tests/stack.py."""
    from tests.stack import RedisServer

    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def crisis_alert(world) -> Alert:
    """The patient's open critical alert, raised the real way."""
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    )
    return result.alerts[0]


ROLES = ["anonymous", "patient", "other_patient", "alice", "bob", "charlie", "admin"]
