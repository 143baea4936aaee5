r"""Typst: a ``table`` in a ``figure``, every piece of text a string literal.

The output is Typst markup for a document body: the summary, the table
(in a ``figure`` whose caption, above it, is the title, breakable across pages, its
header row repeated on each page and set in bold), the definitions as a
``terms`` list, then the notes. Every piece of text is a Typst string
literal (``"..."``), written in code mode: Typst shows a string as its
characters, so nothing in it is markup (no ``*strong*``, ``#command``,
``$math$``, ``<label>``, ``@reference``, smart quote or ``--`` dash), and
only ``\`` and ``"`` need escaping in it (as ``\\`` and ``\"``).

Before that, text is made safe as in every format: whitespace runs (line
breaks included) become one space, and control, format and bidirectional
characters become visible escapes such as ``\x1b`` or ``\u202e``.

Typst sets text in the fonts it is given; the ``typst`` compiler embeds a
few (Libertinus Serif, New Computer Modern, DejaVu Sans Mono) that cover
Latin, Greek and Cyrillic. CJK and emoji need a font that has them (Noto
Sans CJK, Noto Color Emoji...), found by Typst among the system's fonts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._table import normal, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "render"]

_INDENT = "    "


def escape(text: str) -> str:
    """The text as a Typst string literal, quotes included: ``a "b"`` becomes ``"a \"b\""``."""
    return _literal(normal(text))


def _literal(text: str) -> str:
    if "\\" in text:
        text = text.replace("\\", "\\\\")
    if '"' in text:
        text = text.replace('"', '\\"')
    return f'"{text}"'


def _cells(cells: tuple[str, ...], indent: str, wrap: str = "") -> list[str]:
    if wrap:
        return [f"{indent}{wrap}({_literal(cell)})," for cell in cells]
    return [f"{indent}{_literal(cell)}," for cell in cells]


def draw(shape: Table) -> str:
    """The Typst for a table: the figure with its title and table, then the summary, the definitions and the notes."""
    out: list[str] = []
    inner = _INDENT * 3 if shape.title is not None else _INDENT
    columns = ", ".join(f"{share}fr" for share in shape.shares)
    body = [f"{inner}columns: ({columns},),", f"{inner}align: start,"]
    body += [f"{inner}table.header(", *_cells(shape.header, inner + _INDENT, "strong"), f"{inner}),"]
    for row in shape.rows:
        body += _cells(row, inner)
    if shape.title is not None:
        # A code block scopes the rules: the title above the table, which
        # breaks across pages when long.
        out += ["#{", f"{_INDENT}set figure.caption(position: top)"]
        out += [f"{_INDENT}show figure: set block(breakable: true)"]
        out += [f"{_INDENT}figure(", f"{_INDENT * 2}caption: {_literal(shape.title)},", f"{_INDENT * 2}table("]
        out += body
        out += [f"{_INDENT * 2}),", f"{_INDENT})", "}"]
    else:
        out += ["#table(", *body, ")"]
    if shape.summary is not None:
        out += ["", f"#{_literal(shape.summary)}"]
    if shape.definitions:
        out += ["", "#terms("]
        out += [f"{_INDENT}terms.item({_literal(name)}, {_literal(text)})," for name, text in shape.definitions]
        out.append(")")
    for note in shape.notes:
        out += ["", f"#{_literal(note)}"]
    return "\n".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as a Typst table of string literals."""
    return draw(table(comparison, options))
