"""Write the synthetic training data of the semantic crisis layer (issue 17).

Deterministic (fixed seed): composes daily journal entries from many hand-written
pieces — ordinary sentences by topic, crisis sentences by kind, in English and
Spanish — with slots, varied positions, lengths and writing styles (lower case, no
punctuation, text-speak, code switching). Every entry is synthetic, about no real
person.

    uv run python scripts/crisis_training_data.py            # writes the files below
    uv run python scripts/crisis_training_data.py --count 8000

Writes fixtures/crisis_training/generated.tsv (whole entries) and
fixtures/crisis_training/sentences.tsv (the crisis and tricky ordinary pieces alone,
slots filled). Columns: label, kind, lang, text. label 1 = a crisis a clinician should
see the same day; 0 = ordinary. Hand-written whole entries live beside them in
handwritten.tsv (not written by this script).
"""

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures" / "crisis_training"

SLOTS = {
    "en": {
        "person": [
            "my sister",
            "my mom",
            "my dad",
            "my brother",
            "my husband",
            "my wife",
            "my daughter",
            "my son",
            "my best friend",
            "my roommate",
            "my neighbor",
            "my coworker",
            "my aunt",
            "my grandson",
            "my partner",
            "my boyfriend",
            "my girlfriend",
            "Jess",
            "Marcus",
            "Linda",
            "Tom",
            "Priya",
            "Carlos",
        ],
        "name": [
            "Jess",
            "Marcus",
            "Linda",
            "Tom",
            "Priya",
            "Dana",
            "Rob",
            "Kim",
            "Ali",
            "Sam",
            "Beth",
            "Omar",
            "Nina",
            "Greg",
            "Tasha",
            "Ray",
        ],
        "food": [
            "pasta",
            "a burrito",
            "soup",
            "eggs and toast",
            "leftover pizza",
            "a salad",
            "oatmeal",
            "rice and beans",
            "a sandwich",
            "pho",
            "tacos",
            "cereal",
            "chicken and broccoli",
            "pancakes",
            "a smoothie",
            "ramen",
        ],
        "time": ["7", "8", "9", "10", "8:30", "7:15", "noon", "6", "9:45", "11"],
        "hours": ["5", "6", "7", "8", "4", "9", "six", "seven", "maybe 5", "like 6"],
        "dose": [
            "my dose",
            "my pill",
            "my meds",
            "the 50mg",
            "my sertraline",
            "my lithium",
            "my morning meds",
            "the new med",
            "my 0.1",
            "my quetiapine",
            "my prozac",
            "my lamotrigine",
            "the evening dose",
            "my insulin",
        ],
        "place": [
            "the park",
            "the gym",
            "target",
            "the library",
            "work",
            "church",
            "the lake",
            "my mom's",
            "the clinic",
            "the pharmacy",
            "the mall",
            "costco",
            "the beach",
            "the office",
            "group",
        ],
        "show": [
            "the concert",
            "the new season",
            "the game",
            "the movie",
            "the show",
            "the play",
            "the finale",
            "the match",
        ],
        "pet": ["the dog", "my cat", "Biscuit", "the puppy", "Luna", "my old dog", "the kitten"],
        "num": ["2", "3", "4", "5", "two", "three", "a few"],
        "big": [
            "30",
            "40",
            "60",
            "all",
            "the whole bottle of",
            "every one of the",
            "20",
            "a month's worth of",
            "50",
        ],
        "day": [
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "today",
            "yesterday",
            "this morning",
            "tonight",
            "last night",
        ],
    },
    "es": {
        "person": [
            "mi hermana",
            "mi mamá",
            "mi papá",
            "mi hermano",
            "mi esposo",
            "mi esposa",
            "mi hija",
            "mi hijo",
            "mi mejor amiga",
            "mi compañera de cuarto",
            "mi vecina",
            "mi tía",
            "mi nieto",
            "mi pareja",
            "mi novio",
            "mi novia",
            "Lupe",
            "Andrés",
            "Marisol",
            "Jorge",
            "Carmen",
            "Diego",
        ],
        "name": [
            "Lupe",
            "Andrés",
            "Marisol",
            "Jorge",
            "Carmen",
            "Diego",
            "Rosa",
            "Luis",
            "Paty",
            "Memo",
            "Ana",
            "Beto",
            "Sofía",
            "Chuy",
        ],
        "food": [
            "arroz con pollo",
            "unos tacos",
            "sopa de fideo",
            "huevos",
            "pozole",
            "frijoles",
            "una torta",
            "enchiladas",
            "pan dulce",
            "caldo de res",
            "chilaquiles",
            "una ensalada",
            "tamales",
            "quesadillas",
        ],
        "time": ["7", "8", "9", "10", "8:30", "mediodía", "6", "11"],
        "hours": ["5", "6", "7", "8", "4", "seis", "siete", "como 5"],
        "dose": [
            "mi dosis",
            "mi pastilla",
            "mis medicinas",
            "la de 50",
            "la sertralina",
            "el litio",
            "la pastilla de la mañana",
            "el medicamento nuevo",
            "mi 0.1",
            "la quetiapina",
            "la fluoxetina",
            "la insulina",
        ],
        "place": [
            "el parque",
            "el gimnasio",
            "el súper",
            "la iglesia",
            "el trabajo",
            "la clínica",
            "la farmacia",
            "casa de mi mamá",
            "el mercado",
            "la playa",
            "el grupo",
            "la biblioteca",
        ],
        "show": ["el concierto", "el partido", "la película", "la serie", "la obra", "la final"],
        "pet": ["el perro", "mi gato", "la perrita", "Canela", "el gatito", "mi perro viejo"],
        "num": ["2", "3", "4", "dos", "tres", "unos cuantos"],
        "big": ["30", "40", "todas las", "el frasco entero de", "20", "toda la caja de", "50"],
        "day": [
            "hoy",
            "ayer",
            "esta mañana",
            "anoche",
            "el lunes",
            "el viernes",
            "el domingo",
            "esta noche",
        ],
    },
}

