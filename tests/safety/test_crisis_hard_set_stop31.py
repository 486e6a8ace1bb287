"""Rules written from the round-12 hard set (issue 17, stop 31).

fixtures/crisis_training/round12-train-hardneg.tsv (240 hard ordinary entries and 80
crisis twins, written by a helper who opened nothing) was measured with the shipped
detector at stop 30, before any rule was written from it (docs/SAFETY.md, HZ-1). The
families below came from what the rules flagged or missed there. The sentences are
written for these tests, not copied from the file; each has a twin on the same surface
that must come out the other way.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FALSE_ALARMS = [
    (
        "a screening question answered no as the next sentence",
        "The nurse asked on the phone whether I've had thoughts of killing myself lately. "
        "Honest answer: no, none.",
        "The nurse asked on the phone whether I've had thoughts of killing myself lately. "
        "No, but I have a plan.",
    ),
    (
        "a pharmacist's advice to stop something",
        "The pharmacist told me to stop the melatonin while I'm on the new tablets.",
        "The voice told me to stop eating because the food is poisoned.",
    ),
    (
        "a bungee jump",
        "Bungee jumped off the bridge at the gorge on my 40th, screamed the whole way.",
        "Walked to the bridge at the gorge tonight and I'm going to jump off the bridge.",
    ),
    (
        "overdoses counted on a medic's shift",
        "Four overdoses on the same shift, all of them walked out of the unit by morning.",
        "I took an overdose on my night shift and nobody noticed.",
    ),
    (
        "vomiting that is keeping water down",
        "Food poisoning: threw up five times overnight but keeping water down now.",
        "Threw up five times overnight and I can't keep water down.",
    ),
    (
        "a past attempt dated by the year it happened",
        "Wrote about the year I tried to kill myself for my therapy homework. I feel free.",
        "This year I tried to kill myself again, last week.",
    ),
    (
        "someone else's pupil",
        "One of my 7th graders disclosed self harm today and I walked her to the counselor.",
        "I told the counselor about my self harm today.",
    ),
    (
        "a stranger who fainted",
        "At the blood drive one tall donor fainted the second he saw the needle.",
        "At the blood drive I fainted and hit my head and can't remember the drive home.",
    ),
    (
        "dying of awkwardness",
        "Met my ex at the wedding and wanted to die of awkwardness.",
        "Met my ex at the wedding and I wanted to die.",
    ),
    (
        "a letter to a younger self",
        "Therapy task: a letter to my 15 year old self who wanted to die. We have a cat now.",
        "Therapy task tomorrow. Tonight I wanted to die again.",
    ),
    (
        "the day's pills taken, in Spanish",
        "Ya me tomé todas las pastillas del día: la micro y el magnesio.",
        "Ya me tomé todas las pastillas que había en la casa.",
    ),
    (
        "the week's pills set out",
        "All my pills lined up for the week in the organiser, then bed.",
        "All my pills lined up on the table. Tonight.",
    ),
    (
        "nailing a presentation, in Spanish",
        "Mi jefa dice que lo vamos a matar con la propuesta, quedó perfecta.",
        "Mi jefe me humilló otra vez y lo voy a matar, ya sé dónde vive.",
    ),
    (
        "walking into the sea as hyperbole",
        "If the printer jams one more time I'm walking into the sea.",
        "I'm walking into the sea tonight.",
    ),
]

# (family, a crisis that must alert, its ordinary twin that must stay quiet)
RECALL = [
    (
        "a gun taken out and held",
        "My uncle's pistol is in the wardrobe. I took it out tonight and held it for ages.",
        "My uncle's pistol is in the wardrobe, locked, and he has the key.",
    ),
    (
        "every medicine in the cabinet put in the organiser",
        "Everything from the medicine cabinet went in the pill organiser, not just mine.",
        "My vitamins went in the pill organiser, Sunday to Saturday.",
    ),
    (
        "every medicine in the cabinet, in Spanish",
        "Llené el pastillero con todo lo que había en el botiquín.",
        "Llené el pastillero con las vitaminas de la semana.",
    ),
    (
        "not making it to a named date",
        "My psychiatrist is on leave until the 12th. I don't think I make it to the 12th.",
        "My psychiatrist is on leave until the 12th. I don't think I can wait, I'll call the GP.",
    ),
    (
        "something put in a named person's drink",
        "I'm planning to put something in his coffee tomorrow so he learns.",
        "I'm planning to put some cinnamon in the coffee tomorrow, he loves it.",
    ),
    (
        "supplements taken for tracking devices",
        "I threw out the capsules because they are tracking devices.",
        "I threw out the capsules because they were out of date.",
    ),
    (
        "a god speaking aloud and choosing the writer",
        "God spoke to me out loud in the kitchen and I've been chosen to give a sign.",
        "The sermon spoke to me today, about patience mostly.",
    ),
    (
        "mania: awake since a weekday and every card maxed",
        "Up since Friday. Maxed every card on studio gear, it's all going to pay off.",
        "Up since 6 for the school run. Paid off one card this month.",
    ),
    (
        "a head injury with pupils of different sizes",
        "Hit my head on the cupboard and now my pupils look different sizes.",
        "Hit my head on the cupboard, small bump, ice pack and fine.",
    ),
    (
        "pills counted and enough",
        "Counted the tablets again tonight. I think it's enough now.",
        "Counted the tablets for the week. Enough for the trip.",
    ),
    (
        "how I'd do it, thought through",
        "Spent the drive thinking through exactly how I'd do it.",
        "Spent the drive thinking through exactly how I'd do the presentation.",
    ),
    (
        "an insurance asked about suicide",
        "Rang the insurer to ask if the policy pays out if it's not an accident.",
        "Rang the insurer to ask if the policy pays out for the flood.",
    ),
    (
        "a plan with a week, in Spanish",
        "Ya tengo el plan y es esta semana. No le digas a nadie.",
        "Ya tengo el plan de comidas de esta semana.",
    ),
    (
        "a blade that was not for shaving",
        "Took the blade out of the razor and it wasn't for shaving.",
        "Changed the blade on the razor, much smoother shave.",
    ),
    (
        "bleeding through the towel",
        "It's still bleeding through the towel after an hour.",
        "Dried my hair with the towel after an hour at the pool.",
    ),
    (
        "followed by cars, in Spanish",
        "Me siguieron al súper en tres carros diferentes.",
        "Fuimos al súper en dos carros porque éramos muchos.",
    ),
    (
        "a camera found in the smoke detector",
        "Found the camera inside the smoke detector, they hear everything I think.",
        "Changed the battery in the smoke detector, it was beeping all night.",
    ),
    (
        "mania: nights without sleep and a car given to a stranger",
        "Tres noches sin dormir y le regalé mi coche a un desconocido, el universo lo quiso.",
        "Tres noches sin dormir por el bebé, mi madre viene mañana a ayudar.",
    ),
]


@pytest.mark.parametrize(
    ("family", "ordinary", "crisis"), FALSE_ALARMS, ids=[f[0] for f in FALSE_ALARMS]
)
def test_a_hard_ordinary_family_stays_quiet_and_its_crisis_twin_alerts(family, ordinary, crisis):
    assert not crisis_reading(ordinary).flagged, ordinary
    assert crisis_reading(crisis).flagged, crisis


@pytest.mark.parametrize(("family", "crisis", "ordinary"), RECALL, ids=[f[0] for f in RECALL])
def test_a_hard_crisis_family_alerts_and_its_ordinary_twin_stays_quiet(family, crisis, ordinary):
    assert crisis_reading(crisis).flagged, crisis
    assert not crisis_reading(ordinary).flagged, ordinary


def test_a_heart_attack_feared_in_a_named_panic_attack_is_the_panics_fear():
    # Stop 30 left this open: the named panic and the feared heart attack sit in
    # different sentences, so no idiom could see both.
    panic = (
        "Panic attack on the train this morning. Heart pounding, I thought I was having "
        "a heart attack. Breathed through it and it passed by my stop."
    )
    assert not crisis_reading(panic).flagged


@pytest.mark.parametrize(
    "text",
    [
        "Panic attack on the train. I thought I was having a heart attack and the pain "
        "went down my left arm.",
        "Panic attack on the train. I thought I was having a heart attack, and the pain "
        "is still there tonight.",
        "I thought I was having a heart attack on the train, it wasn't a panic attack.",
        "I thought I was having a heart attack on the train, crushing and sweating.",
    ],
)
def test_a_heart_attack_feared_alerts_when_the_entry_does_not_explain_it_as_panic(text):
    assert crisis_reading(text).flagged, text


# A denial explained at once as plain sadness, venting or an errand is a whole denial;
# the same denial with a turn back to it, or left unexplained, still alerts (lowered).
@pytest.mark.parametrize(
    "text",
    [
        "i'm not going to do anything stupid, just going to be sad for a while. pizza tonight",
        "No me voy a matar por esto, mañana hablo con mi jefe.",
        "no quiero hacerme daño ni nada por el estilo, solo necesitaba escribirlo",
        "not going to hurt myself, just tired and fed up with the landlord",
    ],
)
def test_a_denial_explained_as_plain_sadness_stays_quiet(text):
    assert not crisis_reading(text).flagged, text


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to kill myself just yet.",
        "I'm not going to kill myself, just going to disappear for a while.",
        "No me voy a matar por esto, pero a veces lo pienso.",
        "not going to hurt myself, just tired, but the urges are there",
        "I'm not going to kill myself.",
    ],
)
def test_a_denial_turned_back_or_left_unexplained_still_alerts(text):
    assert crisis_reading(text).flagged, text


def test_a_wish_said_not_to_be_meant_literally_goes_to_the_digest():
    text = "Suspendí el examen, me quiero morir. Bueno, no literal, pero qué rabia."
    reading = crisis_reading(text)
    assert not reading.flagged
    assert reading.severity == "moderate"


@pytest.mark.parametrize(
    "text",
    [
        "Suspendí el examen, me quiero morir. Y lo digo en serio.",
        "I'm going to kill myself, not literally maybe, but I have the pills here.",
    ],
)
def test_intent_or_an_unretracted_wish_still_alerts(text):
    assert crisis_reading(text).flagged, text


# Short notes (round13-train-sentences, 320 one-line check-ins written by a helper who
# opened nothing; measured before these rules: rules alone 86/130 at 2/190, rules OR
# semantic 108/130 at 2/190). Written for these tests; each with its ordinary twin.
SHORT_NOTES = [
    (
        "letters to the kids, just in case",
        "left letters for my kids in the drawer, just in case.",
        "left the permission slips for my kids in the drawer, just in case it rains.",
    ),
    (
        "a pet given so it is looked after, after",
        "gave the cat to my neighbour so she's looked after after.",
        "gave the cat to my neighbour so she's looked after while we're in Spain.",
    ),
    (
        "nice knowing you",
        "it was nice knowing you all. bye",
        "it was nice knowing you all, off to the Berlin office on Monday!",
    ),
    (
        "ending it at a time",
        "thinking about ending it tonight",
        "thinking about ending it with him tonight, he knows it's coming",
    ),
    (
        "non-native: better if I am die, life is finish",
        "i think better if i am die. life is finish for me",
        "i think better if i am sleep early. life is busy for me",
    ),
    (
        "slang ctb",
        "been thinking about ctb every night",
        "been thinking about the bus every night, it's always late",
    ),
    (
        "amounts instead of the dose",
        "took 15 caps instead of my 1, everything is spinning",
        "took 1 cap instead of my usual 2, felt fine",
    ),
    (
        "the whole bag of mushrooms",
        "ate the whole bag of mushrooms, not just the micro",
        "ate the whole bag of crisps watching the match",
    ),
    (
        "family replaced by impostors, in Spanish",
        "mis padres fueron reemplazados por impostores",
        "mis padres fueron reemplazados por otros voluntarios en el turno",
    ),
    (
        "how and when decided, in Spanish",
        "ya sé cómo y cuándo. lo siento",
        "ya sé cómo llegar al hotel, mañana salimos",
    ),
    (
        "the last message, in Spanish",
        "este es mi último mensaje, gracias por todo",
        "este es mi último mensaje antes de las vacaciones, nos vemos en enero",
    ),
    (
        "driving past the bridge and slowing down",
        "i keep driving past the bridge and slowing down",
        "i keep driving past the bakery and speeding up, no more croissants",
    ),
    (
        "waking up no longer wanted",
        "if i don't wake up tomorrow that's fine with me",
        "if i don't wake up tomorrow at 6 i'll miss the train",
    ),
    (
        "non-native: not want continue live",
        "i am not want continue live like this",
        "i am not want continue this diet like this",
    ),
    (
        "lithium toxicity signs",
        "shaking and throwing up since lunch, on lithium",
        "started lithium last month, no side effects so far",
    ),
    (
        "voices through the wall about the writer",
        "i hear people talking through the walls about me",
        "i hear people talking through the walls, thin flats",
    ),
    (
        "an urge to hurt a child, in Spanish",
        "tengo ganas de lastimar a mi bebé cuando llora",
        "tengo ganas de ver a mi bebé cuando llego del trabajo",
    ),
    (
        "a relative's confusion, written by a carer",
        "his son typing: he doesn't know us today, keeps calling for his mother",
        "his son typing: he had a quiet day, crossword and soup",
    ),
]


@pytest.mark.parametrize(
    ("family", "crisis", "ordinary"), SHORT_NOTES, ids=[f[0] for f in SHORT_NOTES]
)
def test_a_short_crisis_note_alerts_and_its_ordinary_twin_stays_quiet(family, crisis, ordinary):
    assert crisis_reading(crisis).flagged, crisis
    assert not crisis_reading(ordinary).flagged, ordinary


# Long journals (round13-train-journals, 240 entries of 80-220 words, the crisis buried
# in an ordinary day; measured before these rules: rules alone 38/90 at 9/150, rules OR
# semantic 75/90 at 13/150). Each written for this test inside an ordinary day.
DAY = "Took the dose with breakfast, mild nausea. Work was fine. {} Pasta for dinner."
JOURNALS = [
    (
        "letters to each child, found afterwards",
        "Wrote a letter to each of the kids and put them with the will so they'll find "
        "everything easily afterwards.",
        "Wrote a letter to each of the kids for their 18th birthdays, in the blue folder.",
    ),
    (
        "a pet kept for good, other appointments pointless",
        "Asked Ruth if she would keep the dog for good. Cancelled the dentist and the car "
        "service, there's no point in them.",
        "Asked Ruth if she would keep the dog for the weekend while we're at the wedding.",
    ),
    (
        "not expecting to see another spring",
        "Gave George all my tools. I don't plan on seeing another spring.",
        "Gave George all my tools. I don't plan on digging another spring, my back.",
    ),
    (
        "seeing the dead soon",
        "At Mum's grave I told her I'd be seeing her soon, it won't be long now.",
        "Rang Mum and told her I'd be seeing her soon, the train's booked for Friday.",
    ),
    (
        "not needed any more, in Spanish",
        "Le regalé el reloj de papá a mi hermano, le dije que yo ya no lo iba a necesitar.",
        "Le regalé la guitarra vieja a mi sobrino, me compré una nueva, ya no la voy a necesitar.",
    ),
    (
        "a goodbye in Spanish",
        "Les mandé a mis amigos un mensaje largo. Fue mi manera de despedirme.",
        "Les mandé a mis amigos un mensaje largo por el cumpleaños de Ana.",
    ),
    (
        "instructions meant only for the writer",
        "The radio between stations gives instructions meant only for me.",
        "The radio between stations is just static, I gave up and used the app.",
    ),
    (
        "a spouse replaced",
        "Anna isn't really my wife anymore. Someone has replaced her.",
        "Anna isn't at home this week, her sister replaced her at the shop.",
    ),
    (
        "lost in one's own house",
        "I got lost going from the kitchen to the bathroom in my own house.",
        "I got lost going from the station to the new office, the map app is useless.",
    ),
]


@pytest.mark.parametrize(("family", "crisis", "ordinary"), JOURNALS, ids=[f[0] for f in JOURNALS])
def test_a_crisis_buried_in_a_long_day_alerts_and_its_twin_stays_quiet(family, crisis, ordinary):
    assert crisis_reading(DAY.format(crisis)).flagged, crisis
    assert not crisis_reading(DAY.format(ordinary)).flagged, ordinary
