"""Which language the crisis page speaks, in order: the page's switch, the
patient's own choice, the entry's language, the clinic's country, English."""

import pytest

from apps.diaries.crisis_language import language_links, page_language
from apps.safety.rules import crisis_resources_for

SPANISH = "ya no aguanto, quiero desaparecer para siempre"
ENGLISH = "I want to kill myself."


@pytest.mark.parametrize(
    ("requested", "preference", "entry", "locale", "expected"),
    [
        ("en", "es", SPANISH, "MX", "en"),  # the switch beats everything
        ("es", "", ENGLISH, "US", "es"),
        (None, "en", SPANISH, "MX", "en"),  # what they chose beats a guess
        (None, "es", ENGLISH, "US", "es"),
        (None, "", SPANISH, "US", "es"),  # no choice: the words they just wrote
        (None, "", ENGLISH, "MX", "en"),
        (None, "", "ok", "MX", "es"),  # nothing to tell from: the clinic's country
        (None, "", None, "ES", "es"),
        (None, "", None, "GB", "en"),
        (None, "", None, None, "en"),
        ("fr", "de", None, "XX", "en"),  # unknown values are ignored
        (["es"], "", None, None, "en"),
    ],
)
def test_the_page_language_follows_its_order(requested, preference, entry, locale, expected):
    assert (
        page_language(
            requested=requested, preference=preference, entry_text=entry, clinic_locale=locale
        )
        == expected
    )


def test_the_switch_links_keep_the_checkin_and_mark_the_current_language():
    links = language_links(current="es", checkin_id=42)
    assert [(link["name"], link["current"]) for link in links] == [
        ("English", False),
        ("Español", True),
    ]
    assert links[0]["query"] == "?lang=en&checkin=42"
    assert language_links(current="en")[1]["query"] == "?lang=es"


def test_a_country_without_spanish_lines_shows_its_own_in_english():
    assert [r["name"] for r in crisis_resources_for("CA", language="es")] == [
        "9-8-8 Suicide Crisis Helpline"
    ]


@pytest.mark.parametrize("locale", ["US", "ES", "MX"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_list_starts_with_the_emergency_number_in_the_page_s_language(locale, language):
    resources = crisis_resources_for(locale, language=language)
    assert resources[0].get("emergency") is True
    assert {r.get("lang", "en") for r in resources} == {language}
    assert all(r["last_verified"] and (r.get("lang") != "es" or r["source"]) for r in resources)


def test_an_unknown_country_gets_the_us_lines():
    assert crisis_resources_for("ZZ", language="en") == crisis_resources_for("US", language="en")
