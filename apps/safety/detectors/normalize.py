"""Text normalisation for the crisis detector, with a map back to the original.

Pure: plain strings in, plain values out. `normalize(text)` returns the folded
text the lexicon is matched against, and `Normalized.original_span(start, end)`
turns a span of the folded text back into offsets of the ORIGINAL text, so the
clinician page can highlight `text[start:end]`.

What it folds, in order:

1. every non-ASCII character: compatibility decomposition (fullwidth letters,
   ligatures, mathematical and circled letters, non-breaking spaces), accents
   and other combining marks removed, case folded, Cyrillic and Greek letters
   that look Latin mapped to that letter, curly quotes and dashes to ASCII,
   zero-width and other invisible format characters removed;
2. ASCII: upper case to lower case, control characters to a space, a backtick
   to an apostrophe;
3. look-alike digits and symbols inside a word ("k1ll", "$uicide") to letters;
4. every run of one repeated letter to a single letter ("diieeee" -> "die",
   "sooo" -> "so", and also "kill" -> "kil": the lexicon's patterns are folded
   the same way when compiled, so they are written with normal spelling);
   every run of white space to one space, or one newline if it held one;
5. Spanish texting shorthand spelled out where only the word fits ("q" and "k"
   before a word to "que", "xq" to "porque", "x" and "d" between words to
   "por" and "de", "tb" to "tambien", "toy" to "estoy", "pa" to "para", "bn" to
   "bien"): the lexicon is written in full words, and a shorthand hid known
   crises ("me rasguno los brazos hasta q sangran").

Steps 1, 4 and 5 change the length; each records the pieces it rewrote, and
`original_span` walks back through them.
"""

import re
import unicodedata
from bisect import bisect_left, bisect_right

# Letters that look Latin but are not, mapped to the Latin letter they imitate
# (after case folding). Cyrillic, Greek, and a few IPA / Latin-extended forms.
HOMOGLYPHS = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "г": "r",
    "д": "d",
    "е": "e",
    "ё": "e",
    "з": "3",
    "и": "u",
    "і": "i",
    "ї": "i",
    "й": "u",
    "ј": "j",
    "к": "k",
    "л": "n",
    "м": "m",
    "н": "h",
    "о": "o",
    "п": "n",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "ф": "f",
    "х": "x",
    "ц": "u",
    "ч": "4",
    "ш": "w",
    "щ": "w",
    "ъ": "b",
    "ы": "bi",
    "ь": "b",
    "ѕ": "s",
    "ԁ": "d",
    "ԛ": "q",
    "ԝ": "w",
    "ӏ": "l",
    "ү": "y",
    "һ": "h",
    "ց": "g",
    # Greek
    "α": "a",
    "β": "b",
    "γ": "y",
    "δ": "d",
    "ε": "e",
    "ζ": "z",
    "η": "n",
    "θ": "o",
    "ι": "i",
    "κ": "k",
    "λ": "l",
    "μ": "u",
    "ν": "v",
    "ο": "o",
    "π": "n",
    "ρ": "p",
    "σ": "o",
    "ς": "s",
    "τ": "t",
    "υ": "u",
    "φ": "f",
    "χ": "x",
    "ψ": "w",
    "ω": "w",
    # IPA and Latin extensions
    "ɑ": "a",
    "ɡ": "g",
    "ɩ": "i",
    "ı": "i",
    "ȷ": "j",
    "ʟ": "l",
    "ɴ": "n",
    "ʀ": "r",
    "ʏ": "y",
    "ᴀ": "a",
    "ʙ": "b",
    "ᴄ": "c",
    "ᴅ": "d",
    "ᴇ": "e",
    "ɢ": "g",
    "ʜ": "h",
    "ɪ": "i",
    "ᴊ": "j",
    "ᴋ": "k",
    "ᴍ": "m",
    "ᴏ": "o",
    "ᴘ": "p",
    "ꜱ": "s",
    "ᴛ": "t",
    "ᴜ": "u",
    "ᴠ": "v",
    "ᴡ": "w",
    "ᴢ": "z",
    "ø": "o",
    "đ": "d",
    "ħ": "h",
    "ł": "l",
    "ŀ": "l",
    "ŧ": "t",
    "æ": "ae",
    "œ": "oe",
    "þ": "th",
    "ð": "d",
}

