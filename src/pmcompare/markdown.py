"""A Python-Markdown extension: ``[[pmcompare: a | b]]`` on its own line becomes a comparison table.

Three or more names, ``[[pmcompare: output | outcome | impact]]``, draw a lineup.

Use it by name, ``markdown.markdown(text, extensions=["pmcompare"])``, or in
MkDocs' ``mkdocs.yml`` under ``markdown_extensions``. Options follow the
pair::

    [[pmcompare: product strategy | product management definitions=false aspects="Core question, Time horizon"]]

``title``, ``summary``, ``definitions`` and ``notes`` (all true by default)
and ``swap`` (false by default) take ``true`` or ``false``; ``aspects`` takes a quoted,
comma-separated list of the rows to keep. The table is the ``html`` format's,
``<div class="pmcompare">`` around ``<table class="pmcompare-table">``, in the
order of every format (caption, table, summary, definitions, notes); its
text is never read as Markdown. The first table of a page is preceded by a
``<style>`` element holding :data:`pmcompare.STYLESHEET` (setting
``stylesheet``, true by default; turn it off when the site links the
stylesheet itself, as through MkDocs' ``extra_css``).

Extension settings: ``packs``, a list of data packs to load besides the
installed ones, ``stylesheet``, and ``strict`` (true by default): an unknown
pair or a bad tag raises :class:`TagError` naming the line of the tag, which
stops the build (under MkDocs, as a short ``PluginError`` naming the page and
line). With ``strict: false`` the tag becomes a visible warning paragraph
instead, and a warning is logged. A tag that is not alone on its line (in
the middle of a sentence) is left as text, with a logged warning, so that
``mkdocs build --strict`` fails on it.
"""

from __future__ import annotations

import logging
import re
import shlex
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

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
_ANY_TAG = re.compile(r"\[\[pmcompare:[^\n]*?\]\]")
# MkDocs counts the warnings of its own loggers for --strict.
_MKDOCS_LOGGER = "mkdocs.plugins.pmcompare"


class TagError(PmcompareError, ValueError):
    """A ``[[pmcompare: ...]]`` tag that cannot be drawn: an unknown pair or aspect, or a bad option.

    ``.tag`` is the tag as written; ``.suggestions`` the nearest known names, if any;
    ``.where`` where the tag is (``line 12``, or ``page.md:12`` under MkDocs), which starts the message.
    """

    def __init__(self, tag: str, problem: str, suggestions: Sequence[str] = (), where: str = "") -> None:
        self.tag = tag
        self.problem = problem
        self.suggestions = tuple(suggestions)
        self.where = where
        msg = f"{where + ': ' if where else ''}{visible(tag)}: {problem}"
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
        tag = match.group(0).strip()
        holder = etree.SubElement(parent, "p")
        holder.text = self.parser.md.htmlStash.store(self.extension.html(tag, self.extension.where(tag)))
        if after.strip("\n"):
            blocks.insert(0, after.lstrip("\n"))


