"""The value objects: a Concept, a Difference between two concepts, and a Comparison."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Any, Protocol

import attrs

from ._text import is_kebab, key, slugify


class _PrettyPrinter(Protocol):
    """The part of IPython's pretty printer that ``_repr_pretty_`` uses."""

    def text(self, obj: str) -> None: ...


__all__ = ["Comparison", "Concept", "Difference", "Source"]


def _strip(value: object) -> object:
    # Strip only real strings: anything else must reach the validator as it
    # came, so that a number is refused rather than silently turned to text.
    return value.strip() if isinstance(value, str) else value


def _check_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be a string, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)
    if not value:
        msg = f"{attribute.name} must not be blank"
        raise ValueError(msg)


def _check_optional_text(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be a string, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)


def _text_tuple(value: object) -> object:
    # A lone string is a common slip for a one-item list; refuse it rather
    # than split it into characters.
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(_strip(item) for item in value)


def _check_text_tuple(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        msg = f"{attribute.name} must be a list of strings, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)
    seen: dict[str, str] = {}
    for index, item in enumerate(value):
        if not isinstance(item, str):
            msg = f"{attribute.name}[{index}] must be a string, not {type(item).__name__} ({item!r})"
            raise TypeError(msg)
        if not item:
            msg = f"{attribute.name}[{index}] must not be blank"
            raise ValueError(msg)
        folded = key(item)
        if folded in seen:
            msg = f"{attribute.name}[{index}] {item!r} repeats {seen[folded]!r}"
            raise ValueError(msg)
        seen[folded] = item


def _check_slug(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        msg = f"{attribute.name} must be a string, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)
    if not is_kebab(value):
        msg = (
            f"{attribute.name} must be lowercase kebab-case such as 'product-strategy', "
            f"not {value!r}"
        )
        raise ValueError(msg)


@attrs.frozen(repr=False)
class Source:
    """Where the facts of a comparison come from: a work's title and, if any, its address."""

    title: str = attrs.field(converter=_strip, validator=_check_text)
    url: str | None = attrs.field(default=None, converter=_strip)

    @url.validator
    def _check_url(self, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        _check_text(self, attribute, value)
        assert isinstance(value, str)
        # Only web addresses: a source is shown as a link in some formats,
        # and a javascript: or data: address there would be a script.
        if not value.lower().startswith(("https://", "http://")) or any(
            c.isspace() or c in "<>\"'`" or not c.isprintable() for c in value
        ):
            msg = f"url must be an http:// or https:// address with no spaces or quotes, not {value!r}"
            raise ValueError(msg)

    def __repr__(self) -> str:
        if self.url is None:
            return f"Source({self.title!r})"
        return f"Source({self.title!r}, url={self.url!r})"


@attrs.frozen(repr=False)
class Concept:
    """A term in the glossary: its name, a short definition, and the other names it goes by.

    The ``slug`` is the concept's key (``product-strategy``); left out, it is
    derived from the name.
    """

    name: str = attrs.field(converter=_strip, validator=_check_text)
    definition: str = attrs.field(converter=_strip, validator=_check_text)
    slug: str = attrs.field(default=None, kw_only=True)
    aliases: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_text_tuple, validator=_check_text_tuple
    )

    def __attrs_post_init__(self) -> None:
        if self.slug is None:
            derived = slugify(self.name)
            if not derived:
                msg = f"cannot derive a slug from the name {self.name!r}; pass slug='...' in kebab-case"
                raise ValueError(msg)
            object.__setattr__(self, "slug", derived)
        _check_slug(self, attrs.fields(Concept).slug, self.slug)
        name_key = key(self.name)
        for alias in self.aliases:
            if key(alias) == name_key:
                msg = f"alias {alias!r} is the concept's own name {self.name!r}"
                raise ValueError(msg)

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the concept answers to: its name, its slug and its aliases."""
        return (self.name, self.slug, *self.aliases)

    def __repr__(self) -> str:
        return f"Concept({self.name!r}, slug={self.slug!r})"


@attrs.frozen(repr=False)
class Difference:
    """One row of a comparison: an aspect, and what is true of each side."""

    aspect: str = attrs.field(converter=_strip, validator=_check_text)
    left: str = attrs.field(converter=_strip, validator=_check_text)
    right: str = attrs.field(converter=_strip, validator=_check_text)

    def swapped(self) -> Difference:
        """The same row with its two sides exchanged."""
        return Difference(self.aspect, self.right, self.left)

    def __repr__(self) -> str:
        return f"Difference({self.aspect!r}, {self.left!r}, {self.right!r})"


def _differences(value: object) -> object:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(value)


def _sources(value: object) -> object:
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return value
    return tuple(Source(item) if isinstance(item, str) else item for item in value)


def _check_concept(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Concept):
        msg = f"{attribute.name} must be a Concept, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)


def _check_differences(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        msg = f"differences must be a list of Difference, not {type(value).__name__}"
        raise TypeError(msg)
    if not value:
        msg = "differences must hold at least one Difference"
        raise ValueError(msg)
    seen: dict[str, int] = {}
    for index, item in enumerate(value):
        if not isinstance(item, Difference):
            msg = f"differences[{index}] must be a Difference, not {type(item).__name__} ({item!r})"
            raise TypeError(msg)
        folded = key(item.aspect)
        if folded in seen:
            msg = (
                f"differences[{index}] repeats the aspect {item.aspect!r} "
                f"of differences[{seen[folded]}]"
            )
            raise ValueError(msg)
        seen[folded] = index


def _check_sources(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, tuple):
        msg = f"sources must be a list of Source or str, not {type(value).__name__}"
        raise TypeError(msg)
    for index, item in enumerate(value):
        if not isinstance(item, Source):
            msg = f"sources[{index}] must be a Source or a string, not {type(item).__name__}"
            raise TypeError(msg)


def _check_tags(inst: object, attribute: attrs.Attribute[Any], value: object) -> None:
    _check_text_tuple(inst, attribute, value)
    assert isinstance(value, tuple)
    for index, tag in enumerate(value):
        if not is_kebab(tag):
            msg = f"tags[{index}] must be lowercase kebab-case such as 'roles', not {tag!r}"
            raise ValueError(msg)


@attrs.frozen(repr=False)
class Comparison:
    """Two concepts side by side: the aspects on which they differ, and what they share.

    ``left`` and ``right`` are the two :class:`Concept` objects, ``differences``
    the rows in order. ``summary`` is one line on the main difference.
    """

    left: Concept = attrs.field(validator=_check_concept)
    right: Concept = attrs.field(validator=_check_concept)
    differences: tuple[Difference, ...] = attrs.field(
        converter=_differences, validator=_check_differences
    )
    summary: str = attrs.field(
        default="", kw_only=True, converter=_strip, validator=_check_optional_text
    )
    sources: tuple[Source, ...] = attrs.field(
        default=(), kw_only=True, converter=_sources, validator=_check_sources
    )
    similarities: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_text_tuple, validator=_check_text_tuple
    )
    tags: tuple[str, ...] = attrs.field(
        default=(), kw_only=True, converter=_text_tuple, validator=_check_tags
    )

    def __attrs_post_init__(self) -> None:
        if self.left.slug == self.right.slug:
            msg = f"a comparison needs two different concepts, not {self.left.slug!r} twice"
            raise ValueError(msg)

    @property
    def slug(self) -> str:
        """The comparison's key, as in ``product-strategy-vs-product-management``."""
        return f"{self.left.slug}-vs-{self.right.slug}"

    @property
    def title(self) -> str:
        """The comparison's heading, as in ``Product Strategy vs Product Management``."""
        return f"{self.left.name} vs {self.right.name}"

    @property
    def aspects(self) -> tuple[str, ...]:
        """The aspect labels of the differences, in order."""
        return tuple(d.aspect for d in self.differences)

    def swapped(self) -> Comparison:
        """The same comparison seen from the other side: right concept on the left."""
        return attrs.evolve(
            self,
            left=self.right,
            right=self.left,
            differences=tuple(d.swapped() for d in self.differences),
        )

    def __repr__(self) -> str:
        return f"<Comparison {self.slug} ({len(self.differences)} differences)>"

    def __str__(self) -> str:
        from .renderers import render

        return render(self, "text")

    def _repr_pretty_(self, printer: _PrettyPrinter, cycle: bool) -> None:
        printer.text(repr(self) if cycle else str(self))

    def _repr_mimebundle_(
        self, include: Container[str] | None = None, exclude: Container[str] | None = None, **kwargs: Any
    ) -> dict[str, str]:
        """The comparison as a table for notebooks: plain text, HTML, Markdown and LaTeX.

        ``include`` and ``exclude`` are media types, as IPython passes them;
        only the formats asked for are rendered.
        """
        from .renderers import FORMATS

        bundle: dict[str, str] = {}
        for name in _NOTEBOOK_FORMATS:
            found = FORMATS[name]
            if include is not None and found.media_type not in include:
                continue
            if exclude is not None and found.media_type in exclude:
                continue
            bundle[found.media_type] = found(self)
        return bundle


# The formats a notebook is offered; it shows the richest it can.
_NOTEBOOK_FORMATS = ("text", "html", "markdown", "latex")
