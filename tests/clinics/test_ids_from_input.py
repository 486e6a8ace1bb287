"""One way to read an id from a query parameter or form value
(apps/clinics/lookups.py id_from): anything that is not plain ASCII digits is
not an id, and a page given one answers without a 500."""

import pytest
from django.urls import reverse

from apps.clinics.lookups import id_from


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("42", 42),
        (" 7 ", 7),
        ("0", 0),
        ("²", None),
        ("１２", None),  # fullwidth digits
        ("٣", None),  # Arabic-Indic three
        ("-1", None),
        ("+1", None),
        ("1e3", None),
        ("", None),
        (None, None),
        (12, None),
        ("9" * 19, None),
        ("12\x00", None),
    ],
)
def test_only_plain_digits_are_an_id(value, expected):
    assert id_from(value) == expected


@pytest.mark.parametrize("value", ["²", "１２", "9" * 40, "\x00", "1; DROP TABLE"])
def test_the_plan_form_answers_a_strange_template_id_without_a_500(world, client, value):
    client.force_login(world.alice)
    url = reverse("protocols:assign", args=[world.patient.pk])
    assert client.get(url, {"template": value}).status_code in (200, 404)
