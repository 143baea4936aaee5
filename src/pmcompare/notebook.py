"""Notebook display: the media types a comparison shows as in Jupyter, and :class:`View` for chosen parts.

A comparison as the last expression of a cell gives IPython a bundle of four
media types, each drawn from the same table; the host shows the richest it
can:

- ``text/plain``: the ``text`` format, for consoles and hosts that show text;
- ``text/html``: :data:`pmcompare.STYLESHEET` in a ``<style>`` element, for
  the hosts that keep one (a trusted notebook in JupyterLab, nbconvert's
  exports), then the ``html`` format with an inline ``style`` attribute on
  the table and its cells (:data:`CELL_STYLE`), so that prose reads
  start-aligned and top-aligned where the host's own table CSS is made for
  numbers (JupyterLab and nbconvert right-align and vertically centre every
  cell) and where a ``<style>`` element would be removed (JupyterLab's
  sanitiser for untrusted notebooks, VS Code, GitHub). The declarations are
  constants, each of a property and value that JupyterLab's sanitiser
  keeps; no text from the data goes into an attribute. A word longer than
  16 characters (an address) gets a ``<wbr>`` break point every four
  characters, as the LaTeX gets ``\allowbreak``, so it wraps in its column
  instead of widening the table past the output; no CSS is needed for it,
  so it holds where styles are sanitised. The ``html`` format itself stays
  free of inline style;
- ``text/markdown``: the ``markdown`` format;
- ``text/latex``: the ``latex`` format as a ``longtable`` (which breaks
  across pages) rather than a ``tabularx``, so that ``jupyter nbconvert --to
  pdf`` compiles it with nbconvert's own template, which loads
  ``longtable``, ``booktabs`` and ``array`` but not ``tabularx``.

``comparison.view(definitions=False)`` gives a :class:`View`: the same bundle
with the options given, so a notebook shows fewer parts and keeps every
format (``HTML(render(...))`` keeps HTML alone, and prints as an object's
repr in a PDF).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from html import escape, unescape
from typing import TYPE_CHECKING, Any

import attrs

from .renderers._table import LONG_WORD, word_pieces

if TYPE_CHECKING:
    from typing import TypeAlias

    from .model import Comparison, Lineup
    from .renderers import RenderOptions

    # What a notebook shows: whatever the renderers' table() takes.
    Subject: TypeAlias = Comparison | Lineup

__all__ = ["CELL_STYLE", "TABLE_STYLE", "View", "bundle", "html"]

_START = "text-align:left;text-align:start"
CELL_STYLE = _START + ";vertical-align:top"
"""The inline style of every cell in a notebook's HTML, header and data alike (the caption gets its ``text-align``).

``text-align:start`` follows the text's direction; JupyterLab's sanitiser
allows only ``left``, ``right``, ``center`` and ``justify``, and keeps the
declarations it allows, so an untrusted notebook gets ``left`` (the same in
a left-to-right notebook) and every other host the last one it knows.
"""

TABLE_STYLE = "margin-left:0;margin-right:auto;table-layout:auto"
"""The inline style of the table in a notebook's HTML: at the start of the output, not centred under the text.

