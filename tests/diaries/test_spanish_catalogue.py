"""The Spanish catalogue (issue 19) is complete: every message a page, form
or email marks for translation has its Spanish, none is fuzzy (a guess
msgmerge made from a changed English sentence), and the compiled .mo says
what the .po says."""

import ast
import gettext
from pathlib import Path

from django.conf import settings

LOCALE = Path(settings.BASE_DIR) / "locale/es/LC_MESSAGES"


def po_entries(path: Path) -> list[dict]:
    """Every entry of a .po file: msgctxt, msgid, msgid_plural, msgstr (a list:
    one string, or one per plural form) and its flags. Obsolete ("#~") entries
    are left out."""
    entries, current, key = [], None, None

    def close():
        if current and current.get("msgid"):
            entries.append(current)

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            close()
            current, key = None, None
            continue
        if current is None:
            current = {"flags": set(), "msgctxt": None, "msgid_plural": None, "msgstr": []}
        if line.startswith("#,"):
            current["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if key == "msgstr":
                current["msgstr"][-1] += value
            else:
                current[key] += value
        else:
            word, _, rest = line.partition(" ")
            value = ast.literal_eval(rest)
            if word.startswith("msgstr"):
                key = "msgstr"
                current["msgstr"].append(value)
            else:
                key = word
                current[word] = value
    return entries


def test_the_catalogue_can_be_read_and_holds_the_patient_pages():
    ids = {entry["msgid"] for entry in po_entries(LOCALE / "django.po")}
    # One sentence from each kind of place: header, check-in, crisis page, email.
    assert {"Need help now?", "Help, right now"} <= ids


def test_no_message_is_left_untranslated():
    untranslated = [
        entry["msgid"]
        for entry in po_entries(LOCALE / "django.po")
        if not entry["msgstr"] or not all(entry["msgstr"])
    ]
    assert untranslated == [], "translate these in locale/es/LC_MESSAGES/django.po"


def test_no_message_is_fuzzy():
    fuzzy = [
        entry["msgid"] for entry in po_entries(LOCALE / "django.po") if "fuzzy" in entry["flags"]
    ]
    assert fuzzy == [], "check these translations and remove their fuzzy flag"


def test_the_compiled_catalogue_says_what_the_po_says():
    with open(LOCALE / "django.mo", "rb") as handle:
        mo = gettext.GNUTranslations(handle)
    stale = []
    for entry in po_entries(LOCALE / "django.po"):
        if entry["msgid_plural"]:
            got = [
                mo.npgettext(entry["msgctxt"], entry["msgid"], entry["msgid_plural"], n)
                if entry["msgctxt"]
                else mo.ngettext(entry["msgid"], entry["msgid_plural"], n)
                for n in (1, 2)
            ]
            want = entry["msgstr"][:2]
        else:
            got = (
                mo.pgettext(entry["msgctxt"], entry["msgid"])
                if entry["msgctxt"]
                else mo.gettext(entry["msgid"])
            )
            want = entry["msgstr"][0]
        if got != want:
            stale.append(entry["msgid"])
    assert stale == [], "run scripts/messages.sh compile and commit the .mo"
