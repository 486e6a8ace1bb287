"""Build fixtures/crisis_training/probe*.tsv: a self-written probe of the crisis rules.

Issue 17: the rules were tuned on the development sets and found ~0.42 of crises in
text they had never seen. This probe was written BEFORE reading the lexicon closely,
so its wording does not follow the rules' phrasing. Every sentence is synthetic and
about no real person.

Each entry is a whole daily journal: two to five ordinary sentences (sleep, work,
family, doses, food, exercise) with one "core" put somewhere in the middle. A core is
a crisis told in hard wording (label 1) or an ordinary trap that looks like one
(label 0: idioms, denials, past events, other people, films, jokes); some ordinary
entries have no trap at all. Each core is used exactly once, so the random 50/50
split below puts every core in one half only.

    uv run python scripts/crisis_probe.py

writes probe.tsv (all), probe-tune.tsv (the half the rules may be tuned on) and
probe-holdout.tsv (the half nobody looks at while tuning: the estimate). Running it
again rewrites the same files (fixed seed).
"""

import csv
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "crisis_training"
SEED = 17

FILLER_EN = [
    "Slept about six hours, woke up twice.",
    "Bad night, the neighbours had a party until 2.",
    "Got a proper eight hours for once.",
    "Napped after lunch which I never do.",
    "Woke at 5 and couldn't get back to sleep so I read for a bit.",
    "Work was a slog, back-to-back calls all morning.",
    "Finished the quarterly report at last.",
    "My manager moved the deadline again.",
    "Worked from home, the cat sat on the keyboard half the day.",
    "Long shift at the warehouse, my feet are sore.",
    "Called my mum, she's doing better after the knee operation.",
    "Took the kids to the park after school.",
    "My sister came over with the new baby.",
    "Dad and I argued about the car again but we made up.",
    "My partner cooked dinner, pasta with far too much garlic.",
    "Took the 0.1 g dose at 9 with breakfast.",
    "Dose day, a bit of nausea for an hour and then fine.",
    "No dose today, rest day on the plan.",
    "Took my magnesium and the morning capsule.",
    "Microdose at 8, felt a little more alert by 10.",
    "Had soup and toast for lunch.",
    "Ate too much at the team lunch.",
    "Tried a new lentil recipe, not bad.",
    "Skipped breakfast and had a big lunch instead.",
    "Made banana bread with my daughter.",
    "Walked 40 minutes by the river.",
    "Yoga in the evening, my hamstrings are so tight.",
    "Did a short run, about 3k.",
    "Swam 20 lengths at the leisure centre.",
    "Too rainy to walk so I stretched at home.",
    "Mood about a 5 today.",
    "Felt flat most of the afternoon.",
    "A bit anxious before the meeting but it passed.",
    "The weather was grey all day.",
    "Paid the electricity bill and did the laundry.",
    "Groceries, then a long phone call with my aunt.",
    "The bus was late again.",
    "Watered the plants, the basil is finally growing.",
    "Had a coffee with Priya after work.",
    "Therapy session this morning, we talked about my dad.",
    "Fed the dog, cleaned the kitchen.",
    "Headache in the morning, gone by lunch.",
    "The landlord still hasn't fixed the boiler.",
    "Read a few chapters before bed.",
    "Going to bed early.",
    "That's it for today.",
    "Tea and a show and then sleep.",
    "Ok, bed.",
    "Will write more tomorrow.",
    "Not much else to say.",
]

FILLER_ES = [
    "Dormí unas seis horas.",
    "Me desperté dos veces en la noche.",
    "Hoy tocó dosis, tomé la cápsula con el desayuno.",
    "No hubo dosis hoy, día de descanso.",
    "Tomé el magnesio en la noche.",
    "El trabajo estuvo pesado, muchas reuniones.",
    "Fui a caminar al parque media hora.",
    "Comí arroz con pollo en casa de mi mamá.",
    "Mi hermana me llamó para contarme de su viaje.",
    "Los niños tenían tarea de matemáticas.",
    "Llovió todo el día.",
    "Ánimo como un 5.",
    "Me dolía un poco la cabeza en la tarde.",
    "Vi una serie con mi pareja.",
    "Mañana tengo cita con la terapeuta.",
    "Hice yoga en la sala.",
    "Preparé sopa de lentejas.",
    "El camión se tardó muchísimo.",
    "Lavé la ropa y limpié la cocina.",
    "Saqué a pasear al perro.",
    "Tomé un café con una amiga.",
    "Leí un rato antes de dormir.",
    "Bueno, a dormir.",
    "Eso es todo por hoy.",
    "Mañana escribo más.",
    "Estuve un poco ansiosa antes de la junta pero se me pasó.",
    "Hoy me sentí más o menos.",
    "Pagué la luz y el internet.",
]

