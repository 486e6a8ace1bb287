"""The crisis page after an overdose: a check-in whose alert was about a medicine
or drug taken in excess also names the poison line (Poison Help in the US),
right after the emergency number, in the page's language, and says what to do
about what was taken. Any other crisis, and anyone not signed in, see the page
as before."""

import re
from html import unescape

import pytest
from django.urls import reverse

from apps.diaries.services import checkin_submit
from tests.protocols.conftest import assign, doses

CRISIS_PAGE = reverse("diaries:crisis")
ENGLISH_OVERDOSE = "I took the whole bottle of my sleeping pills an hour ago."
SPANISH_OVERDOSE = "Me tomé todas las pastillas del frasco hace una hora, no sé qué hacer."
SUICIDAL_WISH = "I wish I was dead."

EVERY_CRISIS = "If you might act on these thoughts, or you are in danger"
ENGLISH_ADVICE = (
    "If you have taken too much of a medicine or a drug, call Poison Help now. "
    "If you cannot stay awake or are struggling to breathe, call 911."
)
SPANISH_ADVICE = (
    "Si has tomado demasiada cantidad de un medicamento o de una droga, llama ahora a la "
    "línea para intoxicaciones de abajo (Línea de ayuda por envenenamiento). Si te vence "
    "el sueño o te cuesta respirar, llama al 911."
)
# Words only an untranslated English sentence would put on the Spanish page ("has"
# is not one here: "si has tomado" is Spanish).
ENGLISH_WORDS = {
    "the", "your", "you", "and", "call", "help", "please", "my", "is", "are", "to", "of",
    "been", "saved", "services", "now", "alone", "back", "diary", "clinic", "alert",
    "clinician", "poison", "taken", "too", "much", "medicine", "drug", "breathe", "awake",
}  # fmt: skip


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def visible_text(page: str) -> str:
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", main)).split())


def card_names(page: str) -> list[str]:
    """The services' headings, in the order the page lists them."""
    return [unescape(name) for name in re.findall(r'<h2 class="h5 mb-1">([^<]+)</h2>', page)]


def crisis_page_of(client, journal, world, **kwargs):
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=5, journal=journal)
    assert result.alerts, "the entry raised no alert"
    return client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}", **kwargs).text, result


def test_an_overdose_checkin_leads_to_a_page_with_poison_help_right_after_911(
    world, patient_client
):
    response = patient_client.post(
        reverse("diaries:today"), {"mood": 5, "journal": ENGLISH_OVERDOSE}
    )
    assert response["Location"].startswith(CRISIS_PAGE)
    page = patient_client.get(response["Location"]).text
    assert '<html lang="en">' in page
    assert card_names(page)[:3] == [
        "Emergency services",
        "Poison Help",
        "988 Suicide & Crisis Lifeline",
    ]
    assert 'href="tel:1-800-222-1222"' in page
    text = visible_text(page)
    assert ENGLISH_ADVICE in text
    assert "the other services below are there for you too" in text
    assert EVERY_CRISIS not in text
    # Who is being told is still said, as for any crisis.
    assert "Alice Clinician" in text and "Trellis is not watched around the clock." in text


def test_a_spanish_overdose_entry_gets_the_spanish_poison_line_after_911_all_in_spanish(
    world, patient_client
):
    page, _ = crisis_page_of(patient_client, SPANISH_OVERDOSE, world)
    assert '<html lang="es">' in page
    assert card_names(page)[:3] == [
        "Emergencias",
        "Línea de ayuda por envenenamiento",
        "988 Lifeline en español",
    ]
    text = visible_text(page)
    assert SPANISH_ADVICE in text
    assert "Si piensas en hacerte daño, los demás servicios de abajo también están ahí" in text
    assert "Poison Help" not in text and "Si crees que podrías actuar" not in text
    assert "161 idiomas" in text
    words = {w for w in re.findall(r"[a-z']+", text.replace("Alice Clinician", "").lower())}
    assert words & ENGLISH_WORDS == set()


def test_the_switch_to_english_keeps_poison_help_for_the_same_checkin(world, patient_client):
    _, result = crisis_page_of(patient_client, SPANISH_OVERDOSE, world)
    page = patient_client.get(f"{CRISIS_PAGE}?lang=en&checkin={result.checkin.pk}").text
    assert card_names(page)[:2] == ["Emergency services", "Poison Help"]
    assert ENGLISH_ADVICE in visible_text(page)


def test_a_possible_overdose_the_plan_raised_shows_poison_help_too(world, patient_client):
    # 1.5 g against a plan of 0.15 g: a context raise ("possible overdose").
    assign(world, started_days_ago=10, doses=doses(psilocybin="0.15"))
    page, result = crisis_page_of(patient_client, "took 1.5 by mistake, feel strange", world)
    categories = {span["category"] for span in result.alerts[0].evidence["spans"]}
    assert "possible overdose" in categories
    assert card_names(page)[:2] == ["Emergency services", "Poison Help"]
    assert ENGLISH_ADVICE in visible_text(page)


def test_a_suicidal_wish_does_not_show_poison_help(world, patient_client):
    page, _ = crisis_page_of(patient_client, SUICIDAL_WISH, world)
    assert "Poison Help" not in page and "1-800-222-1222" not in page
    assert EVERY_CRISIS in visible_text(page)
    spanish, _ = crisis_page_of(patient_client, SUICIDAL_WISH, world, data={"lang": "es"})
    assert "envenenamiento" not in spanish


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_page_for_someone_not_signed_in_never_shows_it(world, client, lang):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal=ENGLISH_OVERDOSE
    )
    page = client.get(f"{CRISIS_PAGE}?lang={lang}&checkin={result.checkin.pk}").text
    assert "1-800-222-1222" not in page and 'id="overdose-advice"' not in page
    assert "Poison Help" not in page and "envenenamiento" not in page


def test_another_patient_with_the_checkin_s_id_does_not_see_it(world, client):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal=ENGLISH_OVERDOSE
    )
    client.force_login(world.other_patient)
    page = client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}").text
    assert "1-800-222-1222" not in page and "Alice Clinician" not in page


def test_the_page_without_a_checkin_does_not_show_it(world, patient_client):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=5, journal=ENGLISH_OVERDOSE)
    assert "1-800-222-1222" not in patient_client.get(CRISIS_PAGE).text


def test_a_clinic_in_a_country_without_a_sourced_poison_line_keeps_the_page_as_it_was(
    world, patient_client
):
    world.clinic.locale = "GB"
    world.clinic.save()
    page, _ = crisis_page_of(patient_client, ENGLISH_OVERDOSE, world)
    assert card_names(page)[:2] == ["Samaritans", "Shout"]
    assert EVERY_CRISIS in visible_text(page) and 'id="overdose-advice"' not in page


def test_a_canadian_clinic_names_its_poison_line_and_no_emergency_number_it_does_not_list(
    world, patient_client
):
    world.clinic.locale = "CA"
    world.clinic.save()
    page, _ = crisis_page_of(patient_client, ENGLISH_OVERDOSE, world)
    assert card_names(page)[0] == "1-844-POISON-X (poison centres)"
    text = visible_text(page)
    assert (
        "If you have taken too much of a medicine or a drug, call "
        "1-844-POISON-X (poison centres) now." in text
    )
    assert "struggling to breathe" not in text
