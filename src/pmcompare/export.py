"""The registry as a dataset: tidy tables, written as CSV, JSON Lines, JSON or SQLite, and read back.

Every format holds the same tables (:data:`TABLES`), one row per fact:
a concept, an alias, a comparison, one side of one difference, a source, a
tag, a similarity, a note, and a ``metadata`` table that says which data
version, package version and licence the export carries. The tables, their
columns and their types are documented in ``docs/dataset.md``, drawn from
:data:`TABLES`, so that the documentation, the SQLite schema and the pandas
dtypes come from one description.

The same data gives the same bytes: rows are in a fixed order (by slug, then
position), no timestamp is written, a zip's entries carry a fixed date, and
an SQLite file is built in one transaction and vacuumed, so that two exports
with the same SQLite library are byte-identical.

:func:`read` reads any of the four back into a :class:`~pmcompare.Registry`
equal to the one exported, through the model's constructors, so that an
edited export is checked as a pack is: every problem at once, as a
:class:`~pmcompare.DataError` naming the file, the line and the column.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from .errors import DataError, Problem
from .model import Comparison, Concept, Difference, Lineup, LineupRow, Source, Summary

if TYPE_CHECKING:
    import pandas

    from .registry import Registry

__all__ = [
    "DATA_LICENCE",
    "DATA_LICENCE_URL",
    "EXPORT_FORMATS",
    "FORMAT_VERSION",
    "TABLES",
    "Column",
    "ExportFormat",
    "Records",
    "Table",
    "dataframes",
    "metadata",
    "metadata_for",
    "read",
    "records",
    "write",
]

ExportFormat = Literal["csv", "jsonl", "json", "sqlite"]

EXPORT_FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "json", "sqlite")
"""The formats :func:`write` writes and :func:`read` reads."""

FORMAT_VERSION = "1"
"""The version of the tables' layout: it changes when a table or column is added, renamed or removed."""

DATA_LICENCE = "CC-BY-4.0"
"""The SPDX name of the licence of the bundled data's content (the code is MIT)."""

DATA_LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
"""Where the data licence's deed is published."""

_T = TypeVar("_T")
_Item = TypeVar("_Item", Comparison, Lineup)

Records = dict[str, list[dict[str, Any]]]
"""A dataset in Python: each table's name and its rows, each row a dict of column name to value."""


@attrs.frozen
class Column:
    """One column of a table: its name, its type (``"string"`` or ``"integer"``), and what it holds."""

    name: str
    type: Literal["string", "integer"]
    description: str
    nullable: bool = attrs.field(default=False, kw_only=True)
    references: str | None = attrs.field(default=None, kw_only=True)  # "table.column", a foreign key

    @property
    def pandas_dtype(self) -> str:
        """The column's pandas dtype: ``"string"`` or the nullable ``"Int64"``."""
        return "string" if self.type == "string" else "Int64"

    @property
    def sql_type(self) -> str:
        """The column's SQLite type: ``TEXT`` or ``INTEGER``."""
        return "TEXT" if self.type == "string" else "INTEGER"


@attrs.frozen
class Table:
    """One table of the dataset: its columns in order, its primary key, and the columns a full-text index covers."""

    name: str
    description: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    searchable: tuple[str, ...] = ()

    @property
    def column_names(self) -> tuple[str, ...]:
        """The names of the columns, in order."""
        return tuple(column.name for column in self.columns)

    @property
    def dtypes(self) -> dict[str, str]:
        """Each column's pandas dtype, as ``pandas.read_csv(dtype=...)`` takes them."""
        return {column.name: column.pandas_dtype for column in self.columns}


def _text(name: str, description: str, **kwargs: Any) -> Column:
    return Column(name, "string", description, **kwargs)


def _position(of: str) -> Column:
    return Column("position", "integer", f"the place of the row among its {of}'s, from 1")


def _owner(owner: str) -> Column:
    return _text(owner, f"the {owner}'s slug", references=f"{owner}s.slug")


# The tables that a comparison and a lineup each have: (name, what a row holds, its columns past the first two).
_EXTRAS: tuple[tuple[str, str, tuple[Column, ...], tuple[str, ...]], ...] = (
    ("sources", "where each {owner}'s facts come from, in order", (
        _text("title", "the work's title"),
        _text("url", "its address", nullable=True),
        _text("author", "its author", nullable=True),
        Column("year", "integer", "the year it appeared", nullable=True),
    ), ()),
    ("tags", "each {owner}'s tags, in order", (_text("tag", "a kebab-case tag, such as 'roles'"),), ()),
    ("similarities", "what each {owner}'s concepts share, in order", (_text("text", "the similarity"),), ("text",)),
    ("notes", "each {owner}'s notes, caveats for the reader, in order", (_text("text", "the note"),), ("text",)),
)


def _extras(owner: str, prefix: str) -> tuple[Table, ...]:
    """The sources, tags, similarities and notes tables of a comparison or a lineup."""
    return tuple(
        Table(f"{prefix}{name}", what.format(owner=owner), (_owner(owner), _position(owner), *columns),
              (owner, "position"), searchable=searchable)
        for name, what, columns, searchable in _EXTRAS
    )


_SUMMARY = "the main difference in a line (every clause, for a summary of a clause per concept)"

