"""What the rules read at stop 49 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 49's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe: each known crisis of the property tests with an everyday sentence after it,
or a filler word before it): a laugh never drops a threat to someone else in an entry that shows
the threat is meant (a weapon, "I meant it", where they live, an attack on a school); it lowers it
one level. "I mean it" takes a joke back. "cut again" after a filler word that opens the sentence
("idk man", "ngl", "PS") is a relapse.

Second entry (round49-train-sentences-b, round49-train-journals-v): crises no rule read (a blade
named and used on the body; wrists scratched with something until they bleed; "then I cut anyway"
after an urge; insurance checked for suicide; "busqué formas de morir"; "mejor que me muera"; the
only way the pain ends; a therapist working with the government to track the writer; a bat taken
to someone's office; a week's pills in one day; benzodiazepines with drinks; "day 4 with barely
any sleep" with grand plans) and false alarms with an everyday reading in their words ("I'm not
thinking about hurting anyone", a seizure medicine, a peer's overdose years ago in Spanish).

Third entry (round49-train-rules-fa-m): a match inside a quote is someone else's when the nearest
person before the last word of speech ahead of the quote is someone else ("my 6 year old told me
today "I want to die""), never the writer's own quote ("I told my mom "I want to die""); the writer
joining after a closing quote ('... and I said "me too."'); "and of me" is not "and off me";
breathlessness inside a panic that passed; "I meant it the normal way" takes no joke back.

Fourth entry (a probe of the way people type on a phone): where a rule takes the entry's end as its
sentence's end, a closing bracket, a slash, a spaced dash or an emoji ends it too.

Fifth entry (round49-train-rules-fa-n, round49-train-voice): false alarms with an everyday reading
in their own words (a burden to one's team, ending it with a group chat, no way out of a named
job, a faint while giving blood in Spanish, a coach who collapsed, the weirdest dream, passing
out from hunger, the only voices in one's head being one's worries, a question answered "not
anymore"), and manias no rule read (a cure for climate change emailed to the UN with no sleep
since Friday; flights to three countries with "day 4 no sleep").

Sixth entry (the first entry's probe with thirty more frames): "cut again" after a Spanish filler
("la neta", "o sea", "pues") or a laugh opening the sentence ("jaja") is a relapse.

Seventh entry (round50-train-spanish-k): Spanish false alarms with an everyday reading in their
words ("ya no aguanto" of a named thing or beside the heat, the traffic, a queue; waking late on a
day off; voices with their source; faints after a vaccine or a long queue that passed; a goal
conceded; a motorbike's exhaust), and the crises no rule read (hitting oneself until bruised,
cigarette burns, "tenemos con qué ... lo vamos a esperar", "le voy a romper la cabeza").

Eighth entry (round51-train-overdose): overdoses no rule read (a week's organiser at once, a
sleeping tablet or a benzodiazepine with drinks, doses counted through the day, insulin twice,
the rest of someone's opioids, every pill in the cabinet, "Seroquel x8", patches stacked, Spanish
counts) and the noun "overdose" in everyday compounds.

Ninth entry (the probe with ten laughs after each known crisis): "jk... or not" and "lol but fr"
take a joke back.

The entries here are written for these tests, not copied from the training files.
"""

from apps.safety.detectors.crisis import crisis_matches
from apps.safety.services import crisis_lexicon, crisis_reading

from .twins import frame_test, opening_test, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "a threat with a laugh after it, and a knife",
        "My roommate ate my leftovers again. I'm going to strangle him. Lol.",
        "I bought a knife and I'm going to use it on him. Lol.",
    ),
    (
        "a threat with a laugh after it, and 'I meant it'",
        "Told my sister I'd kill her if she spoiled the finale. Lol.",
        "I told my sister I'd kill her if she told anyone, and I meant it. Lol.",
    ),
    (
        "a threat to a school with a laugh after it",
        "Finals week is going to kill me. Haha.",
        "I want to shoot up my school. Haha.",
    ),
    (
        "a threat, knowing where he lives, and a laugh",
        "My boss moved my shift again. Lol.",
        "I'm going to make my boss pay, I know where he lives. Lol.",
    ),
    (
        "a threat with a laugh, then 'I mean it'",
        "My brother took my charger again, I'm going to kill him lol. Anyway pizza tonight.",
        "My brother took my charger again, I'm going to kill him lol. I mean it this time.",
    ),
    (
        "a relapse after 'idk man'",
        "idk man cut my hair again, shorter this time.",
        "idk man cut again last night, deeper this time.",
    ),
    (
        "a relapse after 'PS'",
        "PS cut again by the landscaper, the lawn looks great.",
        "PS cut again last night, it's bad.",
    ),
]

