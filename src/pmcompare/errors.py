"""The errors pmcompare raises, and the warning it gives for a broken pack."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "ConflictError",
    "DataError",
    "PackWarning",
    "PmcompareError",
    "Problem",
    "UnknownComparisonError",
    "UnknownConceptError",
    "UnknownFormatError",
    "UnknownLineupError",
]


class PmcompareError(Exception):
    """Base class of every error pmcompare raises on purpose."""


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    quoted = " or ".join(repr(s) for s in suggestions)
    return f"; did you mean {quoted}?"


class UnknownConceptError(PmcompareError, LookupError):
    """A name, slug or alias matched no concept in the registry.

    ``.name`` is what was asked for; ``.suggestions`` the nearest known names.
    """

    def __init__(self, name: str, suggestions: Sequence[str] = (), *, reason: str | None = None) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        if reason is None:
            msg = f"no concept named {name!r}{_did_you_mean(self.suggestions)}"
        else:
            from ._text import quote

            msg = f"no concept named {quote(name)}: {reason}"
        super().__init__(msg)


class UnknownComparisonError(PmcompareError, LookupError):
    """Both concepts are known, but no comparison joins them.

    ``.left`` and ``.right`` are the two concepts' names; ``.suggestions``
    lists the comparisons that do exist for either of them, as titles.
    """

    def __init__(self, left: str, right: str, suggestions: Sequence[str] = ()) -> None:
        self.left = left
        self.right = right
        self.suggestions = tuple(suggestions)
        msg = f"no comparison of {left!r} with {right!r}"
        if self.suggestions:
            msg += "; there are: " + ", ".join(self.suggestions)
        super().__init__(msg)


class UnknownLineupError(PmcompareError, LookupError):
    """Three or more concepts are known, but no lineup holds exactly them.

    ``.names`` are the concepts' names, as asked; ``.suggestions`` lists the
    lineups and comparisons there are among them, as titles.
    """

    def __init__(self, names: Sequence[str], suggestions: Sequence[str] = ()) -> None:
        self.names = tuple(names)
        self.suggestions = tuple(suggestions)
        msg = "no lineup of " + ", ".join(repr(n) for n in self.names)
        if self.suggestions:
            msg += "; there are: " + ", ".join(self.suggestions)
        super().__init__(msg)


class UnknownFormatError(PmcompareError, ValueError):
    """An output format name that pmcompare does not have.

    ``.format`` is the name asked for; ``.formats`` the names there are.
    """

    def __init__(self, format: str, formats: Iterable[str]) -> None:
        self.format = format
        self.formats = tuple(formats)
        msg = f"unknown format {format!r}; the formats are: " + ", ".join(self.formats)
        super().__init__(msg)


class ConflictError(PmcompareError, ValueError):
    """Registering would make two different entries share a key.

    Raised for a second comparison of the same pair, or a concept whose
    slug, name or alias already belongs to a different concept.
    """


@attrs.frozen
class Problem:
    """One thing wrong in a data pack: where it is and what is wrong.

    ``file`` and ``line`` are ``None`` where they are not known; ``path`` is
    the place inside the document, such as ``comparisons[0].differences[1].right``.
    """

    file: str | None
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        from ._text import visible

        # A file's name is the user's too: no raw control character in it reaches a log or a terminal.
        where = visible(self.file) if self.file else "<data>"
        if self.line is not None:
            where += f":{self.line}"
        if self.path:
            where += f": {self.path}"
        return f"{where}: {self.message}"


class DataError(PmcompareError, ValueError):
    """A data pack is not valid; ``.problems`` lists everything wrong with it."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in data pack"
        msg = head + ":\n" + "\n".join(f"  {p}" for p in self.problems)
        super().__init__(msg)


class PackWarning(UserWarning):
    """An installed third-party pack could not be loaded and was skipped."""