TABLES: dict[str, Table] = {
    table.name: table
    for table in (
        Table(
            "metadata",
            "what the export holds and under what terms: one row per key",
            (_text("key", "what the row says"), _text("value", "its value", nullable=True)),
            ("key",),
        ),
        Table(
            "concepts",
            "the glossary: one row per concept",
            (
                _text("slug", "the concept's key, in kebab-case"),
                _text("name", "its name, as shown"),
                _text("definition", "one to three sentences"),
            ),
            ("slug",),
            searchable=("name", "definition"),
        ),
        Table(
            "concept_aliases",
            "the other names a concept goes by, one row per alias",
            (_owner("concept"), _position("concept"), _text("alias", "the other name")),
            ("concept", "position"),
            searchable=("alias",),
        ),
        Table(
            "comparisons",
            "one row per comparison, as stored (its left concept first)",
            (
                _text("slug", "the comparison's key, left-vs-right"),
                _text("left_concept", "the left concept's slug", references="concepts.slug"),
                _text("right_concept", "the right concept's slug", references="concepts.slug"),
                _text("title", "'Left vs Right', from the concepts' names"),
                _text("summary", _SUMMARY, nullable=True),
                _text("summary_left", "a sided summary's clause about the left concept", nullable=True),
                _text("summary_right", "a sided summary's clause about the right concept", nullable=True),
                _text("lineup", "the title of the lineup it was drawn from, if it was", nullable=True),
            ),
            ("slug",),
            searchable=("title", "summary"),
        ),
        Table(
            "differences",
            "the rows of every comparison, long form: one row per difference and side",
            (
                _owner("comparison"),
                _position("comparison"),
                _text("aspect", "the aspect's label, as 'Time horizon'"),
                _text("side", "'left' or 'right'"),
                _text("concept", "the slug of the concept the statement is about", references="concepts.slug"),
                _text("statement", "what is true of that concept on that aspect"),
            ),
            ("comparison", "position", "side"),
            searchable=("aspect", "statement"),
        ),
        *_extras("comparison", ""),
        Table(
            "lineups",
            "one row per lineup of three or more concepts, as stored",
            (
                _text("slug", "the lineup's key, its concepts' slugs joined by -vs-"),
                _text("title", "'A vs B vs C', from the concepts' names"),
                _text("summary", _SUMMARY, nullable=True),
            ),
            ("slug",),
            searchable=("title", "summary"),
        ),
        Table(
            "lineup_concepts",
            "the concepts of each lineup, in column order",
            (
                _owner("lineup"),
                _position("lineup"),
                _text("concept", "the concept's slug", references="concepts.slug"),
                _text("summary", "the summary's clause about this concept, for a summary of a clause per concept",
                      nullable=True),
            ),
            ("lineup", "position"),
        ),
        Table(
            "lineup_cells",
            "the rows of every lineup, long form: one row per aspect and concept",
            (
                _owner("lineup"),
                _position("lineup"),
                _text("aspect", "the aspect's label"),
                _text("concept", "the slug of the concept the statement is about", references="concepts.slug"),
                _text("statement", "what is true of that concept on that aspect, standing on its own"),
            ),
            ("lineup", "position", "concept"),
            searchable=("aspect", "statement"),
        ),
        *_extras("lineup", "lineup_"),
    )
}
"""The tables of the dataset, by name, in the order they are written."""


# -- records ----------------------------------------------------------------


def metadata(*, data_version: str | None = None, licence: str | None = None) -> dict[str, str | None]:
    """The ``metadata`` table of an export, as a dict: by default, that of the bundled library.

    ``data_version`` and ``licence`` default to :data:`pmcompare.DATA_VERSION`
    and :data:`DATA_LICENCE`; an export of other packs passes its own, or
    ``""`` for none known (written as an empty value), and has no
    ``licence_url`` or ``attribution`` of the bundled data.
    """
    from . import DATA_VERSION, __version__

    bundled = data_version is None and licence is None
    data_version = DATA_VERSION if data_version is None else data_version
    licence = DATA_LICENCE if licence is None else licence
    return {
        "dataset": "pmcompare",
        "data_version": data_version or None,
        "package_version": __version__,
        "format_version": FORMAT_VERSION,
        "licence": licence or None,
        "licence_url": DATA_LICENCE_URL if bundled else None,
        "attribution": f"pmcompare data {data_version}, by the pmcompare developers" if bundled else None,
        "code_licence": "MIT",
    }


# The metadata keys the package states; the caller gives the others (data_version, licence, and so on).
_STATED = ("dataset", "package_version", "format_version", "code_licence")


