"""Lineups: three or more concepts side by side, in any column order, and every pair inside them.

The model, the pack format, the registry's lookups and every output format,
each read back with its own parser, for three to six columns.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from wcwidth import wcswidth

import hostile
import pmcompare
from hostile import CORPUS, expected_rows, ident, shown
from pmcompare import (
    Comparison,
    Concept,
    ConflictError,
    DataError,
    Difference,
    Lineup,
    LineupRow,
    Registry,
    Source,
    Summary,
    UnknownComparisonError,
    UnknownLineupError,
    render,
)
from strategies import lineups
from test_render_asciidoc import convert as asciidoc_convert
from test_render_asciidoc import flat
from test_render_asciidoc import rows as asciidoc_rows
from test_render_html import parse, rows, text
from test_render_latex import PREAMBLE, comparable, engine
from test_render_markdown import blocks, table_cells
from test_render_rst import assert_only_text, cells, doctree
from test_render_text import grid_cells, unbased
from test_render_typst import query as typst_query
from test_render_typst import table_rows as typst_rows

FIXTURE = Path(__file__).parent / "lineups" / "daily-active-users-vs-weekly-active-users-vs-monthly-active-users.toml"
DAU, WAU, MAU = "daily-active-users", "weekly-active-users", "monthly-active-users"


def concept(name: str) -> Concept:
    return Concept(name, f"Defines {name}.")


def lineup_of(*names: str, rows: int = 2, summary: object = "") -> Lineup:
    """A plain lineup of the named concepts, each cell naming its row and concept."""
    concepts = [concept(name) for name in names]
    return Lineup(
        concepts,
        [LineupRow(f"Aspect {r}", [f"{name} in row {r}." for name in names]) for r in range(rows)],
        summary=summary,  # type: ignore[arg-type]
        sources=[Source("A book")],
        similarities=["They all share this."],
        tags=["roles"],
        notes=["A caveat."],
    )


@pytest.fixture
def without_lineups() -> Registry:
    """The bundled concepts and comparisons, and no lineup: the state the fixture lineup is tested against."""
    registry = Registry()
    for item in (*pmcompare.registry().concepts(), *pmcompare.registry()):
        registry.register(item)
    return registry


@pytest.fixture
def with_fixture(without_lineups: Registry) -> Registry:
    """The bundled comparisons, and the DAU, WAU and MAU lineup from tests/lineups."""
    without_lineups.load(FIXTURE)
    return without_lineups


class TestModel:
    def test_slug_title_aspects(self) -> None:
        """The slug and title join the concepts' in order; the aspects are the rows'."""
        lineup = lineup_of("Output", "Outcome", "Impact")

        assert "output-vs-outcome-vs-impact" == lineup.slug
        assert "Output vs Outcome vs Impact" == lineup.title
        assert ("Aspect 0", "Aspect 1") == lineup.aspects
        assert "<Lineup output-vs-outcome-vs-impact (3 concepts, 2 differences)>" == repr(lineup)

    def test_column(self) -> None:
        """column() gives one concept's statements, row by row."""
        assert ("Outcome in row 0.", "Outcome in row 1.") == lineup_of("Output", "Outcome", "Impact").column("outcome")

    def test_summary_as_clauses(self) -> None:
        """A summary of one clause per concept is kept in order; summary_text joins the clauses."""
        lineup = lineup_of("A", "B", "C", summary=["A is first.", "B is second.", "C is third."])

        assert ("A is first.", "B is second.", "C is third.") == lineup.summary
        assert "A is first. B is second. C is third." == lineup.summary_text

    @pytest.mark.parametrize(
        ("names", "message"),
        [
            (("A", "B"), "at least 3 concepts, not 2; two make a Comparison"),
            (("A", "B", "A"), "concepts\\[2\\] repeats the concept 'a'"),
        ],
    )
    def test_three_different_concepts(self, names: tuple[str, ...], message: str) -> None:
        """Fewer than three concepts, or one twice, is refused."""
        with pytest.raises(ValueError, match=message):
            lineup_of(*names)

    def test_concepts_share_no_name(self) -> None:
        """Two concepts that share a name are refused: a lookup by that name could not choose."""
        a, b, c = Concept("A", "x.", aliases=["Same"]), Concept("B", "y.", aliases=["same"]), concept("C")

        with pytest.raises(ValueError, match="concepts 'a' and 'b' share the name 'same'"):
            Lineup([a, b, c], [LineupRow("X", ["1", "2", "3"])])

    def test_a_row_has_one_statement_per_concept(self) -> None:
        """A row with a statement too few is refused, naming the row and the concepts."""
        concepts = [concept(n) for n in "ABC"]

        with pytest.raises(ValueError, match=r"differences\[1\] has 2 statements for 3 concepts.*\(a, b, c\)"):
            Lineup(concepts, [LineupRow("X", ["1", "2", "3"]), LineupRow("Y", ["1", "2"])])

    def test_each_aspect_once(self) -> None:
        """An aspect repeated, in any case, is refused."""
        concepts = [concept(n) for n in "ABC"]

        with pytest.raises(ValueError, match="repeats the aspect"):
            Lineup(concepts, [LineupRow("Owner", ["1", "2", "3"]), LineupRow("owner", ["1", "2", "3"])])

    @pytest.mark.parametrize("cells", [["1", " ", "3"], ["1", "2", 3]])
    def test_cells_are_text(self, cells: list[object]) -> None:
        """A blank or non-text statement is refused, naming its place."""
        with pytest.raises((TypeError, ValueError), match=r"cells\[[12]\]"):
            LineupRow("X", cells)  # type: ignore[arg-type]

    def test_summary_one_clause_per_concept(self) -> None:
        """A summary of clauses has as many clauses as concepts."""
        with pytest.raises(ValueError, match="one clause per concept \\(3\\), not 2"):
            lineup_of("A", "B", "C", summary=["One.", "Two."])

    def test_the_slug_aspect_is_kept_for_the_aspect(self) -> None:
        """A concept with the slug ``aspect`` cannot be in a lineup: the pack format keys rows' aspects so."""
        with pytest.raises(ValueError, match="slug 'aspect'"):
            Lineup([concept("Aspect"), concept("B"), concept("C")], [LineupRow("X", ["1", "2", "3"])])

    def test_frozen_and_equal_by_value(self) -> None:
        """Lineups are values: equal when built alike, and immutable."""
        assert lineup_of("A", "B", "C") == lineup_of("A", "B", "C")
        with pytest.raises(AttributeError):
            lineup_of("A", "B", "C").tags = ()  # type: ignore[misc]


