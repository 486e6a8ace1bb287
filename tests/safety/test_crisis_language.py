"""Crisis language in the journal: the detector, its lexicon and the check-in finding.

The development set (tests/data/crisis-dev-set.tsv) must come out right in
full; the extra examples below were written for these tests and cover far more
ways of saying the same things, so the patterns stay general. A held-out set
judges the detector later.
"""

import csv
from pathlib import Path

import pytest
import yaml

from apps.safety.detectors.crisis import compile_lexicon, crisis_matches, first_keys
from apps.safety.detectors.findings import Finding
from apps.safety.detectors.normalize import squeeze_pattern
from apps.safety.rules import FIXTURES, crisis_lexicon
from apps.safety.services import CRISIS_LANGUAGE, VERY_LOW_MOOD, crisis_reading, evaluate_checkin

DEV_SET = Path(__file__).resolve().parents[1] / "data" / "crisis-dev-set.tsv"


def dev_rows(label):
    with open(DEV_SET, encoding="utf-8") as handle:
        return [
            pytest.param(row["text"], row["kind"], id=row["text"][:50])
            for row in csv.DictReader(handle, delimiter="\t")
            if row["label"] == label
        ]


def matches(text):
    return crisis_matches(text, crisis_lexicon())


def severity(text):
    worst = {m.severity for m in matches(text)}
    for level in ("critical", "high", "moderate"):
        if level in worst:
            return level
    return None


def only(text):
    [match] = matches(text)
    return match


# --- the development set, all of it ----------------------------------------------------


def test_the_development_set_is_all_there():
    assert len(dev_rows("1")) == 35 and len(dev_rows("0")) == 35


@pytest.mark.parametrize(("text", "kind"), dev_rows("1"))
def test_every_crisis_in_the_development_set_alerts(text, kind):
    assert matches(text), f"missed ({kind}): {text}"


@pytest.mark.parametrize(("text", "kind"), dev_rows("0"))
def test_nothing_else_in_the_development_set_alerts(text, kind):
    assert not matches(text), [m.as_dict() for m in matches(text)]


# --- examples written for these tests ----------------------------------------------------

