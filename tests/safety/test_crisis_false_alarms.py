"""The rules' own false alarms on ordinary entries, by family (issue 17).

The rules alone flagged 2.7% of the ordinary entries in
fixtures/crisis_training/written.tsv and 4.8% in round6.tsv, spending the whole
false-alarm budget before the semantic reader adds anything. Each family below
was fixed in the lexicon's own mechanisms (idioms, history, someone else, a
cause named beside the words) or by a small change to how the detector judges a
match. For every family: the ordinary entry stays quiet, and its crisis twin, the
same words telling of a crisis now, still reaches a clinician the same day.
The ordinary sentences are written for these tests in the families found, not
copied from the measured files.
"""

import pytest

from apps.safety.detectors.crisis import crisis_matches
from apps.safety.rules import crisis_lexicon
from apps.safety.services import crisis_reading

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    # Past events, told as over, in entries written without full stops.
    (
        "history, then 'I'm ok now', in a run-on entry",
        "quick one tonight years ago i self-harmed but i'm ok now the scars are faded "
        "grocery run, fridge is full again",
        "quick one tonight years ago i self-harmed and i did it again last night",
    ),
    (
        "'used to', then 'haven't in years'",
        "check-in: i used to cut in high school, haven't in 8 years forgot my meds this "
        "morning, took them at lunch",
        "i used to cut in high school, haven't in 8 years until last night, cut again",
    ),
    (
        "'it's over' undone by a turn",
        "years ago I self-harmed but I'm ok now, the scars are faded, went to the market",
        "years ago I self-harmed, I'm ok now but last night I did it again",
    ),
    (
        "a hard time in school, then clean for years",
        "went through a rough patch in college, self harmed for a year, but i've been "
        "clean 5 years now. helped a student today",
        "went through a rough patch in college, self harmed for a year, and tonight I "
        "self harmed again",
    ),
    (
        "an anniversary ('years ago today') and 'still here'",
        "Four years ago today I tried to end my life. I'm still here and I love my job.",
        "Four years ago I tried to end my life and today I want to try again.",
    ),
    (
        "an old diary from a bad place",
        "Read my old journal from 2016 when I was in a dark place and wanted to die. "
        "I've come so far.",
        "Read my old journal and I want to die, same as back then.",
    ),
    # Exercise.
    (
        "breathless after sprints",
        "After the bootcamp session I couldn't catch my breath for a minute, normal after "
        "sprints. Stretched.",
        "I couldn't catch my breath sitting on the couch and my lips went blue.",
    ),
    (
        "breathless on the stairs after an illness",
        "Shortness of breath on the stairs since the flu. Doctor says it will improve.",
        "Shortness of breath at rest and my chest is crushing.",
    ),
    (
        "wanting to die at mile 20",
        "At mile 22 I wanted to die but I finished the marathon!",
        "I wanted to die after the race and I still do, I have the pills ready.",
    ),
    (
        "sleeping forever after a hike",
        "wanna sleep forever after that hike, 12 miles",
        "wanna sleep forever and never wake up",
    ),
    (
        "a spinning class that 'killed' me (Spanish)",
        "La clase de spinning me mató, no podía ni respirar.",
        "Me mato esta noche, ya no puedo más.",
    ),
    # Jokes about a named chore, marked with a laugh.
    (
        "kms about homework, lol",
        "kms this essay is so long lol",
        "kms tonight, I have the rope",
    ),
    (
        "'suicidal' about a spreadsheet, lol",
        "Feeling suicidal about this spreadsheet lol. Got it done.",
        "Feeling suicidal and I have a plan.",
    ),
    (
        "voices telling me to buy plants, lol",
        "the voices in my head told me to buy more plants lol. bought two",
        "the voices in my head told me to hurt myself",
    ),
    (
        "an advert 'talking to me'",
        "swear the radio was talking to me when they advertised the exact tacos i wanted",
        "the radio is talking to me, sending me messages meant only for me",
    ),
    (
        "rather jump off a cliff than present",
        "i'd rather jump off a cliff than give another presentation. did it anyway",
        "I'm going to jump off a cliff this weekend.",
    ),
    (
        "rather die than go to a party (Spanish)",
        "Jaja prefiero morirme que ir a otra fiesta de oficina. Fui igual.",
        "Prefiero morirme que seguir así.",
    ),
    (
        "an angry quip about food",
        '"i\'m going to kill him" - me, about my flatmate, who ate my leftovers again',
        "I'm going to kill him, I have the knife ready.",
    ),
    # Ordinary sources for crisis words.
    (
        "voices in an open-plan office",
        "I hear voices in the office all day, open plan is awful. Headphones ordered.",
        "I hear voices in my head telling me I'm worthless.",
    ),
    (
        "voices in the office (Spanish)",
        "Oigo voces en la oficina todo el día, qué ruido.",
        "Oigo voces que me dicen que me mate.",
    ),
    (
        "a helpline for insurance",
        "Called the helpline for the car insurance and waited 40 minutes.",
        "Called the suicide helpline last night because I wanted to end it.",
    ),
    (
        "affairs in order for tax season",
        "Putting my affairs in order for tax season. Receipts sorted.",
        "Putting my affairs in order. The letters are written.",
    ),
    (
        "goodbye letters to a class",
        "Wrote goodbye letters to my students, it's my last year before retiring.",
        "Wrote goodbye letters to my kids and put them in the drawer.",
    ),
    (
        "goodbyes at a job's end",
        "Cleaned out my desk and said goodbye to everyone. New job Monday!",
        "I've said goodbye to everyone. I won't be here next week.",
    ),
    (
        "a documentary about overdoses (Spanish)",
        "El documental sobre las sobredosis me dejó pensando.",
        "Me tomé todas las pastillas, creo que es una sobredosis.",
    ),
    (
        "a double dose of a vitamin",
        "I took it again because I forgot, it was only vitamin D thankfully.",
        "I took my pills again because I forgot, it was my lithium.",
    ),
    (
        "a name called, then explained",
        "heard my name called in the empty flat and jumped. it was the tv in the bedroom.",
        "heard my name called in the empty flat again, nobody there, third time this week",
    ),
    # A body, not a crisis.
    (
        "swelling after dental work",
        "had a tooth pulled, face is swollen like a hamster",
        "ate peanuts and my face is swollen and my throat is closing",
    ),
    (
        "'dying' with a cold",
        "I feel like I'm dying with this flu, soup and bed",
        "I feel like I'm dying, my chest is crushing and my arm is numb",
    ),
    (
        "fainting at a blood test (Spanish)",
        "Me desmayé en la extracción de sangre, como siempre.",
        "Me desmayé en el baño y me golpeé la cabeza, no sé dónde estoy.",
    ),
    (
        "blacking out standing up",
        "blacked out for a second standing up too fast. sat down, fine.",
        "blacked out in the shower and I don't know for how long",
    ),
    (
        "waking up disoriented for a moment",
        "Woke up disoriented for a second in the hotel, then remembered the trip.",
        "Woke up disoriented and I still don't know where I am.",
    ),
    (
        "chest pain a doctor put down to a cough",
        "My chest hurt after all the coughing, the doctor said it's a pulled muscle.",
        "My chest hurts and it's spreading to my jaw.",
    ),
    # Someone else.
    (
        "a relative who did not know the writer",
        "Visited my gran. She didn't know who I was at first, then she did.",
        "I didn't know who I was or where I was this morning.",
    ),
    # Denials written as a checklist.
    (
        "a checklist answered 'no' at its end",
        "sleep 7, dose 0.1, walk yes, thoughts of self harm no",
        "sleep 7, dose 0.1, walk yes, thoughts of self harm all day",
    ),
    (
        "a recent word of another thought before 'used to'",
        "Quick one. Laundry is piling up again I used to cut in high school, haven't in 8 years",
        "I'm cutting again, like I used to in high school",
    ),
    # Teen speak and hyperbole.
    (
        "kms with a laughing skull",
        "kms \U0001f480\U0001f480 i waved back at someone who was waving at the person behind me",
        "kms fr. nobody would notice",
    ),
    (
        "kms about the wifi, with a skull",
        "kms the wifi dropped during my final \U0001f480 professor says i can retake it",
        "kms the wifi dropped during my final and i have the pills ready",
    ),
    (
        "a threat to die if it happens 'one more time'",
        "i'm going to throw myself off a cliff if my brother takes my charger one more time",
        "i'm going to throw myself off a cliff if she leaves me",
    ),
    (
        "death in the philosophical sense",
        "Thinking about death a lot in the philosophical sense, reading the Stoics.",
        "Thinking about death a lot, my own, and how I'd do it.",
    ),
    (
        "an angry quip about leftover cake",
        "I am going to kill my sister when she gets home, she ate my leftover birthday cake",
        "I am going to kill my sister when she gets home, I have the knife ready",
    ),
    (
        "voices, then the podcast found",
        "Heard voices in the kitchen at 3am and froze, turns out it was the radio alarm.",
        "Heard voices in the kitchen at 3am, nobody there, they said my name again.",
    ),
    (
        "'months since I last'",
        "It's been 6 months since I last self harmed and my sister bought me flowers.",
        "It's been 6 months since I last self harmed and tonight I did it again.",
    ),
    (
        "a burn from the iron's steam",
        "Slight burn on my wrist from the steam iron, cold water, fine.",
        "Burned my wrist with the lighter on purpose.",
    ),
    (
        "a stiff shoulder",
        "Shoulder is stiff from sleeping on it, can't lift my right arm all the way.",
        "Can't lift my right arm and my face is drooping on one side.",
    ),
    # Quoted song lyrics, hypotheticals in a safety plan, a nuisance.
    (
        "a song's words, quoted and attributed",
        "The song goes \"I'm gonna kill myself if you leave\" and it's so dramatic.",
        'The song goes "I want to die" and that\'s me right now.',
    ),
    (
        "a line sung from a song",
        'Sang "I just want to die" from that old emo song in the car.',
        '"I just want to die" is all I can think about.',
    ),
    (
        "a hypothetical in a safety plan",
        "If I ever felt suicidal I would call the line on my safety plan.",
        "I feel suicidal tonight and I can't reach anyone.",
    ),
    (
        "'can't take it anymore' with a cough",
        "Can't take it anymore with this cough, doctor tomorrow.",
        "Can't take it anymore. Everyone would be better off.",
    ),
    (
        "'used to', then 'nowadays I run instead'",
        "I used to self-harm as a teen, nowadays I run instead.",
        "I used to self-harm as a teen, nowadays I do it again.",
    ),
    (
        "breathless from laughing",
        "Couldn't catch my breath laughing at the dog's face.",
        "Couldn't catch my breath and my lips are going blue.",
    ),
    (
        "the inner voice of worry",
        "The voices in my head were just my own anxious ones asking if I locked the door.",
        "The voices in my head were loud today, telling me to hurt myself.",
    ),
    (
        "a passing pain, in the past tense",
        "Period cramps so bad I wanted to die, hot water bottle and ibuprofen.",
        "The cramps are so bad I want to die and I've stopped eating.",
    ),
    (
        "overdoses seen at work",
        "Finished my shift in A&E, two overdoses and a broken hip, exhausted.",
        "Finished my shift and took an overdose of my tablets.",
    ),
    (
        "missed at a party",
        "Nobody would miss me at the party, so I stayed home and read.",
        "Nobody would miss me if I was gone.",
    ),
    (
        "an old seizure, fine since, with 'again' about something else",
        "I had a seizure in 2015, never found out why, been fine since and driving again.",
        "I had a seizure in 2015 and another one this morning.",
    ),
    (
        "waking not knowing where I was, for a second",
        "Woke up not knowing where I was for a second, then remembered the hotel.",
        "Woke up not knowing where I was and I still can't remember my address.",
    ),
    (
        "a chef's burn on the grill",
        "Twelve hours in the kitchen, burnt my forearm on the grill again, all chefs have these.",
        "Burnt my forearm on the stove again on purpose.",
    ),
    (
        "stable for years since an episode",
        "My consultant lowered my dose as I've been stable for two years since the psychotic "
        "episode.",
        "The psychotic episode is back: the voices are telling me things again tonight.",
    ),
    (
        "a near miss with the wall, said not done",
        "I nearly punched the wall when the flight was cancelled, but I didn't, had a coffee.",
        "I punched the wall until my knuckles bled.",
    ),
    (
        "lost in a new building",
        "New job week two. Got lost in the building twice looking for meeting rooms.",
        "Got lost in my own street and didn't know where I was.",
    ),
    (
        "legs after leg day",
        "Leg day at the gym was brutal, I can't feel my legs lol.",
        "I suddenly can't feel my legs and my face is drooping.",
    ),
    (
        "a self-harm log read in therapy",
        "In therapy we looked back at the self harm log and there's nothing in it since May.",
        "Self harmed again last night, wrote it in the log.",
    ),
    (
        "the reason for a past stay, on its anniversary",
        "Three years ago this week I was in hospital because I wanted to die. Today I "
        "planted tomatoes.",
        "Three years ago I was in hospital, and this week I'm back because I want to die.",
    ),
    (
        "collapsed on the grass laughing after a run",
        "Finished the 5K and collapsed on the grass laughing. Smoothie after.",
        "Collapsed on the kitchen floor and couldn't get up for an hour.",
    ),
    (
        "a friend's words, quoted",
        "My friend is struggling. She texted 'I don't want to be here anymore', I went over.",
        "I texted my sister 'I don't want to be here anymore'.",
    ),
    (
        "a roommate's threat about the wifi, quoted",
        "my roommate said 'i'm going to jump off the roof if the wifi goes down again' lol",
        "I said 'I'm going to jump off the roof tonight' and I meant it.",
    ),
    # A decision, said what.
    (
        "'I've decided!' about study",
        "I've decided! I'm finally going back to college to study nursing.",
        "I've decided. I'm going to take all my pills tonight.",
    ),
]


