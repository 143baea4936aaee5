"""Tests for the JSON renderer: a data pack that loads back to an equal comparison."""

from __future__ import annotations

import json
import tempfile
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from hypothesis import assume, given

import pmcompare
from hostile import CORPUS, ident
from hostile import comparison as hostile_comparison
from pmcompare import Comparison, Concept, ConflictError, Difference, Registry, Source, Summary, render
from strategies import HOSTILE_FRAGMENTS, comparisons

SCHEMA = json.loads((resources.files("pmcompare") / "pack.schema.json").read_text(encoding="utf-8"))


def load_back(text: str, directory: Path) -> Comparison:
    """Write ``text`` to a .json file and load it into a fresh registry."""
    path = directory / "pack.json"
    path.write_text(text, encoding="utf-8")
    (comparison,) = Registry().load(path)
    return comparison


def registrable(comparison: Comparison) -> bool:
    """Whether a registry can hold the comparison: its concepts' names must not collide."""
    try:
        Registry().register(comparison)
    except ConflictError:
        return False
    return True


class TestRender:
    def test_seed_round_trip(self, tmp_path: Path) -> None:
        """The seed comparison loads back equal."""
        comparison = pmcompare.get("product strategy", "product management")

        assert comparison == load_back(render(comparison, "json"), tmp_path)

    def test_shape(self) -> None:
        """A pack document: the two concepts, then the comparison naming them by slug, keys in order."""
        comparison = Comparison(
            Concept("A", "Defines A.", aliases=["Alpha"]),
            Concept("B", "Defines B."),
            [Difference("Owner", "x", "y")],
            summary="One line.",
            sources=[Source("Book"), Source("Site", "https://example.com/")],
            similarities=["Both plan."],
            tags=["roles"],
        )

        document = json.loads(render(comparison, "json"))

        assert {
            "concepts": [
                {"slug": "a", "name": "A", "definition": "Defines A.", "aliases": ["Alpha"]},
                {"slug": "b", "name": "B", "definition": "Defines B."},
            ],
            "comparisons": [
                {
                    "left": "a",
                    "right": "b",
                    "summary": "One line.",
                    "differences": [{"aspect": "Owner", "left": "x", "right": "y"}],
                    "similarities": ["Both plan."],
                    "sources": [{"title": "Book"}, {"title": "Site", "url": "https://example.com/"}],
                    "tags": ["roles"],
                }
            ],
        } == document
        assert ["concepts", "comparisons"] == list(document)
        assert ["left", "right", "summary", "differences", "similarities", "sources", "tags"] == list(
            document["comparisons"][0]
        )

    def test_empty_fields_left_out(self) -> None:
        """Optional fields with nothing in them are not written."""
        comparison = Comparison(Concept("A", "a"), Concept("B", "b"), [Difference("x", "y", "z")])

        entry = json.loads(render(comparison, "json"))["comparisons"][0]

        assert ["left", "right", "differences"] == list(entry)

    def test_stable(self) -> None:
        """The same comparison always gives the same text."""
        comparison = pmcompare.get("product strategy", "product management")

        assert render(comparison, "json") == render(comparison, "json")

    def test_unicode_written_as_is(self) -> None:
        """Text is not escaped to ASCII, but the line and paragraph separators are."""
        comparison = Comparison(
            Concept("漢字", "a\u2028b\u2029c", slug="kanji"), Concept("B", "👩‍💻"), [Difference("x", "y", "z")]
        )

        text = render(comparison, "json")

        assert "漢字" in text
        assert "👩‍💻" in text
        assert "\u2028" not in text
        assert "\u2029" not in text
        assert "a\\u2028b\\u2029c" in text

    def test_no_lone_surrogate_to_write(self) -> None:
        """A lone surrogate, which UTF-8 cannot hold, never reaches the JSON: the model refuses it."""
        with pytest.raises(ValueError, match="lone surrogate"):
            Concept("A", "x\ud800y")

    def test_sided_summary_notes_and_source_details(self, tmp_path: Path) -> None:
        """A summary of two clauses, notes, and a source's author and year are written and read back."""
        comparison = Comparison(
            Concept("A", "a."),
            Concept("B", "b."),
            [Difference("x", "y.", "z.")],
            summary=Summary("A does this.", "B does that."),
            notes=["A note."],
            sources=[Source("A Book", author="An Author", year=2020)],
        )
        document = json.loads(render(comparison, "json"))["comparisons"][0]
        assert {"left": "A does this.", "right": "B does that."} == document["summary"]
        assert ["A note."] == document["notes"]
        assert [{"title": "A Book", "author": "An Author", "year": 2020}] == document["sources"]
        path = tmp_path / "pack.json"
        path.write_text(render(comparison, "json"), encoding="utf-8")
        assert [comparison] == list(Registry().load(path))

    def test_takes_no_options(self) -> None:
        """The JSON format has no options: the pack is the whole comparison."""
        comparison = pmcompare.get("product strategy", "product management")

        with pytest.raises(TypeError, match="no options"):
            render(comparison, "json", title=False)

    @pytest.mark.parametrize("text", [t for t in HOSTILE_FRAGMENTS if t.strip()])
    def test_hostile_round_trip(self, text: str, tmp_path: Path) -> None:
        """Every hostile fragment in every field loads back as it was."""
        comparison = Comparison(
            Concept("Left " + text, "Defines " + text, slug="left", aliases=[text + " alias"]),
            Concept(text + " right", text, slug="right"),
            [Difference(text, text, text)],
            summary=text,
            sources=[Source(text)],
            similarities=[text],
        )

        assert comparison == load_back(render(comparison, "json"), tmp_path)


class TestCorpus:
    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    def test_corpus(self, text: str, tmp_path: Path) -> None:
        """Each corpus entry in every field loads back equal, and the JSON is valid UTF-8 with no raw separators."""
        comparison = hostile_comparison(text)

        output = render(comparison, "json")

        output.encode("utf-8")
        assert "\u2028" not in output.replace("\\u2028", "")
        assert comparison == load_back(output, tmp_path)


class TestProperties:
    @given(comparisons())
    def test_follows_the_schema(self, comparison: Comparison) -> None:
        """Any comparison's JSON is valid against the pack format's JSON Schema."""
        jsonschema.validate(json.loads(render(comparison, "json")), SCHEMA)

    @given(comparisons())
    def test_round_trip(self, comparison: Comparison) -> None:
        """Any comparison a registry can hold loads back from its JSON equal."""
        assume(registrable(comparison))
        with tempfile.TemporaryDirectory() as directory:
            assert comparison == load_back(render(comparison, "json"), Path(directory))
