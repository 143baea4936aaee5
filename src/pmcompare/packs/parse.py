"""Turning a file's bytes into a document: UTF-8 text, then TOML or JSON.

Each function returns what it could read and adds a :class:`~pmcompare.Problem`
for what it could not; nothing here raises for a bad file.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from .._text import quote, visible
from ..errors import Problem

__all__ = ["MAX_DEPTH", "NotANumber", "TooLong", "decode", "parse"]

MAX_DEPTH = 5
"""How deep a valid pack nests lists and tables: document, list, entry, list, entry."""


class NotANumber(str):
    """JSON's NaN or Infinity, kept so that it is reported rather than read as a number."""

    __slots__ = ()


class TooLong(str):
    """An integer with more digits than Python turns into a number, kept as its digits to be reported."""

    __slots__ = ()


_TOO_DEEP = f"nesting too deep to read; no valid pack nests more than {MAX_DEPTH} levels"


def decode(label: str, data: bytes, problems: list[Problem]) -> str | None:
    """The file's text, read as UTF-8 (a byte-order mark dropped), or None."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        problems.append(
            Problem(label, 1, "", "expected UTF-8 text, found a UTF-16 byte-order mark; save the file as UTF-8")
        )
        return None
    # A UTF-8 byte-order mark is accepted and dropped (editors on Windows
    # add one); it is documented in the pack format.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        bad = data[error.start : error.start + 4]
        problems.append(
            Problem(label, line, "", f"expected UTF-8 text, found the bytes {bad!r} at byte {error.start}")
        )
        return None


def parse(label: str, text: str, problems: list[Problem]) -> Any:
    """The document in ``text``, TOML or JSON by the file's suffix; None if it cannot be read."""
    return (_json if label.endswith(".json") else _toml)(label, text, problems)


def _digits_limit() -> int:
    return sys.get_int_max_str_digits() or sys.maxsize


# tomllib takes time quadratic in the parts of a dotted key (a.b.c...): 25,000
# parts take seconds, 50,000 half a minute. No pack needs more than a few, so
# a run of more than MAX_KEY_PARTS key parts joined by dots, anywhere in the
# text, is refused before parsing. The pattern starts only where a word
# starts and is atomic and possessive, so looking costs about one pass; a run
# inside a string is refused too, which costs a pack nothing, as no sentence
# holds one.
MAX_KEY_PARTS = 64
_LONG_KEY = re.compile(
    r"(?<![A-Za-z0-9_-])(?>(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')[ \t]*+\.[ \t]*+)"
    "{" + str(MAX_KEY_PARTS) + "}"
)


def _toml(label: str, text: str, problems: list[Problem]) -> Any:
    import tomllib

    long_key = _LONG_KEY.search(text)
    if long_key is not None:
        message = f"expected a key of at most {MAX_KEY_PARTS} dotted parts, found more"
        problems.append(Problem(label, text.count("\n", 0, long_key.start()) + 1, "", message))
        return None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        match = re.search(r"\s*\(at line (\d+), column (\d+)\)$", message)
        line = None
        if match:
            line = int(match.group(1))
            message = f"{message[: match.start()]} (column {match.group(2)})"
        elif "end of document" in message:
            line = text.count("\n") + 1
        problems.append(Problem(label, line, "", f"invalid TOML: {visible(message)}"))
    except RecursionError:
        problems.append(Problem(label, None, "", _TOO_DEEP))
    except ValueError:
        # tomllib lets int() refuse an integer of too many digits.
        limit = _digits_limit()
        found = re.search(r"(?<![\w.])[+-]?[0-9][0-9_]{%d,}" % (limit - 1), text)  # noqa: UP031
        line = None if found is None else text.count("\n", 0, found.start()) + 1
        problems.append(Problem(label, line, "", f"invalid TOML: an integer of more than {limit:,} digits"))
    return None


def _json(label: str, text: str, problems: list[Problem]) -> Any:
    import json

    repeated: list[tuple[int, str]] = []  # (object number in the order objects close, key)
    closed = 0

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal closed
        table = dict(items)
        if len(table) != len(items):
            seen: set[str] = set()
            for name, _ in items:
                if name in seen:
                    repeated.append((closed, name))
                seen.add(name)
        closed += 1
        return table

    limit = _digits_limit()

    def integer(digits: str) -> int | TooLong:
        return int(digits) if len(digits.lstrip("-")) <= limit else TooLong(digits)

    try:
        document = json.loads(text, object_pairs_hook=pairs, parse_constant=NotANumber, parse_int=integer)
    except json.JSONDecodeError as error:
        problems.append(Problem(label, error.lineno, "", f"invalid JSON: {error.msg} (column {error.colno})"))
        return None
    except RecursionError:
        problems.append(Problem(label, None, "", _TOO_DEEP))
        return None
    if repeated:
        from .lines import json_lines

        found: dict[tuple[int, str], list[int]] = {}
        for number, name, line in json_lines(text).repeats:
            found.setdefault((number, name), []).append(line)
        for number, name in repeated:
            lines = found.get((number, name))
            message = f"duplicate key {quote(name)}: each key may appear once in an object"
            problems.append(Problem(label, lines.pop(0) if lines else None, "", message))
    return document