class TestReordered:
    @given(lineups(), st.randoms(use_true_random=False))
    def test_any_order_has_its_columns_in_that_order_and_equal_rows(self, lineup: Lineup, random: object) -> None:
        """Asked for in any order, a lineup has its concepts in that order and each concept's statements unchanged."""
        order = [c.slug for c in lineup.concepts]
        random.shuffle(order)  # type: ignore[attr-defined]

        reordered = lineup.reordered(order)

        assert order == [c.slug for c in reordered.concepts]
        assert lineup.aspects == reordered.aspects
        assert all(lineup.column(slug) == reordered.column(slug) for slug in order)
        assert lineup == reordered.reordered([c.slug for c in lineup.concepts])

    def test_the_summary_clauses_follow_the_columns(self) -> None:
        """Clauses move with their concepts."""
        lineup = lineup_of("A", "B", "C", summary=["A one.", "B two.", "C three."])

        assert ("C three.", "A one.", "B two.") == lineup.reordered(["c", "a", "b"]).summary

    @pytest.mark.parametrize("order", [["a", "b"], ["a", "b", "c", "d"], ["a", "b", "b"], ["a", "b", "x"]])
    def test_only_the_lineups_own_slugs(self, order: list[str]) -> None:
        """An order that is not the lineup's slugs, each once, is refused."""
        with pytest.raises(ValueError, match="expected the slugs of the lineup's concepts"):
            lineup_of("A", "B", "C").reordered(order)


