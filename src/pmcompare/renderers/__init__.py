"""The output formats: one module per format, all listed in :data:`FORMATS`.

A renderer is a function ``render(comparison, **options) -> str``. Modules
are imported on first use, so listing the formats costs nothing.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ..errors import UnknownFormatError

if TYPE_CHECKING:
    from ..model import Comparison

__all__ = ["FORMATS", "Format", "render"]


@attrs.frozen
class Format:
    """One output format: its name, what it is for, and the renderer behind it.

    Calling it renders: ``FORMATS["markdown"](comparison, title=False)``.
    """

    name: str
    media_type: str
    suffix: str
    description: str
    options: tuple[str, ...]

    def __call__(self, comparison: Comparison, **options: Any) -> str:
        import importlib

        from ._options import check_names

        check_names(self.name, options, self.options)
        module = importlib.import_module(f"{__name__}.{self.name}")
        result: str = module.render(comparison, **options)
        return result


_COMMON = ("title", "summary", "definitions", "aspects")

FORMATS: Mapping[str, Format] = MappingProxyType(
    {
        f.name: f
        for f in (
            Format("text", "text/plain", ".txt", "a table for terminals and logs", (*_COMMON, "width", "style")),
            Format("markdown", "text/markdown", ".md", "a GitHub-flavoured Markdown pipe table", _COMMON),
            Format("html", "text/html", ".html", "a semantic HTML table with class hooks", _COMMON),
            Format("rst", "text/x-rst", ".rst", "a reStructuredText list-table", _COMMON),
            Format("latex", "text/latex", ".tex", "a LaTeX tabularx table with booktabs rules", _COMMON),
            Format("json", "application/json", ".json", "a data pack that loads back to the same comparison", ()),
        )
    }
)
"""Every output format by name, in a fixed order; read-only."""


def render(comparison: Comparison, format: str = "text", **options: Any) -> str:
    """Render a comparison as a table in one of the :data:`FORMATS`.

    Options are keyword-only and shared by the formats where they mean the
    same thing: ``title``, ``summary``, ``definitions`` and ``aspects``
    (all on by default); ``width`` and ``style`` for ``text``.
    Raises :class:`~pmcompare.UnknownFormatError` for a format that does not
    exist, ``TypeError`` for an option the format does not take and
    ``ValueError`` for a bad option value.
    """
    found = FORMATS.get(format) if isinstance(format, str) else None
    if found is None:
        raise UnknownFormatError(str(format), FORMATS)
    return found(comparison, **options)
