"""access.py's one SQL statement, rule by rule, with the three clinicians:
alice (Pat's primary clinician), bob (Quinn's, Alice's colleague) and charlie
(another clinic). The views' walks in test_access_matrix.py cover the same
rules through every URL; these name each rule's edges."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from apps.accounts.models import User
from apps.clinics import access
from apps.clinics.models import BreakGlass, CareTeam, Membership, OnCallShift, Role

pytestmark = pytest.mark.django_db


def visible(user) -> set[str]:
    return {p.full_name for p in access.patients_visible_to(user)}


def ids_for(user) -> list[int]:
    return access.visible_patient_ids(SimpleNamespace(user=user))


def shift(world, *, clinician, covers, clinic=None, hours_from=-1, hours_to=1):
    now = timezone.now()
    return OnCallShift.objects.create(
        clinic=clinic or world.clinic,
        clinician=clinician,
        covers=covers,
        starts_at=now + timedelta(hours=hours_from),
        ends_at=now + timedelta(hours=hours_to),
    )


def test_a_clinician_sees_the_patients_of_their_care_team_only(world):
    assert visible(world.alice) == {"Pat Patient"}
    assert visible(world.bob) == {"Quinn Other"}
    assert visible(world.charlie) == set()


def test_a_patient_sees_only_themselves(world):
    assert visible(world.patient) == {"Pat Patient"}
    assert ids_for(world.patient) == []  # never themselves in the staff list


def test_the_admin_sees_every_active_patient_of_their_clinic(world):
    assert visible(world.admin) == {"Pat Patient", "Quinn Other"}


def test_a_care_team_link_gives_nothing_once_the_clinicians_membership_is_inactive(world):
    Membership.objects.filter(user=world.alice, role=Role.CLINICIAN).update(is_active=False)
    assert visible(world.alice) == set()


def test_a_deactivated_patient_drops_out_of_every_list(world):
    Membership.objects.filter(user=world.patient).update(is_active=False)
    assert visible(world.alice) == set()
    assert visible(world.admin) == {"Quinn Other"}


def test_bob_on_call_for_alice_sees_her_primary_patients_for_the_shift_only(world):
    shift(world, clinician=world.bob, covers=world.alice)
    assert visible(world.bob) == {"Pat Patient", "Quinn Other"}
    OnCallShift.objects.update(ends_at=timezone.now() - timedelta(minutes=1))
    assert visible(world.bob) == {"Quinn Other"}


def test_a_shift_that_has_not_started_gives_nothing(world):
    shift(world, clinician=world.bob, covers=world.alice, hours_from=1, hours_to=2)
    assert visible(world.bob) == {"Quinn Other"}


def test_cover_for_a_colleague_reaches_only_the_patients_they_are_primary_for(world):
    CareTeam.objects.filter(patient=world.patient).update(is_primary=False)
    shift(world, clinician=world.bob, covers=world.alice)
    assert visible(world.bob) == {"Quinn Other"}


def test_a_shift_covering_everyone_shows_every_patient_of_that_clinic(world):
    shift(world, clinician=world.bob, covers=None)
    assert visible(world.bob) == {"Pat Patient", "Quinn Other"}


def test_a_shift_in_a_clinic_where_the_clinician_is_not_a_member_gives_nothing(world):
    shift(world, clinician=world.charlie, covers=None)
    assert visible(world.charlie) == set()


def test_break_glass_lasts_until_it_expires(world):
    grant = BreakGlass.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        patient=world.patient,
        reason="Patient phoned in crisis",
        expires_at=timezone.now() + timedelta(minutes=5),
    )
    assert "Pat Patient" in visible(world.bob)
    BreakGlass.objects.filter(pk=grant.pk).update(expires_at=timezone.now())
    assert "Pat Patient" not in visible(world.bob)


def test_an_inactive_viewer_sees_nothing(world):
    User.objects.filter(pk=world.admin.pk).update(is_active=False)
    world.admin.refresh_from_db()
    assert visible(world.admin) == set()
    assert ids_for(world.admin) == []


@pytest.mark.parametrize("who", ["alice", "bob", "charlie", "admin", "patient"])
def test_the_id_list_and_the_queryset_agree(world, who):
    person = getattr(world, who)
    shift(world, clinician=world.bob, covers=world.alice)
    expected = set(
        access.patients_visible_to(person).exclude(pk=person.pk).values_list("pk", flat=True)
    )
    assert set(ids_for(person)) == expected


def test_in_ids_filters_by_a_list_of_ids_sent_as_one_parameter(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    wanted = [world.patient.pk, world.alice.pk]
    with CaptureQueriesContext(connection) as queries:
        found = set(User.objects.filter(pk__in_ids=wanted).values_list("pk", flat=True))
    assert found == set(wanted)
    sql = queries.captured_queries[0]["sql"]
    assert "ANY(" in sql or "json_each" in sql
    assert not User.objects.filter(pk__in_ids=[]).exists()
    assert CareTeam.objects.filter(patient_id__in_ids=[world.patient.pk]).count() == 1


def test_in_ids_refuses_anything_but_ids(world):
    with pytest.raises((TypeError, ValueError)):
        list(User.objects.filter(pk__in_ids=["1; DROP TABLE"]))


@pytest.mark.parametrize("viewer", ["alice", "bob", "charlie", "admin", "patient"])
def test_the_per_request_lookup_finds_exactly_whom_patient_for_finds(world, viewer):
    from django.http import Http404

    user = getattr(world, viewer)
    request = SimpleNamespace(user=user)
    for patient in (world.patient, world.other_patient):
        try:
            expected = access.patient_for(user, patient.pk)
        except Http404:
            expected = None
        if expected == user:
            expected = None  # the per-request set never holds the viewer
        try:
            found = access.patient_for_request(request, patient.pk)
        except Http404:
            found = None
        assert found == expected