class TestPair:
    @given(lineups(), st.data())
    def test_a_projected_pair_is_the_lineups_two_columns(self, lineup: Lineup, data: st.DataObject) -> None:
        """Any two concepts of a lineup make a comparison of exactly their two columns, row by row."""
        left, right = data.draw(st.permutations([c.slug for c in lineup.concepts]))[:2]

        pair = lineup.pair(left, right)

        assert (left, right) == (pair.left.slug, pair.right.slug)
        assert lineup.aspects == pair.aspects
        assert lineup.column(left) == tuple(d.left for d in pair.differences)
        assert lineup.column(right) == tuple(d.right for d in pair.differences)
        assert lineup.title == pair.lineup
        assert (lineup.sources, lineup.tags, lineup.notes) == (pair.sources, pair.tags, pair.notes)

    def test_the_summary_is_the_two_clauses(self) -> None:
        """A summary of clauses gives the pair a sided Summary of its two."""
        lineup = lineup_of("A", "B", "C", summary=["A one.", "B two.", "C three."])

        assert Summary("C three.", "A one.") == lineup.pair("c", "a").summary

    def test_a_one_line_summary_stays_with_the_lineup(self) -> None:
        """A summary written as one line of the whole lineup speaks of every concept, so a pair has none."""
        lineup = lineup_of("A", "B", "C", summary="A plans, B builds and C ships.")

        assert "" == lineup.pair("a", "b").summary

    def test_similarities_stay_with_the_lineup(self) -> None:
        """The similarities, written of all the concepts, are not the pair's."""
        assert () == lineup_of("A", "B", "C").pair("a", "b").similarities

    def test_two_different_concepts_of_the_lineup(self) -> None:
        """A slug not in the lineup, or one twice, is refused."""
        lineup = lineup_of("A", "B", "C")
        with pytest.raises(ValueError, match="has no concept 'd'"):
            lineup.pair("a", "d")
        with pytest.raises(ValueError, match="two different concepts"):
            lineup.pair("a", "a")

    def test_a_written_comparison_has_no_lineup(self) -> None:
        """Comparison.lineup is None unless the comparison was projected."""
        assert pmcompare.get("product strategy", "product management").lineup is None


