"""Words shown to patients that live as plain strings in other apps, marked
here so makemessages puts them in the Spanish catalogue (locale/es/); the
templates translate them at display time ({% translate label %}).

gettext_noop, not gettext_lazy: the owners keep plain strings (their pages
for staff stay English), this only tells makemessages they exist."""

from django.utils.translation import gettext_noop

# apps/safety/models.py SafetyPlan.SECTIONS: the crisis page and the
# patient's safety plan show these headings.
SAFETY_PLAN_SECTIONS = [
    gettext_noop("Warning signs that a crisis may be developing"),
    gettext_noop("Things I can do on my own to take my mind off my problems"),
    gettext_noop("People and places that help me feel better"),
    gettext_noop("People I can ask for help"),
    gettext_noop("Professionals and services I can contact"),
    gettext_noop("Making my surroundings safe"),
    gettext_noop("My trusted support person"),
    gettext_noop("My provider's contact"),
    gettext_noop("My plan for stopping the protocol if I need to"),
]
