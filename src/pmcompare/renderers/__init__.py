"""The output formats: one module per format, all listed in :data:`FORMATS`.

A comparison is turned once into a :class:`~pmcompare.renderers._table.Table`
(the one shape every table format draws), with the options of one
:class:`RenderOptions`; each format module escapes that table cell by cell
and joins it (``draw(table)``). Modules are imported on first use, so
listing the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import UnknownFormatError
from ._table import RenderOptions

if TYPE_CHECKING:
    from ..model import Comparison, Lineup

__all__ = ["FORMATS", "Format", "RenderOptions", "render"]


@attrs.frozen
class Format:
    """One output format: its name, what it is for, the options it takes and the renderer behind it.

    Calling it renders: ``FORMATS["markdown"](comparison, title=False)``.
    """

    name: str
    media_type: str
    suffix: str
    description: str
    options: tuple[str, ...]

    def __call__(self, comparison: Comparison | Lineup, **options: Any) -> str:
        import importlib

        self._check_names(options)
        module = importlib.import_module(f"{__name__}.{self.name}")
        result: str = module.render(comparison, RenderOptions(**options))
        return result

    def _check_names(self, options: Mapping[str, Any]) -> None:
        """Refuse an option this format does not take, suggesting the nearest one."""
        for name in options:
            if name not in self.options:
                import difflib

                close = difflib.get_close_matches(name, self.options, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                takes = ", ".join(self.options) if self.options else "no options"
                msg = f"the {self.name!r} format has no option {name!r}{hint} (it takes: {takes})"
                raise TypeError(msg)


_for = RenderOptions.for_format

FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        f.name: f
        for f in (
            Format("text", "text/plain", ".txt", "a table for terminals and logs", _for("text")),
            Format("markdown", "text/markdown", ".md", "a GitHub-flavoured Markdown pipe table", _for("markdown")),
            Format("html", "text/html", ".html", "a semantic HTML table with class hooks", _for("html")),
            Format("rst", "text/x-rst", ".rst", "a reStructuredText list-table", _for("rst")),
            Format("latex", "text/latex", ".tex", "a LaTeX tabularx table with booktabs rules", _for("latex")),
            Format("json", "application/json", ".json", "a data pack that loads back to the same comparison", ()),
        )
    }
)
"""Every output format by name, in a fixed order; read-only."""


def render(comparison: Comparison | Lineup, format: str = "text", **options: Any) -> str:
    """Render a comparison as a table in one of the :data:`FORMATS`.

    Options are keyword-only, the fields of :class:`RenderOptions`, and
    shared by the formats where they mean the same thing: ``title``,
    ``summary``, ``definitions``, ``aspects`` and ``notes`` (all on by
    default); ``width`` and ``style`` for ``text``. Raises
    :class:`~pmcompare.UnknownFormatError` for a format that does not exist,
    ``TypeError`` for an option the format does not take and ``ValueError``
    for a bad option value.
    """
    found = FORMATS.get(format) if isinstance(format, str) else None
    if found is None:
        raise UnknownFormatError(str(format), FORMATS)
    return found(comparison, **options)