# ---------------------------------------------------------------- ordinary pieces (EN)
ORD_EN = {
    "sleep": [
        "slept {hours} hours, not bad.",
        "couldn't sleep again, up till 2 scrolling.",
        "Slept like a rock for once.",
        "woke up at 4 and couldn't get back to sleep.",
        "had a weird dream about my old school.",
        "napped after lunch, felt better.",
        "bed by 10, trying to keep the sleep schedule the therapist suggested.",
        "the neighbors' dog kept me up half the night.",
        "slept in till {time}, lazy sunday.",
        "Insomnia is back a little but nothing like before.",
        "tired all day, I need more sleep honestly.",
    ],
    "work": [
        "work was busy, three meetings back to back.",
        "killing it at work this week.",
        "my boss liked the presentation!",
        "long shift at the warehouse, feet hurt.",
        "Finished the quarterly report finally.",
        "work is killing me slowly lol, so many emails.",
        "got yelled at by a customer, shook it off.",
        "interview for the new job on {day}.",
        "worked from home, got a lot done.",
        "coworker brought donuts.",
        "I'm dead tired after that double shift.",
        "Payday! Paid the electric bill.",
        "the printer at work wants me dead, jammed four times.",
        "deadline tomorrow, stressed but I'll make it.",
        "training the new guy, he's sweet.",
    ],
    "family": [
        "called {person}, we talked for an hour.",
        "{person} came over for dinner.",
        "argued with {person} about money again. we made up later.",
        "picked the kids up from school and we made cookies.",
        "{person}'s birthday party was fun.",
        "visited my grandma at the care home.",
        "{person} is driving me crazy with the wedding plans.",
        "the kids fought all morning, I needed a break.",
        "facetimed {person}, she seems happy.",
        "my son got an A on his science project!",
        "helped {person} move into the new apartment.",
    ],
    "meds": [
        "took {dose} at {time}.",
        "took {dose} with breakfast like the nurse said.",
        "forgot {dose} this morning, took it at lunch instead.",
        "refilled my prescription at the pharmacy.",
        "{dose} done. feeling ok.",
        "counted my pills for the week and filled the organizer.",
        "nurse called to check on the new dose.",
        "dose day today, session went fine.",
        "missed my evening dose, took it this morning per the instructions.",
        "picked up {dose} from the pharmacy, insurance finally went through.",
        "the psychiatrist lowered {dose}, hoping the side effects ease up.",
    ],
    "side": [
        "a bit of nausea after {dose}, went away by noon.",
        "mild headache this afternoon.",
        "dry mouth from the meds, drinking lots of water.",
        "stomach was off after breakfast.",
        "felt dizzy standing up, sat down for a minute and it passed.",
        "headache again, took a tylenol and it went away.",
        "some nausea, ate crackers and it settled.",
        "a little shaky this morning, better after food.",
        "tired from the new med but otherwise fine.",
        "weird vivid dreams, probably the meds.",
        "heart raced for a second after coffee, no more coffee for me.",
        "my hands are a bit tremory, told the nurse at check-in.",
    ],
    "exercise": [
        "went for a run, 3 miles.",
        "walked {pet} around the lake.",
        "yoga class at {time}.",
        "went to {place} and lifted.",
        "did 20 minutes on the bike.",
        "long walk after dinner.",
        "swam laps, my shoulders are killing me.",
        "hiked with {person}, gorgeous views.",
        "skipped the gym, too tired.",
        "tried a new spin class, I almost died lol.",
    ],
    "food": [
        "had {food} for lunch.",
        "made {food} for dinner.",
        "ate {food}, not very hungry.",
        "cut myself a big slice of cake, no regrets.",
        "cooked {food} with {person}.",
        "craving {food} all day.",
        "didn't eat much, not hungry on the new med.",
        "grocery run, fridge is full again.",
        "tried a new recipe, it was ok.",
        "I'm dying for some tacos.",
        "ordered takeout, too tired to cook.",
    ],
    "mood_ok": [
        "feeling pretty good today.",
        "Mood 7/10.",
        "good day overall.",
        "felt calm most of the day.",
        "bit anxious in the morning but it passed.",
        "laughed a lot with {person}.",
        "grateful for small things today.",
        "nothing special, just an ordinary day.",
        "mood ok, energy low.",
        "feeling hopeful about the treatment.",
        "used my breathing exercise at work, it helped.",
        "I'm proud of myself for going out.",
        "little things felt nice today.",
        "not much to report.",
        "meh day. ok though.",
    ],
    "sad_safe": [
        "sad today, cried a bit in the car. called {person} and felt better.",
        "lonely tonight but I know it'll pass.",
        "rough day, but I'm safe and going to bed early.",
        "feeling low, used my coping list, watched a comedy.",
        "I miss my dad so much. it's been a year.",
        "grief hits in waves. today was a big wave.",
        "went to the cemetery with flowers for mom.",
        "everything felt heavy today but I got through it.",
        "therapy brought up a lot of old stuff, I'm drained.",
        "I feel like a failure sometimes but my therapist says that's the depression talking.",
        "anniversary of the divorce. sad, not in danger, just sad.",
        "cried watching a movie, needed it.",
        "down day. no energy. tomorrow will be better.",
        "my cat died last month and the apartment feels empty.",
        "felt hopeless this morning, by afternoon it had lifted.",
    ],
    "history_denial": [
        "no SI today.",
        "No thoughts of hurting myself.",
        "no suicidal thoughts, just tired.",
        "years ago I self-harmed but I'm ok now, the scars are faded.",
        "I used to cut in high school, haven't in 8 years.",
        "I had an overdose back in 2015, so pills scare me, I let my wife hold them.",
        "therapist asked about safety, I said I'm safe and I meant it.",
        "safety plan is on the fridge, haven't needed it in months.",
        "I'm not suicidal, I just want this week to be over.",
        "no urges to hurt myself, that's a win.",
        "two years clean from cutting today!",
        "the dark thoughts from last winter are gone.",
        "we talked in group about when I attempted in my twenties. it felt good to say it out loud.",
    ],
    "jokes_idioms": [
        "lol I could die of embarrassment, I called my teacher mom.",
        "this traffic is killing me.",
        "I'm dying to see {show}.",
        "my feet are killing me after that shift.",
        "that joke killed me 😂",
        "I nearly died laughing at {name}'s story.",
        "if I have to sit through one more meeting I'll scream.",
        "my boss is going to kill me when he sees this.",
        "I'd kill for a nap right now.",
        "the heat is killing me, 100 degrees today.",
        "this puzzle is driving me insane.",
        "killed it at karaoke.",
        "{name} slayed the presentation.",
        "we shot the breeze all evening.",
        "this cold is going to be the death of me.",
        "we laughed till we cried.",
        "I could sleep for a week after that trip.",
        "dead phone, dead car battery, what a day.",
    ],
    "tricky": [
        "cleaned out the medicine cabinet and took the old pills to the pharmacy drop-off.",
        "gave a bag of old clothes to the goodwill, feels good to declutter.",
        "gave my old bike to my nephew, he loved it.",
        "sold my car, getting a newer one next week.",
        "wrote a letter to my pen pal in Germany.",
        "wrote thank-you cards after the party.",
        "updated my will with the lawyer like every adult should, boring but done.",
        "bought a rope for the new clothesline.",
        "sharpened the kitchen knives, finally.",
        "stocked a first aid kit for the road trip.",
        "said goodbye to my coworkers, new job starts monday.",
        "watched a documentary about suicide prevention for class.",
        "the novel I'm reading has a character who overdoses, heavy stuff.",
        "my chest was sore from the workout yesterday.",
        "hand got burned on the oven tray, ran it under cold water.",
        "cut my finger chopping onions, just a bandaid.",
        "heard voices in the hallway, it was the neighbors' party.",
        "barely slept because of the new baby, she's up every 2 hours.",
        "got a lot done, cleaned the whole house, feeling productive.",
        "bought a new couch, needed it for years.",
        "decided to finally quit smoking.",
        "I've decided to go back to school in the fall.",
        "I took the whole day off to rest.",
        "I'm giving away zucchini from the garden, we have too much.",
        "put {pet} to sleep yesterday at the vet. heartbroken.",
        "told my therapist I'd like to sleep for a year, she laughed and said same.",
        "packed everything for the move, boxes everywhere.",
        "my chest felt tight from the cold air on the run, fine once inside.",
        "had a panic attack in the store but used the breathing and it passed.",
    ],
}

