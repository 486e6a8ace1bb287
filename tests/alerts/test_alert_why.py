"""The alert page says why, to the sentence, and lets the patient's clinician say
whether it was a real concern (issue 17)."""

import re

import pytest
from django.urls import reverse

from apps.alerts.services import raise_for
from apps.audit.models import ChangeRecord
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit, today_for
from apps.safety.categories import KINDS
from apps.safety.detectors.semantic import Nearest, SemanticReading
from apps.safety.models import CrisisExample
from apps.safety.semantic_reading import semantic_finding
from apps.safety.why import SENTENCE_CLASS

PARAGRAPH = (
    "Took the dog out early and the park was empty. Work was fine, lunch with Jo. "
    "Honestly I wish I could go to sleep and not wake up. Watched a film after dinner."
)


@pytest.fixture
def paragraph_alert(world):
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=4, journal=PARAGRAPH)
    (alert,) = [a for a in result.alerts if a.rule == "crisis_language"]
    return alert


def sentence_marked(html):
    """The first highlighted sentence's text, without its inner marks."""
    start = html.index(f'<mark class="{SENTENCE_CLASS}">') + len(f'<mark class="{SENTENCE_CLASS}">')
    inner = re.sub(r'<mark class="why-words[^>]*>(.*?)</mark>', r"\1", html[start:])
    return inner[: inner.index("</mark>")]


def page(client, alert):
    return client.get(reverse("alerts:detail", args=[alert.pk])).text


def judge(client, alert, **data):
    return client.post(reverse("alerts:label", args=[alert.pk]), data)


def test_the_alert_page_highlights_the_sentence_and_says_why_in_words(
    world, client, paragraph_alert
):
    client.force_login(world.alice)
    html = page(client, paragraph_alert)
    assert f'<mark class="{SENTENCE_CLASS}">Honestly I <mark class="why-words' in html
    assert sentence_marked(html) == "Honestly I wish I could go to sleep and not wake up."
    assert "Work was fine, lunch with Jo." in html  # the rest of the entry, unmarked
    assert f'<mark class="{SENTENCE_CLASS}">Work' not in html
    assert KINDS["suicidal_passive"] in html
    assert "Crisis language in the journal: " + KINDS["suicidal_passive"] in html
    assert "suicidal_passive" not in html and "(suicidal" not in html


def test_a_private_entry_shows_only_the_words_on_the_alert_page(world, client):
    result = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="Secret garden words. I want to kill myself.",
        is_private=True,
    )
    client.force_login(world.alice)
    html = page(client, result.alerts[0])
    assert "Secret garden" not in html and "I want to" not in html
    assert "<mark>kill myself</mark> (" + KINDS["suicidal"] + ")" in html
    assert "marked this entry private" in html


def test_an_entry_edited_after_the_alert_marks_no_wrong_words(world, client, paragraph_alert):
    CheckIn.objects.filter(patient=world.patient).update(journal="All good now, slept well.")
    client.force_login(world.alice)
    html = page(client, paragraph_alert)
    assert "All good now, slept well." in html
    assert SENTENCE_CLASS not in html
    assert "changed after the alert" in html


def test_the_clinician_records_a_real_concern_and_can_change_it(world, client, paragraph_alert):
    client.force_login(world.alice)
    assert "Was this a real concern?" in page(client, paragraph_alert)
    response = judge(client, paragraph_alert, label="real", note="Called her.")
    assert response.status_code == 302
    example = CrisisExample.objects.get()
    assert (example.label, example.kind, example.alert) == (
        "real",
        "suicidal_passive",
        paragraph_alert,
    )
    assert example.text == PARAGRAPH and example.note == "Called her."
    html = client.get(response["Location"]).text
    assert (
        "Recorded: a real concern." in html and "You said: <strong>a real concern</strong>" in html
    )
    judge(client, paragraph_alert, label="not")
    assert CrisisExample.objects.get().label == "not"
    assert ChangeRecord.objects.filter(record="crisis_example").count() == 2


