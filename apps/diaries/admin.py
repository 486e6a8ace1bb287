# Check-ins are clinical records: they are read through the clinician pages,
# which record every access, not through Django's admin.