# (kind, text) crisis cores: hard wording, never copied from the rules.
CRISIS_EN = [
    ("suicidal", "Honestly I keep thinking everyone would manage fine without me around."),
    ("suicidal", "I'd rather just not wake up tomorrow, that would be easier for everyone."),
    (
        "suicidal",
        "Wrote letters to my two boys and put them in the drawer with the will. They'll find them.",
    ),
    ("suicidal", "Gave my guitar and my records to Sam today. Won't be needing them."),
    (
        "suicidal",
        "I've been reading about how many of my sleeping tablets it would take. "
        "I've got enough saved now.",
    ),
    (
        "suicidal",
        "Been keeping the capsules aside instead of taking them, there's a jar of them in the "
        "cupboard now. For when I decide.",
    ),
    ("suicidal", "I've made up my mind. Sunday when the house is empty."),
    (
        "suicidal",
        "Drove up to the bridge after work and sat there for an hour working out how high it is.",
    ),
    ("suicidal", "Bought a rope at the hardware store. Not for camping."),
    (
        "suicidal",
        "I don't see a point in any of it anymore. Not sure I'll still be here by spring.",
    ),
    (
        "suicidal",
        "Sorted out my passwords for my sister and wrote down where the insurance papers are, "
        "in case.",
    ),
    ("suicidal", "I hope I just don't wake up. Every night I hope that."),
    (
        "suicidal",
        "Sometimes I think about stepping in front of the train on the way to work. "
        "Today it felt closer.",
    ),
    ("suicidal", "Maybe it would be better if I disappeared for good."),
    ("suicidal", "I'm a burden on everybody and they'd be relieved if I was gone."),
    (
        "suicidal",
        "Set the date. Next Friday. I feel calm about it actually, which scares me a bit.",
    ),
    ("suicidal", "I'm tired of existing. Not tired like sleep. Tired of being alive."),
    (
        "suicidal",
        "Checked the life insurance policy to see if it still pays out if you do it yourself.",
    ),
    (
        "suicidal",
        "Texted my best friend thanks for everything and that I love her. "
        "She doesn't know it's goodbye.",
    ),
    ("suicidal", "I keep looking at the pills on the shelf and counting them."),
    (
        "suicidal",
        "If I crashed the car on the motorway it would look like an accident. "
        "I think about it every drive.",
    ),
    ("suicidal", "Me and the dog will go for one last walk tomorrow and then that's it."),
    (
        "suicidal",
        "I don't want to kill myself exactly, I just want to stop existing for a while, "
        "maybe forever.",
    ),
    (
        "suicidal",
        "Put the gun in the nightstand instead of the safe. Just in case tonight gets bad.",
    ),
    ("suicidal", "Not gonna lie, I've been planning how I would end it."),
    (
        "suicidal",
        "Cleaned the whole flat and cancelled the gym and the phone contract. "
        "Wanted to leave things tidy.",
    ),
    ("suicidal", "I feel like the world would be lighter without me in it."),
    ("suicidal", "Looked up online which overdose is painless. Spent two hours on it."),
    ("suicidal", "I think this is the last entry I'll write here."),
    ("suicidal", "Can't do this anymore. Tonight I'm going to finish it."),
    (
        "suicidal",
        "Everyone keeps saying it gets better. I'm done waiting. "
        "The tablets are lined up on the table.",
    ),
    ("suicidal", "there's no way out of this except the one way. ive known it for a week"),
    ("suicidal", "I wish a car would just hit me on the way home so I don't have to decide."),
    ("suicidal", "Gave the cat to my neighbour, told her I'm moving. I'm not moving."),
    (
        "suicidal",
        "Sat in the garage with the engine running for a while today. "
        "Turned it off at the last minute. Might not next time.",
    ),
    ("suicidal", "Wrote a note for mom and left it under my pillow."),
    ("suicidal", "I want to go to sleep and not have to come back."),
    (
        "suicidal",
        "I've been thinking what it would be like to not be here at all. It sounds peaceful.",
    ),
    ("suicidal", "Nobody would even notice if I was gone for good."),
    ("suicidal", "My plan is to take everything in the medicine cabinet on Saturday."),
    ("suicidal", "I keep having thoughts of killing myself and they are getting louder."),
    ("suicidal", "Maybe I shouldn't be alive. I don't know."),
    ("suicidal", "Paid off the last of my debts so nobody gets stuck with them after."),
    ("suicidal", "I saved up my dad's old morphine. I know exactly where it is."),
    ("suicidal", "I'm ready to go. I've said my goodbyes in my head."),
    (
        "suicidal",
        "the thought of ending everything is the only thing that calms me down lately",
    ),
    ("suicidal", "I stood at the balcony railing for a long time tonight, looking down."),
    ("suicidal", "I'm not going to be a problem for anyone much longer."),
    (
        "suicidal",
        "Deleted all my accounts and wrote to the few people who matter. "
        "Feels like wrapping things up.",
    ),
    ("suicidal", "I keep thinking of ways to do it."),
    ("suicidal", "I am not wanting to live more, everything is too heavy since the divorce."),
    ("suicidal", "My head say me every day that better I am dead."),
    ("suicidal", "I think to finish my life, I have the pills of my mother."),
    ("suicidal", "Today I write letter for my daughter for when I am not here."),
    ("suicidal", "I am so tired of life, I want to sleep forever and no wake up."),
    (
        "suicidal",
        "I've been collecting my tablets for weeks. Tonight feels like the right night.",
    ),
    (
        "suicidal",
        "Everything is sorted now. The letters are on the kitchen table and the dog is with "
        "my sister.",
    ),
    (
        "suicidal",
        "I found where dad keeps the key to the gun cabinet. I keep thinking about it.",
    ),
    (
        "suicidal",
        "I've been so tired of it all. Maybe tomorrow I just won't be around.",
    ),
    ("suicidal", "The rope is in the boot of the car. I haven't told anyone."),
    ("suicidal", "Work is a mess and she left. I don't think I want to see next week."),
    (
        "suicidal",
        "I wouldn't actually do anything probably but I've thought about the bridge "
        "a lot this week.",
    ),
    ("suicidal", "Kind of hoping the plane goes down on my trip, is that weird."),
    ("suicidal", "It's not that I want to die, I just don't want to be alive right now."),
    ("suicidal", "Not sure why I'm still trying. Maybe it's time to stop for good."),
    ("suicidal", "I guess I'll just sleep forever, that'd be nice."),
    ("suicidal", "I've decided. I'm going to join my husband on the other side soon."),
    ("suicidal", "I want to be with mum again, in heaven, sooner rather than later."),
    (
        "suicidal",
        "Went to look at the cliffs on the coast road, the spot where nobody would see.",
    ),
    ("suicidal", "Took out the pills to count them and there are enough."),
    (
        "suicidal",
        "Signed the house over to my son and told him where the will is. I'm at peace now.",
    ),
    ("suicidal", "I feel like checking out for good."),
    ("suicidal", "Going to end it all soon, I'm sure now."),
    ("suicidal", "Tired of fighting, I'm going to let go this weekend."),
    (
        "suicidal",
        "I started giving my clothes and books away to friends. I won't need them where I'm going.",
    ),
    ("suicidal", "Looked up how long it takes to bleed out."),
    ("suicidal", "I keep wishing I'd never been born, and lately I want to fix that myself."),
    ("suicidal", "Said goodbye to my mom tonight like I won't see her again. I won't."),
    ("suicidal", "ngl kinda want to unalive myself"),
    ("suicidal", "kms fr this time, got the stuff"),
    ("suicidal", "I want to sleep and not wake, ever. The bottle is right here by the bed."),
    ("suicidal", "Part of me wants to drive into the lake and let the water take it all."),
    ("suicidal", "What's the point of waking up tomorrow, genuinely asking myself."),
    ("suicidal", "Practised tying the knot tonight. Just to see if I could."),
    ("suicidal", "I could just walk into the sea and keep walking. It's been on my mind."),
    (
        "suicidal",
        "Wrote out who should get my things. Not a will exactly, more like instructions.",
    ),
    ("suicidal", "If I'm honest, dying doesn't scare me anymore. Living does."),
    ("suicidal", "I'm thinking about jumping. The car park roof is eight floors."),
    ("suicidal", "Nothing matters and soon it won't matter to me either."),
    ("suicidal", "Some days I just want everything to stop, permanently."),
    ("self_harm", "Used the lighter on my arm again tonight. Three burns."),
    (
        "self_harm",
        "Scratched my leg till it bled, it's the only thing that made the noise stop.",
    ),
    (
        "self_harm",
        "Took the blade out of the pencil sharpener and did a few lines on my thigh.",
    ),
    ("self_harm", "I want to hurt myself so badly right now, the urge hasn't gone all day."),
    ("self_harm", "Punched the wall until my knuckles split. I wanted it to hurt."),
    ("self_harm", "Wearing long sleeves again because of what I did to my arms last night."),
    ("self_harm", "Relapsed after 200 days clean from cutting."),
    ("self_harm", "Kept pressing on the bruise so it would stay. I need to feel it."),
    ("self_harm", "banged my head on the door frame over and over until i saw stars"),
    ("self_harm", "I'm craving the razor like a drink."),
    ("self_harm", "Picked at my skin until it was raw and bleeding and I couldn't stop."),
    ("self_harm", "I sh'd again. Deep this time, maybe needs stitches."),
    ("self_harm", "I carved his name into my wrist with a compass."),
    ("self_harm", "Held my hand on the hot iron on purpose. I deserved it."),
    ("self_harm", "Starved myself all day as punishment and then made myself sick."),
    (
        "medical",
        "Around 4 my chest got so tight, like something heavy sitting on it, "
        "and the pain went up my left arm. Sweating through my shirt.",
    ),
    ("medical", "Half my face feels droopy and my words came out slurred when I called mum."),
    ("medical", "I can't get a full breath and my lips look a bit blue in the mirror."),
    ("medical", "Threw up blood twice this afternoon."),
    ("medical", "Passed out in the shower and hit my head. Still dizzy and seeing double."),
    (
        "medical",
        "My throat is swelling up and my tongue feels thick since the new pills. Hives everywhere.",
    ),
    ("medical", "I'm burning up, 40.2, stiff neck, the light hurts my eyes."),
    (
        "medical",
        "My heart is going about 170 and it won't slow down, it's been an hour and I feel faint.",
    ),
    ("medical", "Worst headache of my life came on all at once like a thunderclap."),
    (
        "medical",
        "Sweating, shaking, muscles twitching, running a temperature and confused since I took "
        "the dose with my new antidepressant.",
    ),
    ("medical", "Had a fit in the kitchen, my partner said I was jerking for two minutes."),
    ("medical", "Pressure in my chest spreading to my jaw and back, clammy, feel sick."),
    ("medical", "Can't feel my right leg and it won't hold me up."),
    ("medical", "My meter says 2.1 and I'm shaking and can't think straight."),
    (
        "medical",
        "Sliced my hand on the mandoline, really deep, the bleeding won't stop "
        "after 20 minutes of pressure.",
    ),
    ("medical", "Vision went black in one eye for a few minutes, like a curtain came down."),
    ("medical", "Instead of my usual 0.1 I took the whole bag, maybe 3 grams."),
    ("medical", "Took like 12 of the sleeping pills around 8pm. Feeling weird and heavy."),
    ("medical", "Swallowed the rest of the paracetamol box with wine."),
    (
        "medical",
        "I doubled and then tripled the dose because nothing was happening. "
        "Now my heart is racing and I can't stand up.",
    ),
    ("medical", "Took all of my lithium for the week at once."),
    ("medical", "ate 5 g of the mushrooms not 0.2, the walls are breathing and I'm scared"),
    ("medical", "Took 20 of the 50 mg tablets. I don't know why I did it."),
    ("medical", "My ankle is huge and the calf is hot and red, and now I'm short of breath."),
    (
        "psychosis",
        "The newsreader keeps giving me instructions through the screen, "
        "today he told me to stop eating.",
    ),
    (
        "psychosis",
        "There are cameras in the smoke detectors. I took them down but they keep watching.",
    ),
    ("psychosis", "The voices say I need to punish myself. They're louder than ever."),
    ("psychosis", "My neighbours have been putting thoughts in my head through the wall."),
    ("psychosis", "I know the pharmacist swapped my pills for poison. I saw the look he gave."),
    (
        "psychosis",
        "The birds outside are coded messages for me. I'm the only one who can read them.",
    ),
    (
        "psychosis",
        "Heard my dead grandmother talking from the radiator all night, "
        "she says they're coming for me.",
    ),
    ("psychosis", "The people on the bus were all actors following me, I got off and ran."),
    (
        "psychosis",
        "God speaks to me through number plates and today told me the world ends on Tuesday.",
    ),
    ("psychosis", "Someone has been inside my head reading everything, I lined the hat with foil."),
    (
        "mania",
        "Haven't slept in three nights and never felt better. "
        "Quit my job this morning to start four companies.",
    ),
    (
        "mania",
        "Put the whole savings into crypto at 3am, I'm going to be a billionaire by friday, "
        "can't stop talking.",
    ),
    (
        "mania",
        "I'm buying the building next door with the money I'm going to make. Third night awake.",
    ),
    (
        "mania",
        "Everything is connected and I'm the key. My thoughts move faster "
        "than I can type. No sleep needed.",
    ),
    (
        "mania",
        "Booked flights to Tokyo and Lima for tomorrow on three credit cards. I feel invincible.",
    ),
    (
        "mania",
        "Painting the whole house in the middle of the night, an hour of sleep in four days, "
        "endless energy.",
    ),
    (
        "mania",
        "Best week of my life, I only need an hour of sleep, wrote 40 pages of my novel "
        "and messaged 60 people.",
    ),
    (
        "harm_others",
        "If my brother-in-law says one more word at dinner I'm going to stab him. I mean it.",
    ),
    ("harm_others", "I've been thinking about how to make my boss have an accident on the stairs."),
    (
        "harm_others",
        "My baby won't stop screaming and I had a thought of putting a pillow over "
        "her face. I'm scared of myself.",
    ),
    ("harm_others", "I've got his address and I'm going round there tonight with the bat."),
    (
        "panic",
        "Panic since lunch and it's 9pm, hands numb, I can't be alone tonight "
        "and I'm scared I'll do something.",
    ),
    ("confusion", "I don't know where I am, came to in a car park and lost about four hours."),
    ("confusion", "I can't remember if I took my pills so I took them three more times."),
    ("suicidal", "I really need someone to call me today, I'm not safe."),
    ("suicidal", "Please help, I don't trust myself tonight."),
]

