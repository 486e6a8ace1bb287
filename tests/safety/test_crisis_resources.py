"""fixtures/crisis_resources.yaml's keys, and which lines crisis_resources_for
lists: a poison centre's line (`when: overdose`) only for an overdose, right
after the emergency number, never otherwise."""

from datetime import date

import pytest

from apps.safety.rules import WHEN_OVERDOSE, crisis_resources, crisis_resources_for

KEYS = {"name", "how", "phone", "emergency", "lang", "source", "last_verified", "when"}
ALL_ENTRIES = [
    pytest.param(entry, id=f"{country}-{entry['name']}-{entry.get('lang', 'en')}")
    for country, entries in crisis_resources().items()
    for entry in entries
]


@pytest.mark.parametrize("entry", ALL_ENTRIES)
def test_every_entry_uses_only_the_keys_the_header_describes(entry):
    assert set(entry) <= KEYS, set(entry) - KEYS
    assert entry["name"] and entry["how"] and "phone" in entry
    assert isinstance(entry["last_verified"], date)
    assert entry.get("lang", "en") in {"en", "es"}
    assert entry.get("when", WHEN_OVERDOSE) == WHEN_OVERDOSE


@pytest.mark.parametrize("entry", [entry for entry in ALL_ENTRIES if "when" in entry.values[0]])
def test_every_overdose_line_has_a_number_a_source_and_the_day_it_was_checked(entry):
    assert entry["phone"]
    assert entry["source"]
    assert entry["last_verified"] == date(2026, 12, 7)
    assert not entry.get("emergency")


def test_the_us_poison_help_line_is_there_in_english_and_in_spanish_with_hrsa_as_source():
    lines = [entry for entry in crisis_resources()["US"] if entry.get("when") == WHEN_OVERDOSE]
    assert [(e["name"], e.get("lang", "en"), e["phone"]) for e in lines] == [
        ("Poison Help", "en", "1-800-222-1222"),
        ("Línea de ayuda por envenenamiento", "es", "1-800-222-1222"),
    ]
    english, spanish = lines
    assert english["source"].startswith("https://www.poisonhelp.hrsa.gov/poison-centers/index.html")
    assert spanish["source"].startswith("https://poisonhelp.hrsa.gov/es/poison-centers")
    assert "161" in english["how"] and "161" in spanish["how"]


@pytest.mark.parametrize(
    ("language", "emergency"), [("en", "Emergency services"), ("es", "Emergencias")]
)
def test_an_overdose_puts_poison_help_right_after_the_emergency_number(language, emergency):
    names = [r["name"] for r in crisis_resources_for("US", language=language, overdose=True)]
    poison = "Poison Help" if language == "en" else "Línea de ayuda por envenenamiento"
    assert names[:2] == [emergency, poison]
    assert names.count(poison) == 1


@pytest.mark.parametrize("locale", ["US", "CA", "GB", "IE", "ES", "MX", "ZZ"])
@pytest.mark.parametrize("language", ["en", "es"])
def test_without_an_overdose_no_poison_line_is_listed_and_the_list_is_as_before(locale, language):
    listed = crisis_resources_for(locale, language=language)
    assert not [r for r in listed if "when" in r]
    assert listed == crisis_resources_for(locale, language=language, overdose=False)
    with_overdose = crisis_resources_for(locale, language=language, overdose=True)
    assert [r for r in with_overdose if "when" not in r] == listed


def test_a_country_without_an_emergency_entry_lists_its_poison_line_first():
    names = [r["name"] for r in crisis_resources_for("CA", language="en", overdose=True)]
    assert names == ["1-844-POISON-X (poison centres)", "9-8-8 Suicide Crisis Helpline"]


def test_spain_lists_its_poison_information_line_after_112_in_each_language():
    spanish = crisis_resources_for("ES", language="es", overdose=True)
    english = crisis_resources_for("ES", language="en", overdose=True)
    assert [r["phone"] for r in spanish[:2]] == ["112", "915620420"]
    assert [r["phone"] for r in english[:2]] == ["112", "915620420"]


@pytest.mark.parametrize("locale", ["GB", "IE", "MX"])
def test_a_country_with_no_sourced_poison_line_lists_none_even_for_an_overdose(locale):
    for language in ("en", "es"):
        listed = crisis_resources_for(locale, language=language, overdose=True)
        assert listed == crisis_resources_for(locale, language=language)


def test_an_entry_with_an_unknown_when_is_never_listed(monkeypatch):
    fixture = {
        "US": [
            {"name": "Emergency", "how": "911", "phone": "911", "emergency": True},
            {"name": "Other", "how": "x", "phone": "1", "when": "something-else"},
            {"name": "Poison", "how": "y", "phone": "2", "when": WHEN_OVERDOSE},
            {"name": "Lifeline", "how": "z", "phone": "988"},
        ]
    }
    monkeypatch.setattr("apps.safety.rules.crisis_resources", lambda: fixture)
    assert [r["name"] for r in crisis_resources_for("US")] == ["Emergency", "Lifeline"]
    assert [r["name"] for r in crisis_resources_for("US", overdose=True)] == [
        "Emergency",
        "Poison",
        "Lifeline",
    ]
