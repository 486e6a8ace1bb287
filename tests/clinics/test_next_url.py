"""A `next` field is a path on this site or nothing (issue 21, class 5): a
crafted one ("²", "a:b") made redirect() look it up as a URL name, a 500."""

import pytest
from django.test import RequestFactory

from apps.clinics.next_url import next_path


@pytest.mark.parametrize(
    "value",
    ["", "²", "a:b", "9999-12-31T23:59", "diary", "//evil.example/", "https://evil.example/"],
)
def test_anything_but_a_path_on_this_site_is_no_next_page(value):
    assert next_path(RequestFactory().post("/"), value) == ""


def test_a_path_on_this_site_is_the_next_page():
    assert next_path(RequestFactory().post("/"), "/diary/?day=2026-12-04") == (
        "/diary/?day=2026-12-04"
    )


def test_a_dose_logged_with_a_crafted_next_page_answers_without_an_error(world, client):
    client.force_login(world.patient)
    response = client.post(
        "/diary/plan/log/", {"component": "1", "action": "as_planned", "next": "²"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/diary/plan/"