def metadata_for(registry: Registry, given: Mapping[str, str | None] | None = None) -> dict[str, str | None]:
    """The ``metadata`` table of an export of ``registry``, with the caller's ``given`` keys over it.

    It is the bundled library's (:func:`metadata`: its data version, licence
    and credit line) only when ``registry`` holds exactly the bundled
    library, its concepts, comparisons and lineups and nothing else; for any
    other data, ``data_version``, ``licence``, ``licence_url`` and
    ``attribution`` are empty, and ``given`` says them, as
    ``{"data_version": "1.0", "licence": "CC0-1.0", "attribution": "..."}``.
    The keys the package states (``dataset``, ``package_version``,
    ``format_version``, ``code_licence``) are not given: ValueError.
    """
    meta = metadata() if _is_bundled(registry) else metadata(data_version="", licence="")
    for key, value in (given or {}).items():
        if not isinstance(key, str) or (value is not None and not isinstance(value, str)):
            msg = f"metadata is text: {key!r}: {value!r}"
            raise TypeError(msg)
        if key in _STATED:
            msg = f"the metadata key {key!r} is the package's to state, not given"
            raise ValueError(msg)
        meta[key] = value if value else None
    return meta


def _is_bundled(registry: Registry) -> bool:
    """Whether ``registry`` holds exactly the bundled library: its concepts, comparisons and lineups, no more."""
    concepts, comparisons, lineups = _bundled_library()
    if (len(registry.concepts()), len(registry), len(registry.lineups())) != (
        len(concepts), len(comparisons), len(lineups)
    ):
        return False
    return (list(registry.concepts()), list(registry), list(registry.lineups())) == (concepts, comparisons, lineups)


_BUNDLED: list[tuple[list[Concept], list[Comparison], list[Lineup]]] = []


def _bundled_library() -> tuple[list[Concept], list[Comparison], list[Lineup]]:
    """The bundled library's concepts, comparisons and lineups, each by slug: from its cache, or its files."""
    if not _BUNDLED:
        from . import _bundled
        from ._default import bundled_data

        folder = bundled_data()
        built = _bundled.load(folder)
        if built is None:
            from .packs import read_pack

            pack = read_pack(folder)
            built = (list(pack.concepts), list(pack.comparisons), list(pack.lineups))
        concepts, comparisons, lineups = built
        _BUNDLED.append((
            sorted(concepts, key=lambda c: c.slug),
            sorted(comparisons, key=lambda c: c.slug),
            sorted(lineups, key=lambda c: c.slug),
        ))
    return _BUNDLED[0]


def records(registry: Registry, *, meta: Mapping[str, str | None] | None = None) -> Records:
    """Every concept, comparison and lineup of ``registry`` as tidy tables of plain dicts, in a fixed order.

    The tables and their columns are those of :data:`TABLES`; ``meta`` is the
    ``metadata`` table (by default :func:`metadata_for` the registry: the
    bundled library's only if it holds exactly the bundled library).
    Concepts, comparisons and lineups are ordered by slug, their rows by position.
    """
    meta = metadata_for(registry) if meta is None else meta
    out: Records = {name: [] for name in TABLES}
    out["metadata"] = [{"key": key, "value": value} for key, value in meta.items()]
    for concept in registry.concepts():
        out["concepts"].append({"slug": concept.slug, "name": concept.name, "definition": concept.definition})
        for position, alias in enumerate(concept.aliases, 1):
            out["concept_aliases"].append({"concept": concept.slug, "position": position, "alias": alias})
    for comparison in registry:
        _comparison_rows(comparison, out)
    for lineup in registry.lineups():
        _lineup_rows(lineup, out)
    return out


def _comparison_rows(comparison: Comparison, out: Records) -> None:
    slug, summary = comparison.slug, comparison.summary
    out["comparisons"].append({
        "slug": slug,
        "left_concept": comparison.left.slug,
        "right_concept": comparison.right.slug,
        "title": comparison.title,
        "summary": str(summary) or None,
        "summary_left": summary.left if isinstance(summary, Summary) else None,
        "summary_right": summary.right if isinstance(summary, Summary) else None,
        "lineup": comparison.lineup,
    })
    for position, difference in enumerate(comparison.differences, 1):
        for side, concept, statement in (
            ("left", comparison.left, difference.left),
            ("right", comparison.right, difference.right),
        ):
            out["differences"].append({
                "comparison": slug, "position": position, "aspect": difference.aspect,
                "side": side, "concept": concept.slug, "statement": statement,
            })
    _extra_rows("comparison", "", comparison, out)


def _lineup_rows(lineup: Lineup, out: Records) -> None:
    slug, summary = lineup.slug, lineup.summary
    out["lineups"].append({"slug": slug, "title": lineup.title, "summary": lineup.summary_text or None})
    for position, concept in enumerate(lineup.concepts, 1):
        clause = summary[position - 1] if isinstance(summary, tuple) else None
        out["lineup_concepts"].append(
            {"lineup": slug, "position": position, "concept": concept.slug, "summary": clause}
        )
    for position, row in enumerate(lineup.differences, 1):
        for concept, statement in zip(lineup.concepts, row.cells):
            out["lineup_cells"].append({
                "lineup": slug, "position": position, "aspect": row.aspect,
                "concept": concept.slug, "statement": statement,
            })
    _extra_rows("lineup", "lineup_", lineup, out)


def _extra_rows(owner: str, prefix: str, item: Comparison | Lineup, out: Records) -> None:
    """The sources, tags, similarities and notes of a comparison or a lineup."""
    slug = item.slug
    for position, source in enumerate(item.sources, 1):
        out[f"{prefix}sources"].append({
            owner: slug, "position": position, "title": source.title,
            "url": source.url, "author": source.author, "year": source.year,
        })
    for position, tag in enumerate(item.tags, 1):
        out[f"{prefix}tags"].append({owner: slug, "position": position, "tag": tag})
    for table, texts in (("similarities", item.similarities), ("notes", item.notes)):
        for position, text in enumerate(texts, 1):
            out[f"{prefix}{table}"].append({owner: slug, "position": position, "text": text})


