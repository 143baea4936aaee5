"""A Python-Markdown extension: ``[[pmcompare: a | b]]`` on its own line becomes a comparison table.

Three or more names, ``[[pmcompare: output | outcome | impact]]``, draw a lineup.

Use it by name, ``markdown.markdown(text, extensions=["pmcompare"])``, or in
MkDocs' ``mkdocs.yml`` under ``markdown_extensions``. Options follow the
pair::

    [[pmcompare: product strategy | product management definitions=false aspects="Core question, Time horizon"]]

``title``, ``summary``, ``definitions`` and ``notes`` (all true by default)
and ``swap`` (false by default) take ``true`` or ``false``; ``aspects`` takes a quoted,
comma-separated list of the rows to keep. The table is the ``html`` format's,
inside ``<div class="pmcompare">``, with no class of its own so that themes
style it like any other table; its text is never read as Markdown.

Extension settings: ``packs``, a list of data packs to load besides the
installed ones, and ``strict`` (true by default): an unknown pair or a bad
tag raises :class:`TagError`, which stops the build. With ``strict: false``
the tag becomes a visible warning paragraph instead, and a warning is logged.
"""

from __future__ import annotations

import logging
import re
import shlex
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from html import escape
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from . import PmcompareError, render
from ._embed import find, parse_aspects, registry_with
from ._text import flatten, visible
from .renderers import RenderOptions

if TYPE_CHECKING:
    from markdown import Markdown

    from .model import Comparison, Lineup
    from .registry import Registry

__all__ = ["PmcompareExtension", "TagError", "TagProcessor", "makeExtension"]

logger = logging.getLogger(__name__)

_TAG = re.compile(r"^[ ]{0,3}\[\[pmcompare:(?P<body>[^\n]*?)\]\][ \t]*$", re.MULTILINE)
_OPTIONS_START = re.compile(r"\s(?=[A-Za-z_]+\s*=)")
# The render options a tag turns on and off (all but the aspect column, which
# is always drawn), and swap.
_FLAGS = {**{name: True for name in RenderOptions.flags() if name != "aspects"}, "swap": False}
_OPTION_NAMES = (*_FLAGS, "aspects")
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})
_TABLE_OPEN = re.compile(r"<table\b[^>]*>")


class TagError(PmcompareError, ValueError):
    """A ``[[pmcompare: ...]]`` tag that cannot be drawn: an unknown pair or aspect, or a bad option.

    ``.tag`` is the tag as written; ``.suggestions`` the nearest known names, if any.
    """

    def __init__(self, tag: str, problem: str, suggestions: Sequence[str] = ()) -> None:
        self.tag = tag
        self.problem = problem
        self.suggestions = tuple(suggestions)
        msg = f"{visible(tag)}: {problem}"
        super().__init__(msg)


class _Tag:
    """A parsed tag: the pair, the renderer options, whether to swap and which aspects to keep."""

    def __init__(self, body: str) -> None:
        split = _OPTIONS_START.search(body)
        self.pair = flatten(body[: split.start()] if split else body)
        self.flags = dict(_FLAGS)
        self.aspects: tuple[str, ...] = ()
        if split:
            self._options(body[split.start() :])

    def _options(self, text: str) -> None:
        try:
            words = shlex.split(text)
        except ValueError as error:
            msg = f"cannot read the options {text.strip()!r}: {error}"
            raise ValueError(msg) from None
        for word in words:
            name, equals, value = word.partition("=")
            name = name.strip().lower()
            if not equals or name not in _OPTION_NAMES:
                import difflib

                close = difflib.get_close_matches(name, _OPTION_NAMES, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                msg = f"unknown option {word!r}{hint} (the options are: {', '.join(_OPTION_NAMES)})"
                raise ValueError(msg)
            if name == "aspects":
                self.aspects = parse_aspects(value)
            elif value.strip().lower() in _TRUE | _FALSE:
                self.flags[name] = value.strip().lower() in _TRUE
            else:
                msg = f"option {name!r} takes true or false, not {value!r}"
                raise ValueError(msg)


class TagProcessor(BlockProcessor):
    """Replaces each ``[[pmcompare: ...]]`` line in a block with the comparison's HTML table."""

    def __init__(self, parser: Any, extension: PmcompareExtension) -> None:
        super().__init__(parser)
        self.extension = extension

    def test(self, parent: etree.Element, block: str) -> bool:
        return _TAG.search(block) is not None

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        block = blocks.pop(0)
        match = _TAG.search(block)
        assert match is not None  # test() found it
        before, after = block[: match.start()], block[match.end() :]
        if before.strip():
            self.parser.parseBlocks(parent, [before.rstrip("\n")])
        holder = etree.SubElement(parent, "p")
        holder.text = self.parser.md.htmlStash.store(self.extension.html(match.group(0).strip()))
        if after.strip("\n"):
            blocks.insert(0, after.lstrip("\n"))


class PmcompareExtension(Extension):
    """The ``pmcompare`` Markdown extension; settings ``packs`` and ``strict``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "packs": [[], "Data packs (files or folders) to load besides the installed ones"],
            "strict": [True, "Raise an error for a tag that cannot be drawn, rather than show a warning"],
        }
        super().__init__(**kwargs)
        self._registry: Registry | None = None

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Above the paragraph processor (10), below admonitions (105) so a
        # tag inside an admonition is seen in the admonition's content.
        md.parser.blockprocessors.register(TagProcessor(md.parser, self), "pmcompare", 75)

    @property
    def registry(self) -> Registry:
        """The registry the tags look in: the default one, plus ``packs``; loaded on first use."""
        if self._registry is None:
            packs = self.getConfig("packs")
            if isinstance(packs, str):
                packs = [packs]
            self._registry = registry_with(packs)
        return self._registry

    def html(self, tag: str) -> str:
        """The HTML for one tag as written, or a warning paragraph (or :class:`TagError`) if it fails."""
        try:
            return _table(*self._resolve(tag))
        except TagError as error:
            if self.getConfig("strict"):
                raise
            logger.warning("%s", visible(str(error)))
            return f'<p class="pmcompare-error"><strong>pmcompare:</strong> {escape(visible(str(error)))}</p>'

    def comparison(self, tag: str) -> Comparison | Lineup:
        """The comparison or lineup a tag asks for, swapped and cut to its aspects; :class:`TagError` if it cannot."""
        return self._resolve(tag)[0]

    def _resolve(self, tag: str) -> tuple[Comparison | Lineup, _Tag]:
        match = _TAG.fullmatch(tag.strip())
        if match is None:
            raise TagError(tag, "expected a tag such as [[pmcompare: product strategy | product management]]")
        registry = self.registry  # a broken pack raises its DataError here: it is not the tag's fault
        try:
            parsed = _Tag(match.group("body"))
            found = find(registry, parsed.pair, swap=parsed.flags["swap"], aspects=parsed.aspects)
        except (LookupError, ValueError) as error:
            suggestions = getattr(error, "suggestions", ())
            raise TagError(tag, str(error), suggestions) from error
        return found, parsed


def _table(comparison: Comparison | Lineup, tag: _Tag) -> str:
    options = {name: value for name, value in tag.flags.items() if name != "swap"}
    out = render(comparison, "html", **options)
    # Themes such as Material for MkDocs style only tables without a class;
    # cell text is escaped, so the first "<table" is the renderer's own tag.
    return _TABLE_OPEN.sub("<table>", out, count=1)


def makeExtension(**kwargs: Any) -> PmcompareExtension:
    """The extension, as Python-Markdown creates it from the name ``pmcompare.markdown``."""
    return PmcompareExtension(**kwargs)
