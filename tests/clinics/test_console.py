"""The clinic console: members, invitations, settings, rota, care teams,
handover and the alert policy, each kept inside the admin's own clinic."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.alerts.models import Alert, AlertPolicy, AlertState
from apps.audit.models import ChangeRecord
from apps.clinics.models import CareTeam, Invitation, Membership, OnCallShift, Role
from apps.clinics.services import invitation_create
from tests.conftest import make_member


def invite(world, clinic=None, email="nia@maple.test"):
    invitation, _ = invitation_create(
        clinic=clinic or world.clinic,
        email=email,
        role=Role.CLINICIAN,
        invited_by=world.admin,
        send=False,
    )
    return invitation


def test_resending_an_invitation_retires_the_old_link_and_mails_a_new_one(
    world, client, mailoutbox, django_capture_on_commit_callbacks
):
    old = invite(world)
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("clinics:invitation_resend", args=[old.pk]))
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.revoked_at is not None
    fresh = Invitation.objects.get(revoked_at=None)
    assert fresh.email == old.email and fresh.expires_at > old.expires_at - timedelta(seconds=5)
    assert [m.to for m in mailoutbox] == [["nia@maple.test"]]


def test_a_revoked_invitation_link_stops_working(world, client):
    invitation, token = invitation_create(
        clinic=world.clinic,
        email="nia@maple.test",
        role=Role.CLINICIAN,
        invited_by=world.admin,
        send=False,
    )
    client.force_login(world.admin)
    client.post(reverse("clinics:invitation_revoke", args=[invitation.pk]))
    client.logout()
    assert client.get(reverse("clinics:invitation_accept", args=[token])).status_code == 410


def test_inviting_someone_already_here_is_refused_with_a_reason(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:members"), {"email": "BOB@maple.test", "role": Role.CLINICIAN}
    )
    assert response.status_code == 200
    assert "already a member of this clinic" in response.content.decode()
    assert not Invitation.objects.exists()


def test_deactivating_ends_the_persons_sessions_at_once_and_keeps_their_data(
    world, client, crisis_alert
):
    bobs_browser = Client()
    bobs_browser.force_login(world.bob)
    alices_browser = Client()
    alices_browser.force_login(world.alice)
    assert alices_browser.get(reverse("dashboards:caseload")).status_code == 200
    client.force_login(world.admin)
    membership = Membership.objects.get(user=world.alice)
    response = client.post(reverse("clinics:member_deactivate", args=[membership.pk]))
    assert response.status_code == 302
    assert alices_browser.get(reverse("dashboards:caseload")).status_code == 302  # to login
    assert bobs_browser.get(reverse("dashboards:caseload")).status_code == 200
    assert Session.objects.count() == 2  # Bob's and the admin's
    assert CareTeam.objects.filter(clinician=world.alice).exists()
    assert Alert.objects.filter(pk=crisis_alert.pk).exists()

    client.post(reverse("clinics:member_reactivate", args=[membership.pk]))
    assert Membership.objects.get(pk=membership.pk).is_active


def test_an_admin_cannot_deactivate_themselves(world, client):
    client.force_login(world.admin)
    membership = Membership.objects.get(user=world.admin)
    client.post(reverse("clinics:member_deactivate", args=[membership.pk]))
    assert Membership.objects.get(pk=membership.pk).is_active


def test_the_settings_are_validated_and_saved(world, client):
    client.force_login(world.admin)
    good = {
        "name": "Maple Clinic",
        "timezone": "America/Chicago",
        "locale": "US",
        "phone_number": "+1 555 0100",
        "crisis_resources": "Maple walk-in, 9-5",
        "retention": "delete",
        "retention_days": 400,
    }
    bad = good | {"timezone": "Mars/Olympus", "phone_number": "call me", "retention_days": 1}
    response = client.post(reverse("clinics:settings"), bad)
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"timezone", "phone_number", "retention_days"}
    world.clinic.refresh_from_db()
    assert world.clinic.timezone == "America/New_York"  # nothing half-saved

    assert client.post(reverse("clinics:settings"), good).status_code == 302
    world.clinic.refresh_from_db()
    assert (world.clinic.timezone, world.clinic.retention_days) == ("America/Chicago", 400)


def test_a_shift_is_read_in_the_clinics_time_zone_and_must_end_after_it_starts(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:on_call"),
        {
            "clinician": world.bob.pk,
            "covers": world.alice.pk,
            "starts_at": "2026-12-01T18:00",
            "ends_at": "2026-12-01T08:00",
        },
    )
    assert "A shift must end after it starts." in response.content.decode()
    assert not OnCallShift.objects.exists()
    client.post(
        reverse("clinics:on_call"),
        {
            "clinician": world.bob.pk,
            "covers": world.alice.pk,
            "starts_at": "2026-12-01T18:00",
            "ends_at": "2026-12-02T08:00",
        },
    )
    shift = OnCallShift.objects.get()
    assert shift.starts_at.isoformat() == "2026-12-01T23:00:00+00:00"  # 18:00 in New York


def test_a_clinician_of_another_clinic_cannot_be_put_on_the_rota(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("clinics:on_call"),
        {
            "clinician": world.charlie.pk,
            "starts_at": "2026-12-01T18:00",
            "ends_at": "2026-12-02T08:00",
        },
    )
    assert response.status_code == 200 and "clinician" in response.context["form"].errors
    assert not OnCallShift.objects.exists()


def test_a_handover_moves_the_patients_open_alerts_to_the_new_clinician(
    world, client, crisis_alert, django_capture_on_commit_callbacks
):
    client.force_login(world.admin)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            reverse("console:care_team", args=[world.patient.pk]),
            {
                "action": "handover",
                "handover-clinician": world.bob.pk,
                "handover-note": "Alice is on leave; crisis alert open since this morning.",
            },
        )
    assert response.status_code == 302
    crisis_alert.refresh_from_db()
    assert crisis_alert.recipient == world.bob
    assert crisis_alert.state == AlertState.PENDING  # delivered again, to Bob
    assert callbacks  # the delivery is enqueued after the commit
    primary = CareTeam.objects.get(patient=world.patient, is_primary=True)
    assert primary.clinician == world.bob
    assert CareTeam.objects.filter(patient=world.patient, clinician=world.alice).exists()
    record = ChangeRecord.objects.get(patient=world.patient, record="care_team")
    assert record.actor == world.admin and "on leave" in record.changes["note"]
    assert record.changes["alerts_moved"] == 1


def test_a_handover_needs_a_note_and_changes_nothing_without_one(world, client, crisis_alert):
    client.force_login(world.admin)
    response = client.post(
        reverse("console:care_team", args=[world.patient.pk]),
        {"action": "handover", "handover-clinician": world.bob.pk, "handover-note": "   "},
    )
    assert response.status_code == 400
    crisis_alert.refresh_from_db()
    assert crisis_alert.recipient == world.alice
    assert CareTeam.objects.get(patient=world.patient, is_primary=True).clinician == world.alice


def test_adding_and_removing_a_team_member_keeps_a_history(world, client):
    client.force_login(world.admin)
    client.post(
        reverse("console:care_team", args=[world.patient.pk]),
        {"action": "link", "link-clinician": world.bob.pk},
    )
    link = CareTeam.objects.get(patient=world.patient, clinician=world.bob)
    assert not link.is_primary
    client.post(reverse("console:care_link_remove", args=[link.pk]))
    assert not CareTeam.objects.filter(pk=link.pk).exists()
    assert list(
        ChangeRecord.objects.filter(patient=world.patient).values_list("summary", flat=True)
    ) == [f"Removed {world.bob} from the care team", f"Added {world.bob} to the care team"]


def test_the_primary_clinician_cannot_be_removed_without_a_handover(world, client):
    client.force_login(world.admin)
    link = CareTeam.objects.get(patient=world.patient, is_primary=True)
    client.post(reverse("console:care_link_remove", args=[link.pk]))
    assert CareTeam.objects.filter(pk=link.pk).exists()


def test_the_alert_policy_keeps_crisis_alerts_reaching_a_person(world, client):
    client.force_login(world.admin)
    data = {
        "critical_to_on_call_minutes": 15,
        "critical_to_admins_minutes": 45,
        "high_to_on_call_minutes": 120,
        "digest_hour": 8,
        "webhook_url": "",
        "webhook_secret": "",
        "channels_critical": ["webhook"],
        "channels_high": ["in_app", "email"],
        "channels_moderate": ["email"],
        "channels_low": ["in_app"],
    }
    response = client.post(reverse("console:alert_policy"), data)
    assert "channels_critical" in response.context["form"].errors
    assert not AlertPolicy.objects.exists()
    data["channels_critical"] = ["in_app", "email"]
    assert client.post(reverse("console:alert_policy"), data).status_code == 302
    policy = AlertPolicy.objects.get(clinic=world.clinic)
    assert policy.critical_to_on_call_minutes == 15
    assert policy.channels["moderate"] == ["email"]


def test_admins_deadline_must_come_after_the_on_call_one(world, client):
    client.force_login(world.admin)
    response = client.post(
        reverse("console:alert_policy"),
        {
            "critical_to_on_call_minutes": 30,
            "critical_to_admins_minutes": 10,
            "high_to_on_call_minutes": 60,
            "digest_hour": 8,
            "channels_critical": ["in_app"],
            "channels_high": ["in_app"],
        },
    )
    assert "critical_to_admins_minutes" in response.context["form"].errors


# --- nothing one clinic does is visible to another ----------------------------------------


@pytest.fixture
def birch(world):
    """The other clinic's admin and objects, to be asked for by id."""
    admin = make_member(world.other_clinic, "admin@birch.test", Role.ADMIN, "Bea Birch")
    patient = make_member(world.other_clinic, "pip@birch.test", Role.PATIENT, "Pip Birch")
    link = CareTeam.objects.create(
        clinic=world.other_clinic, patient=patient, clinician=world.charlie, is_primary=True
    )
    now = timezone.now()
    shift = OnCallShift.objects.create(
        clinic=world.other_clinic,
        clinician=world.charlie,
        starts_at=now,
        ends_at=now + timedelta(hours=8),
    )
    invitation = invite(world, clinic=world.other_clinic, email="new@birch.test")
    return {
        "admin": admin,
        "patient_id": patient.pk,
        "link_id": link.pk,
        "shift_id": shift.pk,
        "invitation_id": invitation.pk,
        "membership_id": Membership.objects.get(user=world.charlie).pk,
    }