# Punctuation with an ASCII twin.
PUNCTUATION = {
    "\u2018": "'",  # left single quotation mark
    "\u2019": "'",  # right single quotation mark (the usual apostrophe on phones)
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",  # prime
    "\u02bc": "'",  # modifier letter apostrophe
    "\u02b9": "'",
    "\uff07": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2033": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2026": "...",
    "\u2028": "\n",  # line separator
    "\u2029": "\n",  # paragraph separator
    "\u0085": "\n",  # next line
}

# Step 2: ASCII, length-preserving.
_ASCII_TABLE = {code: code + 32 for code in range(ord("A"), ord("Z") + 1)}
_ASCII_TABLE.update({code: ord(" ") for code in [*range(0, 9), 11, 12, *range(14, 32), 127]})
_ASCII_TABLE[ord("`")] = ord("'")

# Step 3: digits and symbols used as letters, only inside a word.
_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "$": "s", "@": "a"}
# (Each expression starts with a character class, so the search skips ahead fast.)
_LEET_RE = re.compile(
    r"[013457$@](?:(?<=[a-z][013457$@])(?=[a-z])|(?<=[$@])(?<![a-z0-9][$@])(?=[a-z]{2}))"
)

# Step 4: repeated letters and white space. The two fast substitutions make
# the text; the offset map is made from _SQUEEZE_RE only when asked for.
_SQUEEZE_RE = re.compile(r"([a-z])\1+|\s{2,}|[^\S ]")
_LETTER_RUN = re.compile(r"([a-z])\1+")
_ODD_SPACE = re.compile(r"\s{2,}|[^\S ]")
_ODD_SPACE_CHECK = re.compile(r"[^\S ]| (?=\s)")
_ASCII_ODDITIES = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f`]")
# All three checks in one pass: most texts need none of the slower steps.
_ANY_ODDITY = re.compile("|".join(p.pattern for p in (_ASCII_ODDITIES, _LEET_RE, _ODD_SPACE_CHECK)))

# Step 5: Spanish texting shorthand, on the squeezed text. Each form is spelled
# out only where the full word is the one that fits, so English is left alone:
# "k" and "q" only before a word ("k" never as "okay": "k thanks"), "x" and "d"
# only between two words (never "vitamin d", "plan d", "a d in maths"), "toy"
# only where "estoy" is the verb ("no toy bien", never "the dog's toy"), "pa"
# only before what "para" takes.
_SHORTHAND_RE = re.compile(
    # Never after "$" or "@": "@q" is no word of its own, and spelling it out ("@que") would let
    # a second normalising read "@qu" as "aqu" (stop 56, found by the property test).
    r"(?<![\w'$@-])(?:"
    r"(?P<que>q|k(?! (?:thanks|thx|ty|so|see|i|ill|bye|cool|night|lol|then|well|sure|fine|np|you|u"
    r"|we|will|and|but|now|gtg|ttyl)\b))(?= [a-z])"
    r"|(?P<porque>xq|pq|porq|xk|pk)"
    r"|(?<=[a-z,] )(?P<between>x(?= [a-z])|d(?= [a-z0-9]))"
    r"|(?P<tambien>tb|tmb)"
    r"|(?P<estoy>toy|toi)(?P<then_verb>(?= (?:[a-z]+(?:ando|iendo|yendo)|muy|mal|tan|harto|harta"
    r"|cansado|cansada|solo|sola|triste|seguro|segura|pensando)\b))?"
    r"|(?P<para>pa)(?= (?:que|mi|ti|el|la|los|las|siempre|nada|eso|esto|ver|no|cuando"
    r"|un|una|algo|alguien|todo|todos|todas|tu|su|mis|tus|sus|[a-z]+(?:ar|er|ir)(?:me|te|se|lo|la|le|los|las|les|nos)?)\b)"
    r"|(?<![0-9] )(?P<bien>bn)"
    r")(?![\w'-])"
)
# A quick first look, a superset of the forms above that starts with a letter class so
# the search skips ahead fast: most entries have none.
_SHORTHAND_HINT = re.compile(r"[qkxdtpb](?<![\w'-][qkxdtpb])(?:|q|k|orq|b|mb|oy|oi|a|n)(?![\w'-])")
_SHORTHAND_WORDS = {"que": "que", "porque": "porque", "tambien": "tambien", "estoy": "estoy"}
_BETWEEN_WORDS = {"x": "por", "d": "de"}
# "d" after these is a letter, not "de".
_LETTER_BEFORE = frozenset(
    ("vitamin", "vitamina", "vit", "plan", "grade", "type", "class", "a", "an")
)
# "toy" is "estoy" at a sentence's start or after these ("no toy bien", "ya toy").
_VERB_BEFORE = frozenset(
    ("yo", "ya", "no", "y", "pero", "hoy", "que", "aun", "tambien", "me", "te", "donde", "como")
    + ("si", "ni")
)


def _fold_char(char: str) -> str:
    """What one non-ASCII character becomes (possibly nothing, possibly two)."""
    if char in PUNCTUATION:
        return PUNCTUATION[char]
    category = unicodedata.category(char)
    if category == "Cf":  # zero-width, bidi controls, soft hyphen, BOM
        return ""
    if category == "Cc":  # C1 controls
        return " "
    if category in ("Cs", "Co", "Cn"):  # lone surrogates, private use, unassigned
        return char
    if category == "Zs":
        return " "
    folded = []
    for piece in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(piece):
            continue
        for lower in piece.casefold():
            lower = HOMOGLYPHS.get(lower, lower)
            folded.append(PUNCTUATION.get(lower, lower))
    result = "".join(folded)
    # A decomposition can bring back ASCII capitals (fullwidth A -> A).
    return result.translate(_ASCII_TABLE)


_FOLD_CACHE: dict[str, str] = {}
_FOLD_CACHE_LIMIT = 50_000


def _fold(char: str) -> str:
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        folded = _fold_char(char)
        if len(_FOLD_CACHE) < _FOLD_CACHE_LIMIT:
            _FOLD_CACHE[char] = folded
    return folded


_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]+")


class _Edits:
    """The pieces one step rewrote: new [ns, ne) came from old [os, oe).

    Between pieces the text is unchanged, shifted by the pieces before.
    """

    __slots__ = ("new_starts", "new_ends", "old_starts", "old_ends")

    def __init__(self):
        self.new_starts: list[int] = []
        self.new_ends: list[int] = []
        self.old_starts: list[int] = []
        self.old_ends: list[int] = []

    def add(self, new_start, new_end, old_start, old_end):
        self.new_starts.append(new_start)
        self.new_ends.append(new_end)
        self.old_starts.append(old_start)
        self.old_ends.append(old_end)

    def old_start(self, position: int) -> int:
        """Where the character at new `position` began in the old text."""
        i = bisect_right(self.new_starts, position) - 1
        # Several empty pieces can share a start: the last one is the right one.
        if i < 0:
            return position
        if position < self.new_ends[i]:
            return self.old_starts[i]
        return position - self.new_ends[i] + self.old_ends[i]

    def old_end(self, position: int) -> int:
        """Where the character just before new `position` ended in the old text."""
        i = bisect_left(self.new_starts, position) - 1
        if i < 0:
            return position
        if position <= self.new_ends[i]:
            return self.old_ends[i]
        return position - self.new_ends[i] + self.old_ends[i]


class Normalized:
    """The folded text, and the way back to the original's offsets."""

    __slots__ = (
        "original",
        "text",
        "_fold_edits",
        "_before_squeeze",
        "_squeeze_edits",
        "_shorthand_edits",
    )

    def __init__(
        self, original: str, text: str, fold_edits, before_squeeze: str, shorthand_edits=None
    ):
        self.original = original
        self.text = text
        self._fold_edits = fold_edits
        self._before_squeeze = before_squeeze
        self._squeeze_edits = None
        self._shorthand_edits = shorthand_edits

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that normalised to text[start:end]."""
        if self._squeeze_edits is None:
            self._squeeze_edits = _squeeze(self._before_squeeze)[1] or False
        for edits in (self._shorthand_edits, self._squeeze_edits, self._fold_edits):
            if edits:
                start, end = edits.old_start(start), edits.old_end(end)
        return start, end


def _fold_non_ascii(text: str) -> tuple[str, _Edits | None]:
    edits = _Edits()
    pieces = []
    position = 0  # in the old text
    shift = 0  # new length - old length so far
    for run in _NON_ASCII_RUN.finditer(text):
        pieces.append(text[position : run.start()])
        for offset, char in enumerate(run.group(), run.start()):
            folded = _fold(char)
            if folded != char:
                if len(folded) != 1:
                    edits.add(offset + shift, offset + shift + len(folded), offset, offset + 1)
                    shift += len(folded) - 1
            pieces.append(folded)
        position = run.end()
    pieces.append(text[position:])
    return "".join(pieces), (edits if edits.new_starts else None)


def _leet(match: re.Match) -> str:
    return _LEET[match.group()]


def _squeeze(text: str) -> tuple[str, _Edits | None]:
    return _rewrite(text, _squeezed_runs(text))


def _squeezed_runs(text: str):
    for run in _SQUEEZE_RE.finditer(text):
        chunk = run.group()
        if run.group(1):
            replacement = chunk[0]
        elif "\n" in chunk:
            replacement = "\n"
        else:
            replacement = " "
        if replacement != chunk:
            yield run.start(), run.end(), replacement


def _rewrite(text: str, pieces_rewritten) -> tuple[str, _Edits | None]:
    """The text with each (start, end, replacement) piece, in order and apart, put in, and
    the edits that lead back; (text, None) when there is none."""
    edits = _Edits()
    pieces = []
    position = 0
    shift = 0
    for start, end, replacement in pieces_rewritten:
        pieces.append(text[position:start])
        pieces.append(replacement)
        edits.add(start + shift, start + shift + len(replacement), start, end)
        shift += len(replacement) - (end - start)
        position = end
    if not pieces:
        return text, None
    pieces.append(text[position:])
    return "".join(pieces), edits


def normalize(text: str) -> Normalized:
    fold_edits = None
    if text.isascii():
        folded = text.lower()  # same length for ASCII
        odd = _ANY_ODDITY.search(folded) is not None
        if odd and _ASCII_ODDITIES.search(folded):
            folded = folded.translate(_ASCII_TABLE)
    else:
        folded, fold_edits = _fold_non_ascii(text)
        folded = folded.translate(_ASCII_TABLE)
        odd = True
    if odd and _LEET_RE.search(folded):
        # Until nothing changes: a letter made here can make its neighbour a letter too ("@a0a"
        # is "aoa", "@@ab" is "aab"), so normalising twice changes nothing more (stop 56, found
        # by the property test). Each pass turns at least one symbol into a letter.
        while (changed := _LEET_RE.sub(_leet, folded)) != folded:
            folded = changed
    squeezed = _LETTER_RUN.sub(r"\1", folded)
    if odd and _ODD_SPACE_CHECK.search(squeezed):
        squeezed = _ODD_SPACE.sub(_space, squeezed)
    spelled, shorthand_edits = _spell_out_shorthand(squeezed)
    return Normalized(text, spelled, fold_edits, folded, shorthand_edits)


def _word_before(text: str, position: int) -> str | None:
    """The word just before `position`, or None at a sentence's start."""
    head = text[max(0, position - 40) : position].rstrip(" ")
    if not head or head[-1] in ".!?;:\n":
        return None
    words = re.findall(r"[a-z]+", head[-20:])
    return words[-1] if words and head[-1].isalpha() else ""


def _spell_out_shorthand(text: str) -> tuple[str, _Edits | None]:
    if _SHORTHAND_HINT.search(text) is None:
        return text, None
    return _rewrite(text, _shorthand_spelled_out(text))


def _shorthand_spelled_out(text: str):
    for found in _SHORTHAND_RE.finditer(text):
        kind = "estoy" if found.group("estoy") else found.lastgroup
        short = found.group()
        if kind == "between":
            if short == "d" and _word_before(text, found.start()) in _LETTER_BEFORE:
                continue
            word = _BETWEEN_WORDS[short]
        elif kind == "estoy":
            # A word must follow at a sentence's start ("Toy." is no verb).
            before = _word_before(text, found.start())
            if (
                found.group("then_verb") is None
                and before not in _VERB_BEFORE
                and (before is not None or not text.startswith(" ", found.end()))
            ):
                continue
            word = "estoy"
        elif kind in ("para", "bien"):
            word = kind
        else:
            word = _SHORTHAND_WORDS[kind]
        yield found.start(), found.end(), word


def _space(match: re.Match) -> str:
    return "\n" if "\n" in match.group() else " "


def squeeze_pattern(pattern: str) -> str:
    """Fold a regular expression written with normal spelling the way
    `normalize` folds text: a doubled literal letter becomes one ("kill" ->
    "kil"), also across a group ("plan(ned|ning)" -> "plan(ed|ing)", since
    "planned" folds to "planed"); a literal apostrophe becomes optional
    ("can't" matches "cant"). Escapes, character classes and repetition counts
    are left alone; a plain group "(...)" becomes non-capturing."""
    out = []
    previous_letter = None  # the literal letter just written, if any
    group_starts = []  # the previous letter at each open group, for its alternatives
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i : i + 2])
            previous_letter = None
            i += 2
            continue
        if char == "[":
            end = i + 1
            if end < len(pattern) and pattern[end] == "^":
                end += 1
            if end < len(pattern) and pattern[end] == "]":
                end += 1
            while end < len(pattern) and pattern[end] != "]":
                end += 2 if pattern[end] == "\\" else 1
            out.append(pattern[i : end + 1])
            previous_letter = None
            i = end + 1
            continue
        if char == "{":
            end = pattern.find("}", i)
            if end != -1 and re.fullmatch(r"\{\d*(,\d*)?\}", pattern[i : end + 1]):
                out.append(pattern[i : end + 1])
                previous_letter = None
                i = end + 1
                continue
        if char == "(":
            if pattern.startswith("(?", i):
                # (?:  (?=  (?!  (?<=  (?<!  : copy the opener whole.
                opener = re.match(r"\(\?(?::|=|!|<=|<!)", pattern[i:])
                if opener is None:
                    raise ValueError(f"unsupported group syntax at {pattern[i : i + 4]!r}")
                out.append(opener.group())
                lookaround = opener.group() != "(?:"
                i += len(opener.group())
            else:
                out.append("(?:")
                lookaround = False
                i += 1
            # A group's first letter can fold into the letter before it; a
            # lookaround's cannot (it looks elsewhere).
            if lookaround:
                previous_letter = None
            group_starts.append(previous_letter)
            continue
        if char == "|":
            out.append(char)
            previous_letter = group_starts[-1] if group_starts else None
            i += 1
            continue
        if char == ")":
            out.append(char)
            if group_starts:
                group_starts.pop()
            previous_letter = None
            i += 1
            continue
        if char == "'":
            out.append("'?")
            previous_letter = None
            i += 1
            continue
        if "a" <= char <= "z":
            if char == previous_letter:
                i += 1
                continue
            previous_letter = char
        else:
            previous_letter = None
        out.append(char)
        i += 1
    return "".join(out)
