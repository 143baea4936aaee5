"""A Sphinx extension: the ``pmcompare`` directive puts a comparison (or lineup) table in a page.

Add ``"pmcompare.sphinx"`` to ``extensions`` in ``conf.py``, then write::

    .. pmcompare:: product strategy | product management
       :caption: How strategy and management differ
       :name: strategy-vs-management
       :definitions: false
       :aspects: Core question, Time horizon

or, in MyST Markdown, a fenced ``{pmcompare}`` block with the same options.
Three or more names, ``.. pmcompare:: output | outcome | impact``, draw a
lineup: one column per concept, in the order written.
The directive builds real docutils table nodes, so every builder (HTML,
LaTeX, text, epub...) draws a real table, numbered with ``numfig`` and
referable by its ``:name:``. Cell text is always plain text, never markup.
The parts come in the order of every pmcompare format: the caption (the
title), the table, then the summary, the definitions and the notes, all
shown unless turned off (``:summary: false``).

The extension adds :data:`pmcompare.STYLESHEET` to every HTML page (as
``_static/pmcompare.css``): cells that wrap and start-aligned row headers in
any theme, and on a narrow screen a stacked table, each cell under its
column's name.

``pmcompare_packs = ["data/"]`` in ``conf.py`` adds your own data packs
(paths relative to the folder of ``conf.py``); an edit to one rebuilds the
pages that use it. ``.. pmcompare-gallery::`` shows every comparison known,
one section each.
"""

from __future__ import annotations

import weakref
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxDirective

from . import DataError, Lineup, PmcompareError
from ._embed import find, parse_aspects, registry_with
from .packs import pack_files
from .renderers import RenderOptions
from .renderers._table import Table, normal, table

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

    from .model import Comparison
    from .registry import Registry

__all__ = ["ComparisonDirective", "GalleryDirective", "comparison_nodes", "setup"]

ENV_VERSION = 2
"""Bumped whenever the nodes the directives build change, so old pickled pages are rebuilt."""

_N = TypeVar("_N", bound=nodes.Element)
# The parts a directive turns on or off: the render options but the aspect
# column (always drawn). Each is on unless given as false.
_PARTS = tuple(name for name in RenderOptions.flags() if name != "aspects")
_TRUE = ("", "true", "yes", "on", "1")
_FALSE = ("false", "no", "off", "0")
CSS_FILE = "pmcompare.css"
"""The stylesheet the extension writes into the HTML build's ``_static`` folder and links from every page."""
LABEL_CLASS = "pmcompare-label"
"""The class of the column name before each cell, shown only when a narrow screen stacks the table."""


class _Loaded:
    """One build's registry and the pack files it was read from."""

    def __init__(self, registry: Registry, files: list[Path]) -> None:
        self.registry = registry
        self.files = files


# Keyed by the build's Config, which the environment shares with the app
# (and, in a parallel build, every forked reader process inherits).
_loaded: weakref.WeakKeyDictionary[Config, _Loaded] = weakref.WeakKeyDictionary()


def _load(confdir: Path, config: Config) -> _Loaded:
    """The registry for a build, with ``pmcompare_packs`` (relative to ``confdir``) loaded."""
    packs = [confdir / pack for pack in config.pmcompare_packs]
    try:
        registry = registry_with(packs)
    except DataError as error:
        msg = f"pmcompare_packs: {error}"
        raise ConfigError(msg) from error
    files = [file for pack in packs for file in pack_files(pack)]
    return _Loaded(registry, files)


def _config_inited(app: Sphinx, config: Config) -> None:
    packs = config.pmcompare_packs
    if isinstance(packs, str) or not all(isinstance(p, str | PathLike) for p in packs):
        msg = f"pmcompare_packs must be a list of paths (strings), not {packs!r}"
        raise ConfigError(msg)
    # Loaded here, once per build, so a broken pack stops the build before any page is read.
    _loaded[config] = _load(Path(app.confdir), config)


def _loaded_for(directive: SphinxDirective) -> _Loaded:
    found = _loaded.get(directive.config)
    if found is None:  # a Config that did not pass through config-inited
        found = _loaded[directive.config] = _load(Path(directive.env.srcdir), directive.config)
    for file in found.files:
        directive.env.note_dependency(str(file))
    return found


