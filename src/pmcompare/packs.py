"""Reading and checking data packs: TOML or JSON files, or folders of them.

A pack is a document with two optional lists, ``concepts`` and
``comparisons`` (see ``docs/pack-format.md``). Reading a pack collects every
problem in it before anything is added, so a bad pack never half-loads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from os import PathLike, fspath
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ._text import key, quote, slugify, visible
from .errors import ConflictError, DataError, PackWarning, Problem, UnknownConceptError
from .model import Comparison, Concept, Difference, Source, _comparison_from_plain, _differences_from_tables

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .registry import Registry

__all__ = [
    "ENTRY_POINT_GROUP",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "bundled_data",
    "load_default",
    "pack_files",
    "pack_schema",
    "read_pack",
]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest file a pack may hold (32 MiB); a larger one is refused unread."""

MAX_DEPTH = 5
"""How deep a valid pack nests lists and tables: document, list, entry, list, entry."""

ENTRY_POINT_GROUP = "pmcompare.packs"
"""The entry point group under which installed packages offer data packs."""

_SUFFIXES = (".toml", ".json")


class _Readable(Protocol):
    name: str

    def read_bytes(self) -> bytes: ...


def bundled_data() -> Traversable:
    """The folder of the data pack that ships inside pmcompare."""
    folder = Path(__file__).parent / "data"
    if folder.is_dir():
        # Installed as files, as nearly always: importlib.resources, which
        # costs more to import than reading the data, is not needed.
        return folder
    from importlib.resources import files

    return files("pmcompare") / "data"


# -- finding and parsing files -------------------------------------------


