"""Reads for the alert page, the place a clinician acts from (issue 18): how to
reach the patient, their safety plan, two weeks of mood, their latest entries,
who was told, who looked, and what has been done.

Selectors, keyword-only. Alerts sit below diaries and dashboards
(tests/test_conventions.py), so the check-ins are read through the app
registry rather than by importing diaries, and a private entry is treated by
the same rule as dashboards.selectors.journal_view: the clinician learns that
it exists and its mood, never its text.
"""

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.db.models import Count, Max
from django.http import Http404
from django.utils import timezone

from apps.audit.models import AccessEvent
from apps.clinics import access
from apps.safety.models import SafetyPlan

from .models import Alert, AlertAction, AlertState, Delivery

MOOD_DAYS = 14
LATEST_ENTRIES = 3
MOOD_TOP = 10


# --- who may act ----------------------------------------------------------------------------


def _actable(user):
    """Alerts `user` may record an action on: those of the patients they may
    see without break-glass (the care team, on-call cover, the clinic's
    admins, who are the last rung of the ladder), never their own. An
    emergency opening lets a clinician read, not write to the record."""
    return Alert.objects.filter(
        patient__in=access.patients_visible_to(user, break_glass=False)
    ).exclude(patient=user)


def alert_for_acting(*, user, alert_id) -> Alert:
    """The alert, if `user` may record what was done about it; 404 otherwise."""
    alert = _actable(user).select_related("patient", "clinic").filter(pk=alert_id).first()
    if alert is None:
        raise Http404("No such alert")
    return alert


def may_act(*, user, alert) -> bool:
    return _actable(user).filter(pk=alert.pk).exists()


# --- how to reach the patient ----------------------------------------------------------------


def tel_href(number: str) -> str:
    """A tap-to-call link for a number as people write it ("+1 (555) 010-2030"):
    its digits, with a leading + kept. Empty when there is nothing to dial."""
    digits = re.sub(r"\D", "", number or "")
    if not digits:
        return ""
    return "tel:" + ("+" if (number or "").strip().startswith("+") else "") + digits


@dataclass(frozen=True)
class Contact:
    label: str
    name: str  # who, in the plan's words; "" for the patient's own line
    number: str
    href: str


def contacts_for(*, patient, plan: SafetyPlan | None) -> list[Contact]:
    """The patient's phone and their trusted person's, from the safety plan
    (a missing number has an empty `number`, and the page says "not on record")."""
    patient_phone = (plan.patient_phone if plan else "") or ""
    trusted_phone = (plan.trusted_person_phone if plan else "") or ""
    return [
        Contact(str(patient), "", patient_phone, tel_href(patient_phone)),
        Contact(
            "Trusted person",
            (plan.trusted_person if plan else "") or "",
            trusted_phone,
            tel_href(trusted_phone),
        ),
    ]


def safety_plan_of(*, patient_id) -> SafetyPlan | None:
    return SafetyPlan.objects.filter(patient_id=patient_id).first()


# --- two weeks of mood ----------------------------------------------------------------------


def _checkins():
    return apps.get_model("diaries", "CheckIn").objects


def alert_day(*, alert, checkin) -> date:
    """The day the alert is about: its entry's day, or the day it was raised
    on the clinic's calendar."""
    if checkin is not None:
        return checkin.local_date
    return timezone.localdate(alert.created_at, ZoneInfo(alert.clinic.timezone))