class TestPacks:
    def test_the_fixture_loads(self, without_lineups: Registry) -> None:
        """A lineup file as the data writers write it loads, its rows keyed by slug in the file's order."""
        without_lineups.load(FIXTURE)
        [lineup] = without_lineups.lineups()

        assert [DAU, WAU, MAU] == [c.slug for c in lineup.concepts]
        assert 3 == len(lineup.summary)
        assert lineup.summary[0].startswith("Daily active users (DAU)")
        assert all(3 == len(row.cells) for row in lineup.differences)

    def test_json_is_the_same_lineup(self, without_lineups: Registry, tmp_path: Path) -> None:
        """The JSON form, {"lineups": [...]}, loads to the lineup the TOML file gives."""
        import tomllib

        document = tomllib.loads(FIXTURE.read_text(encoding="utf-8"))
        (tmp_path / "pack.json").write_text(json.dumps(document), encoding="utf-8")
        from_json = without_lineups.copy()
        from_json.load(tmp_path / "pack.json")
        without_lineups.load(FIXTURE)

        assert without_lineups.lineups() == from_json.lineups()

    def problems(self, tmp_path: Path, text: str) -> list[str]:
        path = tmp_path / "pack.toml"
        path.write_text(text, encoding="utf-8")
        registry = Registry()
        for name in ("A", "B", "C"):
            registry.register(concept(name))
        with pytest.raises(DataError) as caught:
            registry.load(path)
        assert [] == list(registry.lineups())  # all or nothing
        return [str(p).removeprefix(str(path)) for p in caught.value.problems]

    ROWS = '[[lineups]]\nconcepts = ["a", "b", "c"]\n\n[[lineups.differences]]\naspect = "X"\n'

    def test_a_missing_statement_is_located(self, tmp_path: Path) -> None:
        """A row without a concept's statement is a problem at that row and slug, with its line."""
        found = self.problems(tmp_path, self.ROWS + 'a = "1"\nb = "2"\n')

        message = "missing the statement for 'c': every concept of the lineup needs one"
        assert [f":4: lineups[0].differences[0].c: {message}"] == found

    def test_a_key_that_is_not_a_concept_of_the_lineup(self, tmp_path: Path) -> None:
        """A statement keyed by a slug not in the lineup is a problem at its line, with the nearest slug."""
        found = self.problems(tmp_path, self.ROWS + 'a = "1"\nb = "2"\nc = "3"\ncc = "4"\n')

        assert [
            ':9: lineups[0].differences[0].cc: expected the slug of one of the lineup\'s concepts (a, b, c), '
            'found "cc"; did you mean \'c\'?'
        ] == found

    def test_a_statement_keyed_by_a_name_points_to_the_slug(self, tmp_path: Path) -> None:
        """A statement keyed by a concept's name or alias says which slug to use."""
        found = self.problems(
            tmp_path,
            '[[concepts]]\nname = "Delta"\nslug = "d"\ndefinition = "D."\naliases = ["DX"]\n\n'
            '[[lineups]]\nconcepts = ["a", "b", "d"]\n\n[[lineups.differences]]\naspect = "X"\n'
            'a = "1"\nb = "2"\ndx = "3"\n',
        )

        assert any("differences[0].dx:" in p and "is a name of 'd': key its statement by the slug, 'd'" in p
                   for p in found)
        assert any("differences[0].d: missing the statement for 'd'" in p for p in found)

    def test_an_unknown_concept_is_located_with_a_suggestion(self, tmp_path: Path) -> None:
        """A concept the registry does not know is a problem at its place in the list, with the nearest name."""
        found = self.problems(tmp_path, '[[lineups]]\nconcepts = ["a", "b", "cee"]\n\n'
                              '[[lineups.differences]]\naspect = "X"\na = "1"\nb = "2"\ncee = "3"\n')

        assert 1 == len(found)
        assert found[0].startswith(":2: lineups[0].concepts[2]: expected the slug, name or alias of a defined concept")

    def test_two_concepts_are_not_a_lineup(self, tmp_path: Path) -> None:
        """A lineup of two concepts is refused: that is a comparison."""
        found = self.problems(tmp_path, '[[lineups]]\nconcepts = ["a", "b"]\n\n'
                              '[[lineups.differences]]\naspect = "X"\na = "1"\nb = "2"\n')

        assert [":2: lineups[0].concepts: expected three or more concepts, found 2; two make a comparison"] == found

    def test_a_blank_statement(self, tmp_path: Path) -> None:
        """A blank statement is a problem at its slug."""
        found = self.problems(tmp_path, self.ROWS + 'a = " "\nb = "2"\nc = "3"\n')

        assert [":6: lineups[0].differences[0].a: a must not be blank"] == found

    def test_every_problem_of_shape_at_once(self, tmp_path: Path) -> None:
        """Every problem of shape in a file at once: a statement that is not text, a misspelt field."""
        found = self.problems(tmp_path, self.ROWS + 'a = "1"\nb = 2\nc = "3"\n\n[lineups.summery]\na = "x"\n')

        assert [
            ":7: lineups[0].differences[0].b: expected a string, found the integer 2",
            ":10: lineups[0].summery: unknown field \"summery\"; did you mean 'summary'? "
            "(the fields are: concepts, differences, summary, sources, similarities, notes, tags)",
        ] == found

    def test_summary_clauses_keyed_by_slug(self, tmp_path: Path) -> None:
        """A summary table is checked as a row is: every concept, no other key."""
        summary = '\n[lineups.summary]\na = "x"\nb = "y"\n'
        found = self.problems(tmp_path, self.ROWS + 'a = "1"\nb = "2"\nc = "3"\n' + summary)

        assert [":10: lineups[0].summary.c: missing the clause for 'c': every concept of the lineup needs one"] == found

    def test_a_second_lineup_of_the_same_concepts_conflicts(self, with_fixture: Registry) -> None:
        """The same concepts lined up again, in any order, is a conflict, and nothing is added."""
        lineup = with_fixture.get(MAU, DAU, WAU)
        with pytest.raises(ConflictError, match="already registered"):
            with_fixture.register(lineup)

    def test_the_schema_accepts_the_fixture(self) -> None:
        """The JSON Schema that make data writes accepts a lineup file as written."""
        import tomllib

        import jsonschema

        schema = pmcompare.pack_schema()
        jsonschema.validate(tomllib.loads(FIXTURE.read_text(encoding="utf-8")), schema)
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({"lineups": [{"concepts": ["a", "b", "c"], "differences": [{"a": "x"}]}]}, schema)


