# Alerts carry patient data: they are read through the clinician pages, which
# go through clinics/access.py and record every access, not Django's admin.
