"""The one shape every table format draws, and the one options object that shapes it.

A comparison or a lineup is turned once into a :class:`Table`: its title, summary,
definitions and notes, a header row and body rows of cells, with any number
of concept columns. The text in it is already as every format shows it
(:func:`normal`: whitespace runs made one space, invisible characters made
visible), so a format only escapes each cell for its own syntax and joins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._text import flatten, visible

if TYPE_CHECKING:
    from ..model import Comparison, Concept, Lineup

__all__ = ["ASPECT_HEADER", "LONG_WORD", "RenderOptions", "Table", "display_width", "normal", "table", "word_pieces"]

ASPECT_HEADER = "Aspect"
"""The header of the aspect column."""


def normal(text: str) -> str:
    """The text as every format shows it: whitespace runs flattened, invisible characters made visible."""
    # isprintable() is False for every control, format, separator and
    # unassigned character and for every space but " ": text that passes it
    # with single inner spaces is already as shown, by far the common case.
    if text.isprintable() and "  " not in text and text.strip(" ") == text:
        return text
    return visible(flatten(text))


LONG_WORD = 16
"""A word longer than this many characters gets break points, in the formats that give it any."""
_PIECE = 4


def word_pieces(word: str) -> list[str]:
    """A long word split into pieces of about four characters where a line may break: between ASCII characters only.

    LaTeX joins them with ``\\allowbreak``, a notebook's HTML with ``<wbr>``,
    so a 10,000-character address or identifier wraps in its column. A run
    of other characters is never split: a break there could fall inside an
    emoji sequence, a conjunct after a virama, a letter and its marks, or a
    Thai word, which the browser or TeX breaks by its own rules.
    """
    pieces: list[str] = []
    start = 0
    for index in range(1, len(word)):
        if index - start >= _PIECE and word[index - 1].isascii() and word[index].isascii():
            pieces.append(word[start:index])
            start = index
    pieces.append(word[start:])
    return [p for p in pieces if p]


def _is_bool(instance: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if not isinstance(value, bool):
        msg = f"option {attribute.name!r} must be True or False, not {value!r}"
        raise TypeError(msg)


def _is_width(instance: object, attribute: attrs.Attribute[int | None], value: object) -> None:
    from .text import MIN_WIDTH

    if value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool):
        msg = f"option 'width' must be a whole number of columns, not {value!r}"
        raise TypeError(msg)
    if value < MIN_WIDTH:
        msg = f"option 'width' must be at least {MIN_WIDTH} columns, not {value}"
        raise ValueError(msg)


def _is_style(instance: object, attribute: attrs.Attribute[str], value: object) -> None:
    from .text import STYLES

    if value not in STYLES:
        msg = f"option 'style' must be one of {', '.join(STYLES)}; not {value!r}"
        raise ValueError(msg)


def _flag(help: str) -> bool:
    return attrs.field(default=True, validator=_is_bool, metadata={"help": help})


@attrs.frozen(kw_only=True)
class RenderOptions:
    """The options of the table formats, checked when made; every renderer reads them from here.

    The on/off parts (``title``, ``summary``, ``definitions``, ``notes`` and
    the ``aspects`` column) are on by default; ``width`` and ``style`` apply
    to the ``text`` format only. :data:`~pmcompare.FORMATS`, the command
    line and the documentation integrations take their option lists from
    these fields.
    """

    title: bool = _flag("the title (the table's caption)")
    summary: bool = _flag("the one-line summary")
    definitions: bool = _flag("the definitions of the concepts")
    aspects: bool = _flag("the aspect column")
    notes: bool = _flag("the notes on how sources differ")
    width: int | None = attrs.field(
        default=None,
        validator=_is_width,
        metadata={"help": "text width in columns (default: the terminal's)", "formats": ("text",)},
    )
    style: str = attrs.field(
        default="rounded_grid",
        validator=_is_style,
        metadata={"help": "text table style, such as grid or github", "formats": ("text",)},
    )

    @classmethod
    def flags(cls) -> tuple[str, ...]:
        """The names of the on/off options, in order."""
        return tuple(f.name for f in attrs.fields(cls) if f.validator is _is_bool)

    @classmethod
    def for_format(cls, name: str) -> tuple[str, ...]:
        """The options a table format takes: the on/off parts, and those fields made for it alone."""
        own = tuple(f.name for f in attrs.fields(cls) if name in f.metadata.get("formats", ()))
        return (*cls.flags(), *own)

    @classmethod
    def help(cls, name: str) -> str:
        """What an option controls, for help texts."""
        help: str = attrs.fields_dict(cls)[name].metadata["help"]
        return help


@attrs.frozen
class Table:
    """A comparison as a table: the text around it and its cells, as every format shows them.

    ``header`` and each row of ``rows`` have one cell per column; when
    ``stub`` is true the first column holds row headers (the aspects).
    ``definitions`` pairs each concept's name with its definition. A part
    left out by the options is ``None`` or empty.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    stub: bool = True
    title: str | None = None
    summary: str | None = None
    definitions: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def columns(self) -> int:
        """How many columns the table has."""
        return len(self.header)

    @property
    def shares(self) -> list[int]:
        """Each column's share of the width in percent, summing to 100: concept columns alike, the aspects half one.

        Two concepts give 20, 40 and 40; six give the aspect column 8. A
        share left over by rounding goes to the first concept columns.
        """
        concepts = self.columns - 1 if self.stub else self.columns
        stub = [round(100 / (2 * concepts + 1))] if self.stub else []
        rest = 100 - sum(stub)
        return [*stub, *(rest // concepts + (1 if index < rest % concepts else 0) for index in range(concepts))]


def display_width(text: str) -> int:
    """How many terminal columns text takes: its length when it is ASCII, else what wcwidth measures."""
    if text.isascii():
        return len(text)
    from wcwidth import wcswidth

    return max(wcswidth(text), 0)


def table(comparison: Comparison | Lineup, options: RenderOptions | None = None) -> Table:
    """The :class:`Table` for a comparison or a lineup with the given options (the defaults when ``None``).

    A lineup has one concept column per concept. A comparison projected from
    a lineup says so in a last note, ``From the lineup ...``.
    """
    from ..model import Comparison

    options = options or RenderOptions()
    notes = list(comparison.notes)
    rows: list[tuple[str, ...]]
    if isinstance(comparison, Comparison):
        concepts: tuple[Concept, ...] = (comparison.left, comparison.right)
        differences = comparison.differences
        if options.aspects:
            rows = [(normal(d.aspect), normal(d.left), normal(d.right)) for d in differences]
        else:
            rows = [(normal(d.left), normal(d.right)) for d in differences]
        summary = str(comparison.summary)
        if comparison.lineup is not None:
            notes.append(f"From the lineup {comparison.lineup}.")
    else:
        concepts = comparison.concepts
        rows = [
            tuple(map(normal, (row.aspect, *row.cells) if options.aspects else row.cells))
            for row in comparison.differences
        ]
        summary = comparison.summary_text
    names = tuple(normal(concept.name) for concept in concepts)
    return Table(
        (ASPECT_HEADER, *names) if options.aspects else names,
        tuple(rows),
        stub=options.aspects,
        title=normal(comparison.title) if options.title else None,
        summary=normal(summary) if options.summary and summary else None,
        definitions=tuple(
            (name, normal(concept.definition)) for name, concept in zip(names, concepts, strict=True)
        )
        if options.definitions
        else (),
        notes=tuple(normal(note) for note in notes) if options.notes else (),
    )
