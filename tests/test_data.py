"""The bundled library: every file loads, follows the house rules, and passes the schema."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import ClassVar

import jsonschema
import pytest

import pmcompare
from pmcompare import Comparison, DataError, Registry

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src/pmcompare/data"
FILES = sorted(DATA.rglob("*.toml"))
PLACEHOLDERS = re.compile(r"\b(todo|tbd|tbc|fixme|xxx|lorem|ipsum)\b|\.\.\.|…", re.IGNORECASE)


def vocabulary() -> list[str]:
    """The aspect labels documented in docs/aspects.md (lines '- **Label**: ...')."""
    text = (ROOT / "docs/aspects.md").read_text(encoding="utf-8")
    return re.findall(r"^- \*\*(.+?)\*\*: ", text, flags=re.MULTILINE)


@pytest.fixture(scope="module")
def bundled() -> Registry:
    registry = Registry()
    registry.load(DATA)
    return registry


def comparisons() -> list[Comparison]:
    registry = Registry()
    registry.load(DATA)
    return list(registry)


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


class TestLibrary:
    def test_at_least_24_comparisons(self, bundled: Registry) -> None:
        """The bundled library holds at least 24 comparisons."""
        assert len(bundled) >= 24

    def test_one_comparison_per_file_named_after_it(self) -> None:
        """Each comparison file holds one comparison, named <left>-vs-<right>.toml."""
        for path in sorted((DATA / "comparisons").glob("*.toml")):
            registry = Registry()
            for concept in pmcompare.registry().concepts():
                registry.register(concept)
            [comparison] = registry.load(path)
            assert f"{comparison.slug}.toml" == path.name

    def test_every_concept_is_used_and_every_used_concept_defined(self, bundled: Registry) -> None:
        """The glossary defines exactly the concepts the comparisons use."""
        glossary = tomllib.loads((DATA / "glossary.toml").read_text(encoding="utf-8"))
        defined = {c["slug"] for c in glossary["concepts"]}
        used = {c.slug for comparison in bundled for c in (comparison.left, comparison.right)}
        assert defined == used

    def test_concepts_are_defined_only_in_the_glossary(self) -> None:
        """Comparison files define no concepts of their own."""
        for path in (DATA / "comparisons").glob("*.toml"):
            assert "concepts" not in tomllib.loads(path.read_text(encoding="utf-8")), path.name

    def test_aliases_are_unique(self, bundled: Registry) -> None:
        """No name or alias belongs to two concepts (the registry refuses it, so count too)."""
        from pmcompare._text import key

        names = Counter(k for c in bundled.concepts() for k in {key(n) for n in c.names})
        assert [] == [n for n, count in names.items() if count > 1]

    def test_each_concept_has_a_definition_of_one_to_three_sentences(self, bundled: Registry) -> None:
        """Definitions are one to three full sentences."""
        for concept in bundled.concepts():
            assert 1 <= sentences(concept.definition) <= 3, concept.slug
            assert concept.definition.endswith("."), concept.slug


@pytest.mark.parametrize("comparison", comparisons(), ids=lambda c: c.slug)
class TestEachComparison:
    def test_has_summary_sources_and_five_differences(self, comparison: Comparison) -> None:
        """A one-line summary, at least one source, at least five differences."""
        assert comparison.summary
        assert "\n" not in comparison.summary
        assert comparison.sources
        assert len(comparison.differences) >= 5

    def test_aspects_come_from_the_vocabulary(self, comparison: Comparison) -> None:
        """Every aspect label is one of docs/aspects.md."""
        assert set(comparison.aspects) <= set(vocabulary())

    def test_statements_are_full_sentences_of_sensible_length(self, comparison: Comparison) -> None:
        """Each statement starts with a capital, ends with a full stop, runs 40 to 220 characters."""
        for difference in comparison.differences:
            for statement in (difference.left, difference.right):
                assert 40 <= len(statement) <= 220, statement
                assert statement[0].isupper() or statement[0].isdigit(), statement
                assert statement.endswith("."), statement

    def test_no_placeholder_text(self, comparison: Comparison) -> None:
        """No TODO, TBD, lorem ipsum or ellipsis anywhere."""
        texts = [comparison.summary, *comparison.similarities]
        texts += [t for d in comparison.differences for t in (d.aspect, d.left, d.right)]
        texts += [comparison.left.definition, comparison.right.definition]
        assert [] == [t for t in texts if PLACEHOLDERS.search(t)]

    def test_no_statement_repeats(self, comparison: Comparison) -> None:
        """No two statements in a comparison are the same."""
        statements = [s.casefold() for d in comparison.differences for s in (d.left, d.right)]
        assert len(set(statements)) == len(statements)

    def test_tags_come_from_the_documented_set(self, comparison: Comparison) -> None:
        """Tags are among the few the library uses."""
        assert set(comparison.tags) <= {"roles", "artifacts", "metrics", "process", "strategy", "research", "delivery"}


class TestVocabulary:
    def test_every_label_is_used(self, bundled: Registry) -> None:
        """Every documented aspect label is used by some comparison."""
        used = {a for c in bundled for a in c.aspects}
        assert set(vocabulary()) == used


class TestSchema:
    @pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
    def test_bundled_file_passes_the_schema(self, path: Path) -> None:
        """Every bundled file is valid against the shipped JSON Schema."""
        jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), pmcompare.pack_schema())

    def test_schema_is_a_valid_json_schema(self) -> None:
        """The schema itself is valid Draft 2020-12."""
        jsonschema.Draft202012Validator.check_schema(pmcompare.pack_schema())

    BAD: ClassVar[dict[str, str]] = {
        "wrong type": '[[concepts]]\nname = "A"\ndefinition = 3\n',
        "missing field": '[[concepts]]\nname = "A"\n',
        "unknown field": '[[concepts]]\nname = "A"\ndefinition = "a."\ndefintion = "b."\n',
        "bad slug": '[[concepts]]\nslug = "Not Kebab"\nname = "A"\ndefinition = "a."\n',
        "blank text": '[[concepts]]\nname = "  "\ndefinition = "a."\n',
        "no differences": '[[concepts]]\nname = "A"\ndefinition = "a."\n[[concepts]]\nname = "B"\n'
                          'definition = "b."\n[[comparisons]]\nleft = "a"\nright = "b"\ndifferences = []\n',
        "script url": '[[concepts]]\nname = "A"\ndefinition = "a."\n[[concepts]]\nname = "B"\ndefinition = "b."\n'
                      '[[comparisons]]\nleft = "a"\nright = "b"\nsources = [{title = "x", url = "javascript:x"}]\n'
                      '[[comparisons.differences]]\naspect = "A"\nleft = "a."\nright = "b."\n',
        "unknown top-level": 'concept = []\n',
    }

    @pytest.mark.parametrize("name", list(BAD))
    def test_bad_file_fails_schema_and_validate(self, tmp_path: Path, name: str) -> None:
        """A set of bad files each fail both the schema and Registry.load (what validate runs)."""
        path = tmp_path / "bad.toml"
        path.write_text(self.BAD[name], encoding="utf-8")
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(tomllib.loads(self.BAD[name]), pmcompare.pack_schema())
        with pytest.raises(DataError):
            Registry().load(path)
