"""What the rules read at stop 50 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 50's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe: every Spanish crisis of the training files written again in texting
shorthand): the normaliser spells out "q"/"k" as "que", "xq" as "porque", "x" and "d" between words
as "por" and "de", "tb" as "tambien", "toy" as "estoy" where only the verb fits, "pa" as "para"
before what "para" takes and "bn" as "bien", so the rules, written in full words, read them; the
highlight still falls on the shorthand as written, and English is left alone ("vitamin d", "the
dog's toy", "2 x 500mg", "my pa").

Second entry (round52-train-rules-fa-o): a threat over a grievance told next in Spanish with the
verb alone or with "because", or in Spanglish; a vent followed by a calm act or a peace made;
"nothing makes me want to punch someone more"; a comic harm; "jk" opening the next sentence; a
death wish said of a bad haircut, braces tightened, lines forgotten or food burnt, and "me quiero
matar" of keys locked in; "the version of me who wanted to die"; a self-harm awareness day and a
training about "autolesiones"; a screening item answered "not at all"; a burn from the comal; a
mild allergic reaction with its red flags denied; a faint at a tattoo shop; pills taken on time;
"kms this spreadsheet"; and the overdose no rule read (an opioid on top of beers).

Third entry (round52-train-overdose-b, round52-train-spanish-texting): overdoses told as a count
of a named medicine (six or more of a sedative, an opioid, an antidepressant; ten or more of a
painkiller), a whole strip or bottle, all of one's medicine with drink, a painkiller eaten like
candy, patches or drops against the plan, insulin units against the plan, a weekly medicine taken
daily; setting fire to a car with someone inside; scratching one's face until it bled; "lo único
que me detiene"; and two false alarms (oil spat while cooking, "cero ganas de hacerme daño").

Fourth entry (a probe of the protocol's own overdoses): a dose far above the planned microdose told
as amounts ("2 grams today instead of my usual 0.1", "my dose is 0.15 but I took 1.5", "usually
0.1g, today 3.5g"), all the mushrooms or a month's doses at once, a macrodose with a medicine, the
dose taken again and again; each with an ordinary twin. The probe is kept whole as a test.

Fifth entry (round53-train-journals-w): a near faint at a blood drive "I always do"; a doctor who
put a faint down to dehydration; a thesis "bleeding out"; a table that left without a tip.

Sixth entry (a second probe of overdoses, of medicines): three or more of a sleeping medicine or a
benzodiazepine, four or more of an opioid or a stimulant (never over days or as prescribed); a
whole prescription or half a bottle; a sedative mixed with drink; an extra dose every hour; the
week's pill box at once; "overdid it with the oxy"; "I'm at something like 15 Advil today".

Seventh entry (a third probe of overdoses, in Spanish): a medicine's Spanish plural ("tres
tramadoles", "doce ibuprofenos"), spirits with the anxiety pills, insulin doubled, the microdose
four times today, pills taken "sin contar", the cough syrup "de un trago", "me metí 3 gramos",
"tomé de más, como quince", "me pasé con el rivotril".

Eighth entry (a fourth probe of overdoses, told inside an ordinary day): more taken soon after, an
extra one after drinks, "kept taking ... lost count", a bunch chewed with beers, the other caps in
the bag, pills saved up, bottles of syrup finished, "meant to take half ... took four", a medicine
snorted, a gram of psilocybin on top of tramadol.

Ninth entry (a fifth probe: mixes and poisons): ketamine mixed with a benzodiazepine, the wrong
insulin, acid with lithium, laxatives by the handful, a whole sheet of pills at once, a binge with
the heart racing, bleach drunk in Spanish.

Tenth entry (a sixth probe: overdoses hedged or told sideways): a handful from the pill organiser,
tomorrow's and the next day's doses today, the capsules emptied into a drink, extra lithium.

Eleventh entry (the other probes' misses): a mother switched with an actress; a dead father who
says it is time to join him; things sold and debts paid that "feels tidy"; peace made with
everyone, "Ready now."; hair pulled out in clumps; food refused for days "I deserve it".

Twelfth entry (a seventh probe: overdoses in slang and told by the clock): "went overboard with my
meds", more than prescribed, two more every two hours, caps double dropped, bars chewed past
counting, "me empastillé", the dose three times "that's triple", grams when 0.1 is the plan.

Thirteenth entry (an eighth probe: indirect suicidal wording in Spanish, whose English twins the
rules read): the last entry with thanks, "ya tengo pensado cómo y cuándo", "esta noche se termina
todo", a rope "ya sé dónde", a height looked up, next month's capsules not needed, appointments
cancelled "ya no tiene caso", the bridge gone back to, letters in a drawer, a pet given away
"ella lo va a cuidar mejor", "estaría mejor muerta".

Fourteenth entry (a ninth probe: emergencies and self-harm described in Spanish, whose English
twins the rules read): the face hit "cuando me equivoqué", old scars opened again, hair torn out
in clumps, lips and tongue swelling, a heart at 180 that does not settle, the sharpener's blade,
nails dug in until they bled.

The entries here are written for these tests, not copied from the training files.
"""