def dataframes(registry: Registry, *, meta: Mapping[str, str | None] | None = None) -> dict[str, pandas.DataFrame]:
    """The tables of :func:`records` as pandas DataFrames with the documented dtypes (needs ``pmcompare[pandas]``)."""
    try:
        import pandas
    except ImportError:
        msg = "dataframes need pandas: pip install 'pmcompare[pandas]'"
        raise ImportError(msg) from None
    tables = records(registry, meta=meta)
    return {
        name: pandas.DataFrame(tables[name], columns=list(table.column_names)).astype(table.dtypes)
        for name, table in TABLES.items()
    }


# -- writing ----------------------------------------------------------------

# A zip entry's date: the earliest a zip can hold, so that the same data gives the same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def write(
    registry: Registry,
    path: str | os.PathLike[str],
    format: ExportFormat,
    *,
    meta: Mapping[str, str | None] | None = None,
) -> Path:
    """Write ``registry`` as a dataset at ``path`` in ``format``; return the path.

    - ``csv``: a folder of one ``TABLE.csv`` per table (UTF-8, a header
      row, RFC 4180 quoting, an empty field for a missing value), or a zip
      of those files when ``path`` ends in ``.zip``;
    - ``jsonl``: the same with one ``TABLE.jsonl`` per table, a JSON object
      per line;
    - ``json``: one JSON object, each table's name and its list of rows;
    - ``sqlite``: an SQLite database with a table per table, primary and
      foreign keys, indexes, and FTS5 full-text indexes (``TABLE_fts``).

    A file is written beside its target and moved into place, so that a
    failed export leaves no half-written file.
    """
    if format not in EXPORT_FORMATS:
        from .errors import UnknownFormatError

        raise UnknownFormatError(format, EXPORT_FORMATS)
    target = Path(path)
    tables = records(registry, meta=meta)
    if format == "sqlite":
        _replace(target, lambda tmp: _write_sqlite(tables, tmp))
    elif format == "json":
        _write_file(target, _json_document(tables))
    else:
        encode, suffix = (_csv_table, ".csv") if format == "csv" else (_jsonl_table, ".jsonl")
        files = {f"{name}{suffix}": encode(TABLES[name], rows) for name, rows in tables.items()}
        if target.suffix.lower() == ".zip":
            _replace(target, lambda tmp: _write_zip(files, tmp))
        else:
            target.mkdir(parents=True, exist_ok=True)
            for name, data in files.items():
                _write_file(target / name, data)
    return target


def _replace(target: Path, make: Callable[[Path], object]) -> None:
    """Make ``target`` through a file beside it, moved into place only when made."""
    import tempfile

    descriptor, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(descriptor)
    tmp = Path(name)
    try:
        tmp.unlink()  # sqlite3 wants to create its file; the others write it whole
        make(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _write_file(target: Path, data: bytes) -> None:
    _replace(target, lambda tmp: tmp.write_bytes(data))


def _csv_table(table: Table, rows: list[dict[str, Any]]) -> bytes:
    import csv

    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.column_names)
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name in table.column_names])
    return buffer.getvalue().encode("utf-8")


def _json_text(value: object, **options: Any) -> str:
    """JSON as written by every format here: text as it is, U+2028 and U+2029 escaped as the json format does."""
    import json

    text = json.dumps(value, ensure_ascii=False, **options)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _jsonl_table(table: Table, rows: list[dict[str, Any]]) -> bytes:
    return "".join(_json_text(row) + "\n" for row in rows).encode("utf-8")


def _json_document(tables: Records) -> bytes:
    return (_json_text(tables, indent=1) + "\n").encode("utf-8")


def _write_zip(files: Mapping[str, bytes], path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _schema(table: Table) -> list[str]:
    """The SQL that makes ``table``: the table with its keys, and an index on each foreign key."""
    columns = [
        f"{_quote(c.name)} {c.sql_type}{'' if c.nullable else ' NOT NULL'}"
        + (f" REFERENCES {_quote(c.references.split('.')[0])}({_quote(c.references.split('.')[1])})"
           if c.references else "")
        for c in table.columns
    ]
    if table.name == "differences":
        columns.append("CHECK (\"side\" IN ('left', 'right'))")
    columns.append(f"PRIMARY KEY ({', '.join(map(_quote, table.key))})")
    statements = [f"CREATE TABLE {_quote(table.name)} (\n  " + ",\n  ".join(columns) + "\n)"]
    for column in table.columns:
        if column.references and column.name != table.key[0]:
            statements.append(
                f"CREATE INDEX {_quote(f'{table.name}_{column.name}')} ON {_quote(table.name)}({_quote(column.name)})"
            )
    if table.searchable:
        fts = _quote(f"{table.name}_fts")
        statements.append(
            f"CREATE VIRTUAL TABLE {fts} USING fts5({', '.join(map(_quote, table.searchable))}, "
            f"content={_quote(table.name)}, tokenize='porter unicode61 remove_diacritics 2')"
        )
    return statements


def _write_sqlite(tables: Records, path: Path) -> None:
    import sqlite3

    connection = sqlite3.connect(path)
    try:
        connection.execute("PRAGMA page_size = 4096")
        connection.execute(f"PRAGMA user_version = {int(FORMAT_VERSION)}")
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:
            for name, table in TABLES.items():
                for statement in _schema(table):
                    connection.execute(statement)
                placeholders = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {_quote(name)} VALUES ({placeholders})",
                    ([row[c] for c in table.column_names] for row in tables[name]),
                )
                if table.searchable:
                    fts = _quote(f"{name}_fts")
                    connection.execute(f"INSERT INTO {fts}({fts}) VALUES ('rebuild')")
        connection.execute("VACUUM")
    finally:
        connection.close()


