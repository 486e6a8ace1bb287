"""Signals safety sends for the layers above it to act on.

Safety sits below protocols and alerts (tests/test_conventions.py), so it
cannot re-gate a plan or raise an alert itself; it says what happened and a
higher app decides what that means. Receivers run inside the sender's
transaction (plain `send`, never `send_robust`): if one fails, the profile
save fails with it, so a reaction is never silently lost.
"""

from django.dispatch import Signal

# Sent by health_profile_update after a change to a screened field was saved
# and screened again. Arguments: patient, clinic, run (the new ScreeningRun),
# by (who changed the profile: the patient or a member of staff).
profile_screened = Signal()
