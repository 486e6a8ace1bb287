"""The alert page stays a fixed number of queries however much there is to
show: many deliveries, viewers, actions and entries cost no more than few."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.alerts.models import AlertAction, Delivery
from apps.audit.models import AccessEvent
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.safety.safety_plans import safety_plan_update

# Measured on PostgreSQL with everything on the page filled in: 25 queries,
# session, MFA and navigation included (about 18 before issue 18's sections). A
# little room for the layers above; none for a query per row.
PAGE_QUERIES = 27


def page_queries(client, alert) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("alerts:detail", args=[alert.pk]))
    assert response.status_code == 200
    return len(queries)


def more_of_everything(world, alert, start, stop):
    """More deliveries, viewers' visits of this alert, actions and days of entries."""
    today = today_for(clinic=world.clinic)
    for i in range(start, stop):
        Delivery.objects.create(
            alert=alert,
            channel="email",
            target=f"email:user:{i}",
            recipient=world.admin,
            outcome="sent" if i % 2 else "error",
        )
        AccessEvent.objects.create(
            actor=(world.admin, world.bob)[i % 2],
            patient=world.patient,
            action="view_alert",
            path=alert.detail_url,
        )
        AlertAction.objects.create(alert=alert, by=world.admin, outcome="texted", note=f"{i}")
        CheckIn.objects.get_or_create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=i + 1),
            defaults={"mood": 5, "journal": "Fine."},
        )


def test_the_alert_page_is_a_bounded_number_of_queries(
    world, client, crisis_alert, django_assert_max_num_queries
):
    safety_plan_update(
        patient=world.patient,
        data={"warning_signs": "Not sleeping", "patient_phone": "555 010 9999"},
        by=world.alice,
    )
    client.force_login(world.alice)
    more_of_everything(world, crisis_alert, 0, 2)
    few = page_queries(client, crisis_alert)
    more_of_everything(world, crisis_alert, 2, 14)
    with django_assert_max_num_queries(PAGE_QUERIES):
        many = page_queries(client, crisis_alert)
    assert many == few