OTHER_CLINIC_URLS = [
    ("clinics:invitation_resend", "invitation_id", "post"),
    ("clinics:invitation_revoke", "invitation_id", "post"),
    ("clinics:member_deactivate", "membership_id", "post"),
    ("clinics:member_reactivate", "membership_id", "post"),
    ("clinics:on_call_remove", "shift_id", "post"),
    ("console:care_team", "patient_id", "get"),
    ("console:care_team", "patient_id", "post"),
    ("console:care_link_remove", "link_id", "post"),
    ("dashboards:patient", "patient_id", "get"),
    ("dashboards:health_profile", "patient_id", "get"),
    ("dashboards:safety_plan", "patient_id", "get"),
    ("dashboards:risk_settings", "patient_id", "get"),
    ("dashboards:questionnaires", "patient_id", "get"),
    ("protocols:plan", "patient_id", "get"),
]


@pytest.mark.parametrize(("name", "param", "method"), OTHER_CLINIC_URLS)
def test_another_clinics_id_gives_404(world, client, birch, name, param, method):
    client.force_login(world.admin)
    path = reverse(name, kwargs={param: birch[param]})
    assert getattr(client, method)(path).status_code == 404
    # Nothing changed on the other side.
    assert Membership.objects.get(user=world.charlie).is_active
    assert OnCallShift.objects.filter(pk=birch["shift_id"]).exists()
    assert CareTeam.objects.filter(pk=birch["link_id"]).exists()
    assert Invitation.objects.get(pk=birch["invitation_id"]).revoked_at is None