CRISIS_ES = [
    ("suicidal", "Ya no aguanto más, quiero desaparecer para siempre."),
    ("suicidal", "Le escribí una carta a mis hijos por si no estoy mañana."),
    ("suicidal", "Estuve juntando las pastillas de dormir, ya tengo muchas guardadas."),
    ("suicidal", "A veces pienso que todos estarían mejor sin mí."),
    ("suicidal", "Quisiera dormirme y no despertar nunca más."),
    ("suicidal", "Ya decidí cuándo lo voy a hacer, el domingo cuando no haya nadie."),
    ("suicidal", "Regalé mi guitarra y mi ropa, ya no la voy a necesitar."),
    ("suicidal", "Busqué en internet cuántas pastillas se necesitan para no despertar."),
    ("suicidal", "No le veo sentido a seguir viviendo."),
    ("suicidal", "Me quiero morir, de verdad, ya no puedo con esto."),
    ("suicidal", "Fui al puente y me quedé mirando el agua mucho rato, pensando en saltar."),
    ("suicidal", "Compré una soga. No sé para qué más."),
    ("self_harm", "Me corté los brazos otra vez anoche con una navaja."),
    ("self_harm", "Me quemé la mano con el cigarro a propósito."),
    ("self_harm", "Me rasqué la piel hasta sangrar, no podía parar."),
    ("self_harm", "Tengo ganas de hacerme daño, muchas ganas."),
    ("medical", "Me duele el pecho muy fuerte y se me va al brazo izquierdo, estoy sudando frío."),
    (
        "medical",
        "No puedo respirar bien, se me cierra la garganta y tengo ronchas en todo el cuerpo.",
    ),
    ("medical", "Me tomé toda la bolsa en vez de mi dosis de 0,1 g."),
    ("medical", "Me tomé como quince pastillas de clonazepam con alcohol."),
    ("medical", "Vomité sangre dos veces."),
    ("medical", "Se me durmió la mitad de la cara y no puedo hablar bien."),
    ("medical", "Me desmayé en el baño y me golpeé la cabeza, veo doble."),
    ("psychosis", "Las voces me dicen que tengo que castigarme."),
    ("psychosis", "El presentador de la tele me manda mensajes solo a mí."),
    ("psychosis", "Los vecinos me meten pensamientos en la cabeza a través de la pared."),
    ("psychosis", "Hay cámaras en el espejo, me vigilan todo el día."),
    ("mania", "Llevo tres noches sin dormir y me siento como un dios, compré dos coches hoy."),
    ("mania", "Gasté todos los ahorros en una noche, voy a ser millonario, no necesito dormir."),
    ("suicidal", "Ya me despedí de mi mamá como si fuera la última vez."),
    ("suicidal", "Dejé todo ordenado, las contraseñas y los papeles del seguro para mi hermana."),
    ("harm_others", "Si mi ex vuelve a aparecer le voy a clavar un cuchillo."),
    ("suicidal", "No soy más que una carga para mi familia, estarían aliviados si me voy."),
    ("suicidal", "Pienso en tirarme del balcón casi todos los días."),
    ("suicidal", "Ojalá me atropelle un carro camino al trabajo."),
    ("suicidal", "Esta es mi última entrada, gracias por todo."),
    ("suicidal", "Tengo la pistola de mi papá en el cajón, la saqué del armario."),
    ("suicidal", "Estoy pensando en quitarme la vida."),
    ("suicidal", "Quiero acabar con todo ya."),
    ("suicidal", "Ya no quiero estar aquí."),
    ("suicidal", "Necesito que alguien me llame hoy, no estoy a salvo."),
    ("suicidal", "Me siento tan cansada de vivir que solo quiero que se acabe."),
    (
        "medical",
        "Me tomé el doble y luego el triple de la dosis, el corazón me va a mil "
        "y no me puedo levantar.",
    ),
    ("medical", "Tengo fiebre de 40, el cuello rígido y me molesta la luz."),
    ("medical", "Tuve una convulsión en la cocina, dice mi esposo que duró dos minutos."),
    ("confusion", "No sé dónde estoy, perdí como cuatro horas."),
    (
        "panic",
        "Llevo desde el mediodía con ataques de pánico, no puedo estar sola, "
        "tengo miedo de hacer algo.",
    ),
    ("suicidal", "Mejor sería no existir."),
    ("suicidal", "Le dejé mi perro a la vecina y le dije que me voy de viaje. No me voy de viaje."),
    ("self_harm", "Me pegué la cabeza contra la pared hasta que me sangró."),
    (
        "psychosis",
        "Dios me habla por las matrículas de los coches y me dijo que el mundo se acaba el martes.",
    ),
    ("suicidal", "Ya tengo el plan, solo falta el día."),
    ("suicidal", "Me gustaría irme a dormir y quedarme ahí."),
    ("medical", "Me tomé todo el frasco de paracetamol."),
    ("suicidal", "Creo que no voy a llegar a fin de mes, y no por el dinero."),
    ("harm_others", "Tengo miedo de hacerle daño a mi bebé cuando llora."),
    ("suicidal", "Cada vez que veo el tren pienso en lanzarme."),
    ("suicidal", "Escondí las pastillas para tomármelas todas juntas."),
    ("suicidal", "No quiero seguir, estoy harta de luchar."),
    ("suicidal", "Pensé en colgarme. Ya vi dónde."),
    ("suicidal", "ya no le encuentro caso a nada, mejor me muero"),
    ("suicidal", "Tengo pensamientos suicidas desde hace una semana."),
    ("suicidal", "Me vale todo, hoy me quito de en medio."),
    ("self_harm", "Me corté más hondo que nunca y no para de sangrar."),
    ("psychosis", "Veo bichos en las paredes que nadie más ve, y me persiguen."),
    ("suicidal", "Quisiera no volver a abrir los ojos."),
    ("suicidal", "Ya no valgo nada, lo mejor es irme para siempre."),
]