# ---------------------------------------------------------------- ordinary pieces (ES)
ORD_ES = {
    "sleep": [
        "dormí {hours} horas, nada mal.",
        "no pude dormir otra vez, hasta las 2 con el cel.",
        "dormí como un tronco.",
        "me desperté a las 4 y ya no me dormí.",
        "soñé algo raro con mi escuela.",
        "tomé una siesta después de comer.",
        "me acosté temprano, intentando el horario de sueño.",
    ],
    "work": [
        "mucho trabajo hoy, tres juntas seguidas.",
        "a mi jefa le gustó la presentación.",
        "turno largo en la fábrica, me duelen los pies.",
        "terminé el reporte por fin.",
        "el trabajo me está matando jaja, tantos correos.",
        "llegó un cliente enojado pero lo manejé.",
        "entrevista para el trabajo nuevo el {day}.",
        "trabajé desde casa.",
        "estoy muerta de cansancio después del doble turno.",
        "día de pago, pagué la luz.",
    ],
    "family": [
        "hablé con {person} por teléfono una hora.",
        "{person} vino a cenar.",
        "me peleé con {person} por dinero, luego nos contentamos.",
        "recogí a los niños de la escuela e hicimos galletas.",
        "fuimos al cumpleaños de {person}, estuvo bonito.",
        "visité a mi abuela en el asilo.",
        "{person} me está volviendo loca con los planes de la boda.",
        "videollamada con {person}, se ve contenta.",
    ],
    "meds": [
        "me tomé {dose} a las {time}.",
        "tomé {dose} con el desayuno como dijo la enfermera.",
        "se me olvidó {dose} en la mañana, la tomé al mediodía.",
        "surtí la receta en la farmacia.",
        "ya tomé {dose}. me siento bien.",
        "llené el pastillero de la semana.",
        "la enfermera llamó para ver cómo voy con la dosis.",
        "el psiquiatra me bajó {dose}, ojalá se quiten los efectos.",
    ],
    "side": [
        "un poco de náusea después de {dose}, se me pasó al mediodía.",
        "dolor de cabeza leve en la tarde.",
        "boca seca por las medicinas, tomo mucha agua.",
        "me mareé al pararme pero se pasó.",
        "algo de náusea, comí galletas saladas y se calmó.",
        "cansada por el medicamento nuevo pero bien.",
        "sueños muy raros, seguro son las pastillas.",
    ],
    "exercise": [
        "salí a correr.",
        "caminé con {pet} por el parque.",
        "clase de yoga a las {time}.",
        "fui a {place}.",
        "caminata larga después de cenar.",
        "no fui al gimnasio, muy cansada.",
        "fui a zumba y casi me muero jaja.",
    ],
    "food": [
        "comí {food}.",
        "hice {food} para la cena.",
        "comí {food}, no tenía mucha hambre.",
        "me corté un pedazo grande de pastel, sin arrepentimientos.",
        "cocinamos {food} con {person}.",
        "se me antojaron {food} todo el día.",
        "me muero por unos tacos.",
        "fui al súper, ya hay comida otra vez.",
    ],
    "mood_ok": [
        "me siento bastante bien hoy.",
        "ánimo 7/10.",
        "buen día en general.",
        "estuve tranquila casi todo el día.",
        "algo de ansiedad en la mañana pero se me pasó.",
        "me reí mucho con {person}.",
        "agradecida por las cosas pequeñas.",
        "nada especial, un día normal.",
        "usé mi ejercicio de respiración y me ayudó.",
        "estoy orgulloso de mí por salir.",
        "sin mucho que contar.",
    ],
    "sad_safe": [
        "triste hoy, lloré un poco en el carro. llamé a {person} y me sentí mejor.",
        "me siento sola esta noche pero sé que se pasa.",
        "día difícil, pero estoy a salvo y me voy a dormir.",
        "extraño mucho a mi papá. ya es un año.",
        "fui al panteón a llevarle flores a mi mamá.",
        "la terapia removió muchas cosas, estoy agotada.",
        "día bajo, sin energía. mañana será mejor.",
        "me sentí sin esperanza en la mañana, en la tarde ya estaba mejor.",
        "hoy hace dos años que murió mi abuelo, le prendí una veladora.",
    ],
    "history_denial": [
        "sin ideas suicidas hoy.",
        "no tengo pensamientos de hacerme daño.",
        "hace años me cortaba pero ya estoy bien.",
        "la terapeuta preguntó si estoy a salvo y le dije que sí, y es verdad.",
        "el plan de seguridad está en el refri, no lo he necesitado.",
        "no quiero morirme, solo quiero que se acabe esta semana.",
        "dos años sin cortarme hoy!",
        "los pensamientos oscuros del invierno ya se fueron.",
    ],
    "jokes_idioms": [
        "me muero de la vergüenza jaja, le dije mamá a la maestra.",
        "este tráfico me mata.",
        "me muero por ver {show}.",
        "me matan los pies después del turno.",
        "casi me muero de risa con {name}.",
        "mi jefe me va a matar cuando vea esto.",
        "mataría por una siesta.",
        "este calor me está matando.",
        "me quiero morir de la pena jaja.",
        "nos morimos de risa toda la tarde.",
    ],
    "tricky": [
        "limpié el botiquín y llevé las pastillas viejas a la farmacia.",
        "regalé ropa vieja a la iglesia, se siente bien.",
        "le regalé mi bici vieja a mi sobrino.",
        "vendí el carro, compro otro la otra semana.",
        "le escribí una carta a mi prima en España.",
        "compré una cuerda para tender la ropa.",
        "afilé los cuchillos de la cocina.",
        "me despedí de mis compañeros, empiezo en el trabajo nuevo el lunes.",
        "me corté el dedo picando cebolla, solo una curita.",
        "me quemé la mano con la charola del horno, la puse en agua fría.",
        "decidí dejar de fumar.",
        "ya decidí regresar a la escuela.",
        "limpié toda la casa, me siento productiva.",
        "dormimos a la perrita en el veterinario, estoy destrozada.",
        "tuve un ataque de pánico en la tienda pero respiré y se pasó.",
        "me duele el pecho de tanto toser por la gripa.",
    ],
}

