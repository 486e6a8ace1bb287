"""How a daily reminder reaches a patient: one module per channel (email.py,
push.py), as the alerts app's channels/ are. services.reminders_send_due
chooses the channels, logs every attempt (ReminderDelivery) and falls back
to email when no push got through."""
