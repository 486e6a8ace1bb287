from datetime import timedelta

from django.urls import reverse

from apps.diaries.models import CheckIn
from apps.diaries.services import today_for


def today(world):
    return today_for(clinic=world.clinic)


def post_checkin(client, **fields):
    data = {"mood": "6", "journal": ""} | {k: v for k, v in fields.items() if v is not None}
    return client.post(reverse("diaries:today"), data)


def entry_written_on(world, *, local_date, days_ago, patient=None, **values):
    """An entry whose writing day ended `days_ago` days ago."""
    checkin = CheckIn.objects.create(
        patient=patient or world.patient,
        clinic=world.clinic,
        local_date=local_date,
        mood=values.pop("mood", 5),
        **values,
    )
    CheckIn.objects.filter(pk=checkin.pk).update(
        created_at=checkin.created_at - timedelta(days=days_ago)
    )
    checkin.refresh_from_db()
    return checkin
