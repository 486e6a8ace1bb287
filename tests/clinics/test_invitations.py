from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import User
from apps.clinics.models import CareTeam, Invitation, Membership, Role
from apps.clinics.services import invitation_create

GOOD = {
    "full_name": "Nia New",
    "password1": "a-long-patient-passphrase",
    "password2": "a-long-patient-passphrase",
}


@pytest.fixture
def invite(world):
    def make(**overrides):
        kwargs = dict(
            clinic=world.clinic,
            email="nia@maple.test",
            role=Role.PATIENT,
            invited_by=world.admin,
            primary_clinician=world.alice,
            send=False,
        )
        return invitation_create(**kwargs | overrides)

    return make


def accept_url(token):
    return reverse("clinics:invitation_accept", args=[token])


def test_the_admin_sends_an_invitation_by_email_with_a_working_link(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("clinics:members"),
            {
                "email": "Nia@Maple.test",
                "full_name": "Nia",
                "role": Role.PATIENT,
                "primary_clinician": str(world.alice.pk),
            },
        )
    assert response.status_code == 302
    [message] = mailoutbox
    assert message.to == ["nia@maple.test"]
    link = next(line for line in message.body.splitlines() if "/invite/" in line)
    path = link[link.index("/invite/") :]
    client.logout()
    assert client.get(path).status_code == 200


def test_a_patient_invitation_needs_a_primary_clinician(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:members"), {"email": "x@maple.test", "role": Role.PATIENT}
    )
    assert response.status_code == 200
    assert "Choose who will look after this patient." in response.text
    assert not Invitation.objects.exists()


def test_accepting_creates_the_account_membership_and_care_link_and_logs_in(world, client, invite):
    _invitation, token = invite()
    response = client.post(accept_url(token), GOOD)
    assert response.status_code == 302
    user = User.objects.get(email="nia@maple.test")
    assert user.full_name == "Nia New"
    assert Membership.objects.filter(user=user, clinic=world.clinic, role=Role.PATIENT).exists()
    assert CareTeam.objects.get(patient=user).clinician == world.alice
    assert client.get(reverse("diaries:today")).status_code == 200


def test_a_reused_link_is_refused_with_a_clear_message(world, client, invite):
    _invitation, token = invite()
    client.post(accept_url(token), GOOD)
    client.logout()
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "already been used" in response.text
    response = client.post(accept_url(token), GOOD | {"full_name": "Mallory"})
    assert response.status_code == 410
    assert User.objects.filter(email="nia@maple.test").count() == 1


def test_an_expired_link_is_refused_with_a_clear_message(world, client, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "expired" in response.text
    assert client.post(accept_url(token), GOOD).status_code == 410
    assert not User.objects.filter(email="nia@maple.test").exists()


def test_a_tampered_link_is_refused_with_a_clear_message(world, client, invite):
    _invitation, token = invite()
    tampered = token[:-1] + ("A" if token[-1] != "A" else "B")
    response = client.get(accept_url(tampered))
    assert response.status_code == 404
    assert "not valid" in response.text
    assert client.post(accept_url(tampered), GOOD).status_code == 404
    assert not User.objects.filter(email="nia@maple.test").exists()


def test_a_revoked_link_is_refused(world, client, invite):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(revoked_at=timezone.now())
    response = client.get(accept_url(token))
    assert response.status_code == 410
    assert "withdrawn" in response.text


def test_only_a_hash_of_the_token_is_stored(world, invite):
    invitation, token = invite()
    assert token not in invitation.token_hash
    assert not Invitation.objects.filter(token_hash=token).exists()


def test_a_weak_or_mismatched_password_gets_a_helpful_error_and_saves_nothing(
    world, client, invite
):
    _invitation, token = invite()
    response = client.post(accept_url(token), GOOD | {"password2": "something else entirely"})
    assert "The two passwords are not the same." in response.text
    response = client.post(accept_url(token), GOOD | {"password1": "12345", "password2": "12345"})
    assert response.status_code == 200
    assert "too short" in response.text
    assert not User.objects.filter(email="nia@maple.test").exists()


def test_an_invitation_for_an_existing_email_does_not_take_over_the_account(world, client, invite):
    _invitation, token = invite(email=world.bob.email)
    response = client.post(accept_url(token), GOOD)
    assert response.status_code == 409
    world.bob.refresh_from_db()
    assert world.bob.full_name == "Bob Colleague"


def test_open_signup_is_closed(db, client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "walk-in@example.test",
            "password1": "a-long-passphrase-1",
            "password2": "a-long-passphrase-1",
        },
    )
    assert not User.objects.filter(email="walk-in@example.test").exists()
    assert response.status_code in (200, 403)


def test_an_invitation_chosen_in_spanish_is_mailed_and_accepted_in_spanish(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("clinics:members"),
            {
                "email": "lucia@maple.test",
                "full_name": "Lucía",
                "role": Role.PATIENT,
                "primary_clinician": str(world.alice.pk),
                "language": "es",
            },
        )
    [message] = mailoutbox
    assert message.subject == f"Te invitan a unirte a {world.clinic.name} en Trellis"
    assert "Hola Lucía" in message.body
    assert "te ha invitado a Trellis como paciente" in message.body
    assert "If you did not expect" not in message.body
    html, _type = message.alternatives[0]
    assert '<html lang="es">' in html
    link = next(line for line in message.body.splitlines() if "/invite/" in line)
    path = link[link.index("/invite/") :]
    client.logout()
    # An English browser still gets the invitation's language.
    page = client.get(path, HTTP_ACCEPT_LANGUAGE="en").text
    assert "Únete a" in page
    assert "Elige una contraseña" in page
    refused = client.post(path, GOOD | {"password2": "something-else-entirely"}).text
    assert "Las dos contraseñas no son iguales." in refused
    assert client.post(path, GOOD).status_code == 302
    membership = Membership.objects.get(user__email="lucia@maple.test")
    assert membership.language == "es"


def test_an_invitation_with_no_language_speaks_the_clinics(
    world, mailoutbox, invite, django_capture_on_commit_callbacks
):
    world.clinic.locale = "MX"
    world.clinic.save(update_fields=["locale"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(send=True, email="beto@maple.test", full_name="")
    [message] = mailoutbox
    assert message.body.startswith("Hola:")
    world.clinic.locale = "US"
    world.clinic.save(update_fields=["locale"])
    with django_capture_on_commit_callbacks(execute=True):
        invite(send=True, email="ann@maple.test", full_name="", role=Role.CLINICIAN)
    assert mailoutbox[1].body.startswith("Hello,")
    assert "as a clinician." in mailoutbox[1].body


def test_a_staff_invitation_leaves_no_language_on_the_membership(world, client, invite):
    _invitation, token = invite(role=Role.CLINICIAN, primary_clinician=None, language="es")
    assert client.post(accept_url(token), GOOD).status_code == 302
    assert Membership.objects.get(user__email="nia@maple.test").language == ""


def test_an_unknown_invitation_language_is_refused(world, invite):
    with pytest.raises(ValueError):
        invite(language="fr")
    assert not Invitation.objects.exists()
