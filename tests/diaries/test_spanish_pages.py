"""A patient's pages in Spanish (issue 19): the patient's own choice, or
their browser's when they have not chosen; staff pages stay English."""

import re
from html import unescape

import pytest
from django.urls import reverse

from apps.clinics.models import Membership


def spanish_patient(world, client, language="es"):
    Membership.objects.filter(user=world.patient, role="patient").update(language=language)
    client.force_login(world.patient)
    return client


def visible_text(page: str) -> str:
    """What a person reads: the page's text without tags, scripts or styles."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", page)))


def test_a_patient_who_chose_spanish_gets_their_diary_in_spanish(world, client):
    page = spanish_patient(world, client).get(reverse("diaries:today")).text
    assert '<html lang="es">' in page
    assert "Mi diario" in page and "¿Necesitas ayuda ahora?" in page


def test_a_patient_who_has_not_chosen_gets_their_browsers_language(world, client):
    client.force_login(world.patient)
    response = client.get(reverse("diaries:today"), headers={"accept-language": "es-MX,es;q=0.9"})
    assert '<html lang="es">' in response.text
    assert "Accept-Language" in response["Vary"]
    assert response["Content-Language"] == "es"


def test_a_patient_who_chose_english_keeps_it_whatever_the_browser_says(world, client):
    client = spanish_patient(world, client, language="en")
    page = client.get(reverse("diaries:today"), headers={"accept-language": "es"}).text
    assert '<html lang="en">' in page and "My diary" in page


def test_clinic_staff_get_english_even_from_a_spanish_browser(world, client):
    client.force_login(world.alice)
    session = client.session
    session["trellis_language"] = "es"
    session.save()
    response = client.get(reverse("dashboards:caseload"), headers={"accept-language": "es"})
    assert '<html lang="en">' in response.text
    assert response["Content-Language"] == "en"


def test_choosing_spanish_on_the_language_page_changes_the_next_page(world, client):
    client.force_login(world.patient)
    assert "My diary" in client.get(reverse("diaries:today")).text
    client.post(reverse("diaries:language"), {"language": "es"})
    assert "Mi diario" in client.get(reverse("diaries:today")).text
    client.post(reverse("diaries:language"), {"language": "en"})
    assert "My diary" in client.get(reverse("diaries:today")).text


def test_the_choice_made_on_another_device_is_there_at_the_next_login(world, client):
    Membership.objects.filter(user=world.patient).update(language="es")
    client.force_login(world.patient)
    assert '<html lang="es">' in client.get(reverse("diaries:today")).text


def test_someone_signed_out_with_a_spanish_browser_gets_the_login_page_in_spanish(client):
    page = client.get(reverse("account_login"), headers={"accept-language": "es-ES"}).text
    assert '<html lang="es">' in page


def test_the_language_does_not_outlive_the_request(world, client):
    from django.utils import translation

    spanish_patient(world, client).get(reverse("diaries:today"))
    assert translation.get_language() in ("en", "en-us")


@pytest.mark.parametrize("accept", ["fr-FR", "xx;q=bogus", "*", ""])
def test_a_browser_asking_for_another_language_gets_english_never_an_error(client, accept):
    response = client.get(reverse("account_login"), headers={"accept-language": accept})
    assert response.status_code == 200 and '<html lang="en">' in response.text


# Words only an untranslated English sentence would leave on a page.
ENGLISH_GIVEAWAYS = {
    "the", "your", "you", "and", "of", "to", "is", "are", "save", "today", "mood",
    "how", "what", "optional", "sleep", "entry", "entries", "private", "clinician",
    "help", "need", "history", "trends", "reminder", "email", "time", "choose",
    "anything", "more", "back", "day", "days", "questionnaire", "questionnaires", "check",
    "side", "effects", "week", "weeks", "month", "none", "yet", "download",
    "send", "when", "with", "for", "this", "not", "last", "see", "here", "log", "out",
}  # fmt: skip
# English that belongs on a Spanish page: names of people, the clinic and the
# app, and the link to the English choice.
NAMES = ("Pat Patient", "Maple Clinic", "Trellis", "English", "Alice Clinician")


def english_left_on(page: str) -> set[str]:
    main = page.split("<body", 1)[1]
    # Time zones are the time-zone database's place names ("Isle of Man").
    main = re.sub(r'<select[^>]*name="timezone".*?</select>', " ", main, flags=re.S)
    text = visible_text(main)
    for name in NAMES:
        text = text.replace(name, " ")
    return {word for word in re.findall(r"[a-z]+", text.lower()) if word in ENGLISH_GIVEAWAYS}


def test_the_giveaway_check_finds_an_english_sentence():
    assert english_left_on("<body><p>Save your check-in</p></body>") == {"save", "your", "check"}


def test_the_check_in_page_has_no_english_sentence_left(world, client):
    client = spanish_patient(world, client)
    page = client.get(reverse("diaries:today")).text
    assert "¿Cómo está tu ánimo hoy?" in page
    assert english_left_on(page) == set(), visible_text(page.split("<body", 1)[1])


def test_a_refused_check_in_explains_itself_in_spanish(world, client):
    client = spanish_patient(world, client)
    page = client.post(reverse("diaries:today"), {"sleep_hours": "99"}).text
    assert "Elige un número del 0 al 10 para tu ánimo." in page
    assert "Las horas de sueño no pueden ser más de 24." in page
    assert english_left_on(page) == set(), visible_text(page.split("<body", 1)[1])


def spanish_patient_with_entries(world, client):
    from datetime import timedelta

    from apps.diaries.services import checkin_submit, today_for

    today = today_for(clinic=world.clinic)
    for days_ago, mood in ((0, 4), (1, 7)):
        checkin_submit(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=days_ago),
            mood=mood,
            anxiety=3,
            sleep_hours=7,
            journal="Un día tranquilo.",
            side_effects=[("plain:headache", "Headache", "mild")],
        )
    return spanish_patient(world, client)


@pytest.mark.parametrize(
    "name, spanish",
    [
        ("diaries:history", "Cada número es el ánimo de ese día"),
        ("diaries:trends", "Los últimos 30 días"),
        ("diaries:reminders", "Recordatorio diario"),
        ("diaries:download", "Descargar tu diario"),
        ("diaries:who_looked", "Quién ha visto mi historial"),
        ("diaries:close_account", "Cerrar mi cuenta"),
        ("diaries:health_profile", "¿Estás embarazada, o podrías estarlo?"),
        ("diaries:safety_plan", "Mi número de teléfono"),
    ],
)
def test_history_trends_and_reminders_have_no_english_sentence_left(world, client, name, spanish):
    page = spanish_patient_with_entries(world, client).get(reverse(name)).text
    assert spanish in page
    assert english_left_on(page) == set(), visible_text(page.split("<body", 1)[1])


def test_the_history_names_the_days_and_side_effects_in_spanish(world, client):
    page = spanish_patient_with_entries(world, client).get(reverse("diaries:history")).text
    assert 'title="lunes"' in page and "Dolor de cabeza (Leve)" in page
    assert "Ánimo 4" in page


def test_todays_plan_and_a_logged_dose_speak_spanish(world, client):
    from decimal import Decimal

    from apps.protocols.schedule import Pattern
    from apps.protocols.services import DoseRequest
    from tests.protocols.conftest import assign, component

    assign(
        world,
        started_days_ago=2,
        doses=[DoseRequest(component("omega-3"), Decimal("1000"), Pattern("daily"))],
    )
    client = spanish_patient(world, client)
    page = client.get(reverse("diaries:today")).text
    assert "El plan de hoy" in page and "según lo previsto" in page
    component_id = component("omega-3").pk
    answer = client.post(
        reverse("protocols:log"),
        {"component": component_id, "action": "as_planned", "next": reverse("diaries:today")},
        headers={"hx-request": "true"},
    ).text
    assert "Anotado. Gracias." in answer and "Tomado según lo previsto" in answer
    page = client.get(reverse("diaries:today")).text
    # A component's name is the catalogue's (English, as the clinician wrote the
    # plan); every other word is Spanish.
    page = page.replace(component("omega-3").name, "")
    assert english_left_on(page) == set(), visible_text(page.split("<body", 1)[1])


def test_a_questionnaire_says_in_spanish_that_it_is_in_english(world, client):
    client = spanish_patient(world, client)
    listing = client.get(reverse("diaries:questionnaires")).text
    assert "Los cuestionarios en sí están en inglés" in listing
    assert english_left_on(listing) == set(), visible_text(listing.split("<body", 1)[1])
    page = client.get(reverse("diaries:questionnaire_fill", args=["phq9"])).text
    assert "Este cuestionario está en inglés" in page
    # The instrument's own words are marked as English for screen readers.
    assert '<form method="post" novalidate class="questionnaire" lang="en"' in page
    assert "Enviar mis respuestas" in page


def test_a_questionnaire_in_english_says_nothing_about_its_language(world, client):
    client.force_login(world.patient)
    page = client.get(reverse("diaries:questionnaire_fill", args=["phq9"])).text
    assert "is in English" not in page


def test_a_saved_check_in_is_thanked_in_spanish(world, client):
    client = spanish_patient(world, client)
    response = client.post(reverse("diaries:today"), {"mood": "6", "journal": ""}, follow=True)
    assert "Guardado. Gracias por hacer tu registro hoy." in response.text


def test_a_phq9_item_9_answer_is_met_in_spanish_on_the_spanish_crisis_page(world, client):
    client = spanish_patient(world, client)
    answers = {f"q{n}": "0" for n in range(1, 10)} | {"q9": "2"}
    response = client.post(
        reverse("diaries:questionnaire_fill", args=["phq9"]), answers, follow=True
    )
    assert "Gracias por responder con sinceridad." in response.text


def test_the_signed_in_message_is_already_in_the_patients_language(world, client):
    Membership.objects.filter(user=world.patient).update(language="es")
    response = client.post(
        reverse("account_login"),
        {"login": world.patient.email, "password": "correct horse battery"},
        follow=True,
    )
    text = visible_text(response.text)
    assert "Pat Patient" in text and "Successfully signed in" not in text
    assert '<html lang="es">' in response.text
