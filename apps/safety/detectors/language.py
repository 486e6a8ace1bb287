"""Which language a journal entry is written in: English or Spanish, or unknown.

Used to show the crisis page in the language the patient has just written in.
A count of common words, not a model: entries are short, only two languages
matter here, and the answer must be explainable and cost nothing. Words both
languages share ("no", "me", "a", "he", "son", "sin", "has") count for neither.
"""

import re
import unicodedata

SPANISH = "es"
ENGLISH = "en"

# Accents folded away before comparing, so "está" and "esta" are one word.
_SPANISH_WORDS = frozenset(
    """
    de la que el en y los se del las un por con una su para es al lo como mas pero
    sus le ya o fue este porque esta son entre cuando muy sobre tambien hasta hay
    donde quien desde todo nos todos uno les ni otros ese eso ellos esto mi antes
    unos yo otro otra el tanto esa estos mucho nada muchos cual poco ella estar
    estas algo nosotros mis tu te ti tus ellas estoy estas estamos estan tengo
    tiene tienen quiero quiere puedo puede siempre nunca hoy ayer manana bien mal
    vida ganas soy eres somos hace vez pues aqui alli asi solo sola solamente ahora
    despues tambien creo siento senti dia dias noche semana casa trabajo familia
    mama papa hijo hija hijos amigos dormir dormi comer mejor peor cansado cansada
    triste miedo aguanto aguantar desaparecer morir morirme matarme gracias
    """.split()
)
_ENGLISH_WORDS = frozenset(
    """
    the and i to of in is it you that was for on are with as his they be at one
    have this from or had by but not what all were we when your can there an
    each which she do how their if will up about out many then them these so some
    her would like him into has look more go see my am im i'm i've i'd i'll feel
    felt today just really can't don't didn't won't it's been did got after because
    again anymore want wanted work day night week home family friends sleep slept
    tired sad scared better worse still think thought know anything everything
    nothing myself
    """.split()
)
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
# Letters and marks only Spanish uses, each counted as a Spanish word.
_SPANISH_MARKS = re.compile(r"[ñ¿¡]")


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def guess_language(text: str) -> str | None:
    """The language ("es" or "en") whose common words outnumber the other's;
    None for an empty, undecided or evenly mixed entry."""
    lowered = (text or "").lower().replace("\u2019", "'")
    spanish = len(_SPANISH_MARKS.findall(lowered))
    english = 0
    for word in _WORD.findall(lowered):
        folded = _fold(word)
        if folded in _SPANISH_WORDS:
            spanish += 1
        elif word in _ENGLISH_WORDS:
            english += 1
    if spanish > english:
        return SPANISH
    if english > spanish:
        return ENGLISH
    return None