# Written for these tests (not from the development set): how people in distress
# write, in plain words, slang, typos, disguised letters, and longer entries.
# (text, a category it must be reported under)
EXTRA_CRISES = [
    # suicidal
    ("I want to end my life.", "suicidal"),
    ("I'm thinking of killing myself.", "suicidal"),
    ("I've decided to kill myself this weekend.", "suicidal"),
    ("I keep planning how I would do it and when.", "suicidal"),
    ("Suicide feels like the only option left.", "suicidal"),
    ("I've been researching ways to die.", "suicidal"),
    ("I tried to kill myself last night.", "suicidal"),
    ("I attempted suicide on Sunday.", "suicidal"),
    ("I'm going to take every pill in the cabinet.", "suicidal"),
    ("I can't stop thinking about ending it all.", "suicidal"),
    ("thinking about unaliving myself again", "suicidal"),
    ("sewerslide is on my mind again", "suicidal"),
    ("I'm going to off myself.", "suicidal"),
    ("i could just kms honestly", "suicidal"),
    ("I'm going to jump off the bridge tonight.", "suicidal"),
    ("I keep thinking about stepping in front of a train.", "suicidal"),
    ("I'm ready to end it.", "suicidal"),
    ("I said goodbye to everyone today.", "suicidal"),
    ("Writing letters to my kids to say goodbye.", "suicidal"),
    ("I've started giving away my things.", "suicidal"),
    ("I'm not going to act on it but the thoughts are constant.", "suicidal"),
    ("Googled how many pills it takes to die.", "suicidal"),
    ("I'm not suicidal exactly, but I keep wanting to end my life.", "suicidal"),
    ("Not a day goes by that I don't think about suicide.", "suicidal"),
    ("I looked up how to tie a noose.", "suicidal"),
    ("I have enough pills saved to do it.", "suicidal"),
    ("I'm planning to kill myself after the holidays.", "suicidal"),
    ("Suicidal again. Can't shake it.", "suicidal"),
    ("I feel like ending my life would solve everything.", "suicidal"),
    ("I wrote my suicide note today.", "suicidal"),
    ("I'm thinking about driving into a wall.", "suicidal"),
    ("i want to unalive myself", "suicidal"),
    ("I wаnt to kill mysеlf", "suicidal"),
    ("I want to k\u200bill my\xadself", "suicidal"),
    ("Im gonna kill myself", "suicidal"),
    ("been thinking abt suicide alot", "suicidal"),
    ("i just wanna end it all tbh", "suicidal"),
    ("I've been having really dark thoughts about killing myself.", "suicidal"),
    ("I'm thinking about taking all my sleeping pills tonight.", "suicidal"),
    ("Mum doesn't know but I've been saving my pills.", "suicidal"),
    ("I looked at the bridge on my way home and thought about jumping.", "suicidal"),
    ("I feel like killing myself.", "suicidal"),
    ("I've been thinking about ending my life.", "suicidal"),
    ("I want to commit suicide.", "suicidal"),
    ("I'm going to overdose tonight.", "suicidal"),
    ("I have a rope in my closet for when I'm ready.", "suicidal"),
    ("I've picked the date.", "suicidal"),
    ("The only way out is to end it.", "suicidal"),
    ("I'm ready to go, I've said my goodbyes.", "suicidal"),
    (
        (
            "Today was the worst. I sat in the car in the garage and thought "
            "about leaving the engine running."
        ),
        "suicidal",
    ),
    ("I've been having urges to kill myself again.", "suicidal"),
    ("I'm scared of what I might do to myself tonight.", "suicidal"),
    ("Planning to take all my meds with vodka this weekend.", "suicidal"),
    # suicidal_passive
    ("I won't do anything stupid, but I really want to die.", "suicidal_passive"),
    ("I want to die.", "suicidal_passive"),
    ("i wanna die lol", "suicidal_passive"),
    ("I'd be better off dead.", "suicidal_passive"),
    ("Sometimes I wish I was dead.", "suicidal_passive"),
    ("Everyone would be better off without me.", "suicidal_passive"),
    ("My family would be better off if I wasn't here.", "suicidal_passive"),
    ("I don't want to be alive anymore.", "suicidal_passive"),
    ("I don't want to exist.", "suicidal_passive"),
    ("There's no point in living.", "suicidal_passive"),
    ("I have nothing to live for.", "suicidal_passive"),
    ("I'm so tired of living.", "suicidal_passive"),
    ("Nobody would even notice if I died.", "suicidal_passive"),
    ("I hope I don't wake up tomorrow.", "suicidal_passive"),
    ("I think about death all the time.", "suicidal_passive"),
    ("I can't keep going like this.", "suicidal_passive"),
    ("What's the point of living anymore?", "suicidal_passive"),
    ("I just want to disappear forever.", "suicidal_passive"),
    ("I wish I had never been born.", "suicidal_passive"),
    ("I don't care if I live or die.", "suicidal_passive"),
    ("I don't know why I keep wanting to die.", "suicidal_passive"),
    ("Honestly I just want it all to be over.", "suicidal_passive"),
    ("I've been thinking that everyone would be fine if I just wasn't around.", "suicidal_passive"),
    ("I keep fantasizing about my own funeral.", "suicidal_passive"),
    ("Part of me wants to die and part of me is scared.", "suicidal_passive"),
    ("The world would be a better place without me.", "suicidal_passive"),
    ("I'm tired of being alive.", "suicidal_passive"),
    (
        "I don't think I'll make it through the week, I just want to sleep forever.",
        "suicidal_passive",
    ),
    ("I just want the pain to stop permanently.", "suicidal_passive"),
    ("I WANT TO DIE", "suicidal_passive"),
    ("ｉ ｗａｎｔ ｔｏ ｄｉｅ", "suicidal_passive"),
    ("I want to dieeeee", "suicidal_passive"),
    ("Sooooo done with life", "suicidal_passive"),
    (
        (
            "work was fine i guess. came home and just sat there. honestly i dont "
            "want to be here anymore"
        ),
        "suicidal_passive",
    ),
    ("i keep thinking everyone would be better off if i was gone", "suicidal_passive"),
    ("Feeling hopeless. I wish I could go to sleep and never wake up.", "suicidal_passive"),
    ("Its like theres no point to anything, I want to die", "suicidal_passive"),
    ("I feel like a burden to my family.", "suicidal_passive"),
    ("I don't want to live anymore.", "suicidal_passive"),
    ("I'd be doing everyone a favour if I died.", "suicidal_passive"),
    ("It would be easier if I just disappeared.", "suicidal_passive"),
    ("I wish I could fall asleep and not wake up.", "suicidal_passive"),
    ("I keep wishing a car would hit me.", "suicidal_passive"),
    ("I can't see a future for myself anymore.", "suicidal_passive"),
    ("I'm a waste of space.", "suicidal_passive"),
    (
        (
            "Slept badly again. Skipped breakfast. I keep thinking the world "
            "would be better without me in it and I don't know how much longer I "
            "can pretend."
        ),
        "suicidal_passive",
    ),
    ("I don't want to wake up tomorrow.", "suicidal_passive"),
    ("Everything is too much. I just want to stop existing.", "suicidal_passive"),
    ("Honestly if I didn't have the cat I'd be gone already.", "suicidal_passive"),
    ("I just feel like giving up on life.", "suicidal_passive"),
    # self_harm
    ("I cut myself last night.", "self_harm"),
    ("I've been burning myself with a lighter.", "self_harm"),
    ("Relapsed and cut again.", "self_harm"),
    ("The urge to cut is so strong tonight.", "self_harm"),
    ("I scratched my arms until they bled.", "self_harm"),
    ("I punched the wall until my knuckles bled.", "self_harm"),
    ("I hurt myself on purpose again.", "self_harm"),
    ("I want to self harm", "self_harm"),
    ("I keep hitting myself when I get angry.", "self_harm"),
    ("Used to cut as a teen and the urges are back.", "self_harm"),
    ("Cut again last night, deeper this time.", "self_harm"),
    ("I've been self harming again.", "self_harm"),
    ("I burned my arm with a cigarette on purpose.", "self_harm"),
    ("I keep wanting to cut myself.", "self_harm"),
    ("Banged my head against the wall over and over.", "self_harm"),
    ("I've been pulling out my hair until it bleeds.", "self_harm"),
    (
        "Took the dog for a walk. Came back and cut myself. I don't know why I keep doing it.",
        "self_harm",
    ),
    ("Started cutting again last week.", "self_harm"),
    ("I cut my wrists last night.", "self_harm"),
    ("I've been cutting myself to cope.", "self_harm"),
    ("I burned myself with the iron on purpose.", "self_harm"),
    ("I keep scratching myself until I bleed.", "self_harm"),
    ("I feel like hurting myself.", "self_harm"),
    ("My partner hid the knives because I tried to hurt myself.", "self_harm"),
    ("Been hitting myself in the head when the thoughts get loud.", "self_harm"),
    ("I carved words into my thigh.", "self_harm"),
    # harm_others
    ("I want to kill my ex.", "harm_others"),
    ("I'm scared I'll hurt my baby.", "harm_others"),
    ("I'm going to stab him.", "harm_others"),
    ("Sometimes I imagine strangling my husband.", "harm_others"),
    ("I'm going to get revenge on my ex.", "harm_others"),
    ("I want to shoot up my school.", "harm_others"),
    ("I have thoughts of hurting other people.", "harm_others"),
    ("I'm afraid I might hurt someone.", "harm_others"),
    ("I want to make them suffer for what they did.", "harm_others"),
    (
        "Sometimes I think about hurting my roommate when she's loud and it scares me.",
        "harm_others",
    ),
    ("I want to beat him up so badly I'm shaking.", "harm_others"),
    ("I told my sister I'd kill her if she told anyone, and I meant it.", "harm_others"),
    ("I want to kill my neighbour.", "harm_others"),
    ("I'm having thoughts of harming my baby.", "harm_others"),
    ("I bought a knife and I'm going to use it on him.", "harm_others"),
    ("I have this urge to push someone in front of the train.", "harm_others"),
    ("I keep imagining stabbing my coworker.", "harm_others"),
    # overdose
    ("I took too many pills.", "overdose"),
    ("I think I overdosed on my sleeping pills.", "overdose"),
    ("Swallowed a whole bottle of Tylenol.", "overdose"),
    ("I OD'd last night.", "overdose"),
    ("I took a handful of my sleeping pills on purpose.", "overdose"),
    ("Took double my dose and now I feel really weird.", "overdose"),
    ("I overdosed yesterday and ended up in hospital.", "overdose"),
    ("I swallowed like 20 pills an hour ago.", "overdose"),
    ("I took 30 of my antidepressants.", "overdose"),
    ("I took way too much of my lithium by accident and I'm throwing up.", "overdose"),
    # medical
    ("My chest hurts and my left arm is numb.", "medical"),
    ("Sharp pain in my chest after the dose.", "medical"),
    ("I'm struggling to breathe.", "medical"),
    ("Short of breath and dizzy since lunch.", "medical"),
    ("I don't know where I am.", "medical"),
    ("I'm so disoriented I couldn't find my way home.", "medical"),
    ("Had a seizure this morning.", "medical"),
    ("I fainted at work.", "medical"),
    ("My lips are turning blue.", "medical"),
    ("My tongue is swelling up.", "medical"),
    ("My chest feels really tight and heavy and it won't go away.", "medical"),
    ("Feels like an elephant is sitting on my chest.", "medical"),
    ("I can barely breathe.", "medical"),
    ("Couldn't remember my own address today.", "medical"),
    ("I blacked out for a few minutes.", "medical"),
    ("Anxiety so bad I can't breathe and it's been hours.", "medical"),
    ("I passed out twice today.", "medical"),
    ("Chest pain on and off since yesterday, worse when I breathe.", "medical"),
    ("I woke up not knowing where I was and it took ages to figure out.", "medical"),
    ("Can't catch my breath even sitting still.", "medical"),
    ("My face and lips are swelling after the dose.", "medical"),
    ("I have severe chest pain and I'm sweating.", "medical"),
    ("I feel like I'm suffocating and can't get air.", "medical"),
    ("I keep forgetting where I am and who people are.", "medical"),
    ("I had a fit and bit my tongue.", "medical"),
    ("I collapsed in the kitchen.", "medical"),
    ("Really bad pressure in my chest spreading to my jaw.", "medical"),
    ("My breathing is really shallow and fast and I feel faint.", "medical"),
    ("I have no idea what day it is and I keep getting lost in the house.", "medical"),
    # serotonin_toxicity
    (
        "Heart racing, sweating buckets, shaking and my muscles keep twitching since the new dose.",
        "serotonin_toxicity",
    ),
    ("Fever and twitching after mixing my meds.", "serotonin_toxicity"),
    (
        "My heart is pounding, I'm drenched in sweat, shaking uncontrollably and have a fever.",
        "serotonin_toxicity",
    ),
    (
        "Since the new dose I've been agitated, sweating and my legs keep jerking.",
        "serotonin_toxicity",
    ),
    (
        (
            "My heart is racing, I have a fever and my arms keep twitching after "
            "taking my meds with the microdose."
        ),
        "serotonin_toxicity",
    ),
    (
        (
            "Got really hot and sweaty, muscles twitching and I feel agitated "
            "since this morning's dose."
        ),
        "serotonin_toxicity",
    ),
    ("My temperature is 39.5, I'm shaking and my muscles are jerking.", "serotonin_toxicity"),
    (
        (
            "I'm burning up, my muscles are twitching non-stop and my heart is "
            "racing since I added the St John's wort."
        ),
        "serotonin_toxicity",
    ),
    # panic
    ("The panic attacks won't stop, I've had four today.", "panic"),
    ("Been having non-stop panic attacks all day.", "panic"),
    ("My anxiety has been out of control for hours and I can't calm down.", "panic"),
    ("I feel like I'm dying, my heart won't slow down.", "panic"),
    ("I'm having the worst panic attack of my life and it won't end.", "panic"),
    ("Panic all night, still shaking, it won't go away.", "panic"),
    ("Had three panic attacks today and they keep coming.", "panic"),
    ("I've had a panic attack for three hours and it won't end.", "panic"),
    ("I'm terrified and the panic is getting worse, I can't make it stop.", "panic"),
    ("This panic hasn't let up since yesterday.", "panic"),
    (
        "I feel like I'm about to die, my heart is pounding out of my chest and I can't calm down.",
        "panic",
    ),
    # psychosis
    ("I keep hearing voices telling me to hurt myself.", "psychosis"),
    ("The voices are back.", "psychosis"),
    ("I'm convinced my neighbours are poisoning my food.", "psychosis"),
    ("Someone implanted a chip in my head.", "psychosis"),
    ("The radio is talking to me.", "psychosis"),
    ("I'm seeing things that aren't there.", "psychosis"),
    ("People on TV are talking about me.", "psychosis"),
    ("I hear a voice telling me I'm worthless.", "psychosis"),
    ("My thoughts are being broadcast to everyone.", "psychosis"),
    ("Everyone is out to get me.", "psychosis"),
    (
        "I can hear them talking about me through the walls, they know what I'm thinking.",
        "psychosis",
    ),
    ("The messages in the songs are for me, I'm sure of it.", "psychosis"),
    ("There are bugs crawling under my skin that no one else can see.", "psychosis"),
    ("God told me to stop taking my meds because I'm chosen.", "psychosis"),
    ("I can feel someone controlling my body.", "psychosis"),
    ("The people on the radio are sending me coded signals.", "psychosis"),
    ("I think my family has been replaced by impostors.", "psychosis"),
    # mania
    ("Haven't slept in four days and I feel amazing, like I can do anything.", "mania"),
    ("Racing thoughts, talking so fast no one can follow, spent all my savings.", "mania"),
    ("I feel manic.", "mania"),
    (
        "I don't need sleep anymore, I have so much energy and I started three businesses today.",
        "mania",
    ),
    ("Haven't slept in 3 days, mind racing, feel unstoppable.", "mania"),
    ("I'm on a special mission from god and I haven't needed sleep in days.", "mania"),
    (
        "Bought a car, a boat and quit my job today, no sleep for two nights, never felt better.",
        "mania",
    ),
    ("I've been up for three days straight writing a book, I'm a genius.", "mania"),
    (
        (
            "I don't need to sleep, I'm buzzing, I've started five projects and "
            "I'm going to be famous."
        ),
        "mania",
    ),
    # more, written after the rest (a last check of generality)
    ("I think I'm going to kill myself this weekend.", "suicidal"),
    ("Suicide is all I think about.", "suicidal"),
    ("I've been looking up ways to end my life online.", "suicidal"),
    ("I just want to die, nothing matters anymore.", "suicidal_passive"),
    ("Part of me wishes I'd never wake up.", "suicidal_passive"),
    ("My kids would be better off without me.", "suicidal_passive"),
    ("I'm thinking of ending it.", "suicidal"),
    ("I wrote letters to everyone I love, just in case.", "suicidal"),
    ("Life has no meaning and I want out.", "suicidal_passive"),
    ("I cannot do this anymore, I want to disappear forever.", "suicidal_passive"),
    ("Cut myself three times this week.", "self_harm"),
    ("I started hurting myself again.", "self_harm"),
    ("The urges to self-harm are back.", "self_harm"),
    ("I slammed my fist into the wall until it bled.", "self_harm"),
    ("I'm afraid I'll snap and hurt my kids.", "harm_others"),
    ("I want to strangle my roommate.", "harm_others"),
    ("I took a whole pack of paracetamol.", "overdose"),
    ("I think I overdosed, I feel really sick.", "overdose"),
    ("Sudden chest pain and my left arm feels numb.", "medical"),
    ("I'm gasping for air.", "medical"),
    ("I woke up on the floor and don't remember falling, I think I passed out.", "medical"),
    (
        ("My whole body is shaking, I'm sweating and I have a high fever since mixing my meds."),
        "serotonin_toxicity",
    ),
    ("Constant panic attacks since this morning, they won't stop.", "panic"),
    ("I'm having a panic attack that won't go away and I feel like I'm dying.", "panic"),
    ("I keep hearing a voice that tells me I'm evil.", "psychosis"),
    ("I know the neighbours are spying on me through the walls.", "psychosis"),
    ("Strangers on the street are sending me signals.", "psychosis"),
    ("Haven't slept in days and I'm full of energy, I feel invincible.", "mania"),
    ("I'm so confused I don't know where I am.", "medical"),
    ("i want to die so bad rn", "suicidal_passive"),
]

