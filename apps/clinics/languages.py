"""The languages Trellis speaks to patients, and which one an email is in.

The rule lives here, below every app that sends mail: invitations (this app) and
reminders (diaries) ask the same question. apps/diaries/crisis_language.py, which also
chooses the crisis page's language, takes its constants from here.
"""

LANGUAGES = {"en": "English", "es": "Español"}
DEFAULT = "en"

# Countries (a clinic's locale) where Spanish is the language most people
# speak: a patient there who has not said otherwise gets the Spanish page.
SPANISH_SPEAKING = frozenset(
    "AR BO CL CO CR CU DO EC ES GQ GT HN MX NI PA PE PR PY SV UY VE".split()
)


def email_language(*, preference="", clinic_locale=None) -> str:
    """The language of an email to a patient (a reminder, issue 19; an invitation): their
    own choice, or the one the clinic chose when inviting them; without one, Spanish where
    their clinic's country speaks it. No browser to ask and no entry to read, so that is
    all there is to go on."""
    if preference in LANGUAGES:
        return preference
    return "es" if clinic_locale in SPANISH_SPEAKING else DEFAULT
