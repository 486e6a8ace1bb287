"""The alert policy in force for a clinic: its own choices over the defaults."""

from dataclasses import dataclass
from datetime import timedelta

from apps.safety.rules import alert_rules

from .models import AlertPolicy, Escalation


@dataclass(frozen=True)
class Policy:
    channels: dict[str, list[str]]
    digest_severities: frozenset[str]
    # severity -> {escalation level: minutes after the alert was raised}
    ladder: dict[str, dict[int, int]]
    digest_hour: int
    webhook_url: str
    webhook_secret: str

    def channels_for(self, severity: str) -> list[str]:
        names = list(self.channels.get(severity, ["in_app", "email"]))
        if not self.webhook_url and "webhook" in names:
            names.remove("webhook")
        return names

    def next_escalation_after(self, severity: str, level: int) -> timedelta | None:
        """How long after the alert was raised it moves past `level`, if ever."""
        later = sorted(
            (rung, minutes)
            for rung, minutes in self.ladder.get(severity, {}).items()
            if rung > level
        )
        return timedelta(minutes=later[0][1]) if later else None

    def next_level(self, severity: str, level: int) -> int | None:
        later = sorted(rung for rung in self.ladder.get(severity, {}) if rung > level)
        return later[0] if later else None


def policy_for(clinic) -> Policy:
    defaults = alert_rules()
    row = AlertPolicy.objects.filter(clinic=clinic).first() or AlertPolicy(clinic=clinic)
    escalation = defaults["escalation"]

    def pick(value, default):
        return default if value is None else value

    ladder = {
        "critical": {
            Escalation.ON_CALL: pick(
                row.critical_to_on_call_minutes, escalation["critical"]["on_call_minutes"]
            ),
            Escalation.ADMINS: pick(
                row.critical_to_admins_minutes, escalation["critical"]["admins_minutes"]
            ),
        },
        "high": {
            Escalation.ON_CALL: pick(
                row.high_to_on_call_minutes, escalation["high"]["on_call_minutes"]
            ),
        },
    }
    return Policy(
        channels=defaults["channels"] | (row.channels or {}),
        digest_severities=frozenset(defaults["digest_severities"]),
        ladder=ladder,
        digest_hour=row.digest_hour,
        webhook_url=row.webhook_url,
        webhook_secret=row.webhook_secret,
    )