# Idioms, denials, history, someone else, everyday symptoms, hyperbole.
EXTRA_NON_CRISES = [
    "I'd kill for a coffee right now.",
    "I'm dying to see the show.",
    "The battery died on my phone.",
    "I shot the photo at sunset.",
    "Overdosed on sugar at the party, oops.",
    "I have never had thoughts of self-harm.",
    "No thoughts of suicide or self-harm.",
    "I don't have any suicidal thoughts.",
    "Not suicidal, just tired.",
    "Suicidal thoughts: none.",
    "Cut myself a slice of cake.",
    "I cut myself shaving this morning.",
    "Burned my hand on the stove making pancakes.",
    "Killed it at the presentation today.",
    "This workload is killing me.",
    "My feet are killing me after the hike.",
    "I could murder a pizza.",
    "My sister's cat died.",
    "My dad had chest pain last year and had a stent.",
    "Watched a documentary about suicide prevention.",
    "We talked about suicide risk in group today.",
    "The panic buying at the store was wild.",
    "Had a panic attack before the exam but breathing exercises helped.",
    "Small panic attack in the morning, it passed quickly.",
    "I was so confused about the new app.",
    "Hearing voices from the apartment next door all night.",
    "The kids have so much energy and big plans for summer.",
    "Sweating at the gym, heart racing, felt great.",
    "I was shaking and sweating before my presentation, heart pounding.",
    "Eye twitching all week, probably too much coffee.",
    "Spring fever, feeling restless.",
    "I passed out on the couch watching TV.",
    "Collapsed into bed after a long shift.",
    "Laughing so hard I couldn't breathe.",
    "I used to self-harm as a teenager but haven't in years.",
    "When I was 19 I attempted suicide; today I feel strong.",
    "My friend told me she self-harms.",
    "My brother overdosed two years ago and I still miss him.",
    "Read an article about overdose deaths.",
    "I'm reading a book about a woman who wants to die.",
    "I'm done with this job.",
    "Can't take this heat anymore.",
    "I nearly died laughing.",
    "I take all my pills together with breakfast.",
    "Double-checked my dose this morning.",
    "Hit the gym hard today.",
    "I want to hit my friend up for coffee.",
    "I'm going to kill this workout.",
    "Beat my brother at chess.",
    "Stayed up all night finishing the project.",
    "I haven't slept well in days because of the baby, no energy at all.",
    "There's no way out of this contract.",
    "Denied any thoughts of harming myself or others.",
    "Mom fainted at the wedding, she's fine now.",
    "I would never hurt myself.",
    "I'm killing myself at work this month.",
    "The movie's villain wants to kill everyone.",
    "My therapist and I made a safety plan, which feels good.",
    "Dying for a nap after that meeting.",
    "Shot some hoops with my son.",
    "I'd die for my kids.",
    "That joke killed me.",
    "We ended things on good terms, me and Sam.",
    "I'm going to end it with him tomorrow.",
    "Thinking about taking my life back after the divorce.",
    "Took all my supplements at the same time this morning.",
    "My heart was racing from excitement at the concert.",
    "I don't want to hurt my family by telling them.",
    "I'm not confused anymore about the dosing schedule.",
    "No chest pain, no shortness of breath, all good.",
    "Not hearing voices, just anxious.",
    "Felt a bit dizzy after standing up too fast.",
    "I'm burning up in this heat.",
    "Gave me a heart attack when the cat jumped out.",
    "Kind of anxious about the appointment tomorrow.",
    "Couldn't sleep again last night, so tired.",
    "The plants died while I was away.",
    "Life is worth living again.",
    "I finally feel like I want to live.",
    "I drowned myself in work this week.",
    "I shot myself in the foot with that email.",
    "Hanging out with friends tonight.",
    "Hung the pictures myself.",
    "My thoughts were all over the place but journaling helped.",
    "Got some energy back and made big plans for the garden.",
    "Spent all my savings on the new flat, worth it.",
    "I almost died of boredom in that meeting.",
    "Killing time before my appointment.",
    "My plants are dying, need more light.",
    "This song slaps, I'm dead.",
    "Cutting the grass took forever.",
    "I cut my hair short, love it.",
    "I want to end this habit of doomscrolling.",
    "Ending the day with tea and a book.",
    "I took my last dose of antibiotics today.",
    "Overdose awareness day at work, wore purple.",
    "I never want to feel that low again, and I don't.",
    "I've had no suicidal thoughts since starting therapy.",
    "No self-harm for 200 days!",
    "I haven't hurt myself in months and I'm proud.",
    "My therapist asked about suicidal thoughts; I have none.",
    "Feeling hopeful about the future.",
    "The heat today was unbearable.",
    "My anxiety was high in the morning but calmed down by lunch.",
    "Had chest congestion from a cold.",
    "I tripped and hit my head on the cupboard, ouch.",
    "A bit shaky after too much coffee.",
    "Sweaty after my run, feeling good.",
    "I was running late and panicking a bit.",
    "The voices in the choir were beautiful.",
    "My son said the TV was talking to him, he's five and playing pretend.",
    "I have a fever and a sore throat, staying home.",
    "The show is about a man who hears voices.",
    "I'm excited, big plans and lots of energy for the new job.",
    "Did a breathing exercise, felt my heart rate slow down.",
    "I lost my keys and felt so confused for a minute.",
    "Crushed it at the gym.",
    "The shooting range was fun with my dad.",
    "I'd rather die than miss the concert, haha.",
    "My cat is a burden on my sleep schedule lol.",
    "I'm so done with winter.",
    "No way out of the parking garage without paying.",
    "The book's main character attempts suicide in chapter three.",
    "My grandmother had a stroke last year but she's recovering.",
    "I'm drowning in paperwork.",
    "Nobody would notice if I left the party early.",
    "Been feeling dead tired all week.",
    "I can't go on a trip this month, too busy.",
    "I just want to disappear into a good book.",
    "The pain in my knee is better now.",
    "I shot a video for my sister's birthday.",
    "I'm not going to kill myself over a bad grade, it's fine.",
    "Sometimes I feel lonely but I reach out to friends.",
    "No racing heart, no sweating, no fever after the dose.",
    "I heard voices outside my window, it was the neighbours.",
    "Life feels worth living again.",
    "Work was killing me today but the weekend is close.",
    "My sister cut my hair, I look like a mushroom lol",
    "Made a plan for the week: gym, groceries, therapy.",
    "Goodbye party for my coworker today, sad but sweet.",
    "I took all my meds and supplements this morning as planned.",
    "Finished the stack for this cycle, starting the break.",
    "The therapist asked if I ever want to hurt myself and I honestly said no.",
    "I used to think about suicide in college but that's long over.",
    "I'm not suicidal, I promise, just really sad today.",
    "No self harm, no thoughts of it either.",
    "Watching a horror film where everyone dies.",
    "Our dog had a seizure last night, vet says he's okay.",
    "I'm so stressed I could scream.",
    "Tired of this rain.",
    "I'm burnt out but hanging in there.",
    "Sweating through my shirt in this humidity.",
    "I'm shaking with excitement, got the job!",
    "My hands tremble a little when I'm nervous.",
    "I can't breathe through my nose with this cold.",
    "Feeling dizzy, probably dehydrated.",
    "My heart skipped a beat when I saw the email.",
    "I haven't slept much this week because of deadlines.",
    "I had so much energy today, went hiking.",
    "My mind is racing with ideas for the novel.",
    "Everyone was watching me when I tripped, so embarrassing.",
    "I feel like a different person after the retreat.",
    "Dead on my feet after the night shift.",
    "I was scared to death of the dentist.",
    "The ending of the show killed me.",
    "I want to kill the spider in the bathroom.",
    "I felt like quitting my job today.",
    "My phone is dying, need a charger.",
    "I'm dead serious about running the marathon.",
    "That movie was to die for.",
    "I was dying to tell someone the news.",
    "I could kill for a good night's sleep.",
    "We killed two hours at the museum.",
    "I've never self-harmed, but I understand why people do.",
    "I'm not in danger and I feel safe.",
    "My safety plan is on the fridge, haven't needed it.",
    "Saw my GP about chest pain, turned out to be heartburn, all fine.",
    "Confused about which supplement to take first.",
    "I felt faint-hearted before the interview.",
    "My heart raced a little when I saw him.",
    "I had a fever last week, it's gone now.",
    "The dose made me a bit sweaty but nothing else.",
    "No hallucinations, just brighter colours.",
    "I love the energy of this city.",
    "Stayed up late playing games.",
    "Lost in my thoughts on the bus.",
    "My brother is a pain but I love him.",
    "I want to beat my personal best.",
    "I'm going to crush this interview.",
    "She's such a killer at work.",
    "Everything hurts from yesterday's workout.",
    "Got a flu shot this morning.",
    "A panic attack last month, nothing since.",
    "I hit my head on the cupboard door.",
    "I'm drowning in laundry.",
    "Spent the evening planning my garden.",
    "Work deadline is killing me but I'll survive.",
    "I was so embarrassed I wanted the ground to swallow me up.",
    "We laughed until we cried.",
    "Had a mild headache, took paracetamol, gone by lunch.",
    "My chest is fine, lungs are clear, doctor checked.",
    "Felt weirdly detached during the session, therapist said that's normal.",
    "Not hearing or seeing anything strange.",
    "My dad was rushed to hospital with chest pains, I'm worried.",
    "Cut myself some slack today.",
    "I'm cutting down on sugar.",
    "The news about the overdose crisis is depressing.",
    (
        "I think about death sometimes in a philosophical way, like everyone "
        "does, but I'm not suicidal."
    ),
    "My brother struggled with self-harm years ago.",
    "Grateful to be alive today.",
    "I feel alive for the first time in months.",
    "The pills are in the organiser for the week.",
    "The therapist asked about suicidal thoughts and I said no.",
    "I fell asleep on the sofa.",
    "My hands were shaky after two espressos.",
    # more, written after the rest
    "I'm dying to go on holiday.",
    "This homework is killing me slowly lol.",
    "Killed a mosquito last night, finally.",
    "I cut myself on a piece of paper.",
    "My grandad died last spring; I miss him.",
    "Went to a talk on suicide prevention at the library.",
    "No self-harm, no suicidal thoughts, steady week.",
    "I've never thought about suicide.",
    "I'm not depressed, just tired.",
    "Chest felt a little tight during the run, fine after resting.",
    "Dead tired but happy.",
    "My battery is about to die.",
    "I'd die for a slice of pizza right now.",
    "The panic room scene in the film was tense.",
    "I was shaking from the cold.",
    "Had a slight fever yesterday, better now.",
    "I get the sweats in this heat.",
    "So much energy after the retreat!",
    "My thoughts were racing but meditation helped.",
    "I hear my neighbour's voice through the wall every morning.",
    "The TV was on all day in the background.",
    "Took too many photos at the zoo.",
    "I overdid it at the gym.",
    "I feel like I could sleep forever on Sundays.",
    "I'm a burden? No, my friends say I'm not.",
    "I keep my pills in a weekly box.",
    "I ended the call and went to bed.",
    "Nothing to report today.",
    "I'm so over this cold.",
    "Hit my shin on the coffee table again.",
]