test_first_entry_families = twin_test(FIRST)


def test_a_laugh_lowers_a_threat_with_a_weapon_one_level_and_never_drops_it():
    entry = "I bought a knife and I'm going to use it on him. Lol."
    matches = crisis_matches(entry, crisis_lexicon())
    assert [m.severity for m in matches] == ["high"]


def test_a_plain_threat_with_a_laugh_and_nothing_else_is_still_a_joke():
    assert not crisis_reading("I'm going to strangle my roommate lol.").flagged


# The probe's filler openings, kept: after each, in the same sentence, every known crisis of the
# property tests is still found. "idk man" and "PS" hid "cut again last night" on the start code.
test_no_filler_opening_hides_a_known_crisis = opening_test(
    ["idk man", "PS", "ngl", "tbh", "btw", "Also", "fr", "Update:", "Honestly?", "So yeah,"]
)


SECOND = [
    (
        "a blade named and used on the body",
        "Used the craft knife on my cardboard model all evening, the bridge finally stands.",
        "Update: used my mom's sewing scissors on my thigh. Hid it with jeans.",
    ),
    (
        "wrists scratched with something until they bleed",
        "Mosquito bites on my ankles, scratched them with a fork handle, gross I know.",
        "been scratching my wrists with a paperclip during class till they bleed",
    ),
    (
        "an urge, then 'I cut anyway'",
        "Tried the rubber band thing my therapist said and it worked, no cutting tonight.",
        "Tried the rubber band thing my therapist said, snapped it hard, and then I cut anyway.",
    ),
    (
        "insurance checked for suicide",
        "Checked if my life insurance covers the new car. It doesn't, calling the agent Monday.",
        "checked if my life insurance covers suicide. it does",
    ),
    (
        "ways to die searched, in Spanish",
        "Anoche busqué formas de dormir mejor, voy a probar el té de manzanilla.",
        "Anoche busqué formas de morir sin dolor.",
    ),
    (
        "'better that I die', in Spanish",
        "Mejor me muero de risa que de aburrimiento, fuimos al karaoke.",
        "Estoy harto de ser una carga, mejor que me muera y ya.",
    ),
    (
        "the only way the pain ends",
        "The physio says the only way the pain ends is if I do the stretches. Did them.",
        "Feels like the only way the pain ends is if I end. Ate breakfast though.",
    ),
    (
        "someone working with the government to track the writer",
        "My cousin is working with the government on a housing grant, proud of her.",
        "Pretty sure my therapist is working with the government to track me through this app.",
    ),
    (
        "a bat taken to someone's office",
        "Going to the coach's office tomorrow with a bat that cracked, hoping for a refund.",
        "Im going to the landlord's office tomorrow with a bat. He'll see.",
    ),
    (
        "a week's pills in one day",
        "Sorted all my meds for the week today, the organiser is full.",
        "took all my adderall for the week today to finish the project, heart going crazy",
    ),
    (
        "benzodiazepines counted with drinks",
        "Took 2 ibuprofen at the party for my headache, stuck to soda.",
        "Took 6 xanax at the party plus drinks, I can barely stand.",
    ),
    (
        "no sleep for days with grand plans",
        "Day 4 with barely any sleep because of the baby. Husband took the night shift, bliss.",
        "Day 4 with barely any sleep. Quit my job this morning because I'm meant for bigger "
        "things. Put a deposit on a building.",
    ),
    (
        "a denial of thoughts of hurting anyone",
        "I'm not thinking about hurting anyone, just angry at my ex, wrote it out instead.",
        "I'm not thinking about hurting anyone except my ex, and I know where he lives.",
    ),
    (
        "a seizure medicine, not a seizure",
        "Doctor changed my seizure med and I'm kind of foggy. Coffee and an early night.",
        "Had a seizure this morning, first in a year, and my tongue is bleeding.",
    ),
    (
        "a peer's overdose years ago, in Spanish",
        "Anoche en la reunión un compañero contó cómo casi muere de sobredosis hace cinco años.",
        "Anoche tomé una sobredosis de mis pastillas y no puedo despertar bien.",
    ),
]

