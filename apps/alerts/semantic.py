"""The alert for a crisis the semantic layer read and the rules did not.

apps/safety/semantic_reading.py reads a check-in's journal in a worker and sends
``semantic_crisis_found``; safety sits below alerts (tests/test_conventions.py) and
cannot raise an alert itself, so this receiver does, inside the sender's transaction.
Connected in AlertsConfig.ready.
"""

from apps.safety.semantic_reading import SEMANTIC_CRISIS, Outcome

from .models import Alert
from .services import raise_for


def semantic_crisis_raise(sender, *, patient, clinic, checkin_id, finding, **_kwargs) -> str:
    """Raise the finding's (high) alert, unless this very text of this entry has
    raised one before, open or closed: a clinician who resolved it as not a concern
    is not asked again about words that did not change; an edit is read anew."""
    digest = finding.detail["semantic"]["text_digest"]
    seen = Alert.objects.filter(
        patient=patient,
        rule=SEMANTIC_CRISIS,
        evidence__checkin_id=checkin_id,
        evidence__semantic__text_digest=digest,
    ).exists()
    if seen:
        return Outcome.SEEN
    raise_for(clinic=clinic, patient=patient, findings=[finding], source_checkin_id=checkin_id)
    return Outcome.RAISED