@pytest.mark.parametrize(("text", "category"), EXTRA_CRISES, ids=[t[:50] for t, _ in EXTRA_CRISES])
def test_it_alerts_on_crisis_language_in_many_wordings(text, category):
    found = matches(text)
    assert found, f"missed: {text}"
    assert category in {m.category for m in found}, [m.as_dict() for m in found]


@pytest.mark.parametrize("text", EXTRA_NON_CRISES, ids=[t[:50] for t in EXTRA_NON_CRISES])
def test_it_does_not_alert_on_idioms_denials_history_or_everyday_life(text):
    assert not matches(text), [m.as_dict() for m in matches(text)]


def test_there_are_plenty_of_extra_examples_of_each_kind():
    categories = {category for _, category in EXTRA_CRISES}
    assert categories == {
        "suicidal",
        "suicidal_passive",
        "self_harm",
        "harm_others",
        "overdose",
        "medical",
        "serotonin_toxicity",
        "panic",
        "psychosis",
        "mania",
    }
    assert len(EXTRA_CRISES) >= 200 and len(EXTRA_NON_CRISES) >= 200


# --- telling a crisis from an idiom ------------------------------------------------------


@pytest.mark.parametrize(
    ("crisis", "idiom"),
    [
        ("I want to kill myself.", "This traffic is killing me."),
        ("Cut myself again last night.", "Cut myself a slice of cake."),
        ("I want to die.", "I'm dying to see the show."),
        ("I overdosed on my pills.", "Overdosed on sugar at the party."),
        ("I want to hurt my boss.", "I'd kill for a coffee."),
        ("I passed out in the shower.", "I passed out on the couch after work."),
        ("I'm hearing voices telling me to hurt people.", "I'm hearing voices next door."),
        ("I can't breathe, my throat is closing.", "Laughing so hard I couldn't breathe."),
        ("I'm going to end it tonight.", "I'm going to end it with him tonight."),
    ],
)
def test_it_tells_a_crisis_from_an_idiom_with_the_same_words(crisis, idiom):
    assert matches(crisis)
    assert not matches(idiom)


