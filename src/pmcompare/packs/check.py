"""Checking a document's shape against the description of the fields in :mod:`.fields`.

Shape is what a parser decides: a table where a table belongs, a string
where text does, a list of them, a known field name, the required fields
there. Every problem of shape in a document is reported, each at its path;
what the values must hold beyond that is for the constructors to say.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .._text import quote
from .fields import ANY_SLUG, TABLES, TOP, Field
from .parse import MAX_DEPTH, NotANumber, TooLong

__all__ = ["Path", "check_document", "describe", "fits", "format_path"]

Path = tuple[str | int, ...]
Report = Callable[[Path, str], None]


def describe(value: Any) -> str:
    """What a value found in a document is, for "expected ..., found ..."."""
    if isinstance(value, NotANumber):
        return f"{value}, which is not a number JSON allows"
    if isinstance(value, TooLong):
        return f"an integer of {len(value.lstrip('-')):,} digits"
    if isinstance(value, str):
        return f"the string {quote(value)}"
    if isinstance(value, bool):
        return f"the boolean {quote(value)}"
    if isinstance(value, int):
        return f"the integer {quote(value)}"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return f"the float {value!r} (NaN or infinity)"
        return f"the float {value!r}"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return f"a list of {len(value)}"
    if value is None:
        return "null"
    return type(value).__name__


def format_path(parts: Path) -> str:
    """A path as written in problems: ``comparisons[2].differences[1].right``."""
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {quote(name)}{hint} (the fields are: {', '.join(allowed)})"


def _is_text(value: Any) -> bool:
    return type(value) is str or (isinstance(value, str) and not isinstance(value, NotANumber | TooLong))


def check_document(document: Any, report: Report, top_problem: Callable[[str], None]) -> dict[str, list[Any]] | None:
    """The entries of each top-level list, each its path and its table (None where its shape is wrong).

    None for a document that is not a pack at all.
    """
    if not isinstance(document, dict):
        top_problem(f"expected a table with 'concepts' and 'comparisons' or 'lineups', found {describe(document)}")
        return None
    for name in document:
        if name != "$schema" and name not in TOP:
            report((name,), _suggest(name, tuple(TOP)))
    if not any(name in document for name in TOP):
        top_problem("expected 'concepts', 'comparisons' or 'lineups', found none of them")
        return None
    # A document of the right shape nests no deeper than a pack may; one of
    # the wrong shape may nest deeper, and is then refused for that alone.
    found: list[tuple[Path, str]] = []
    entries = _entries(document, lambda path, message: found.append((path, message)))
    if found and not _shallow(document, report):
        return None
    for path, message in found:
        report(path, message)
    return entries


def _entries(document: dict[str, Any], report: Report) -> dict[str, list[Any]]:
    if not _is_text(document.get("$schema", "")):
        report(("$schema",), f"expected a string, found {describe(document['$schema'])}")
    out: dict[str, list[Any]] = {}
    for name, table in TOP.items():
        value = document.get(name, [])
        if not isinstance(value, list):
            report((name,), f"expected a list of tables, found {describe(value)}")
            value = []
        entries: list[tuple[Path, dict[str, Any] | None]] = []
        for index, entry in enumerate(value):
            path = (name, index)
            if not isinstance(entry, dict):
                report(path, f"expected a table, found {describe(entry)}")
                entries.append((path, None))
            else:
                entries.append((path, entry if _table(path, entry, table, report) else None))
        out[name] = entries
    return out


def fits(value: Any, table: str) -> bool:
    """Whether ``value`` has the shape of a ``table`` table (reporting nothing)."""
    return isinstance(value, dict) and _table((), value, table, lambda path, message: None)


def _shallow(document: Any, report: Report) -> bool:
    """Whether the document nests no deeper than any valid pack does; a problem where it does."""
    stack: list[tuple[Any, Path, int]] = [(document, (), 1)]
    while stack:
        value, parts, depth = stack.pop()
        if isinstance(value, dict | list):
            if depth > MAX_DEPTH:
                report(parts, f"nested {depth} levels deep; no valid pack nests more than {MAX_DEPTH}")
                return False
            items = value.items() if isinstance(value, dict) else enumerate(value)
            stack.extend((child, (*parts, k), depth + 1) for k, child in items)
    return True


_NAMES = {table: tuple(f.name for f in fields if f.name != ANY_SLUG) for table, fields in TABLES.items()}
_KNOWN = {table: frozenset(names) for table, names in _NAMES.items()}
# Each table's fields as (name, whether plain text is all it takes, required, field).
_SPECS = {
    table: tuple((f.name, f.kind in ("text", "slug", "url"), f.required, f) for f in fields if f.name != ANY_SLUG)
    for table, fields in TABLES.items()
}
# The tables whose other keys are concept slugs, and the field each such key is.
_ANY = {table: f for table, fields in TABLES.items() for f in fields if f.name == ANY_SLUG}


def _table(path: Path, entry: dict[str, Any], table: str, report: Report) -> bool:
    ok = True
    names = _NAMES[table]
    if not entry.keys() <= _KNOWN[table]:
        any_slug = _ANY.get(table)
        for name in entry:
            if name in names:
                continue
            if any_slug is not None:  # a concept's statement; which concepts, the builder knows
                ok = _value((*path, name), entry[name], any_slug, report) and ok
            else:
                report((*path, name), _suggest(name, names))
                ok = False
    for name, textual, required, field in _SPECS[table]:
        value = entry.get(name, _MISSING)
        if value is _MISSING:
            if required:
                report(path, f"missing the required field {name!r}")
                ok = False
        elif not (textual and type(value) is str):  # plain text, nearly always: nothing more to check
            ok = _value((*path, name), value, field, report) and ok
    return ok


_MISSING = object()


def _value(path: Path, value: Any, field: Field, report: Report) -> bool:
    kind = field.kind
    if kind in ("text", "slug", "url"):
        if not _is_text(value):
            report(path, f"expected a string, found {describe(value)}")
            return False
        return True
    if kind in ("texts", "slugs"):
        if not isinstance(value, list):
            report(path, f"expected a list of strings, found {describe(value)}")
            return False
        bad = [(index, item) for index, item in enumerate(value) if not _is_text(item)]
        for index, item in bad:
            report((*path, index), f"expected a string, found {describe(item)}")
        return not bad
    if kind == "year":
        if isinstance(value, bool) or not isinstance(value, int):
            report(path, f"expected an integer year, found {describe(value)}")
            return False
        return True
    assert field.table is not None
    if kind == "table":
        return _item(path, value, field, report)
    if not isinstance(value, list):
        report(path, f"expected a list of tables, found {describe(value)}")
        return False
    if len(value) < field.min_items:
        report(path, f"expected at least one {field.table}, found none")
        return False
    # A list, not a generator: every bad item is reported, not just the first.
    return all([_item((*path, index), item, field, report) for index, item in enumerate(value)])  # noqa: C419


def _item(path: Path, value: Any, field: Field, report: Report) -> bool:
    assert field.table is not None
    if field.text_ok and _is_text(value):
        return True
    if isinstance(value, dict):
        return _table(path, value, field.table, report)
    expected = "a table or a string" if field.text_ok else "a table"
    report(path, f"expected {expected}, found {describe(value)}")
    return False
