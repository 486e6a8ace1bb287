"""How long a session lasts, and which changes end the other sessions."""

import pytest
from django.test import Client
from django.urls import reverse

from apps.accounts.sessions import SEEN_KEY, STARTED_KEY
from apps.safety.models import RiskSettings
from tests.conftest import reauthenticate

PASSWORD = "correct horse battery"


def age_session(client, *, idle=0, total=0):
    session = client.session
    session[SEEN_KEY] -= idle
    session[STARTED_KEY] -= total
    session.save()


def signed_in(client, url):
    response = client.get(url)
    if response.status_code == 302 and response["Location"].startswith(reverse("account_login")):
        return False
    return True


def test_staff_are_signed_out_after_30_minutes_idle(world, client):
    client.force_login(world.alice)
    age_session(client, idle=31 * 60)
    response = client.get(reverse("dashboards:caseload"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session


def test_an_expired_session_still_gets_the_crisis_page(world, client):
    client.force_login(world.patient)
    age_session(client, idle=3 * 60 * 60)
    response = client.get(reverse("diaries:crisis"))
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_staff_stay_signed_in_when_idle_less_than_30_minutes(world, client):
    client.force_login(world.alice)
    age_session(client, idle=29 * 60)
    assert client.get(reverse("dashboards:caseload")).status_code == 200


def test_staff_are_signed_out_after_12_hours_even_when_active(world, client):
    client.force_login(world.alice)
    age_session(client, total=12 * 60 * 60 + 1)
    assert not signed_in(client, reverse("dashboards:caseload"))


def test_a_patient_writing_a_long_entry_is_not_signed_out_after_30_minutes(world, client):
    client.force_login(world.patient)
    age_session(client, idle=45 * 60)
    assert client.get(reverse("diaries:today")).status_code == 200


def test_a_patient_is_signed_out_after_two_hours_idle(world, client):
    client.force_login(world.patient)
    age_session(client, idle=2 * 60 * 60 + 1)
    assert not signed_in(client, reverse("diaries:today"))


def test_the_sign_out_page_explains_why(world, client):
    client.force_login(world.alice)
    age_session(client, idle=31 * 60)
    page = client.get(reverse("dashboards:caseload"), follow=True).text
    assert "signed out after a period of inactivity" in page


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(world):
    here, elsewhere = Client(), Client()
    here.force_login(world.alice)
    elsewhere.force_login(world.alice)
    response = here.post(
        reverse("account_change_password"),
        {
            "oldpassword": PASSWORD,
            "password1": "a new long passphrase",
            "password2": "a new long passphrase",
        },
    )
    assert response.status_code == 302
    assert signed_in(here, reverse("dashboards:caseload"))
    assert not signed_in(elsewhere, reverse("dashboards:caseload"))


# allauth sends the MFA signals on commit; these need real commits to see
# what a request in production sees.
@pytest.mark.django_db(transaction=True)
def test_regenerating_recovery_codes_ends_the_other_sessions_but_not_this_one(world):
    here, elsewhere = Client(), Client()
    here.force_login(world.alice)
    elsewhere.force_login(world.alice)
    reauthenticate(here)
    response = here.post(reverse("mfa_generate_recovery_codes"))
    assert response.status_code == 302
    assert signed_in(here, reverse("dashboards:caseload"))
    assert not signed_in(elsewhere, reverse("dashboards:caseload"))


@pytest.mark.django_db(transaction=True)
def test_a_patient_switching_off_mfa_ends_the_other_sessions(world):
    from tests.conftest import totp_add

    totp_add(world.patient)
    here, elsewhere = Client(), Client()
    here.force_login(world.patient)
    elsewhere.force_login(world.patient)
    reauthenticate(here)
    here.post(reverse("mfa_deactivate_totp"))
    assert signed_in(here, reverse("diaries:today"))
    assert not signed_in(elsewhere, reverse("diaries:today"))


def thresholds(world):
    return reverse("dashboards:risk_settings", args=[world.patient.pk])


def test_changing_thresholds_asks_for_the_password_first_and_saves_nothing_yet(world, client):
    client.force_login(world.alice)
    response = client.post(thresholds(world), {"very_low_mood__threshold": "4"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not RiskSettings.objects.exists()


def test_after_reauthenticating_the_threshold_change_goes_through_as_typed(world, client):
    client.force_login(world.alice)
    asked = client.post(thresholds(world), {"very_low_mood__threshold": "4", "reason": "Rates low"})
    # The browser follows the redirect to the password page and posts it back
    # with its ?next=; allauth then replays the kept POST.
    response = client.post(asked["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboards:patient", args=[world.patient.pk])
    assert RiskSettings.objects.get(patient=world.patient).overrides == {
        "very_low_mood": {"threshold": 4}
    }


def test_a_wrong_password_on_reauthentication_changes_nothing(world, client):
    client.force_login(world.alice)
    asked = client.post(thresholds(world), {"very_low_mood__threshold": "4"})
    response = client.post(asked["Location"], {"password": "not it at all"})
    assert response.status_code == 200
    assert not RiskSettings.objects.exists()


def test_reading_the_thresholds_page_needs_no_reauthentication(world, client):
    client.force_login(world.alice)
    assert client.get(thresholds(world)).status_code == 200


@pytest.mark.parametrize("person", ["bob", "charlie"])
def test_an_outsider_still_gets_404_after_reauthenticating(person, world, client):
    client.force_login(getattr(world, person))
    reauthenticate(client)
    assert client.post(thresholds(world), {"very_low_mood__threshold": "4"}).status_code == 404


def test_every_sensitive_url_name_exists_so_none_is_silently_unguarded(settings):
    from tests.test_access_matrix import ALL_PATTERNS

    names = {name for _key, _route, name in ALL_PATTERNS if name}
    assert set(settings.SENSITIVE_URL_NAMES) - names == set()


def test_changing_the_alert_policy_in_django_admin_asks_for_the_password(world, client):
    from apps.accounts.models import User
    from tests.conftest import totp_add

    operator = User.objects.create_superuser(email="ops@trellis.test", password=PASSWORD)
    totp_add(operator)
    client.force_login(operator)
    add = reverse("admin:alerts_alertpolicy_add")
    assert client.get(add).status_code == 200
    response = client.post(add, {"clinic": world.clinic.pk})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