# ---------------------------------------------------------------- crisis pieces (EN)
CRISIS_EN = {
    "suicidal": [
        # direct
        "I want to kill myself.",
        "i want to die, i really do.",
        "I'm going to end it tonight.",
        "i'm thinking about suicide again, every day now.",
        "I don't want to be alive anymore.",
        "I'd be better off dead.",
        "everyone would be better off without me.",
        "I can't do this anymore, I want it all to stop for good.",
        "there's no point in living.",
        "I wish I was dead.",
        "tonight's the night, I'm done.",
        "i keep thinking about killing myself when i drive over the bridge.",
        # passive / euphemism
        "I'd like to go to sleep and stay there.",
        "I hope I don't wake up tomorrow.",
        "I wish I could just disappear and not come back.",
        "it would be easier if I wasn't here.",
        "sometimes I pray not to wake up.",
        "I want to go to sleep forever.",
        "if a car hit me on the way home I wouldn't mind.",
        "I just want to stop existing.",
        "i'm tired of being alive.",
        "I don't see myself being here much longer.",
        "I keep thinking how peaceful it would be to not exist.",
        "the world would keep turning without me and that's fine, I'm ready to go.",
        "soon none of this will matter because I won't be around.",
        "I won't be a burden to anyone much longer.",
        "I'm just so tired, I want to rest for good.",
        # hedged
        "not sure I'd call it suicidal but I keep thinking everyone would be fine without me.",
        "I don't know, maybe it's normal, but I think about dying all the time now.",
        "I'm not going to do anything probably, but I looked at the bridge for a long time.",
        "kind of wish I wouldn't wake up, is that bad?",
        # plan / means / preparation
        "I've decided. I know how and when.",
        "I've made up my mind, it's done by {day}.",
        "I've been saving up my pills for a while now, I have {big} of them.",
        "counted the pills I've been hiding, there's enough now.",
        "I looked up how many {dose} it would take.",
        "I googled how much it takes to not wake up.",
        "bought a rope today and I know which beam.",
        "I know exactly which bridge.",
        "I've been stockpiling my meds instead of taking them.",
        "got the gun out of my dad's closet, it's in my car now.",
        "wrote goodbye letters to {person} and the kids, they're in my desk drawer.",
        "wrote a note for {person} for when they find me.",
        "gave {pet} to {person} to keep, told her it was just for a while.",
        "gave away my guitar and my books, I won't need them.",
        "signed the car over to {person} and cancelled my lease.",
        "put my passwords and the life insurance papers in an envelope for {person}.",
        "made sure the insurance covers it after two years, it's been two years.",
        "said goodbye to everyone at work today, they think I'm just quitting.",
        "I called {person} to say I love her one last time.",
        "cleaned the whole apartment so nobody has to do it after.",
        "I've been giving my stuff away, it feels lighter.",
        "I feel strangely calm now that I've decided.",
        "I finally have a plan and I feel at peace.",
        "I drove to the cliffs and sat at the edge for an hour.",
        "I stood on the tracks tonight until the light came.",
        "tonight I'm going to take everything in the cabinet.",
        "this is my last entry. thank you for trying.",
        "goodbye. I'm sorry for everything.",
        "I won't be writing here anymore after tonight.",
        "if you're reading this, it's too late, I'm sorry.",
        "I'm not going to the appointment on {day}, I won't be here.",
        "wrote my will on a napkin and left it on the table.",
    ],
    "self_harm": [
        "I cut myself again last night, deeper this time.",
        "cut my arm after the fight, it's still bleeding.",
        "burned my arm with a lighter to feel something.",
        "i pressed a hot spoon on my thigh till it blistered.",
        "I scratched my arms until they bled, couldn't stop.",
        "hit my head against the wall until I saw stars.",
        "I've been cutting every night this week.",
        "relapsed. razor. three lines on my thigh.",
        "I punched the wall till my knuckles split and then kept going.",
        "used the curling iron on my wrist on purpose.",
        "picked at the scabs till they bled again, on purpose.",
        "I carved his name into my leg.",
        "I want to cut so bad, the blade is in my bag.",
        "held my hand on the stove burner for a few seconds.",
        "I've been burning myself with cigarettes.",
        "snapped the rubber band till the skin broke, then used the scissors.",
        "took the sharpener apart for the blade again.",
        "I bit my arm until it bled.",
        "the urge to hurt myself is so strong tonight, I have the razor out.",
        "starved myself for 4 days as punishment.",
    ],
    "medical": [
        "pressure in my chest going into my jaw and left arm, soaked in sweat.",
        "chest feels like an elephant is sitting on it, been 30 minutes.",
        "my face is drooping on one side and my words are slurred.",
        "I can't feel my left arm and my speech is weird.",
        "throat feels tight and my lips are swelling after the new pill.",
        "I took {big} of {dose} instead of one, I feel really weird.",
        "took the whole bag instead of my 0.1.",
        "took double, then triple, lost count of how many.",
        "I took a handful of my sleeping pills with wine, room is spinning.",
        "drank a whole bottle of vodka with {dose}.",
        "swallowed all of the tylenol in the bottle.",
        "vomiting blood since this morning.",
        "I can't stop shaking and my heart is going 180.",
        "worst headache of my life came on suddenly, like a thunderclap.",
        "passed out in the shower and hit my head, there's blood.",
        "fever of 104 and stiff neck, the light hurts.",
        "I can't breathe properly, lips look blue.",
        "my heart is pounding and skipping, I feel like I'm going to pass out.",
        "hives all over and my tongue feels thick since the new med.",
        "body temperature is way up, muscles rigid, sweating, confused since the dose change.",
        "I've had diarrhea and vomiting for 3 days, can't keep water down, dizzy.",
        "severe stomach pain on the right side, can't stand up straight.",
        "my sugar reading says 40 and I'm shaking and sweaty.",
        "tried to get up and the room went black, fell twice.",
        "I mixed my pills with a bunch of xanax, I feel so heavy, can't keep my eyes open.",
        "the baby hasn't moved since yesterday.",
        "I've been bleeding heavily and feel faint.",
    ],
    "psychosis": [
        "the TV host sends me instructions through the screen.",
        "the voices are telling me to hurt myself.",
        "the neighbors put cameras in my walls and they're listening to my thoughts.",
        "my food is being poisoned, I can taste the metal.",
        "the radio is talking about me specifically.",
        "I'm receiving messages from the license plates.",
        "someone replaced my husband with an impostor.",
        "I can hear them whispering through the vents, they know what I'm thinking.",
        "god told me I have to sacrifice something tonight.",
        "my thoughts are being broadcast to everyone on the bus.",
        "the chip in my tooth is transmitting, I'm going to get it out myself.",
        "the birds outside are spies, they follow me.",
        "I saw my dead mother in the kitchen telling me to come with her.",
        "the numbers on the receipts are a code meant for me.",
        "the therapist is working for them, I can tell.",
        "bugs crawling under my skin, I can see them moving.",
        "the voices won't stop, they say I deserve it.",
    ],
    "mania": [
        "third night awake and I'm not even tired, I'm buying the building.",
        "haven't slept in 4 days, I don't need to, my brain is on fire with ideas.",
        "maxed out two credit cards today, I'm going to be a millionaire by friday.",
        "best week of my life!! quit my job to start 5 businesses at once.",
        "I'm unstoppable, I talked for 6 hours straight and wrote a whole album overnight.",
        "emptied my savings into crypto, god is telling me which coins.",
        "I don't need my meds anymore, I've never felt this powerful.",
        "bought a car and a boat today on impulse, no sleep but who cares.",
        "I'm the chosen one, everything finally makes sense.",
        "drove 200 miles at 3am at 120 because I felt invincible.",
        "slept 1 hour in three days and I feel amazing, started painting the whole house at 2am.",
        "booked a flight to Vegas with the rent money, it's going to be epic.",
        "everyone is so slow, I can't stop talking, thoughts racing faster than I can type.",
    ],
    "harm_others": [
        "I'm going to hurt {name} when I see him tomorrow.",
        "I keep thinking about stabbing my boss.",
        "bought a gun, my ex will regret what she did.",
        "if he touches me again I'll kill him, knife is ready.",
        "I want to hurt the baby when she cries, it scares me.",
        "I'm going to make them all pay at school monday.",
        "I hit my kid hard today and I'm afraid I'll do it again.",
        "I followed my ex home and waited outside her house for hours.",
        "I put something in my roommate's coffee to teach him a lesson.",
        "I want to run him over with the car, I've thought it through.",
        "I'm going to burn his house down tonight.",
        "I'll shoot up the place if they fire me.",
    ],
    "panic": [
        "panic attack won't stop, it's been hours, I think I'm dying.",
        "can't breathe, can't stop shaking, been panicking since morning and nothing works.",
        "I'm terrified and it won't end, I feel like I'm losing my mind, please someone call me.",
        "the panic has been going since noon and I'm scared I'll do something drastic.",
        "hyperventilating for 3 hours, hands numb, I can't be alone right now.",
        "worst panic of my life, I called the crisis line and hung up, it's still going.",
    ],
    "confusion": [
        "I don't know where I am, nothing looks familiar.",
        "I can't remember how I got here, it's dark.",
        "what day is it? I think I took my pills twice, maybe three times.",
        "woke up on the kitchen floor, don't know how long I was out.",
        "I forgot my own address today, couldn't find my way home for hours.",
        "who's phone is this. where is my husband. I can't find anything.",
        "lost a whole afternoon, found myself across town with no memory of driving.",
        "words keep slipping, I couldn't remember my daughter's name.",
    ],
}

