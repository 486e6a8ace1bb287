"""The in-app channel: the alert appears in the person's inbox, unread."""

NAME = "in_app"
PER_PERSON = True


def send(*, alert, recipient, policy) -> None:
    from apps.alerts.models import InboxItem

    InboxItem.objects.get_or_create(alert=alert, user=recipient)
