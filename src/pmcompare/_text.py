"""Small text helpers shared by the model, the packs reader, the renderers and the CLI."""

from __future__ import annotations

import functools
import re

__all__ = ["flatten", "is_kebab", "key", "quote", "slugify", "visible"]

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Control (Cc), format (Cf: bidi controls, zero-width characters, BOM),
# surrogates (Cs), unassigned (Cn) and line/paragraph separators: any of
# these written raw to a terminal can move the cursor, reorder text or hide it.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
# Format characters that are part of writing, kept where they do that job
# (see visible()): the joiners, and the emoji tag characters.
_ZWNJ, _ZWJ = "\u200c", "\u200d"
_TAGS = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
# Prepended concatenation marks (Unicode's Prepended_Concatenation_Mark):
# visible signs written before digits in Arabic, Syriac and Kaithi text.
_PREPENDED = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")
_ASCII_PRINTABLE = re.compile(r"[\x20-\x7e]*")


@functools.lru_cache(maxsize=4096)
def key(name: str) -> str:
    """Fold a name for matching: case, surrounding space and ``-``/``_``/space runs ignored."""
    # Kept: a pack's names, aspects and tags are folded by the model, the
    # reader and the registry in turn; folding was the largest single cost
    # of building the default registry (measured: 8% of it).
    # The same as replacing every run of ``[\s_-]`` with one space and
    # stripping (``str.split()`` and ``\s`` agree on what is whitespace).
    return " ".join(name.casefold().replace("-", " ").replace("_", " ").split())


def is_kebab(text: str) -> bool:
    """Whether ``text`` is lowercase kebab-case (``product-strategy``)."""
    return _KEBAB.fullmatch(text) is not None


def slugify(name: str) -> str:
    """Derive a kebab-case slug from a name: ``"Product Strategy"`` -> ``"product-strategy"``."""
    import unicodedata

    out = []
    for char in unicodedata.normalize("NFKD", name.lower()):
        if char.isascii() and char.isalnum():
            out.append(char)
        elif unicodedata.category(char)[0] not in "LMN":
            # Spaces, dashes and other punctuation separate words; accents
            # (M) and letters with no ASCII form (L, N) are dropped.
            out.append("-")
    return re.sub("-+", "-", "".join(out)).strip("-")


def flatten(text: str) -> str:
    """Collapse every run of whitespace (newlines, tabs, Unicode separators) to one space."""
    return " ".join(text.split())


def _escape_char(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


# Scripts whose letters join their neighbours, where the joiners choose a
# letter's form (Unicode's Joining_Type, and the CONTEXTJ rule of RFC 5892).
_JOINING_SCRIPTS = (
    "ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "MANDAIC", "MANICHAEAN", "PSALTER PAHLAVI", "ADLAM",
    "HANIFI ROHINGYA", "SOGDIAN", "OLD UYGHUR", "CHORASMIAN", "PHAGS-PA",
)


def _joins(before: str, joiner: str, after: str) -> bool:
    """Whether a joiner between two characters does its job, as Unicode describes it.

    - After a virama: the joiners choose between a conjunct, a half form, a
      chillu and a visible virama in Indic scripts (क्‍ष).
    - Between letters or marks of a joining script: they choose a letter's
      joined or separate form (Persian می‌خواهم).
    - A zero width joiner between emoji (symbols, modifiers or variation
      selectors, but not the regional indicators of flags): an emoji ZWJ
      sequence (👩‍💻).
    """
    import unicodedata

    category = unicodedata.category
    if unicodedata.combining(before) == 9:
        return True
    if not after:
        return False
    if category(before)[0] in "LM" and category(after)[0] in "LM":
        names = (unicodedata.name(before, ""), unicodedata.name(after, ""))
        return all(name.startswith(_JOINING_SCRIPTS) for name in names)
    if joiner != _ZWJ:
        return False
    flags = "\U0001f1e6" <= before <= "\U0001f1ff" or "\U0001f1e6" <= after <= "\U0001f1ff"
    return {category(before), category(after)} <= {"So", "Sk", "Mn", "Me"} and not flags


def visible(text: str) -> str:
    r"""Replace every control, bidirectional, format or unassigned character with a visible escape.

    ``"a\x1b[31mb"`` becomes ``"a\\x1b[31mb"``; a right-to-left override
    becomes ``\\u202e``. A backslash is kept as it is, and so is printable
    text, in every script. Three kinds of format character belong to
    ordinary writing and are kept where they do that job, following
    Unicode's own rules for them:

    - the zero width joiner and non-joiner (U+200D, U+200C) after a virama
      (the conjuncts, half forms and chillus of Indic scripts), between letters of a
      joining script (Persian می‌خواهم), and the joiner inside an emoji
      sequence (👩‍💻); anywhere else (in Latin text, alone, doubled, beside
      a space or punctuation) they join nothing, only hide, and are escaped;
    - the tag characters of an emoji tag sequence (a black flag, tags, and
      the cancel tag: the flags of Scotland, England and Wales);
    - the prepended concatenation marks (U+0600 to U+0605 and the like),
      visible signs of Arabic, Syriac and Kaithi.

    Bidirectional controls (overrides, embeddings, isolates and marks), C0
    and C1 controls, and every other invisible character stay escaped.
    """
    if _ASCII_PRINTABLE.fullmatch(text):
        return text
    import unicodedata

    category = unicodedata.category
    kept = {index for match in _TAGS.finditer(text) for index in range(match.start() + 1, match.end())}
    last = len(text) - 1

    def shown_as_is(index: int, char: str) -> bool:
        if " " <= char < "\x7f" or category(char) not in _INVISIBLE_CATEGORIES:
            return True
        if char in _PREPENDED or index in kept:
            return True
        if char not in (_ZWJ, _ZWNJ) or index == 0:
            return False
        return _joins(text[index - 1], char, text[index + 1] if index < last else "")

    out = [char if shown_as_is(index, char) else _escape_char(char) for index, char in enumerate(text)]
    return "".join(out)


def quote(value: object, limit: int = 60) -> str:
    """Quote a value found in user data for an error message: escaped and shortened."""
    if isinstance(value, str):
        text = value if len(value) <= limit else value[: limit - 1] + "…"
        return '"' + visible(text).replace('"', '\\"') + '"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    text = visible(repr(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"