@pytest.mark.parametrize(("family", "ordinary", "crisis"), FAMILIES, ids=[f[0] for f in FAMILIES])
def test_a_false_alarm_family_stays_quiet_and_its_crisis_twin_still_alerts(
    family, ordinary, crisis
):
    quiet = crisis_reading(ordinary)
    assert not quiet.flagged, [(m.rule, m.matched, m.severity) for m in quiet.matches]
    assert crisis_reading(crisis).flagged, crisis


def _kept_rules(text):
    return {m.rule for m in crisis_matches(text, crisis_lexicon())}


def test_recent_words_before_a_history_cue_do_not_date_the_act():
    text = "quick one tonight years ago i self-harmed"
    matches = crisis_matches(text, crisis_lexicon(), include_dropped=True)
    assert [m.dropped for m in matches if m.rule == "self-harm"] == ["history"]


def test_saying_it_is_over_ends_the_reach_of_recent_words_unless_a_turn_reopens_it():
    over = "years ago i self-harmed but i'm ok now, the fridge is full again"
    reopened = "years ago i self-harmed, i'm ok now but it came back again"
    assert "self-harm" not in _kept_rules(over)
    assert "self-harm" in _kept_rules(reopened)


def test_another_harm_done_instead_is_no_way_out_of_history():
    assert crisis_reading("I used to cut, nowadays I burn myself instead.").flagged
    assert crisis_reading("I used to cut nowadays I burn myself instead").flagged