@pytest.mark.parametrize("data", [{}, {"label": "missed"}, {"label": "real", "note": "x" * 501}])
def test_a_bad_answer_is_explained_and_changes_nothing(world, client, paragraph_alert, data):
    client.force_login(world.alice)
    response = judge(client, paragraph_alert, **data)
    assert response.status_code == 302
    assert not CrisisExample.objects.exists()
    html = client.get(response["Location"]).text
    assert 'class="alert alert-danger"' in html


@pytest.mark.parametrize("who", ["admin", "bob", "charlie", "patient"])
def test_only_a_clinician_who_cares_for_the_patient_may_judge(world, client, paragraph_alert, who):
    client.force_login(getattr(world, who))
    assert judge(client, paragraph_alert, label="not").status_code == 404
    assert not CrisisExample.objects.exists()


def test_the_admin_reads_the_alert_without_the_judging_form(world, client, paragraph_alert):
    client.force_login(world.admin)
    html = page(client, paragraph_alert)
    assert sentence_marked(html).startswith("Honestly") and "Was this a real concern?" not in html


def test_an_alert_about_mood_alone_has_no_entry_to_judge(world, client):
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=0, journal="")
    (alert,) = [a for a in result.alerts if a.rule != "crisis_language"]
    client.force_login(world.alice)
    assert "Was this a real concern?" not in page(client, alert)
    assert judge(client, alert, label="real").status_code == 404


# ------------------------------------------------------------------ the semantic reader

FAREWELL = "Good week at work. Gave the guitar to Sam and wrote to everyone. Tea with mum."


def semantic_alert(world, *, private=False):
    """An alert from the semantic reader, raised as its receiver raises it."""
    checkin = CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        local_date=today_for(clinic=world.clinic),
        mood=5,
        journal=FAREWELL,
        is_private=private,
    )
    start = FAREWELL.index("Gave")
    end = FAREWELL.index("Tea") - 1
    reading = SemanticReading(
        score=0.91,
        threshold=0.8,
        flagged=True,
        best_window=(start, end),
        nearest=(Nearest("I gave away my things and said goodbye", "suicidal", 0.7),),
        reader_score=0.62,
        phrases=("gave the", "wrote to everyone"),
    )
    finding = semantic_finding(text=FAREWELL, reading=reading)
    (alert,) = raise_for(
        clinic=world.clinic, patient=world.patient, findings=[finding], source_checkin_id=checkin.pk
    )
    return alert


def test_the_semantic_readers_alert_shows_its_passage_score_and_closest_examples(world, client):
    alert = semantic_alert(world)
    client.force_login(world.alice)
    html = page(client, alert)
    assert sentence_marked(html) == "Gave the guitar to Sam and wrote to everyone."
    assert "second reader" in html and "0.9100" in html and "from 0.8000" in html
    assert "I gave away my things and said goodbye" in html
    assert "weighed most: “gave the”, “wrote to everyone”." in html
    judge(client, alert, label="real")
    example = CrisisExample.objects.get()
    assert (example.kind, example.alert, example.text) == ("suicidal", alert, FAREWELL)


def test_a_score_too_close_to_one_for_four_places_is_not_shown_as_certain(world, client):
    alert = semantic_alert(world)
    alert.evidence["semantic"]["score"] = 0.99999
    alert.save(update_fields=["evidence"])
    client.force_login(world.alice)
    html = page(client, alert)
    assert "score was over 0.9999 (it alerts from 0.8000)" in html
    assert "1.0000" not in html


def test_a_private_entry_keeps_the_semantic_readers_passage_hidden(world, client):
    alert = semantic_alert(world, private=True)
    client.force_login(world.alice)
    html = page(client, alert)
    assert "Gave the guitar" not in html and "Good week" not in html
    assert "second reader" in html and "marked this entry private" in html
    # The words that weighed are the patient's own: kept private with the entry.
    assert "weighed most" not in html and "wrote to everyone" not in html


