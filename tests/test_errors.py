"""The error hierarchy: what each error says and what it carries."""

from __future__ import annotations

import pytest

import pmcompare
from pmcompare import (
    ConflictError,
    DataError,
    PackWarning,
    PmcompareError,
    Problem,
    UnknownComparisonError,
    UnknownConceptError,
    UnknownFormatError,
)


class TestHierarchy:
    @pytest.mark.parametrize(
        ("error", "builtin"),
        [
            (UnknownConceptError, LookupError),
            (UnknownComparisonError, LookupError),
            (DataError, ValueError),
            (UnknownFormatError, ValueError),
            (ConflictError, ValueError),
        ],
    )
    def test_each_error_is_also_the_builtin_it_resembles(self, error: type, builtin: type) -> None:
        """Every error is a PmcompareError and the builtin a caller would catch."""
        assert issubclass(error, PmcompareError)
        assert issubclass(error, builtin)

    def test_pack_warning_is_a_user_warning(self) -> None:
        """PackWarning can be filtered like any UserWarning."""
        assert issubclass(PackWarning, UserWarning)


class TestMessages:
    def test_unknown_concept_suggests(self) -> None:
        """The message names what was asked and every suggestion."""
        error = UnknownConceptError("okrr", ["okr", "kpi"])
        assert "no concept named 'okrr'; did you mean 'okr' or 'kpi'?" == str(error)
        assert ("okrr", ("okr", "kpi")) == (error.name, error.suggestions)

    def test_unknown_concept_without_suggestions(self) -> None:
        """With nothing near, the message just says what was not found."""
        assert "no concept named 'zzz'" == str(UnknownConceptError("zzz"))

    def test_unknown_comparison_lists_what_exists(self) -> None:
        """The message lists the comparisons there are for either concept."""
        error = UnknownComparisonError("OKR", "Scrum", ["OKR vs KPI"])
        assert "no comparison of 'OKR' with 'Scrum'; there are: OKR vs KPI" == str(error)

    def test_unknown_format_lists_the_formats(self) -> None:
        """render() with an unknown format names every format there is."""
        comparison = pmcompare.get("product strategy", "product management")
        with pytest.raises(UnknownFormatError) as caught:
            pmcompare.render(comparison, "pdf")
        assert "pdf" == caught.value.format
        assert tuple(pmcompare.FORMATS) == caught.value.formats
        formats = "text, markdown, html, rst, latex, typst, asciidoc, json"
        assert f"unknown format 'pdf'; the formats are: {formats}" == str(caught.value)


class TestProblem:
    def test_file_name_with_control_characters_is_shown_escaped(self) -> None:
        """A file's name reaches a message with its control characters as escapes, never raw."""
        problem = Problem("pack/\x1b[31mred\x00.toml", 2, "concepts[0]", "bad")
        assert "pack/\\x1b[31mred\\x00.toml:2: concepts[0]: bad" == str(problem)

    def test_full_location(self) -> None:
        """A problem reads file:line: path: message."""
        assert "p.toml:3: concepts[0].name: bad" == str(Problem("p.toml", 3, "concepts[0].name", "bad"))

    def test_unknown_line_and_path(self) -> None:
        """Parts that are not known are left out."""
        assert "p.json: bad" == str(Problem("p.json", None, "", "bad"))
        assert "<data>: x: bad" == str(Problem(None, None, "x", "bad"))

    def test_data_error_counts_in_the_singular(self) -> None:
        """One problem is '1 problem', and the error carries the problems."""
        problem = Problem("p.toml", 1, "", "bad")
        error = DataError([problem])
        assert "1 problem in data pack:\n  p.toml:1: bad" == str(error)
        assert (problem,) == error.problems
