"""The plan pages: who may do what, and forms that explain instead of failing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from apps.clinics.models import CareTeam, Role
from apps.protocols.models import Component, DoseLog, Plan, PlanItem, ProtocolTemplate
from apps.protocols.schedule import Pattern
from apps.protocols.selectors import clinic_today
from apps.protocols.services import DoseRequest
from apps.safety.screening import health_profile_update
from tests.conftest import make_member

from .conftest import assign, component, reference

pytestmark = pytest.mark.django_db


def form_data(world, start=None, **amounts):
    """The assign/change form's fields for the given components (daily)."""
    data = {
        "template": reference().pk,
        "start_date": (start or clinic_today(world.clinic)).isoformat(),
        "initial_months": "2",
        "maintenance_months": "3",
        "break_every_days": "",
        "break_length_days": "",
    }
    for slug, amount in amounts.items():
        pk = component(slug.replace("_", "-")).pk
        data |= {f"c{pk}_include": "on", f"c{pk}_amount": amount, f"c{pk}_pattern": "daily"}
    return data


def url(name, world):
    return reverse(f"protocols:{name}", args=[world.patient.pk])


def post_as(client, person, path, data):
    client.force_login(person)
    return client.post(path, data)


# ------------------------------------------------------------------- access


def test_the_patients_own_clinician_can_assign_a_plan(world, client):
    response = post_as(
        client, world.alice, url("assign", world), form_data(world, psilocybin="0.1")
    )
    assert response.status_code == 302
    plan = Plan.objects.get(patient=world.patient)
    assert plan.created_by == world.alice and plan.initial_months == 2


@pytest.mark.parametrize("who", ["bob", "charlie", "other_patient", "patient", "admin"])
def test_anyone_else_gets_404_when_assigning(world, client, who):
    response = post_as(
        client, getattr(world, who), url("assign", world), form_data(world, psilocybin="0.1")
    )
    assert response.status_code == 404
    assert not Plan.objects.exists()


@pytest.mark.parametrize("who", ["bob", "charlie", "other_patient", "admin"])
def test_anyone_else_gets_404_when_changing_pausing_or_ending(world, client, who):
    plan = assign(world, started_days_ago=10)
    person = getattr(world, who)
    assert (
        post_as(
            client, person, url("change", world), form_data(world, psilocybin="0.2")
        ).status_code
        == 404
    )
    assert post_as(client, person, url("pause", world), {}).status_code == 404
    assert post_as(client, person, url("end", world), {}).status_code == 404
    plan.refresh_from_db()
    assert plan.status == "active" and PlanItem.objects.filter(plan=plan).count() == 2


def test_the_admin_reads_the_plan_without_the_buttons_to_change_it(world, client):
    assign(world)
    client.force_login(world.admin)
    page = client.get(url("plan", world)).content.decode()
    assert "Psilocybin" in page and "Only the patient's own clinicians" in page
    assert url("change", world) not in page


def test_alice_changes_pauses_resumes_and_ends_through_the_pages(world, client):
    plan = assign(world, started_days_ago=10)
    client.force_login(world.alice)
    response = client.post(
        url("change", world), form_data(world, psilocybin="0.15", lions_mane="500")
    )
    assert response.status_code == 302
    assert client.post(url("pause", world), {"reason": "Holiday"}).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "paused"
    client.post(url("resume", world))
    client.post(url("end", world), {"reason": "Done"})
    plan.refresh_from_db()
    assert plan.status == "ended"
    page = client.get(url("plan", world)).content.decode()
    for words in ("Plan started", "Doses changed", "Paused", "Resumed", "Ended"):
        assert words in page


# -------------------------------------------------------------------- forms


