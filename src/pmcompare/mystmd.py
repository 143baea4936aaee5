"""A mystmd executable plugin: the ``pmcompare`` directive for Jupyter Book 2 and MyST sites.

mystmd runs an executable plugin with no argument to read its specification
(JSON on standard output), then once per directive with ``--directive
pmcompare`` and the directive's data (JSON) on standard input, and reads
back the nodes it writes. ``myst.yml`` names an executable file, so a
project holds a two-line one (or points at the ``pmcompare-mystmd`` console
script)::

    #!/usr/bin/env python3
    from pmcompare.mystmd import main
    raise SystemExit(main(packs=["comparisons/"]))

and lists it::

    project:
      plugins:
        - type: executable
          path: pmcompare-plugin.py

A page then asks for a comparison as in Sphinx::

    :::{pmcompare} product strategy | product management
    :label: strategy-vs-management
    :definitions: false
    :::

The directive makes real MyST nodes: a ``container`` of kind ``table``
(numbered, referable by its ``label``) holding the caption (the title, or
the ``caption`` option, read as MyST) and a ``table`` whose header row and
aspect column are ``header`` cells, then the summary paragraph, the
definitions as a definition list and the notes, the order of every host. Every piece of the
comparison's text is a ``text`` node, never read as MyST. An unknown name
or a bad option fails the directive: the problem, with the nearest names,
is written to standard error and the exit status is 1, which mystmd reports
with the page.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from os import PathLike
from typing import Any

from . import DataError
from ._embed import registry_with
from ._request import BlockError, read
from .renderers._table import Table

__all__ = ["SPEC", "main", "nodes", "run"]

Node = dict[str, Any]
"""A node of the MyST AST (mdast), as JSON."""

_FLAG_DOC = {
    "title": "Caption the table with the comparison's title (default true)",
    "summary": "Show the one-line summary (default true)",
    "definitions": "Show the definitions of the concepts (default true)",
    "notes": "Show the notes on how sources differ (default true)",
    "swap": "Put the second concept on the left (default false)",
}

SPEC: dict[str, Any] = {
    "name": "pmcompare",
    "directives": [
        {
            "name": "pmcompare",
            "doc": "A pmcompare comparison as a table: two names, as in 'product strategy | product management'.",
            "arg": {"type": "string", "required": True, "doc": "The names, joined by '|' or 'vs'"},
            "options": {
                "label": {"type": "string", "alias": ["name"], "doc": "A label to refer to the table by"},
                "caption": {"type": "myst", "doc": "A caption of your own, instead of the title"},
                "class": {"type": "string", "doc": "Classes for the table's container"},
                **{name: {"type": "boolean", "doc": doc} for name, doc in _FLAG_DOC.items()},
                "aspects": {"type": "string", "doc": "The rows to keep, comma-separated, in this order"},
            },
        }
    ],
}
"""The plugin's specification, as mystmd reads it."""

# The options that are the directive's own, not the table's.
_OWN = ("label", "caption", "class")


def _text(text: str) -> Node:
    return {"type": "text", "value": text}


def _paragraph(text: str, kind: str) -> Node:
    return {"type": "paragraph", "class": kind, "children": [_text(text)]}


def _row(cells: Sequence[str], *, header: bool, stub: bool) -> Node:
    return {
        "type": "tableRow",
        "children": [
            {"type": "tableCell", **({"header": True} if header or (stub and i == 0) else {}), "children": [_text(c)]}
            for i, c in enumerate(cells)
        ],
    }


def nodes(
    shape: Table, *, caption: list[Node] | None = None, label: str | None = None, classes: str = ""
) -> list[Node]:
    """The MyST nodes for a table: the captioned table in its container, then the summary, definitions and notes.

    ``caption`` (MyST nodes) stands for the title, when given; ``label``
    names the container so that it can be referred to.
    """
    out: list[Node] = []
    rows = [_row(shape.header, header=True, stub=shape.stub)]
    rows += [_row(row, header=False, stub=shape.stub) for row in shape.rows]
    children: list[Node] = []
    if caption is None and shape.title is not None:
        caption = [{"type": "paragraph", "children": [_text(shape.title)]}]
    if caption:
        children.append({"type": "caption", "children": caption})
    children.append({"type": "table", "class": "pmcompare-table", "children": rows})
    container: Node = {"type": "container", "kind": "table", "class": " ".join(["pmcompare", classes]).strip()}
    if label:
        container["label"] = label
        container["identifier"] = " ".join(label.split()).lower()
    container["children"] = children
    out.append(container)
    if shape.summary is not None:
        out.append(_paragraph(shape.summary, "pmcompare-summary"))
    if shape.definitions:
        items: list[Node] = []
        for name, text in shape.definitions:
            items += [
                {"type": "definitionTerm", "children": [_text(name)]},
                {"type": "definitionDescription", "children": [{"type": "paragraph", "children": [_text(text)]}]},
            ]
        out.append({"type": "definitionList", "class": "pmcompare-definitions", "children": items})
    out += [_paragraph(note, "pmcompare-note") for note in shape.notes]
    return out


