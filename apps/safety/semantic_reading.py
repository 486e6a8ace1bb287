"""The semantic crisis layer at work: a check-in's journal read by the sentence model
in the check-in's own request once the rules' transaction has committed
(apps/diaries/services.py checkin_semantic_read_now, so a crisis only this layer finds
shows the patient the crisis page; about 15-25 ms and, loaded once per web process,
about 140 MB), and by the sweep beat runs every minute in a Celery worker over the
entries no request read as they are (checkins_semantic_sweep), so a reading that
failed, or was never made, is not lost.

The lexicon rules run inside the check-in's request and raise their own alert there.
This reads the same entry a second way; when it finds a crisis the rules did not
(no critical or high rule finding), it says so with the signal
``semantic_crisis_found``, and the alerts layer raises a HIGH alert (same day) from it:
safety sits below alerts (tests/test_conventions.py) and cannot raise one itself.

Every entry is read, private ones too: the rules read them as well, and privacy
hides an entry from the care team's timeline, not from safety (docs/SAFETY.md).
An entry saved again is read again; the same text is never alerted on twice.

Services (writes) with keyword-only arguments; the task in ``tasks.py`` is a thin
adapter taking the check-in's id.
"""

import hashlib
import logging

from django.db import transaction
from django.dispatch import Signal

from . import semantic_model
from .categories import kind_label
from .detectors.findings import Finding, Severity, Span
from .detectors.semantic import SemanticReading
from .models import CrisisExample
from .services import crisis_reading

logger = logging.getLogger(__name__)

SEMANTIC_CRISIS = "crisis_language_semantic"

# Sent by checkin_semantic_read inside its transaction when the model reads a crisis
# the rules did not. Arguments: patient, clinic, checkin_id, finding (a Finding).
# Receivers run inside that transaction (plain `send`): if raising the alert fails,
# the task fails. A receiver returns Outcome.RAISED, or Outcome.SEEN when this very
# text (finding.detail["semantic"]["text_digest"]) has already raised an alert, open
# or closed.
semantic_crisis_found = Signal()

# The training data's kinds (fixtures/crisis_training/) in the words of
# apps/safety/categories.py; "confusion" has no lexicon category of its own and is
# read by clinicians as a possible medical emergency.
_KIND = {"confusion": "medical"}


class Outcome:
    OFF = "off"  # TRELLIS_SEMANTIC_MODEL=off
    GONE = "gone"  # the check-in was deleted before the worker got to it
    ORDINARY = "ordinary"  # the model reads no crisis
    RULES = "rules"  # the rules already found one: their alert tells the clinician
    SEEN = "seen"  # this very text already raised a semantic alert
    RAISED = "raised"


def text_digest(text: str) -> str:
    """Which text was read, without keeping the text: an edit changes it."""
    return hashlib.sha256((text or "").encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _kind(kind: str) -> str:
    return _KIND.get(kind, kind)


def semantic_finding(*, text: str, reading: SemanticReading) -> Finding:
    """The finding a semantic reading becomes: the sentence (with its neighbours)
    that read most like a crisis, its score, and the labelled examples nearest to
    it, in words a clinician reads."""
    start, end = reading.best_window
    kinds = [_kind(kind) for kind, _share in reading.kinds]
    if not kinds:
        crisis_examples = [n for n in reading.nearest if n.kind != "none"]
        kinds = [_kind(crisis_examples[0].kind)] if crisis_examples else []
    kind = kinds[0] if kinds else ""
    # Two kinds when the nearest examples disagree: the page says what is unknown.
    likeness = " or ".join(kind_label(k) for k in kinds) if kinds else kind_label("")
    summary = (
        "The journal reads like a crisis to Trellis's second reader, though no rule "
        f"matched: it reads most like {likeness}"
    )
    return Finding(
        rule=SEMANTIC_CRISIS,
        severity=Severity.HIGH,
        summary=summary,
        is_crisis=True,
        spans=(
            Span(
                start=start,
                end=end,
                matched=text[start:end],
                term="semantic",
                category=kind,
            ),
        ),
        detail={
            "semantic": {
                "score": round(reading.score, 4),
                "threshold": round(reading.threshold, 4),
                "start": start,
                "end": end,
                "closest": [
                    {
                        "example": n.text,
                        "kind": kind_label(_kind(n.kind)) if n.kind != "none" else "ordinary",
                        "similarity": n.similarity,
                    }
                    for n in reading.nearest
                ],
                "text_digest": text_digest(text),
                # The passage's words that weighed most with the phrase reader (the
                # patient's own words: pages show them only where the entry is shown).
                "words": list(reading.phrases),
            }
        },
    )


def _checkin_model():
    # Safety sits below diaries: the check-in model is the one the labelled
    # examples point at (as in feedback.py), never an import of diaries.
    return CrisisExample._meta.get_field("checkin").related_model


def checkin_semantic_read(*, checkin_id: int) -> str:
    """Read one check-in's journal with the semantic model (as it reads NOW: an
    edit since it was enqueued is what gets read) and, when it reads a crisis the
    rules do not find, send ``semantic_crisis_found``. Returns an Outcome."""
    CheckIn = _checkin_model()
    text = CheckIn.objects.filter(pk=checkin_id).values_list("journal", flat=True).first()
    if text is None:
        return Outcome.GONE
    # The model runs outside the transaction: no row is locked while it reads.
    reading = semantic_model.read(text)
    if reading is None:
        return Outcome.OFF
    if not reading.flagged:
        return Outcome.ORDINARY
    if crisis_reading(text).flagged:
        return Outcome.RULES
    finding = semantic_finding(text=text, reading=reading)
    with transaction.atomic():
        checkin = (
            CheckIn.objects.select_for_update()
            .select_related("patient", "clinic")
            .filter(pk=checkin_id)
            .first()
        )
        if checkin is None:
            return Outcome.GONE
        if checkin.journal != text:
            # Edited while the model read it: that save enqueued its own reading.
            return Outcome.SEEN
        answers = semantic_crisis_found.send(
            sender=checkin_semantic_read,
            patient=checkin.patient,
            clinic=checkin.clinic,
            checkin_id=checkin.pk,
            finding=finding,
        )
    if not answers:
        # Nobody listening would mean a crisis read and never told: fail loudly.
        raise RuntimeError("no receiver of semantic_crisis_found is connected")
    # A receiver answers Outcome.SEEN when this very text has already raised.
    return Outcome.SEEN if all(a == Outcome.SEEN for _, a in answers) else Outcome.RAISED


def semantic_match(text: str) -> dict | None:
    """For the review commands (crisis_scan and crisis_eval, unless --rules-only): the
    semantic reader's finding on `text` as one more match, or None when it reads
    no crisis (or is off). Its passage is the window that read most like a
    crisis; "score" against "threshold" says how strongly."""
    reading = semantic_model.read(text or "")
    if reading is None or not reading.flagged:
        return None
    start, end = reading.best_window
    return {
        "start": start,
        "end": end,
        "category": "semantic",
        "rule": "semantic-reader",
        "negated": False,
        "score": round(float(reading.score), 3),
        "threshold": round(float(reading.threshold), 3),
    }
