"""The dose log's errors in the patient's language (issue 19)."""

from html import unescape

from django.urls import reverse

from tests.diaries.test_spanish_pages import spanish_patient
from tests.protocols.conftest import assign, component


def test_a_changed_dose_without_an_amount_is_refused_in_spanish(world, client):
    assign(world)
    client = spanish_patient(world, client)
    data = {"component": component("psilocybin").pk, "action": "changed"}
    response = client.post(reverse("protocols:log"), data, follow=True)
    page = unescape(response.text)
    assert "Escribe cuánto tomaste." in page
    assert "Write how much you took." not in page