def test_every_object_id_url_is_covered_by_the_other_clinic_test():
    """A new console URL with an id must join OTHER_CLINIC_URLS."""
    from tests.test_access_matrix import ALL_PATTERNS

    covered = {name for name, _param, _method in OTHER_CLINIC_URLS}
    mine = {
        name
        for _key, route, name in ALL_PATTERNS
        if name and name.split(":")[0] in {"clinics", "console", "audit"} and "_id>" in route
    }
    assert mine - covered == set()


def test_the_care_team_page_lists_only_this_clinics_patients(world, client, birch):
    client.force_login(world.admin)
    response = client.get(reverse("console:care_teams"))
    assert "Pip Birch" not in response.content.decode()
    assert "Pat Patient" in response.content.decode()


def test_the_clinics_own_crisis_resources_reach_its_patients_crisis_page(world, client):
    world.clinic.crisis_resources = "Maple walk-in crisis room, 9am-9pm\n<b>bold</b>"
    world.clinic.save()
    client.force_login(world.patient)
    page = client.get(reverse("diaries:crisis")).content.decode()
    assert "Maple walk-in crisis room, 9am-9pm<br>&lt;b&gt;bold&lt;/b&gt;" in page


def test_staff_join_a_second_clinic_only_through_an_admin_of_both(world, client):
    client.force_login(world.admin)
    url = reverse("clinics:member_add_existing")
    client.post(url, {"email": "charlie@birch.test", "role": "clinician"})
    assert not Membership.objects.filter(user=world.charlie, clinic=world.clinic).exists()

    Membership.objects.create(user=world.admin, clinic=world.other_clinic, role=Role.ADMIN)
    client.post(url, {"email": "charlie@birch.test", "role": "clinician"})
    assert Membership.objects.filter(user=world.charlie, clinic=world.clinic).exists()
    # A patient is never added this way.
    make_member(world.other_clinic, "pip@birch.test", Role.PATIENT, "Pip")
    client.post(url, {"email": "pip@birch.test", "role": "clinician"})
    assert not Membership.objects.filter(user__email="pip@birch.test", clinic=world.clinic).exists()


