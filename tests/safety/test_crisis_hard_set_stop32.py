"""Rules written from round13-train-mixed.tsv (issue 17, stop 32).

The file (180 hard ordinary entries and 80 crises, written by a helper who opened
nothing) was measured with stop 31's detector before any rule was written from it: the
rules alone flagged 13 of its ordinary entries (docs/SAFETY.md, HZ-1). The families below
are what those false alarms had in common. The sentences are written for these tests,
not copied from the file; each has a twin on the same surface that must come out the
other way.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
TWINS = [
    (
        "a rating of suicidal thoughts answered zero in the next sentence",
        "The psychiatrist asked me to rate my suicidal thoughts out of ten. "
        "I said zero and I meant it.",
        "The psychiatrist asked me to rate my suicidal thoughts out of ten. "
        "I said three, it's more like nine.",
    ),
    (
        "a rating answered zero, then taken back",
        "Nurse asked me to score my thoughts of suicide. I said 0, which was true.",
        "Nurse asked me to score my thoughts of suicide. I said 0 but they are there every night.",
    ),
    (
        "a questionnaire's item ticked not at all",
        "Weekly form. Question 9, thinking I'd be better off dead, I ticked not at all.",
        "Weekly form. Question 9, thinking I'd be better off dead, I ticked nearly every day.",
    ),
    (
        "a questionnaire's item answered in the next sentence",
        "Item 9 asks about being better off dead. I ticked never.",
        "Item 9 asks about being better off dead. I ticked nearly every day.",
    ),
    (
        "a rating asked in Spanglish, answered cero",
        "La psicóloga me preguntó del uno al diez my suicidal thoughts. I said cero, y es verdad.",
        "La psicóloga me preguntó del uno al diez my suicidal thoughts. I said ocho.",
    ),
    (
        "an overdose taught at a first aid course",
        "First aid refresher at work: what to do for an overdose, a seizure or a stroke.",
        "I took an overdose after the first aid refresher at work.",
    ),
    (
        "an overdose met on an ambulance shift",
        "Ambulance shift: a fall, an overdose behind the station, a broken wrist. The overdose "
        "patient walked out.",
        "Ambulance shift ended and I came home and overdosed on my sleeping tablets.",
    ),
    (
        "a death wish about the heat (Spanish)",
        "Me quiero morir con este calor, 41 grados y sin aire.",
        "Me quiero morir con esta tristeza que no se va.",
    ),
    (
        "a death wish about a football team (Spanish)",
        "Perdimos otra vez, me quiero morir, no puedo más con este equipo.",
        "Perdí el trabajo otra vez, me quiero morir, no puedo más con esta vida.",
    ),
    (
        "rather be dead than phone a company",
        "I'd rather be dead than call the energy company again.",
        "I'd rather be dead than live another year like this.",
    ),
    (
        "a death wish on a race's course",
        "Half marathon done. I wanted to die around mile 10 but finished strong.",
        "Half marathon done. I wanted to die after it and I still do.",
    ),
    (
        "a window threatened over a word heard again",
        "If I hear the word pivot again I'll jump out the window.",
        "If he leaves again I'll jump out the window.",
    ),
    (
        "a threat to the florist, sworn in Spanglish",
        "The wedding is in a week and I swear voy a matar a la florista.",
        "He hit me again and I swear voy a matar a mi esposo.",
    ),
    (
        "a crisis line called to volunteer",
        "Rang the crisis line today to ask about volunteering, training starts in March.",
        "Rang the crisis line today because I was about to do something.",
    ),
    (
        "an idiom taken back in the next sentence",
        "I always say I'd rather be dead than do another audit. Another audit today, donuts after.",
        "I always say I'd rather be dead than do another audit. Today it didn't feel like a joke.",
    ),
    (
        "an idiom taken back in Spanish",
        "Siempre digo que me quiero morir con este calor. Hoy llovió por fin.",
        "Siempre digo que me quiero morir con este calor. Hoy es de verdad.",
    ),
    (
        "chest pain checked and cleared",
        "Chest pain on Sunday sent me to the walk-in clinic. Troponin and ECG both normal, "
        "it was reflux.",
        "Chest pain on Sunday, the ECG was normal then. But tonight it's back and going into "
        "my left arm.",
    ),
    (
        "a numb face checked and cleared (Spanish)",
        "Fui a urgencias porque se me durmió media cara. Me hicieron un TAC y salió normal, "
        "la neuróloga dijo que era ansiedad.",
        "Fui a urgencias la semana pasada y el TAC salió normal, pero hoy se me durmió media "
        "cara otra vez y no puedo hablar bien.",
    ),
    (
        "another attempt promised to work",
        "Missed my sponsor's call last week. This time I'll make sure to call back.",
        "The pills last week didn't work. This time I'll make sure.",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), TWINS, ids=[t[0] for t in TWINS])
def test_an_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts(family, ordinary, crisis):
    assert not crisis_reading(ordinary).flagged, ordinary
    assert crisis_reading(crisis).flagged, crisis
