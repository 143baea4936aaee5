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
from pmcompare import Comparison, Concept, DataError, Lineup, Registry, Summary

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src/pmcompare/data"
FILES = sorted(DATA.rglob("*.toml"))
TAGS = frozenset({
    "roles", "process", "artifacts", "events", "research", "validation", "design", "delivery",
    "metrics", "goals", "strategy", "prioritisation", "market", "pricing", "growth",
})
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


def lineups() -> list[Lineup]:
    registry = Registry()
    registry.load(DATA)
    return list(registry.lineups())


def sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text))


# Terms of art the library's statements lean on: each, wherever a summary,
# statement or definition uses it, must be a concept of the glossary.
TERMS_OF_ART = (
    "Scrum Master", "Developers", "Scrum Team", "Sprint", "Sprint Goal", "Product Goal", "Increment",
    "Definition of Done", "Definition of Ready", "acceptance criteria", "Sprint Backlog", "Product Backlog",
    "Sprint Review", "Sprint Retrospective", "Sprint Planning", "Daily Scrum", "backlog refinement",
    "WIP limit", "work in progress", "cycle time", "lead time", "throughput", "impact", "outcome", "output",
    "story point", "velocity", "technical debt", "feature flag", "user story", "epic", "persona",
    "jobs to be done", "validated learning", "product trio", "stakeholder", "key result", "north star metric",
    "continuous integration", "deployment pipeline", "Agile Release Train", "PI Planning", "cost of delay",
    "minimum viable product", "product-market fit", "churn rate", "retention rate",
)


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term.casefold())}(?![\w-])", text.casefold()) is not None


def library_text(registry: Registry) -> str:
    """Every summary, statement, note, similarity and definition of the library, one text."""
    texts = [str(c.summary) for c in registry] + [n for c in registry for n in (*c.notes, *c.similarities)]
    texts += [s for c in registry for d in c.differences for s in (d.left, d.right)]
    texts += [concept.definition for concept in registry.concepts()]
    for lineup in registry.lineups():
        texts += [*lineup.summary, *lineup.notes, *lineup.similarities]
        texts += [cell for row in lineup.differences for cell in row.cells]
    return "\n".join(texts)


