"""Where a path inside a document is in its text: one pass over the file, then a lookup per problem.

The parsers give no positions for what they read, so a problem in an
otherwise valid file (an unknown field, a blank text) is located by reading
the text once more with a scanner that knows the syntax as far as lines go:
strings of every kind (so a ``[[concepts]]`` inside a multi-line string is no
header), comments, quoted and dotted keys, arrays and inline tables. It
records the line of every key and every list item by its path, so each
problem is then found in a dictionary, however many there are. Lines are
counted at ``\\n`` only, as TOML and JSON count them (not at U+2028 or U+0085).
The text has already been parsed, so it is valid: the scanner does not check.
"""

from __future__ import annotations

import contextlib
import re
from bisect import bisect_right
from collections.abc import Callable

__all__ = ["Lines", "json_lines", "toml_lines"]

Path = tuple[str | int, ...]

# Recorded paths go no deeper than this: no valid pack nests deeper, and a
# header of thousands of dotted parts must not cost a tuple of each length.
_DEEPEST = 8

_WS = re.compile(r"[ \t\r\n]*")  # whitespace and newlines (a comment is skipped apart)
_TOML_BLANK = re.compile(r"(?:[ \t\r\n]+|#[^\n]*)*")
_TOML_STRING = re.compile(
    r'"""(?:[^"\\]+|\\.|"{1,2}(?!"))*"{3,5}'
    r"|'''(?:[^']+|'{1,2}(?!'))*'{3,5}"
    r'|"(?:[^"\\\n]+|\\.)*"'
    r"|'[^'\n]*'",
    re.DOTALL,
)
_TOML_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_TOML_SCALAR = re.compile(r"[^,\]}\n#\"']+")
_JSON_STRING = re.compile(r'"(?:[^"\\]+|\\.)*"', re.DOTALL)
_JSON_SCALAR = re.compile(r"[^,\]}\s]+")


class Lines:
    """The lines of the paths recorded in one text; :meth:`of` answers for any path by its nearest recorded part."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self.paths: dict[Path, int] = {}
        # For JSON: each key repeated within its object, in the order the
        # parser closes objects (post-order): (object number, key, line).
        self.repeats: list[tuple[int, str, int]] = []

    def line(self, position: int) -> int:
        return bisect_right(self._newlines, position - 1) + 1

    def record(self, path: Path, position: int) -> None:
        if len(path) <= _DEEPEST:
            self.paths.setdefault(path, self.line(position))

    def record_all(self, path: Path, position: int) -> None:
        """Record ``path`` and each part of it not recorded yet, as a header opens them all."""
        for end in range(1, min(len(path), _DEEPEST) + 1):
            self.record(path[:end], position)

    def of(self, path: Path) -> int | None:
        """The line of ``path``, or of the nearest part of it that was recorded; None if none was."""
        for end in range(min(len(path), _DEEPEST), 0, -1):
            found = self.paths.get(path[:end])
            if found is not None:
                return found
        return None


def _key_text(token: str, unquote: Callable[[str], str]) -> str:
    if token[0] == "'":
        return token[1:-1]
    if token[0] == '"':
        return token[1:-1] if "\\" not in token else unquote(token)
    return token


def _json_unquote(token: str) -> str:
    import json

    try:
        value = json.loads(token)
    except ValueError:
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]


def toml_lines(text: str) -> Lines:
    """The lines of every table, key and list item in a valid TOML text."""
    lines = Lines(text)
    # Deeper than any pack, or text the parser took and this misreads: fewer lines known.
    with contextlib.suppress(RecursionError, IndexError, ValueError):
        _Toml(text, lines).document()
    return lines


class _Scanner:
    """What the TOML and JSON scanners share: an array, each item's line recorded."""

    text: str
    pos: int
    lines: Lines

    def blank(self) -> None:
        raise NotImplementedError

    def value(self, path: Path) -> None:
        raise NotImplementedError

    def array(self, path: Path) -> None:
        """From a "[" to its "]": each item's line recorded under its index."""
        text = self.text
        self.pos += 1
        index = 0
        while True:
            self.blank()
            if text.startswith("]", self.pos):
                self.pos += 1
                return
            if text.startswith(",", self.pos):
                self.pos += 1
                continue
            self.lines.record((*path, index), self.pos)
            self.value((*path, index))
            index += 1