CLEARED = (
    "Tried the ghost pepper wings. Couldn't breathe for the first minute, then it was amazing."
)


def test_a_medical_alert_lowered_by_the_second_reading_says_so_in_words(world, client, monkeypatch):
    from apps.safety import services

    monkeypatch.setattr(services, "readers_score", lambda _text: 0.0000012)
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal=CLEARED)
    (alert,) = [a for a in result.alerts if a.rule == "crisis_language"]
    assert alert.severity == "moderate"
    client.force_login(world.alice)
    html = page(client, alert)
    assert "Words in the journal that can mean " + KINDS["medical"] in html
    assert "Read as a whole" in html and "0.0000012, below 0.00014" in html
    assert "daily digest" in html
    assert "Couldn" in sentence_marked(html)
    assert "second_reading" not in html


def test_a_score_too_small_for_four_places_is_not_shown_as_zero(world, client, monkeypatch):
    from apps.safety import services

    monkeypatch.setattr(services, "readers_score", lambda _text: 0.0000002)
    result = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=6,
        journal="Awful shift at the call centre. I wanted to die lol. Tacos after.",
    )
    (alert,) = [a for a in result.alerts if a.rule == "crisis_language"]
    assert alert.severity == "moderate"
    client.force_login(world.alice)
    html = page(client, alert)
    assert "Words in the journal that can mean " + KINDS["suicidal_passive"] in html
    assert "its score was 2.0 × 10⁻⁷, below 4 × 10⁻⁷" in html and "0.0000," not in html
    assert "a figure of speech" in alert.summary and "checked and cleared" not in alert.summary


def alert_lowered_by_the_sum(world, monkeypatch):
    """CLEARED checked in with a double of the second reading: the readers alone (0.02)
    keep the medical finding, their sum with the phrase reader (-33) lowers it."""
    from apps.safety import services

    monkeypatch.setattr(
        services,
        "readers_score",
        lambda _text: services.WholeReading(readers=0.02, sum_of=lambda: -33.0),
    )
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal=CLEARED)
    (alert,) = [a for a in result.alerts if a.rule == "crisis_language"]
    assert alert.severity == "moderate"
    return alert


def test_a_finding_lowered_by_the_sum_with_the_phrase_reader_says_which_and_its_numbers(
    world, client, monkeypatch
):
    alert = alert_lowered_by_the_sum(world, monkeypatch)
    assert alert.second_reading["by"] == "sum"
    client.force_login(world.alice)
    html = page(client, alert)
    assert "reading both what its sentences mean and the words and phrases it uses" in html
    # sigmoid(-33) is about 4.7e-15; medical's threshold, sigmoid(-16.5), about 6.8e-8.
    assert "its score was 4.7 × 10⁻¹⁵, below 7 × 10⁻⁸." in html
    assert "0.0000," not in html


def test_scores_and_thresholds_read_as_numbers_a_person_can_trust():
    from apps.safety.templatetags.safety_words import score_words, threshold_words

    assert score_words(0.91) == "0.9100"
    assert score_words(0.99999) == "over 0.9999"
    assert score_words(0.00002) == "0.000020"
    assert score_words(0.0000000021) == "2.1 × 10⁻⁹"  # under one in a million, as a lab writes it
    assert score_words(0.0000012) == "0.0000012"
    assert score_words(0.0) == "under 0.0001"  # an old alert kept to four places
    assert score_words(None) == ""
    assert threshold_words(0.001) == "0.001"
    assert threshold_words(0.0003) == "0.0003"
    assert threshold_words(0.0000167) == "0.000017"
    # Stop 39: under 0.001 to two figures, so 0.00014 never reads as 0.0001.
    assert threshold_words(0.00014) == "0.00014"
    assert score_words(0.00012) == "0.00012"
    assert threshold_words(0.0000004) == "4 × 10⁻⁷"
    assert threshold_words("x") == ""
