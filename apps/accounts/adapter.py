from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from .policy import is_staff_member


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people join through a clinic invitation
    (apps.clinics.views.invitation_accept), which creates the account."""

    def is_open_for_signup(self, request):
        return False


class TrellisMFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": (
            "Clinic staff must keep two-factor authentication switched on. To move it to "
            "a new phone, ask a Trellis operator to reset it."
        ),
    }

    def can_delete_authenticator(self, authenticator):
        """Staff cannot switch off their only second factor: the middleware
        would send them straight back to set it up, with a gap in between."""
        if is_staff_member(authenticator.user):
            return False
        return super().can_delete_authenticator(authenticator)
