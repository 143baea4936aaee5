"""The value objects: a Concept, a Difference between two concepts, and a Comparison."""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Sequence
from typing import Any, Protocol

import attrs

from ._text import _KEBAB, _key_cache, is_kebab, key, slugify


class _PrettyPrinter(Protocol):
    """The part of IPython's pretty printer that ``_repr_pretty_`` uses."""

    def text(self, obj: str) -> None: ...


__all__ = ["Comparison", "Concept", "Difference", "Source"]



# Each field is checked by one converter that strips and checks together,
# rather than by an attrs converter and a validator: a 10,000-comparison pack
# builds some 70,000 of these objects, and one call per field instead of two
# is a good part of its load time. The converters run in field order, so
# the first bad field (in the order of the signature) is the one reported.


def _not_text(name: str, value: object) -> TypeError:
    return TypeError(f"{name} must be a string, not {type(value).__name__} ({value!r})")


def _checked_text(name: str, value: object, *, blank_ok: bool = False) -> str:
    """The value of the text field ``name``, stripped; blank or non-text refused."""
    # Only real strings: a number is refused rather than silently turned to text.
    if not isinstance(value, str):
        raise _not_text(name, value)
    value = value.strip()
    if not value and not blank_ok:
        msg = f"{name} must not be blank"
        raise ValueError(msg)
    return value


def _items(value: object) -> tuple[Any, ...] | None:
    """The items of a list-like value as a tuple, or None for a string or a non-iterable."""
    # Lists and tuples, nearly always what is given, skip the slower
    # isinstance() check against the Iterable ABC.
    if isinstance(value, tuple):
        return value
    if isinstance(value, list):
        return tuple(value)
    # A lone string is a common slip for a one-item list; refuse it rather
    # than split it into characters.
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        return None
    return tuple(value)


def _checked_texts(name: str, value: object, *, kebab: str | None = None) -> tuple[str, ...]:
    """The value of the list field ``name``: texts, each stripped, none blank, none repeating another.

    With ``kebab`` (an example), each must also be lowercase kebab-case.
    """
    items = _items(value)
    if items is None:
        msg = f"{name} must be a list of strings, not {type(value).__name__} ({value!r})"
        raise TypeError(msg)
    if kebab is not None:
        # Nearly always every item is kebab-case already. Such texts need no
        # stripping, and fold to the same key only when they are the same,
        # so a set finds any repeat without folding each one.
        for item in items:
            if type(item) is not str or not is_kebab(item):
                break
        else:
            if len(set(items)) == len(items):
                return items
    out: list[str] = []
    fold = len(items) > 1  # a lone item repeats nothing: no need to fold it
    seen: dict[str, str] = {}
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise _not_text(f"{name}[{index}]", item)
        item = item.strip()
        if not item:
            msg = f"{name}[{index}] must not be blank"
            raise ValueError(msg)
        if fold:
            folded = key(item)
            if folded in seen:
                msg = f"{name}[{index}] {item!r} repeats {seen[folded]!r}"
                raise ValueError(msg)
            seen[folded] = item
        out.append(item)
    if kebab is not None:
        for index, item in enumerate(out):
            if not is_kebab(item):
                msg = f"{name}[{index}] must be lowercase kebab-case such as {kebab!r}, not {item!r}"
                raise ValueError(msg)
    return tuple(out)


def _check_slug(name: str, value: object) -> None:
    if not isinstance(value, str):
        raise _not_text(name, value)
    if not is_kebab(value):
        msg = f"{name} must be lowercase kebab-case such as 'product-strategy', not {value!r}"
        raise ValueError(msg)


# Printable ASCII but for space and the quotes and angle brackets refused
# below: a web address nearly always matches, which spares the check of
# each character one by one.
_PLAIN_URL = re.compile(r"[\x21\x23-\x26\x28-\x3b\x3d\x3f-\x5f\x61-\x7e]*")


def _url(value: object) -> str | None:
    if value is None:
        return None
    url = _checked_text("url", value)
    # Only web addresses: a source is shown as a link in some formats,
    # and a javascript: or data: address there would be a script.
    if not url.lower().startswith(("https://", "http://")) or (
        _PLAIN_URL.fullmatch(url) is None and any(c.isspace() or c in "<>\"'`" or not c.isprintable() for c in url)
    ):
        msg = f"url must be an http:// or https:// address with no spaces or quotes, not {url!r}"
        raise ValueError(msg)
    return url


# The converters of the fields, one named function each, as mypy's attrs
# plugin needs to see the types of the constructors' arguments.


def _title(value: object) -> str:
    return _checked_text("title", value)


def _name(value: object) -> str:
    return _checked_text("name", value)


def _definition(value: object) -> str:
    return _checked_text("definition", value)


def _aliases(value: object) -> tuple[str, ...]:
    return _checked_texts("aliases", value)


def _summary(value: object) -> str:
    return _checked_text("summary", value, blank_ok=True)


