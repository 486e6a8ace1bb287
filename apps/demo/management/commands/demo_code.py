"""Print the current sign-in code of the demo clinic's staff (their TOTP secret
is public: see seed_demo), so `make run` can be tried without an authenticator app."""

import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from .seed_demo import DEMO_TOTP_SECRET

PERIOD = 30


class Command(BaseCommand):
    help = "Print the demo staff's current six-digit sign-in code."

    def handle(self, *args, **options):
        now = time.time()
        code = format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(now // PERIOD)))
        seconds_left = PERIOD - int(now % PERIOD)
        self.stdout.write(f"{code}  (demo staff only; good for about {seconds_left} more seconds)")