# --- what a match reports ----------------------------------------------------------------


def test_it_reports_the_category_severity_rule_and_original_offsets():
    text = "Long day. I want to kill myself tonight."
    match = only(text)
    assert text[match.start : match.end] == match.matched == "kill myself"
    assert (match.category, match.severity, match.rule, match.negated) == (
        "suicidal",
        "critical",
        "kill-myself",
        False,
    )


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ＩＷＡＮＴ ＴＯ ＫＩＬＬ ＭＹＳＥＬＦ", "ＫＩＬＬ ＭＹＳＥＬＦ"),  # fullwidth
        ("I want to kіll mysеlf", "kіll mysеlf"),  # Cyrillic і and е
        ("I want to k\u200bill my\u00adself", "k\u200bill my\u00adself"),  # invisible characters
        ("I want to kiiiiill myseeeelf", "kiiiiill myseeeelf"),  # stretched letters
        ("I want to k1ll mys3lf", "k1ll mys3lf"),  # digits for letters
        ("I  want   to\tkill \t myself", "kill \t myself"),  # odd spacing
        ("Sélf-hárm again 😞 last night", "Sélf-hárm"),  # accents
        ("ﬁne day, then I self‐harmed", "self‐harmed"),  # ligature before, odd hyphen
        ("I want to diiieeee", "want to diiieeee"),
    ],
)
def test_disguised_letters_are_seen_through_and_offsets_point_at_the_original(text, words):
    [match] = [m for m in matches(text)]
    assert text[match.start : match.end] == match.matched == words


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("kms fr", "suicidal"),
        ("thinking about unaliving myself", "suicidal"),
        ("sewerslide on my mind", "suicidal"),
        ("i'm gonna off myself", "suicidal"),
        ("gonna end it all", "suicidal"),
        ("someone told me to kys", "suicidal_passive"),
        ("i wanna die lol", "suicidal_passive"),
    ],
)
def test_it_knows_the_slang(text, category):
    assert category in {m.category for m in matches(text)}


def test_a_pattern_is_folded_like_the_text_even_across_its_groups():
    # "planned" folds to "planed", so "plan(ned)" must too.
    assert squeeze_pattern("plan(s|ned|ning)?") == "plan(?:s|ed|ing)?"
    assert squeeze_pattern("forget(ting)?") == "forget(?:ing)?"
    assert squeeze_pattern("can't (?<![a-z] )kill") == "can'?t (?<![a-z] )kil"
    assert matches("I planned to end my life.")
    assert matches("I keep forgetting where I am.")


@pytest.mark.parametrize(
    "text",
    [
        "I'm good today, a good day.",  # folded, "good" is "god"
        "My nose is running.",  # folded, "noose" is "nose"
        "I'm proud of myself.",  # folded, "off" is "of"
        "Shot some photos of my son.",
    ],
)
def test_words_that_fold_into_other_words_do_not_alert(text):
    assert not matches(text)


# --- negation: lowers certainty, never hides intent --------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "No suicidal thoughts this week.",
        "I am not having any suicidal thoughts.",
        "I have never had thoughts of self-harm.",
        "Denies suicidal ideation.",
        "Suicidal thoughts: none.",
        "No chest pain, no shortness of breath.",
        "I don't want to die, I want to get better.",
        "I've never self-harmed, but I understand why people do.",
        "No suicidal thoughts this week, but work was hard.",
    ],
)
def test_a_clear_whole_denial_does_not_alert(text):
    assert not matches(text)


def test_a_denial_that_turns_back_on_itself_still_alerts_one_level_lower():
    match = only("No thoughts of self-harm, but the urges are there.")
    assert (match.category, match.severity, match.negated) == ("self_harm", "high", True)


def test_intent_held_behind_a_denial_is_a_crisis():
    text = "I'm not going to act on it but the thoughts are constant"
    [finding] = evaluate_checkin(mood=6, text=text)
    assert finding.is_crisis and finding.severity == "high"
    assert all(span.negated for span in finding.spans)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to kill myself.",
        "I would never take all my pills at once.",
        "I'm not planning to end my life.",
        "I don't have any plans to hurt myself.",
    ],
)
def test_a_denied_intent_or_plan_still_alerts_one_level_lower_and_is_marked_negated(text):
    found = matches(text)
    assert found and all(m.negated for m in found)
    assert severity(text) == "high"