def _similarities(value: object) -> tuple[str, ...]:
    return _checked_texts("similarities", value)


def _tags(value: object) -> tuple[str, ...]:
    return _checked_texts("tags", value, kebab="roles")


# Building an instance of a model class without any check: only for values
# taken from objects already checked and rearranged in a way that keeps every
# rule, as swapped() does, so that get(b, a) costs about what get(a, b) does.
# The classes are frozen, hence object.__setattr__.
_new = object.__new__
_set = object.__setattr__


@attrs.frozen(repr=False)
class Source:
    """Where the facts of a comparison come from: a work's title and, if any, its address."""

    title: str = attrs.field(converter=_title)
    url: str | None = attrs.field(default=None, converter=_url)

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

    name: str = attrs.field(converter=_name)
    definition: str = attrs.field(converter=_definition)
    slug: str = attrs.field(default=None, kw_only=True)
    aliases: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_aliases)

    def __attrs_post_init__(self) -> None:
        if self.slug is None:
            derived = slugify(self.name)
            if not derived:
                msg = f"cannot derive a slug from the name {self.name!r}; pass slug='...' in kebab-case"
                raise ValueError(msg)
            object.__setattr__(self, "slug", derived)
        _check_slug("slug", self.slug)
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


@attrs.frozen(repr=False, init=False)
class Difference:
    """One row of a comparison: an aspect, and what is true of each side."""

    aspect: str
    left: str
    right: str

    def __init__(self, aspect: object, left: object, right: object) -> None:
        # Written out rather than generated by attrs from a converter per
        # field, which would take two calls per field instead of one: a pack
        # builds six of these for every comparison.
        _set(self, "aspect", _checked_text("aspect", aspect))
        _set(self, "left", _checked_text("left", left))
        _set(self, "right", _checked_text("right", right))

    def swapped(self) -> Difference:
        """The same row with its two sides exchanged."""
        # Two checked texts exchanged are still checked: no need to check them again.
        row = _new(Difference)
        _set(row, "aspect", self.aspect)
        _set(row, "left", self.right)
        _set(row, "right", self.left)
        return row

    def __repr__(self) -> str:
        return f"Difference({self.aspect!r}, {self.left!r}, {self.right!r})"


def _not_concept(name: str, value: object) -> TypeError:
    return TypeError(f"{name} must be a Concept, not {type(value).__name__} ({value!r})")


def _left_concept(value: Concept) -> Concept:
    if isinstance(value, Concept):
        return value
    raise _not_concept("left", value)


def _right_concept(value: Concept) -> Concept:
    if isinstance(value, Concept):
        return value
    raise _not_concept("right", value)


def _differences(value: object) -> tuple[Difference, ...]:
    rows = _items(value)
    if rows is None:
        msg = f"differences must be a list of Difference, not {type(value).__name__}"
        raise TypeError(msg)
    if not rows:
        msg = "differences must hold at least one Difference"
        raise ValueError(msg)
    seen: dict[str, int] = {}
    for index, item in enumerate(rows):
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
    return rows


def _sources(value: object) -> tuple[Source, ...]:
    items = _items(value)
    if items is None:
        msg = f"sources must be a list of Source or str, not {type(value).__name__}"
        raise TypeError(msg)
    sources = tuple([Source(item) if isinstance(item, str) else item for item in items])
    for index, item in enumerate(sources):
        if not isinstance(item, Source):
            msg = f"sources[{index}] must be a Source or a string, not {type(item).__name__}"
            raise TypeError(msg)
    return sources


@attrs.frozen(repr=False)
class Comparison:
    """Two concepts side by side: the aspects on which they differ, and what they share.

    ``left`` and ``right`` are the two :class:`Concept` objects, ``differences``
    the rows in order. ``summary`` is one line on the main difference.
    """

    left: Concept = attrs.field(converter=_left_concept)
    right: Concept = attrs.field(converter=_right_concept)
    differences: tuple[Difference, ...] = attrs.field(converter=_differences)
    summary: str = attrs.field(default="", kw_only=True, converter=_summary)
    sources: tuple[Source, ...] = attrs.field(default=(), kw_only=True, converter=_sources)
    similarities: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_similarities)
    tags: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_tags)

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
        # Everything here was checked when this comparison was built, and
        # exchanging the sides breaks no rule, so the copy is made without
        # running the checks again (attrs.evolve would run them all).
        other = _new(Comparison)
        _set(other, "left", self.right)
        _set(other, "right", self.left)
        _set(other, "differences", tuple([d.swapped() for d in self.differences]))
        for name in _SHARED_FIELDS:
            _set(other, name, getattr(self, name))
        return other

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


# The fields that swapped() copies as they are: all but the three it turns round.
_SHARED_FIELDS = tuple(f.name for f in attrs.fields(Comparison) if f.name not in ("left", "right", "differences"))

