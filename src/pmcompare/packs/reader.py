"""Reading a pack: its files found, read, parsed, checked and built, every problem collected.

:func:`read_pack` returns what it found; the registry registers it
(:meth:`Registry.add <pmcompare.Registry.add>`), all or nothing.
"""

from __future__ import annotations

from os import PathLike
from typing import TYPE_CHECKING, Any

from .._text import visible
from ..errors import Problem
from ..model import Comparison, Concept, Lineup
from . import files, parse
from .build import Builder, Lookup
from .check import Path, check_document, format_path

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .lines import Lines

__all__ = ["Pack", "read_pack"]

class Pack:
    """What :func:`read_pack` found: the concepts, comparisons and lineups that built, and every problem.

    :meth:`problem` places a later problem with one of them (a conflict
    found by the registry) where the object is written.
    """

    def __init__(self) -> None:
        self.concepts: list[Concept] = []
        self.comparisons: list[Comparison] = []
        self.lineups: list[Lineup] = []
        self.problems: list[Problem] = []
        self._places: dict[int, tuple[_Document, Path]] = {}

    def problem(self, item: Concept | Comparison | Lineup, message: str) -> Problem:
        """A problem with ``item`` (one of this pack's objects), at its file, line and path."""
        document, path = self._places[id(item)]
        return document.problem(path, visible(message))


class _Document:
    """One parsed file: makes its located problems, finding lines in one pass when the first is needed."""

    def __init__(self, label: str, text: str | bytes, problems: list[Problem]) -> None:
        self.label, self.text, self.problems = label, text, problems
        self._lines: Lines | None = None

    def line(self, path: Path) -> int | None:
        if not path:
            return None
        if self._lines is None:
            text = self.text if isinstance(self.text, str) else parse.decode(self.label, self.text, [])
            if text is None:
                return None
            from .lines import json_lines, toml_lines

            self._lines = (json_lines if self.label.endswith(".json") else toml_lines)(text)
        return self._lines.of(path)

    def problem(self, path: Path, message: str) -> Problem:
        return Problem(self.label, self.line(path), format_path(path), message)

    def report(self, path: Path, message: str) -> None:
        self.problems.append(self.problem(path, message))

    def top_problem(self, message: str) -> None:
        self.problems.append(Problem(self.label, 1, "", message))


def read_pack(
    source: str | PathLike[str] | Traversable, *, known: Lookup | None = None
) -> Pack:
    """Read the pack at ``source`` (a file or folder, or a Traversable) and build what it holds.

    ``known`` finds a concept named by a comparison but not defined in the
    pack (``Registry.concept``). Nothing raises for a bad pack: every problem is in ``Pack.problems``.
    """
    pack = Pack()
    problems = pack.problems
    documents = []
    for file in files.find(source, problems):
        document = _document(file, problems)
        if document is not None:
            documents.append(document)

    builder = Builder(known)
    checked = []
    for doc, document in documents:
        entries = check_document(document, doc.report, doc.top_problem)
        if entries is not None:
            checked.append((doc, document, entries))
    for doc, document, entries in checked:
        for index, (path, entry) in enumerate(entries["concepts"]):
            concept = builder.concept(path, entry, document["concepts"][index], doc.report)
            if concept is not None:
                pack.concepts.append(concept)
                pack._places[id(concept)] = (doc, path)
    for doc, document, entries in checked:
        for index, (path, entry) in enumerate(entries["comparisons"]):
            if entry is None:
                builder.broken_comparison(path, document["comparisons"][index], doc.report)
                continue
            comparison = builder.comparison(path, entry, doc.report)
            if comparison is not None:
                pack.comparisons.append(comparison)
                pack._places[id(comparison)] = (doc, path)
        for path, entry in entries["lineups"]:
            lineup = None if entry is None else builder.lineup(path, entry, doc.report)
            if lineup is not None:
                pack.lineups.append(lineup)
                pack._places[id(lineup)] = (doc, path)
    return pack


def _document(file: files.PackFile, problems: list[Problem]) -> tuple[_Document, Any] | None:
    data = files.read(file, problems)
    if data is None:
        return None
    text = parse.decode(file.label, data, problems)
    if text is None:
        return None
    del data  # as big as the text: freed before the document is built
    document = parse.parse(file.label, text, problems)
    return None if document is None else (_Document(file.label, text, problems), document)