class _Toml(_Scanner):
    def __init__(self, text: str, lines: Lines) -> None:
        self.text, self.lines, self.pos = text, lines, 0
        self.arrays: dict[Path, int] = {}  # an array of tables, by its resolved path -> its last index

    def blank(self) -> None:
        self.pos = _TOML_BLANK.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def spaces(self) -> None:
        while self.text.startswith((" ", "\t"), self.pos):
            self.pos += 1

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.spaces()
            match = _TOML_STRING.match(self.text, self.pos) or _TOML_BARE_KEY.match(self.text, self.pos)
            if match is None:
                return parts
            if len(parts) < _DEEPEST:
                parts.append(_key_text(match.group(), _json_unquote))
            self.pos = match.end()
            self.spaces()
            if not self.text.startswith(".", self.pos):
                return parts
            self.pos += 1

    def document(self) -> None:
        table: Path = ()
        text = self.text
        while True:
            self.blank()
            if self.pos >= len(text):
                return
            start = self.pos
            if text.startswith("[[", start):
                self.pos += 2
                table = self.header(self.key(), array=True)
                self.pos = text.index("]]", self.pos) + 2
                self.lines.record_all(table, start)
            elif text.startswith("[", start):
                self.pos += 1
                table = self.header(self.key(), array=False)
                self.pos = text.index("]", self.pos) + 1
                self.lines.record_all(table, start)
            else:
                self.pair(table)

    def header(self, names: list[str], *, array: bool) -> Path:
        path: Path = ()
        for depth, name in enumerate(names, 1):
            path = (*path, name)
            if array and depth == len(names):
                index = self.arrays[path] = self.arrays.get(path, -1) + 1
                path = (*path, index)
            elif path in self.arrays:
                path = (*path, self.arrays[path])
        return path

    def pair(self, table: Path) -> None:
        start = self.pos
        path = (*table, *self.key())
        self.lines.record(path, start)
        self.spaces()
        self.pos += 1  # the "="
        self.spaces()
        self.value(path)

    def value(self, path: Path) -> None:
        text, start = self.text, self.pos
        if text.startswith("[", start):
            self.array(path)
        elif text.startswith("{", start):
            self.pos += 1
            while True:
                self.spaces()
                if text.startswith("}", self.pos):
                    self.pos += 1
                    return
                if text.startswith(",", self.pos):
                    self.pos += 1
                    continue
                self.pair(path)
        else:
            match = _TOML_STRING.match(text, start) or _TOML_SCALAR.match(text, start)
            self.pos = match.end() if match else start + 1


def json_lines(text: str) -> Lines:
    """The lines of every key and list item in a valid JSON text, and the keys repeated within an object."""
    lines = Lines(text)
    with contextlib.suppress(RecursionError, IndexError):
        _Json(text, lines).value(())
    return lines


class _Json(_Scanner):
    def __init__(self, text: str, lines: Lines) -> None:
        self.text, self.lines, self.pos = text, lines, 0
        self.closed = 0  # objects closed so far, in the order the parser's hook sees them

    def blank(self) -> None:
        self.pos = _WS.match(self.text, self.pos).end()  # type: ignore[union-attr]

    def value(self, path: Path) -> None:
        self.blank()
        text, start = self.text, self.pos
        if text.startswith("{", start):
            self.object(path)
        elif text.startswith("[", start):
            self.array(path)
        else:
            match = _JSON_STRING.match(text, start) or _JSON_SCALAR.match(text, start)
            self.pos = match.end() if match else start + 1

    def object(self, path: Path) -> None:
        text = self.text
        self.pos += 1
        seen: set[str] = set()
        repeats: list[tuple[str, int]] = []
        while True:
            self.blank()
            if text.startswith("}", self.pos):
                self.pos += 1
                break
            if text.startswith(",", self.pos):
                self.pos += 1
                continue
            match = _JSON_STRING.match(text, self.pos)
            if match is None:
                raise IndexError(self.pos)  # not JSON after all: stop here
            name = _key_text(match.group(), _json_unquote)
            line = self.lines.line(self.pos)
            if name in seen:
                repeats.append((name, line))
            seen.add(name)
            if len(path) < _DEEPEST:
                # The parser keeps the last of repeated keys: so is the line.
                self.lines.paths[(*path, name)] = line
            self.pos = match.end()
            self.blank()
            self.pos += 1  # the ":"
            self.value((*path, name))
        self.lines.repeats.extend((self.closed, name, line) for name, line in repeats)
        self.closed += 1
