"""The one description of a pack's fields, from which the checks, the JSON Schema and the docs' table come.

Each table of the format (concept, comparison, difference, source, summary,
lineup, row, clauses) is a tuple of :class:`Field`; a field named
:data:`ANY_SLUG` stands for every other key of its table, each a concept's
slug (the statements of a lineup's row, the clauses of its summary). The shape checker reads it to know what is
allowed, required and of which kind; :func:`schema` writes the JSON Schema
from it; :func:`field_table` the table on the data-pack format page. What a
value must hold beyond its kind (not blank, kebab-case, a web address, a
year in range) is checked once, by the model's constructors.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from .._validators import YEARS

__all__ = ["ANY_SLUG", "KINDS", "TABLES", "TOP", "Field", "field_table", "schema"]


class Kind(NamedTuple):
    """What kind of value a field holds: how the docs name it and how the schema checks it."""

    doc: str
    schema: dict[str, Any]


_TEXT = {"$ref": "#/$defs/text"}
_SLUG = {"$ref": "#/$defs/slug"}

KINDS = {
    "text": Kind("text", _TEXT),
    "texts": Kind("list of text", {"type": "array", "items": _TEXT}),
    "slug": Kind("kebab-case", _SLUG),
    "slugs": Kind("list of kebab-case", {"type": "array", "items": _SLUG}),
    "url": Kind("web address", {"type": "string", "pattern": "^https?://[^\\s<>\"'`]+$"}),
    "year": Kind(
        "integer", {"type": "integer", "minimum": YEARS.start, "maximum": YEARS.stop - 1}
    ),
    "table": Kind("table", {}),  # the schema refers to the table's own definition
    "tables": Kind("list of tables", {}),
}


class Field(NamedTuple):
    """One field of a table: its name, kind, whether required, and what it means.

    For the kinds ``table`` and ``tables``, ``table`` names the table each
    value is; ``text_ok`` allows a plain string in its place; ``min_items``
    is the fewest items a list may hold.
    """

    name: str
    kind: str
    meaning: str
    required: bool = False
    table: str | None = None
    text_ok: bool = False
    min_items: int = 0


ANY_SLUG = "*"
"""The name of the field that stands for every other key of a table: one per concept of the lineup, by slug."""

# The fields a comparison and a lineup share, after their rows and summary.
_ABOUT = (
    Field("sources", "tables", "where the facts come from: a title, or a table", table="source", text_ok=True),
    Field("similarities", "texts", "what the concepts share"),
    Field("notes", "texts", "caveats, such as where authorities frame a concept differently"),
    Field("tags", "slugs", "labels such as `roles` or `metrics`"),
)

TABLES: dict[str, tuple[Field, ...]] = {
    "concept": (
        Field("name", "text", "the name shown in headings", required=True),
        Field("definition", "text", "one to three sentences", required=True),
        Field("slug", "slug", "the key; derived from the name (`Product Strategy` → `product-strategy`)"),
        Field("aliases", "texts", "other names and abbreviations"),
    ),
    "comparison": (
        Field("left", "text", "a slug, name or alias of a concept in this pack or already in the registry",
              required=True),
        Field("right", "text", "the same, for the other concept", required=True),
        Field("differences", "tables", "the rows, in order; each aspect once", required=True,
              table="difference", min_items=1),
        Field("summary", "table", "the main difference: one line, or a table of one clause per side",
              table="summary", text_ok=True),
        *_ABOUT,
        Field("lineup", "text", "the title of the lineup this comparison was drawn from (the JSON format writes it)"),
    ),
    "difference": (
        Field("aspect", "text", "a short label, such as `Time horizon`", required=True),
        Field("left", "text", "what is true of the left concept", required=True),
        Field("right", "text", "what is true of the right concept", required=True),
    ),
    "source": (
        Field("title", "text", "the work's title", required=True),
        Field("url", "url", "its address; http:// or https:// only"),
        Field("author", "text", "who wrote it"),
        Field("year", "year", f"when it appeared, from {YEARS.start} to {YEARS.stop - 1}"),
    ),
    "summary": (
        Field("left", "text", "a standalone clause on the left concept", required=True),
        Field("right", "text", "a standalone clause on the right concept", required=True),
    ),
    "lineup": (
        Field("concepts", "texts", "three or more slugs, names or aliases of concepts, in column order",
              required=True),
        Field("differences", "tables", "the rows, in order; each aspect once", required=True,
              table="row", min_items=1),
        Field("summary", "table", "one line, or a table of one standalone clause per concept",
              table="clauses", text_ok=True),
        *_ABOUT,
    ),
    "row": (
        Field("aspect", "text", "a short label, such as `Time horizon`", required=True),
        Field(ANY_SLUG, "text", "what is true of that concept, standing on its own; one per concept", required=True),
    ),
    "clauses": (
        Field(ANY_SLUG, "text", "a standalone clause on that concept; one per concept", required=True),
    ),
}

TOP = {"concepts": "concept", "comparisons": "comparison", "lineups": "lineup"}
"""The top-level lists of a document, and the table each item is; a JSON file may also hold ``$schema``."""


def _field_schema(field: Field) -> dict[str, Any]:
    out: dict[str, Any]
    if field.kind in ("table", "tables"):
        item: dict[str, Any] = {"$ref": f"#/$defs/{field.table}"}
        if field.text_ok:
            item = {"anyOf": [_TEXT if field.kind == "tables" else {"type": "string"}, item]}
        out = item if field.kind == "table" else {"type": "array", "items": item}
        if field.min_items:
            out["minItems"] = field.min_items
    else:
        out = dict(KINDS[field.kind].schema)
    out["description"] = field.meaning.replace("`", "'")
    return out


def _table_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    named = [f for f in fields if f.name != ANY_SLUG]
    other = [f for f in fields if f.name == ANY_SLUG]
    out: dict[str, Any] = {
        "type": "object",
        "additionalProperties": _field_schema(other[0]) if other else False,
        "required": [f.name for f in named if f.required],
        "properties": {f.name: _field_schema(f) for f in named},
    }
    if other:
        out["propertyNames"] = {"anyOf": [{"enum": [f.name for f in named]}, _SLUG]} if named else _SLUG
    return out


def schema() -> dict[str, Any]:
    """The JSON Schema of a pack document."""
    lists = {
        "concepts": "Glossary entries: each concept is defined once and may be used by any comparison.",
        "comparisons": "Comparisons between two concepts.",
        "lineups": "Lineups: comparisons of three or more concepts, one standalone statement per concept a row.",
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "pmcompare data pack",
        "description": "Concepts and comparisons for pmcompare, as a TOML or JSON document. "
        "See the 'Data-pack format' page of the pmcompare docs.",
        "type": "object",
        "additionalProperties": False,
        "anyOf": [{"required": [name]} for name in TOP],
        "properties": {
            "$schema": {"type": "string", "description": "The schema this file follows; ignored by pmcompare."},
            **{
                name: {"type": "array", "description": lists[name], "items": {"$ref": f"#/$defs/{table}"}}
                for name, table in TOP.items()
            },
        },
        "$defs": {
            "text": {"type": "string", "pattern": "\\S", "description": "Non-blank text."},
            "slug": {
                "type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "description": "Lowercase kebab-case key."
            },
            **{name: _table_schema(fields) for name, fields in TABLES.items()},
        },
    }


def write_schema() -> None:
    """Write :func:`schema` to ``pack.schema.json`` in the package, for editors (``make data`` runs this)."""
    import json
    from pathlib import Path

    path = Path(__file__).parent.parent / "pack.schema.json"
    path.write_text(json.dumps(schema(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def field_table() -> str:
    """The table of fields on the data-pack format page, as Markdown."""
    lines = ["| table | field | type | required | meaning |", "| --- | --- | --- | --- | --- |"]
    for table, fields in TABLES.items():
        for field in fields:
            kind = KINDS[field.kind].doc
            if field.table is not None:
                kind = f"{field.table} table" if field.kind == "table" else f"list of {field.table} tables"
                if field.text_ok:
                    kind += " or text" if field.kind == "table" else " or texts"
            required = "yes" if field.required else "no"
            name = "*a concept's slug*" if field.name == ANY_SLUG else f"`{field.name}`"
            lines.append(f"| {table} | {name} | {kind} | {required} | {field.meaning} |")
    return "\n".join(lines) + "\n"