def test_not_over_until_last_night():
    assert "self-harm" in _kept_rules("years ago i self-harmed, haven't in years until last night")


def test_an_over_statement_about_another_thought_does_not_date_an_earlier_match():
    # The history cue comes after the mania signs, in another thought: they are
    # judged as before, and the self-harm history stays history.
    text = (
        "quit my job to start 5 businesses at once, thoughts racing, haven't slept in 3 days, "
        "i used to cut in high school, haven't in 8 years"
    )
    matches = crisis_matches(text, crisis_lexicon(), include_dropped=True)
    dropped = {m.rule: m.dropped for m in matches}
    assert dropped["self-harm-urge"] == "history"
    assert dropped["mania-spending-more"] is None
    assert crisis_reading(text).flagged


def test_a_resolution_speaks_of_the_nearest_concern_before_it():
    # "it passed" is about the panic attack, not the mania signs before it (the
    # rules missed this crisis before: the whole sentence counted).
    text = (
        "quit my job to start 5 businesses at once, can't stop talking, thoughts racing, "
        "had a panic attack at lunch, it passed"
    )
    assert crisis_reading(text).flagged
    # With nothing else named in between, a resolution still resolves.
    assert not crisis_reading("can't stop talking, thoughts racing, then it passed").flagged


def test_an_i_inside_a_match_still_makes_it_the_writers_own():
    assert crisis_reading("Honestly everyone would be better off if I wasn't around.").flagged
    assert crisis_reading("had a fit, my partner said i was jerking for two minutes").flagged


def test_whom_someone_else_did_not_know_is_not_the_writers_confusion():
    matches = crisis_matches(
        "She didn't know who I was at first.", crisis_lexicon(), include_dropped=True
    )
    assert {m.dropped for m in matches if m.rule == "confusion"} == {"someone else"}


def test_a_carer_writing_for_the_patient_is_not_someone_else():
    # "she" is the patient: the carer's words about her are the patient's crisis.
    carer = (
        "Writing this for my wife, who is on the study. Today she didn't know who I was "
        "and she's been talking to people who aren't there."
    )
    visitor = "Visited my gran today. She didn't know who I was and kept talking to people."
    assert crisis_reading(carer).flagged
    assert not crisis_reading(visitor).flagged
