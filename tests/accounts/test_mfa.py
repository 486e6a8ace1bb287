"""MFA: required for clinicians, admins and Django-admin operators; optional
for patients; asked for at login."""

import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from apps.accounts.middleware import MFA_SETUP_URL_NAMES
from apps.accounts.models import User
from tests.conftest import reauthenticate, totp_add, totp_code
from tests.test_access_matrix import (
    ALL_PATTERNS,
    MATRIX,
    REDIRECT,
    concrete_path,
    placeholder_path_values,
)
from tests.test_security_headers import inline_problems

PASSWORD = "correct horse battery"


def staff_pages(role):
    """Every URL the matrix lets this person open (200 or a redirect onwards),
    except the few a person without MFA may still reach."""
    for key, route, name in ALL_PATTERNS:
        row = MATRIX.get(key)
        if row is None or key in MFA_SETUP_URL_NAMES:
            continue
        if row.expect[role] in (200, REDIRECT):
            yield key, route, name, row


@pytest.mark.parametrize("role", ["alice", "admin"])
def test_staff_without_mfa_are_sent_to_setup_from_every_staff_page(
    role, world, crisis_alert, client
):
    person = getattr(world, role)
    Authenticator.objects.filter(user=person).delete()
    client.force_login(person)
    setup = reverse("mfa_activate_totp")
    pages = list(staff_pages(role))
    assert len(pages) > 10
    wrong = []
    for key, route, name, row in pages:
        path = concrete_path(route, name, placeholder_path_values(world, crisis_alert))
        response = getattr(client, row.method)(path, row.data)
        if response.status_code != 302 or response["Location"] != setup:
            wrong.append(f"{key} {path}: {response.status_code} {response.get('Location')}")
    assert not wrong, "\n".join(wrong)


def test_staff_without_mfa_can_still_reach_the_setup_pages_logout_and_crisis_help(world, client):
    Authenticator.objects.filter(user=world.alice).delete()
    client.force_login(world.alice)
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("diaries:crisis")).status_code == 200
    # Setting up asks for the password first, then shows the QR code.
    response = client.get(reverse("mfa_activate_totp"))
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    reauthenticate(client)
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.text  # the QR code, allowed by img-src
    assert not inline_problems(page.text)
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


def test_a_clinician_sets_up_totp_and_then_reaches_the_caseload(world, client):
    Authenticator.objects.filter(user=world.alice).delete()
    client.force_login(world.alice)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    secret = client.session["mfa.totp.secret"]

    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=world.alice, type="totp").exists()
    assert client.get(reverse("dashboards:caseload")).status_code == 200


def test_a_wrong_setup_code_is_refused_with_a_message(world, client):
    Authenticator.objects.filter(user=world.alice).delete()
    client.force_login(world.alice)
    reauthenticate(client)
    client.get(reverse("mfa_activate_totp"))
    response = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert response.status_code == 200
    assert "Incorrect code" in response.text
    assert not Authenticator.objects.filter(user=world.alice, type="totp").exists()


def test_patients_are_not_forced_to_set_up_mfa(world, client):
    assert not Authenticator.objects.filter(user=world.patient).exists()
    client.force_login(world.patient)
    assert client.get(reverse("diaries:today")).status_code == 200


def test_login_asks_staff_for_the_totp_code_before_letting_them_in(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.alice.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    # The password alone signs nobody in.
    assert client.get(reverse("dashboards:caseload"))["Location"].startswith(
        reverse("account_login")
    )


def test_the_right_totp_code_completes_the_login(world, client):
    client.post(reverse("account_login"), {"login": world.alice.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert response.status_code == 302
    assert client.get(reverse("dashboards:caseload")).status_code == 200


def test_a_wrong_totp_code_does_not_log_in(world, client):
    client.post(reverse("account_login"), {"login": world.alice.email, "password": PASSWORD})
    response = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert response.status_code == 200
    assert "Incorrect code" in response.text
    assert client.get(reverse("dashboards:caseload")).status_code == 302


def test_staff_cannot_switch_off_their_only_second_factor(world, client):
    client.force_login(world.alice)
    reauthenticate(client)
    response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 200
    assert "must keep two-factor authentication switched on" in response.text
    assert Authenticator.objects.filter(user=world.alice, type="totp").exists()


def test_a_patient_may_switch_off_the_mfa_they_chose(
    world, client, django_capture_on_commit_callbacks
):
    totp_add(world.patient)
    client.force_login(world.patient)
    reauthenticate(client)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("mfa_deactivate_totp"))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=world.patient, type="totp").exists()


def test_the_django_admin_login_goes_through_allauth(world, client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_operator_without_mfa_is_held_on_setup_before_the_django_admin(db, client):
    operator = User.objects.create_superuser(email="ops@trellis.test", password=PASSWORD)
    client.force_login(operator)
    response = client.get(reverse("admin:index"))
    assert response["Location"] == reverse("mfa_activate_totp")


def test_a_signed_in_non_operator_gets_404_from_the_django_admin_login(world, client):
    client.force_login(world.alice)
    assert client.get(reverse("admin:login")).status_code == 404