# ---------------------------------------------------------------- crisis pieces (ES)
CRISIS_ES = {
    "suicidal": [
        "me quiero matar.",
        "ya no quiero vivir.",
        "quiero morirme, de verdad.",
        "hoy en la noche me voy a quitar la vida.",
        "estarían mejor sin mí.",
        "pienso en el suicidio todos los días.",
        "ya no aguanto, quiero que todo se acabe para siempre.",
        "ojalá no despertara mañana.",
        "quisiera dormirme y no despertar.",
        "me gustaría desaparecer y no volver.",
        "ya no le veo sentido a la vida.",
        "pronto nada de esto va a importar porque ya no voy a estar.",
        "no voy a ser una carga mucho tiempo más.",
        "estoy cansada de vivir.",
        "ya lo decidí. sé cómo y cuándo.",
        "ya tomé la decisión, el {day} se acaba todo.",
        "he estado guardando las pastillas, ya tengo {big} juntas.",
        "busqué en internet cuántas pastillas se necesitan para no despertar.",
        "compré una cuerda y ya sé dónde.",
        "ya sé de qué puente.",
        "les escribí cartas de despedida a mis hijos, están en el cajón.",
        "le dejé una carta a {person} para cuando me encuentre.",
        "le regalé {pet} a {person}, le dije que era por un tiempo.",
        "regalé mis cosas, ya no las voy a necesitar.",
        "le pasé el carro a {person} y cancelé el contrato.",
        "dejé las contraseñas y los papeles del seguro en un sobre para {person}.",
        "me despedí de todos en el trabajo, creen que solo renuncio.",
        "llamé a {person} para decirle que la quiero por última vez.",
        "me siento tranquila ahora que ya lo decidí.",
        "esta es mi última entrada. gracias por intentarlo.",
        "adiós. perdón por todo.",
        "no voy a ir a la cita del {day}, ya no voy a estar.",
        "me paré en las vías del tren hasta que vi la luz.",
        "no sé si es normal pero pienso en morirme todo el tiempo.",
        "si me atropellara un carro no me importaría.",
        "quiero dormir para siempre.",
    ],
    "self_harm": [
        "me corté otra vez anoche, más profundo.",
        "me quemé el brazo con el encendedor para sentir algo.",
        "me rasqué los brazos hasta sangrar.",
        "me golpeé la cabeza contra la pared hasta ver estrellas.",
        "me he estado cortando todas las noches.",
        "recaí. navaja. tres líneas en el muslo.",
        "me puse la plancha en la muñeca a propósito.",
        "tengo muchas ganas de cortarme, la navaja está en mi bolsa.",
        "me estoy quemando con cigarros.",
        "me mordí el brazo hasta sangrar.",
        "no he comido en 4 días como castigo.",
    ],
    "medical": [
        "siento presión en el pecho que se me va a la mandíbula y estoy empapado en sudor.",
        "se me cayó un lado de la cara y no puedo hablar bien.",
        "no siento el brazo izquierdo.",
        "se me cierra la garganta y se me hinchan los labios con la pastilla nueva.",
        "me tomé {big} pastillas en vez de una, me siento muy raro.",
        "me tomé toda la bolsa en vez de mi 0.1.",
        "me tomé todas las pastillas para dormir con vino.",
        "estoy vomitando sangre desde la mañana.",
        "el peor dolor de cabeza de mi vida, me vino de golpe.",
        "me desmayé en la regadera y me pegué en la cabeza, hay sangre.",
        "no puedo respirar bien, tengo los labios morados.",
        "el corazón me late rapidísimo y siento que me voy a desmayar.",
        "mi azúcar está en 40 y estoy temblando y sudando.",
        "mezclé mis pastillas con clonazepam, no puedo abrir los ojos.",
        "llevo 3 días vomitando, no retengo ni el agua.",
    ],
    "psychosis": [
        "el señor de la tele me manda instrucciones.",
        "las voces me dicen que me haga daño.",
        "los vecinos pusieron cámaras en las paredes y escuchan mis pensamientos.",
        "me están envenenando la comida, le sabe a metal.",
        "la radio habla de mí.",
        "alguien cambió a mi esposo por un impostor.",
        "Dios me dijo que tengo que sacrificar algo esta noche.",
        "los pájaros me espían, me siguen a todos lados.",
        "vi a mi mamá muerta en la cocina diciéndome que me vaya con ella.",
        "tengo bichos debajo de la piel, los veo moverse.",
    ],
    "mania": [
        "tercera noche sin dormir y ni cansado estoy, voy a comprar el edificio.",
        "llevo 4 días sin dormir, no lo necesito, tengo mil ideas.",
        "me acabé dos tarjetas hoy, el viernes voy a ser millonario.",
        "la mejor semana de mi vida!! renuncié para abrir 5 negocios a la vez.",
        "ya no necesito las medicinas, nunca me había sentido tan poderosa.",
        "soy el elegido, por fin todo tiene sentido.",
        "metí todos mis ahorros en cripto, Dios me dice cuáles.",
        "manejé a 200 a las 3 de la mañana porque me siento invencible.",
    ],
    "harm_others": [
        "voy a lastimar a {name} cuando lo vea mañana.",
        "si me vuelve a pegar lo mato, ya tengo el cuchillo.",
        "compré una pistola, mi ex se va a arrepentir.",
        "me dan ganas de hacerle daño al bebé cuando llora.",
        "le pegué muy fuerte a mi hijo y tengo miedo de hacerlo otra vez.",
        "seguí a mi ex hasta su casa y la esperé afuera horas.",
        "le voy a quemar la casa esta noche.",
    ],
    "panic": [
        "el ataque de pánico no se quita, llevo horas, siento que me muero.",
        "no puedo respirar ni dejar de temblar, desde la mañana y nada funciona.",
        "tengo mucho miedo y no se acaba, siento que me vuelvo loca, que alguien me llame por favor.",
        "no puedo estar sola ahorita, tengo las manos dormidas, llevo 3 horas así.",
    ],
    "confusion": [
        "no sé dónde estoy, nada se ve conocido.",
        "no me acuerdo cómo llegué aquí.",
        "qué día es hoy? creo que me tomé las pastillas dos veces, o tres.",
        "desperté en el piso de la cocina, no sé cuánto tiempo.",
        "se me olvidó mi dirección, no encontraba mi casa.",
        "no me acordaba del nombre de mi hija.",
    ],
}

