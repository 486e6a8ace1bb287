from allauth.account.adapter import DefaultAccountAdapter


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up on their own: people join through a clinic invitation
    (apps.clinics.views.invitation_accept), which creates the account."""

    def is_open_for_signup(self, request):
        return False
