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
    # SafetyPlan.CONTACTS, on the patient's safety-plan form
    gettext_noop("My phone number"),
    gettext_noop("My trusted support person's phone number"),
    # the SafetyPlan fields' help texts (apps/safety/models.py), under the headings
    gettext_noop("People and places that distract"),
    gettext_noop("Professionals and crisis lines"),
    gettext_noop("Making the environment safe"),
    gettext_noop("A plan for stopping the protocol"),
]

# fixtures/practices.yaml and fixtures/patient_side_effects.yaml: the check-in's
# practices and side-effect rows (forms.py translates them as they are shown;
# what is stored stays English, for the clinician). A test checks every label
# of both fixtures is here.
FIXTURE_LABELS = [
    gettext_noop("Mindfulness meditation"),
    gettext_noop("Exercise"),
    gettext_noop("Journaling"),
    gettext_noop("Connection with others"),
    gettext_noop("Nausea (feeling sick)"),
    gettext_noop("Headache"),
    gettext_noop("Jittery, anxious or on edge"),
    gettext_noop("Stomach upset or cramps"),
    gettext_noop("Trouble sleeping"),
    gettext_noop("Dizzy or light-headed"),
    gettext_noop("Fishy taste, burps or heartburn"),
    gettext_noop("Diarrhoea or loose stools"),
    gettext_noop("Itchy skin or a rash"),
    gettext_noop("Tingling or numbness in your hands or feet"),
    gettext_noop("Agitated, sweating, shaking or a racing heart"),
    gettext_noop("Seeing or hearing things other people don't"),
    gettext_noop("Racing thoughts, feeling unusually high, or hardly needing sleep"),
    gettext_noop("A seizure (fit) or fainting"),
]

# apps/diaries/views.py trends: each measure's name and unit, and the plan's
# phases (PHASE_WORDS), translated by templates/diaries/trends.html.
TREND_WORDS = [
    gettext_noop("Mood"),
    gettext_noop("0 worst to 10 best"),
    gettext_noop("Anxiety"),
    gettext_noop("0 calm to 10 most anxious"),
    gettext_noop("Energy"),
    gettext_noop("0 exhausted to 10 full of energy"),
    gettext_noop("Sleep"),
    gettext_noop("hours"),
    gettext_noop("Initial phase"),
    gettext_noop("Maintenance"),
    gettext_noop("Integration"),
]

# apps/protocols/selectors.py PHASE_LABELS: the plan's phase on the diary page.
PLAN_PHASES = [
    gettext_noop("Initial phase"),
    gettext_noop("Maintenance phase"),
    gettext_noop("Integration phase"),
]

# apps/trials/models.py OUTCOMES, named in the patient's trial result.
TRIAL_OUTCOMES = [gettext_noop("Sleep quality")]
