"""Rules written from round15-train-highkinds.tsv and round14-train-medical.tsv (issue 17,
stop 33).

The file (160 crises told minimised, lightly or in passing, and 160 ordinary entries
with the same words; written by a helper who opened nothing) was measured before any
rule was written from it: the rules alone found 59 of its crises. The families below
are what the missed crises had in common. The sentences are written for these tests,
not copied from the file; each has a twin on the same surface that must come out the
other way.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
MEDICAL_TWINS = [
    (
        "a face drooping on one side",
        "Dentist numbed the left side of my mouth, tea dribbling out of it all afternoon lol.",
        "Water keeps dribbling out of the right side of my mouth and my right hand feels clumsy.",
    ),
    (
        "words that would not come, with a weak arm",
        "Couldn't find the words in the meeting, so tired. My arm was sore from the gym.",
        "Couldn't find my words for ten minutes and my left arm went numb. Better now.",
    ),
    (
        "sight in one eye going dark like a curtain",
        "The stage curtain coming down at the end made me cry, what a show.",
        "Sight in my right eye went dark like a curtain came down, then it came back.",
    ),
    (
        "the worst headache of my life",
        "Hangover today, not the worst ever but close, water and toast.",
        "Headache out of nowhere at lunch, the worst of my life, still 9/10.",
    ),
    (
        "a throat closing after a sting or a food",
        "Got stung by a wasp at the picnic, a bit swollen on my hand, ice helped.",
        "Ate prawns at dinner and now my lips are swelling and my throat feels tight.",
    ),
    (
        "vomit like coffee grounds",
        "Spilled the coffee grounds all over the counter making breakfast.",
        "Threw up twice tonight and it looked like coffee grounds.",
    ),
    (
        "black tarry stools",
        "Black poo this week, the pharmacist said it's the iron tablets.",
        "Black tarry stools since yesterday and I'm dizzy standing up.",
    ),
    (
        "a very low blood sugar",
        "This yoghurt has sugar 2.5 g per 100 g, good to know.",
        "Blood sugar was 2.2 after the run and it won't come up.",
    ),
    (
        "insulin taken twice",
        "I take my insulin twice a day with meals, no problems this week.",
        "I think I injected my long-acting insulin twice tonight by mistake.",
    ),
    (
        "waking on the floor after a seizure",
        "Woke up on the living room floor after the party, sofa was taken lol.",
        "Woke up on the bathroom floor with a bitten tongue and no idea how I got there.",
    ),
    (
        "a very high blood pressure",
        "BP 118/76 at the pharmacy check, all good.",
        "Blood pressure 210/125 on two readings and my head is pounding.",
    ),
    (
        "a nosebleed that will not stop",
        "Had a nosebleed in the dry air, stopped after five minutes.",
        "Nosebleed for over an hour now and it won't stop, towel soaked.",
    ),
    (
        "a head injury on a blood thinner",
        "Bumped my head on the cupboard again, need to close these doors.",
        "Bumped my head on the car door this morning, I'm on apixaban and feel drowsy.",
    ),
    (
        "a swollen calf then breathless",
        "Calf swollen after the marathon, stretching and ice.",
        "My calf is swollen since the flight and now I'm short of breath sitting still.",
    ),
    (
        "a stiff neck with fever",
        "Stiff neck from the new pillow, no fever or anything.",
        "Stiff neck and a fever of 39, the light hurts my eyes.",
    ),
    (
        "lips going blue with asthma",
        "I can only say a few words in Spanish so far, thirty days of lessons.",
        "Can only say a few words between breaths, the inhaler isn't helping.",
    ),
    (
        "a tearing chest pain",
        "Tearing through the paperwork at work today, so productive.",
        "Sudden pain in my chest into my back, like something is tearing.",
    ),
]

# A clinical noun in an entry about the writer's care work, training or reading is about
# other people; the same work in an entry where it was the writer's own is not.
CARE_WORK_TWINS = [
    (
        "overdoses counted on a shift",
        "Night shift in A&E. Two overdoses and one self-harm, then a quiet hour.",
        "Night shift in A&E. Came home and took an overdose of my sleeping pills.",
    ),
    (
        "an overdose wished for, by a nurse",
        "I'm a nurse, so an overdose call at 3am is just another Tuesday.",
        "I'm a nurse and tonight I want to overdose on what's in my bag.",
    ),
    (
        "a seizure on the ward, and my own (Spanish and English)",
        "Soy enfermera en urgencias, hoy tuvimos una anafilaxia y un seizure. Todos bien.",
        "Soy enfermera. Hoy en casa tuve una convulsión y me mordí la lengua.",
    ),
    (
        "a first-aid course, and my own seizures",
        "First-aid course today: seizures, anaphylaxis and the recovery position.",
        "First-aid course today, and I had a seizure in the car park after it.",
    ),
    (
        "a documentary, and wanting an overdose (Spanish)",
        "Vi un documental sobre la sobredosis de una cantante, muy triste.",
        "Vi un documental y pensé en una sobredosis, la quiero para mí.",
    ),
]

# A screening question answered no: asked with an aside, owned as true, or a
# questionnaire's item answered after a colon.
SCREENING_TWINS = [
    (
        "a question asked with an aside, answered no in the next sentence",
        "The nurse asked, as she does at every visit, if I've had thoughts of ending my "
        "life. Honestly no, and I meant it.",
        "The nurse asked, as she does at every visit, if I've had thoughts of ending my "
        "life. Honestly yes, most nights.",
    ),
    (
        "a question answered no, owned as true (Spanish)",
        "El médico me preguntó si había pensado en matarme. Le dije que no y era verdad.",
        "El médico me preguntó si había pensado en matarme. Le dije que no, pero mentí.",
    ),
    (
        "a questionnaire's item answered after a colon",
        "PHQ-9 again. Question 9 about being better off dead or hurting myself: not at all.",
        "PHQ-9 again. Question 9 about being better off dead or hurting myself: nearly every day.",
    ),
]

# Exertion, altitude and needles in Spanish, as the English idioms already read them.
SPANISH_IDIOM_TWINS = [
    (
        "breathless at altitude",
        "En la cima del volcán no podía respirar bien por la altura, bajamos despacio.",
        "No podía respirar bien en la cama esta noche y el pecho me aprieta.",
    ),
    (
        "short of air climbing at altitude",
        "Cusco, 3.400 metros: me falta el aire al subir las calles, el guía dice que es normal.",
        "Me falta el aire sentada en el sofá desde la tarde y tengo los labios morados.",
    ),
    (
        "fainting at needles, as always",
        "Análisis de sangre hoy. Me desmayo con las agujas, así que me tumbaron.",
        "Me desmayé dos veces hoy en casa sin motivo y sigo mareada.",
    ),
    (
        "legs gone after a run",
        "Corrí 21 km en la media maratón y no siento las piernas, qué orgullo.",
        "Me desperté y no siento las piernas, no puedo levantarme.",
    ),
]

TWINS = [
    (
        "a whole container of a medicine taken (Spanish)",
        "Me tomé una pastilla de paracetamol por el dolor de cabeza y se me pasó.",
        "Anoche me tomé la caja entera de ibuprofeno. Hoy solo tengo el estómago raro.",
    ),
    (
        "all of a container taken (Spanish)",
        "Compré todo el bote de vitaminas en oferta, me duran tres meses.",
        "Me tomé todo el frasco de somníferos a las dos de la mañana.",
    ),
    (
        "a week's supply taken at once",
        "Sorted the whole week's supply into the pill organiser on Sunday.",
        "Swallowed my whole week's supply this morning to get it done with.",
    ),
    (
        "more pills than meant, on purpose",
        "Took more painkillers than I should for the back yesterday, will ask the GP.",
        "Took more tablets than I should have. On purpose this time.",
    ),
    (
        "all the pills at once, thought of",
        "Thought about how easy it would be to take all the vitamins in one smoothie.",
        "Kept thinking how easy it would be to take all my sleeping pills at once.",
    ),
    (
        "a rope bought and kept (Spanish)",
        "Compré una cuerda para tender la ropa en el balcón.",
        "Compré una soga. La escondí en el armario.",
    ),
    (
        "medicine bought at several pharmacies",
        "Went to three pharmacies for the flu test before one had it.",
        "Went to four different pharmacies to buy paracetamol so nobody would ask.",
    ),
    (
        "staying under water, thought of",
        "Rainy Sunday, thought about staying under the duvet all day and did.",
        "Long bath tonight and I thought about staying under for good.",
    ),
    (
        "letting the car go off the road, thought of",
        "Driving lesson went fine, I kept thinking about turning the wheel earlier.",
        "On the coast road I thought about just not turning the wheel at the bend.",
    ),
    (
        "coming along if still alive",
        "I'll be at the party if I'm still around town that weekend.",
        "Told Jo I'd come to her birthday in March if I'm still around. Laughed it off.",
    ),
    (
        "hoping an operation goes wrong",
        "Hoping the surgery next week goes well, the surgeon seems calm.",
        "Part of me hopes the operation goes wrong on Thursday.",
    ),
    (
        "a button that would end me",
        "If I had a button that ended meetings I'd have pressed it at 3pm.",
        "If I had a button that ended me quietly I'd press it most nights.",
    ),
    (
        "planning one's own funeral, daydreamed",
        "Met the funeral director with Dad to plan his funeral wishes, all very calm.",
        "I plan my own funeral in bed most nights now, the songs and who reads.",
    ),
    (
        "not needing things any more",
        "The dentist cancelled, I won't be needing the numbing cream after all.",
        "No point booking the optician, I won't be needing glasses.",
    ),
    (
        "a cut last night (Spanish)",
        "Me corté el pelo ayer y me queda fatal.",
        "Me corté otra vez anoche, en el brazo. Nadie lo sabe.",
    ),
    (
        "burnt on purpose with a lighter (Spanish)",
        "Encendí la vela con un mechero y cené tranquila.",
        "Me quemé con el encendedor en la pierna, me ayuda a calmarme.",
    ),
    (
        "a hand held on something hot",
        "Burned my hand on the kettle making tea, ran it under cold water.",
        "After the call I held my hand on the iron until it blistered.",
    ),
    (
        "bruises said not to be from their story",
        "The bruises aren't from anything dramatic, they're from moving furniture.",
        "Confession: the cuts aren't from the cat.",
    ),
    (
        "hitting a hand when a mistake is made",
        "Banged my hand on the desk by accident when I stood up.",
        "I hit my head against the wall whenever I mess up at work.",
    ),
    (
        "blades bought and not used yet",
        "Bought new blades for the craft knife, the old ones were blunt.",
        "Got some razor blades. Haven't used them.",
    ),
    (
        "a sip of bleach",
        "Spilled a bit of bleach on my jeans cleaning the bathroom.",
        "Drank a little bleach this afternoon just to see. Throat burns.",
    ),
    (
        "a single voice that tells me (Spanish)",
        "Oigo la voz de mi abuela cuando cocino su receta, qué bonito.",
        "Escucho una voz que me dice que no coma.",
    ),
    (
        "the voices, quieter or louder today",
        "The voices in the choir were lovely tonight, tenors especially.",
        "The voices are louder since Tuesday and they talk over the TV.",
    ),
    (
        "filmed through a device",
        "My sister filmed me through the window doing the dance, mortifying.",
        "They are recording me through the light fittings, I heard it click.",
    ),
    (
        "my name said from the walls",
        "The kids whisper my name from the hallway to wake me up, cute.",
        "Something whispers my name through the ceiling every night.",
    ),
    (
        "a close person who is not them (Spanish)",
        "Mi hermano no es mi hermano de sangre, es adoptado y lo adoro.",
        "Mi madre no es mi madre. Se parece pero no es ella.",
    ),
    (
        "a pet replaced",
        "We replaced my cat's scratching post with a bigger one.",
        "Someone swapped my dog, the eyes are a different colour.",
    ),
    (
        "someone still getting in after the locks were changed",
        "The landlord changed the locks and the old key doesn't work any more.",
        "I changed the locks again but they still get in and move my things.",
    ),
    (
        "instructions from birds or trees",
        "Got instructions from the park ranger about the birds nesting.",
        "Getting messages from the crows about what to do tomorrow.",
    ),
    (
        "a voice saying something is poisoned",
        "The chef's voice on the video said the sauce was reduced enough.",
        "The voice told me the water was poisoned so I didn't drink today.",
    ),
    (
        "mania: two hours of sleep and racing thoughts",
        "Slept 2 hours on the night flight, wrecked, early night tonight.",
        "Sleep 1h again. Thoughts going 200 mph, I've started three companies today.",
    ),
    (
        "mania: no sleep and feeling like a god (Spanish)",
        "No dormí bien por el calor, hoy con sueño.",
        "Hoy no dormí. Me siento como un dios, mañana empiezo dos negocios.",
    ),
    (
        "asking again and again without remembering, told by a carer",
        "My toddler keeps asking the same question over and over, why is the sky blue.",
        "Husband writing. She keeps asking what day it is and doesn't remember the answer.",
    ),
    (
        "not recognised, and confused (Spanish)",
        "Mi vecina no me reconoció con el pelo corto, nos reímos mucho.",
        "Mi madre hoy no me reconoció y estaba muy agitada, preguntaba quién era yo.",
    ),
    (
        "nearly pushing a stranger onto the tracks",
        "A man nearly pushed me onto the tracks in the rush, so rude.",
        "I nearly pushed a stranger onto the tracks this morning and I don't know why.",
    ),
]


@pytest.mark.parametrize(
    ("family", "ordinary", "crisis"),
    TWINS + MEDICAL_TWINS + CARE_WORK_TWINS + SCREENING_TWINS + SPANISH_IDIOM_TWINS,
    ids=[
        t[0]
        for t in TWINS + MEDICAL_TWINS + CARE_WORK_TWINS + SCREENING_TWINS + SPANISH_IDIOM_TWINS
    ],
)
def test_an_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts(family, ordinary, crisis):
    assert not crisis_reading(ordinary).flagged, ordinary
    assert crisis_reading(crisis).flagged, crisis