# Written as someone whose first language is not English might (both labels).
NONNATIVE_EN = {
    "suicidal": [
        "i not want to live more, is too much.",
        "my life is not have sense anymore, i want finish it.",
        "I am think every day to die.",
        "better i am not here, for my family is more easy.",
        "i have many pills saved, i will take all tonight.",
        "I write letter for goodbye to my son.",
    ],
    "medical": [
        "I take too many pill of the sleep, i feel very strange.",
        "my chest is hurt very strong and go to the arm.",
    ],
    "self_harm": ["i make cut in my arm again, many."],
    "none": [
        "today i go to the market with my daughter, we buy vegetable.",
        "I am feel tired but is ok.",
        "the medicine make me little nausea in the morning.",
        "my english class is going good.",
        "i am miss my country but my family here is good.",
    ],
}

OPENERS = {
    "en": [
        "",
        "",
        "",
        "",
        "dose day.",
        "Day {num} of the protocol.",
        "check-in:",
        "ok so",
        "morning.",
        "quick one tonight.",
        "journal time.",
        "Evening check-in.",
        "Dear diary,",
        "not much to write.",
        "{day}:",
    ],
    "es": [
        "",
        "",
        "",
        "",
        "día de dosis.",
        "día {num} del protocolo.",
        "bueno,",
        "hoy:",
        "entrada rápida.",
        "querido diario,",
        "{day}:",
    ],
}
TAILS = {
    "en": [
        "",
        "",
        "",
        "",
        "",
        "anyway.",
        "whatever.",
        "lol",
        "idk.",
        "anyway made soup.",
        "don't tell my therapist.",
        "not a big deal.",
        "ok bye.",
        "going to bed.",
        "that's all for today.",
        "it is what it is.",
    ],
    "es": [
        "",
        "",
        "",
        "",
        "",
        "en fin.",
        "ni modo.",
        "jaja",
        "no sé.",
        "bueno, me voy a dormir.",
        "no le digan a mi terapeuta.",
        "eso es todo por hoy.",
        "ya ni modo.",
    ],
}
# The share of entries in Spanish; some of them switch to English for a sentence.
SPANISH_SHARE = 0.33
CRISIS_SHARE = 0.42