class TestRegistry:
    def test_any_order_of_names(self, with_fixture: Registry) -> None:
        """get() with three names, aliases included, gives the lineup with its columns in the order asked."""
        for names in (("mau", "dau", "wau"), ("Weekly Active Users", "MAU", "DAU"), ("dau", "wau", "mau")):
            found = with_fixture.get(*names)
            assert [with_fixture.concept(n).slug for n in names] == [c.slug for c in found.concepts]

    @pytest.mark.parametrize("text", ["mau vs dau vs wau", "mau | dau | wau", "MAU versus DAU v. WAU"])
    def test_one_string(self, with_fixture: Registry, text: str) -> None:
        """One string is split on vs, versus, v. or |."""
        assert [MAU, DAU, WAU] == [c.slug for c in with_fixture.get(text).concepts]

    def test_a_pair_inside_a_lineup(self, with_fixture: Registry) -> None:
        """A pair with no comparison of its own is answered by the lineup's two columns, which say so."""
        assert (DAU, WAU) not in {(c.left.slug, c.right.slug) for c in with_fixture}

        pair = with_fixture.get("wau", "dau")

        [lineup] = with_fixture.lineups()
        assert lineup.pair(WAU, DAU) == pair
        assert "Daily Active Users vs Weekly Active Users vs Monthly Active Users" == pair.lineup
        assert ("wau", "dau") in with_fixture
        assert pair in with_fixture

    def test_a_stored_comparison_wins(self, with_fixture: Registry) -> None:
        """A pair with its own comparison is answered by it, not by the lineup."""
        assert with_fixture.get("dau", "mau").lineup is None

    def test_the_smallest_lineup_then_the_first_slug_answers_a_pair(self) -> None:
        """Of several lineups holding a pair, the one of fewest concepts answers it, then the first by slug."""
        registry = Registry()
        for item in (lineup_of("A", "B", "C", "D"), lineup_of("A", "B", "Z"), lineup_of("A", "B", "E")):
            registry.register(item)

        assert "A vs B vs E" == registry.get("a", "b").lineup
        assert "A vs B vs C vs D" == registry.get("c", "d").lineup

    def test_lineups_of(self, with_fixture: Registry) -> None:
        """lineups_of() gives each lineup holding the concept, that concept's column first."""
        [found] = with_fixture.lineups_of("wau")

        assert [WAU, DAU, MAU] == [c.slug for c in found.concepts]
        assert () == with_fixture.lineups_of("product strategy")

    def test_iteration_and_len_are_the_comparisons(self, without_lineups: Registry) -> None:
        """Iterating and len() give the comparisons, as before lineups; lineups() gives the lineups."""
        before = (list(without_lineups), len(without_lineups))
        without_lineups.load(FIXTURE)

        assert before == (list(without_lineups), len(without_lineups))
        assert 1 == len(without_lineups.lineups())
        assert "1 lineups" in repr(without_lineups)

    def test_containment(self, with_fixture: Registry) -> None:
        """``in`` takes three names in any order, a lineup in any order, and refuses what get() would."""
        assert ("mau", "wau", "dau") in with_fixture
        assert with_fixture.get("mau", "wau", "dau") in with_fixture
        assert ("mau", "wau", "okr") not in with_fixture
        assert ("mau", "wau", "dau", "okr") not in with_fixture
        assert lineup_of("A", "B", "C") not in with_fixture

    def test_three_names_without_a_lineup_suggest_what_there_is(self, with_fixture: Registry) -> None:
        """Three known concepts with no lineup name the lineups and comparisons among them."""
        with pytest.raises(UnknownLineupError) as caught:
            with_fixture.get("dau", "mau", "okr")

        assert ("Daily Active Users", "Monthly Active Users", "Objectives and Key Results") == caught.value.names
        assert "Daily Active Users vs Weekly Active Users vs Monthly Active Users" in caught.value.suggestions
        assert "Daily Active Users vs Monthly Active Users" in caught.value.suggestions

    def test_a_pair_not_compared_suggests_a_lineup(self, with_fixture: Registry) -> None:
        """Two concepts with no comparison and no lineup together mention the lineups either is in."""
        with pytest.raises(UnknownComparisonError) as caught:
            with_fixture.get("wau", "product strategy")
        assert "Daily Active Users vs Weekly Active Users vs Monthly Active Users" in caught.value.suggestions

    def test_the_default_registry_holds_the_bundled_lineups(self) -> None:
        """Every bundled lineup is found by its concepts, in any order (none bundled: nothing to find)."""
        registry = pmcompare.registry()
        for lineup in registry.lineups():
            slugs = [c.slug for c in reversed(lineup.concepts)]
            assert slugs == [c.slug for c in pmcompare.get(*slugs).concepts]

    def test_search_finds_a_lineup_and_says_so(self, with_fixture: Registry) -> None:
        """A search of the concepts' short names finds the lineup, and the hit says it is a lineup."""
        [hit, *_] = with_fixture.find("dau wau mau")

        assert "lineup" == hit.kind
        assert isinstance(hit.item, Lineup)


