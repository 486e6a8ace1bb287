"""A one-time code works once.

allauth accepts a TOTP code for TOTP_PERIOD * (2 * TOTP_TOLERANCE + 1) seconds
(90 s with our tolerance of one step either side, for phones whose clock has
drifted) but remembers a used code for only TOTP_PERIOD (30 s), so a code seen
over someone's shoulder could be used again a minute later. Here the used code
is remembered for the whole time it is accepted. The cache is shared by every
process (Redis, or the file cache of the embedded default), so a second web
worker refuses it too. tests/accounts/test_totp_replay.py guards this, and
fails if allauth renames what is replaced here.
"""

from django.core.cache import cache


def accepted_seconds() -> int:
    from allauth.mfa import app_settings

    return app_settings.TOTP_PERIOD * (2 * app_settings.TOTP_TOLERANCE + 1)


def _mark_code_used(self, code: str) -> bool:
    return cache.add(self._get_used_cache_key(code), "y", timeout=accepted_seconds())


def used_codes_remembered_while_accepted() -> None:
    from allauth.mfa.totp.internal.auth import TOTP

    if not hasattr(TOTP, "_mark_code_used") or not hasattr(TOTP, "_get_used_cache_key"):
        raise RuntimeError("allauth's TOTP no longer marks used codes as expected: see totp.py")
    TOTP._mark_code_used = _mark_code_used
