"""The converters and validators of the model's fields: each rule written once, used by every field it fits.

Converters give a value the shape it is stored in (text stripped, lists as
tuples) and leave anything they cannot convert as it is; validators then
refuse what breaks a rule, naming the field, what was expected and what came.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import attrs

from ._text import is_kebab, key

__all__ = [
    "YEARS",
    "Optional",
    "as_tuple",
    "check_text",
    "instances",
    "slug",
    "stripped",
    "stripped_all",
    "text",
    "texts",
    "url",
    "what",
    "year",
]


# -- converters: the shape a value is stored in --------------------------


def stripped(value: object) -> Any:
    """Text without its surrounding whitespace; anything else as it is, for the validator to judge."""
    return value.strip() if isinstance(value, str) else value


def as_tuple(value: object) -> Any:
    """A list-like value as a tuple; a string or a non-iterable as it is, for the validator to refuse."""
    if type(value) is tuple:
        return value
    if type(value) is list or not (isinstance(value, str | bytes) or not isinstance(value, Iterable)):
        return tuple(value)
    return value


def stripped_all(value: object) -> Any:
    """A list-like value as a tuple of its items, each stripped as :func:`stripped` does."""
    items = as_tuple(value)
    if type(items) is not tuple:
        return items
    return tuple([item.strip() if isinstance(item, str) else item for item in items])


# -- validators: the rules, each written once ----------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")


def what(value: object) -> str:
    return f"{type(value).__name__} ({value!r})"


def check_text(name: str, value: object, *, blank_ok: bool = False) -> None:
    """Refuse anything but a string of text: not blank (unless ``blank_ok``), no lone surrogate."""
    # Only real strings: a number is refused rather than silently turned to text.
    if not isinstance(value, str):
        msg = f"{name} must be a string, not {what(value)}"
        raise TypeError(msg)
    if not value and not blank_ok:
        msg = f"{name} must not be blank"
        raise ValueError(msg)
    found = _SURROGATE.search(value)
    if found is not None:
        # A surrogate pair given as two code points ("\ud83d\ude00") is not
        # the character it stands for, and no UTF-8 file can hold it.
        msg = (
            f"{name} holds the lone surrogate \\u{ord(found.group()):04x} at index {found.start()}; "
            "write the character itself (for example '\\U0001f600', not '\\ud83d\\ude00'), "
            "or join the pairs with text.encode('utf-16', 'surrogatepass').decode('utf-16')"
        )
        raise ValueError(msg)


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator: a non-blank string with no lone surrogate, as :func:`check_text` says."""
    if type(value) is not str or not value or _SURROGATE.search(value) is not None:
        check_text(attribute.name, value)


@attrs.frozen
class Optional:
    """Validator: None, or what ``inner`` accepts."""

    inner: Any

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None:
            self.inner(instance, attribute, value)

    def __repr__(self) -> str:
        return f"<optional {self.inner!r}>"


def texts(*, kebab: bool = False) -> Any:
    """Validator: a tuple of texts (each kebab-case with ``kebab``), none folding to the key of another."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        name = attribute.name
        if not isinstance(value, tuple):
            msg = f"{name} must be a list of strings, not {what(value)}"
            raise TypeError(msg)
        seen: dict[str, str] = {}
        for index, item in enumerate(value):
            check_text(f"{name}[{index}]", item)
            folded = "" if len(value) == 1 else key(item)  # one item repeats nothing: no need to fold it
            if folded in seen:
                msg = f"{name}[{index}] {item!r} repeats {seen[folded]!r}"
                raise ValueError(msg)
            seen[folded] = item
            if kebab and not is_kebab(item):
                msg = f"{name}[{index}] must be lowercase kebab-case such as 'roles', not {item!r}"
                raise ValueError(msg)

    return check


def instances(cls: type, name: str) -> Any:
    """Validator: a tuple of ``cls`` instances (``name``: how to say what is expected)."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, tuple):
            msg = f"{attribute.name} must be a list of {name}, not {type(value).__name__}"
            raise TypeError(msg)
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                msg = f"{attribute.name}[{index}] must be {name}, not {what(item)}"
                raise TypeError(msg)

    return check


def slug(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be a string, not {what(value)}"
        raise TypeError(msg)
    if not is_kebab(value):
        msg = f"{attribute.name} must be lowercase kebab-case such as 'product-strategy', not {value!r}"
        raise ValueError(msg)


# Only web addresses: a source is shown as a link in some formats,
# and a javascript: or data: address there would be a script.
_URL = re.compile(r"(?i:https?)://[^\s<>\"'`]+")


def url(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    check_text("url", value)
    value = str(value)
    if _URL.fullmatch(value) is None or not value.isprintable():
        msg = f"url must be an http:// or https:// address with no spaces or quotes, not {value!r}"
        raise ValueError(msg)


YEARS = range(1000, 2101)
"""The years a source may give: 1000 to 2100."""


def year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        msg = f"year must be an integer, not {what(value)}"
        raise TypeError(msg)
    if value not in YEARS:
        msg = f"year must be from {YEARS.start} to {YEARS.stop - 1}, not {value}"
        raise ValueError(msg)