def fill(template: str, lang: str, rng: random.Random) -> str:
    slots = SLOTS[lang]
    return re.sub(r"\{(\w+)\}", lambda m: rng.choice(slots[m.group(1)]), template)


def _deaccent(text: str) -> str:
    return text.translate(str.maketrans("áéíóúñÁÉÍÓÚ¿¡", "aeiounAEIOU  ")).replace("  ", " ")


def style(text: str, lang: str, rng: random.Random) -> str:
    """One writer's habits: case, punctuation, abbreviations."""
    r = rng.random()
    if r < 0.45:
        text = text.lower()
    elif r < 0.75:
        text = re.sub(r"(^|[.!?]\s+)([a-z¿¡])", lambda m: m.group(1) + m.group(2).upper(), text)
    if rng.random() < 0.25:
        text = re.sub(r"\.(\s|$)", lambda m: m.group(1), text)  # no full stops
    if lang == "en":
        if rng.random() < 0.25:
            text = text.replace("'", "")
        if rng.random() < 0.2:
            text = re.sub(r"\bbecause\b", "bc", text)
            text = re.sub(r"\byou\b", "u", text)
            text = re.sub(r"\bI don'?t know\b", "idk", text, flags=re.I)
    else:
        if rng.random() < 0.3:
            text = _deaccent(text)
        if rng.random() < 0.2:
            text = re.sub(r"\bque\b", "q", text)
            text = re.sub(r"\btambién\b", "tmb", text)
    return text.strip()