def mood_window(*, today: date, marked: date) -> tuple[date, date]:
    """The 14 days ending today; for an alert older than that, the 14 days
    around it (a week after it at most, never past today), so its day is on
    the chart."""
    # A patient's day can be ahead of the clinic's (their own time zone).
    last = max(today, marked)
    if marked <= today - timedelta(days=MOOD_DAYS):
        last = min(today, marked + timedelta(days=MOOD_DAYS // 2))
    return last - timedelta(days=MOOD_DAYS - 1), last


@dataclass
class MoodChart:
    days: list  # [(date, mood or None)], oldest first
    marked: date
    width: int = 308
    height: int = 120
    left: int = 24  # room for the mood scale
    top: int = 16  # room for the alert's label above the plot
    bottom: int = 22  # room for the dates
    lines: list = field(default_factory=list)  # polyline points, one per run of answers
    dots: list = field(default_factory=list)  # (x, y, date, mood)
    marker_x: float | None = None  # the alert's day
    marker_anchor: str = "middle"  # its label kept inside the chart at either end
    plot_bottom: float = 0
    ticks: list = field(default_factory=list)  # (y, label)
    date_labels: list = field(default_factory=list)  # (x, label, anchor)
    summary: str = ""


def mood_chart(*, days: list, marked: date) -> MoodChart:
    """An inline SVG's geometry, drawn on the server (no script). A day with no
    check-in is a gap in the line, never a zero: each run of answered days is
    its own polyline. (The caseload's sparkline, dashboards.brief, joins across
    gaps and sits in a layer above this one.)"""
    chart = MoodChart(days=days, marked=marked)
    plot_w = chart.width - chart.left - 8
    plot_h = chart.height - chart.top - chart.bottom
    step = plot_w / max(len(days) - 1, 1)

    def x(index):
        return round(chart.left + index * step, 1)

    def y(mood):
        return round(chart.top + plot_h - (mood / MOOD_TOP) * plot_h, 1)

    run = []
    for index, (day, mood) in enumerate(days):
        if mood is None:
            if run:
                chart.lines.append(" ".join(run))
            run = []
            continue
        run.append(f"{x(index)},{y(mood)}")
        chart.dots.append((x(index), y(mood), day, mood))
    if run:
        chart.lines.append(" ".join(run))
    for index, (day, _mood) in enumerate(days):
        if day == marked:
            chart.marker_x = x(index)
    if chart.marker_x is not None:
        if chart.marker_x > chart.width - 40:
            chart.marker_anchor = "end"
        elif chart.marker_x < chart.left + 20:
            chart.marker_anchor = "start"
    chart.ticks = [(y(value), str(value)) for value in (0, 5, 10)]
    chart.plot_bottom = chart.top + plot_h
    chart.date_labels = [(x(0), days[0][0], "start"), (x(len(days) - 1), days[-1][0], "end")]
    chart.summary = mood_summary(days=days, marked=marked)
    return chart


def mood_summary(*, days: list, marked: date) -> str:
    """The chart in one sentence, for people who do not see it."""
    answered = [mood for _day, mood in days if mood is not None]
    if not answered:
        return f"No check-ins in the {len(days)} days shown."
    text = (
        f"{len(answered)} check-ins in {len(days)} days, mood from {min(answered)} to "
        f"{max(answered)} out of 10"
    )
    on_day = dict(days).get(marked, "outside")
    if on_day is None:
        text += f"; no check-in on the alert's day ({marked:%a} {marked.day} {marked:%b})"
    elif on_day != "outside":
        text += f"; {on_day} on the alert's day ({marked:%a} {marked.day} {marked:%b})"
    return text + "."


def mood_days(*, patient_id, first: date, last: date) -> list:
    moods = dict(
        _checkins()
        .filter(patient_id=patient_id, local_date__range=(first, last))
        .values_list("local_date", "mood")
    )
    return [
        (first + timedelta(days=offset), moods.get(first + timedelta(days=offset)))
        for offset in range((last - first).days + 1)
    ]


# --- the latest entries --------------------------------------------------------------------


def latest_entries(*, patient_id, besides=None, limit: int = LATEST_ENTRIES) -> list:
    """The patient's latest entries other than the one shown above it, newest
    first. A private entry's journal is never handed to the page."""
    entries = _checkins().filter(patient_id=patient_id).order_by("-local_date")
    if besides is not None:
        entries = entries.exclude(pk=besides)
    entries = list(entries.only("pk", "local_date", "mood", "journal", "is_private")[:limit])
    for entry in entries:
        if entry.is_private:
            entry.journal = ""
    return entries


# --- who was told, who looked, what was done ---------------------------------------------------


@dataclass(frozen=True)
class Told:
    name: str
    at: object  # the first delivery that reached them
    channels: list


def digest_due(*, alert, now=None):
    """When a lower-priority alert that has reached no one yet will be sent: the clinic's next
    daily digest (apps/alerts/services.py alerts_digest, run on the hour, sends at the clinic's
    digest hour), in the clinic's time; None for any other alert. Stop 52: the page said only
    "Waiting to be sent ... not delivered to anyone yet", which reads as a same-day alert that
    failed."""
    if not alert.in_digest or alert.state != AlertState.PENDING:
        return None
    from .policy import policy_for

    zone = ZoneInfo(alert.clinic.timezone)
    local = (now or timezone.now()).astimezone(zone)
    hour = policy_for(alert.clinic).digest_hour
    due = local.replace(hour=hour, minute=0, second=0, microsecond=0)
    return due if due > local else due + timedelta(days=1)


def told_list(*, deliveries) -> list[Told]:
    """Each person (or the clinic's own system) the alert reached, once, with
    when it first reached them and how; from the deliveries already loaded."""
    labels = {"in_app": "Trellis inbox", "email": "email", "webhook": "the clinic's system"}
    people: dict[str, dict] = {}
    for delivery in deliveries:
        if delivery.outcome != Delivery.Outcome.SENT:
            continue
        name = str(delivery.recipient) if delivery.recipient else "The clinic's linked system"
        entry = people.setdefault(name, {"at": delivery.attempted_at, "channels": []})
        channel = labels.get(delivery.channel, "another way")
        if channel not in entry["channels"]:
            entry["channels"].append(channel)
    return [Told(name, e["at"], e["channels"]) for name, e in people.items()]


def who_looked(*, alert, viewer) -> list[dict]:
    """Everyone else who opened this alert's page: name, how often, last time
    (from the access trail; the page's own path tells this alert from the
    patient's others)."""
    rows = (
        AccessEvent.objects.filter(
            patient_id=alert.patient_id, action="view_alert", path=alert.detail_url
        )
        .exclude(actor_id=viewer.pk)
        .values("actor_id", "actor__full_name", "actor__email")
        .annotate(last=Max("at"), times=Count("id"))
        .order_by("-last")
    )
    return [
        {
            "name": row["actor__full_name"] or row["actor__email"] or "A former member of staff",
            "last": row["last"],
            "times": row["times"],
        }
        for row in rows
    ]


def actions_of(*, alert) -> list[AlertAction]:
    return list(alert.actions.select_related("by"))