class TestLibrary:
    def test_at_least_120_comparisons_over_160_concepts(self, bundled: Registry) -> None:
        """The bundled library holds at least 120 comparisons over a glossary of at least 160 concepts."""
        assert len(bundled) >= 120
        assert len(bundled.concepts()) >= 160

    def test_at_least_12_lineups_of_three_or_four_concepts(self, bundled: Registry) -> None:
        """The library holds at least 12 lineups, each of three or four concepts."""
        assert len(bundled.lineups()) >= 12
        assert all(3 <= len(lineup.concepts) <= 4 for lineup in bundled.lineups())

    def test_one_lineup_per_file_named_after_it(self) -> None:
        """Each lineup file holds one lineup, named <a>-vs-<b>-vs-<c>.toml, and no concepts of its own."""
        glossary = Registry()
        glossary.load(DATA / "glossary")
        for path in sorted((DATA / "lineups").glob("*.toml")):
            assert {"lineups"} == set(tomllib.loads(path.read_text(encoding="utf-8"))), path.name
            registry = glossary.copy()
            registry.load(path)
            [lineup] = registry.lineups()
            assert f"{lineup.slug}.toml" == path.name

    def test_one_comparison_per_file_named_after_it(self) -> None:
        """Each comparison file holds one comparison, named <left>-vs-<right>.toml."""
        glossary = Registry()
        glossary.load(DATA / "glossary")
        for path in sorted((DATA / "comparisons").glob("*.toml")):
            [comparison] = glossary.copy().load(path)
            assert f"{comparison.slug}.toml" == path.name

    def test_concepts_are_defined_only_in_the_glossary(self) -> None:
        """Comparison files define no concepts of their own; glossary files hold nothing else."""
        for path in (DATA / "comparisons").glob("*.toml"):
            assert "concepts" not in tomllib.loads(path.read_text(encoding="utf-8")), path.name
        for path in (DATA / "glossary").glob("*.toml"):
            assert {"concepts"} == set(tomllib.loads(path.read_text(encoding="utf-8"))), path.name

    def test_every_concept_is_compared_or_named(self, bundled: Registry) -> None:
        """Each glossary concept is in some comparison or named in the library's text, so none is dead."""
        used = {c.slug for comparison in bundled for c in (comparison.left, comparison.right)}
        text = library_text(bundled)
        unused = [
            c.slug for c in bundled.concepts() if c.slug not in used and not any(_mentions(text, n) for n in c.names)
        ]
        assert [] == unused

    def test_terms_of_art_are_defined(self, bundled: Registry) -> None:
        """Every listed term of art that the library uses is a concept: its name or one of its aliases."""
        from pmcompare._text import key

        text = library_text(bundled)
        names = {key(n) for c in bundled.concepts() for n in (*c.names, c.slug)}
        used = [term for term in TERMS_OF_ART if _mentions(text, term)]
        assert len(used) >= 40, "the list of terms no longer matches the library"
        assert [] == [term for term in used if key(term) not in names]

    def test_aliases_are_unique(self, bundled: Registry) -> None:
        """No name or alias belongs to two concepts (the registry refuses it, so count too)."""
        from pmcompare._text import key

        names = Counter(k for c in bundled.concepts() for k in {key(n) for n in c.names})
        assert [] == [n for n, count in names.items() if count > 1]

    @pytest.mark.parametrize("ambiguous", ["Backlog", "Review", "Planning", "Pitch", "Iteration"])
    def test_ambiguous_words_are_no_alias(self, bundled: Registry, ambiguous: str) -> None:
        """Bare words that could mean two concepts of the library name none of them."""
        from pmcompare._text import key

        assert key(ambiguous) not in {key(n) for c in bundled.concepts() for n in c.names}

    @pytest.mark.parametrize(
        ("asked", "slug"),
        [
            ("SM", "scrum-master"), ("BA", "business-analyst"), ("EM", "engineering-manager"),
            ("TPM", "technical-product-manager"), ("PoC", "proof-of-concept"), ("MLP", "minimum-lovable-product"),
            ("DoD", "definition-of-done"), ("DoR", "definition-of-ready"), ("JTBD", "jobs-to-be-done"),
            ("NPS", "net-promoter-score"), ("CSAT", "customer-satisfaction-score"), ("DAU", "daily-active-users"),
            ("ARR", "annual-recurring-revenue"), ("CAC", "customer-acquisition-cost"),
            ("LTV", "customer-lifetime-value"), ("CLV", "customer-lifetime-value"),
            ("TAM", "total-addressable-market"), ("PLG", "product-led-growth"), ("GTM", "go-to-market-strategy"),
            ("UX", "user-experience"), ("A/B testing", "ab-testing"), ("AB testing", "ab-testing"),
            ("proof-of-concept", "proof-of-concept"), ("Vision", "company-vision"), ("PM", "product-manager"),
            ("PjM", "project-manager"), ("TPgM", "technical-program-manager"), ("CD", "continuous-delivery"),
            ("Roadmap", "product-roadmap"), ("Churn", "churn-rate"), ("Retro", "sprint-retrospective"),
            ("Standup", "daily-scrum"), ("Grooming", "backlog-refinement"), ("Discovery", "product-discovery"),
        ],
    )
    def test_usual_short_forms_find_their_concept(self, bundled: Registry, asked: str, slug: str) -> None:
        """The acronyms and spellings people type find the concept they mean."""
        assert slug == bundled.concept(asked).slug

    def test_each_concept_has_a_definition_of_one_to_three_sentences(self, bundled: Registry) -> None:
        """Definitions are one to three full sentences."""
        for concept in bundled.concepts():
            assert 1 <= sentences(concept.definition) <= 3, concept.slug
            assert concept.definition.endswith("."), concept.slug