def test_an_out_of_range_dose_is_refused_on_the_form_with_a_clear_message(world, client):
    response = post_as(
        client, world.alice, url("assign", world), form_data(world, psilocybin="0.5")
    )
    assert response.status_code == 200
    assert "0.5 g is outside the range the catalog names (0.1–0.2 g)" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_form_shows_the_block_then_takes_an_override_reason(world, client):
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["Nardil 15 mg"]},
        by=world.alice,
    )
    data = form_data(world, psilocybin="0.1")
    response = post_as(client, world.alice, url("assign", world), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Must not be assigned" in page
    assert 'name="override_reason"' in page
    reason = "<script>alert(1)</script> Discussed with prescriber; MAOI stopped in June."
    response = client.post(url("assign", world), data | {"override_reason": reason})
    assert response.status_code == 302
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Discussed with prescriber" in page
    assert "<script>alert(1)" not in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"override_reason": "x" * 2001}, "Keep this under 2000 characters"),
        ({"start_date": "2099-01-01"}, "more than a year away"),
        ({"start_date": "2999-01-01"}, "between 1900 and 2199"),
        ({"start_date": "yesterday"}, "YYYY-MM-DD"),
        ({"initial_months": "9"}, "Select a valid choice"),
        ({"break_every_days": "21"}, "or neither"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(world, client, changes, message):
    data = form_data(world, psilocybin="0.1") | changes
    response = post_as(client, world.alice, url("assign", world), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"amount": "abc"}, "Write the amount as a number"),
        ({"amount": ""}, "give an amount in g"),
        ({"pattern": "cycle", "cycle": "lots"}, "for example &#x27;3 on, 4 off&#x27;"),
        ({"pattern": "weekdays"}, "Choose at least one day of the week"),
        ({"pattern": "hourly"}, "Select a valid choice"),
    ],
)
def test_bad_component_fields_are_explained(world, client, fields, message):
    pk = component("psilocybin").pk
    data = form_data(world, psilocybin="0.1") | {f"c{pk}_{k}": v for k, v in fields.items()}
    response = post_as(client, world.alice, url("assign", world), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Plan.objects.exists()


def test_a_double_submit_makes_one_plan(world, client):
    data = form_data(world, psilocybin="0.1")
    post_as(client, world.alice, url("assign", world), data)
    second = client.post(url("assign", world), data)
    assert second.status_code == 302
    assert Plan.objects.count() == 1


def test_an_early_dose_change_is_warned_about_on_the_form(world, client):
    assign(world, started_days_ago=2)
    data = form_data(world, psilocybin="0.2", lions_mane="500")
    response = post_as(client, world.alice, url("change", world), data)
    page = response.content.decode()
    assert response.status_code == 200 and "Too soon to change the dose?" in page
    assert "2 days ago" in page
    assert client.post(url("change", world), data | {"confirm_early": "on"}).status_code == 302


# ------------------------------------------------------------------ patient


def log(client, world, **data):
    client.force_login(world.patient)
    return client.post(reverse("protocols:log"), data)


def test_the_patient_sees_todays_plan_and_logs_it_in_one_tap(world, client):
    assign(world)
    client.force_login(world.patient)
    page = client.get(reverse("protocols:today")).content.decode()
    assert "Took 0.1 g as planned" in page and "Took 500 mg as planned" in page
    psilocybin = component("psilocybin").pk
    response = log(client, world, component=psilocybin, action="as_planned")
    assert response.status_code == 302
    entry = DoseLog.objects.get()
    assert (entry.status, str(entry.amount.normalize()), entry.as_planned) == ("taken", "0.1", True)
    log(client, world, component=psilocybin, action="as_planned")  # a double tap
    assert DoseLog.objects.count() == 1
    assert "Taken as planned" in client.get(reverse("protocols:today")).content.decode()


def test_the_patient_can_change_the_amount_and_time_or_skip_with_a_reason(world, client):
    assign(world)
    psilocybin, lions_mane = component("psilocybin").pk, component("lions-mane").pk
    log(client, world, component=psilocybin, action="changed", amount="0.05", taken_at="08:30")
    entry = DoseLog.objects.get(component_id=psilocybin)
    assert str(entry.amount.normalize()) == "0.05" and entry.taken_at.hour == 8
    response = log(client, world, component=lions_mane, action="skipped", skip_reason="")
    assert not DoseLog.objects.filter(component_id=lions_mane).exists()
    follow = client.get(response["Location"])
    assert "Say briefly why you skipped it" in follow.content.decode()
    log(client, world, component=lions_mane, action="skipped", skip_reason="Upset stomach")
    assert DoseLog.objects.get(component_id=lions_mane).skip_reason == "Upset stomach"


def test_the_patient_cannot_log_what_is_not_in_their_plan_for_today(world, client):
    assign(world)
    magnesium = component("magnesium").pk
    response = log(client, world, component=magnesium, action="as_planned")
    assert "not part of your plan" in client.get(response["Location"]).content.decode()
    assert not DoseLog.objects.exists()
    # Another patient cannot log against this plan: they have none.
    client.force_login(world.other_patient)
    client.post(
        reverse("protocols:log"), {"component": component("psilocybin").pk, "action": "as_planned"}
    )
    assert not DoseLog.objects.exists()


def test_the_log_goes_back_only_to_this_site(world, client):
    assign(world)
    response = log(
        client,
        world,
        component=component("psilocybin").pk,
        action="as_planned",
        next="https://evil.test/",
    )
    assert response["Location"] == reverse("protocols:today")
    response = log(
        client, world, component=component("psilocybin").pk, action="as_planned", next="/diary/"
    )
    assert response["Location"] == "/diary/"


def test_a_rest_day_says_so(world, client):
    every_other_day = DoseRequest(
        component("psilocybin"), Decimal("0.1"), Pattern("every_other_day")
    )
    assign(world, started_days_ago=1, doses=[every_other_day])
    client.force_login(world.patient)
    assert "Rest day." in client.get(reverse("protocols:today")).content.decode()


# ------------------------------------------------------------------ catalog


def test_a_clinician_adds_a_clinic_component_and_can_plan_it(world, client):
    client.force_login(world.bob)
    response = client.post(
        reverse("protocols:component_new"),
        {
            "name": "Rhodiola",
            "unit": "mg",
            "range_low": "100",
            "range_high": "200",
            "source": "Clinic protocol v2",
        },
    )
    assert response.status_code == 302
    rhodiola = Component.objects.get(clinic=world.clinic, name="Rhodiola")
    assert rhodiola.range_text == "100–200 mg"
    client.force_login(world.charlie)
    assert "<td>Rhodiola" not in client.get(reverse("protocols:catalog")).content.decode()
    client.force_login(world.alice)
    data = form_data(world) | {
        f"c{rhodiola.pk}_include": "on",
        f"c{rhodiola.pk}_amount": "300",
        f"c{rhodiola.pk}_pattern": "daily",
    }
    assert "300 mg is outside the range" in client.post(url("assign", world), data).content.decode()


def test_a_component_with_a_backwards_range_or_no_source_is_explained(world, client):
    client.force_login(world.alice)
    response = client.post(
        reverse("protocols:component_new"),
        {"name": "X", "unit": "mg", "range_low": "5", "range_high": "1", "source": ""},
    )
    page = response.content.decode()
    assert "must not be below the lowest" in page and "Say where the range comes from" in page
    assert not Component.objects.filter(clinic=world.clinic).exists()


def test_the_patient_page_has_a_plan_card(world, client):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).content.decode()
    assert "No plan assigned." in page
    assign(world)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).content.decode()
    assert "Today: Psilocybin 0.1 g" in page and url("plan", world) in page


