"""Which language the crisis page speaks (issue 17): English or Spanish.

The page's words are Django translations (locale/es/, one catalogue for the project); its
services are fixtures/crisis_resources.yaml entries in that language.
"""

from urllib.parse import urlencode

from apps.clinics.languages import (  # noqa: F401 (the languages' rules live there)
    DEFAULT,
    LANGUAGES,
    SPANISH_SPEAKING,
    email_language,
)
from apps.safety.detectors.language import guess_language


def page_language(*, requested, preference="", entry_text=None, clinic_locale=None) -> str:
    """In order: the language the person picked on the page (?lang=); the
    patient's own setting; the language of the entry that brought them here;
    the clinic's country; English.

    The patient's setting comes before the entry because it is what they told
    us, the entry's language only a guess; a patient with no setting (most)
    who writes in Spanish gets Spanish. Anything but "en" or "es" in ?lang=
    is ignored, never an error."""
    for chosen in (requested, preference):
        if isinstance(chosen, str) and chosen in LANGUAGES:
            return chosen
    guessed = guess_language(entry_text) if entry_text else None
    if guessed in LANGUAGES:
        return guessed
    if clinic_locale in SPANISH_SPEAKING:
        return "es"
    return DEFAULT


def language_links(*, current, checkin_id=None) -> list[dict]:
    """The page in each language: its name (in that language) and, for the
    others, the link. The check-in stays in the link, so "who is being told"
    is still shown after switching."""
    links = []
    for code, name in LANGUAGES.items():
        query = {"lang": code}
        if checkin_id is not None:
            query["checkin"] = checkin_id
        links.append(
            {
                "code": code,
                "name": name,
                "query": "?" + urlencode(query),
                "current": code == current,
            }
        )
    return links


def patient_language_set(*, membership, language: str) -> None:
    """The patient's own choice ("en", "es", or "" to leave it to what they
    write and their clinic), kept on their patient membership."""
    if language not in ("", *LANGUAGES):
        raise ValueError(f"not a language Trellis has: {language!r}")
    membership.language = language
    membership.save(update_fields=["language"])
