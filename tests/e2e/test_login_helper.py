"""The browser tests' TOTP answer, against RFC 6238's own test vector."""

import base64

from tests.e2e.conftest import totp_now


def test_the_totp_code_matches_rfc_6238():
    secret = base64.b32encode(b"12345678901234567890").decode()
    # RFC 6238 appendix B, SHA-1: 94287082 at T=59 and 07081804 at T=1111111109 (8 digits).
    assert totp_now(secret, at=59) == "287082"
    assert totp_now(secret, at=1111111109) == "081804"
    assert totp_now(secret.rstrip("="), at=59) == "287082"
