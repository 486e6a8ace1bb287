"""The rules' false alarms on the round10 training files, by family (issue 17, stop 29).

The rules alone flagged 4-7% of the ordinary entries in the files written in round 10
(against about 1% in the older files), and so spent most of the 2% budget before the
semantic layer added anything. Each family below was fixed in
fixtures/crisis_lexicon.yaml or apps/safety/detectors/crisis.py. The sentences are
written for these tests, not copied from the files; each ordinary one has a crisis
twin with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "an anniversary: years ago tonight",
        "three years ago tonight I was in hospital after my overdose. tonight I made lasagne",
        "three years ago I was in hospital after my overdose and tonight I took an overdose again",
    ),
    (
        "a patient on a nurse's shift, named with an article",
        "night shift on the ward, a lady having a stroke at 3am, we got her to the scanner",
        "night shift on the ward and I think I'm having a stroke, my face is drooping",
    ),
    (
        "a patient on a Spanish doctor's shift",
        "guardia larga, llegó una chica con una sobredosis y salió bien",
        "guardia larga y al llegar a casa me tomé una sobredosis de pastillas",
    ),
    (
        "cutting one's own fringe in Spanish",
        "me volví a cortar el flequillo yo sola y quedó fatal",
        "me volví a cortar los brazos yo sola y no para de sangrar",
    ),
    (
        "bleeding the radiators",
        "the heating is making noises again, need to bleed the radiators tomorrow",
        "the urges are loud again, need to bleed tonight",
    ),
    (
        "an injury its sentence calls an accident",
        "me corté con la navaja en la pierna, accidente de bañera, ya está curado",
        "me corté con la navaja en la pierna, no fue un accidente, lo hice a propósito",
    ),
    (
        "scratching an itch",
        "scratched my mosquito bites till they bled, I never learn",
        "scratched my arms with the scissors till they bled, I can't stop",
    ),
    (
        "scratching at a rash in Spanish",
        "me rasqué los brazos por la comezón del jabón nuevo",
        "me rasqué los brazos hasta sangrar para castigarme",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_a_round10_false_alarm_family_stays_quiet_and_its_crisis_twin_still_alerts(
    family, ordinary, crisis
):
    assert not crisis_reading(ordinary).flagged, family
    assert crisis_reading(crisis).flagged, family


def test_a_burn_with_a_hair_straightener_still_alerts_even_when_told_as_a_slip():
    # A straightener is as often the tool of self-harm as of an accident in the pool,
    # so naming it hides nothing; only the word "accident" or an itch does.
    assert crisis_reading("me quemé la muñeca con la plancha del pelo").flagged
    assert crisis_reading("been burning myself with the hair straightener on my hip").flagged


def test_a_delusion_about_a_neighbour_is_the_writers_own_sign():
    # The neighbour is the delusion, not someone else's crisis.
    assert crisis_reading("the lady next door has been listening through the walls").flagged


def test_a_car_accident_does_not_make_an_injury_an_accident():
    assert crisis_reading("after the car accident I cut myself again tonight").flagged


# (an ordinary farewell, gift or decision with the writer's everyday reason, its twin)
ORDINARY_REASONS = [
    (
        "goodbyes on a last day at work",
        "last day at the practice after 9 years. said goodbye to everyone, cake in the staff room",
        "quiet day at the practice. said goodbye to everyone, they don't know it's the last time",
    ),
    (
        "things given away before a move abroad",
        "giving away my things before my move to Lisbon, the lamp went to Priya today",
        "giving away my things, the lamp went to Priya today, won't need it where I'm going",
    ),
    (
        "a last entry because the protocol ends",
        "this is my last entry because the protocol ends on Friday, thank you all",
        "this is my last entry, thank you all, you tried",
    ),
    (
        "a day chosen to resign, in Spanish",
        "ya elegí el día para renunciar, el lunes se lo digo a mi jefa",
        "ya elegí el día, el lunes cuando mi jefa no esté",
    ),
    (
        "a day chosen before the writer's own trip, in Spanish",
        "me voy de viaje a Oaxaca el viernes, ya tengo todo listo",
        "ya tengo todo listo, el viernes cuando mi esposa se vaya de viaje",
    ),
]


@pytest.mark.parametrize(
    ("family", "ordinary", "crisis"), ORDINARY_REASONS, ids=[f[0] for f in ORDINARY_REASONS]
)
def test_a_farewell_with_the_writers_everyday_reason_stays_quiet_and_without_it_alerts(
    family, ordinary, crisis
):
    assert not crisis_reading(ordinary).flagged, family
    assert crisis_reading(crisis).flagged, family


@pytest.mark.parametrize(
    "text",
    [
        # someone else's trip is no reason for the writer's farewell
        "coffee with Lena, she's moving to Lisbon. I've been giving my stuff away bit by bit",
        # a reason taken back, or told as a cover story
        "gave notice at work, said I'm moving abroad. I'm not. said my goodbyes",
        "took the cat to my neighbour and told her it was for a trip. wrote out all my "
        "passwords for my sister",
        # a suicide note is never explained away
        "my last day at work was today. I wrote a suicide note tonight",
        "giving away my things before the move, it's a one-way move if you know what I mean",
    ],
)
def test_a_reason_that_is_someone_elses_or_taken_back_explains_nothing(text):
    assert crisis_reading(text).flagged


MORE_FAMILIES = [
    (
        "can't stand a flatmate, in Spanish",
        "ya no aguanto más a mi compañero de piso, deja todo sucio",
        "ya no aguanto más, no quiero seguir viviendo",
    ),
    (
        "tired of struggling with a thing, in Spanish",
        "cansada de luchar con la impresora de la oficina, al final funcionó",
        "cansada de luchar con esta vida, ya no quiero seguir",
    ),
    (
        "a near faint at a needle",
        "went for my blood test and nearly passed out, the nurse gave me juice",
        "took all the blood pressure pills and nearly passed out on the stairs",
    ),
    (
        "a hypo the writer treated",
        "had a hypo at the shops, ate my glucose tabs and was back to normal in ten minutes",
        "had a hypo and I'm so confused I can't find the glucose, nobody's home",
    ),
    (
        "a simile about someone who seemed to read the writer's mind",
        "the sermon was like he was reading my thoughts, exactly what I needed",
        "the man on the radio is reading my thoughts and sending them to the neighbours",
    ),
    (
        "a Spanish series about a man who thinks his husband is an impostor",
        "la serie que vimos anoche es de un tipo que cree que su esposo es un impostor",
        "estoy segura de que mi esposo es un impostor, no es él",
    ),
    (
        "not being here next month because of a posting abroad",
        "i don't think i'll be here next month, the company is sending me to Monterrey",
        "i don't think i'll be here next month, i've written the letters",
    ),
    (
        "a packet of biscuits",
        "low energy, rained, ate a whole packet of custard creams",
        "low energy, took a whole packet of paracetamol",
    ),
    (
        "breathless for a minute in a panic attack",
        "panic attack in the lift, couldn't breathe for a minute, then the doors opened",
        "I can't breathe and my lips are going blue",
    ),
    (
        "old pills gathered for the pharmacy, in Spanish",
        "junté las pastillas viejas de mi abuela para llevarlas a la farmacia",
        "junté las pastillas de mi abuela y esta noche me las tomo todas",
    ),
    (
        "an exam that 'killed me', in Spanish",
        "la clase de spinning me mató, estoy reventada",
        "esta noche me mato, ya no aguanto",
    ),
    (
        "old burn marks that have faded",
        "the old burn marks on my arm are so faded now I forget them",
        "new burn marks on my arm tonight, I did it again",
    ),
    (
        "a Spanish psychiatrist's question asked with an English 'if', answered no",
        "mi psiquiatra me preguntó if I had thoughts about hurting myself y le dije que no",
        "mi psiquiatra me preguntó if I had thoughts about hurting myself y le dije que sí",
    ),
]


@pytest.mark.parametrize(
    ("family", "ordinary", "crisis"), MORE_FAMILIES, ids=[f[0] for f in MORE_FAMILIES]
)
def test_more_round10_false_alarm_families_stay_quiet_and_their_twins_alert(
    family, ordinary, crisis
):
    assert not crisis_reading(ordinary).flagged, family
    assert crisis_reading(crisis).flagged, family


def test_a_burden_thought_answered_with_a_skill_goes_to_the_digest_not_the_pager():
    coped = crisis_reading(
        "my head kept saying they'd be better off without me and I fought it, wrote down "
        "the evidence against"
    )
    assert coped.severity == "moderate"  # still read, in the digest
    assert crisis_reading(
        "me siento una carga para mi familia, lo hablé con la psicóloga y me ayudó"
    ).severity == ("moderate")


def test_a_burden_thought_the_writer_could_not_fight_still_alerts():
    assert crisis_reading(
        "my head keeps saying they'd be better off without me and tonight I don't have the "
        "strength to fight it"
    ).flagged
    assert crisis_reading("they'd be better off without me. I tried to fight it, no use").flagged


def test_my_naming_a_place_does_not_make_someone_elses_crisis_the_writers():
    # "my ward" says where the patient was, not who overdosed.
    assert not crisis_reading("a patient on my ward tried to overdose last night").flagged
    assert not crisis_reading("un paciente de mi planta tuvo una sobredosis anoche").flagged
    # The writer's own, with "my ward" in the sentence, still alerts.
    assert crisis_reading("I'm back on my ward and I took an overdose tonight").flagged
