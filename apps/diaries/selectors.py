from .models import CheckIn


def checkins_for_patient(*, patient, limit=60):
    return CheckIn.objects.filter(patient=patient).order_by("-local_date")[:limit]


def checkin_for_day(*, patient, local_date):
    return CheckIn.objects.filter(patient=patient, local_date=local_date).first()


def own_checkin(*, patient, checkin_id):
    if checkin_id is None:
        return None
    return CheckIn.objects.filter(patient=patient, pk=checkin_id).first()