CRISIS_MIXED = [
    ("suicidal", "Today was ok en el trabajo, but honestly ya no quiero vivir."),
    ("suicidal", "Mi mamá called me. I said goodbye como si fuera la última vez, because it is."),
    ("medical", "I took toda la caja de pastillas, no sé qué va a pasar."),
    ("suicidal", "Slept bad. Quiero desaparecer y no volver."),
    ("suicidal", "I've been guardando mis pastillas for the weekend. Ya decidí."),
    ("medical", "my chest hurts mucho y el brazo izquierdo también, sweating a lot"),
    ("psychosis", "Las voces are back and they say I have to hurt myself."),
    ("suicidal", "Gave away mis cosas to my cousins. No las voy a necesitar."),
]

# Ordinary traps: they look like crises and are not.
TRAPS_EN = [
    "This commute is killing me, two hours each way.",
    "Cut myself a big slice of the birthday cake, no regrets.",
    "I'm dying to see the new exhibition at the museum.",
    "Years ago I used to cut, but it's been eight years and I'm proud of that.",
    "My friend said she wants to die when she saw her exam results, we laughed about it.",
    "Watched a film about a man who plans his own death, heavy but beautiful.",
    "Doctor asked the usual, no SI, no HI, just tired.",
    "Copied from the clinic letter: denies SI/HI, mood improving.",
    "lol I nearly died of embarrassment at the meeting.",
    "Ran up the hill and was completely breathless, heart pounding, but felt great after.",
    "I'm done with this spreadsheet, closing the laptop.",
    "Reading a novel where the heroine overdoses, tough chapter.",
    "My chest felt tight for a minute after the sprint but it went away once I cooled down.",
    "I could kill for a pizza right now.",
    "Gave my old bike to my nephew since I got a new one.",
    "Wrote a goodbye card for a colleague who is retiring.",
    "Counted my pills into the weekly organiser like the nurse showed me.",
    "Took the 0.1 as planned, nothing more.",
    "No thoughts of hurting myself, just stressed about money.",
    "I'd never actually hurt myself, I have too much to live for.",
    "The heat was unbearable, I was sweating buckets in the garden.",
    "Headache after too much screen time, took an ibuprofen and it went.",
    "Cut my finger chopping onions, put a plaster on it.",
    "Burned my hand on the oven tray, ran it under cold water.",
    "My sister's dog died last week, she's devastated.",
    "Our old neighbour passed away in hospital, the funeral is Thursday.",
    "Listened to a podcast about suicide prevention among farmers, really moving.",
    "Did my volunteer training at the crisis line today.",
    "I laughed so hard I couldn't breathe lol.",
    "Stayed up late finishing a book, only got 5 hours of sleep.",
    "Big ideas for the garden this spring, made a whole plan.",
    "Bought a new coat in the sale, feeling good about it.",
    "This project is going to be the death of me haha.",
    "I want to disappear under a blanket all weekend and watch films.",
    "I'm so tired I could sleep for a week.",
    "Killed it at the presentation today!",
    "Had a panic attack before the interview but did the breathing and it passed in ten minutes.",
    "I used to think about ending it when I was a teenager, but I'm in a good place now.",
    "Finally moved my passwords into a password manager.",
    "Updated my will with the lawyer since we had the baby, very grown-up.",
    "Cleared out the wardrobe and gave bags of clothes to the charity shop.",
    "Gonna murder this workout tomorrow.",
    "The fireworks made the dog panic, poor thing.",
    "My heart raced on the roller coaster, best day.",
    "Googled how much magnesium is too much, turns out I'm well under.",
    "Looked up the maximum dose of ibuprofen for my back, staying under it.",
    "Was short of breath climbing the stairs with the shopping, need to get fitter.",
    "In the dream I was falling off a building and woke up with a jump.",
    "My son yelled 'I'll kill you' at his brother over the video game, kids.",
    "My character died in the game five times, so annoying.",
    "Feeling hopeful for the first time in a while.",
    "Screening form: thoughts of suicide - none. Self-harm - none.",
    "The nurse asked about self-harm and I said no, never.",
    "I'm not suicidal, just sad about the breakup.",
    "No SH urges this week, that's three weeks now.",
    "Mum keeps saying I'll be the death of her when I'm late.",
    "The documentary about the bridge's history was fascinating.",
    "Took my old dog for a last walk before the vet, she's 16. Hard day.",
    "Wrote a farewell speech for the team lead, everyone cried a bit.",
    "My ex texted 'I hope you die' years ago and today I finally deleted the thread.",
    "I was so hungry I could have eaten the whole fridge.",
    "Blood test this morning, a bit woozy after but fine with juice.",
    "Racing thoughts at bedtime about the move, wrote a list and it helped.",
    "Only 4 hours of sleep because the baby was teething, exhausted.",
    "I'm on top of the world after the promotion!",
    "Spent a bit too much on the concert tickets but worth it.",
    "I can hear the neighbour's radio through the wall every evening, annoying.",
    "The TV weatherman said it would rain, and it did.",
    "Scratched my mosquito bites raw, going to put cream on them.",
    "Stepped on a nail in the shed, got a tetanus shot.",
    "I swear this printer wants me dead.",
    "Watched Romeo and Juliet with my daughter for school, she cried at the poison scene.",
    "My friend's brother overdosed last year and today was the memorial walk.",
    "Talked with my therapist about the attempt when I was 19, it felt good to say it out loud.",
    "If I have to sit through one more meeting I'll jump out the window lol.",
    "Ugh kill me now, the in-laws are coming for a week haha.",
    "Hangover, dying lol, never drinking tequila again.",
    "I'm done. Done with this puzzle, 1000 pieces of sky.",
    "Gave away my old sofa on the neighbourhood group.",
    "Stockpiled tins of soup for the winter.",
    "Bought a rope for the new tyre swing in the garden.",
    "Checked the life insurance quote for the new mortgage.",
    "The knife was so blunt I could barely cut the bread.",
    "Went up to the bridge viewpoint for sunset photos, gorgeous.",
    "The doctor said my heart rate is fine, the palpitations were the coffee.",
    "I had chest pain last month, got it checked, it was reflux.",
    "No HI/SI, eating ok, sleeping ok.",
    "pt denies SI, HI, AVH (copied from my discharge letter lol).",
    "I don't want to die, I want my life to change.",
    "Not gonna lie, today was a good one.",
    "Not gonna lie, the tacos were amazing.",
    "I keep hearing that song in my head all day.",
    "My little one says the monsters under the bed talk to him, we made monster spray.",
    "Binge-watched a whole season, no regrets.",
    "Today I am feeling more good, the sun is making me happy.",
    "I take the dose in the morning like the doctor say, no problem.",
    "My English teacher make a joke that the test will kill us.",
    "Work is killing me this week, too many hours.",
    "I am very tired but is normal, I work the night shift.",
    "My grandad had a stroke years ago and today he walked to the shop on his own.",
    "I cried at the end of the film where the dog dies.",
    "The hospital drama had a man jumping off a roof, I had to look away.",
    "Our class read a poem about wanting to die young, we wrote essays on it.",
    "My coworker joked she'd rather die than do another audit.",
    "I'm sick to death of the rain.",
    "That joke killed me lol.",
    "I nearly died laughing at the cat falling off the sofa.",
    "Shot some hoops with my son after dinner.",
    "My heart was pounding after the stairs at the station.",
    "Feeling a bit low, but I called a friend and we're meeting Saturday.",
    "I wanted to throw my phone in the lake after that email haha.",
    "Saw the old bridge where I used to stand, and felt how far I've come.",
    "Wrote letters to my pen pals in Japan and Chile.",
    "Cleaned the whole flat because my parents are visiting.",
    "Cancelled the gym membership, I'm switching to swimming.",
    "Told the GP no suicidal thoughts, just can't sleep.",
    "Denied any self harm at the review, which is true.",
    "Zero SI today, therapist was pleased.",
    "I'm literally dead after leg day lol.",
    "My phone died on the way home so I couldn't call.",
    "The plant I was given is dying, too much water.",
    "Writing my goodbye email to the old team before I start the new job Monday.",
    "Gave away the last of the kittens to good homes.",
    "I've decided to take the job in Leeds.",
    "Set the date for the wedding, next June!",
    "Made my mind up: I'm learning Spanish this year.",
    "Stocked up on paracetamol and plasters for the first aid kit.",
    "Read an article on how many steps a day is enough.",
    "Went to the pharmacy to pick up the prescription, the queue was endless.",
    "The film had a character who hears voices, it was well done.",
    "My mum fell last week and broke her wrist, she's in a cast.",
    "Our neighbour's boy tried to end his life two years ago, he's doing great at uni now.",
    "I could have screamed at the bank, on hold for an hour.",
    "Felt dizzy after standing up too fast, sat down and it passed.",
    "The baby screamed through the whole flight, I wanted the ground to swallow me.",
    "We went to see the cliffs on the coast road, windy but lovely.",
    "Was up all night with a sick toddler, running on coffee.",
    "Stayed up till 3 finishing a game, stupid of me.",
    "I bought way too many plants this weekend, oops.",
    "Sat by the lake and watched the ducks for an hour.",
]