# -- reading ----------------------------------------------------------------


@attrs.frozen
class _Row:
    """A row read back, with where it was written, for problems."""

    table: str
    index: int
    values: dict[str, Any]
    file: str
    line: int | None


def read(path: str | os.PathLike[str]) -> Registry:
    """Read an export written by :func:`write` (any format) back into a new :class:`~pmcompare.Registry`.

    The format is known from what ``path`` is: a folder or zip of ``.csv`` or
    ``.jsonl`` files, a ``.json`` file, or an SQLite database. Raises
    :class:`~pmcompare.DataError` listing every problem (file, line, table
    and column, what is wrong) if the export does not hold valid data; the
    data is built through the model's constructors, as a pack is.
    """
    source = Path(path)
    problems: list[Problem] = []
    try:
        rows = _read_rows(source, problems)
    except OSError as error:
        problems.append(Problem(str(source), None, "", f"cannot read the export: {error.strerror or error}"))
        rows = {}
    if problems:
        raise DataError(problems)
    return _rebuild(rows, problems, str(source))


def _read_rows(source: Path, problems: list[Problem]) -> dict[str, list[_Row]]:
    if source.is_dir():
        found = {p.name: p.read_bytes() for p in sorted(source.iterdir()) if p.stem in TABLES and p.is_file()}
        return _read_files(found, str(source), problems)
    with source.open("rb") as file:
        head = file.read(16)
    if head.startswith(b"SQLite format 3\x00"):
        return _read_sqlite(source, problems)
    if head.startswith(b"PK"):
        import zipfile

        try:
            with zipfile.ZipFile(source) as archive:
                contents = {
                    info.filename: archive.read(info) for info in archive.infolist()
                    if info.filename.rpartition(".")[0] in TABLES
                }
        except (zipfile.BadZipFile, ValueError) as error:
            problems.append(Problem(str(source), None, "", f"not a readable zip file: {error}"))
            return {}
        return _read_files(contents, str(source), problems)
    return _read_json(source, problems)


def _read_files(found: Mapping[str, bytes], where: str, problems: list[Problem]) -> dict[str, list[_Row]]:
    """The tables of a folder or zip of ``.csv`` or ``.jsonl`` files."""
    suffixes = {name.rpartition(".")[2] for name in found if name.rpartition(".")[0] in TABLES}
    if len(suffixes) != 1 or suffixes - {"csv", "jsonl"}:
        problems.append(Problem(where, None, "", "expected one TABLE.csv or TABLE.jsonl file per table, as "
                                "`pmcompare export` writes (" + ", ".join(TABLES) + ")"))
        return {}
    suffix = suffixes.pop()
    out: dict[str, list[_Row]] = {}
    for name in TABLES:
        file_name = f"{name}.{suffix}"
        label = f"{where}/{file_name}"
        if file_name not in found:
            problems.append(Problem(label, None, "", f"the table {name!r} is missing"))
            continue
        text = _decode(label, found[file_name], problems)
        if text is not None:
            reader = _csv_rows if suffix == "csv" else _jsonl_rows
            out[name] = reader(TABLES[name], text, label, problems)
    return out


def _decode(label: str, data: bytes, problems: list[Problem]) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        problems.append(Problem(label, None, "", f"not UTF-8 text: byte {error.start} is {data[error.start]:#04x}"))
        return None


def _csv_rows(table: Table, text: str, label: str, problems: list[Problem]) -> list[_Row]:
    import csv

    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None or tuple(header) != table.column_names:
            problems.append(Problem(label, 1, "", f"expected the header {','.join(table.column_names)}, "
                                    f"found {','.join(header or [])!r}"))
            return []
        rows = []
        line = reader.line_num + 1
        for index, cells in enumerate(reader):
            if len(cells) != len(header):
                problems.append(Problem(label, line, f"{table.name}[{index}]",
                                        f"expected {len(header)} fields, found {len(cells)}"))
            else:
                values = {c.name: _cell(c, cell) for c, cell in zip(table.columns, cells)}
                rows.append(_Row(table.name, index, values, label, line))
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Problem(label, reader.line_num, "", f"not valid CSV: {error}"))
        return []
    return rows


def _cell(column: Column, cell: str) -> Any:
    """A CSV field as its column's value: empty is missing, and an integer column's digits an int."""
    if cell == "":
        return None
    if column.type == "integer":
        try:
            return int(cell)
        except ValueError:
            return cell  # left as text: the check that follows says what is wrong with it
    return cell