def _caption(value: Any, block: str) -> list[Node] | None:
    """The ``caption`` option as mystmd parsed it: MyST nodes, wrapped in a paragraph where they are inline."""
    if not value:
        return None
    if isinstance(value, str):
        return [{"type": "paragraph", "children": [_text(" ".join(value.split()))]}]
    parsed: list[Node] = value if isinstance(value, list) else [value]
    if not all(isinstance(node, dict) for node in parsed):
        raise BlockError(block, f"option 'caption' takes text or MyST nodes (objects), not {_shown(value)}")
    if all(node.get("type") == "paragraph" for node in parsed):
        return parsed
    return [{"type": "paragraph", "children": parsed}]


def _shown(value: Any) -> str:
    """A JSON value as the error names it, cut short."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def _string(value: Any, name: str, block: str) -> str | None:
    """An option that takes a string: ``None`` when absent, else the string; a :class:`BlockError` otherwise."""
    if value is None or isinstance(value, str):
        return value
    raise BlockError(block, f"option {name!r} takes a string, not {_shown(value)}")


def run(data: dict[str, Any], *, packs: Iterable[str | PathLike[str]] = ()) -> list[Node]:
    """The nodes for one ``pmcompare`` directive, from the data mystmd sends.

    Raises :class:`~pmcompare._request.BlockError` for a directive that
    cannot be drawn, and :class:`~pmcompare.DataError` for a pack that does
    not load.
    """
    arg = data.get("arg")
    if arg is not None and not isinstance(arg, str):
        raise BlockError("{pmcompare}", f"the directive's argument must be the names as a string, not {_shown(arg)}")
    names = arg or ""
    block = f"{{pmcompare}} {' '.join(names.split())}"
    given = data.get("options")
    if given is not None and not isinstance(given, dict):
        raise BlockError(block, f"the directive's options must be an object of option: value, not {_shown(given)}")
    options = dict(given or {})
    own = {name: options.pop(name, None) for name in _OWN}
    label = _string(own["label"], "label", block)
    classes = _string(own["class"], "class", block)
    caption = _caption(own["caption"], block)
    request = read(names, options, block=block)
    shape = request.shape(registry_with(packs), block=block)
    return nodes(shape, caption=caption, label=label, classes=classes or "")


def main(argv: Sequence[str] | None = None, *, packs: Iterable[str | PathLike[str]] = ()) -> int:
    """The plugin's command line, as mystmd runs it; ``packs`` are data packs to load besides the installed ones.

    With no argument it prints :data:`SPEC`; with ``--directive pmcompare``
    it reads the directive's data on standard input and prints its nodes.
    Returns the exit status: 0 on success, 1 when the directive cannot be
    drawn (the problem on standard error), 2 for a wrong use.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if not args:
        json.dump(SPEC, sys.stdout)
        return 0
    if args != ["--directive", "pmcompare"]:
        sys.stderr.write(
            "usage: pmcompare-mystmd [--directive pmcompare]\n"
            "A mystmd executable plugin: list it under project.plugins in myst.yml.\n"
        )
        return 2
    try:
        data = json.loads(sys.stdin.buffer.read())
        if not isinstance(data, dict):
            msg = f"the directive's data is not a JSON object, such as {{\"arg\": \"okr | kpi\"}}: {_shown(data)}"
            raise ValueError(msg)
        out = run(data, packs=packs)
    except DataError as error:
        sys.stderr.write(f"pmcompare: packs: {error}\n")
        return 1
    except BlockError as error:
        sys.stderr.write(f"pmcompare: {error}\n")
        return 1
    except (ValueError, RecursionError) as error:
        sys.stderr.write(f"pmcompare: cannot read the directive's data from mystmd: {error}\n")
        return 1
    sys.stdout.write(json.dumps(out))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
