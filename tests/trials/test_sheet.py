"""The preparer's sheet: the only place the allocation shows before the end,
for the care team, every look on the trail."""

import io
from html import unescape

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.audit.models import AccessEvent


def test_the_sheet_says_which_code_goes_in_which_envelope_with_what(world, running, client):
    client.force_login(world.alice)
    response = client.get(reverse("trials:sheet", args=[world.patient.pk]))
    page = unescape(response.content.decode())
    assert response["Cache-Control"] == "no-store"
    assert "Keep this sheet away from the patient and from their clinician" in page
    assert running.preparer_name in page
    for code, arm in zip(running.codes, running.allocation_for_sheet(), strict=True):
        row = page[page.index(f">{code}<") :].split("</tr>")[0]
        assert ("ACTIVE" in row) == (arm == "active")
        assert ("identical-looking empty capsules" in row) == (arm == "placebo")
    assert "Psilocybin" in page or "psilocybin" in page.lower()


def test_opening_and_printing_the_sheet_are_recorded(world, running, client):
    client.force_login(world.alice)
    client.get(reverse("trials:sheet", args=[world.patient.pk]))
    client.get(reverse("trials:sheet_pdf", args=[world.patient.pk]))
    actions = list(
        AccessEvent.objects.filter(patient=world.patient).values_list("action", flat=True)
    )
    assert "view_trial_sheet" in actions and "download_trial_sheet" in actions


def test_the_sheet_pdf_holds_every_week_code_and_contents(world, running, client):
    client.force_login(world.alice)
    response = client.get(reverse("trials:sheet_pdf", args=[world.patient.pk]))
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    for code in running.codes:
        assert f"envelope {code}" in text
    assert text.count("PLACEBO") == 2 and text.count("ACTIVE") == 2
    assert "Keep this sheet away from the patient" in text


@pytest.mark.parametrize("who", ["admin", "bob", "patient"])
def test_nobody_but_the_care_team_sees_the_sheet(world, running, client, who):
    client.force_login(getattr(world, who))
    for name in ("trials:sheet", "trials:sheet_pdf"):
        assert client.get(reverse(name, args=[world.patient.pk])).status_code == 404


def test_the_status_page_counts_what_was_logged_and_says_when_the_result_opens(
    world, running, client
):
    from datetime import timedelta

    from apps.trials.services import trial_day_log

    trial_day_log(trial=running, local_date=running.start_date, code=running.codes[0])
    trial_day_log(trial=running, local_date=running.start_date, guess="placebo")
    trial_day_log(trial=running, local_date=running.start_date + timedelta(days=1), guess="active")
    client.force_login(world.alice)
    page = unescape(client.get(reverse("trials:status", args=[world.patient.pk])).content.decode())
    assert "1 day with an envelope code, 2 guesses" in page
    opens = running.end_date + timedelta(days=1)
    assert f"The result opens on {opens.day} {opens:%B %Y}" in page
