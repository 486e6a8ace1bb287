"""The crisis page in Spanish (issue 17): for a Spanish entry, a patient who
prefers Spanish, a clinic in a Spanish-speaking country, or anyone who picks
"Español"; the English page as it was."""

import ast
import gettext
import re
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.clinics.models import Membership
from apps.diaries.services import checkin_submit
from apps.safety.models import SafetyPlan
from apps.safety.safety_plans import safety_plan_update

SPANISH_ENTRY = "ya no aguanto, quiero desaparecer para siempre"
CRISIS_PAGE = reverse("diaries:crisis")
LOCALE = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES"
# Words that only an untranslated English sentence would put on the page.
ENGLISH_WORDS = {
    "the", "your", "you", "and", "call", "help", "please", "my", "is", "are", "to", "of",
    "has", "been", "saved", "services", "now", "alone", "back", "diary", "clinic",
    "alert", "clinician", "people", "things", "language", "right",
}  # fmt: skip


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def visible_text(page: str) -> str:
    main = page.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    return unescape(re.sub(r"<[^>]+>", " ", main))


def english_words_in(text: str) -> set[str]:
    text = text.replace("Alice Clinician", "")  # the clinician's name, not a word to translate
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w in ENGLISH_WORDS}


def position(page: str, text: str) -> int:
    assert text in page, text
    return page.index(text)


def test_a_spanish_entry_through_the_checkin_leads_to_the_spanish_page_and_services(
    world, patient_client
):
    response = patient_client.post(reverse("diaries:today"), {"mood": 5, "journal": SPANISH_ENTRY})
    assert response["Location"].startswith(CRISIS_PAGE)
    page = patient_client.get(response["Location"]).text
    assert '<html lang="es">' in page
    assert "No tienes que pasar por esto a solas" in page
    assert "Nadie vigila Trellis a todas horas" in page
    # Who is being told, in Spanish, with the clinician's name.
    assert "a tu profesional de salud, <strong>Alice Clinician</strong>" in page
    assert "marca 2" in page and "AYUDA" in page and "442-AYUDAME" in page
    # The emergency number before every other service.
    assert position(page, "Llama al 911") < position(page, "988 Lifeline en español")
    assert english_words_in(visible_text(page)) == set()


def test_every_word_of_the_spanish_page_is_spanish_the_plan_as_the_patient_wrote_it(
    world, patient_client
):
    world.clinic.phone_number = "555 0100"
    world.clinic.crisis_resources = "Walk-in centre, 9 to 5"
    world.clinic.save()
    safety_plan_update(
        patient=world.patient,
        data={"warning_signs": "Not sleeping, skipping meals", "people_to_ask": "My sister Ana"},
        by=world.patient,
    )
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal=SPANISH_ENTRY
    )
    page = patient_client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}").text
    assert "Mi plan de seguridad" in page
    assert "Señales de que se puede estar formando una crisis" in page
    assert "Personas a las que puedo pedir ayuda" in page
    # The patient's words and the clinic's own text are shown as written.
    assert "Not sleeping, skipping meals" in page and "My sister Ana" in page
    assert "Más ayuda de Maple Clinic" in page and "Llama al 555 0100" in page
    text = visible_text(page)
    for theirs in ("Not sleeping, skipping meals", "My sister Ana", "Walk-in centre, 9 to 5"):
        text = text.replace(theirs, "")
    assert english_words_in(text.replace("Maple Clinic", "")) == set()


def test_the_switch_shows_the_page_in_english_and_keeps_who_is_being_told(world, patient_client):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal=SPANISH_ENTRY
    )
    spanish = patient_client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}").text
    link = re.search(r'<a href="([^"]+)" lang="en" hreflang="en">English</a>', spanish)
    assert link, "no link to the English page"
    english = patient_client.get(CRISIS_PAGE + unescape(link.group(1))).text
    assert '<html lang="en">' in english
    assert "<strong>Alice Clinician</strong>" in english and "Your entry has been saved" in english
    assert "Text HOME to 741741" in english and "AYUDA" not in english
    assert re.search(r'<a href="[^"]+" lang="es" hreflang="es">Español</a>', english)


def test_anyone_signed_out_can_switch_to_spanish(client):
    page = client.get(CRISIS_PAGE + "?lang=es").text
    assert '<html lang="es">' in page and "Llama al 911" in page
    assert "Envía AYUDA al 741741" in page
    assert english_words_in(visible_text(page)) == set()


def test_a_patient_who_prefers_spanish_gets_the_spanish_page_for_an_english_entry(
    world, patient_client
):
    Membership.objects.filter(user=world.patient).update(language="es")
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    )
    page = patient_client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}").text
    assert '<html lang="es">' in page and "Alice Clinician" in page
    assert "Llama al 911 si estás en peligro" in patient_client.get(CRISIS_PAGE).text


