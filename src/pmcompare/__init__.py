"""pmcompare: curated "X vs Y" comparisons of product-management concepts, as data.

>>> import pmcompare
>>> comparison = pmcompare.get("product strategy", "product management")
>>> comparison.title
'Product Strategy vs Product Management'
"""

from __future__ import annotations

import threading
from os import PathLike
from typing import TYPE_CHECKING, Any, overload

from .errors import (
    ConflictError,
    DataError,
    PackWarning,
    PmcompareError,
    Problem,
    UnknownComparisonError,
    UnknownConceptError,
    UnknownFormatError,
    UnknownLineupError,
)
from .model import Comparison, Concept, Difference, Lineup, LineupRow, Source, Summary
from .registry import Registry
from .search import SearchHit

if TYPE_CHECKING:
    from .notebook import View
    from .renderers import FORMATS, Format, RenderOptions, render
    from .renderers.stylesheet import STYLESHEET

# Imported on first use, so that `import pmcompare` stays cheap.
_RENDERING = {"FORMATS", "Format", "RenderOptions", "render"}

__all__ = [
    "DATA_VERSION",
    "FORMATS",
    "STYLESHEET",
    "Comparison",
    "Concept",
    "ConflictError",
    "DataError",
    "Difference",
    "Format",
    "Lineup",
    "LineupRow",
    "PackWarning",
    "PmcompareError",
    "Problem",
    "Registry",
    "RenderOptions",
    "SearchHit",
    "Source",
    "Summary",
    "UnknownComparisonError",
    "UnknownConceptError",
    "UnknownFormatError",
    "UnknownLineupError",
    "View",
    "find",
    "get",
    "pack_schema",
    "read_export",
    "registry",
    "render",
    "search",
]

DATA_VERSION = "2026.12"
"""The version of the bundled data (year.month of its release), apart from the code's ``__version__``.

It changes whenever a comparison or concept is added, changed or removed;
``CHANGELOG.md`` lists what changed, and every export records it.
"""

_registry: Registry | None = None
_registry_lock = threading.Lock()


def registry() -> Registry:
    """The default registry: the bundled data and every installed pack, built on first call.

    Thread-safe; later calls return the same object. A third-party pack that
    fails to load is skipped with a :class:`PackWarning`.
    """
    global _registry
    found = _registry
    if found is None:
        with _registry_lock:
            found = _registry
            if found is None:
                from ._default import load_default

                found = _registry = load_default()
    return found


@overload
def get(a: str, b: str) -> Comparison: ...
@overload
def get(a: str, b: str, c: str, /, *more: str) -> Lineup: ...
@overload
def get(a: str, b: None = None) -> Comparison | Lineup: ...


def get(a: str, b: str | None = None, *more: str) -> Comparison | Lineup:
    """The comparison of ``a`` with ``b`` from the default registry, ``a`` on the left; or a lineup of three or more.

    ``get("product strategy", "product management")`` and
    ``get("product strategy vs product management")`` are the same;
    ``get("dau", "wau", "mau")`` is the lineup, its columns in that order.
    See :meth:`Registry.get`.
    """
    return registry().get(a, b, *more)


def search(text: str) -> tuple[Comparison, ...]:
    """Comparisons in the default registry that match every word of ``text``, best first."""
    return registry().search(text)


def find(text: str, *, limit: int | None = None) -> tuple[SearchHit, ...]:
    """Concepts, comparisons and lineups in the default registry matching ``text``, best first, with where each matched.

    ``limit`` keeps the best so many.
    """
    return registry().find(text, limit=limit)


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of the data-pack format (what ``pmcompare schema`` prints)."""
    from .packs import pack_schema as schema

    return schema()


def read_export(path: str | PathLike[str]) -> Registry:
    """A registry of what an export holds (``pmcompare export``, :meth:`Registry.export`), in any of its formats.

    Raises :class:`DataError` with every problem if the export was edited into invalid data.
    """
    from .export import read

    return read(path)


def __dir__() -> list[str]:
    """The module's names, those imported on first use included, for completion in an editor or a notebook."""
    return sorted({*globals(), *__all__})


def __getattr__(name: str) -> Any:
    if name in _RENDERING:
        from . import renderers

        return getattr(renderers, name)
    if name == "STYLESHEET":
        from .renderers.stylesheet import STYLESHEET

        return STYLESHEET
    if name == "View":
        from .notebook import View

        return View
    if name == "__version__":
        from importlib.metadata import version

        return version("pmcompare")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