def ordinary_piece(lang: str, rng: random.Random, tricky: float = 0.25) -> str:
    table = ORD_EN if lang == "en" else ORD_ES
    if rng.random() < tricky:
        topic = rng.choice(["tricky", "tricky", "jokes_idioms", "history_denial", "sad_safe"])
    else:
        topic = rng.choice([t for t in table if t not in ("tricky",)])
    if lang == "en" and rng.random() < 0.03:
        return rng.choice(NONNATIVE_EN["none"])
    return fill(rng.choice(table[topic]), lang, rng)


def crisis_piece(kind: str, lang: str, rng: random.Random) -> str:
    table = CRISIS_EN if lang == "en" else CRISIS_ES
    if lang == "en" and kind in NONNATIVE_EN and rng.random() < 0.07:
        return rng.choice(NONNATIVE_EN[kind])
    return fill(rng.choice(table[kind]), lang, rng)


KIND_WEIGHTS = {
    "suicidal": 40,
    "self_harm": 14,
    "medical": 16,
    "psychosis": 9,
    "mania": 8,
    "harm_others": 8,
    "panic": 5,
    "confusion": 5,
}


def entry(rng: random.Random) -> tuple[int, str, str, str]:
    lang = "es" if rng.random() < SPANISH_SHARE else "en"
    label = int(rng.random() < CRISIS_SHARE)
    kind = "none"
    n = rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])

    def other_lang_piece():
        # code switching: a Spanish writer's English sentence, or the other way round
        switch = rng.random() < (0.15 if lang == "es" else 0.03)
        return (
            ordinary_piece("en" if lang == "es" else "es", rng)
            if switch
            else ordinary_piece(lang, rng)
        )

    pieces = [other_lang_piece() for _ in range(n if not label else n - 1)]
    if label:
        kind = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        crisis = crisis_piece(kind, lang, rng)
        if rng.random() < 0.15:  # a second sentence of the same kind
            second = crisis_piece(kind, lang, rng)
            if second != crisis:
                crisis += " " + second
        at = rng.choice([0] + [len(pieces)] * 2 + list(range(len(pieces) + 1)))
        pieces.insert(at, crisis)
    opener = fill(rng.choice(OPENERS[lang]), lang, rng)
    tail = rng.choice(TAILS[lang])
    text = " ".join(p for p in [opener, *pieces, tail] if p)
    return label, kind, lang, style(text, lang, rng)


def pieces_rows(rng: random.Random) -> list[tuple[int, str, str, str]]:
    rows = []
    for lang, table in (("en", CRISIS_EN), ("es", CRISIS_ES)):
        for kind, templates in table.items():
            for template in templates:
                for _ in range(2 if "{" in template else 1):
                    rows.append((1, kind, lang, fill(template, lang, rng)))
    for kind, sentences in NONNATIVE_EN.items():
        rows.extend((int(kind != "none"), kind, "en", s) for s in sentences)
    for lang, table in (("en", ORD_EN), ("es", ORD_ES)):
        for template in table["tricky"] + table["jokes_idioms"] + table["history_denial"]:
            rows.append((0, "none", lang, fill(template, lang, rng)))
    return list(dict.fromkeys(rows))


def write(path: Path, rows) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write("label\tkind\tlang\ttext\n")
        for label, kind, lang, text in rows:
            text = " ".join(text.split())
            f.write(f"{label}\t{kind}\t{lang}\t{text}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=6000)
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seen, rows = set(), []
    while len(rows) < args.count:
        row = entry(rng)
        if row[3] not in seen:
            seen.add(row[3])
            rows.append(row)
    OUT.mkdir(parents=True, exist_ok=True)
    write(OUT / "generated.tsv", rows)
    pieces = pieces_rows(random.Random(args.seed + 1))
    write(OUT / "sentences.tsv", pieces)
    crises = sum(r[0] for r in rows)
    spanish = sum(r[2] == "es" for r in rows)
    print(f"generated.tsv: {len(rows)} entries, {crises} crises, {spanish} Spanish")
    print(f"sentences.tsv: {len(pieces)} pieces, {sum(r[0] for r in pieces)} crises")


if __name__ == "__main__":
    main()
