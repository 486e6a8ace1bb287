"""Signals protocols sends for the layers beside and above it to act on.

Protocols may not import alerts (the same level, tests/test_conventions.py),
so the plan's side of a review cannot close the alert that asked for it; it
says the review was answered and apps/diaries/rescreen.py, which may use
both, resolves the alert. Sent with plain `send` inside the service's
transaction: the plan's answer and the alert's resolution commit together.
"""

from django.dispatch import Signal

# Sent when a clinician answers a plan's pending screening review: continue
# (with its reason), pause, end, or a plan change (a fresh gate). Arguments:
# plan, by (the clinician), decision (words for the record), reason.
plan_review_answered = Signal()
