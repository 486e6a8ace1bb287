"""Session timestamps: when this session signed in, when it was last used,
and when it last proved itself (for revocation after an MFA change)."""

import time

from allauth.mfa.utils import is_mfa_enabled
from django.contrib.auth import get_user_model
from django.utils import timezone

STARTED_KEY = "trellis_session_started_at"
SEEN_KEY = "trellis_session_seen_at"
VALID_FROM_KEY = "trellis_session_valid_from"
# Whether this person had a second factor when this session signed in (kept
# up to date by the MFA signals), so pages need not ask the database each time.
MFA_KEY = "trellis_session_mfa"
# Writing the session on every request costs a write per page; a minute of
# slack on a 30-minute limit does not matter.
SEEN_RESOLUTION_SECONDS = 60


def session_values(*, user) -> dict:
    """What a freshly signed-in session holds besides Django's own keys (also
    for tests that build a session by hand)."""
    now = time.time()
    return {
        STARTED_KEY: now,
        SEEN_KEY: now,
        VALID_FROM_KEY: now,
        MFA_KEY: is_mfa_enabled(user),
    }


def session_start(request, *, user) -> None:
    request.session.update(session_values(user=user))


def session_mfa_note(request, *, user) -> None:
    request.session[MFA_KEY] = is_mfa_enabled(user)


def session_has_mfa(request) -> bool:
    return bool(request.session.get(MFA_KEY))


def session_expired_reason(request, *, idle: int, total: int) -> str | None:
    session = request.session
    now = time.time()
    started = session.get(STARTED_KEY)
    seen = session.get(SEEN_KEY)
    valid_from = session.get(VALID_FROM_KEY)
    if started is None or seen is None or valid_from is None:
        return "Please sign in again."
    if now - started > total:
        return "You have been signed out after 12 hours. Please sign in again."
    if now - seen > idle:
        return "You have been signed out after a period of inactivity. Please sign in again."
    revoked = request.user.sessions_revoked_at
    if revoked is not None and valid_from < revoked.timestamp():
        return "Your sign-in settings changed, so this session ended. Please sign in again."
    return None


def session_touch(request) -> None:
    now = time.time()
    if now - request.session.get(SEEN_KEY, 0) >= SEEN_RESOLUTION_SECONDS:
        request.session[SEEN_KEY] = now


def other_sessions_end(*, user, request=None) -> None:
    """End every session of this person except the one making the change."""
    now = timezone.now()
    get_user_model().objects.filter(pk=user.pk).update(sessions_revoked_at=now)
    user.sessions_revoked_at = now
    if request is not None and hasattr(request, "session"):
        # Strictly after the revocation time, so this session stays valid.
        request.session[VALID_FROM_KEY] = now.timestamp() + 0.001