class TestRenderers:
    """Every format reads back, with its own parser, to the lineup's cells, for three to six columns."""

    @given(lineups())
    def test_markdown(self, lineup: Lineup) -> None:
        """markdown-it reads one table with the lineup's header and cells."""
        source = render(lineup, "markdown", title=False, summary=False, definitions=False, notes=False)
        [(kind, tokens)] = blocks(source)
        assert "table" == kind
        assert expected_rows(lineup) == table_cells(tokens)
        assert 1 == len({wcswidth(line) for line in source.splitlines()})

    @given(lineups())
    def test_html(self, lineup: Lineup) -> None:
        """html5lib, strict, reads the table's rows, caption and summary as the lineup's text, with no markup."""
        root = parse(render(lineup, "html"))
        assert expected_rows(lineup) == rows(root)
        assert [shown(lineup.title)] == [text(c) for c in root.iter("caption")]
        summaries = [text(p) for p in root.iter("p") if p.get("class") == "pmcompare-summary"]
        assert ([shown(lineup.summary_text)] if lineup.summary else []) == summaries

    @given(lineups())
    def test_rst(self, lineup: Lineup) -> None:
        """docutils parses the list-table with no message into the lineup's cells."""
        document, messages = doctree(render(lineup, "rst"))
        assert_only_text(document, messages)
        assert expected_rows(lineup) == cells(document)

    @given(lineups())
    def test_latex_shape(self, lineup: Lineup) -> None:
        """The tabularx has a column per concept and the aspect, and a row per difference."""
        source = render(lineup, "latex", title=False, summary=False, definitions=False, notes=False)
        spec = source.split("\\begin{tabularx}{\\linewidth}{", 1)[1].split("}\n", 1)[0]
        body = source.split("\\midrule\n", 1)[1].split("\n\\bottomrule", 1)[0]
        rows = body.split(" \\\\\n")

        assert 1 + len(lineup.concepts) == spec.count("X")
        assert len(lineup.differences) == len(rows)
        assert [1 + len(lineup.concepts)] * len(rows) == [len(row.removesuffix(" \\\\").split(" & ")) for row in rows]

    @given(lineups())
    def test_json_loads_back_equal(self, lineup: Lineup) -> None:
        """The JSON format writes a pack that the pack reader loads to an equal lineup."""
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "pack.json"
            path.write_text(render(lineup, "json"), encoding="utf-8")
            registry = Registry()
            registry.load(path)
        assert (lineup,) == registry.lineups()

    @given(lineups(), st.integers(60, 200))
    def test_text_reads_back_aligned(self, lineup: Lineup, width: int) -> None:
        """Any lineup: every table line of one display width, and read back column by column, every cell its text."""
        lines = render(lineup, "text", width=width, title=False, summary=False, definitions=False, notes=False)

        assert 1 == len({wcswidth(line) for line in lines.splitlines()})
        assert [[unbased(c) for c in row] for row in expected_rows(lineup)] == [
            [unbased(c) for c in row] for row in grid_cells(lines.splitlines())
        ]

    @pytest.mark.parametrize("columns", [3, 4, 5, 6])
    @pytest.mark.parametrize("width", [60, 61, 80, 100, 120, 159, 200])
    def test_text_of_real_prose_fits(self, columns: int, width: int) -> None:
        """Three to six columns of sentences fit the width, title and definitions included, and read back."""
        names = ["Product Owner", "Product Manager", "Project Manager", "Programme Manager", "Scrum Master", "Designer"]
        sentence = "This role orders the backlog and answers to stakeholders for the value of what ships."
        lineup = Lineup(
            [concept(n) for n in names[:columns]],
            [LineupRow(a, [f"{sentence} {i}" for i in range(columns)]) for a in ("Purpose", "Owner", "Time horizon")],
            summary=" ".join([sentence] * 3),
        )

        whole = render(lineup, "text", width=width).splitlines()
        lines = render(lineup, "text", width=width, title=False, summary=False, definitions=False).splitlines()

        assert max(wcswidth(line) for line in whole) <= width
        assert 1 == len({wcswidth(line) for line in lines})
        assert [[unbased(c) for c in row] for row in expected_rows(lineup)] == [
            [unbased(c) for c in row] for row in grid_cells(lines)
        ]


    @given(lineups())
    def test_typst(self, lineup: Lineup) -> None:
        """Typst's own query reads the table back to the lineup's cells, each cell one text element."""
        import tempfile

        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "lineup.typ"
            path.write_text(render(lineup, "typst"), encoding="utf-8")
            [element] = typst_query(path, "table")

        assert 1 + len(lineup.concepts) == len(element["columns"])
        assert expected_rows(lineup) == typst_rows(element, 1 + len(lineup.concepts))

    def test_asciidoc(self, tmp_path: Path) -> None:
        """Asciidoctor converts lineups of three to six columns, hostile text in every cell, to the same cells."""
        drawn = [hostile.lineup(text, 3 + index % 4) for index, text in enumerate(CORPUS)]
        root = asciidoc_convert(tmp_path, "\n\n".join(render(item, "asciidoc") for item in drawn) + "\n")

        expected = [[[flat(cell) for cell in row] for row in expected_rows(item)] for item in drawn]
        assert expected == [asciidoc_rows(table) for table in root.iter("table")]


