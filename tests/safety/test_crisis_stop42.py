"""What the rules read at stop 42 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 42's
entries), each family with an ordinary twin that must stay quiet.

First entry: crises of a training file the whole detector missed. A past attempt and the
thoughts back (an anniversary idiom no longer hides the attempt when one of the next two
sentences takes it up again; "the thoughts are back" in an entry that names an attempt);
self-harm again after a streak; a screening answer called a lie and the truth told; mania in
Spanish (lithium stopped for creativity, "no duermo hace tres noches"); an idiom taken back as
"not the meeting kind"; "I want to be done. Really done."; joining someone who died.

Third entry: indirect farewells and a closed future with words of their own: being found ("I
want to look nice when they find me"), a season the writer won't see, a method of water told
softly, a height's railing thought about, "I'm coming soon" at a grave, "bye journal". A trip
given as the reason explains "won't be around for July".

Fourth entry: the rules' false alarms on a training file of hard ordinary wording. Overdose as
hyperbole on or of a thing from a list (never a medicine or a drug); feeling a burden while an
injury heals; "wanted to die right there"; a jump or a threat over a nuisance in more words; a
crisis told as history in more words; a weekly form's items answered 0; a sound heard falling
asleep; a pupil's seizure; another job not needed where the writer is going.

Eighth entry: a gun brought to work or school; revenge said flatly ("They'll stop laughing.");
a burden when poorly; reference letters.

Ninth entry: a cover story taken back ("I said I was travelling. I'm not travelling."); a thing
not needed "this winter or any other"; good last photos of me.

Tenth entry: "I checked no" (and a "no" taken back by "honestly I think about it every day");
an English verb with a Spanish household burn; the anniversary of calling a crisis line;
heartburn an antacid fixed.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "an attempt years ago, taken up again",
        "Hace tres años intenté quitarme la vida. Hoy estoy en otro lugar, con trabajo y "
        "con mi hija.",
        "Hace tres años intenté quitarme la vida. Creí que ya había pasado, pero han vuelto "
        "los pensamientos.",
    ),
    (
        "the thoughts back after an attempt",
        "The thoughts are back, mostly about the move and whether the boxes will fit. Slept badly.",
        "Eighteen months since my attempt. The thoughts are back and louder every night.",
    ),
    (
        "back to normal after an attempt",
        "Two years after my attempt I'm doing well. The urges are back to normal, which is "
        "to say mostly gone.",
        "Two years after my attempt I thought I was doing well. The urges came back this week.",
    ),
    (
        "a streak kept or broken",
        "Llevo un año sin cortarme y hoy lo celebré con mi hermana.",
        "Llevaba un año sin cortarme y anoche me volví a cortar.",
    ),
    (
        "a streak of something else",
        "I went six months without a cigarette and today I relapsed. Annoyed with myself.",
        "I went six months without cutting and today I did it again.",
    ),
    (
        "a screening answered, in Spanglish",
        "Marqué zero en la pregunta de suicidio and that's the truth, I'm doing ok.",
        "Marqué zero en la pregunta de suicidio pero la verdad es que pienso en eso every night.",
    ),
    (
        "lithium stopped",
        "My psychiatrist and I agreed to taper the lithium slowly over three months. "
        "Bloods on Friday.",
        "Stopped taking my lithium because it dulled my creativity. Painting all night.",
    ),
    (
        "lithium stopped, in Spanish",
        "Con la psiquiatra bajamos el litio poco a poco, me hace análisis el viernes.",
        "Dejé el litio porque me apagaba la creatividad. Estoy escribiendo un libro por día.",
    ),
    (
        "an idiom taken back",
        "I'd rather die than sit through another budget meeting. Back to back till six.",
        "I'd rather die than sit through another budget meeting. Not the meeting kind of "
        "die either, the real kind.",
    ),
    (
        "done, said twice",
        "I want to be done with this thesis. Really done, printed and bound.",
        "I lost the flat and then the job. I want to be done. Really done.",
    ),
    (
        "joining someone",
        "My dad died in March and I keep thinking about joining him at the lake house "
        "in spirit this summer, with his fishing rod.",
        "My dad died in March and all I think about is joining him.",
    ),
    (
        "joining someone, in Spanish",
        "Mi abuela murió en enero. Este domingo me voy a juntar con mis primos en su casa.",
        "Mi abuela murió en enero y solo pienso en irme con ella.",
    ),
]

FAMILIES += [
    (
        "found",
        "Cleaned the whole flat so it's nice when they find me a new flatmate.",
        "Cleaned the whole flat. I want it to look nice when they find me.",
    ),
    (
        "found, in Spanish",
        "Ordené el cuarto para cuando mi hermana llegue del viaje.",
        "Ordené el cuarto para que esté limpio cuando me encuentren.",
    ),
    (
        "a season not seen",
        "I won't see summer at the beach this year, too much work. Booked September instead.",
        "Everyone's planning holidays. I just nod. I know I won't see summer.",
    ),
    (
        "away for a month, with its trip",
        "Told my aunt I won't be around in July, it's our trip to Peru.",
        "Told my aunt I'd come in July. I won't be around for July.",
    ),
    (
        "no tomorrows",
        "There's no June for me at this office, the contract ends in May and I'm glad.",
        "Paid the rent and fed the cat. There's no June for me.",
    ),
    (
        "under the water",
        "Long bath, slipped under the bubbles like a kid and came up laughing.",
        "Long bath, kept thinking how nice it'd be to slip under and stay.",
    ),
    (
        "walking into the lake",
        "Swam in the lake at dawn with the club, walked in and swam out to the buoy.",
        "Stood at the lake at dawn picturing walking in and carrying on walking.",
    ),
    (
        "a railing",
        "Took the toddler up the tower and kept an eye on her, the railing was high enough.",
        "Went up to the top of the car park at lunch and thought about how low the railing is.",
    ),
    (
        "at a grave",
        "Took flowers to Dad's grave and told him the grandkids are coming soon to visit.",
        "Took flowers to Dad's grave and told him I'm coming soon.",
    ),
    (
        "to the journal",
        "Bye journal, see you tomorrow after the early shift.",
        "bye journal",
    ),
    (
        "joining her, with God",
        "My wife is with God now. I'd like to join the choir she sang in.",
        "My wife is with God now and I'd like to join her sooner rather than later.",
    ),
]

FAMILIES += [
    (
        "an overdose of a thing",
        "Overdosed on k-dramas this weekend, four episodes in a row. Laundry done too.",
        "Overdosed on my sleeping tablets last night, the whole strip. Still woozy.",
    ),
    (
        "an overdose of a thing, not of its pills",
        "OD'd on sunshine at the lake, burnt like a lobster.",
        "OD'd on amitriptyline at the lake, the whole box. Feel strange.",
    ),
    (
        "a burden while a sprain heals",
        "Sprained my wrist, my partner has to cut my food and I feel like such a burden. "
        "She laughs about it.",
        "Sprained my wrist and I feel like such a burden. They'd all be better off without me.",
    ),
    (
        "una carga con el tobillo",
        "Me torcí el tobillo y mi hermano me lleva al trabajo. Me siento una carga, pero "
        "ya camino mejor.",
        "Me torcí el tobillo. Me siento una carga y quisiera desaparecer para siempre.",
    ),
    (
        "right there",
        "Called my teacher mum in front of everyone. Wanted to die right there.",
        "Called my teacher mum in front of everyone. Honestly I want to die, every day now.",
    ),
    (
        "a report, in more words",
        "If I have to format one more 80-page report I am going to jump off a bridge. "
        "Done now, pizza.",
        "I am going to jump off the bridge on Friday. I've written the notes.",
    ),
    (
        "a boss who makes me want to",
        "The way my boss talks in meetings makes me want to throw myself off the roof. "
        "He bought lunch though.",
        "I keep wanting to throw myself off the roof at work. I went up there today to look.",
    ),
    (
        "a game lost",
        "My brother beat me at FIFA again and won't shut up, I'm gonna kill him next time.",
        "My brother hit me again last night. I'm gonna kill him next time, I have the knife.",
    ),
    (
        "a drill on a Sunday",
        "El vecino con el taladro a las ocho un domingo, lo voy a matar. Luego se disculpó.",
        "El vecino me amenazó otra vez, lo voy a matar. Ya tengo el cuchillo.",
    ),
    (
        "history in college",
        "Told my new group about when I was suicidal in college. I'm in a good place now.",
        "Told my new group I'm suicidal again, like in college, and I have a plan.",
    ),
    (
        "years since an overdose",
        "Cinco años since my overdose. Celebré con mi familia.",
        "Cinco días since my overdose y ya quiero volver a hacerlo.",
    ),
    (
        "a weekly form",
        "Formulario semanal: pensamientos de muerte 0, self harm 0, sueño 7h.",
        "Formulario semanal: pensamientos de muerte 8, self harm 2 veces, sueño 3h.",
    ),
    (
        "a sound falling asleep",
        "Heard a doorbell that wasn't there right as I was falling asleep. Slept fine after.",
        "Heard a voice as I was falling asleep telling me I'm worthless and to hurt myself.",
    ),
    (
        "a pupil's seizure",
        "Kid in my class had a seizure during the test. I timed it, his mum came, he's ok.",
        "Had a seizure in class during the test, the kids timed it. Still shaking and confused.",
    ),
    (
        "a last day, and another job not needed",
        "Last day at the cafeteria. Said goodbye to everybody. Starting at the school "
        "kitchen Monday.",
        "Last day at the cafeteria. Said goodbye to everybody. Won't need another job "
        "where I'm going.",
    ),
]

FAMILIES += [
    (
        "a weapon to work",
        "Bringing my knives to work tomorrow, first day at the bistro.",
        "Bringing my dad's gun to work on Monday. They all laugh at me.",
    ),
    (
        "revenge, flatly",
        "They'll be sorry they didn't hire me, the other place pays more.",
        "They laugh at me every day at the warehouse. They'll stop laughing.",
    ),
    (
        "a burden when poorly",
        "I feel like a burden on my husband when I'm poorly. Soup and tissues, he's a star.",
        "I feel like a burden on my husband. He'd be better off without me.",
    ),
    (
        "reference letters",
        "Reference letters are written, waiting on HR to sign them off.",
        "The letters are written and on the table. One for each of the kids.",
    ),
]

FAMILIES += [
    (
        "a cover story",
        "Told them I'm going travelling next month. It's not a holiday, it's a work thing.",
        "The pharmacist asked why I needed the pills early. I said I was travelling. I'm not "
        "travelling.",
    ),
    (
        "leave",
        "Before I go on leave I'm clearing my desk. It's not leave exactly, it's a sabbatical.",
        "Trained my replacement before I go on leave. Did it extra well. It's not leave.",
    ),
    (
        "a coat not needed",
        "I won't need a coat this winter, I'm moving to Brisbane.",
        "Gave my coat to the charity shop. I won't need it this winter or any other.",
    ),
    (
        "last photos",
        "Took loads of photos at the park, the last ones of me with long hair before the cut.",
        "Took loads of photos at the park. I wanted the kids to have good last ones of me.",
    ),
]

FAMILIES += [
    (
        "checked no",
        "The intake form asked about past suicide attempts, I checked no. Good to have it on file.",
        "The intake form asked about suicidal thoughts, I checked no. Honestly I think about it "
        "every day.",
    ),
    (
        "a hair straightener",
        "Burned myself con la plancha del pelo on my neck, se ve como un hickey lol.",
        "Burned myself con la plancha del pelo on purpose again, on my thigh where nobody sees.",
    ),
    (
        "a crisis line's anniversary",
        "Anniversary of the day I called the crisis line instead of doing something. Four years "
        "ago. Donated to them today.",
        "Called the crisis line tonight because I was about to do something. They're still on "
        "the phone.",
    ),
    (
        "heartburn fixed",
        "Chest burning after the jalapeño poppers again. Tums fixed it in twenty minutes.",
        "Chest burning after the jalapeño poppers. Tums fixed it but now it's spreading to my "
        "left arm and I'm sweating.",
    ),
]

test_each_family = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "entry",
    [
        "Hace un año fue mi intento y the thoughts are back, más fuertes. I'm scared.",
        "A year ago I was in hospital after my overdose. I thought it was behind me. The "
        "thoughts came back this week.",
        "Eight months clean from self harm and I relapsed today.",
        "Llevaba un año sin lastimarme y hoy volví a hacerlo.",
        "No duermo hace tres noches y dejé el litio porque no lo necesito.",
    ],
)
def test_an_explicit_statement_alerts(entry):
    assert crisis_reading(entry, second_reader=None).flagged


def test_the_thoughts_back_with_no_attempt_named_is_not_read_as_one():
    from apps.safety.detectors.crisis import crisis_matches
    from apps.safety.services import crisis_lexicon

    matches = crisis_matches("The thoughts are back.", crisis_lexicon(), include_dropped=True)
    assert [(m.rule, m.dropped) for m in matches] == [
        ("thoughts-back-after-attempt", "not in context")
    ]


# Everyday sentences written to touch stop 42's vocabularies (history, a form, a game, traffic,
# hyperbole, the journal, sleep). Not here: the writer's own sprain ("Sprained my ankle last
# week."), which by the fourth entry's decision explains feeling a burden anywhere in the entry.
EVERYDAY = [
    "Had a cold all week.",
    "Overdosed on k-dramas this weekend.",
    "Heard a doorbell as I was falling asleep.",
    "Kid in my class got a gold star.",
    "Bye journal, see you tomorrow.",
    "Last shift at the cafeteria.",
    "Remember when we went to Cádiz?",
    "Cinco años desde la boda.",
    "My brother beat me at FIFA.",
    "Wanted to die right there when I tripped.",
    "Formulario semanal hecho.",
    "We'll be on the road trip in July.",
    "The thoughts are back about the deadline.",
    "Starting a new channel with my sister.",
    "Reference letters are written.",
    "When I was little in school I loved maths.",
    "The traffic was awful.",
    "Coach made us run laps.",
    "I'm poorly with a cold.",
    "Grandpa died last year.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
