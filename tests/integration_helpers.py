"""Shared by the tests of the documentation integrations: a pack with hostile text, and reading tables back."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import html5lib

# Markup of every format the tools speak; none of it may become markup.
HOSTILE_LEFT = "*not emphasis* **not strong** `not code` [not a link](https://example.com) :ref:`x` |sub| <b>no</b>"
HOSTILE_RIGHT = "<script>alert(1)</script> & &amp; $x$ \\end{tabular} {{ braces }} [[pmcompare: a | b]] _u_"
HOSTILE_ASPECT = "<i>Aspect</i> #1"


def write_pack(folder: Path, name: str = "hostile.json") -> Path:
    """Write a pack of one comparison, "Alpha Thing vs Beta Thing", whose cells hold markup."""
    folder.mkdir(parents=True, exist_ok=True)
    pack = {
        "concepts": [
            {"slug": "alpha-thing", "name": "Alpha Thing", "definition": "The *first* <em>thing</em>."},
            {"slug": "beta-thing", "name": "Beta Thing", "definition": "The `second` thing."},
        ],
        "comparisons": [
            {
                "left": "alpha-thing",
                "right": "beta-thing",
                "summary": "Alpha is **first**; <b>Beta</b> is second.",
                "differences": [
                    {"aspect": HOSTILE_ASPECT, "left": HOSTILE_LEFT, "right": HOSTILE_RIGHT},
                    {"aspect": "Order", "left": "First", "right": "Second"},
                ],
            }
        ],
    }
    path = folder / name
    path.write_text(json.dumps(pack), encoding="utf-8")
    return path


LINEUP_NAMES = ("Gamma Thing", "Delta Thing", "Epsilon Thing", "Zeta Thing")
LINEUP_TAG = "gamma thing | delta thing | epsilon thing | zeta thing"


def write_lineup_pack(folder: Path, name: str = "lineup.json") -> Path:
    """Write a pack of one four-way lineup, "Gamma Thing vs ... vs Zeta Thing", with markup in its cells.

    The first row holds :data:`HOSTILE_ASPECT` and, for the concepts in
    turn, :data:`HOSTILE_LEFT`, :data:`HOSTILE_RIGHT` and those again; the
    second row says which concept each cell is about.
    """
    folder.mkdir(parents=True, exist_ok=True)
    slugs = [n.lower().replace(" ", "-") for n in LINEUP_NAMES]
    hostile = [HOSTILE_LEFT, HOSTILE_RIGHT, HOSTILE_LEFT, HOSTILE_RIGHT]
    pack = {
        "concepts": [{"slug": s, "name": n, "definition": f"The <em>{n}</em>."} for s, n in zip(slugs, LINEUP_NAMES)],
        "lineups": [
            {
                "concepts": slugs,
                "summary": {s: f"{n} is **{n.split()[0]}**." for s, n in zip(slugs, LINEUP_NAMES)},
                "differences": [
                    {"aspect": HOSTILE_ASPECT, **dict(zip(slugs, hostile))},
                    {"aspect": "Which", **{s: f"About {n}." for s, n in zip(slugs, LINEUP_NAMES)}},
                ],
                "notes": ["A <b>note</b>."],
            }
        ],
    }
    path = folder / name
    path.write_text(json.dumps(pack), encoding="utf-8")
    return path


def lineup_rows(order: tuple[str, ...] = LINEUP_NAMES) -> list[list[str]]:
    """The rows the lineup of :func:`write_lineup_pack` must read back as, its columns in ``order``."""
    hostile = dict(zip(LINEUP_NAMES, [HOSTILE_LEFT, HOSTILE_RIGHT, HOSTILE_LEFT, HOSTILE_RIGHT]))
    return [
        ["Aspect", *order], [HOSTILE_ASPECT, *(hostile[n] for n in order)], ["Which", *(f"About {n}." for n in order)]
    ]


def parse_html(text: str) -> Any:
    """An ElementTree of an HTML document or fragment, parsed as a browser would."""
    return html5lib.parse(text, namespaceHTMLElements=False)


def cell_text(element: Any) -> str:
    """The text a reader sees in an element, whitespace runs made one space."""
    return " ".join("".join(element.itertext()).split())


def tables(text: str) -> list[Any]:
    """Every <table> element in an HTML document."""
    return list(parse_html(text).iter("table"))


def rows(table: Any) -> list[list[str]]:
    """A table's rows (head and body), each a list of cell texts."""
    return [[cell_text(cell) for cell in row if cell.tag in ("th", "td")] for row in table.iter("tr")]


def caption(table: Any) -> str | None:
    """A table's caption text (without Sphinx's number and link sign), or None."""
    found = table.find("caption")
    if found is None:
        return None
    text = found.find(".//span[@class='caption-text']")
    return cell_text(text if text is not None else found)
