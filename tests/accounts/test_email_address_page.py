"""/accounts/email/ shows the person's own address and changes nothing
(issue 21, class 9: allauth's page let a patient add anyone's address, and
Trellis then emailed that person naming the patient)."""

from django.core import mail
from django.urls import reverse

from apps.accounts.models import User


def test_the_page_shows_the_address_and_how_to_change_it(world, client):
    client.force_login(world.patient)
    response = client.get(reverse("account_email"))
    assert response.status_code == 200
    page = response.content.decode()
    assert world.patient.email in page and "ask your clinic" in page
    assert "<form" not in page.split("<main", 1)[-1]


def test_adding_an_address_is_not_possible(world, client):
    client.force_login(world.patient)
    response = client.post(reverse("account_email"), {"action_add": "", "email": world.alice.email})
    assert response.status_code == 405
    assert not mail.outbox
    assert User.objects.get(pk=world.patient.pk).email == world.patient.email
    from allauth.account.models import EmailAddress

    assert not EmailAddress.objects.filter(user=world.patient, email=world.alice.email).exists()
