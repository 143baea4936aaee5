r"""AsciiDoc: an Asciidoctor table, for Antora sites and any Asciidoctor document.

The output is the summary paragraph, the table (``|===``, its title the
comparison's, ``options="header"``, the aspect column in the header style
and the class ``pmcompare``), the definitions as a description list, then
the notes.

Every piece of text is an inline passthrough with only the special
characters substitution, ``pass:c[...]``: Asciidoctor escapes ``< > &`` in
it for HTML and reads nothing else in it (no ``*strong*``, no link, macro,
attribute reference, ``include::``, replacement such as ``(C)`` or ``--``,
nor a passthrough of its own). To keep it one passthrough:

1. whitespace runs (line breaks included) become one space, and control,
   format and bidirectional characters visible escapes such as ``\x1b`` or
   ``\u202e``, as in every format;
2. ``]`` is written ``\]``, which the passthrough reads back as ``]``;
3. a passthrough cannot end in a backslash, so backslashes at the end of
   the text are written after it, as the built-in attribute
   ``{backslash}``;
4. text with ``::`` or ``;;`` in it, which would make its line a
   description list item (or end a term early), is split into
   passthroughs between the two characters;
5. in a table cell, ``|`` is written ``\|``, which the table reads back as
   ``|`` before the passthrough sees it.

Each table cell is on a line of its own, starting with ``|pass:c[``, so no
line of text can end the table or open a block. A document that redefines
the ``backslash`` attribute changes what step 3 shows.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ._table import normal, table

if TYPE_CHECKING:
    from ..model import Comparison, Lineup
    from ._table import RenderOptions, Table

__all__ = ["draw", "escape", "render"]

# A line with "::", ":::", "::::" or ";;" after a word is a description list
# item, wherever the line is: the text is split between the two characters.
_TERM_BREAK = re.compile(r"(?<=:)(?=:)|(?<=;)(?=;)")


def escape(text: str) -> str:
    """The text as an Asciidoctor inline passthrough, ``pass:c[...]``, that shows it as written."""
    return _passthrough(normal(text))


def _passthrough(text: str) -> str:
    if "::" in text or ";;" in text:
        return "".join(_one(piece) for piece in _TERM_BREAK.split(text))
    return _one(text)


def _one(text: str) -> str:
    body = text.rstrip("\\")
    tail = "{backslash}" * (len(text) - len(body))
    if "]" in body:
        body = body.replace("]", "\\]")
    return f"pass:c[{body}]{tail}"


def _cell(text: str) -> str:
    # Asciidoctor splits a table's cells before it reads their text.
    return _passthrough(text).replace("|", "\\|")


def draw(shape: Table) -> str:
    """The AsciiDoc for a table: the title and the table, then the summary, the definitions and the notes."""
    out: list[str] = []
    if shape.title is not None:
        out.append("." + _passthrough(shape.title))
    columns = ",".join(f"{share}{'h' if index == 0 and shape.stub else ''}" for index, share in enumerate(shape.shares))
    out += [f'[cols="{columns}",options="header",role="pmcompare"]', "|==="]
    out += ["|" + _cell(cell) for cell in shape.header]
    for row in shape.rows:
        out.append("")
        out += ["|" + _cell(cell) for cell in row]
    out.append("|===")
    if shape.summary is not None:
        out += ["", _passthrough(shape.summary)]
    if shape.definitions:
        out.append("")
        out += [f"{_passthrough(name)}:: {_passthrough(text)}" for name, text in shape.definitions]
    for note in shape.notes:
        out += ["", _passthrough(note)]
    return "\n".join(out)


def render(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> str:
    """Render a comparison as an Asciidoctor table."""
    return draw(table(comparison, options))
