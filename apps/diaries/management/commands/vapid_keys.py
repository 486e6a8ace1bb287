"""Make a VAPID key pair for a deployment's Web Push reminders: prints the two
settings to put in the environment (docs/OPERATIONS.md). The repository's
defaults are the demo's, public, and never used in production."""

import base64

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def key_pair() -> tuple[str, str]:
    """(private, public): the raw P-256 scalar and the uncompressed public point."""
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_numbers().private_value.to_bytes(32, "big")
    public = key.public_key().public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return _b64url(private), _b64url(public)


class Command(BaseCommand):
    help = "Print a new VAPID key pair for Web Push reminders, as environment settings."

    def handle(self, *args, **options):
        private, public = key_pair()
        self.stdout.write(f"WEBPUSH_VAPID_PRIVATE_KEY={private}\n")
        self.stdout.write(f"WEBPUSH_VAPID_PUBLIC_KEY={public}\n")
        self.stdout.write("WEBPUSH_VAPID_SUBJECT=mailto:<an address that reads mail>\n")