def test_a_denial_does_not_reach_past_its_clause():
    assert severity("I'm not okay, I want to die.") == "high"
    assert severity("Nothing helps and I want to kill myself.") == "critical"
    assert severity("I can't stop thinking about killing myself.") == "critical"
    assert severity("Not a day goes by that I don't think about suicide.") == "critical"


def test_a_reported_question_answered_no_is_not_the_patients_words():
    assert not matches("My therapist asked if I want to hurt myself and I said no.")
    asked = matches("My therapist asked if I want to hurt myself.")
    assert asked and all(m.negated for m in asked)


# --- history, other people, symptoms that passed ----------------------------------------


def test_history_alone_does_not_alert_but_history_coming_back_does():
    assert not matches("Years ago I self-harmed, but I've been free of that for a long time.")
    assert not matches("I used to cut myself as a teenager.")
    assert severity("I used to cut myself as a teenager and I started again last week.") == (
        "critical"
    )
    assert matches("Used to cut as a teen and the urges are back.")


def test_someone_elses_crisis_is_not_the_patients():
    assert not matches("My dad had chest pain and went to hospital.")
    assert not matches("My friend told me she self-harms.")
    assert not matches("The movie's villain wants to kill everyone.")
    assert matches("My friend told me I seemed very confused and I got lost in my own street.")
    assert matches("Everyone would be better off without me.")


def test_a_symptom_that_passed_is_lower_and_one_a_doctor_cleared_does_not_alert():
    assert severity("Chest pain this morning.") == "critical"
    assert severity("Chest pain this morning, it went away after an hour.") == "high"
    assert not matches("Chest pain this morning, turned out to be heartburn, all fine.")
    assert not matches("Had a panic attack before the exam but it passed.")
    assert severity("Had a panic attack before the exam.") == "moderate"


def test_a_minimised_symptom_is_one_level_lower():
    assert severity("I felt a bit disoriented after waking up.") == "high"
    assert severity("I felt disoriented after waking up.") == "critical"


# --- severities (fixtures/crisis_lexicon.yaml, categories) --------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I have a plan to end my life.", ("suicidal", "critical")),
        ("I wish I could go to sleep and not wake up.", ("suicidal_passive", "high")),
        ("I cut my wrists last night.", ("self_harm", "critical")),
        ("I keep having thoughts about hurting my child.", ("harm_others", "critical")),
        ("I took too many pills.", ("overdose", "critical")),
        ("I took a double dose by mistake.", ("overdose", "moderate")),
        ("Crushing chest pain since the dose.", ("medical", "critical")),
        ("The panic won't stop, it's been hours.", ("panic", "high")),
        ("I had a panic attack at work.", ("panic", "moderate")),
        ("The TV is sending me messages.", ("psychosis", "high")),
        ("Nothing feels real today.", ("psychosis", "moderate")),
        ("I feel manic.", ("mania", "high")),
    ],
)
def test_each_kind_of_crisis_has_its_severity(text, expected):
    assert (only(text).category, only(text).severity) == expected


def test_a_single_sign_of_serotonin_toxicity_does_not_alert_but_several_do():
    assert not matches("Sweating a lot today.")
    assert not matches("Heart racing, sweating and shaking before my presentation.")
    assert not matches("My eye keeps twitching.")
    assert severity("High fever and muscle twitching.") == "high"
    assert severity("Fever and muscle twitching since my new dose.") == "critical"
    assert severity("Fever, muscle twitching and agitation.") == "critical"
    assert {m.category for m in matches("Fever, muscle twitching and agitation.")} == {
        "serotonin_toxicity"
    }


def test_one_sign_of_mania_does_not_alert_but_signs_together_do():
    assert not matches("So much energy today, big plans for the garden.")
    assert not matches("My thoughts were racing before bed but I slept eventually.")
    assert severity("Haven't slept in three days and I have endless energy.") == "high"


# --- the check-in finding ----------------------------------------------------------------


def test_crisis_language_makes_one_finding_as_severe_as_its_worst_match():
    text = "Had a panic attack. I keep thinking everyone would be better off without me."
    [finding] = evaluate_checkin(mood=5, text=text)
    assert isinstance(finding, Finding)
    assert (finding.rule, finding.severity, finding.is_crisis) == (CRISIS_LANGUAGE, "high", True)
    assert [s.category for s in finding.spans] == ["panic", "suicidal_passive"]
    # In words, gravest first (apps/safety/categories.py), never the keys.
    assert finding.summary == (
        "Crisis language in the journal: wishing to be dead or not to wake up, "
        "panic that won't pass"
    )


def test_a_moderate_finding_is_not_a_crisis():
    [finding] = evaluate_checkin(mood=5, text="I had a panic attack at work.")
    assert (finding.severity, finding.is_crisis) == ("moderate", False)


def test_the_evidence_lets_the_clinician_page_highlight_the_words():
    text = "Everything is grey. I want to kill myself."
    [finding] = evaluate_checkin(mood=5, text=text)
    [span] = finding.as_evidence()["spans"]
    assert {"start", "end", "matched", "term", "category"} <= set(span)
    assert text[span["start"] : span["end"]] == span["matched"] == "kill myself"


def test_nothing_to_say_and_plain_days_make_no_finding():
    assert evaluate_checkin(mood=5, text="") == []
    assert evaluate_checkin(mood=5, text=None) == []
    assert evaluate_checkin(mood=7, text="Quiet day, read a book.") == []


def test_a_mood_of_two_or_lower_is_a_finding_and_three_is_not():
    assert [f.rule for f in evaluate_checkin(mood=2, text="")] == [VERY_LOW_MOOD]
    assert evaluate_checkin(mood=3, text="") == []


def test_crisis_language_and_very_low_mood_are_separate_findings():
    findings = {f.rule: f for f in evaluate_checkin(mood=1, text="I want to kill myself")}
    assert findings[CRISIS_LANGUAGE].severity == "critical"
    assert findings[VERY_LOW_MOOD].severity == "high"
    assert all(f.is_crisis for f in findings.values())


# --- issue 17: what the first lexicon missed, and its own false alarms ------------------

