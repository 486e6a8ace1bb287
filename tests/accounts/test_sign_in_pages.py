"""The sign-in pages (issue 19) look like the rest of Trellis: Bootstrap
buttons and labelled fields, not allauth's grey defaults; no sign-up wording
in an invite-only app; the recovery codes lead on; in Spanish for a Spanish
browser."""

import re
from html import unescape

import pytest
from django.urls import reverse

SIGN_UP_WORDS = re.compile(r"sign[\s-]?up|create an account|crear una cuenta|regístrate", re.I)


def main_text(page: str) -> str:
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return unescape(re.sub(r"<[^>]+>", " ", main))


def assert_styled(page: str):
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    buttons = re.findall(r"<button\b[^>]*>", main)
    assert buttons or 'class="btn btn-' in main, "no button on the page"
    for button in buttons:
        assert re.search(r'class="btn btn-', button), button
    for field in re.findall(r"<input\b[^>]*>", main):
        if 'type="hidden"' in field:
            continue
        assert re.search(r'class="[^"]*form-(control|check-input)', field), field
    assert not SIGN_UP_WORDS.search(main_text(page)), main_text(page)


@pytest.mark.parametrize("name", ["account_login", "account_reset_password", "account_signup"])
def test_the_pages_before_logging_in_are_styled_and_never_offer_sign_up(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert_styled(response.text)


def test_the_login_page_says_accounts_come_by_invitation(client):
    page = main_text(client.get(reverse("account_login")).text)
    assert "come by invitation from your clinic" in page
    assert "Forgot your password?" in page


def test_a_wrong_password_is_said_in_a_styled_page(world, client):
    response = client.post(
        reverse("account_login"), {"login": world.patient.email, "password": "wrong"}
    )
    assert response.status_code == 200
    assert "alert" in response.text.split('<main id="main"', 1)[1]
    assert_styled(response.text)


def test_the_signup_address_explains_invitations_instead_of_sign_up_closed(client):
    page = client.get(reverse("account_signup")).text
    assert "Accounts come by invitation" in page
    assert "Sign Up Closed" not in page


def test_the_two_factor_step_is_styled(world, client):
    response = client.post(
        reverse("account_login"),
        {"login": world.alice.email, "password": "correct horse battery"},
    )
    assert response["Location"] == reverse("mfa_authenticate")
    page = client.get(reverse("mfa_authenticate")).text
    assert_styled(page)
    assert 'autocomplete="one-time-code"' in page


def test_the_recovery_codes_page_has_a_way_on(world, client):
    client.force_login(world.alice)
    session = client.session
    session.save()
    page = client.get(reverse("mfa_view_recovery_codes"))
    if page.status_code == 302:  # the password again, first
        client.post(reverse("account_reauthenticate"), {"password": "correct horse battery"})
        page = client.get(reverse("mfa_view_recovery_codes"))
    text = page.text
    assert 'class="btn btn-primary btn-lg" href="/"' in text and ">Continue<" in text
    assert "recovery codes are unused" in main_text(text)


def test_the_password_reset_steps_are_styled(world, client):
    response = client.post(reverse("account_reset_password"), {"email": world.patient.email})
    assert response.status_code == 302
    done = client.get(response["Location"]).text
    assert not SIGN_UP_WORDS.search(main_text(done))


def test_a_spanish_browser_gets_the_login_page_in_spanish(client):
    page = client.get(reverse("account_login"), headers={"accept-language": "es-MX"}).text
    assert '<html lang="es">' in page
    text = main_text(page)
    assert "Iniciar sesión en Trellis" in text and "por invitación" in text
    assert "¿Ha olvidado su contraseña?" in text  # allauth's own Spanish


def test_a_patient_who_chose_spanish_gets_logged_out_pages_in_their_browser_language(client):
    # Signed out there is no choice to read: the browser decides.
    page = client.get(reverse("account_reset_password"), headers={"accept-language": "es"}).text
    assert '<html lang="es">' in page