def test_adherence_shows_on_the_plan_page(world, client):
    plan = assign(world, started_days_ago=9)
    today = clinic_today(world.clinic)
    psilocybin = component("psilocybin")
    for back in range(5):
        DoseLog.objects.create(
            plan=plan,
            patient=world.patient,
            component=psilocybin,
            local_date=today - timedelta(days=back),
            status="taken",
        )
    client.force_login(world.alice)
    page = client.get(url("plan", world)).content.decode()
    assert (
        "<td>Psilocybin</td><td>10</td><td>5</td><td>0</td><td>5</td><td>0</td><td>50%</td>" in page
    )


def test_adherence_covers_any_range_and_explains_a_bad_one(world, client):
    plan = assign(world, started_days_ago=20)
    today = clinic_today(world.clinic)
    client.force_login(world.alice)
    page = client.get(
        url("plan", world), {"start": plan.start_date.isoformat(), "end": today.isoformat()}
    ).content.decode()
    assert "<td>Psilocybin</td><td>21</td>" in page
    week = {
        "start": plan.start_date.isoformat(),
        "end": (plan.start_date + timedelta(days=6)).isoformat(),
    }
    assert "<td>Psilocybin</td><td>7</td>" in client.get(url("plan", world), week).content.decode()
    backwards = {"start": today.isoformat(), "end": plan.start_date.isoformat()}
    response = client.get(url("plan", world), backwards)
    assert (
        response.status_code == 200
        and "The start must be on or before the end." in response.content.decode()
    )
    response = client.get(url("plan", world), {"start": "<b>soon</b>"})
    assert response.status_code == 200 and "Give dates as YYYY-MM-DD." in response.content.decode()


