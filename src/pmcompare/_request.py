"""What the pandoc filter and the mystmd plugin share: a block's names and options, read into a table.

Both take the names (``a | b`` or ``a vs b``) and the options as attribute
text, ``name=value``: ``title``, ``summary``, ``definitions`` and ``notes``
(true by default), ``swap`` (false by default) and ``aspects`` (a
comma-separated list of the rows to keep). An option's problem, an unknown
name and an unknown aspect are all a :class:`BlockError`, which says what
was written and, for a name, the nearest known ones.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from ._embed import find, parse_aspects
from ._text import flatten, visible
from .errors import PmcompareError
from .renderers import RenderOptions
from .renderers._table import table

if TYPE_CHECKING:
    from .registry import Registry
    from .renderers._table import Table

__all__ = ["OPTIONS", "BlockError", "Request", "read"]

# The render options a block turns on and off (the aspect column is always
# drawn: ``aspects`` picks rows), and swap.
_FLAGS = {**{name: True for name in RenderOptions.flags() if name != "aspects"}, "swap": False}
OPTIONS = (*_FLAGS, "aspects")
"""The option names a block takes, in the order the documentation gives them."""
_TRUE = frozenset({"true", "yes", "on", "1"})
_FALSE = frozenset({"false", "no", "off", "0"})


class BlockError(PmcompareError, ValueError):
    """A block that cannot be drawn: an unknown name or aspect, or a bad option.

    ``.block`` is the block as written (shown safely), ``.problem`` what is
    wrong and ``.suggestions`` the nearest known names, if any.
    """

    def __init__(self, block: str, problem: str, suggestions: Sequence[str] = ()) -> None:
        self.block = block
        self.problem = problem
        self.suggestions = tuple(suggestions)
        msg = f"{visible(block)}: {problem}"
        super().__init__(msg)


@attrs.frozen
class Request:
    """What one block asks for: the names, and the options of its table."""

    names: str
    flags: Mapping[str, bool]
    aspects: tuple[str, ...] = ()

    def shape(self, registry: Registry, *, block: str) -> Table:
        """The table this block asks for; a :class:`BlockError` naming ``block`` if it cannot be drawn."""
        try:
            found = find(registry, self.names, swap=self.flags["swap"], aspects=self.aspects)
        except (LookupError, ValueError) as error:
            raise BlockError(block, str(error), getattr(error, "suggestions", ())) from error
        flags: dict[str, Any] = {name: value for name, value in self.flags.items() if name != "swap"}
        return table(found, attrs.evolve(RenderOptions(), **flags))


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = flatten(str(value)).lower()
    if word in _TRUE | _FALSE:
        return word in _TRUE
    msg = f"option {name!r} takes true or false, not {value!r}"
    raise ValueError(msg)


def read(names: str, options: Mapping[str, object], *, block: str) -> Request:
    """The request of a block with these names and options; a :class:`BlockError` naming ``block`` if bad."""
    if not flatten(names):
        raise BlockError(block, "no names: give two, such as 'okr | kpi'")
    flags = dict(_FLAGS)
    aspects: tuple[str, ...] = ()
    for name, value in options.items():
        if name not in OPTIONS:
            import difflib

            close = difflib.get_close_matches(name, OPTIONS, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            raise BlockError(block, f"unknown option {name!r}{hint} (the options are: {', '.join(OPTIONS)})")
        try:
            if name == "aspects":
                aspects = parse_aspects(str(value))
            else:
                flags[name] = _flag(name, value)
        except ValueError as error:
            raise BlockError(block, str(error)) from None
    return Request(names, flags, aspects)