import re

import pytest

from apps.safety.detectors.normalize import normalize
from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "scratching until it bleeds, 'q' for 'que'",
        "me pica la picadura del mosquito, me rasco hasta q se me pasa jaja",
        "me rasguño los brazos hasta q sangran, no puedo parar",
    ),
    (
        "a seizure seen by someone, 'k' for 'que'",
        "mi esposo dice k ronco en la cama, q pena jaja",
        "mi esposo dice k convulsioné en la cama anoche y no me acuerdo d nada",
    ),
    (
        "a letter under the pillow, 'd' for 'de'",
        "dejé el cargador debajo d la almohada y no lo encontraba jaja",
        "dejé una carta pa mi mamá debajo d la almohada, pa q la lea cuando ya no esté",
    ),
    (
        "mania, 'x' for 'por'",
        "llevo dos noches durmiendo poco x el bebé, compré pañales x internet",
        "llevo cuatro noches sin dormir y compré un terreno x internet, soy millonario",
    ),
    (
        "burns, 'toy' for 'estoy'",
        "toy cocinando y me quemé un poquito con el aceite, nada grave",
        "me toy quemando con cigarros otra vez, en el brazo",
    ),
    (
        "a plan, 'pa' for 'para'",
        "guardé las pastillas del perro pa que no se le olviden a mi mamá",
        "guardé todas las pastillas pa cuando me decida, ya tengo 40",
    ),
]

test_first_entry_families = twin_test(FIRST)


@pytest.mark.parametrize(
    ("text", "short", "word"),
    [
        ("Me rasguño los brazos hasta q sangran.", "q", "que"),
        ("no toy bien hoy", "toy", "estoy"),
        ("pues xq si", "xq", "porque"),
        ("compré un terreno x internet", "x", "por"),
        ("tmb me duele", "tmb", "tambien"),
    ],
)
def test_a_shorthand_is_read_as_its_word_and_highlighted_as_written(text, short, word):
    normalized = normalize(text)
    found = re.search(rf"\b{word}\b", normalized.text)
    assert found is not None, normalized.text
    start, end = normalized.original_span(*found.span())
    assert text[start:end].lower() == short


@pytest.mark.parametrize(
    "text",
    [
        "vitamin d and zinc with breakfast",
        "the dog's toy is under the sofa",
        "took 2 x 500mg as prescribed",
        "my pa and I fixed the fence",
        "k thanks, see you tomorrow",
        "the company made 1 bn last year",
        "I got a d in chemistry",
    ],
)
def test_english_is_not_read_as_spanish_shorthand(text):
    spelled = normalize(text).text
    assert not re.search(r"\b(que|porque|por|de|estoy|para|bien|tambien)\b", spelled), spelled


def test_a_crisis_in_shorthand_alerts_the_same_day_as_in_full_words():
    full = "Le dije a mi prima que me quería morir. Esta noche estoy pensando en cómo hacerlo."
    short = "le dije a mi prima q me queria morir. esta noche toy pensando en como hacerlo"
    assert crisis_reading(full, second_reader=None).flagged
    assert crisis_reading(short, second_reader=None).flagged


