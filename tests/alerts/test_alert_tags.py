"""The alert badge and action forms every alert page shows (alert_tags)."""

from django.template import Context, Template
from django.test import RequestFactory

from apps.alerts.models import Alert, AlertState


def render(alert, path="/clinician/"):
    request = RequestFactory().get(path)
    template = Template("{% load alert_tags %}{% alert_badge alert %}|{% alert_actions alert %}")
    return template.render(Context({"alert": alert, "request": request}))


def test_an_open_alert_offers_acknowledge_and_resolve_with_a_csrf_token(crisis_alert):
    html = render(crisis_alert)
    assert '<span class="badge text-bg-danger">critical</span>' in html
    assert html.count('name="csrfmiddlewaretoken"') == 2
    assert f'action="{crisis_alert.acknowledge_url}"' in html
    assert f'action="{crisis_alert.resolve_url}"' in html
    assert f'for="ack-note-{crisis_alert.pk}"' in html and ">Acknowledge</button>" in html


def test_an_acknowledged_alert_can_only_be_resolved_and_a_resolved_one_not_at_all(crisis_alert):
    Alert.objects.filter(pk=crisis_alert.pk).update(state=AlertState.ACKNOWLEDGED)
    html = render(Alert.objects.get(pk=crisis_alert.pk))
    assert "Acknowledge</button>" not in html and "Resolve</button>" in html
    Alert.objects.filter(pk=crisis_alert.pk).update(state=AlertState.RESOLVED)
    assert render(Alert.objects.get(pk=crisis_alert.pk)).endswith("|")


def test_a_failed_delivery_is_marked_and_the_return_path_is_escaped(crisis_alert):
    Alert.objects.filter(pk=crisis_alert.pk).update(state=AlertState.FAILED, severity="high")
    html = render(Alert.objects.get(pk=crisis_alert.pk), path='/clinician/?q="><script>&page=2')
    assert "text-bg-warning" in html and "delivery failed" in html
    assert "<script>" not in html
    assert "&amp;page=2" in html