# The formats a notebook is offered; it shows the richest it can.
_NOTEBOOK_FORMATS = ("text", "html", "markdown", "latex")


# -- building from a pack's plain entries -------------------------------------
#
# The pack reader finds nearly every entry of a pack plainly right: texts that
# are exact str and not blank, lists that are lists. A 10,000-comparison pack
# builds 60,000 rows and 10,000 comparisons from such entries, and a call per
# field (the converters, attrs' __init__) is most of its load time. The two
# helpers below build them straight into their slots, with exactly the values
# the constructors would give, and answer None whenever that is not certain:
# the caller then calls the constructor, for its result or its error.


def _slot_setter(cls: type, name: str) -> Callable[[object, object], None]:
    # The slot's own descriptor: faster than object.__setattr__, which looks
    # the name up on the class each time.
    setter: Callable[[object, object], None] = cls.__dict__[name].__set__
    return setter


_strip = str.strip
_folded = _key_cache.get
_plain_tags: dict[tuple[str, ...], tuple[str, ...]] = {}  # sets of tags found right (kebab-case, none twice)
_set_aspect, _set_row_left, _set_row_right = (_slot_setter(Difference, f) for f in ("aspect", "left", "right"))
_set_left, _set_right, _set_differences, _set_summary, _set_sources, _set_similarities, _set_tags = (
    _slot_setter(Comparison, name)
    for name in ("left", "right", "differences", "summary", "sources", "similarities", "tags")
)


def _differences_from_tables(tables: Sequence[Any]) -> list[Difference] | None:
    """``[Difference(**table) for table in tables]``, for tables of exactly ``aspect``, ``left`` and ``right``.

    None if a table has other keys, or a value that is not text, or blank
    (where the constructor would refuse it). The values are stripped by
    ``str.strip``, so the rows are the constructor's for any ``str`` but a
    subclass with a strip() of its own (which the constructor would call):
    the pack parsers make none.
    """
    rows: list[Difference] = []
    append = rows.append
    for table in tables:
        if type(table) is not dict or len(table) != 3:
            return None
        try:  # with three keys, the three found are the only ones
            aspect, left, right = _strip(table["aspect"]), _strip(table["left"]), _strip(table["right"])
        except (KeyError, TypeError):  # a key missing, or a value that is not a str
            return None
        if not (aspect and left and right):
            return None
        row = _new(Difference)
        _set_aspect(row, aspect)
        _set_row_left(row, left)
        _set_row_right(row, right)
        append(row)
    return rows


def _comparison_from_plain(
    left: Concept,
    right: Concept,
    differences: list[Difference],
    *,
    summary: object,
    sources: Sequence[object],
    similarities: Sequence[object],
    tags: Sequence[object],
) -> Comparison | None:
    """``Comparison(left, right, differences, summary=..., ...)`` when its converters would keep the values as given.

    That is: concepts with different slugs; rows that are Difference objects
    with aspects that do not fold to the same key; a summary that is an exact
    ``str``; sources that are Source objects; similarities that are exact
    ``str`` with text, none folding to another's key; tags that are distinct
    exact ``str`` in kebab-case. The values are then stored as the converters
    would store them (stripped, as tuples). None for anything else.
    """
    if not (isinstance(left, Concept) and isinstance(right, Concept)) or left.slug == right.slug:
        return None
    rows = tuple(differences)
    if not rows:
        return None
    aspects = set()
    for row in rows:
        if type(row) is not Difference:
            return None
        # key(), but with no call when the aspect was folded before, as
        # aspects recur from comparison to comparison.
        folded = _folded(row.aspect)
        aspects.add(key(row.aspect) if folded is None else folded)
    if len(aspects) != len(rows):
        return None
    if type(summary) is not str:
        return None
    found = tuple(sources)
    for source in found:
        if type(source) is not Source:
            return None
    texts = []
    for text in similarities:
        if type(text) is not str:
            return None
        text = text.strip()
        if not text:
            return None
        texts.append(text)
    if len(texts) > 1 and len({key(text) for text in texts}) != len(texts):
        return None
    labels: tuple[Any, ...] = tuple(tags)
    for label in labels:
        if type(label) is not str:
            return None
    # A pack gives the same few sets of tags again and again: each is
    # checked once, and its comparisons share one tuple of them.
    known = _plain_tags.get(labels)
    if known is not None:
        labels = known
    else:
        for label in labels:
            if _KEBAB.fullmatch(label) is None:
                return None
        if len(set(labels)) != len(labels):
            return None
        if len(_plain_tags) < 4096:
            _plain_tags[labels] = labels
    comparison = _new(Comparison)
    _set_left(comparison, left)
    _set_right(comparison, right)
    _set_differences(comparison, rows)
    _set_summary(comparison, summary.strip())
    _set_sources(comparison, found)
    _set_similarities(comparison, tuple(texts))
    _set_tags(comparison, labels)
    return comparison