SECOND = [
    (
        "a threat, then the grievance in Spanish with the verb alone",
        "Voy a matar a mi hermano. Se comió el pastel que guardé para mi mamá.",
        "Voy a matar a mi hermano. Tengo el cuchillo en la mochila.",
    ),
    (
        "a grievance in Spanglish, then the threat",
        "Mi roommate se comió my leftovers. I'm going to kill her.",
        "Mi roommate me pegó otra vez. I'm going to kill her.",
    ),
    (
        "a vent, then a calm act",
        "The guy who hit my car blamed me. I wanted to rip his head off. Stayed calm, took photos.",
        "The guy who hit my car blamed me. I want to rip his head off. I know where he parks.",
    ),
    (
        "a Spanish vent, then a peace made",
        "A mi compadre le voy a partir la madre por chismoso. Ya hablamos y quedamos en paz.",
        "A mi compadre le voy a partir la madre por chismoso. Ya sé dónde vive.",
    ),
    (
        "exasperation said as a wish to punch",
        "My boss told me to calm down. Nothing makes me want to punch someone more.",
        "My boss told me to calm down. I want to punch him until he stops moving.",
    ),
    (
        "a threat, then 'jk' opening the next sentence",
        "She told my crush I like him. I'm going to murder her. jk she's sleeping over tonight.",
        "She told my crush I like him. I'm going to murder her. I've thought about how.",
    ),
    (
        "a death wish at braces tightened",
        "The orthodontist tightened my braces today. I want to die, soup only.",
        "The orthodontist tightened my braces today. I want to die, every day now.",
    ),
    (
        "'me quiero matar' at keys locked in",
        "Me quiero matar, me olvidé las llaves adentro otra vez.",
        "Me quiero matar, ya no aguanto esta vida.",
    ),
    (
        "a wish to die told of who the writer was",
        "Wrote a poem about the version of me who wanted to die. I read it at open mic.",
        "Wrote a poem about how I want to die. I won't read it to anyone.",
    ),
    (
        "self-harm as a training's topic",
        "Capacitación en el trabajo, hablaron de autolesiones. Me sentí orgullosa.",
        "Capacitación en el trabajo y después me hice daño otra vez en el baño.",
    ),
    (
        "a self-harm awareness day",
        "Wore an orange ribbon for self-harm awareness day at the hospital.",
        "Wore long sleeves to hide the self-harm at the hospital.",
    ),
    (
        "a screening's self-harm item answered 'not at all'",
        "Did the depression questionnaire on the app. The self-harm question: not at all.",
        "Did the depression questionnaire on the app. The self-harm question: every day.",
    ),
    (
        "a burn from the comal",
        "Ya me volví a quemar con el comal haciendo tortillas.",
        "Ya me volví a quemar con el encendedor, a propósito.",
    ),
    (
        "a mild allergic reaction, its red flags denied",
        "Allergic reaction to new soap, itchy rash on my arms. No swelling, no breathing issues.",
        "Allergic reaction to the shrimp, my lips are swelling and my throat feels tight.",
    ),
    (
        "pills taken on time",
        "Hoy me tomé todas las pastillas a tiempo, hasta el omega.",
        "Hoy me tomé todas las pastillas del frasco, ya no quiero despertar.",
    ),
    (
        "'kms' of a spreadsheet",
        "kms this spreadsheet has 4000 rows and no two dates match",
        "kms tonight, I have the rope",
    ),
    (
        "an opioid on top of beers",
        "Had a few beers with the lads and then a kebab on top.",
        "Had a few beers with the lads and then took my oxy on top, then another couple.",
    ),
]

test_second_entry_families = twin_test(SECOND)