def test_an_on_call_colleague_reads_the_plan_but_cannot_change_it(world, client):
    from django.utils import timezone

    from apps.clinics.models import OnCallShift

    assign(world)
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=8),
    )
    client.force_login(world.bob)
    assert client.get(url("plan", world)).status_code == 200
    assert client.get(url("change", world)).status_code == 404
    assert client.post(url("pause", world), {"reason": "x"}).status_code == 404


def test_a_clinic_adds_its_own_template_and_assigns_from_it(world, client):
    psilocybin = component("psilocybin").pk
    data = {
        "name": "Gentle start",
        "source": "Maple Clinic protocol 2026",
        f"c{psilocybin}_include": "on",
        f"c{psilocybin}_amount": "0.1",
        f"c{psilocybin}_pattern": "one_on_two_off",
    }
    client.force_login(world.alice)
    refused = client.post(reverse("protocols:template_new"), data | {f"c{psilocybin}_amount": "1"})
    assert "1 g is outside the range" in refused.content.decode()
    assert client.post(reverse("protocols:template_new"), data).status_code == 302
    template = ProtocolTemplate.objects.get(clinic=world.clinic)
    item = template.items.get()
    assert (item.pattern["kind"], template.months("initial")) == ("one_on_two_off", (2, 3))
    page = client.get(url("assign", world), {"template": template.pk}).content.decode()
    assert 'value="one_on_two_off" selected' in page
    # Another clinic's clinician neither sees it nor can assign from it.
    charlie_patient = make_member(world.other_clinic, "cp@birch.test", Role.PATIENT)
    CareTeam.objects.create(
        clinic=world.other_clinic, patient=charlie_patient, clinician=world.charlie, is_primary=True
    )
    client.force_login(world.charlie)
    assert "Gentle start" not in client.get(reverse("protocols:catalog")).content.decode()
    other = reverse("protocols:assign", args=[charlie_patient.pk])
    assert client.get(other, {"template": template.pk}).status_code == 404


def plan_page_queries(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url("plan", world)).status_code == 200
    return len(captured)


def test_the_plan_page_takes_the_same_queries_however_long_the_history(world, client):
    from apps.protocols.services import plan_pause, plan_resume

    plan = assign(world, started_days_ago=20)
    plan_pause(plan=plan, by=world.alice)
    plan_resume(plan=plan, by=world.alice)
    short = plan_page_queries(client, world)
    for _ in range(5):
        plan_pause(plan=plan, by=world.alice, reason="Again")
        plan_resume(plan=plan, by=world.alice)
    for back in range(15):
        DoseLog.objects.create(
            plan=plan,
            patient=world.patient,
            component=component("psilocybin"),
            local_date=clinic_today(world.clinic) - timedelta(days=back),
            status="taken",
        )
    assert plan_page_queries(client, world) == short


def test_the_catalog_and_plan_form_cite_sources_in_words_not_shorthand(world, client):
    client.force_login(world.alice)
    catalog = client.get(reverse("protocols:catalog")).content.decode()
    assert "Reference protocol document: " in catalog
    for shorthand in ("seed:", "REF:"):
        at = catalog.find(shorthand)
        assert at == -1, catalog[at - 200 : at + 80]
    form = client.get(url("assign", world) + "?template=reference-stack").content.decode()
    title = form.split("<title>")[1].split("</title>")[0]
    assert "<" not in title.replace("&lt;", "<") and "script" not in title


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ('seed: "Cycle Protocols"', 'Reference protocol document: "Cycle Protocols"'),
        ("REF: lithium row (Nayak 2021)", "Clinical reference: lithium entry (Nayak 2021)"),
        ("CLINICAL_REFERENCE.md#alert-rules: any match", "Clinical reference: any match"),
        ("levels per REF#instruments", "levels per the clinical reference"),
        ("Clinic protocol v2", "Clinic protocol v2"),
    ],
)
def test_a_source_reads_as_words(stored, shown):
    from apps.safety.source_words import source_words

    assert source_words(stored) == shown