def _widths(argument: str) -> str | list[int]:
    """``auto``, ``grow`` or three whole numbers, as ``:widths:`` of ``list-table``."""
    if argument.strip().lower() in ("auto", "grow"):
        return argument.strip().lower()
    return directives.positive_int_list(argument)


def _switch(argument: str | None) -> bool:
    """An on/off part: no value (the flag alone) or true, yes, on, 1 shows it; false, no, off, 0 leaves it out."""
    value = (argument or "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    msg = f"takes true or false (or no value, for true), not {argument!r}"
    raise ValueError(msg)


def _align(argument: str) -> str:
    return directives.choice(argument, ("left", "center", "right"))


def _plain(text: str) -> nodes.Text:
    """Shown text (a :class:`Table`'s, already one line with invisible characters escaped) as a text node."""
    return nodes.Text(text)


def _text_paragraph(text: str, *classes: str) -> nodes.paragraph:
    return _verbatim(nodes.paragraph("", "", _plain(text), classes=list(classes)))


def _verbatim(node: _N) -> _N:
    # Data is shown as written: no smart quotes or dashes, as in every other format.
    node["support_smartquotes"] = False
    return node


def comparison_nodes(
    comparison: Comparison | Lineup,
    *,
    caption: list[nodes.Node] | None = None,
    summary: bool = True,
    definitions: bool = True,
    notes: bool = True,
    widths: str | list[int] | None = None,
    align: str | None = None,
    classes: tuple[str, ...] = (),
) -> tuple[list[nodes.Element], nodes.table]:
    """The docutils nodes for a comparison or lineup: the table, then its summary, definitions and notes.

    Returns a one-item list, a ``container`` of class ``pmcompare`` holding
    every part in order, and the table itself (to name it). Every piece of the
    comparison's text becomes a ``Text`` node, never markup. Text is shown as
    every pmcompare format shows it: whitespace runs made one space, and
    control or format characters written as visible escapes.
    """
    shape = table(comparison, RenderOptions(title=False, summary=summary, definitions=definitions, notes=notes))
    holder = nodes.container(classes=["pmcompare"])
    found = _table(shape, caption, widths, align, classes)
    holder += found
    if shape.summary is not None:
        holder += _text_paragraph(shape.summary, "pmcompare-summary")
    if shape.definitions:
        items = _verbatim(nodes.definition_list(classes=["pmcompare-definitions"]))
        for name, text in shape.definitions:
            items += nodes.definition_list_item(
                "", nodes.term("", "", _plain(name)), nodes.definition("", _text_paragraph(text))
            )
        holder += items
    holder += [_text_paragraph(note, "pmcompare-note") for note in shape.notes]
    return [holder], found


def _table(
    shape: Table,
    caption: list[nodes.Node] | None,
    widths: str | list[int] | None,
    align: str | None,
    classes: tuple[str, ...],
) -> nodes.table:
    node = nodes.table(classes=["pmcompare-table", *classes])
    if widths == "auto":
        node["classes"].append("colwidths-auto")
    elif widths != "grow":
        # Given widths (ours by default) keep the aspect column narrow in LaTeX and text.
        node["classes"].append("colwidths-given")
    if align:
        node["align"] = align
    if caption:
        node += nodes.title("", "", *caption)
    column_widths = widths if isinstance(widths, list) else shape.shares
    tgroup = _verbatim(nodes.tgroup(cols=shape.columns))
    node += tgroup
    for index, width in enumerate(column_widths):
        colspec = nodes.colspec(colwidth=width)
        if index == 0:
            colspec["stub"] = 1
        tgroup += colspec
    thead = nodes.thead()
    thead += _row(shape.header)
    tgroup += thead
    tbody = nodes.tbody()
    labels = tuple(None if index == 0 and shape.stub else name for index, name in enumerate(shape.header))
    for row in shape.rows:
        tbody += _row(row, labels)
    tgroup += tbody
    return node


def _row(cells: tuple[str, ...], labels: tuple[str | None, ...] = ()) -> nodes.row:
    """A table row; a cell with a label starts with its column's name, for the stacked layout of narrow screens."""
    row = nodes.row()
    for cell, label in zip(cells, labels or (None,) * len(cells), strict=True):
        paragraph = _text_paragraph(cell)
        if label is not None:
            paragraph.insert(0, nodes.inline("", "", _plain(label), classes=[LABEL_CLASS]))
        row += nodes.entry("", paragraph)
    return row


class ComparisonDirective(SphinxDirective):
    """``.. pmcompare:: a | b``: one comparison as a table (``a | b | c``: a lineup), with its caption and options."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = True
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {
        "caption": directives.unchanged,
        "name": directives.unchanged,
        "class": directives.class_option,
        "widths": _widths,
        "align": _align,
        **dict.fromkeys(_PARTS, _switch),
        "aspects": directives.unchanged_required,
        "swap": _switch,
    }

    def run(self) -> list[nodes.Node]:
        loaded = _loaded_for(self)
        try:
            comparison = find(
                loaded.registry,
                self.arguments[0],
                swap=self.options.get("swap", False),
                aspects=parse_aspects(self.options.get("aspects", "")),
            )
        except (PmcompareError, LookupError, ValueError) as error:
            msg = f"pmcompare: {error}"
            raise self.error(msg) from error
        widths = self.options.get("widths")
        columns = 1 + (len(comparison.concepts) if isinstance(comparison, Lineup) else 2)  # aspects, then concepts
        if isinstance(widths, list) and len(widths) != columns:
            sides = "left, right" if columns == 3 else "one per concept"
            msg = f"pmcompare: :widths: needs {columns} numbers (aspect, {sides}), not {len(widths)}"
            raise self.error(msg)
        caption, messages = self._caption(comparison) if self.options.get("title", True) else (None, [])
        out, found = comparison_nodes(
            comparison,
            caption=caption,
            summary=self.options.get("summary", True),
            definitions=self.options.get("definitions", True),
            notes=self.options.get("notes", True),
            widths=widths,
            align=self.options.get("align"),
            classes=tuple(self.options.get("class", ())),
        )
        self.set_source_info(found)
        self.add_name(found)
        return [*out, *messages]

    def _caption(self, comparison: Comparison | Lineup) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        """The table's caption: ``:caption:``, the author's reStructuredText as list-table reads it, or the title."""
        given = self.options.get("caption")
        if given:
            return self.state.inline_text(given, self.lineno)
        return [_verbatim(nodes.inline("", "", _plain(normal(comparison.title))))], []


class GalleryDirective(SphinxDirective):
    """``.. pmcompare-gallery::``: every comparison known, then every lineup, one section each, in a stable order.

    Each section is titled with the comparison and has its summary,
    definitions and table; its id is the comparison's slug. New data shows
    up at the next build with nothing else to change.
    """

    required_arguments = 0
    has_content = False
    option_spec: ClassVar[dict[str, Any]] = {"tag": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        loaded = _loaded_for(self)
        tag = self.options.get("tag")
        out: list[nodes.Node] = []
        for comparison in (*loaded.registry, *loaded.registry.lineups()):
            if tag is not None and tag not in comparison.tags:
                continue
            section = nodes.section(names=[comparison.slug])
            section += _verbatim(nodes.title("", "", _plain(normal(comparison.title))))
            section += comparison_nodes(comparison)[0]
            self.set_source_info(section)
            self.state.document.note_implicit_target(section, section)
            out.append(section)
        if not out:
            msg = f"pmcompare-gallery: no comparison has the tag {tag!r}" if tag else "pmcompare-gallery: none known"
            raise self.error(msg)
        return out


def _write_stylesheet(app: Sphinx) -> None:
    """Write :data:`pmcompare.STYLESHEET` into an HTML build's ``_static`` folder, which every page links."""
    if app.builder.format != "html":
        return
    from .renderers.stylesheet import STYLESHEET

    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    (static / CSS_FILE).write_text(STYLESHEET, encoding="utf-8")


def _drop_labels(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Take the column names out of the cells for builders other than HTML, which have no stacked layout."""
    if app.builder.format == "html":
        return
    for label in list(doctree.findall(nodes.inline)):
        if LABEL_CLASS in label["classes"]:
            label.parent.remove(label)


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the directives, the ``pmcompare_packs`` setting and the stylesheet with Sphinx."""
    from . import __version__

    app.add_config_value("pmcompare_packs", [], "env", types=frozenset({list, tuple}))
    app.add_directive("pmcompare", ComparisonDirective)
    app.add_directive("pmcompare-gallery", GalleryDirective)
    app.add_css_file(CSS_FILE)
    app.connect("config-inited", _config_inited)
    app.connect("builder-inited", _write_stylesheet)
    app.connect("doctree-resolved", _drop_labels)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