class _Reader:
    """Collects the problems of one pack as its files are read and checked."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.non_finite: set[str] = set()  # the files where JSON has NaN or Infinity
        # The label of the bundled data folder, with a slash, when that is
        # what is read: its files' documents may come from the cache.
        self.bundled: str | None = None
        # For each JSON file, the rows its quick pass built (None: the file
        # is not plain), as that pass is made while the file is parsed.
        self.quick: dict[str, list[list[Difference]] | None] = {}
        # The sources of plain entries, by their title and address.
        self.sources: dict[tuple[str, str | None], Source] = {}

    def problem(self, file: str | None, line: int | None, path: str, message: str) -> None:
        self.problems.append(Problem(file, line, path, message))

    def files(self, source: str | PathLike[str] | Traversable) -> list[tuple[str, _Readable]]:
        root: Any = Path(fspath(source)) if isinstance(source, str | PathLike) else source
        label = str(root)
        if root.is_dir():
            found = sorted(_walk(root), key=lambda pair: pair[0])
            if not found:
                self.problem(label, None, "", "expected .toml or .json files in this folder, found none")
            return [(f"{label}/{rel}", item) for rel, item in found]
        if not root.is_file():
            self.problem(label, None, "", "no such file or folder")
            return []
        if not root.name.endswith(_SUFFIXES):
            self.problem(label, None, "", "expected a .toml or .json file")
            return []
        return [(label, root)]

    def parse(self, label: str, item: _Readable) -> tuple[Any, str] | None:
        """The parsed document and its text, or None (with problems noted)."""
        size = _size(item)
        if size is not None and size > MAX_FILE_BYTES:
            self.problem(label, None, "", _too_big(size))
            return None
        data = item.read_bytes()
        if len(data) > MAX_FILE_BYTES:
            self.problem(label, None, "", _too_big(len(data)))
            return None
        text = self._decode(label, data)
        if text is None:
            return None
        if self.bundled is not None and label.startswith(self.bundled):
            from . import _bundled

            document = _bundled.parsed(label[len(self.bundled) :], data)
            if document is not None:
                return document, text
        del data  # as big as the text, and no longer needed: freed before the document is built
        parse = self._parse_json if label.endswith(".json") else self._parse_toml
        document = parse(label, text)
        return None if document is None else (document, text)

    def _decode(self, label: str, data: bytes) -> str | None:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            self.problem(label, 1, "", "expected UTF-8 text, found a UTF-16 byte-order mark; save the file as UTF-8")
            return None
        if data.startswith(b"\xef\xbb\xbf"):
            # A UTF-8 byte-order mark is accepted and dropped (editors on
            # Windows add one); it is documented in the pack format.
            data = data[3:]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            bad = data[error.start : error.start + 4]
            self.problem(label, line, "", f"expected UTF-8 text, found the bytes {bad!r} at byte {error.start}")
            return None

    def _parse_toml(self, label: str, text: str) -> Any:
        import tomllib

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
            self.problem(label, line, "", f"invalid TOML: {visible(message)}")
        except RecursionError:
            self.problem(label, None, "", f"nesting too deep to read; no valid pack nests more than {MAX_DEPTH} levels")
        return None

    def _parse_json(self, label: str, text: str) -> Any:
        import json

        duplicates: list[str] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            table = dict(items)
            if len(table) != len(items):  # a key repeats: find which, in order
                seen: set[str] = set()
                for name, _ in items:
                    if name in seen:
                        duplicates.append(name)
                    seen.add(name)
            return table

        def non_finite(name: str) -> _NonFinite:
            self.non_finite.add(label)
            return _NonFinite(name)

        # First without the hook, which costs a Python call for each of the
        # 80,000 objects of a 10,000-comparison pack and makes the parse a
        # third slower. The quick pass counts the strings of the document on
        # its way, and if the text holds no more, no key was lost to a
        # repeat. Anything else (a key that may repeat, a document that is
        # not plain, a parse error) is parsed again, with the hook, as ever.
        quick = None
        try:
            document = json.loads(text, parse_constant=non_finite)
        except (json.JSONDecodeError, RecursionError):
            pass
        else:
            quick = None if label in self.non_finite else _plain_document(document)
            if quick is not None and _no_lost_keys(text, quick[1]):
                self.quick[label] = quick[0]
                return document
        first = document if quick is not None else None
        try:
            document = json.loads(text, object_pairs_hook=pairs, parse_constant=non_finite)
        except json.JSONDecodeError as error:
            self.problem(label, error.lineno, "", f"invalid JSON: {error.msg} (column {error.colno})")
            return None
        except RecursionError:
            self.problem(label, None, "", f"nesting too deep to read; no valid pack nests more than {MAX_DEPTH} levels")
            return None
        for name in duplicates:
            line = _json_key_line(text, name)
            self.problem(label, line, "", f"duplicate key {quote(name)}: each key may appear once in an object")
        if duplicates:
            return document  # checked as before, with its own quick pass
        # No key repeats after all (the count cannot tell for some escapes):
        # the first document is the same, and so is what its quick pass found.
        if quick is None:
            self.quick[label] = None
            return document
        self.quick[label] = quick[0]
        return first


def _no_lost_keys(text: str, strings: int) -> bool:
    r"""Whether the document parsed (with no hook) from the JSON ``text``, holding ``strings`` strings, lost no key.

    ``strings`` counts the keys and the string values in the document. In
    JSON text a quote opens or closes a string, or is escaped (``\"``)
    inside one, so the text holds (quotes - escaped quotes) / 2 strings.
    The document holds each of them but those lost to a repeated key: the
    first key and the value it had, with all inside. A repeated key thus
    makes the document hold fewer strings than the text does.

    The escaped quotes are counted low, never high: a backslash and a quote
    count as one unless a backslash comes before them (``\\"`` is an
    escaped backslash and then the closing quote; ``\\\"``, left out too,
    an escaped backslash and then an escaped quote). Counted low, the text
    seems to hold more strings than it does, never fewer, so when the counts
    agree nothing was lost. When they do not, the caller parses the text
    again, with the hook, to find the repeated key.
    """
    quotes = text.count('"')
    if "\\" in text:
        escaped = text.count('\\"')
        if escaped:
            escaped -= text.count('\\\\"')
        quotes -= escaped
    return quotes == 2 * strings


class _NonFinite(str):
    """JSON's NaN or Infinity, kept so that it is reported rather than read as a number."""

    __slots__ = ()


def pack_files(path: str | PathLike[str]) -> list[Path]:
    """The files that make up the pack at ``path``: the file itself, or the pack files of a folder.

    These are exactly the files :meth:`Registry.load <pmcompare.Registry.load>`
    reads, in its order; the documentation integrations note them as
    dependencies of a page.
    """
    root = Path(fspath(path))
    if root.is_dir():
        return [file for _, file in sorted(_walk(root), key=lambda pair: pair[0])]
    return [root]


def _too_big(size: int) -> str:
    return f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found {size:,} bytes"


def _walk(root: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    for child in root.iterdir():
        if child.name.startswith((".", "_")):
            continue
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            yield from _walk(child, rel + "/")
        elif child.name.endswith(_SUFFIXES):
            yield rel, child


def _size(item: Any) -> int | None:
    if isinstance(item, Path):
        try:
            return item.stat().st_size
        except OSError:
            return None
    return None


def _json_key_line(text: str, name: str) -> int | None:
    import json

    needle = json.dumps(name)
    positions = [m.start() for m in re.finditer(re.escape(needle) + r"\s*:", text)]
    if len(positions) < 2:
        return None
    return text.count("\n", 0, positions[1]) + 1


# -- locating a path in a TOML file ---------------------------------------

_TOML_HEADER = re.compile(r"\s*(\[\[?)\s*([A-Za-z0-9_.\- \"]+?)\s*\]\]?\s*(?:#.*)?$")
_TOML_KEY = re.compile(r"\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")


def _toml_line(text: str, target: tuple[str | int, ...]) -> int | None:
    """The line in hand-written TOML where ``target`` is, as near as headers and keys tell."""
    counts: dict[tuple[str, ...], int] = {}
    table: tuple[str | int, ...] = ()
    best_line, best_len = None, 0
    for lineno, line in enumerate(text.splitlines(), 1):
        header = _TOML_HEADER.match(line)
        if header:
            names = tuple(part.strip().strip('"') for part in header.group(2).split("."))
            if header.group(1) == "[[":
                counts[names] = counts.get(names, -1) + 1
                for other in [k for k in counts if len(k) > len(names) and k[: len(names)] == names]:
                    del counts[other]
            path: list[str | int] = []
            for depth in range(1, len(names) + 1):
                path.append(names[depth - 1])
                if names[:depth] in counts:
                    path.append(counts[names[:depth]])
            table = tuple(path)
            here = table
        else:
            entry = _TOML_KEY.match(line)
            if not entry:
                continue
            here = (*table, entry.group(1).strip('"'))
        matched = _common(here, target)
        if matched == len(here) and matched > best_len:
            best_line, best_len = lineno, matched
    return best_line


def _common(a: tuple[str | int, ...], b: tuple[str | int, ...]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


# -- checking a document's shape ------------------------------------------


def _kind(value: Any) -> str:
    if isinstance(value, _NonFinite):
        return f"{value}, which is not a number JSON allows"
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


def _format_path(parts: tuple[str | int, ...]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def _suggest(name: str, allowed: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown field {quote(name)}{hint} (the fields are: {', '.join(allowed)})"


_CONCEPT_FIELDS = {"slug": False, "name": True, "definition": True, "aliases": False}
_COMPARISON_FIELDS = {
    "left": True,
    "right": True,
    "summary": False,
    "differences": True,
    "sources": False,
    "similarities": False,
    "tags": False,
}
_DIFFERENCE_FIELDS = {"aspect": True, "left": True, "right": True}
_SOURCE_FIELDS = {"title": True, "url": False}
_TOP_FIELDS = ("$schema", "concepts", "comparisons")
_LISTS = frozenset({"aliases", "similarities", "tags"})
_TOP_KEYS = frozenset(_TOP_FIELDS)
_NESTED = frozenset({"differences", "sources"})
# The required fields of each spec above, by the spec's id (the specs are
# constants, and a dict cannot be a key).
_REQUIRED = {
    id(spec): frozenset(name for name, required in spec.items() if required)
    for spec in (_CONCEPT_FIELDS, _COMPARISON_FIELDS, _DIFFERENCE_FIELDS, _SOURCE_FIELDS)
}


def _plain_text(value: Any) -> bool:
    return type(value) is str and bool(value) and not value.isspace()


def _plain(entry: Any, spec: dict[str, bool]) -> bool:
    """Whether a table is plainly right: known fields, the required ones there, non-blank strings.

    Lists of tables (``differences``, ``sources``) are left to the caller.
    """
    if type(entry) is not dict or not _REQUIRED[id(spec)] <= entry.keys() <= spec.keys():
        return False
    for name, value in entry.items():
        if name in _LISTS:
            if type(value) is not list or not all(_plain_text(item) for item in value):
                return False
        elif name in _NESTED:
            if type(value) is not list:
                return False
        elif not _plain_text(value) and not (name == "summary" and type(value) is str):
            return False
    return True


def _plain_document(document: Any) -> tuple[list[list[Difference]], int] | None:
    """Whether a whole document is plainly right, as nearly every pack is, checked in one quick pass.

    Such a document nests no deeper than :data:`MAX_DEPTH` and needs none of
    the field-by-field checks that say what is wrong with the others. For
    one, the rows of each comparison, built on the way, and the number of
    strings in it, keys and values (which :func:`_no_lost_keys` needs); for
    others, None. A document with JSON's NaN or Infinity is never plain (the
    caller knows which are, from the parser).
    """
    if type(document) is not dict or not document.keys() <= _TOP_KEYS:
        return None
    if type(document.get("$schema", "")) is not str:
        return None
    concepts, comparisons = document.get("concepts", []), document.get("comparisons", [])
    if type(concepts) is not list or type(comparisons) is not list:
        return None
    strings = len(document) + ("$schema" in document)
    for entry in concepts:
        if not _plain(entry, _CONCEPT_FIELDS):
            return None
        strings += len(entry) + sum(len(value) if type(value) is list else 1 for value in entry.values())
    rows = []
    for entry in comparisons:
        plain = _plain_comparison(entry)
        if plain is None:
            return None
        rows.append(plain[0])
        strings += plain[1]
    return rows, strings


_COMPARISON_KEYS = _COMPARISON_FIELDS.keys()
_COMPARISON_REQUIRED = _REQUIRED[id(_COMPARISON_FIELDS)]
_SOURCE_KEYS = _SOURCE_FIELDS.keys()
_SOURCE_REQUIRED = _REQUIRED[id(_SOURCE_FIELDS)]
_NOT_TEXT = _LISTS | _NESTED  # the fields that hold lists


def _plain_comparison(entry: Any) -> tuple[list[Difference], int] | None:
    """The rows and the number of strings of a comparison that is plainly right (as :func:`_plain` says); or None.

    Comparisons are the bulk of a pack, so this is :func:`_plain` written
    out for them, with no call per field or per string. The rows are
    checked by building them, as Difference would (the parsers make no
    subclass of str but ``_NonFinite``, and a document with one is never
    plain), which saves going over them again to build them. The strings
    counted are all those in the entry, keys and values.
    """
    if type(entry) is not dict or not _COMPARISON_REQUIRED <= entry.keys() <= _COMPARISON_KEYS:
        return None
    built: list[Difference] = []
    strings = len(entry)
    for name, value in entry.items():
        if type(value) is str:
            if name in _NOT_TEXT or (name != "summary" and (not value or value.isspace())):  # a summary may be blank
                return None
            strings += 1
        elif type(value) is not list:
            return None
        elif name in _LISTS:
            for text in value:
                if type(text) is not str or not text or text.isspace():
                    return None
            strings += len(value)
        elif name == "differences":
            rows = _differences_from_tables(value)
            if rows is None:
                return None
            built = rows
            strings += 6 * len(rows)  # three keys and three texts each
        elif name == "sources":
            for source in value:
                if type(source) is str:
                    if not source or source.isspace():
                        return None
                    strings += 1
                elif type(source) is dict and _SOURCE_REQUIRED <= source.keys() <= _SOURCE_KEYS:
                    for text in source.values():
                        if type(text) is not str or not text or text.isspace():
                            return None
                    strings += 2 * len(source)
                else:
                    return None
        else:  # a list where text belongs
            return None
    return built, strings


class _Document:
    """Checks one parsed file and builds its objects, reporting problems with file, line and path."""

    def __init__(self, reader: _Reader, label: str, document: Any, text: str) -> None:
        self.reader = reader
        self.label = label
        self.document = document
        self.source_text = text
        self.plain = False  # set by check_depth: nothing in the document needs checking field by field
        self.rows: list[list[Difference]] = []  # for a plain document, the rows of each comparison

    def problem(self, parts: tuple[str | int, ...], message: str) -> None:
        line = None
        if parts and self.label.endswith(".toml"):
            line = _toml_line(self.source_text, parts)
        self.reader.problem(self.label, line, _format_path(parts), message)

    def check_depth(self) -> bool:
        if self.label in self.reader.quick:
            rows = self.reader.quick[self.label]
        else:
            plain = None if self.label in self.reader.non_finite else _plain_document(self.document)
            rows = None if plain is None else plain[0]
        if rows is not None:
            self.plain, self.rows = True, rows
            return True
        stack: list[tuple[Any, tuple[str | int, ...], int]] = [(self.document, (), 1)]
        while stack:
            value, parts, depth = stack.pop()
            if isinstance(value, dict | list):
                if depth > MAX_DEPTH:
                    self.problem(parts, f"nested {depth} levels deep; no valid pack nests more than {MAX_DEPTH}")
                    return False
                items = value.items() if isinstance(value, dict) else enumerate(value)
                stack.extend((child, (*parts, k), depth + 1) for k, child in items)
        return True

    def entries(self, field: str) -> list[tuple[tuple[str | int, ...], dict[str, Any]]]:
        """The tables under a top-level list, each with its path; problems for the rest."""
        value = self.document.get(field, [])
        if not isinstance(value, list):
            self.problem((field,), f"expected a list of tables, found {_kind(value)}")
            return []
        out: list[tuple[tuple[str | int, ...], dict[str, Any]]] = []
        for index, entry in enumerate(value):
            if isinstance(entry, dict):
                out.append(((field, index), entry))
            else:
                self.problem((field, index), f"expected a table, found {_kind(entry)}")
        return out

    def check_top(self) -> bool:
        if not isinstance(self.document, dict):
            found = _kind(self.document)
            self.reader.problem(self.label, 1, "", f"expected a table with 'concepts' and 'comparisons', found {found}")
            return False
        for name in self.document:
            if name not in _TOP_FIELDS:
                self.problem((name,), _suggest(name, _TOP_FIELDS[1:]))
        if not any(name in self.document for name in _TOP_FIELDS[1:]):
            self.reader.problem(self.label, 1, "", "expected 'concepts' or 'comparisons', found neither")
            return False
        return True

    def fields(
        self, parts: tuple[str | int, ...], entry: dict[str, Any], spec: dict[str, bool]
    ) -> dict[str, Any] | None:
        """Check a table's fields against ``spec`` (name -> required); the checked values, or None."""
        if self.plain:
            return dict(entry)
        ok = True
        allowed = tuple(spec)
        for name in entry:
            if name not in spec:
                self.problem((*parts, name), _suggest(name, allowed))
                ok = False
        for name, required in spec.items():
            if name not in entry:
                if required:
                    self.problem(parts, f"missing the required field {name!r}")
                    ok = False
                continue
            value = entry[name]
            if name in _LISTS:
                ok = self.text_list((*parts, name), value) and ok
            elif name not in ("differences", "sources"):
                ok = self.text((*parts, name), value, blank_ok=name == "summary") and ok
        return dict(entry) if ok else None

    def text(self, parts: tuple[str | int, ...], value: Any, *, blank_ok: bool = False) -> bool:
        if not isinstance(value, str) or isinstance(value, _NonFinite):
            self.problem(parts, f"expected a string, found {_kind(value)}")
            return False
        if not blank_ok and (not value or value.isspace()):
            self.problem(parts, "expected text, found a blank string")
            return False
        return True

    def text_list(self, parts: tuple[str | int, ...], value: Any) -> bool:
        if not isinstance(value, list):
            self.problem(parts, f"expected a list of strings, found {_kind(value)}")
            return False
        # A list, not a generator: every bad item is reported, not just the first.
        return all([self.text((*parts, i), item) for i, item in enumerate(value)])  # noqa: C419

    def table_list(
        self,
        parts: tuple[str | int, ...],
        value: Any,
        spec: dict[str, bool],
        *,
        strings_ok: bool = False,
    ) -> list[Any] | None:
        if self.plain:
            return list(value)
        if not isinstance(value, list):
            self.problem(parts, f"expected a list of tables, found {_kind(value)}")
            return None
        out: list[Any] = []
        ok = True
        for index, item in enumerate(value):
            here = (*parts, index)
            if strings_ok and isinstance(item, str) and not isinstance(item, _NonFinite):
                ok = self.text(here, item) and ok
                out.append(item)
            elif isinstance(item, dict):
                checked = self.fields(here, item, spec)
                ok = checked is not None and ok
                out.append(checked)
            else:
                expected = "a table or a string" if strings_ok else "a table"
                self.problem(here, f"expected {expected}, found {_kind(item)}")
                ok = False
        return out if ok else None

    def build(
        self, parts: tuple[str | int, ...], factory: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> Any:
        try:
            return factory(*args, **kwargs)
        except (TypeError, ValueError) as error:
            self.problem(parts, visible(str(error)))
            return None

    def concepts(self, broken: set[str]) -> list[tuple[tuple[str | int, ...], Concept]]:
        """The concepts that build; the names of those that do not go into ``broken``."""
        built: list[tuple[tuple[str | int, ...], Concept]] = []
        for parts, entry in self.entries("concepts"):
            checked = self.fields(parts, entry, _CONCEPT_FIELDS)
            if checked is None:
                # Remember the broken concept's names, so that comparisons
                # using it do not each report it again as undefined.
                for field in ("name", "slug"):
                    if isinstance(entry.get(field), str):
                        broken.update((key(entry[field]), key(slugify(entry[field]))))
                continue
            concept = self.build(
                parts,
                Concept,
                checked["name"],
                checked["definition"],
                slug=checked.get("slug"),
                aliases=checked.get("aliases", ()),
            )
            if concept is not None:
                built.append((parts, concept))
            else:
                broken.update((key(checked["name"]), key(slugify(checked["name"]))))
        return built

    def comparisons(self) -> list[tuple[tuple[str | int, ...], dict[str, Any], list[Difference] | None]]:
        """The entries that pass the field checks, each with its path and, if built already, its rows."""
        out: list[tuple[tuple[str | int, ...], dict[str, Any], list[Difference] | None]] = []
        if self.plain:
            # Checked already, in the quick pass, and their rows built: the
            # entries are used as they are, with no copy and no second look
            # at each field.
            for index, (entry, rows) in enumerate(zip(self.document.get("comparisons", ()), self.rows)):
                if rows:
                    out.append((("comparisons", index), entry, rows))
                else:
                    self.problem(("comparisons", index, "differences"), _NO_DIFFERENCES)
            return out
        for parts, entry in self.entries("comparisons"):
            checked = self.fields(parts, entry, _COMPARISON_FIELDS)
            differences = self.table_list(
                (*parts, "differences"), entry.get("differences", []), _DIFFERENCE_FIELDS
            )
            sources = self.table_list(
                (*parts, "sources"), entry.get("sources", []), _SOURCE_FIELDS, strings_ok=True
            )
            if checked is None or differences is None or sources is None:
                continue
            if not differences:
                self.problem((*parts, "differences"), _NO_DIFFERENCES)
                continue
            checked["differences"] = differences
            checked["sources"] = sources
            out.append((parts, checked, None))
        return out


_NO_DIFFERENCES = "expected at least one difference, found none"


def read_pack(source: str | PathLike[str] | Traversable, *, into: Registry) -> tuple[Comparison, ...]:
    """Read the pack at ``source`` and register everything in it into ``into``.

    Raises :class:`~pmcompare.DataError` with every problem found; ``into``
    may then hold part of the pack, so callers pass a copy (as
    :meth:`Registry.load <pmcompare.Registry.load>` does).
    """
    import gc

    # Reading a pack makes hundreds of thousands of objects (the parsed
    # document, then the model objects), none of them in a reference cycle.
    # Each such burst makes CPython's cyclic collector run again and again
    # over the whole growing heap: a third of the time of a 10,000-comparison
    # pack went to it, for nothing to collect. So the collector is paused
    # while the pack is read, as Mercurial does when it builds large
    # structures, and put back as it was (objects are still freed as usual,
    # by reference counting). Two loads at once in two threads are safe: the
    # collector may come back on before the second ends, which only costs time.
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _read_pack(source, into)
    finally:
        if enabled:
            gc.enable()


def _read_pack(source: str | PathLike[str] | Traversable, into: Registry) -> tuple[Comparison, ...]:
    reader = _Reader()
    if str(source) == str(bundled_data()):
        reader.bundled = f"{source}/"
    documents = []
    for label, item in reader.files(source):
        parsed = reader.parse(label, item)
        if parsed is None:
            continue
        document = _Document(reader, label, *parsed)
        if document.check_top() and document.check_depth():
            documents.append(document)

    broken: set[str] = set()
    concepts = [(doc, parts, concept) for doc in documents for parts, concept in doc.concepts(broken)]
    for doc, parts, concept in concepts:
        try:
            into.register(concept)
        except ConflictError as error:
            doc.problem(parts, visible(str(error)))

    added = []
    for doc in documents:
        for parts, entry, rows in doc.comparisons():
            comparison = _comparison(doc, parts, entry, rows, into, broken)
            if comparison is None:
                continue
            try:
                into.register(comparison)
            except ConflictError as error:
                doc.problem(parts, visible(str(error)))
                continue
            added.append(comparison)

    if reader.problems:
        raise DataError(reader.problems)
    return tuple(added)


def _comparison(
    doc: _Document,
    parts: tuple[str | int, ...],
    entry: dict[str, Any],
    built: list[Difference] | None,
    into: Registry,
    broken: set[str],
) -> Comparison | None:
    """The comparison an entry describes, or None (with problems noted); ``built``: its rows, if built already."""
    if built is not None:
        plain = _plain_built(entry, built, into, doc.reader.sources)
        if plain is not None:
            return plain
    sides = []
    for side in ("left", "right"):
        try:
            sides.append(into.concept(entry[side]))
        except UnknownConceptError as error:
            if key(entry[side]) in broken:
                continue  # already reported where the concept is defined
            hint = f"; did you mean {' or '.join(map(repr, error.suggestions))}?" if error.suggestions else ""
            doc.problem(
                (*parts, side),
                f"expected the slug, name or alias of a defined concept, found {quote(entry[side])}{hint} "
                "(define it under 'concepts')",
            )
    rows, items = entry["differences"], entry.get("sources", ())
    # Nearly always every row and source builds: build them in one go, and
    # only when one fails, again one by one to report each that fails.
    try:
        differences = built if built is not None else [Difference(r["aspect"], r["left"], r["right"]) for r in rows]
    except (TypeError, ValueError):
        differences = []
        for index, row in enumerate(rows):
            difference = doc.build((*parts, "differences", index), Difference, row["aspect"], row["left"], row["right"])
            if difference is not None:
                differences.append(difference)
    try:
        sources = [Source(item) if isinstance(item, str) else Source(item["title"], item.get("url")) for item in items]
    except (TypeError, ValueError):
        sources = []
        for index, item in enumerate(items):
            if isinstance(item, str):
                source = doc.build((*parts, "sources", index), Source, item)
            else:
                source = doc.build((*parts, "sources", index), Source, item["title"], item.get("url"))
            if source is not None:
                sources.append(source)
    if len(sides) != 2 or len(differences) != len(rows) or len(sources) != len(items):
        return None
    comparison: Comparison | None = doc.build(
        parts,
        Comparison,
        sides[0],
        sides[1],
        differences,
        summary=entry.get("summary", ""),
        sources=sources,
        similarities=entry.get("similarities", ()),
        tags=entry.get("tags", ()),
    )
    return comparison


def _plain_built(
    entry: dict[str, Any], rows: list[Difference], into: Registry, cited: dict[tuple[str, str | None], Source]
) -> Comparison | None:
    """The comparison of a plain entry, its ``rows`` built already, if nothing in it is wrong; else None.

    Nearly every entry is such, and is built here in one go, with only the
    checks its values still need. For the others, the caller builds the
    comparison step by step, to report each thing that is wrong in it. A
    pack cites the same few works again and again: each source is built
    once, and kept in ``cited`` (a Source is a value, the same whichever
    one is used).
    """
    try:
        left, right = into.concept(entry["left"]), into.concept(entry["right"])
        sources = []
        for item in entry.get("sources", ()):
            # A plain entry's sources are exact strings or tables of them.
            pair = (item, None) if type(item) is str else (item["title"], item.get("url"))
            source = cited.get(pair)
            if source is None:
                source = cited[pair] = Source(*pair)
            sources.append(source)
    except (UnknownConceptError, TypeError, ValueError):
        return None
    return _comparison_from_plain(
        left,
        right,
        rows,
        summary=entry.get("summary", ""),
        sources=sources,
        similarities=entry.get("similarities", ()),
        tags=entry.get("tags", ()),
    )


def load_default() -> Registry:
    """Build a registry from the bundled pack and every pack installed under :data:`ENTRY_POINT_GROUP`.

    The bundled pack must load. An installed pack that fails is skipped with
    a :class:`~pmcompare.PackWarning` naming it and its problems.
    """
    import warnings

    from ._entry_points import may_declare
    from .registry import Registry

    registry = Registry()
    registry.load(bundled_data())
    if not may_declare(ENTRY_POINT_GROUP):
        return registry
    from importlib.metadata import entry_points

    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        try:
            registry.load(_pack_location(entry_point.load()))
        except DataError as error:
            msg = f"skipped the pack {entry_point.name!r} ({entry_point.value}): {error}"
            warnings.warn(msg, PackWarning, stacklevel=3)
        except Exception as error:  # noqa: BLE001 - any failure of third-party code skips its pack
            msg = f"skipped the pack {entry_point.name!r} ({entry_point.value}): {type(error).__name__}: {error}"
            warnings.warn(msg, PackWarning, stacklevel=3)
    return registry


def _pack_location(target: Any) -> Any:
    """What an entry point names: a package holding pack files, a path, or a callable giving one."""
    import types

    if isinstance(target, types.ModuleType):
        from importlib.resources import files

        return files(target)
    if callable(target) and not isinstance(target, str | PathLike):
        return target()
    return target


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of the data-pack format, for editors and other checkers.

    It checks the shape of a document (fields, types, kebab-case slugs); the
    rules that span entries, such as undefined concepts or a repeated pair,
    are checked by :meth:`Registry.load <pmcompare.Registry.load>` and
    ``pmcompare validate``.
    """
    import json
    from importlib.resources import files

    schema: dict[str, Any] = json.loads((files("pmcompare") / "pack.schema.json").read_text(encoding="utf-8"))
    return schema