TRAPS_ES = [
    "Este tráfico me está matando.",
    "Me muero de ganas de ver a mis nietos.",
    "Me corté un buen pedazo de pastel, estaba riquísimo.",
    "Hace años me cortaba, pero ya llevo siete años sin hacerlo.",
    "Mi amiga dijo que se quería morir cuando vio la cuenta del restaurante, jaja.",
    "Vimos una película sobre un hombre que se quiere suicidar, muy triste pero bonita.",
    "El médico me preguntó y le dije que no tengo ideas suicidas.",
    "Niego ideación suicida, solo estoy cansada.",
    "Me morí de la risa con mi hermana jajaja.",
    "Subí corriendo la cuesta y me quedé sin aire, pero después me sentí genial.",
    "Ya terminé con esta hoja de cálculo, no puedo más con ella jaja.",
    "Me corté el dedo picando cebolla, me puse una curita.",
    "Me quemé con el sartén, puse el dedo en agua fría.",
    "Mi tía falleció hace un mes y hoy fue la misa.",
    "Regalé la ropa de bebé que ya no le queda a mi hija.",
    "Escribí una tarjeta de despedida para mi compañera que se jubila.",
    "Organicé las pastillas de la semana en el pastillero.",
    "Tomé mi dosis de 0,1 g como dice el plan.",
    "No tengo pensamientos de hacerme daño, solo estoy estresada.",
    "Nunca me haría daño, tengo mucho por qué vivir.",
    "Hacía un calor terrible, sudaba muchísimo en el jardín.",
    "Me dolía la cabeza por la pantalla, tomé un ibuprofeno y se me pasó.",
    "Estoy muerta de cansancio después del turno.",
    "Me muero de hambre, voy a hacer tacos.",
    "Esta tarea me va a matar jaja.",
    "Tuve un ataque de pánico antes de la entrevista pero respiré y se pasó en diez minutos.",
    "Cuando era adolescente pensaba en quitarme la vida, pero hoy estoy bien.",
    "Actualicé el testamento con el abogado porque nació el bebé.",
    "Fui al puente a tomar fotos del atardecer, precioso.",
    "Me siento con esperanza por primera vez en mucho tiempo.",
    "Mi hijo dice que el monstruo del armario le habla, hicimos un spray anti monstruos.",
    "Se me aceleró el corazón en la montaña rusa, qué divertido.",
    "Busqué cuánto magnesio es demasiado y estoy muy por debajo.",
    "Ayer la terapeuta me preguntó si me quería hacer daño y le dije que no.",
    "Mi abuelo oye voces en la radio vieja, es su programa favorito.",
    "Me dio flojera todo el día, quiero desaparecer bajo la cobija y ver series.",
    "Estoy tan cansada que dormiría una semana entera.",
    "Compré una cuerda para el columpio del jardín.",
    "El cuchillo estaba tan desafilado que no podía cortar el pan.",
    "Me sacaron sangre en la mañana, me mareé un poco pero bien.",
    "Estoy en la cima del mundo con el ascenso.",
    "Gasté un poco de más en los boletos del concierto, pero valió la pena.",
    "Me picaron los mosquitos y me rasqué hasta dejarme rojo.",
    "Soñé que me caía de un edificio y me desperté de un salto.",
    "Mi personaje se murió cinco veces en el juego.",
    "Mi vecino tuvo un infarto hace años y hoy corre maratones.",
    "Si tengo otra reunión más me tiro por la ventana jajaja.",
    "Con la resaca me quiero morir, nunca más tequila.",
    "No quiero morirme, quiero que mi vida cambie.",
    "La película terminaba con la protagonista tomándose unas pastillas, lloré mucho.",
    "Me despedí de mis primos en el aeropuerto, los voy a extrañar.",
    "Mi mamá dice que la voy a matar de un susto cuando llego tarde.",
    "Limpié toda la casa porque vienen mis suegros.",
    "Estoy harta del tráfico de esta ciudad.",
    "Le dije al doctor que no tengo ganas de morirme, solo no duermo.",
    "Mi celular se murió en el camino.",
    "Ya decidí: este año aprendo a nadar.",
    "Fijamos la fecha de la boda para junio.",
    "Regalé los gatitos a familias buenas.",
    "Escribí el correo de despedida para el equipo antes de cambiarme de trabajo.",
    "Me levanté muy rápido y me mareé, me senté y se me pasó.",
    "Estoy muerta después del gimnasio jaja.",
    "Compré curitas y paracetamol para el botiquín.",
    "Vimos los acantilados en la carretera de la costa, hacía viento pero bonito.",
]