class _LineRecorder(Preprocessor):
    """Notes the line of every tag in the page, before other steps move lines, so that errors can say where."""

    def __init__(self, md: Markdown, extension: PmcompareExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.start_page(self.md, lines)
        return lines


class _StrayTagWarner(Treeprocessor):
    """Warns of each tag left in the text, in the middle of a sentence, where it cannot become a table."""

    def __init__(self, md: Markdown, extension: PmcompareExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            # A tag in code is shown as code; the code's tail is the text after it.
            texts = [element.tail] if element.tag in ("code", "pre") else [element.text, element.tail]
            for text in texts:
                for found in _ANY_TAG.finditer(text or ""):
                    where = self.extension.where(found.group(0))
                    msg = "a [[pmcompare: ...]] tag must be alone on its line; this one is left as text"
                    self.extension.log().warning("%s", f"{where}: {visible(found.group(0))}: {msg}")


class PmcompareExtension(Extension):
    """The ``pmcompare`` Markdown extension; settings ``packs`` and ``strict``."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "packs": [[], "Data packs (files or folders) to load besides the installed ones"],
            "strict": [True, "Raise an error for a tag that cannot be drawn, rather than show a warning"],
            "stylesheet": [True, "Put pmcompare.STYLESHEET in a <style> element before a page's first table"],
        }
        super().__init__(**kwargs)
        self._registry: Registry | None = None
        self._md: Markdown | None = None
        self._page = ""
        self._lines: dict[str, list[int]] = {}
        self._styled = False

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # Before every other preprocessor (whitespace is normalised at 30),
        # while the lines are still the page's own.
        md.preprocessors.register(_LineRecorder(md, self), "pmcompare-lines", 40)
        # Above the paragraph processor (10), below admonitions (105) so a
        # tag inside an admonition is seen in the admonition's content.
        md.parser.blockprocessors.register(TagProcessor(md.parser, self), "pmcompare", 75)
        # After the inline patterns (20), which would otherwise still hold text to parse.
        md.treeprocessors.register(_StrayTagWarner(md, self), "pmcompare-stray", 5)

    def reset(self) -> None:
        """Forget the page: Python-Markdown calls this between documents."""
        self._lines = {}
        self._styled = False

    def start_page(self, md: Markdown, lines: list[str]) -> None:
        """Record where each tag of a page is, and the page's name when MkDocs builds it."""
        self._md = md
        self._styled = False
        self._page, offset = _mkdocs_page(md, len(lines))
        self._lines = {}
        for number, line in enumerate(lines, start=1 + offset):
            for found in _ANY_TAG.finditer(line):
                self._lines.setdefault(found.group(0).strip(), []).append(number)

    def where(self, tag: str) -> str:
        """Where a tag is, ``page.md:12`` under MkDocs, ``line 12`` elsewhere; each call moves to the next one."""
        lines = self._lines.get(tag.strip())
        if not lines:
            return self._page
        line = lines.pop(0) if len(lines) > 1 else lines[0]
        return f"{self._page}:{line}" if self._page else f"line {line}"

    def log(self) -> logging.Logger:
        """The logger for warnings: one of MkDocs' own under MkDocs, so that --strict counts them."""
        return logging.getLogger(_MKDOCS_LOGGER) if self._page else logger

    @property
    def registry(self) -> Registry:
        """The registry the tags look in: the default one, plus ``packs``; loaded on first use."""
        if self._registry is None:
            packs = self.getConfig("packs")
            if isinstance(packs, str):
                packs = [packs]
            self._registry = registry_with(packs)
        return self._registry

    def html(self, tag: str, where: str = "") -> str:
        """The HTML for one tag as written, or a warning paragraph (or :class:`TagError`) if it fails.

        ``where`` (``page.md:12`` or ``line 12``) starts the error's message.
        """
        try:
            out = _table(*self._resolve(tag, where))
        except TagError as error:
            if self.getConfig("strict"):
                if self._page:
                    raise _mkdocs_error(error) from error
                raise
            self.log().warning("%s", visible(str(error)))
            return f'<p class="pmcompare-error"><strong>pmcompare:</strong> {escape(visible(str(error)))}</p>'
        if self.getConfig("stylesheet") and not self._styled:
            from .renderers.stylesheet import STYLESHEET

            self._styled = True
            return f"<style>\n{STYLESHEET}</style>\n{out}"
        return out

    def comparison(self, tag: str) -> Comparison | Lineup:
        """The comparison or lineup a tag asks for, swapped and cut to its aspects; :class:`TagError` if it cannot."""
        return self._resolve(tag)[0]

    def _resolve(self, tag: str, where: str = "") -> tuple[Comparison | Lineup, _Tag]:
        match = _TAG.fullmatch(tag.strip())
        if match is None:
            problem = "expected a tag such as [[pmcompare: product strategy | product management]]"
            raise TagError(tag, problem, (), where)
        registry = self.registry  # a broken pack raises its DataError here: it is not the tag's fault
        try:
            parsed = _Tag(match.group("body"))
            found = find(registry, parsed.pair, swap=parsed.flags["swap"], aspects=parsed.aspects)
        except (LookupError, ValueError) as error:
            suggestions = getattr(error, "suggestions", ())
            raise TagError(tag, str(error), suggestions, where) from error
        return found, parsed


def _table(comparison: Comparison | Lineup, tag: _Tag) -> str:
    options = {name: value for name, value in tag.flags.items() if name != "swap"}
    return render(comparison, "html", **options)


def _mkdocs_page(md: Markdown, lines: int) -> tuple[str, int]:
    """The page MkDocs is building (its path in the docs folder) and how many lines of front matter it dropped.

    MkDocs hands each page to Python-Markdown with its own treeprocessor
    ``relpath``, which knows the page's file; elsewhere there is no page.
    """
    found = getattr(md.treeprocessors["relpath"], "file", None) if "relpath" in md.treeprocessors else None
    if found is None or not getattr(found, "src_uri", None):
        return "", 0
    try:
        whole = len(Path(found.abs_src_path).read_text(encoding="utf-8-sig").split("\n"))
    except (OSError, TypeError, UnicodeDecodeError):
        whole = lines
    return str(found.src_uri), max(whole - lines, 0)


def _mkdocs_error(error: TagError) -> Exception:
    """The error as MkDocs reports a plugin's: its message in a line or two, without a traceback."""
    from mkdocs.exceptions import PluginError

    return PluginError(f"pmcompare: {visible(str(error))}")


def makeExtension(**kwargs: Any) -> PmcompareExtension:
    """The extension, as Python-Markdown creates it from the name ``pmcompare.markdown``."""
    return PmcompareExtension(**kwargs)