# --- the admin's forms choose nothing for them --------------------------------------------


def test_the_invite_form_chooses_no_role_and_asks_for_one(world, client):
    client.force_login(world.admin)
    page = client.get(reverse("clinics:members")).content.decode()
    assert '<option value="" selected>Choose a role</option>' in page
    response = client.post(reverse("clinics:members"), {"email": "new@maple.test"})
    assert "Choose the role this person will have." in response.content.decode()
    assert not Invitation.objects.filter(email="new@maple.test").exists()


def test_open_invitations_show_name_role_sender_sent_and_expiry(world, client):
    invitation, _ = invitation_create(
        clinic=world.clinic,
        email="nia@maple.test",
        full_name="Nia Okafor",
        role=Role.CLINICIAN,
        invited_by=world.admin,
        send=False,
    )
    client.force_login(world.admin)
    page = client.get(reverse("clinics:members")).content.decode()
    sent = timezone.localtime(invitation.created_at).strftime("%-d %b %Y")
    assert f"Nia Okafor, nia@maple.test: clinician; sent {sent} by {world.admin}" in page
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(days=1)
    )
    assert "<strong>expired</strong>" in client.get(reverse("clinics:members")).content.decode()


def test_the_care_team_offers_only_clinicians_not_on_it(world, client):
    client.force_login(world.admin)
    url = reverse("console:care_team", args=[world.patient.pk])
    form = client.get(url).context["link_form"]
    offered = {key for key, _label in form.fields["clinician"].choices if key}
    assert str(world.alice.pk) not in offered and str(world.bob.pk) in offered
    response = client.post(url, {"action": "link", "link-clinician": world.alice.pk})
    assert response.status_code == 400
    assert "already on the care team" in response.content.decode()
    assert CareTeam.objects.filter(patient=world.patient).count() == 1


# --- no account-existence oracle (issue 21, class 2) ---------------------------------------


def test_inviting_someone_with_an_account_at_another_clinic_answers_like_anyone_else(world, client):
    client.force_login(world.admin)
    data = {"role": Role.CLINICIAN}
    known = client.post(reverse("clinics:members"), data | {"email": world.charlie.email})
    unknown = client.post(reverse("clinics:members"), data | {"email": "nobody@elsewhere.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert Invitation.objects.filter(email=world.charlie.email).exists()
    page = client.get(reverse("clinics:members")).content.decode()
    assert "account" not in page.lower().replace("accounts/", "")


def test_the_bulk_invite_answers_a_known_address_like_anyone_else(world, client):
    from .test_csv_import import upload

    client.force_login(world.admin)
    content = (
        "email,full_name,role\n"
        f"{world.charlie.email},Charlie,clinician\n"
        "nobody@elsewhere.test,Nobody,clinician\n"
    ).encode()
    response = upload(client, content)
    assert response.status_code == 200
    assert response.context["refused"] == []
    assert (
        Invitation.objects.filter(email__in=[world.charlie.email, "nobody@elsewhere.test"]).count()
        == 2
    )
