"""The patient's side-effect checklist lists only what a patient can notice;
the effects a clinician finds (fixtures/components.yaml, patient_noticeable:
false) stay in the data for the clinician's pages."""

import pytest
from django.urls import reverse

from apps.demo.management.commands.seed_demo import MILD_EFFECTS
from apps.diaries.catalog import (
    catalogue_noticeable_effects,
    known_side_effects,
    patient_side_effects,
    side_effect_label,
    side_effects_from,
)
from apps.diaries.forms import CheckInForm
from apps.diaries.models import CheckIn, SideEffect
from apps.protocols.catalog import catalog_ensure, component_fixture
from apps.safety.rules import components

from .helpers import post_checkin, today

CLINICIAN_ONLY = {
    "psilocybin:4": "heart-valve damage",
    "omega-3:2": "INR",
    "b-complex:2": "mask a vitamin B12 deficiency",
    "magnesium:2": "hypermagnesemia",
}


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def test_the_fixture_marks_the_effects_only_a_clinician_can_find_each_with_a_reason():
    hidden = {e["key"]: e for e in known_side_effects() if not e["patient_noticeable"]}
    assert set(hidden) == set(CLINICIAN_ONLY)
    for key, words in CLINICIAN_ONLY.items():
        assert words in hidden[key]["label"]
        assert len(hidden[key]["not_noticeable_reason"]) > 20


def test_the_checklist_omits_them_and_asks_in_plain_words(world, patient_client):
    # Issue 19: the checklist is fixtures/patient_side_effects.yaml's plain
    # words; the catalogue's wording (clinician-only or not) is never shown.
    page = patient_client.get(reverse("diaries:today")).text
    for effect in known_side_effects():
        assert effect["label"] not in page
    fields = [name for name in CheckInForm(today=today(world)).fields if name.startswith("effect_")]
    assert len(fields) == len(patient_side_effects())


def test_every_component_with_a_noticeable_effect_has_plain_words_for_it():
    covered = {slug for effect in patient_side_effects() for slug in effect["components"]}
    noticeable = {e["key"].split(":")[0] for e in catalogue_noticeable_effects()}
    assert noticeable <= covered
    assert "lions-mane" in covered  # the catalogue names none for it; a patient may notice some
    assert side_effect_label("plain:seizure") == "A seizure (fit) or fainting"


def test_a_patient_cannot_post_a_clinician_only_effect(world, patient_client):
    # One field past the checklist's last row: not a field at all, so ignored.
    extra = f"effect_{len(patient_side_effects())}"
    post_checkin(patient_client, **{extra: "severe"})
    checkin = CheckIn.objects.get(patient=world.patient)
    assert not checkin.side_effects.exists()


def test_the_clinician_still_sees_the_label_of_every_effect(world):
    # Keys stay "<component>:<position in the fixture>", so old entries keep their labels.
    for key, words in CLINICIAN_ONLY.items():
        assert words in side_effect_label(key)
    assert [e["key"] for e in known_side_effects()][:4] == [
        "psilocybin:1",
        "psilocybin:2",
        "psilocybin:3",
        "psilocybin:4",
    ]


def test_an_effect_saved_before_it_left_the_checklist_is_kept_when_the_entry_is_edited(
    world, patient_client
):
    checkin = CheckIn.objects.create(
        patient=world.patient, clinic=world.clinic, local_date=today(world), mood=6
    )
    SideEffect.objects.create(
        checkin=checkin,
        key="magnesium:2",
        description=side_effect_label("magnesium:2"),
        severity="moderate",
    )
    page = patient_client.get(reverse("diaries:today")).text
    assert side_effect_label("magnesium:2") in page  # in "Something else", where they can clear it
    initial = CheckInForm.initial_for(checkin, local_date=today(world))
    assert initial["other_effect"] == side_effect_label("magnesium:2")
    assert initial["other_severity"] == "moderate"


def test_the_loaders_still_read_the_fixture(db):
    catalog_ensure()  # protocols' catalog, as the data migration runs it
    assert [c["slug"] for c in component_fixture()] == [c["slug"] for c in components()]
    assert side_effects_from(components()) == known_side_effects()
    # The demo's patients only tick effects a patient can notice.
    noticeable = {e["key"] for e in patient_side_effects()}
    assert set(MILD_EFFECTS) <= noticeable


@pytest.mark.parametrize(
    "effect, message",
    [
        ({"value": "x", "patient_noticeable": "no"}, "must be true or false"),
        ({"value": "x", "patient_noticeable": False}, "not_noticeable_reason"),
        ({"value": "x", "patient_noticeable": False, "not_noticeable_reason": "  "}, "why"),
    ],
)
def test_a_wrong_marker_stops_the_loader_naming_the_entry(effect, message):
    data = [{"slug": "demo", "name": "Demo", "side_effects": [{"value": "fine"}, effect]}]
    with pytest.raises(ValueError, match=message) as error:
        side_effects_from(data)
    assert "demo:2" in str(error.value)


def test_an_unmarked_effect_is_for_the_patient():
    [effect] = side_effects_from([{"slug": "d", "name": "D", "side_effects": [{"value": "x"}]}])
    assert effect["patient_noticeable"] is True