# Written for these tests (not from tests/data): preparatory acts, euphemisms,
# hedges, non-native English, Spanish for every category, emergencies,
# psychosis, mania and self-harm described rather than named.
ISSUE_17_CRISES = [
    # preparation, means, timing (suicidal, critical)
    ("I've been stockpiling my capsules in a jar under the bed.", "suicidal"),
    ("Sent goodbye messages to my sisters tonight.", "suicidal"),
    ("I looked up the lethal dose of my antidepressant.", "suicidal"),
    ("I have the pills ready and I plan to take them all tonight.", "suicidal"),
    ("I have the rope. Tonight.", "suicidal"),
    ("Been putting my sleeping tablets aside instead of taking them.", "suicidal"),
    ("Staring at the bottle of painkillers again. Counted them. There's enough.", "suicidal"),
    ("This is my last entry, thank you for trying.", "suicidal"),
    ("Wrote down my passwords for my husband and left them on the desk.", "suicidal"),
    ("Showed my son where the life insurance papers are.", "suicidal"),
    ("My neighbour will take the cat when I'm gone.", "suicidal"),
    ("I'll do it on Friday so nobody has to find me.", "suicidal"),
    ("I've decided it will be this weekend.", "suicidal"),
    ("I don't plan on being around past my birthday.", "suicidal"),
    ("Gave my guitar to my cousin. I won't need it where I'm going.", "suicidal"),
    ("I wrote each of my daughters a letter tonight.", "suicidal"),
    ("Texted my best friend: thank you for everything, please don't be sad.", "suicidal"),
    ("Tried it with the belt last night to see if it would hold.", "suicidal"),
    ("I took a whole handful of my pills so I wouldn't wake up.", "suicidal"),
    ("Sat on the bridge railing for an hour. The water looked calm.", "suicidal"),
    ("I keep thinking about the tracks on my commute, how easy it would be.", "suicidal"),
    ("Searched which car parks in town have no barriers on the top floor.", "suicidal"),
    ("Read about how many of my lithium tablets it would take.", "suicidal"),
    ("Every night I think to finish my life.", "suicidal"),
    ("My pistol is loaded and I sat with it in my lap all evening.", "suicidal"),
    ("I'm going to fix it tonight so nobody has to worry about me anymore.", "suicidal"),
    ("Bought charcoal and told the man it was for a barbecue. It isn't.", "suicidal"),
    ("I'm scared of what I might do tonight.", "suicidal"),
    ("Not gonna lie, I've been thinking about killing myself.", "suicidal"),
    # passive wishes, euphemism, hedges (high)
    ("I'd like to go to sleep and stay there.", "suicidal_passive"),
    ("Maybe it would be easier if I just didn't wake up.", "suicidal_passive"),
    ("I wouldn't mind not waking up tomorrow, honestly.", "suicidal_passive"),
    ("i just wish i could not exist for a while, like forever", "suicidal_passive"),
    ("Ready to join my late husband in heaven.", "suicidal_passive"),
    ("I'm so tired of fighting, I can't keep going.", "suicidal_passive"),
    ("ngl i kind of want to die", "suicidal_passive"),
    # self-harm described (critical, or high for signs)
    ("Held the lighter against my wrist until it blistered.", "self_harm"),
    ("Took the blades out of a pencil sharpener tonight.", "self_harm"),
    ("Did the thing with the razor again, only a few.", "self_harm"),
    ("I keep scratching my legs until they bleed.", "self_harm"),
    ("Picked at the scabs on my arm till they opened again.", "self_harm"),
    ("Wearing long sleeves to hide the new cuts.", "self_harm"),
    ("I deserve to hurt after what I said.", "self_harm"),
    ("Punching the garage wall again when I hate myself.", "self_harm"),
    # harm to others described
    ("Next time he comes out I'm going to split his head open.", "harm_others"),
    ("Thinking about putting something in her coffee to make her sick.", "harm_others"),
    ("I shook the baby really hard when she wouldn't stop crying.", "harm_others"),
    ("They laughed at me. They're all going to be sorry.", "harm_others"),
    ("I'm going to kill my stepdad.", "harm_others"),
    # overdose told as amounts
    ("Took the whole bag instead of my 0.1 and the walls are breathing.", "overdose"),
    ("i think i took way too much.", "overdose"),
    ("Took ten times my usual dose by mistake.", "overdose"),
    ("Took my sleeping tablets twice plus two of my xanax.", "overdose"),
    # emergencies described
    ("Pressure in my chest going into my jaw, soaked in sweat.", "medical"),
    ("Used my inhaler five times and it's not helping.", "medical"),
    ("The side of my face went numb and my words came out wrong.", "medical"),
    ("I'm in a car park and I don't know how I got here.", "medical"),
    ("Can't keep water down since this morning.", "medical"),
    # panic that won't subside
    ("Wave after wave of panic since lunch.", "panic"),
    ("Panic for five hours now, shaking.", "panic"),
    # psychosis described
    ("The TV host sends me instructions every night.", "psychosis"),
    ("The newsreader has started speaking directly to me.", "psychosis"),
    ("There are people living in my walls, I hear them at night.", "psychosis"),
    ("I can see their real faces underneath now.", "psychosis"),
    ("The voice says I have to stop eating.", "psychosis"),
    ("They put microphones in my smoke detectors.", "psychosis"),
    ("My food is being poisoned, I only drink tap water.", "psychosis"),
    ("I finally decoded the messages in the number plates.", "psychosis"),
    # mania described (signs together)
    ("Third night awake, I'm buying the building, I feel amazing.", "mania"),
    ("Up since Tuesday, talked so fast my sister cried, ordered 300 canvases.", "mania"),
    ("No sleep 4 nights, god mode, maxed two cards.", "mania"),
    ("Stopped my lithium because I don't need it, feel switched on, no sleep in days.", "mania"),
    # a plea for help
    ("please someone call me, i can't be alone", "help_request"),
    ("Called the crisis line twice and hung up.", "help_request"),
    # Spanish, every category
    ("ya no aguanto, quiero desaparecer para siempre", "suicidal_passive"),
    ("me quiero morir, de verdad", "suicidal_passive"),
    ("estarían mejor sin mí", "suicidal_passive"),
    ("quiero matarme esta noche", "suicidal"),
    ("tengo las pastillas guardadas y el sábado lo hago", "suicidal"),
    ("ya escribí mi carta de despedida", "suicidal"),
    ("pienso en el suicidio todo el tiempo", "suicidal"),
    ("me corté los brazos otra vez", "self_harm"),
    ("tengo ganas de cortarme", "self_harm"),
    ("lo voy a matar cuando llegue", "harm_others"),
    ("me tomé todas las pastillas de la caja", "overdose"),
    ("creo que es una sobredosis, me siento rara", "overdose"),
    ("me duele mucho el pecho y no puedo respirar", "medical"),
    ("me desmayé en el baño", "medical"),
    ("oigo voces que me dicen cosas horribles", "psychosis"),
    ("me están vigilando desde la casa de enfrente", "psychosis"),
    ("no he dormido en cuatro días, tengo muchísima energía y gasté todos mis ahorros", "mania"),
    ("el ataque de pánico no se va, llevo horas así", "panic"),
    ("llamé a la línea de crisis anoche", "help_request"),
]

ISSUE_17_NON_CRISES = [
    # food and kitchen idioms
    "Cut myself a hunk of bread and some cheese for lunch.",
    "I cut myself some watermelon after the gym.",
    # breathless from exertion, fainting at a needle
    "I couldn't catch my breath after running up the stairs, so out of shape.",
    "Hiked to the summit today, could barely breathe at the top but what a view.",
    "Almost fainted at the blood test this morning, the nurse was lovely.",
    "Passed out during my vaccine like always, felt silly after.",
    # denials, also as clinical abbreviations
    "No SI/HI today, mood okay.",
    "Denies SI/HI, no urges to self-harm.",
    "no SI, no self harm urges, just tired",
    "I get asked about hurting myself at every visit and it's still no.",
    "No tengo pensamientos suicidas, solo estoy cansada.",
    "sin pensamientos de suicidio, sin ganas de hacerme daño",
    # jokes marked as jokes
    "This podcast makes me want to die lol",
    "I'm gonna strangle my brother if he eats my leftovers again lol",
    "going to murder my roommate if he leaves the dishes again (joking)",
    # past events, other people
    "Years ago I took too many pills, I'm in a much better place now.",
    "My mom had chest pain last year.",
    "My sister called the crisis line for her friend last year.",
    "Mi hermano se tomó todas las pastillas de la caja por error hace años.",
    # ordinary life near the new rules
    "I'm buying the building's coffee for everyone tomorrow.",
    "I put my whole paycheck into savings, proud of myself.",
    "I've been up since Monday with the baby, exhausted.",
    "He's going to pay for dinner tonight.",
    "The kids are going to learn to swim this summer.",
    "I know where my sister works, I'll pick her up.",
    "I have enough pills for the week in my organiser.",
    "I keep my meds ready for the morning.",
    "Took my dose this morning and had too much coffee.",
    "I decided it will be Saturday for the party.",
    "I'm saving my pills for the trip.",
    "The voice on the GPS told me to turn left.",
    "I talked really fast in my presentation because I was nervous.",
    "I feel amazing after the yoga class.",
    "I wrote letters to each of my pen pals.",
    "I'd rather not be here for the meeting tomorrow.",
    "I'm tired of fighting with my landlord.",
    "Long sleeves tomorrow because it's cold.",
    "Spilled hot water on my hand while making tea.",
    "I hide my scars from the surgery under a scarf.",
    "Please someone help me with this spreadsheet lol",
    "a tidy ending to the story, I loved the book.",
    # Spanish everyday idioms
    "Me muero de hambre, hoy no desayuné.",
    "Me corté el pelo y me encanta.",
    "Ya no aguanto el calor de esta ciudad.",
    "No quiero vivir en esta ciudad para siempre.",
    "Me mato trabajando toda la semana.",
    "Oigo voces en el pasillo, los vecinos hacen fiesta.",
    "Si llego tarde mi jefe me mata jaja.",
    "Tengo mucha energía hoy, fui al gimnasio.",
]


