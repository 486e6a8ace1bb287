"""The one account page of Trellis's own.

allauth's /accounts/email/ let a signed-in person add any address (another
person's included), and Trellis then emailed that address, naming the
patient. In an invite-only clinic app an address is set by the invitation;
this page, at the same address and name, shows it and says how to change it,
and accepts no changes.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_required
@require_GET
def email_address(request):
    return render(request, "accounts/email.html", {"email": request.user.email})