TRAPS_MIXED = [
    "Work was fine, comí con mis compañeros, y me muero de sueño ahora.",
    "Took mi dosis at 8, todo bien.",
    "Este proyecto is killing me jaja.",
    "My abuela passed years ago y hoy la extrañé mucho.",
    "Corrí 5k and I was sin aire, but felt amazing.",
]

PLAIN_EN = 40  # ordinary entries with no trap, filler only
PLAIN_ES = 15


def _entry(rng: random.Random, core: str | None, filler: list[str]) -> str:
    """A whole entry: 2-5 filler sentences with the core somewhere in the middle."""
    count = rng.randint(2, 5)
    sentences = rng.sample(filler, count)
    if core is not None:
        # Never first or last when there is room: a crisis buried in a paragraph.
        at = rng.randint(1, count - 1) if count > 1 else 1
        sentences.insert(at, core)
    text = " ".join(sentences)
    if rng.random() < 0.25:
        text = text.lower()
    return text


def build() -> list[dict]:
    rng = random.Random(SEED)
    rows = []

    def add(label: str, kind: str, lang: str, text: str) -> None:
        rows.append({"label": label, "kind": kind, "lang": lang, "text": text})

    for kind, core in CRISIS_EN:
        add("1", kind, "en", _entry(rng, core, FILLER_EN))
    for kind, core in CRISIS_ES:
        add("1", kind, "es", _entry(rng, core, FILLER_ES))
    for kind, core in CRISIS_MIXED:
        mixed = FILLER_EN + FILLER_ES
        add("1", kind, "mixed", _entry(rng, core, mixed))
    for core in TRAPS_EN:
        add("0", "none", "en", _entry(rng, core, FILLER_EN))
    for core in TRAPS_ES:
        add("0", "none", "es", _entry(rng, core, FILLER_ES))
    for core in TRAPS_MIXED:
        mixed = FILLER_EN + FILLER_ES
        add("0", "none", "mixed", _entry(rng, core, mixed))
    for _ in range(PLAIN_EN):
        add("0", "none", "en", _entry(rng, None, FILLER_EN))
    for _ in range(PLAIN_ES):
        add("0", "none", "es", _entry(rng, None, FILLER_ES))
    return rows


def write(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["label", "kind", "text", "lang"],
            delimiter="\t",
            quoting=csv.QUOTE_NONE,
            lineterminator="\n",
        )
        writer.writeheader()
        writer.writerows(rows)


def main() -> None:
    rows = build()
    for row in rows:
        assert "\t" not in row["text"] and "\n" not in row["text"]
    order = list(range(len(rows)))
    random.Random(SEED + 1).shuffle(order)
    holdout = set(order[: len(rows) // 2])
    write(OUT / "probe.tsv", rows)
    write(OUT / "probe-tune.tsv", [r for i, r in enumerate(rows) if i not in holdout])
    write(OUT / "probe-holdout.tsv", [r for i, r in enumerate(rows) if i in holdout])
    print(f"{len(rows)} entries: {len(rows) - len(holdout)} to tune on, {len(holdout)} held out")


if __name__ == "__main__":
    main()