``table-layout:auto`` undoes JupyterLab's ``fixed``, which would give every
column the same width once the stylesheet makes the table full-width.
"""

# Every "<" in the html format's output opens one of its own tags: cell text
# is escaped, "<" included, and attribute values are escaped too, so no ">"
# stands inside a tag. A tag is matched by its name alone, whatever
# attributes the renderer gives it.
_STYLED = re.compile(r"<(table|caption|th|td)\b([^>]*)>")
_STYLES = {"table": TABLE_STYLE, "caption": _START, "th": CELL_STYLE, "td": CELL_STYLE}

# The text between two tags, and in it a run of 17 or more characters
# without a space: as escaped, so a candidate for a long word.
_TEXT = re.compile(r">([^<]+)<")
_RUN = re.compile(rf"[^\s<>]{{{LONG_WORD + 1},}}")


def _break_word(match: re.Match[str]) -> str:
    word = unescape(match[0])
    if len(word) <= LONG_WORD:
        return match[0]
    return "<wbr>".join(escape(piece, quote=True) for piece in word_pieces(word))


def _break_text(match: re.Match[str]) -> str:
    return ">" + _RUN.sub(_break_word, match[1]) + "<"


def html(markup: str) -> str:
    """The ``html`` format's output as a notebook receives it: the stylesheet, styled cells, long words broken.

    ``markup`` is what :func:`pmcompare.render` gives for ``"html"``: every
    text in it escaped with :func:`html.escape`, which the long words are
    unescaped from, split with :func:`~pmcompare.renderers._table.word_pieces`
    and escaped again the same way.
    """
    from .renderers.stylesheet import STYLESHEET

    styled = _STYLED.sub(lambda m: f'<{m[1]}{m[2]} style="{_STYLES[m[1]]}">', markup)
    broken = _TEXT.sub(_break_text, styled) if _RUN.search(styled) else styled
    return f"<style>\n{STYLESHEET}</style>\n{broken}"


def _text(subject: Subject, options: RenderOptions) -> str:
    from .renderers import text

    return text.render(subject, options)


def _html(subject: Subject, options: RenderOptions) -> str:
    from .renderers import html as html_format

    return html(html_format.render(subject, options))


def _markdown(subject: Subject, options: RenderOptions) -> str:
    from .renderers import markdown

    return markdown.render(subject, options)


def _latex(subject: Subject, options: RenderOptions) -> str:
    from .renderers import latex
    from .renderers._table import table

    return latex.draw(table(subject, options), breaks=True)


# The media types a notebook is offered, in order, with what draws each.
_DRAWN: dict[str, Callable[[Subject, RenderOptions], str]] = {
    "text/plain": _text,
    "text/html": _html,
    "text/markdown": _markdown,
    "text/latex": _latex,
}


def bundle(
    subject: Subject,
    options: RenderOptions | None = None,
    include: Container[str] | None = None,
    exclude: Container[str] | None = None,
) -> dict[str, str]:
    """The notebook bundle of a comparison: each media type asked for, drawn with ``options``.

    ``include`` and ``exclude`` are media types, as IPython passes them to
    ``_repr_mimebundle_``; only the types asked for are drawn.
    """
    from .renderers import RenderOptions

    options = options or RenderOptions()
    return {
        media_type: draw(subject, options)
        for media_type, draw in _DRAWN.items()
        if (include is None or media_type in include) and (exclude is None or media_type not in exclude)
    }


def _options(given: dict[str, Any]) -> RenderOptions:
    """The options of a view, with a suggestion for a name that is not one."""
    import difflib

    from .renderers import RenderOptions

    names = tuple(field.name for field in attrs.fields(RenderOptions))
    for name in given:
        if name not in names:
            close = difflib.get_close_matches(name, names, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            msg = f"view() has no option {name!r}{hint} (it takes: {', '.join(names)})"
            raise TypeError(msg)
    return RenderOptions(**given)


@attrs.frozen(repr=False)
class View:
    """A comparison shown with chosen options, in every notebook format: ``comparison.view(definitions=False)``.

    The last expression of a cell, it shows as the comparison does (plain
    text, HTML, Markdown and LaTeX, see :mod:`pmcompare.notebook`) with the
    parts the options leave out left out. The options are those of
    :class:`~pmcompare.RenderOptions`; ``width`` and ``style`` apply to the
    plain text.
    """

    subject: Subject
    options: RenderOptions

    @classmethod
    def of(cls, subject: Subject, **options: Any) -> View:
        """A view of ``subject`` with ``options``, checked: an unknown name or a bad value fails here."""
        return cls(subject, _options(options))

    def __repr__(self) -> str:
        from .renderers import RenderOptions

        default = RenderOptions()
        changed = [
            f"{field.name}={getattr(self.options, field.name)!r}"
            for field in attrs.fields(RenderOptions)
            if getattr(self.options, field.name) != getattr(default, field.name)
        ]
        return f"<View of {self.subject!r}{': ' if changed else ''}{', '.join(changed)}>"

    def __str__(self) -> str:
        return _text(self.subject, self.options)

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None, **kwargs: Any
    ) -> dict[str, str]:
        """The view for notebooks: plain text, HTML, Markdown and LaTeX, with its options."""
        return bundle(self.subject, self.options, include, exclude)