test_second_entry_families = twin_test(SECOND)


THIRD = [
    (
        "a child's death wish quoted, words between the speaker and the quote",
        'my 6 year old told me today "I want to die" because I cut her toast into triangles.',
        'my 6 year old asked what was wrong and I told her "I want to die" and I meant it.',
    ),
    (
        "someone who 'wants to die' over small things",
        'Mum rang about her neighbour who "wants to die" every time the bins are late.',
        'Mum rang and I told her I "want to die" every time I wake up.',
    ),
    (
        "an aunt's status quoted, in Spanish",
        'My aunt\'s WhatsApp status today: "Me quiero morir, se me quemó el flan" with a photo.',
        'Mi estado de WhatsApp hoy: "Me quiero morir, ya no aguanto." Nadie preguntó.',
    ),
    (
        "someone else's words, then the writer joins in",
        'My brother said "I want to die" when his team lost, and I said "drama queen."',
        'My brother said "I want to die" and I said "me too." I meant it.',
    ),
    (
        "'and of me' is not 'and off me'",
        "Proud of him, and of me for not rising to the bait.",
        "I just want to go home and off myself.",
    ),
    (
        "breathlessness inside a panic that passed",
        "Had a panic attack in the supermarket, couldn't get a full breath. Did the 5-4-3-2-1 "
        "thing and it passed in ten minutes.",
        "Can't get a full breath and my lips look blue, it's been an hour.",
    ),
    (
        "'I meant it the normal way' takes no joke back",
        "Told my sister I'd kill her if she spoiled the finale, lol. I meant it the normal way.",
        "Told my sister I'd kill her if she told anyone, lol. I meant it.",
    ),
]

test_third_entry_families = twin_test(THIRD)

# The writer's own words in quotes stay the writer's: in each frame every known crisis of the
# property tests is still found.
test_no_quote_of_the_writers_own_words_hides_a_known_crisis = frame_test(
    [
        'I told my therapist "{crisis}"',
        'My mom asked how I was and I said "{crisis}"',
        'Texted my sister "{crisis}"',
        'My therapist asked what was wrong. I said "{crisis}"',
        'Mi mamá me preguntó y le dije "{crisis}"',
        'When my wife asked, I told her "{crisis}"',
        'My son asked what\'s wrong and I screamed "{crisis}"',
        'Posted "{crisis}" on my story.',
        'My status today: "{crisis}"',
        'My boss said "good job" today. {crisis}',
    ]
)


# Fourth entry: the probe's frames, kept. In each, every known crisis of the property tests is
# still found; the slash, dash, bracket and emoji frames hid three or more on the start code.
test_no_way_of_typing_on_a_phone_hides_a_known_crisis = frame_test(
    [
        "slept bad / {bare} / took dose",
        "- slept ok - {bare} - took dose",
        "Slept ok, took my dose ({bare}).",
        "{bare} 😔",
        "{bare} 💀",
        "Slept ok, took my dose. P.S. {crisis}",
        "Slept ok\n{crisis}\nTook my dose",
        "idk... {bare}...",
        "{bare}",
    ]
)