def _jsonl_rows(table: Table, text: str, label: str, problems: list[Problem]) -> list[_Row]:
    import json

    rows: list[_Row] = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            values = json.loads(line)
        except json.JSONDecodeError as error:
            problems.append(Problem(label, number, "", f"not valid JSON: {error.msg}"))
            continue
        except (RecursionError, ValueError) as error:
            problems.append(Problem(label, number, "", f"not valid JSON: {_unparsable(line, error)[1]}"))
            continue
        rows.append(_Row(table.name, len(rows), values, label, number))
    return rows


# Deeper than this, JSON is too deep to be an export (which nests three levels), wherever the parser gave up.
_DEEP = 100


def _unparsable(text: str, error: Exception) -> tuple[int | None, str]:
    """The line and what is wrong, for JSON the parser refused with ``error`` other than a JSONDecodeError:
    nesting too deep for it (a RecursionError), or an integer of too many digits (a ValueError)."""
    import re
    import sys

    if isinstance(error, RecursionError):
        depth, in_string, escaped = 0, False, False
        for at, char in enumerate(text):
            if in_string:
                escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
            elif char == '"':
                in_string = True
            elif char in "[{":
                depth += 1
                if depth > _DEEP:
                    return text.count("\n", 0, at) + 1, "nested too deep to read"
            elif char in "]}":
                depth -= 1
        return None, "nested too deep to read"
    limit = sys.get_int_max_str_digits()  # 0 when there is no limit
    found = re.search(r"[0-9]{%d,}" % (limit + 1), text) if limit else None  # noqa: UP031
    if found is not None:
        return text.count("\n", 0, found.start()) + 1, f"a number of more than {limit:,} digits"
    return None, str(error)


def _read_json(source: Path, problems: list[Problem]) -> dict[str, list[_Row]]:
    import json

    label = str(source)
    text = _decode(label, source.read_bytes(), problems)
    if text is None:
        return {}
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem(label, error.lineno, "", f"not an export: not valid JSON ({error.msg})"))
        return {}
    except (RecursionError, ValueError) as error:
        line, message = _unparsable(text, error)
        problems.append(Problem(label, line, "", f"not an export: not valid JSON ({message})"))
        return {}
    if not isinstance(document, dict):
        problems.append(Problem(label, 1, "", "not an export: expected an object of tables"))
        return {}
    out: dict[str, list[_Row]] = {}
    for name in TABLES:
        rows = document.get(name)
        if not isinstance(rows, list):
            problems.append(Problem(label, None, name, f"the table {name!r} is missing or not a list of rows"))
            continue
        out[name] = [_Row(name, index, values, label, None) for index, values in enumerate(rows)]
    return out


def _read_sqlite(source: Path, problems: list[Problem]) -> dict[str, list[_Row]]:
    import sqlite3

    label = str(source)
    out: dict[str, list[_Row]] = {}
    try:
        connection = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        problems.append(Problem(label, None, "", f"cannot open the database: {error}"))
        return {}
    try:
        for name, table in TABLES.items():
            columns = ", ".join(map(_quote, table.column_names))
            order = ", ".join(map(_quote, table.key))
            try:
                found = connection.execute(f"SELECT {columns} FROM {_quote(name)} ORDER BY {order}").fetchall()
            except sqlite3.Error as error:
                problems.append(Problem(label, None, name, f"cannot read the table {name!r}: {error}"))
                continue
            out[name] = [
                _Row(name, index, dict(zip(table.column_names, values)), label, None)
                for index, values in enumerate(found)
            ]
    finally:
        connection.close()
    return out


# -- from rows back to objects ---------------------------------------------


class _Checker:
    """Reads the values of rows, collecting a located problem for each one that is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems

    def report(self, row: _Row, column: str, message: str) -> None:
        self.problems.append(Problem(row.file, row.line, f"{row.table}[{row.index}].{column}", message))

    def value(self, row: _Row, name: str) -> Any:
        """The value of column ``name`` in ``row``, checked against its type; None (reported) if wrong."""
        column = next(c for c in TABLES[row.table].columns if c.name == name)
        if not isinstance(row.values, dict):
            if name == TABLES[row.table].columns[0].name:
                self.problems.append(Problem(row.file, row.line, f"{row.table}[{row.index}]",
                                             f"expected an object of columns, found {type(row.values).__name__}"))
            return None
        found = row.values.get(name)
        if found is None:
            if not column.nullable:
                self.report(row, name, "missing: this column needs a value")
            return None
        expected = str if column.type == "string" else int
        if type(found) is not expected:
            self.report(row, name, f"expected {'text' if expected is str else 'a whole number'}, found {found!r}")
            return None
        return found

    def concept(self, row: _Row, name: str, concepts: Mapping[str, Concept]) -> Concept | None:
        """The concept whose slug is in column ``name`` of ``row``; None (reported) if there is none."""
        slug = self.value(row, name)
        concept = concepts.get(slug) if slug else None
        if slug and concept is None:
            self.report(row, name, f"no concept has the slug {slug!r}")
        return concept


def _grouped(rows: Iterable[_Row], checker: _Checker, owner: str) -> dict[str, list[tuple[int, _Row]]]:
    """Rows by the slug in their ``owner`` column, each list in order of position."""
    out: dict[str, list[tuple[int, _Row]]] = {}
    for row in rows:
        slug, position = checker.value(row, owner), checker.value(row, "position")
        if slug is not None and position is not None:
            out.setdefault(slug, []).append((position, row))
    for items in out.values():
        items.sort(key=lambda item: item[0])
    return out


def _build(checker: _Checker, row: _Row, make: Callable[..., _T], *args: Any, **kwargs: Any) -> _T | None:
    """``make(*args, **kwargs)``, with an error of the constructor's checks reported at ``row``."""
    try:
        return make(*args, **kwargs)
    except (TypeError, ValueError) as error:
        checker.problems.append(Problem(row.file, row.line, f"{row.table}[{row.index}]", str(error)))
        return None


