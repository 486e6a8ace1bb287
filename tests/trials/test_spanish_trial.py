"""A Spanish-speaking patient's blinded trial (issue 19): their part of today's
plan, the trial log's notes and the dose log's errors in Spanish."""

from html import unescape

from django.urls import reverse

from tests.diaries.test_spanish_pages import english_left_on, spanish_patient, visible_text


def trial_part(page: str) -> str:
    start = page.index(">", page.index('id="trial-today"')) + 1
    return "<body>" + page[start : page.index("</div>", page.index("</fieldset>", start))]


def test_the_trial_part_of_a_spanish_diary_has_no_english_sentence(world, client, running):
    page = spanish_patient(world, client).get(reverse("diaries:today")).text
    part = trial_part(page)
    text = unescape(visible_text(part))
    assert "Ensayo ciego · semana 1 de 4" in text
    assert "¿Qué crees que tomaste hoy?" in text
    assert "No estoy seguro" in text and "Activo" in text
    assert english_left_on(part) == set(), text


def test_a_refused_code_is_explained_in_spanish(world, client, running):
    client = spanish_patient(world, client)
    response = client.post(
        reverse("trials:log"), {"envelope_code": "X" * 13, "next": reverse("diaries:today")}
    )
    assert response.status_code == 302
    page = client.get(reverse("diaries:today")).text
    assert "No se guardó nada: Un código son 4 letras y números" in unescape(page)


def test_the_same_refusal_stays_english_for_an_english_patient(world, client, running):
    client.force_login(world.patient)
    client.post(
        reverse("trials:log"), {"envelope_code": "X" * 13, "next": reverse("diaries:today")}
    )
    page = unescape(client.get(reverse("diaries:today")).text)
    assert "Nothing was saved: A code is 4 letters and numbers" in page


def test_a_spanish_patients_trial_result_is_in_spanish(world, client, plan):
    from tests.trials.conftest import finished

    finished(world, plan, guess_skill=0.9)
    page = spanish_patient(world, client).get(reverse("trials:my_result")).text
    text = unescape(visible_text(page))
    assert "En las semanas activas, tu ánimo promedió" in text
    assert "el rango probable va de" in text
    assert "A menudo pudiste notarlo" in text
    assert english_left_on(page) == set(), text