FOURTH = [
    (
        "a date picked, between slashes",
        "slept ok / we picked the date for the wedding / took dose",
        "slept bad / i've picked the date / took dose",
    ),
    (
        "not safe, with an emoji after it",
        "The ice on the pond is not safe 😬 kids stayed on the bank.",
        "I really need someone to call me today, I'm not safe 😔",
    ),
    (
        "a farewell to the journal with an emoji and more after it",
        "ok bye journal 💛 see u tomorrow",
        "ok bye journal 💛",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)


FIFTH = [
    (
        "a burden to one's team at work",
        "Feel like a total burden on my team this week, I missed two deadlines with the flu.",
        "I feel like a total burden on everyone, they'd all be better off without me.",
    ),
    (
        "ending it with a group chat",
        "Thought about ending it with the uni group chat, too much drama. Muted it instead.",
        "Thought about ending it tonight with the pills I saved.",
    ),
    (
        "no way out of a named job",
        "Stuck in a dead end job and I can't see a way out. Signed up for an evening course.",
        "I'm 14k in debt and I can't see a way out except one. I've written a note.",
    ),
    (
        "a faint while giving blood, in Spanish",
        "Me desmayé donando sangre. Me dieron jugo y galletas. Por la tarde estaba bien.",
        "Me desmayé dos veces hoy y me duele mucho el pecho.",
    ),
    (
        "a coach who collapsed",
        "Coach collapsed at my son's football match. His sugar was low and he came round.",
        "Collapsed at my son's football match and my chest still hurts, going numb on the left.",
    ),
    (
        "the weirdest dream",
        "Had the weirdest dream where the radio was talking directly to me. Woke up laughing.",
        "The radio is talking directly to me again, it knows what I'm thinking.",
    ),
    (
        "passing out from hunger",
        "the meeting ran soooo long i thought i was gonna pass out from hunger. ate a granola bar",
        "passed out in the shower and hit my head, still dizzy and throwing up",
    ),
    (
        "the only voices in one's head being one's worries",
        'only voices in my head today were "did u lock the door". typical anxiety brain.',
        "the only voices in my head today were telling me to hurt myself",
    ),
    (
        "a question answered 'not anymore'",
        "they asked me in group if i ever think about ending it and i said not anymore.",
        "they asked me in group if i ever think about ending it and i said yes, every day.",
    ),
    (
        "a cure for climate change emailed with no sleep",
        "Read a book about the cure for climate change, slept well, emailed my sister about it.",
        "figured out the cure for climate change and emailed the UN. havent slept since friday",
    ),
    (
        "flights booked and days without sleep",
        "booked flights to 3 countries for next summer with my sister, day 4 of the trip planning",
        "booked flights to 3 countries tonight, non refundable. day 4 no sleep",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)


SIXTH = [
    (
        "a relapse after 'la neta'",
        "la neta cut my bangs again, shorter this time, se ven bien.",
        "la neta cut again last night, deeper this time.",
    ),
    (
        "a relapse after a laugh",
        "jaja cut my own hair again, my mom is horrified.",
        "jaja cut again last night, it's bad.",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)

# Sixth entry: the probe's Spanish and spoken openings, kept.
test_no_spanish_or_spoken_opening_hides_a_known_crisis = opening_test(
    [
        "la neta",
        "o sea",
        "pues",
        "bueno,",
        "en fin,",
        "Not gonna lie",
        "Real talk,",
        "Dear journal,",
    ]
)


SEVENTH = [
    (
        "'ya no aguanto' of a named thing",
        "La Renfe con retrasos y ya no aguanto más la línea C-5. Mi jefa me deja teletrabajar.",
        "Ya no aguanto más la vida, quiero desaparecer para siempre.",
    ),
    (
        "'ya no aguanto' beside the heat",
        "Cuarenta y cinco a la sombra, qué calor, ya no aguanto más. Persianas bajadas.",
        "Pero ya no aguanto, siento que sería mejor para todos si yo desapareciera.",
    ),
    (
        "waking late on a day off",
        "No quiero despertar mañana, es domingo y pienso dormir hasta las doce.",
        "No quiero despertar mañana ni nunca más.",
    ),
    (
        "voices with their source",
        "Escucho voces toda la noche, pero son los vecinos de arriba que se pelean a gritos.",
        "Escucho voces toda la noche que me dicen que me haga daño.",
    ),
    (
        "a faint after a vaccine that passed",
        "Al ponerme la vacuna me desmayé, soy flojo con las agujas. Después me sentí bien.",
        "Me desmayé dos veces hoy y tengo la cara dormida de un lado.",
    ),
    (
        "a goal conceded",
        "Con este gol que nos metieron en el último minuto me quiero morir. Igual comimos rico.",
        "Me quiero morir, ya no le veo sentido a nada.",
    ),
    (
        "a motorbike's exhaust",
        "Me quemé el brazo con el tubo de escape de la moto de mi primo. La próxima me fijo.",
        "Me quemé el brazo con el encendedor otra vez, a propósito.",
    ),
    (
        "hitting oneself until bruised",
        "Me pegué un golpe en las piernas con la mesa, qué torpe.",
        "Me pegué combos en las piernas hasta dejármelas moradas. Lo hago para no gritar.",
    ),
    (
        "cigarette burns",
        "Llevo una semana sin cigarros, me siento bien.",
        "llevo una semana quemándome con cigarros en el hombro, donde tapa la camiseta.",
    ),
    (
        "a threat with others and means",
        "Ya hablé con dos panas y tenemos con qué pagar la fiesta del sábado.",
        "Ya hablé con dos panas y tenemos con qué. Esta noche lo vamos a esperar en el colmado.",
    ),
    (
        "a threat to break someone's head",
        "El vecino no para de hacer ruido. Mañana le voy a hablar con calma.",
        "El vecino no para de hacer ruido. Esta noche voy a subir y le voy a romper la cabeza.",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)


EIGHTH = [
    (
        "a week's organiser at once",
        "Filled my entire week of pills into the organiser, Sunday ritual.",
        "Finished my entire week of pills from the organiser today, all seven days at once.",
    ),
    (
        "a sleeping tablet with drinks, and more",
        "Had 2 beers at the barbecue. Slept fine without anything.",
        "I had 6 beers and then my usual zolpidem plus two more because I couldn't sleep.",
    ),
    (
        "doses counted through the day",
        "Took another clonazepam at night as prescribed, 1 today.",
        "Every time the anxiety came back I took another clonazepam. 9 today I think.",
    ),
    (
        "paracetamol counted in total",
        "Counted my tablets out for the week into the organiser, 54 in total.",
        "I kept taking paracetamol, two every couple of hours, I think about 16 in total.",
    ),
    (
        "insulin given twice",
        "Gave myself my evening insulin at 7 and checked my sugar twice, all good.",
        "Gave myself my full evening insulin twice. Sweating and shaky now.",
    ),
    (
        "the rest of someone's opioids",
        "Took the rest of the pills in the bottle, the last two antibiotics, course complete.",
        "i took the rest of my buddy's percocets, 6 or 7, with a couple of beers.",
    ),
    (
        "a medicine multiplied",
        "Picked up Seroquel today, the pharmacist was lovely.",
        "Seroquel x8, and then I chased it with melatonin. I'll sleep it off.",
    ),
    (
        "Spanish pills counted and taken",
        "Veinticinco pastillas de vitaminas en el frasco, me tomé una.",
        "Veinticinco pastillas de dormir, las conté. Ya me las tomé. Perdón.",
    ),
    (
        "'overdose' in an everyday compound",
        "Slept 11 hours, total sleep overdose. Woke up groggy but okay.",
        "Took an overdose of my sleeping pills last night and I can't wake up properly.",
    ),
]

test_eighth_entry_families = twin_test(EIGHTH)


NINTH = [
    (
        "a joke taken back with 'or not'",
        "My brother ate my fries, I want to kill him. jk he bought me more.",
        "My brother ate my fries, I want to kill him. jk... or not",
    ),
    (
        "a joke taken back with 'but fr'",
        "My roommate used my good pan again, I'm going to strangle him lol. pizza tonight",
        "My roommate used my good pan again, I'm going to strangle him lol but fr",
    ),
]

test_ninth_entry_families = twin_test(NINTH)

# Ninth entry: the probe's ways of taking a joke back, kept beside every known crisis.
test_no_joke_taken_back_hides_a_known_crisis = frame_test(
    ["{crisis} jk... or not", "{crisis} jk. not jk.", "{crisis} lol but fr"]
)
