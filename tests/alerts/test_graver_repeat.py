"""The same concern coming back graver is news: the open, lesser alert is
closed as superseded and a new alert at the graver severity is raised and
delivered (a probe found a critical finding kept in a moderate alert's digest)."""

from apps.alerts.models import Alert, AlertState
from apps.alerts.services import raise_for
from apps.safety.services import Finding


def finding(severity, summary="Crisis language in the journal"):
    return Finding(
        rule="crisis_language",
        severity=severity,
        summary=f"{summary} ({severity})",
        is_crisis=severity in ("high", "critical"),
    )


def raise_one(world, severity, callbacks=None):
    [alert] = raise_for(clinic=world.clinic, patient=world.patient, findings=[finding(severity)])
    return alert


def test_a_graver_finding_closes_the_lesser_open_alert_and_raises_a_new_one(
    world, django_capture_on_commit_callbacks
):
    moderate = raise_one(world, "moderate")
    assert moderate.in_digest
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        critical = raise_one(world, "critical")
    assert critical.pk != moderate.pk
    assert (critical.severity, critical.state, critical.in_digest) == (
        "critical",
        AlertState.PENDING,
        False,
    )
    assert critical.next_escalation_at is not None
    assert callbacks, "the graver alert's delivery is enqueued after the commit"
    moderate.refresh_from_db()
    assert moderate.state == AlertState.RESOLVED
    assert "came back graver (critical)" in moderate.resolution_note


def test_a_repeat_as_grave_or_milder_is_counted_on_the_open_alert(world):
    high = raise_one(world, "high")
    for severity in ("high", "moderate", "low"):
        assert raise_one(world, severity).pk == high.pk
    high.refresh_from_db()
    assert (high.occurrences, high.severity) == (4, "high")
    assert Alert.objects.count() == 1