@pytest.mark.parametrize(
    ("text", "category"), ISSUE_17_CRISES, ids=[t[:50] for t, _ in ISSUE_17_CRISES]
)
def test_issue_17_crises_reach_a_clinician_the_same_day(text, category):
    reading = crisis_reading(text)
    assert reading.flagged, f"not flagged: {text} {[m.as_dict() for m in reading.matches]}"
    assert category in {m.category for m in reading.matches}, [m.as_dict() for m in reading.matches]


@pytest.mark.parametrize("text", ISSUE_17_NON_CRISES, ids=[t[:50] for t in ISSUE_17_NON_CRISES])
def test_issue_17_false_alarms_do_not_reach_a_clinician(text):
    reading = crisis_reading(text)
    assert not reading.flagged, [m.as_dict() for m in reading.matches]


def test_spanish_is_covered_in_every_category():
    spanish = {
        category
        for text, category in ISSUE_17_CRISES
        if any(
            word in text for word in (" me ", "me ", "ya ", "lo ", "tengo", "oigo", "el ", "llamé")
        )
        and not text[0].isupper()
    }
    assert {
        "suicidal",
        "suicidal_passive",
        "self_harm",
        "harm_others",
        "overdose",
        "medical",
        "psychosis",
        "mania",
        "panic",
    } <= spanish


def test_not_gonna_lie_is_no_denial():
    assert severity("Not gonna lie, I want to die.") == "high"
    assert severity("not going to lie, i want to kill myself") == "critical"
    assert severity("I'm not going to lie to my therapist.") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A death wish softened with a laugh is still seen the same day.
        ("i wanna die lol", "high"),
        ("this meeting makes me wanna die 😂", "high"),
        # Explicit intent is never hidden by a joke: one level lower, still same-day.
        ("gonna kill myself lol", "high"),
        # An angry joke about someone else is no threat...
        ("I'm going to kill my brother lol", None),
        ("going to strangle him if he's late again, jk", None),
        # ...unless it says it is no joke.
        ("I'm going to kill my brother, not joking.", "critical"),
        ("lo voy a matar, no es broma", "critical"),
        # Emergencies are not softened by a laugh.
        ("I took too many pills lol", "critical"),
    ],
)
def test_a_joke_is_judged_by_its_category(text, expected):
    assert severity(text) == expected


def test_history_is_excused_only_by_a_recent_word_near_it():
    # In an entry written without full stops, "again" lines later is about something else.
    assert not matches("Tonight: I had an overdose back in 2015, so pills scare me.")
    assert not matches(
        "years ago i self-harmed but i'm ok now, the scars are faded grocery run after "
        "work and a long chat with my sister about her wedding plans, fridge is full again"
    )
    assert severity("I used to cut myself as a teenager and I started again last week.") == (
        "critical"
    )


# --- the lexicon as data -----------------------------------------------------------------


def lexicon_data():
    with open(FIXTURES / "crisis_lexicon.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def test_every_rule_idiom_source_and_category_is_there_for_a_clinician_to_review():
    data = lexicon_data()
    assert all(rule["source"] for rule in data["rules"])
    assert all(spec["source"] for spec in data["cues"].values())
    assert all(
        spec["severity"] in ("critical", "high", "moderate") for spec in data["categories"].values()
    )
    used = {rule["category"] for rule in data["rules"]}
    assert used == set(data["categories"])
    assert len(data["idioms"]) >= 30


def test_every_rule_can_be_looked_for_by_its_first_words():
    # Speed, not meaning: an alternative whose first words cannot be listed is
    # tried at every position of every text.
    assert crisis_lexicon().fallback == ()


def test_first_keys_lists_the_words_a_match_can_start_with():
    assert first_keys("(want|wanna) to die") == {"want", "wanna"}
    assert first_keys("(the )?voices", frozenset({"the"})) == {"the voices", "voices"}
    assert first_keys("[a-z]+ die") is None
    assert first_keys("(?<![a-z] )cut again") == {"cut"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["rules"].append(
                {"id": "x", "category": "nope", "source": "s", "pattern": "x"}
            ),
            "unknown category",
        ),
        (
            lambda d: d["rules"].append(
                {"id": "x", "category": "medical", "source": "s", "pattern": "(x"}
            ),
            "rule x",
        ),
        (
            lambda d: d["rules"].append(
                {"id": "x", "category": "medical", "source": "s", "pattern": "Kill"}
            ),
            "lower case",
        ),
        (lambda d: d["rules"].append({"id": "x", "category": "medical", "pattern": "x"}), "source"),
        (lambda d: d["rules"].append(dict(d["rules"][0])), "repeated id"),
        (lambda d: d["categories"]["medical"].update(severity="urgent"), "severity"),
        (
            lambda d: d["rules"].append(
                {"id": "x", "category": "medical", "source": "s", "pattern": "<nothing>"}
            ),
            "vocabulary",
        ),
        # Stop 39: a cue no part of the detector reads would silently change nothing.
        (
            lambda d: d["cues"].update(never_read={"source": "s", "pattern": "x"}),
            "never_read: no part of the detector reads them",
        ),
    ],
)
def test_a_broken_lexicon_fails_loudly_naming_the_entry(change, message):
    data = lexicon_data()
    change(data)
    with pytest.raises(ValueError, match=message):
        compile_lexicon(data)


def test_an_expression_only_compiling_finds_broken_fails_when_every_rule_is_compiled():
    # Stop 52: rules compile when a text first reaches them; listing their first words
    # parses them at load, and compiling every one (the worker at start, this test) finds
    # the rest, naming the rule.
    from apps.safety.detectors.crisis import compile_every_rule

    data = lexicon_data()
    data["rules"].append(
        {"id": "x", "category": "medical", "source": "s", "pattern": "(?<=a|bc)x marks"}
    )
    lexicon = compile_lexicon(data)
    with pytest.raises(ValueError, match="rule x"):
        compile_every_rule(lexicon)


def test_every_rule_of_the_shipped_lexicon_compiles():
    from apps.safety.detectors.crisis import compile_every_rule

    lexicon = compile_lexicon(lexicon_data())
    assert compile_every_rule(lexicon) == len(lexicon.dispatch.known) > 1000


def test_the_fixtures_read_the_same_with_the_fast_loader_as_with_the_plain_one():
    # Stop 51: apps/safety/rules.py reads fixtures with libyaml's safe loader where it is built.
    from apps.safety import rules

    for name in ("crisis_lexicon.yaml", "alert_rules.yaml", "crisis_resources.yaml"):
        with open(FIXTURES / name, encoding="utf-8") as handle:
            assert rules._load(name) == yaml.safe_load(handle), name
