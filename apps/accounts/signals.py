from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .sessions import other_sessions_end, session_mfa_note, session_start


@receiver(user_logged_in)
def _session_started(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        session_start(request, user=user)


@receiver(authenticator_added)
@receiver(authenticator_removed)
@receiver(authenticator_reset)
def _mfa_changed(sender, request, user, **kwargs):
    # Whoever else holds a session of this person may be the reason MFA is
    # changing; they must sign in again with the new factor.
    other_sessions_end(user=user, request=request)
    if request is not None and hasattr(request, "session"):
        session_mfa_note(request, user=user)