class TestHostile:
    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    @pytest.mark.parametrize("format", ["markdown", "html", "rst"])
    def test_every_cell_stays_text(self, text: str, format: str) -> None:
        """Hostile text in every field of a four-column lineup reads back as itself."""
        lineup = hostile.lineup(text, 4)
        source = render(lineup, format, title=False, summary=False, definitions=False, notes=False)
        if format == "markdown":
            [(_, tokens)] = blocks(source)
            assert expected_rows(lineup) == table_cells(tokens)
        elif format == "html":
            assert expected_rows(lineup) == rows(parse(source))
        else:
            document, messages = doctree(source)
            assert_only_text(document, messages)
            assert expected_rows(lineup) == cells(document)

    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    def test_text_has_no_raw_control_characters(self, text: str) -> None:
        """The text format writes no raw control or format character from a lineup's cells."""
        assert "" == hostile.raw_invisible(render(hostile.lineup(text, 5), "text", width=100))

    @pytest.mark.parametrize("text", CORPUS, ids=ident)
    def test_json_round_trip(self, text: str, tmp_path: Path) -> None:
        """Hostile text loads back from JSON unchanged."""
        lineup = hostile.lineup(text, 3)
        (tmp_path / "pack.json").write_text(render(lineup, "json"), encoding="utf-8")
        registry = Registry()
        registry.load(tmp_path / "pack.json")
        assert (lineup,) == registry.lineups()