def _unique(table: Table, rows: list[_Row], checker: _Checker) -> list[_Row]:
    """``rows`` with each repeat of an earlier row's key reported and left out, so that no row silently wins."""
    seen: dict[tuple[Any, ...], _Row] = {}
    out = []
    for row in rows:
        key = tuple(row.values.get(c) for c in table.key) if isinstance(row.values, dict) else ()
        if not key or any(type(value) not in (str, int) for value in key):
            out.append(row)  # the checks that follow say what is wrong with it
            continue
        first = seen.setdefault(key, row)
        if first is row:
            out.append(row)
            continue
        at = f", at line {first.line}" if first.line is not None else ""
        checker.report(row, table.key[-1], f"repeats the key ({', '.join(table.key)}) of {table.name}"
                       f"[{first.index}]{at}: {', '.join(map(repr, key))}; each row needs its own")
    return out


def _rebuild(rows: Mapping[str, list[_Row]], problems: list[Problem], where: str) -> Registry:
    from .errors import ConflictError
    from .registry import Registry

    checker = _Checker(problems)
    rows = {name: _unique(TABLES[name], found, checker) for name, found in rows.items()}
    aliases = _grouped(rows["concept_aliases"], checker, "concept")
    concepts: dict[str, Concept] = {}
    for row in rows["concepts"]:
        slug, name, definition = (checker.value(row, c) for c in ("slug", "name", "definition"))
        names = [checker.value(r, "alias") for _, r in aliases.pop(slug, [])] if slug else []
        if None in (slug, name, definition) or None in names:
            continue
        concept = _build(checker, row, Concept, name, definition, slug=slug, aliases=names)
        if concept is not None:
            concepts[concept.slug] = concept
    for slug, items in aliases.items():
        checker.report(items[0][1], "concept", f"no concept has the slug {slug!r}")

    extras = [name for name, *_ in _EXTRAS]
    parts = {name: _grouped(rows[name], checker, "comparison") for name in ("differences", *extras)}
    lineup_parts = {
        name: _grouped(rows[f"lineup_{name}"], checker, "lineup") for name in ("concepts", "cells", *extras)
    }
    registry = Registry()
    for concept in concepts.values():
        registry.register(concept)
    for table, make, owned in (("comparisons", _comparison, parts), ("lineups", _lineup, lineup_parts)):
        for row in rows[table]:
            item = make(row, concepts, owned, checker)
            if item is None:
                continue
            try:
                registry.register(item)
            except ConflictError as error:
                checker.problems.append(Problem(row.file, row.line, f"{table}[{row.index}]", str(error)))
        for left in owned.values():
            for slug, items in left.items():
                checker.report(items[0][1], table[:-1], f"no {table[:-1]} has the slug {slug!r}")
    if problems:
        raise DataError(problems)
    return registry


def _comparison(
    row: _Row,
    concepts: Mapping[str, Concept],
    parts: dict[str, dict[str, list[tuple[int, _Row]]]],
    checker: _Checker,
) -> Comparison | None:
    values, own = _values_and_parts(row, parts, checker)
    sides = [checker.concept(row, side, concepts) for side in ("left_concept", "right_concept")]
    differences = _differences(own["differences"], checker)
    extras = _extras_of(own, checker)
    if values["summary_left"] is not None or values["summary_right"] is not None:
        summary: str | Summary | None = _build(checker, row, Summary, values["summary_left"], values["summary_right"])
    else:
        summary = values["summary"] or ""
    left, right = sides
    if left is None or right is None or differences is None or summary is None or extras is None:
        return None
    comparison = _build(
        checker, row, Comparison, left, right, differences, summary=summary, lineup=values["lineup"], **extras
    )
    return _as_written(checker, row, comparison, values, sided=isinstance(summary, Summary))


def _values_and_parts(
    row: _Row, parts: dict[str, dict[str, list[tuple[int, _Row]]]], checker: _Checker
) -> tuple[dict[str, Any], dict[str, list[tuple[int, _Row]]]]:
    """A comparison's or lineup's own values, and its rows of the other tables (taken out of ``parts``)."""
    values = {c: checker.value(row, c) for c in TABLES[row.table].column_names}
    slug = values["slug"]
    return values, {table: found.pop(slug, []) if slug else [] for table, found in parts.items()}