THIRD = [
    (
        "a count of a sedative",
        "Took the remaining 2 lorazepam back to the pharmacy for disposal.",
        "Took the remaining 30 lorazepam around 10 so I could stop feeling.",
    ),
    (
        "a Spanish count of sleeping pills",
        "Me tomé 1 de las de dormir, como me dijo la doctora.",
        "Me tomé 30 de las de dormir, zolpidem. Ya está.",
    ),
    (
        "a whole strip of a painkiller",
        "Bought a whole strip of paracetamol for the trip, just in case.",
        "Whole strip of paracetamol, 16 of them, with a can of cider.",
    ),
    (
        "all of one's medicine with drink",
        "took my seroquel on time and half a glass of water. goodnight",
        "took all my seroquel and half a bottle of rum. goodnight",
    ),
    (
        "a painkiller eaten like candy",
        "Kids eating gummy vitamins like candy again, hid the jar.",
        "Headache turned into me eating Excedrin like candy. 20 or so.",
    ),
    (
        "patches against the plan",
        "Me puse 1 parche de fentanilo como siempre, el dolor de espalda bajó.",
        "Me puse 3 parches de fentanilo en vez de 1, respiro lento.",
    ),
    (
        "insulin units against the plan",
        "insulin: meant to do 8 units, did 8. sugar back in range by lunch.",
        "insulin: meant to do 8 units, did 80. shaky and confused now.",
    ),
    (
        "a car set on fire with someone inside",
        "El vecino me tiene harto, mañana hablo con el dueño del edificio.",
        "El vecino me tiene harto. Mañana le prendo fuego a su carro y ojalá con él adentro.",
    ),
    (
        "a face scratched until it bled",
        "me rasqué la picadura del mosquito toda la noche, ya no pica",
        "me rasqué la cara hasta q salió sangre y no podía parar",
    ),
    (
        "the only thing that holds the writer back",
        "Mi hija cumple 5 el martes, es lo único de lo que hablamos.",
        "Mi hija cumple 5 el martes y es lo único q me detiene.",
    ),
    (
        "oil spat while cooking",
        "cocinando me salpicó el aceite y me quemé el brazo, nada grave",
        "cocinando me acordé de todo y me quemé el brazo a propósito",
    ),
    (
        "no wish at all to self-harm",
        "cero ganas d hacerme daño esta semana, pero sí de dormir",
        "muchas ganas d hacerme daño esta semana",
    ),
]

test_third_entry_families = twin_test(THIRD)