class TestCompiledLatex:
    def test_every_cell_in_the_pdf(self, tmp_path: Path) -> None:
        """Lineups of three to six columns compile with LuaLaTeX, and pdftotext finds every cell in the PDF."""
        import subprocess

        lualatex, pdftotext = engine("lualatex"), engine("pdftotext")
        texts = ["plain words", "\\end{tabularx} & % # _ { } ~ ^ $", "漢字かな 한국어 👩‍💻", "<b>bold</b> *em*"]
        items = []
        for columns in range(3, 7):
            concepts = [Concept(f"K{columns}c{i}", f"D{columns}c{i}.", slug=f"k{columns}c{i}") for i in range(columns)]
            rows = [LineupRow(f"A{columns}r{r}", [f"{columns}r{r}c{i}:{t}" for i in range(columns)])
                    for r, t in enumerate(texts)]
            items.append(Lineup(concepts, rows))
        body = "\n\n\\bigskip\n".join(render(item, "latex") for item in items)
        (tmp_path / "lineups.tex").write_text(PREAMBLE + body + "\n\\end{document}\n", encoding="utf-8")
        run = subprocess.run([lualatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape",
                              "lineups.tex"], cwd=tmp_path, capture_output=True, timeout=600, check=False)
        assert 0 == run.returncode, (tmp_path / "lineups.log").read_text(errors="replace")[-3000:]
        subprocess.run([pdftotext, "-raw", "-enc", "UTF-8", "lineups.pdf", "lineups.txt"], cwd=tmp_path,
                       check=True, timeout=120)
        found = comparable((tmp_path / "lineups.txt").read_text(encoding="utf-8"))

        cells = [cell for item in items for row in item.differences for cell in (row.aspect, *row.cells)]
        assert [] == [cell for cell in cells if comparable(shown(cell)) not in found]


class TestProvenance:
    def test_the_text_says_where_a_projected_pair_came_from(self, with_fixture: Registry) -> None:
        """A projected pair's notes end with the lineup it came from, in every table format."""
        pair = with_fixture.get("dau", "wau")
        line = "From the lineup Daily Active Users vs Weekly Active Users vs Monthly Active Users."

        for format in ("text", "markdown", "html", "rst", "latex"):
            source = render(pair, format, width=200) if format == "text" else render(pair, format)
            assert line in " ".join(source.split()), format

    def test_json_round_trips_the_provenance(self, with_fixture: Registry, tmp_path: Path) -> None:
        """A projected pair written as JSON loads back equal, lineup title included."""
        pair = with_fixture.get("dau", "wau")
        (tmp_path / "pair.json").write_text(render(pair, "json"), encoding="utf-8")

        assert (pair,) == Registry().load(tmp_path / "pair.json")

    def test_a_comparison_takes_a_lineup_title(self) -> None:
        """Comparison(lineup=...) is text: not blank."""
        a, b = concept("A"), concept("B")
        with pytest.raises(ValueError, match="lineup must not be blank"):
            Comparison(a, b, [Difference("X", "1", "2")], lineup=" ")


class TestEmbed:
    def test_a_directive_or_tag_keeps_the_aspects_asked_for(self) -> None:
        """What the doc integrations share: three names and a list of aspects give the lineup cut to them."""
        from pmcompare._embed import find

        registry = Registry()
        registry.register(lineup_of("A", "B", "C", rows=3))

        found = find(registry, "c | a | b", aspects=["aspect 2", "Aspect 0"])

        assert isinstance(found, Lineup)
        assert (["c", "a", "b"], ("Aspect 2", "Aspect 0")) == ([c.slug for c in found.concepts], found.aspects)
        assert ("C in row 2.", "C in row 0.") == found.column("c")