def _as_written(
    checker: _Checker, row: _Row, item: _Item | None, values: Mapping[str, Any], *, sided: bool
) -> _Item | None:
    """``item``, if the columns derived from the rest are as written: its slug and title, from its concepts, and
    (for a summary of a clause per concept) its summary, from the clauses; each one that is not is reported."""
    if item is None:
        return None
    derived = {"slug": (item.slug, "from its concepts"), "title": (item.title, "from its concepts' names")}
    if sided and values["summary"] is not None:
        text = item.summary_text if isinstance(item, Lineup) else str(item.summary)
        derived["summary"] = (text, "from its clauses")
    wrong = False
    for column, (expected, whence) in derived.items():
        if values[column] is not None and values[column] != expected:  # one missing is reported already
            checker.report(row, column, f"expected {expected!r}, {whence}, found {values[column]!r}")
            wrong = True
    return None if wrong else item


def _extras_of(own: Mapping[str, list[tuple[int, _Row]]], checker: _Checker) -> dict[str, list[Any]] | None:
    """The sources, tags, similarities and notes of one comparison or lineup, as keywords; None if one is wrong."""
    out: dict[str, list[Any]] = {
        "sources": [
            _build(checker, r, Source, checker.value(r, "title"), checker.value(r, "url"),
                   author=checker.value(r, "author"), year=checker.value(r, "year"))
            for _, r in own["sources"]
        ],
    }
    for table, column in (("tags", "tag"), ("similarities", "text"), ("notes", "text")):
        out[table] = [checker.value(r, column) for _, r in own[table]]
    return None if any(None in found for found in out.values()) else out


def _lineup(
    row: _Row,
    concepts: Mapping[str, Concept],
    parts: dict[str, dict[str, list[tuple[int, _Row]]]],
    checker: _Checker,
) -> Lineup | None:
    values, own = _values_and_parts(row, parts, checker)
    slug = values["slug"]
    members: list[Concept | None] = []
    clauses = []
    for _, member in own["concepts"]:
        members.append(checker.concept(member, "concept", concepts))
        clauses.append(member.values.get("summary") if isinstance(member.values, dict) else None)
        checker.value(member, "summary")  # reported if it is not text
    cells: dict[int, dict[str, tuple[str | None, str | None, _Row]]] = {}
    for position, cell in own["cells"]:
        concept_slug = checker.value(cell, "concept")
        if concept_slug is not None:
            at = cells.setdefault(position, {})
            at[concept_slug] = (checker.value(cell, "aspect"), checker.value(cell, "statement"), cell)
    extras = _extras_of(own, checker)
    if None in members or extras is None:
        return None
    order = [c.slug for c in members if c is not None]
    rows = []
    for position, found_cells in sorted(cells.items()):
        if sorted(found_cells) != sorted(order):
            checker.report(row, "slug", f"row {position} of lineup_cells has statements for "
                           f"{', '.join(sorted(found_cells))}, not for each of {', '.join(order)}")
            return None
        aspects = {found_cells[s][0] for s in order}
        statements = [found_cells[s][1] for s in order]
        if None in aspects or None in statements:
            return None  # reported where it is missing or not text
        if len(aspects) != 1:
            first = found_cells[order[0]][0]
            odd = next(found_cells[s][2] for s in order if found_cells[s][0] != first)
            named = ", ".join(f"{found_cells[s][0]!r} for {s}" for s in order)
            checker.report(odd, "aspect", f"row {position} of lineup_cells names different aspects for "
                           f"the concepts of {slug!r}: {named}")
            return None
        rows.append(_build(checker, row, LineupRow, aspects.pop(), statements))
    summary: str | list[str | None] = clauses if any(c is not None for c in clauses) else values["summary"] or ""
    if None in rows:
        return None
    lineup = _build(checker, row, Lineup, members, rows, summary=summary, **extras)
    return _as_written(checker, row, lineup, values, sided=isinstance(summary, list))


def _differences(items: list[tuple[int, _Row]], checker: _Checker) -> list[Difference] | None:
    """The differences from their long-form rows: a left and a right row at each position, with one aspect."""
    by_position: dict[int, dict[str, _Row]] = {}
    for position, row in items:
        side = checker.value(row, "side")
        if side not in ("left", "right"):
            if side is not None:
                checker.report(row, "side", f"expected 'left' or 'right', found {side!r}")
            return None
        by_position.setdefault(position, {})[side] = row
    out: list[Difference] = []
    ok = True
    for position, pair in sorted(by_position.items()):
        if len(pair) != 2:
            (row,) = pair.values()
            missing = "right" if "left" in pair else "left"
            checker.report(row, "side", f"the row at position {position} has no {missing!r} side")
            ok = False
            continue
        aspects = {checker.value(pair[s], "aspect") for s in ("left", "right")}
        if len(aspects) != 1:
            checker.report(pair["right"], "aspect", f"the two sides of position {position} name different aspects")
            ok = False
            continue
        (aspect,) = aspects
        left, right = checker.value(pair["left"], "statement"), checker.value(pair["right"], "statement")
        if aspect is None or left is None or right is None:
            ok = False
            continue
        difference = _build(checker, pair["left"], Difference, aspect, left, right)
        if difference is None:
            ok = False
        else:
            out.append(difference)
    return out if ok else None
