"""Checking renderer options, so a wrong name or value fails clearly."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["check_bool", "check_names"]


def check_names(format: str, options: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Refuse an option the format does not take, suggesting the nearest one."""
    allowed = tuple(allowed)
    for name in options:
        if name not in allowed:
            import difflib

            close = difflib.get_close_matches(name, allowed, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            takes = ", ".join(allowed) if allowed else "no options"
            msg = f"the {format!r} format has no option {name!r}{hint} (it takes: {takes})"
            raise TypeError(msg)


def check_bool(name: str, value: object) -> bool:
    """Refuse anything but True or False for an on/off option."""
    if not isinstance(value, bool):
        msg = f"option {name!r} must be True or False, not {value!r}"
        raise TypeError(msg)
    return value