@pytest.mark.parametrize("comparison", comparisons(), ids=lambda c: c.slug)
class TestEachComparison:
    def test_has_summary_sources_and_five_differences(self, comparison: Comparison) -> None:
        """A one-line summary, at least one source, five to eight differences."""
        assert comparison.summary
        assert "\n" not in str(comparison.summary)
        assert comparison.sources
        assert 5 <= len(comparison.differences) <= 8

    def test_summary_has_a_clause_per_side(self, comparison: Comparison) -> None:
        """The summary is one clause per side, so that the swapped view can reorder it."""
        assert isinstance(comparison.summary, Summary)

    def test_swapped_summary_names_its_own_left_concept_first(self, comparison: Comparison) -> None:
        """Seen the other way round, the summary talks about the new left concept before the new right one."""
        swapped = comparison.swapped()
        text = str(swapped.summary).casefold()

        def first(concept: Concept) -> int:
            found = [text.find(n.casefold()) for n in concept.names if n.casefold() in text]
            return min(found) if found else len(text)

        assert first(swapped.left) < first(swapped.right)

    def test_sources_can_be_checked(self, comparison: Comparison) -> None:
        """Every source address is http(s); a source with a year gives it as a plausible year."""
        for source in comparison.sources:
            assert source.url is None or re.match(r"https?://[^\s]+$", source.url), source.url
            assert source.year is None or 1900 <= source.year <= 2026, source.year

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
        texts = [str(comparison.summary), *comparison.similarities, *comparison.notes]
        texts += [t for d in comparison.differences for t in (d.aspect, d.left, d.right)]
        texts += [comparison.left.definition, comparison.right.definition]
        assert [] == [t for t in texts if PLACEHOLDERS.search(t)]

    def test_no_statement_repeats(self, comparison: Comparison) -> None:
        """No two statements in a comparison are the same."""
        statements = [s.casefold() for d in comparison.differences for s in (d.left, d.right)]
        assert len(set(statements)) == len(statements)

    def test_tags_come_from_the_documented_set(self, comparison: Comparison) -> None:
        """Tags are among the few the library uses."""
        assert set(comparison.tags) <= TAGS
        assert 1 <= len(comparison.tags) <= 3


# Words by which a cell would lean on another column, which a lineup shows in any order and any pair.
POINTERS = re.compile(
    r"\b(unlike|the other|the others|other two|other three|whereas|by contrast|in contrast|compared (with|to)|"
    r"both|all three|all four)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("lineup", lineups(), ids=lambda lineup: lineup.slug)
class TestEachLineup:
    def test_has_a_clause_per_concept_sources_and_five_rows(self, lineup: Lineup) -> None:
        """A summary clause per concept, each naming its own concept; sources; five to eight rows."""
        assert isinstance(lineup.summary, tuple)
        assert len(lineup.concepts) == len(lineup.summary)
        for concept, clause in zip(lineup.concepts, lineup.summary, strict=True):
            assert any(_mentions(clause, name) for name in concept.names), (concept.slug, clause)
        assert lineup.sources
        assert 5 <= len(lineup.differences) <= 8

    def test_every_cell_stands_on_its_own(self, lineup: Lineup) -> None:
        """No cell or clause points at another column ("unlike", "both", "the other"...)."""
        texts = [*lineup.summary, *(cell for row in lineup.differences for cell in row.cells)]
        assert [] == [t for t in texts if POINTERS.search(t)]

    def test_statements_are_full_sentences_of_sensible_length(self, lineup: Lineup) -> None:
        """Each statement starts with a capital, ends with a full stop, runs 40 to 220 characters."""
        for row in lineup.differences:
            for statement in row.cells:
                assert 40 <= len(statement) <= 220, statement
                assert statement[0].isupper() or statement[0].isdigit(), statement
                assert statement.endswith("."), statement

    def test_aspects_tags_and_sources_as_for_comparisons(self, lineup: Lineup) -> None:
        """Aspect labels from docs/aspects.md, tags from the documented set, checkable sources."""
        assert set(lineup.aspects) <= set(vocabulary())
        assert set(lineup.tags) <= TAGS
        assert 1 <= len(lineup.tags) <= 3
        for source in lineup.sources:
            assert source.url is None or re.match(r"https?://[^\s]+$", source.url), source.url
            assert source.year is None or 1900 <= source.year <= 2026, source.year

    def test_no_placeholder_and_no_repeat(self, lineup: Lineup) -> None:
        """No TODO, TBD or ellipsis, and no statement said twice."""
        statements = [cell.casefold() for row in lineup.differences for cell in row.cells]
        assert len(set(statements)) == len(statements)
        texts = [*lineup.summary, *lineup.similarities, *lineup.notes, *statements]
        assert [] == [t for t in texts if PLACEHOLDERS.search(t)]


class TestVocabulary:
    def test_every_label_is_used(self, bundled: Registry) -> None:
        """Every documented aspect label is used by some comparison."""
        used = {a for c in bundled for a in c.aspects}
        assert set(vocabulary()) == used

    def test_vocabulary_stays_small(self) -> None:
        """The documented vocabulary stays at about forty labels or fewer."""
        assert len(vocabulary()) <= 40

    def test_tags_are_documented(self) -> None:
        """The tags the library uses are the ones docs/library.md lists."""
        text = (ROOT / "docs/library.md").read_text(encoding="utf-8")
        assert all(f"`{tag}`" in text for tag in TAGS)


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