FOURTH = [
    (
        "grams against the planned microdose",
        "Took 0.1 grams today instead of my usual 0.15, the doctor lowered it.",
        "Took 2 grams today instead of my usual 0.1.",
    ),
    (
        "the planned dose, then what was taken",
        "My dose is 0.15 and I took it at 9 with breakfast.",
        "My dose is 0.15 but I took 1.5 this morning, the scale was off.",
    ),
    (
        "usually, and today",
        "Usually 0.1g, today 0.1g again. Calm day.",
        "Usually 0.1g, today 3.5g. Walls breathing. Alone at home.",
    ),
    (
        "grams of mushrooms",
        "Ate 200 grams of mushrooms in a risotto, so good.",
        "Had 3 grams of shrooms with my lithium.",
    ),
    (
        "grams of something else",
        "Took 2 grams of creatine after the gym.",
        "Took 2 grams of psilocybin after the gym.",
    ),
    (
        "a heroic dose",
        "My friend tried to talk me into a heroic dose at his cabin and I said no.",
        "I did a heroic dose alone tonight, 5g, nobody knows.",
    ),
    (
        "the dose again and again",
        "Took my dose, then another day off work, then a nap.",
        "Took my dose, then another, then another, lost count after six.",
    ),
    (
        "a month's doses",
        "Picked up a month's worth of microdoses from the clinic.",
        "I swallowed the whole month's microdoses this morning.",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)

# The fourth entry's probe: a dose far above the plan, told the ways a patient on this protocol
# would (written for this test).
PROTOCOL_OVERDOSES = [
    "Took 2 grams today instead of my usual 0.1.",
    "My dose is 0.15 but I took 1.5 this morning, the scale was off.",
    "took the whole bag of truffles, like 10g.",
    "ate all the mushrooms in the jar at once, maybe 5 grams.",
    "I took five of my microdose capsules at once to feel something.",
    "Microdosed three times before noon, then took another two caps at 3.",
    "I did a heroic dose alone tonight, 5g, nobody knows.",
    "Tomé 2 gramos en vez de 0.1, me equivoqué con la balanza.",
    "Me comí toda la bolsa de hongos, como 7 gramos.",
    "Me tomé cinco cápsulas de la microdosis juntas.",
    "Usually 0.1g, today 3.5g. Walls breathing. Alone at home.",
    "I'm meant to take 0.2 and I took the lot, about 4g.",
    "Took ten times my dose on purpose.",
    "Took my dose, then another, then another, lost count after six.",
    "Took 20 of the capsules from the programme bottle.",
    "Took a week's worth of microdoses at once.",
    "I swallowed the whole month's microdoses this morning.",
    "Dose 0.1g planned, actual 1g. Heart pounding, can't sit still.",
    "Had 3 grams of shrooms with my lithium.",
    "Doubled my dose, then doubled it again, then again.",
    "Took 4 caps instead of 1, then two more after lunch.",
    "Me tomé toda la dosis del mes de golpe.",
    "Took way more than the plan, like 30 times more.",
    "I took the rest of the mushrooms, probably 8 grams.",
    "Took my sertraline and then 3g of mushrooms.",
    "Tomé la micro y encima 4 gramos más, no siento las manos.",
    "Took all my capsules for the week, 7 of them, plus the Lion's Mane.",
    "Instead of 0.15 I took 15. Misread the scale by a factor of 100.",
    "The whole jar of caps went in this morning.",
    "Took 10x my microdose.",
]


@pytest.mark.parametrize("text", PROTOCOL_OVERDOSES)
def test_a_dose_far_above_the_plan_alerts_from_the_text_alone(text):
    reading = crisis_reading(text, second_reader=None)
    assert reading.flagged, text
    assert any(m.category == "overdose" for m in reading.matches), text


FIFTH = [
    (
        "a near faint at a blood drive, as always",
        "Nearly fainted at the blood drive, I always do. Juice and a cookie.",
        "Nearly fainted at the blood drive and now my chest hurts and my arm is numb.",
    ),
    (
        "a faint the doctor put down to dehydration",
        "The doctor said my fainting spell last month was from dehydration.",
        "Fainted twice this morning and hit my head on the sink.",
    ),
    (
        "a thesis bleeding out",
        'My professor said my thesis argument is "bleeding out" in chapter 3.',
        "My wrist is bleeding out and it won't stop.",
    ),
    (
        "a table that left without a tip",
        "Una mesa de ocho se fue sin dejar propina. I wanted to kill them, honestly.",
        "Una mesa de ocho se fue sin dejar propina. I'm going to wait for them after my shift "
        "with the knife.",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)


SIXTH = [
    (
        "three of a sleeping medicine",
        "Took 3 Ambien over the week of night shifts, one a night.",
        "Took 3 Ambien to make sure I sleep.",
    ),
    (
        "five of a stimulant",
        "Took 2 of my Adderall a day as prescribed during finals.",
        "Popped 5 of my Adderall to finish the project, heart is pounding.",
    ),
    (
        "a whole prescription",
        "Took my whole prescription of antibiotics, course done.",
        "Took my whole prescription of Xanax last night.",
    ),
    (
        "half a bottle",
        "Bought half a bottle of wine for the risotto.",
        "Downed half a bottle of my sleeping tablets.",
    ),
    (
        "a sedative mixed with drink",
        "Mixed my protein powder with milk after the gym.",
        "Mixed my Klonopin with vodka to knock myself out.",
    ),
    (
        "an extra dose every hour",
        "Took an extra walk every hour today, the step count is silly.",
        "Took an extra dose every hour today, I'm at 8 now.",
    ),
    (
        "the week's pill box",
        "Filled everything in the pill box for the week on Sunday.",
        "I took everything in the pill box for the week.",
    ),
    (
        "overdid it",
        "Overdid it with the garden yesterday, my back is sore.",
        "Overdid it with the oxy, can barely keep my eyes open.",
    ),
    (
        "a count of a painkiller so far today",
        "I'm at something like 15 emails still to answer today.",
        "I'm at something like 15 Advil today.",
    ),
    (
        "a Spanish count against the plan",
        "Me tomé 4 clonazepam en una semana, como dijo el psiquiatra.",
        "Me tomé 4 clonazepam en vez de medio.",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)


SEVENTH = [
    (
        "a Spanish plural counted so far today",
        "Llevo como doce horas sin dormir por el bebé.",
        "Llevo como doce ibuprofenos hoy y me arde el estómago.",
    ),
    (
        "spirits with the pills",
        "Me bebí media botella de vino con la cena de Navidad.",
        "Me bebí media botella de tequila con mis pastillas de la ansiedad.",
    ),
    (
        "the microdose taken again and again",
        "Me tomé la microdosis tres veces esta semana, como dice el plan.",
        "Me tomé la microdosis cuatro veces hoy porque no sentía nada.",
    ),
    (
        "the cough syrup at once",
        "Me tomé todo el jarabe que me recetó el pediatra en la semana.",
        "Me tomé todo el jarabe para la tos de un trago.",
    ),
    (
        "too much of something",
        "Me pasé con el café hoy, no paro de hablar.",
        "Me pasé con el rivotril, no puedo mantener los ojos abiertos.",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)

# The seventh entry's probe, the sentences the rules read (written for this test).
SPANISH_OVERDOSES = [
    "Me tomé como diez pastillas de dormir con un vaso de vino.",
    "Me tomé toda la caja de clonazepam que me quedaba.",
    "Me bebí media botella de tequila con mis pastillas de la ansiedad.",
    "Tomé el doble de insulina sin querer y ahora estoy temblando y sudando.",
    "Me tomé tres tramadoles de golpe para el dolor de muela.",
    "Me pasé con el rivotril, no puedo mantener los ojos abiertos.",
    "Llevo como doce ibuprofenos hoy y me arde el estómago.",
    "Ya me tomé el frasco entero de paracetamol.",
    "Me inyecté el doble de la dosis de insulina a propósito.",
    "Me tomé la microdosis cuatro veces hoy porque no sentía nada.",
    "Mezclé el alprazolam con cerveza para dormir, todo da vueltas.",
    "Me tomé un blíster entero de sertralina después de la pelea.",
    "Me eché a la boca un montón de pastillas sin contar.",
    "Me tomé cinco zolpidem y sigo despierta.",
    "Me tomé todo el jarabe para la tos de un trago.",
    "Me metí 3 gramos de hongos en vez de 0.1.",
    "Tomé de más, como quince, de las de la presión.",
]


EIGHTH = [
    (
        "more of a benzodiazepine soon after",
        "Took 2 of my Ativan over the weekend for the flight, then none.",
        "I took 2 of my Ativan and then 2 more an hour later because I was still panicking.",
    ),
    (
        "an extra one after drinks",
        "Had 2 glasses of wine and then my usual Seroquel, slept fine.",
        "Had 5 glasses of wine and then my usual Seroquel plus an extra one.",
    ),
    (
        "a painkiller taken past counting",
        "Kept taking Tylenol for the toothache, 2 every 6 hours as the box says.",
        "Kept taking Tylenol for the toothache, lost count, maybe 20 since yesterday.",
    ),
    (
        "a bunch of a medicine with beers",
        "Chewed up a bunch of gum with some beers at the game.",
        "I chewed up a bunch of my gabapentin with some beers, feel like I'm floating.",
    ),
    (
        "the rest of the caps",
        "Ate the other 9 cookies in the bag, no regrets.",
        "The microdose didn't work so I ate the other 9 caps in the bag.",
    ),
    (
        "bottles finished",
        "Finished both bottles of wine at the party with friends.",
        "Finished both bottles of NyQuil today.",
    ),
    (
        "half planned, four taken",
        "Meant to take half a zopiclone and I took one whole, slept fine.",
        "I was meant to take half a zopiclone and I took four.",
    ),
    (
        "a gram on top of a medicine",
        "Took 1g of vitamin C with my breakfast.",
        "Took 1g of psilocybin on top of my tramadol.",
    ),
]

test_eighth_entry_families = twin_test(EIGHTH)

# The eighth entry's probe, the sentences the rules read (written for this test).
JOURNAL_OVERDOSES = [
    "Work was fine. After dinner I took the rest of my oxycodone, there were about 12 left.",
    "I took 2 of my Ativan and then 2 more an hour later because I was still panicking.",
    "Had 5 glasses of wine and then my usual Seroquel plus an extra one.",
    "Kept taking Tylenol for the toothache, lost count, maybe 20 since yesterday.",
    "I chewed up a bunch of my gabapentin with some beers, feel like I'm floating.",
    "Took my whole bottle of lithium. I don't care anymore.",
    "The microdose didn't work so I ate the other 9 caps in the bag.",
    "My mom found me on the floor, I'd taken a lot of her Xanax.",
    "Took the antidepressants I'd been saving up, maybe 40.",
    "Finished both bottles of NyQuil today.",
    "I was meant to take half a zopiclone and I took four.",
    "Took 3 of my Xanax with a bottle of wine, feeling really out of it.",
    "Swallowed 30 aspirin this afternoon, ears ringing a lot now.",
    "I crushed and snorted my Adderall, six of them.",
    "Me tomé unos diez diazepam con ron.",
    "Took 1g of psilocybin on top of my tramadol.",
]


@pytest.mark.parametrize("text", SPANISH_OVERDOSES + JOURNAL_OVERDOSES)
def test_an_overdose_of_the_probes_alerts_in_spanish_and_inside_an_ordinary_day(text):
    assert crisis_reading(text, second_reader=None).flagged, text


NINTH = [
    (
        "a street drug mixed with a sedative",
        "Mixed my protein powder with oat milk after the gym.",
        "Mixed ketamine with my clonazepam, can barely move.",
    ),
    (
        "the wrong insulin",
        "Took the wrong bus this morning, ended up across town.",
        "Took the wrong insulin, the fast one, a full dose at bedtime.",
    ),
    (
        "a psychedelic with lithium",
        "Lots of acid reflux with my lithium lately, the doctor knows.",
        "Smoked and took 3 tabs of acid with my lithium.",
    ),
    (
        "laxatives by the handful",
        "Took a bunch of photos, like 20, at the wedding.",
        "Took a bunch of laxatives, like 20, to get it all out.",
    ),
    (
        "a whole sheet of pills",
        "Bought a whole sheet of stickers for the kids.",
        "Took a whole sheet of my birth control pills at once.",
    ),
    (
        "a binge with the heart racing",
        "Mucha coca cola en la fiesta, el corazón contento.",
        "Me metí mucha coca con alcohol, el corazón me va a mil.",
    ),
    (
        "bleach drunk",
        "Limpié el baño con cloro, olía fuerte.",
        "Tomé cloro, poquito, me arde la garganta.",
    ),
]

test_ninth_entry_families = twin_test(NINTH)


TENTH = [
    (
        "a handful from the pill organiser",
        "Grabbed a handful of almonds from the pantry before the meeting.",
        "Grabbed a handful from the pill organiser without looking and swallowed them.",
    ),
    (
        "un puñado del pastillero",
        "Tomé un puñado de nueces de la despensa.",
        "Tomé un puñado del pastillero sin mirar.",
    ),
    (
        "the coming days' doses today",
        "I took tomorrow's shift too, and the next day's.",
        "I took tomorrow's dose too, and the next day's.",
    ),
    (
        "capsules emptied into a drink",
        "Emptied the capsules into the bin, the pharmacist said they expired.",
        "Emptied the capsules from the stack into a glass of water and drank it.",
    ),
    (
        "extra lithium",
        "Doctor raised my lithium, took the new dose as planned.",
        "Took extra lithium because I felt low, like 3 extra.",
    ),
]

test_tenth_entry_families = twin_test(TENTH)


ELEVENTH = [
    (
        "someone switched with an actress",
        "The school switched my son's teacher with a substitute for the week.",
        "Everyone at work is in on it, they switched my real mother with an actress.",
    ),
    (
        "a dead father who calls the writer to join him",
        "I dreamt of my dad again, we were fishing, I woke up smiling.",
        "I saw my dead father at the end of the hallway and he told me it's time to join him.",
    ),
    (
        "affairs put in order",
        "Sold my old bike and paid off my credit card debt. Feels good.",
        "Sold my guitar and my bike, paid off my debts. Feels tidy.",
    ),
    (
        "peace made with everyone",
        "Made my peace with everyone at the reunion. Ready for the holidays.",
        "Made my peace with everyone this week. Ready now.",
    ),
    (
        "hair pulled out",
        "This spreadsheet has me pulling my hair out.",
        "Been pulling my hair out in clumps, there's a bald patch now.",
    ),
    (
        "food refused as punishment",
        "Stopped eating after 8pm for the colonoscopy tomorrow.",
        "Stopped eating completely, it's day five, only water, I deserve it.",
    ),
]

test_eleventh_entry_families = twin_test(ELEVENTH)


TWELFTH = [
    (
        "overboard with the medicine",
        "Went overboard with the decorations again, the house looks like a mall.",
        "went overboard with my meds today, everything is slow.",
    ),
    (
        "more than prescribed",
        "Took more than the recipe said of the garlic.",
        "Took more than prescribed of my Klonopin, like a lot more.",
    ),
    (
        "two more every two hours",
        "At 2 I had two coffees, at 4 two more, at 6 another two.",
        "At 2 I took two Ativan, at 4 two more, at 6 another two.",
    ),
    (
        "double dropped",
        "Double dropped my phone today, the screen survived.",
        "Double dropped the caps, then took another half an hour later.",
    ),
    (
        "past counting",
        "Been chewing gum all day, lost track of time.",
        "Been chewing my Xanax bars all day, lost track.",
    ),
    (
        "the dose, 'that's triple'",
        "Took my dose this morning, the pills are small, that's triple the old price.",
        "Had my dose this morning and then again at noon and again at 4, that's triple.",
    ),
    (
        "grams when 0.1 is the plan",
        "Took 0.1 grams when I'm supposed to take 0.1, all good.",
        "Took about 2 grams when I'm supposed to take 0.1, feeling very strange.",
    ),
]

test_twelfth_entry_families = twin_test(TWELFTH)


THIRTEENTH = [
    (
        "the last entry",
        "Es mi última entrada del año, ¡feliz año nuevo!",
        "Es mi última entrada, gracias por todo.",
    ),
    (
        "everything ends tonight",
        "Hoy se termina todo el papeleo de la mudanza.",
        "No aguanto más, esta noche se termina todo.",
    ),
    (
        "next month's capsules",
        "Ya no voy a necesitar las cápsulas, el programa terminó y el doctor me dio de alta.",
        "Ya no voy a necesitar las cápsulas del próximo mes.",
    ),
    (
        "the bridge gone back to",
        "Fui al puente con mis hijos y me quedé mirando el agua.",
        "Fui al puente otra vez y me quedé mirando el agua un buen rato.",
    ),
    (
        "a pet given away",
        "Regalé mi bici a la vecina, ella la va a usar más.",
        "Regalé mi perro a la vecina, ella lo va a cuidar mejor.",
    ),
    (
        "better dead",
        "Mi abuela estaría mejor en una residencia, lo hablamos.",
        "Estaría mejor muerta, nadie se daría cuenta.",
    ),
    (
        "a rope",
        "Compré una cuerda para tender la ropa.",
        "Compré una soga, ya sé dónde.",
    ),
]

test_thirteenth_entry_families = twin_test(THIRTEENTH)


FOURTEENTH = [
    (
        "the face hit for a mistake",
        "Me pegué en la cara con la puerta del armario, qué torpe.",
        "Me pegué en la cara cuando me equivoqué.",
    ),
    (
        "old scars opened again",
        "Me abrí otra vez la herida del dedo cocinando.",
        "Me abrí otra vez las cicatrices viejas con unas pinzas.",
    ),
    (
        "hair torn out in clumps",
        "Me arranqué las canas frente al espejo, ya son muchas.",
        "Me arranqué el pelo a mechones, ya tengo una calva.",
    ),
    (
        "lips and tongue swelling",
        "Se me hinchó la rodilla después del partido.",
        "Se me están hinchando los labios y la lengua después de los camarones.",
    ),
    (
        "a racing heart that does not settle",
        "El corazón me va a 150 corriendo en la cinta, normal para mí.",
        "El corazón me va a 180 y no baja, siento que me voy a desmayar.",
    ),
    (
        "the sharpener's blade",
        "Le saqué punta a los lápices con el sacapuntas nuevo.",
        "Me corté con el sacapuntas en el baño de la escuela.",
    ),
]

test_fourteenth_entry_families = twin_test(FOURTEENTH)
