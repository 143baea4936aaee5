"""Small text helpers shared by the model, the packs reader, the renderers and the CLI."""

from __future__ import annotations

import functools
import re

__all__ = ["flatten", "is_kebab", "key", "quote", "slugify", "visible"]

_KEBAB = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")

# Control (Cc), format (Cf: bidi overrides, zero-width characters, BOM),
# surrogates (Cs), unassigned (Cn) and line/paragraph separators: any of
# these written raw to a terminal can move the cursor, reorder text or hide it.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})
_ASCII_PRINTABLE = re.compile(r"[\x20-\x7e]*")
_visible_cache: dict[str, str] = {}


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


def visible(text: str) -> str:
    r"""Replace every control, format or unassigned character with a visible escape.

    ``"a\x1b[31mb"`` becomes ``"a\\x1b[31mb"``; a right-to-left override
    becomes ``\\u202e``. A backslash is kept as it is. Printable text is
    unchanged.
    """
    if _ASCII_PRINTABLE.fullmatch(text):
        return text
    import unicodedata

    category = unicodedata.category
    out = []
    for char in text:
        if char < "\x7f" and char >= " ":
            out.append(char)
            continue
        escaped = _visible_cache.get(char)
        if escaped is None:
            escaped = _escape_char(char) if category(char) in _INVISIBLE_CATEGORIES else char
            if len(_visible_cache) < 4096:
                _visible_cache[char] = escaped
        out.append(escaped)
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
