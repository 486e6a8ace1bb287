from .models import AccessEvent


def access_record(*, actor, patient, action: str, request=None) -> AccessEvent:
    return AccessEvent.objects.create(
        actor=actor,
        patient=patient,
        action=action,
        path=request.path[:500] if request else "",
        ip_address=request.META.get("REMOTE_ADDR") if request else None,
    )
