"""No page shows the allocation before the end, except the preparer's sheet.

Checked the strict way: every page is rendered, the sealed allocation is
flipped (each active week made placebo and back), and every page is rendered
again. A page that depends on the allocation in any way (a word, a colour, an
order, a count) comes out different; the preparer's sheet must, which shows
the check can fail."""

import json
import re

import pytest
from django.contrib import admin
from django.urls import reverse

from apps.diaries.services import checkin_submit
from apps.trials.models import Trial, TrialDay

TOKENS = re.compile(r'(name="csrfmiddlewaretoken" value=|nonce=|csrf-token" content=)"[^"]*"')
# The alert page counts its own views ("who else looked"): not the allocation.
LOOKS = re.compile(r" \(\d+ times\)")
# Fresh per render (the check-in's submission key, the offline session tag):
# UUIDs and long hexadecimal values; and clock times ("last looked 09:23"),
# which move on between renders. An arm or a code is none of these.
FRESH = re.compile(
    r"\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b|\b[0-9a-f]{20,}\b|\b\d{1,2}:\d{2}\b"
)


def normal(body: bytes) -> str:
    return FRESH.sub("", LOOKS.sub("", TOKENS.sub("", body.decode())))


def flip(trial):
    arms = {"active": "placebo", "placebo": "active"}
    allocation = [arms[arm] for arm in trial.allocation_for_sheet()]
    Trial.objects.filter(pk=trial.pk).update(sealed_allocation=json.dumps(allocation))


def render_all(client, world, alert):
    pages = {}
    patient = world.patient.pk
    clinician_pages = [
        reverse("trials:status", args=[patient]),
        reverse("trials:set_up", args=[patient]),
        reverse("trials:result", args=[patient]),
        reverse("trials:result_pdf", args=[patient]),
        reverse("dashboards:patient", args=[patient]),
        reverse("protocols:plan", args=[patient]),
        alert.detail_url,
    ]
    for who in ("alice", "admin"):
        client.force_login(getattr(world, who))
        for url in clinician_pages:
            response = client.get(url, follow=True)
            pages[(who, url)] = response.content
    client.force_login(world.patient)
    for url in [reverse("diaries:today"), reverse("protocols:today"), reverse("trials:my_result")]:
        pages[("patient", url)] = client.get(url).content
    pages[("patient", "htmx log")] = client.post(
        reverse("trials:log"), {"guess": "unsure"}, headers={"HX-Request": "true"}
    ).content
    return {key: normal(body) for key, body in pages.items()}


@pytest.fixture
def alert(world, running):
    return checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    ).alerts[0]


def test_no_page_but_the_sheet_changes_when_the_allocation_is_flipped(
    world, running, alert, client
):
    # A logged day of every kind, so the pages have something to count.
    TrialDay.objects.create(
        trial=running, local_date=running.start_date, code=running.codes[0], guess="active"
    )
    render_all(client, world, alert)  # first views settle (messages, trail)
    before = render_all(client, world, alert)
    client.force_login(world.alice)
    sheet_before = client.get(reverse("trials:sheet", args=[world.patient.pk])).content
    flip(running)
    after = render_all(client, world, alert)
    changed = [key for key in before if before[key] != after[key]]
    assert not changed, f"these pages depend on the sealed allocation: {changed}"
    sheet_after = client.get(reverse("trials:sheet", args=[world.patient.pk])).content
    assert normal(sheet_before) != normal(sheet_after)


def test_no_page_names_an_arm_beside_a_code(world, running, alert, client):
    for key, body in render_all(client, world, alert).items():
        for code in running.codes:
            for match in re.finditer(code, body):
                near = body[match.start() : match.end() + 80].lower()
                assert "active:" not in near and "placebo:" not in near, key


def test_the_django_admin_has_no_trial_pages(world):
    assert Trial not in admin.site._registry and TrialDay not in admin.site._registry
    text = str(Trial(pk=1, weeks=4, sealed_allocation='["active"]'))
    assert "active" not in text and "placebo" not in text
