import ipaddress

from django.conf import settings

from .models import AccessEvent, ChangeRecord


def client_ip(request) -> str | None:
    """The client's address, as the login rate limits count it: behind
    ALLAUTH_TRUSTED_PROXY_COUNT proxies, that entry from the right of
    X-Forwarded-For; otherwise the connection's own address."""
    proxies = getattr(settings, "ALLAUTH_TRUSTED_PROXY_COUNT", 0)
    candidate = request.META.get("REMOTE_ADDR")
    forwarded = [part.strip() for part in request.headers.get("x-forwarded-for", "").split(",")]
    if proxies > 0 and len(forwarded) >= proxies and forwarded[-proxies]:
        candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None


def access_record(*, actor, patient, action: str, request=None) -> AccessEvent:
    return AccessEvent.objects.create(
        actor=actor,
        patient=patient,
        action=action,
        path=request.path[:500] if request else "",
        ip_address=client_ip(request) if request else None,
    )


def change_record(*, actor, patient, record: str, summary: str, changes: dict) -> ChangeRecord:
    return ChangeRecord.objects.create(
        actor=actor, patient=patient, record=record, summary=summary[:500], changes=changes
    )


def break_glass_report(*, grant, request=None) -> None:
    """Record an emergency opening of a record and tell the clinic's admins
    by email (after the commit, so a rolled-back grant tells nobody)."""
    from django.core.mail import send_mail
    from django.db import transaction

    from apps.clinics.selectors import admins_for_clinic

    access_record(
        actor=grant.clinician, patient=grant.patient, action="break_glass", request=request
    )
    change_record(
        actor=grant.clinician,
        patient=grant.patient,
        record="break_glass",
        summary="Opened the record in an emergency",
        changes={"reason": grant.reason, "expires_at": grant.expires_at.isoformat()},
    )
    recipients = [admin.email for admin in admins_for_clinic(clinic=grant.clinic)]
    if not recipients:
        return
    # Ids and the reason only: the patient's name stays inside the app.
    body = (
        f"{grant.clinician} opened the record of patient #{grant.patient_id} using "
        f"emergency (break-glass) access, until {grant.expires_at:%Y-%m-%d %H:%M} UTC.\n\n"
        f"Their reason: {grant.reason}\n\nReview it in the clinic's access trail."
    )
    transaction.on_commit(
        lambda: send_mail("Trellis: emergency access to a record", body, None, recipients)
    )