def test_a_clinic_in_spain_shows_spain_s_lines_in_spanish(world, patient_client):
    world.clinic.locale = "ES"
    world.clinic.save()
    page = patient_client.get(CRISIS_PAGE).text
    assert '<html lang="es">' in page
    assert position(page, "Llama al 112") < position(page, "Llama al 024")
    assert "717 003 717" in page and "988" not in page
    # The same clinic's English page: Spain's lines, described in English.
    english = patient_client.get(CRISIS_PAGE + "?lang=en").text
    assert "Call 024, free and confidential" in english


@pytest.mark.parametrize(
    "query",
    ["?lang=fr", "?lang=", "?lang=ES", "?lang=es-MX", "?lang=%00", "?lang=" + "e" * 5000,
     "?lang=es&lang=fr", "?checkin=99999999999999999999999&lang=en", "?checkin=-1"],
)  # fmt: skip
def test_an_unknown_language_gets_the_english_page_never_an_error(client, query):
    response = client.get(CRISIS_PAGE + query)
    assert response.status_code == 200
    if query != "?lang=es&lang=fr":  # the last value counts, as for any Django form
        assert '<html lang="en">' in response.text


def test_the_english_page_is_unchanged_for_someone_signed_out(client):
    page = client.get(CRISIS_PAGE).text
    assert '<html lang="en">' in page
    assert "<title>Help, right now · Trellis</title>" in page
    assert "You don&#x27;t have to get through this alone" in page or (
        "You don't have to get through this alone" in page
    )
    assert (
        "<p><strong>Trellis is not watched around the clock.</strong> If you are in danger or "
        "might act on thoughts of harming yourself, please contact one of these services now.</p>"
    ) in page
    for service in (
        "988 Suicide &amp; Crisis Lifeline",
        "Call or text 988, or chat at 988lifeline.org",
        "Text HOME to 741741",
        "SAMHSA National Helpline",
        'href="tel:988">Call 988</a>',
    ):
        assert service in page
    assert "AYUDA" not in page and "Llama" not in page
    # The one change: the emergency number now comes first (issue 17).
    assert position(page, "Call 911 if you are in immediate danger") < position(page, "Call 988")


def test_an_english_entry_keeps_the_english_words_about_who_is_told(world, patient_client):
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    )
    page = patient_client.get(f"{CRISIS_PAGE}?checkin={result.checkin.pk}").text
    assert (
        "Your entry has been saved, and an alert is on its way to your clinician, "
        "<strong>Alice Clinician</strong>."
    ) in page


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (single and continued lines, no plurals)."""
    entries, current, key = {}, {"msgid": "", "msgstr": ""}, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if line.startswith(("msgid ", "msgstr ")):
            key, _, rest = line.partition(" ")
            if key == "msgid" and current["msgid"]:
                entries[current["msgid"]] = current["msgstr"]
                current = {"msgid": "", "msgstr": ""}
            current[key] = ast.literal_eval(rest)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and current["msgid"]:
            entries[current["msgid"]] = current["msgstr"]
            current, key = {"msgid": "", "msgstr": ""}, None
    return entries


def test_the_compiled_translations_match_the_po_file():
    po = read_po(LOCALE / "django.po")
    with open(LOCALE / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    assert len(po) >= 20
    stale = {msgid for msgid, msgstr in po.items() if mo.gettext(msgid) != msgstr}
    assert not stale, "run msgfmt -o django.mo django.po in " + str(LOCALE)


def test_every_safety_plan_heading_has_its_spanish():
    po = read_po(LOCALE / "django.po")
    assert [label for _name, label in SafetyPlan.SECTIONS if not po.get(label)] == []


def test_every_country_a_clinic_can_choose_has_its_own_crisis_lines():
    from apps.clinics.forms import ClinicSettingsForm
    from apps.safety.rules import crisis_resources

    countries = {code for code, _name in ClinicSettingsForm.base_fields["locale"].choices}
    assert countries <= set(crisis_resources())
    assert {"ES", "MX"} <= countries


def test_a_patient_sets_their_language_and_the_crisis_page_follows(world, patient_client):
    page = patient_client.get(CRISIS_PAGE).text
    assert f'href="{reverse("diaries:language")}"' in page
    assert "As my browser is set" in patient_client.get(reverse("diaries:language")).text

    response = patient_client.post(reverse("diaries:language"), {"language": "es"})
    assert response.status_code == 302
    assert Membership.objects.get(user=world.patient).language == "es"
    assert '<html lang="es">' in patient_client.get(CRISIS_PAGE).text

    patient_client.post(reverse("diaries:language"), {"language": ""})
    assert Membership.objects.get(user=world.patient).language == ""
    assert '<html lang="en">' in patient_client.get(CRISIS_PAGE).text


@pytest.mark.parametrize("value", ["fr", "ES", "x" * 5000, "\x00"])
def test_a_language_trellis_does_not_have_is_refused_in_words(world, patient_client, value):
    response = patient_client.post(reverse("diaries:language"), {"language": value})
    assert response.status_code == 200
    assert "Please choose one of these." in response.text
    assert Membership.objects.get(user=world.patient).language == ""
