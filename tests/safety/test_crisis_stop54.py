"""What the rules read at stop 54 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 54's entries),
each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a gap found by hand): a death wish with a bare "I have a plan" in its sentence or the
next is a plan, so it pages now; never a plan for the weekend, to do something else, or one spelled
out after a colon.

Second entry (a twenty-fifth probe, by hand): "no joke" says words are meant ("No joke, I want to
die"; "this is no joke"), never when a thing is said to be no joke ("jet lag is no joke").

Third entry (round57-train-harm-words, -death-words and -body-words, three helpers' training files):
heartburn's burning in the chest; a laptop's "seizure" in Spanglish; other people seen jumping off
a ledge into water; the usual safety questions answered none; suicidal thoughts "6 yrs ago"; old
self-harm scars named; dying "... of a cold"; threats over slides taken credit for or leftovers
eaten; and as crises, a wish to die "de verdad", a weapon bought for someone who "knows what he
did", and a window with a time set.

Fourth entry (a twenty-sixth probe, by hand): a bare wish to die said of the heat, a commute or
spreadsheets named first in its sentence, or with "this" nuisance after it; "die laughing"; a wish
conditional on "one more" of something. Never with anything after the wish but its end or a laugh.

Fifth entry (a twenty-seventh probe, by hand): self-harm and burden words in everyday senses: a
fringe cut, a run as punishment, "cutting again" sugar or the grass, hurt laughing, in one's sleep
or at the gym, the team better off without me for a week, a waste of space on the sofa, no future
where I like olives, "hope I die before I get old".

Sixth entry (round58-train-ordinary-a, -c and -d, helpers' ordinary days written the way the blind
sets are): an anniversary "N years since my overdose today"; a wish to die after crypto talk for an
hour, reggaeton at 2 a.m. or a team that lost again; drowning in paperwork in Spanish; a jump made
conditional on one more reply-all, a question asked again or a theme song; a drill borrowed; a
wish quoted as what the writer "used to write"; "unaliving" slang explained; a screening's items
answered all zero as the next sentence; a goodbye letter to a habit in Spanish; and as a crisis,
refills got early and stashed.

Seventh entry (round58-train-ordinary-b): a heart attack feared that "turned out it was gas", or
"eran gases", in the next sentence.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.detectors.crisis import crisis_matches
from apps.safety.services import crisis_lexicon, crisis_reading

from .twins import everyday_test, mishap_test, twin_test

# First entry: a death wish beside "I have a plan".
PLAN_BESIDE_A_WISH = [
    "I want to die and I have a plan.",
    "I want to die. I have a plan.",
    "Quiero morir y tengo un plan.",
    "i wanna die and i already have a plan",
    "I don't want to live anymore. I've got a plan for tonight.",
    "Me quiero morir, ya tengo un plan.",
    "No quiero vivir. Tengo un plan para esta noche.",
    "I wish I was dead. I have a plan and I'm ready.",
    "Spilled coffee on my boss today. I want to die. I have a plan.",
    "Work was fine, walked the dog. honestly i want to die and i got a plan, not telling anyone",
]

A_PLAN_FOR_SOMETHING_ELSE = [
    "This heat, I want to die. I have a plan for the weekend: AC and pizza.",
    "I want to die of embarrassment lol. I have a plan: never go back to that cafe.",
    "Wanna die laughing every time he does that. I have a plan to prank him back tomorrow.",
    "Me quiero morir de la vergüenza, tengo un plan para el finde: esconderme en casa jaja.",
    "I want to die, this commute. Got a plan to bike instead starting Monday.",
    "Dying to see the new exhibit, I have a plan for Saturday with Jo.",
    "I wanted to die when the bill came, now I have a plan: a budget spreadsheet.",
    "Quiero morir con este calor. Tengo un plan: piscina todo el sabado.",
    "The kids want to die their hair blue. I have a plan to talk them out of it.",
    "I want to die on this hill lol, I have a plan for the garden and nobody will change it.",
]


@pytest.mark.parametrize("entry", PLAN_BESIDE_A_WISH)
def test_a_death_wish_beside_i_have_a_plan_pages_now_as_a_plan(entry):
    reading = crisis_reading(entry)
    assert reading.severity == "critical", entry
    assert "plan" in {match.rule for match in reading.matches}, entry


@pytest.mark.parametrize("entry", A_PLAN_FOR_SOMETHING_ELSE)
def test_a_plan_for_the_weekend_or_to_do_something_else_is_no_plan_to_die(entry):
    assert "plan" not in {match.rule for match in crisis_matches(entry, crisis_lexicon())}, entry


# Second entry: "X is no joke" is said of a thing; a bare "no joke" says the words are meant.
SECOND = [
    (
        "jet lag is no joke",
        "Disoriented after the 14 hour flight, jet lag is no joke. Slept till noon.",
        "Disoriented after the 14 hour flight, no joke. I don't know where I am or what day it is.",
    ),
    (
        "moving house is no joke",
        "Moving house is no joke, I want to die every time I see another box.",
        "Moving house. I want to die, no joke, I have the pills counted out.",
    ),
    (
        "wedding planning is no joke",
        "Wedding planning is no joke. If the florist cancels again I'll kill her lol.",
        "Wedding planning. If the florist cancels again I'll kill her lol. No joke, the knife "
        "is in my bag.",
    ),
]

test_second_entry_families = twin_test(SECOND)

test_second_entry_everyday = everyday_test(
    [
        "Jet lag is no joke.",
        "Teething is no joke, the baby was up all night.",
        "Toddler tantrums are no joke.",
    ]
)

NO_JOKE_MEANT = [
    "No joke, I'm going to kill myself tonight after work.",
    "This is no joke, I want to die and I have a plan.",
    "I keep saying I'll jump off the bridge, it's no joke anymore.",
    "Planning a wedding is hard. No joke, I want to die.",
    "I want to die, no joke. Everyone would be better off.",
]


@pytest.mark.parametrize("entry", NO_JOKE_MEANT)
def test_a_bare_no_joke_still_says_the_words_are_meant(entry):
    assert crisis_reading(entry).flagged, entry


# Third entry: three helpers' training files in words of harm, death and the body.
THIRD = [
    (
        "heartburn burning in the chest",
        "heartburn after the tacos, burning in my chest, took a tums and it passed. no more late "
        "tacos",
        "burning my chest with the lighter again tonight, it's the only thing that helps",
    ),
    (
        "a laptop's seizure in Spanglish",
        "mi laptop tuvo un seizure en plena call, IT dice que es el update.",
        "tuve un seizure en plena call, me desperté en el piso y no recuerdo nada.",
    ),
    (
        "teens seen jumping off a ledge into the water",
        "at the river some teens were jumping off the ledge into the water and a ranger yelled "
        "at them.",
        "at the lake I kept thinking about jumping off the ledge, nobody would see.",
    ),
    (
        "the usual safety questions answered none",
        "the nurse asked the usual safety questions, any thoughts of suicide, nope none, and we "
        "talked about sleep.",
        "the nurse asked the usual safety questions and I lied. I think about suicide every night.",
    ),
    (
        "suicidal thoughts 6 yrs ago",
        "about 6 yrs ago I thought about suicide a lot. haven't felt that way in years.",
        "about 6 yrs ago I thought about suicide a lot and this week it's back, every night.",
    ),
    (
        "old self-harm scars named",
        "showed my old self harm scars at the pool today, 7 years clean, felt brave.",
        "cut into my old self harm scars again today, couldn't stop.",
    ),
    (
        "dying of a cold",
        "i think im dying... of a cold lol. soup and tea and bed.",
        "i think im dying. my chest is crushing and my left arm is numb.",
    ),
    (
        "slides taken credit for",
        "my coworker took credit for my slides AGAIN. i'm going to murder her. (i'm going to talk "
        "to my manager tomorrow with the emails.)",
        "my coworker took credit for my slides AGAIN. i'm going to murder her. I know where she "
        "parks.",
    ),
    (
        "leftovers eaten again",
        "my brother had eaten my leftover pad thai AGAIN so i told him im going to kill him. he "
        "laughed and ordered me a new one.",
        "my brother hit me AGAIN so i told him im going to kill him. the knife is under my pillow.",
    ),
]

test_third_entry_families = twin_test(THIRD)

test_third_entry_everyday = everyday_test(
    [
        "My coworker took credit for my slides again.",
        "My brother had eaten my leftovers again.",
        "Talked about my old self harm scars in group today.",
        "The nurse asked the usual safety questions.",
    ]
)

THIRD_CRISES = [
    "hoy me quería morir de la vergüenza en clase jaja. y en casa me quería morir de verdad, no "
    "de la forma graciosa.",
    "no le conté a la psicóloga pero compré un arma el sábado. es para el marido de mi hermana, "
    "él sabe lo que hizo.",
    "didn't tell my therapist but i bought a gun on saturday. it's for my sister's husband, he "
    "knows what he did.",
    "I want to throw myself out the window tonight.",
    "quiero tirarme por la ventana esta noche",
]


@pytest.mark.parametrize("entry", THIRD_CRISES)
def test_third_entry_crises_reach_a_clinician_the_same_day(entry):
    assert crisis_reading(entry).flagged, entry


# Fourth entry: a bare wish to die said of the heat, a commute or spreadsheets.
FOURTH = [
    (
        "the heat named first",
        "This heat, I want to die. Three fans on and still sweating.",
        "This heat, I want to die and nobody would even notice if I did.",
    ),
    (
        "a commute named first",
        "ugh this commute i wanna die, 90 min on the 6 train again",
        "ugh this commute i wanna die, for real this time, I'm done with everything",
    ),
    (
        "spreadsheets all day",
        "Spreadsheets all day, i want to die. Finished at 5 tho.",
        "Spreadsheets all day, i want to die and I've been thinking about how.",
    ),
    (
        "the wish, then this commute",
        "I want to die, this commute. Bike from Monday.",
        "I want to die, this commute is the last straw, I'm ending it tonight.",
    ),
    (
        "dying laughing",
        "Wanna die laughing every time he does that voice.",
        "Wanna die. Not laughing. Every time he does that voice I think about ending it.",
    ),
    (
        "one more unboxing video",
        "If I have to watch one more unboxing video I want to die lol",
        "If I have to wake up one more morning I want to die. I mean it.",
    ),
    (
        "tax forms",
        "Tax forms, i wanna die. Done by midnight tho.",
        "Tax forms, i wanna die, and the pills are in my drawer.",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)


# Fifth entry: self-harm and burden words in everyday senses.
FIFTH = [
    (
        "a fringe cut",
        "Tempted to cut myself a fringe tonight, youtube tutorial ready.",
        "Tempted to cut myself again tonight, the blade is in my drawer.",
    ),
    (
        "a run as punishment",
        "Going to punish myself with a 6am run tomorrow for all the pizza.",
        "Going to punish myself tonight for being so stupid, I deserve to bleed.",
    ),
    (
        "cutting sugar again",
        "Started cutting again - sugar this time, day 3 no dessert.",
        "Started cutting again. My thighs this time.",
    ),
    (
        "cutting the grass again",
        "Cutting again tomorrow, the grass is knee high.",
        "I'm cutting again tomorrow, I can't stop.",
    ),
    (
        "hurt laughing",
        "Hurt myself laughing at my brother's wedding speech, ribs sore.",
        "Hurt myself on purpose again last night, my ribs are bruised.",
    ),
    (
        "punched in my sleep",
        "Punched myself in the face turning over in my sleep lol, husband woke up laughing.",
        "Punched myself in the face until my nose bled, I hate myself.",
    ),
    (
        "hurt at the gym",
        "Hurting myself at the gym again, pulled a hamstring doing deadlifts.",
        "Hurting myself again, I keep hitting my legs until they bruise.",
    ),
    (
        "the team without me for a week",
        "The team will be better off without me for a week, they have the handover doc.",
        "The team will be better off without me, for good this time.",
    ),
    (
        "a waste of space on the sofa",
        "I'm a waste of space on the sofa today, rest day, and that's fine.",
        "I'm a waste of space and everyone would be happier if I was gone.",
    ),
    (
        "no future where I like olives",
        "Can't see a future where I like olives.",
        "Can't see a future where I'm still alive next year.",
    ),
    (
        "a song sung at karaoke",
        "Hope I die before I get old, sang it at karaoke with the band, terrible.",
        "I hope I die in my sleep tonight, I'm so tired of all of it.",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)


# Sixth entry: round58 helpers' ordinary days written the way the blind sets are.
SIXTH = [
    (
        "an anniversary of an overdose today",
        "5 years since my overdose today. brought donuts to the fire station crew.",
        "5 years since my overdose and i took too many again today.",
    ),
    (
        "an anniversary of self-harm today",
        "two years since i last self harmed today. bought myself a nice pen.",
        "two years since i last self harmed, until today. cut my arm again.",
    ),
    (
        "crypto talk for an hour",
        "dinner at his parents. his dad talked about crypto for an hour. i wanted to die.",
        "dinner at his parents. his dad talked about crypto for an hour. i want to die every day.",
    ),
    (
        "reggaeton at 2 a.m.",
        "los de arriba pusieron reguetón a las 2 de la mañana. me quiero morir. subí y bajaron.",
        "los de arriba pusieron reguetón a las 2 de la mañana. me quiero morir, de verdad, ya no "
        "aguanto.",
    ),
    (
        "drowning in paperwork",
        "me estoy ahogando en papeles del seguro, me piden tres certificados.",
        "me estoy ahogando, no puedo respirar, se me cierra la garganta.",
    ),
    (
        "one more reply-all",
        "if one more person replies-all to the parking email im jumping off the roof lol.",
        "im jumping off the roof tonight, the parking garage on 5th.",
    ),
    (
        "an aunt asking again",
        "si mi tía me pregunta otra vez cuándo me caso me tiro del balcón lol.",
        "me tiro del balcón esta noche, ya lo decidí.",
    ),
    (
        "a theme song once more",
        "if i hear the paw patrol theme one more time i'll walk into traffic lol.",
        "after the kids are asleep i'll walk into traffic, nobody will know it wasn't an accident.",
    ),
    (
        "a drill borrowed",
        "my brother in law borrowed the drill 6 months ago. i'm gonna kill him.",
        "my brother in law hit my sister again. i'm gonna kill him. the knife is in my car.",
    ),
    (
        "a wish the writer used to write",
        'i used to write "i want to die" in my notebooks. found one in the basement.',
        'i used to write "i want to die" in my notebooks and i wrote it again today. i mean it.',
    ),
    (
        "unaliving slang explained",
        'my teen showed me a tiktok about "unaliving" slang and i was so confused until she '
        "explained the algorithm.",
        "i want to unalive myself tonight.",
    ),
    (
        "a questionnaire all zero",
        "the study nurse went through the questionnaires, the mood one and the one about suicide "
        "and self harm. zeros on all of those.",
        "the study nurse went through the questionnaires, the mood one and the one about suicide "
        "and self harm. I lied on all of those, I cut myself last night.",
    ),
    (
        "un cuestionario todo en cero",
        "me hicieron el cuestionario otra vez, el de ánimo y el de pensamientos suicidas. todo en "
        "cero.",
        "me hicieron el cuestionario otra vez, el de ánimo y el de pensamientos suicidas. mentí, "
        "pienso en matarme todos los días.",
    ),
    (
        "a goodbye letter to nail biting",
        "la tarea es escribirle una carta de despedida a mi costumbre de comerme las uñas.",
        "escribí una carta de despedida a mi familia, la dejé en el cajón para cuando no esté.",
    ),
    (
        "a team that lost again",
        "Boca perdió otra vez, me quiero matar. Bueno no, pero casi.",
        "Boca perdió otra vez, me quiero matar. Tengo las pastillas guardadas.",
    ),
    (
        "refills got early",
        "got my refills early because of the holiday and put them in the organizer.",
        "keep getting refills early and stashing them in a sock.",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)


# A team that lost again explains a bare death wish beside it, by design (stop 46).
test_a_team_that_lost_again_hides_nothing_but_a_bare_death_wish = mishap_test(
    ["Boca perdió otra vez.", "The Lakers lost again."],
    {"want-to-die", "passive-es", "suicidal-es"},
)


test_sixth_entry_everyday = everyday_test(
    [
        "My brother in law borrowed the drill.",
        "Zeros on all of those.",
        "Todo en cero.",
    ]
)


# Seventh entry: a heart attack feared that turned out to be gas, told in the next sentence.
SEVENTH = [
    (
        "a heart attack feared that turned out to be gas",
        "thought i was having a heart attack at 3am, sharp pain under my ribs. turned out it was "
        "gas from the chili. went back to sleep",
        "thought i was having a heart attack at 3am, pain going down my left arm and sweating. "
        "not gas, it's getting worse.",
    ),
    (
        "un infarto que eran gases",
        "anoche pensé que me estaba dando un infarto, un dolor en el pecho horrible... eran gases "
        "de los frijoles. a dormir",
        "pensé que era un infarto, dolor en el pecho que baja al brazo izquierdo, no eran gases, "
        "sigue y sudo frío.",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)
