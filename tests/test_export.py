"""The registry as a dataset: records, CSV, JSON Lines, JSON and SQLite, read back with real tools."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import hostile
import pmcompare
from pmcompare import DataError, Lineup, LineupRow, Registry, export
from pmcompare.export import EXPORT_FORMATS, TABLES
from strategies import registries
from test_cli import run

ROOT = Path(__file__).resolve().parent.parent

# Where each format is written in these tests: a folder, a zip, a file.
TARGETS = {"csv": "csv", "csv-zip": "data.zip", "jsonl": "jsonl", "jsonl-zip": "jsonl.zip",
           "json": "data.json", "sqlite": "data.db"}


def fmt(target: str) -> export.ExportFormat:
    return target.partition("-")[0]  # type: ignore[return-value]


def with_a_lineup(registry: Registry) -> Registry:
    """``registry``, with a lineup added if it has none."""
    if registry.lineups():
        return registry
    out = registry.copy()
    slugs = ("daily-active-users", "weekly-active-users", "monthly-active-users")
    concepts = [registry.concept(slug) for slug in slugs]
    out.register(Lineup(
        concepts,
        [LineupRow("Time horizon", ["It counts the users of one day.", "It counts the users of seven days.",
                                    "It counts the users of thirty days."]),
         LineupRow("Best for", ["It suits products used every day.", "It suits products used at work weekly.",
                                "It suits products used now and then."])],
        summary=["Users active on a day.", "Users active in a week.", "Users active in a month."],
        sources=[pmcompare.Source("A made-up source for the tests", author="Nobody", year=2026)],
        tags=["metrics"],
        similarities=["Each counts distinct users, not sessions."],
        notes=["Written for these tests."],
    ))
    return out


@pytest.fixture(scope="module")
def library() -> Registry:
    """The bundled library, with a lineup."""
    return with_a_lineup(pmcompare.registry())


@pytest.fixture(scope="module")
def exported(library: Registry, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bundled library, written once in every format."""
    folder = tmp_path_factory.mktemp("exports")
    return {target: export.write(library, folder / name, fmt(target)) for target, name in TARGETS.items()}


def contents(registry: Registry) -> tuple[list[object], list[object], list[object]]:
    """Everything a registry holds, comparable with ==."""
    return list(registry.concepts()), list(registry), list(registry.lineups())


def snapshot(path: Path) -> dict[str, bytes]:
    """Every byte of an export, whether it is a file or a folder of them."""
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


class TestRecords:
    def test_the_tables_and_their_columns(self, library: Registry) -> None:
        """records() gives every documented table, and each row has exactly the documented columns in order."""
        tables = library.records()
        assert list(TABLES) == list(tables)
        for name, rows in tables.items():
            assert rows, name
            assert {TABLES[name].column_names} == {tuple(row) for row in rows}

    def test_lineups_in_long_form(self, library: Registry) -> None:
        """A lineup is a row, its concepts in column order with their clauses, and a cell per aspect and concept."""
        tables = library.records()
        lineups = library.lineups()
        lineup = library.get("daily active users", "weekly active users", "monthly active users")
        assert [{"slug": x.slug, "title": x.title, "summary": x.summary_text} for x in lineups] == tables["lineups"]
        assert [(c.slug, clause) for c, clause in zip(lineup.concepts, lineup.summary)] == [
            (row["concept"], row["summary"]) for row in tables["lineup_concepts"] if row["lineup"] == lineup.slug
        ]
        first = lineup.differences[0]
        assert [(1, first.aspect, "weekly-active-users", lineup.column("weekly-active-users")[0])] == [
            (row["position"], row["aspect"], row["concept"], row["statement"]) for row in tables["lineup_cells"]
            if row["lineup"] == lineup.slug and row["concept"] == "weekly-active-users" and row["position"] == 1
        ]
        assert sum(len(x.differences) * len(x.concepts) for x in lineups) == len(tables["lineup_cells"])
        assert sorted(x.slug for x in lineups for _ in x.notes) == sorted(r["lineup"] for r in tables["lineup_notes"])

    def test_long_form(self, library: Registry) -> None:
        """One row per comparison, and one per side of each difference, each naming its concept."""
        tables = library.records()
        assert len(library) == len(tables["comparisons"])
        assert 2 * sum(len(c.differences) for c in library) == len(tables["differences"])
        seed = library.get("product strategy", "product management")
        rows = [r for r in tables["differences"] if r["comparison"] == seed.slug and r["position"] == 1]
        first = seed.differences[0]
        assert [
            {"comparison": seed.slug, "position": 1, "aspect": first.aspect, "side": "left",
             "concept": "product-strategy", "statement": first.left},
            {"comparison": seed.slug, "position": 1, "aspect": first.aspect, "side": "right",
             "concept": "product-management", "statement": first.right},
        ] == rows

    def test_the_metadata_names_versions_and_licence(self, library: Registry) -> None:
        """The metadata table carries the data version, the package version and the data licence."""
        meta = {row["key"]: row["value"] for row in library.records()["metadata"]}
        assert pmcompare.DATA_VERSION == meta["data_version"]
        assert pmcompare.__version__ == meta["package_version"]
        assert "CC-BY-4.0" == meta["licence"]
        assert "MIT" == meta["code_licence"]

    def test_a_packs_own_metadata(self) -> None:
        """Metadata for other data carries its own version and licence, and not the bundled data's credit line."""
        meta = export.metadata(data_version="3.1", licence="CC0-1.0")
        assert ("3.1", "CC0-1.0", None, None) == (
            meta["data_version"], meta["licence"], meta["licence_url"], meta["attribution"]
        )

    def test_other_data_has_no_licence_of_the_library(self) -> None:
        """A registry of the caller's own comparisons exports no data version, licence or credit line of the library."""
        mine = Registry()
        mine.register(hostile.comparison("Mine"))
        meta = {row["key"]: row["value"] for row in mine.records()["metadata"]}
        assert (None, None, None, None) == (
            meta["data_version"], meta["licence"], meta["licence_url"], meta["attribution"]
        )
        assert (pmcompare.__version__, "MIT") == (meta["package_version"], meta["code_licence"])

    def test_the_library_and_more_is_not_the_library(self) -> None:
        """The library with a comparison added, or one taken away, is not the library, and has no licence of it."""
        more = pmcompare.registry().copy()
        more.register(hostile.comparison("Mine"))
        fewer = Registry()
        for concept in pmcompare.registry().concepts():
            fewer.register(concept)
        for mine in (more, fewer):
            meta = {row["key"]: row["value"] for row in mine.records()["metadata"]}
            assert (None, None) == (meta["licence"], meta["attribution"])

    def test_the_library_rebuilt_is_the_library(self) -> None:
        """A registry that holds exactly the library's concepts, comparisons and lineups carries its metadata."""
        library = pmcompare.registry()
        again = Registry()
        for item in (*library.concepts(), *library, *library.lineups()):
            again.register(item)
        assert library.records()["metadata"] == again.records()["metadata"]
        meta = {row["key"]: row["value"] for row in again.records()["metadata"]}
        assert (pmcompare.DATA_VERSION, "CC-BY-4.0") == (meta["data_version"], meta["licence"])

    def test_the_caller_gives_the_metadata(self, tmp_path: Path) -> None:
        """metadata= gives the data version, licence and credit of the caller's data, in every export."""
        mine = Registry()
        mine.register(hostile.comparison("Mine"))
        given = {"data_version": "1.0", "licence": "CC0-1.0", "attribution": "Mine, by me"}
        meta = {row["key"]: row["value"] for row in mine.records(metadata=given)["metadata"]}
        assert given.items() <= meta.items()
        assert pmcompare.__version__ == meta["package_version"]
        frame = mine.to_pandas(metadata=given)["metadata"]
        assert "CC0-1.0" == frame.set_index("key").loc["licence", "value"]
        written = mine.export(tmp_path / "mine.json", "json", metadata=given)
        rows = json.loads(written.read_text(encoding="utf-8"))["metadata"]
        assert {"key": "attribution", "value": "Mine, by me"} in rows

    @pytest.mark.parametrize("given", [{"package_version": "9"}, {"format_version": "9"}, {"licence": 1}])
    def test_metadata_the_package_states_is_not_given(self, given: dict[str, Any]) -> None:
        """The package's own keys are not the caller's to give, and a value is text."""
        with pytest.raises((ValueError, TypeError)):
            Registry().records(metadata=given)

    def test_data_version_is_a_calendar_version(self) -> None:
        """DATA_VERSION is year.month, apart from the code's version."""
        assert re.fullmatch(r"20\d\d\.(0[1-9]|1[0-2])", pmcompare.DATA_VERSION)
        assert pmcompare.DATA_VERSION != pmcompare.__version__

    def test_the_docs_describe_every_column(self) -> None:
        """docs/dataset.md has each table's column list exactly as TABLES describes it."""
        page = (ROOT / "docs/dataset.md").read_text(encoding="utf-8")
        for table in TABLES.values():
            assert column_table(table) in page, f"docs/dataset.md: the table of {table.name!r} is out of date"


def column_table(table: export.Table) -> str:
    """The Markdown table of a table's columns that docs/dataset.md shows."""
    lines = ["| column | type | null | what it holds |", "| --- | --- | --- | --- |"]
    for column in table.columns:
        null = "yes" if column.nullable else ""
        key = " (key)" if column.name in table.key else ""
        ref = f"; → `{column.references}`" if column.references else ""
        lines.append(f"| `{column.name}`{key} | {column.type} | {null} | {column.description}{ref} |")
    return "\n".join(lines)


class TestPandas:
    def test_dataframes_have_the_documented_dtypes(self, library: Registry) -> None:
        """to_pandas() gives a DataFrame per table with the documented columns and dtypes."""
        frames = library.to_pandas()
        assert list(TABLES) == list(frames)
        for name, frame in frames.items():
            assert list(TABLES[name].column_names) == list(frame.columns)
            assert TABLES[name].dtypes == {c: str(t) for c, t in frame.dtypes.items()}

    @pytest.mark.parametrize("name", list(TABLES))
    def test_pandas_reads_every_csv_as_documented(
        self, library: Registry, exported: dict[str, Path], name: str
    ) -> None:
        """pandas.read_csv, with the documented dtypes and empty fields as missing, gives the same DataFrame."""
        import pandas
        from pandas.testing import assert_frame_equal

        table = TABLES[name]
        frame = pandas.read_csv(
            exported["csv"] / f"{name}.csv", dtype=table.dtypes, keep_default_na=False, na_values=[""]
        )
        assert_frame_equal(library.to_pandas()[name], frame)

    def test_pandas_reads_the_json_lines(self, library: Registry, exported: dict[str, Path]) -> None:
        """pandas.read_json(lines=True) reads each JSON Lines file to the same rows."""
        import pandas

        for name in TABLES:
            frame = pandas.read_json(exported["jsonl"] / f"{name}.jsonl", lines=True, dtype=TABLES[name].dtypes)
            assert library.to_pandas()[name].astype(object).where(frame.notna(), None).values.tolist() == (
                frame.astype(object).where(frame.notna(), None).values.tolist()
            )

    def test_import_pmcompare_and_records_do_not_import_pandas(self) -> None:
        """pandas is imported only when a DataFrame is asked for."""
        code = (
            "import sys, pmcompare; pmcompare.registry().records(); "
            "print('pandas' in sys.modules); pmcompare.registry().to_pandas(); print('pandas' in sys.modules)"
        )
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        assert ["False", "True"] == out.split()


class TestSqlite:
    def test_tables_keys_and_indexes(self, exported: dict[str, Path]) -> None:
        """The database has a table per table, with its primary key, foreign keys that hold, and indexes."""
        with sqlite3.connect(exported["sqlite"]) as db:
            names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            assert set(TABLES) <= names
            for name, table in TABLES.items():
                info = db.execute(f"PRAGMA table_info({name})").fetchall()
                assert list(table.column_names) == [row[1] for row in info]
                key = sorted((row[5], row[1]) for row in info if row[5])
                assert list(table.key) == [column for _, column in key]
            references = db.execute("PRAGMA foreign_key_list(differences)").fetchall()
            assert {("comparisons", "comparison", "slug"), ("concepts", "concept", "slug")} == {
                (row[2], row[3], row[4]) for row in references
            }
            assert [] == db.execute("PRAGMA foreign_key_check").fetchall()
            assert [("ok",)] == db.execute("PRAGMA integrity_check").fetchall()
            indexes = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
            assert {"differences_concept", "comparisons_left_concept", "comparisons_right_concept"} <= indexes

    def test_full_text_search_finds_a_comparison_by_a_word_of_a_statement(
        self, library: Registry, exported: dict[str, Path]
    ) -> None:
        """An FTS5 MATCH on a word found in one comparison's statements alone finds that comparison."""
        texts = {c.slug: " ".join(f"{d.aspect} {d.left} {d.right}" for d in c.differences).lower() for c in library}

        def only_in(word: str) -> list[str]:
            # The index stems words, so a word is unique if no other word begins as its stem might.
            return [slug for slug, text in texts.items() if re.search(rf"\b{word[:5]}", text)]

        words = sorted({w for text in texts.values() for w in re.findall(r"\b[a-z]{9,}\b", text)})
        word = next(w for w in words if len(only_in(w)) == 1)
        (slug,) = only_in(word)
        with sqlite3.connect(exported["sqlite"]) as db:
            found = db.execute(
                "SELECT DISTINCT d.comparison FROM differences_fts JOIN differences AS d "
                "ON d.rowid = differences_fts.rowid WHERE differences_fts MATCH ?",
                [word],
            ).fetchall()
        assert [(slug,)] == found

    def test_full_text_search_of_concepts_by_stem(self, exported: dict[str, Path]) -> None:
        """The concepts' index stems: 'roadmaps' finds the concept named Roadmap."""
        with sqlite3.connect(exported["sqlite"]) as db:
            found = db.execute(
                "SELECT c.slug FROM concepts_fts JOIN concepts AS c ON c.rowid = concepts_fts.rowid "
                "WHERE concepts_fts MATCH 'name:roadmaps'"
            ).fetchall()
        assert ("product-roadmap",) in found or ("roadmap",) in found


class TestDatasette:
    def test_serves_and_searches_the_export(self, library: Registry, exported: dict[str, Path]) -> None:
        """datasette serves the database: its JSON API lists the tables, and a table's search box works."""
        from datasette.app import Datasette

        async def ask() -> tuple[dict[str, Any], list[dict[str, Any]]]:
            datasette = Datasette([str(exported["sqlite"])])
            await datasette.invoke_startup()
            database = await datasette.client.get("/data.json")
            assert 200 == database.status_code
            search = await datasette.client.get("/data/differences.json?_search=delighters&_shape=array")
            assert 200 == search.status_code
            return database.json(), search.json()

        database, rows = asyncio.run(ask())
        tables = {table["name"]: table for table in database["tables"]}
        assert set(TABLES) <= set(tables)
        assert "differences_fts" == tables["differences"]["fts_table"]
        assert len(library) == tables["comparisons"]["count"]
        assert rows
        assert all("delight" in row["statement"].lower() for row in rows)


class TestFormats:
    def test_csv_files(self, exported: dict[str, Path]) -> None:
        """CSV: a file per table, UTF-8, a header row of the documented columns, CRLF as RFC 4180 has it."""
        assert sorted(f"{name}.csv" for name in TABLES) == sorted(p.name for p in exported["csv"].iterdir())
        data = (exported["csv"] / "concepts.csv").read_bytes()
        assert data.startswith(b"slug,name,definition\r\n")
        assert snapshot(exported["csv"]) == {
            name: zipfile.ZipFile(exported["csv-zip"]).read(name) for name in snapshot(exported["csv"])
        }

    def test_json_lines(self, library: Registry, exported: dict[str, Path]) -> None:
        """JSON Lines: an object per line, the documented keys, missing values as null."""
        lines = (exported["jsonl"] / "sources.jsonl").read_text(encoding="utf-8").splitlines()
        rows = [json.loads(line) for line in lines]
        assert library.records()["sources"] == rows

    def test_json_document(self, library: Registry, exported: dict[str, Path]) -> None:
        """JSON: one object of the tables, each a list of rows."""
        assert library.records() == json.loads(exported["json"].read_text(encoding="utf-8"))

    def test_unknown_format(self, library: Registry, tmp_path: Path) -> None:
        """A format that does not exist is refused with the list of those that do."""
        with pytest.raises(pmcompare.UnknownFormatError, match="csv, jsonl, json, sqlite"):
            export.write(library, tmp_path / "x", "xlsx")  # type: ignore[arg-type]


class TestSameBytes:
    @pytest.mark.parametrize("target", list(TARGETS))
    def test_the_bundled_library_twice(self, library: Registry, exported: dict[str, Path], tmp_path: Path,
                                       target: str) -> None:
        """Exporting the same data again gives byte-identical output (for SQLite, with the same SQLite)."""
        again = export.write(library, tmp_path / TARGETS[target], fmt(target))
        assert snapshot(exported[target]) == snapshot(again)

    @settings(max_examples=25)
    @given(registry=registries(), target=st.sampled_from(list(TARGETS)))
    def test_registries_built_in_another_order(self, registry: Registry, target: str) -> None:
        """A registry holding the same things, registered in reverse order, exports to the same bytes."""
        import tempfile

        reverse = Registry()
        for concept in reversed(registry.concepts()):
            reverse.register(concept)
        for item in [*reversed(list(registry)), *reversed(registry.lineups())]:
            reverse.register(item)
        with tempfile.TemporaryDirectory() as folder:
            first = export.write(registry, Path(folder) / f"a-{TARGETS[target]}", fmt(target))
            second = export.write(reverse, Path(folder) / f"b-{TARGETS[target]}", fmt(target))
            assert list(snapshot(first).values()) == list(snapshot(second).values())


class TestRoundTrip:
    @pytest.mark.parametrize("target", list(TARGETS))
    def test_the_bundled_library(self, library: Registry, exported: dict[str, Path], target: str) -> None:
        """Every export of the library reads back to equal concepts and comparisons."""
        assert contents(library) == contents(pmcompare.read_export(exported[target]))

    @settings(max_examples=50)
    @given(registry=registries(), target=st.sampled_from(list(TARGETS)))
    def test_generated_registries(self, registry: Registry, target: str) -> None:
        """Any registry, hostile text in every field, reads back equal from any format."""
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = export.write(registry, Path(folder) / TARGETS[target], fmt(target))
            assert contents(registry) == contents(export.read(path))


class TestHostileText:
    @pytest.mark.parametrize("text", hostile.CORPUS, ids=hostile.ident)
    def test_comes_back_as_it_was(self, text: str, tmp_path: Path) -> None:
        """Each text of the hostile corpus reads back unchanged: by pandas from CSV, by sqlite3, and by read_export."""
        import pandas
        from pandas.testing import assert_frame_equal

        registry = Registry()
        registry.register(hostile.comparison(text))
        registry.register(hostile.lineup(text))
        folder = registry.export(tmp_path / "csv", "csv")
        frames = registry.to_pandas()
        for name in ("concepts", "differences", "lineup_cells", "sources"):
            frame = pandas.read_csv(folder / f"{name}.csv", dtype=TABLES[name].dtypes,
                                    keep_default_na=False, na_values=[""])
            assert_frame_equal(frames[name], frame)
        database = registry.export(tmp_path / "data.db", "sqlite")
        with sqlite3.connect(database) as db:
            statements = {row[0] for row in db.execute("SELECT statement FROM differences WHERE position = 1")}
        assert {hostile.comparison(text).differences[0].left} == statements
        for path in (folder, database, registry.export(tmp_path / "jsonl", "jsonl")):
            back = pmcompare.read_export(path)
            assert contents(registry) == contents(back)


def edit_csv(folder: Path, table: str, edit: Any) -> None:
    """Rewrite one CSV file of an export, passing its rows (a header first) through ``edit``."""
    path = folder / f"{table}.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    buffer = io.StringIO(newline="")
    csv.writer(buffer, lineterminator="\r\n").writerows(edit(rows))
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


class TestReadingBadExports:
    @pytest.fixture
    def folder(self, library: Registry, tmp_path: Path) -> Path:
        return export.write(library, tmp_path / "csv", "csv")

    def test_a_blank_statement_is_located(self, folder: Path) -> None:
        """A statement emptied in the CSV is reported at its file, line and column; nothing is built."""
        edit_csv(folder, "differences", lambda rows: [*rows[:3], [*rows[3][:5], ""], *rows[4:]])
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        assert (str(folder / "differences.csv"), 4, "differences[2].statement") == (
            problem.file, problem.line, problem.path
        )
        assert "missing" in problem.message

    def test_every_problem_at_once(self, folder: Path) -> None:
        """A dangling concept and a wrong number are both reported, each where it is."""
        edit_csv(folder, "concept_aliases", lambda rows: [*rows, ["no-such-concept", "1", "Nobody"]])
        edit_csv(folder, "sources", lambda rows: [rows[0], [*rows[1][:5], "MMXX"], *rows[2:]])
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        messages = sorted(f"{p.path}: {p.message}" for p in caught.value.problems)
        assert any("concept_aliases" in m and "no concept has the slug 'no-such-concept'" in m for m in messages)
        assert any("sources[0].year: expected a whole number, found 'MMXX'" in m for m in messages)

    def test_a_lineup_row_without_one_of_its_statements(self, folder: Path) -> None:
        """A lineup cell removed leaves its row short of a concept, which the problem names."""
        edit_csv(folder, "lineup_cells", lambda rows: [rows[0], *rows[2:]])
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        assert (str(folder / "lineups.csv"), 2, "lineups[0].slug") == (problem.file, problem.line, problem.path)
        first = sorted(pmcompare.registry().lineups(), key=lambda lineup: lineup.slug)[0]
        slugs = ", ".join(sorted(c.slug for c in first.concepts))
        assert "row 1 of lineup_cells has statements for " in problem.message
        assert f"not for each of {slugs}" in problem.message

    def test_a_lineup_row_whose_aspect_differs_between_its_cells(self, folder: Path) -> None:
        """A lineup cell given another aspect than its row's others is reported there, and nothing is built."""
        edit_csv(folder, "lineup_cells", lambda rows: [rows[0], rows[1], [*rows[2][:2], "Another aspect",
                                                                          *rows[2][3:]], *rows[3:]])
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        assert (str(folder / "lineup_cells.csv"), 3, "lineup_cells[1].aspect") == (
            problem.file, problem.line, problem.path
        )
        assert "row 1 of lineup_cells names different aspects for " in problem.message
        assert "'Another aspect'" in problem.message

    def test_a_repeated_difference_is_located(self, folder: Path) -> None:
        """A second differences row with the same comparison, position and side is a problem, not the last one read."""
        def repeat(rows: list[list[str]]) -> list[list[str]]:
            return [*rows[:3], [*rows[1][:5], "A statement that would win."], *rows[3:]]

        edit_csv(folder, "differences", repeat)
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        assert (str(folder / "differences.csv"), 4, "differences[2].side") == (
            problem.file, problem.line, problem.path
        )
        assert "repeats the key (comparison, position, side) of differences[0], at line 2" in problem.message

    def test_a_repeated_concept_is_located(self, folder: Path) -> None:
        """A second concepts row with the same slug is a problem, not the one that wins."""
        edit_csv(folder, "concepts", lambda rows: [*rows, [rows[1][0], "Another name", "Another definition."]])
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        count = len(pmcompare.registry().concepts())
        assert (str(folder / "concepts.csv"), count + 2, f"concepts[{count}].slug") == (
            problem.file, problem.line, problem.path
        )
        assert "repeats the key (slug) of concepts[0], at line 2" in problem.message

    @pytest.mark.parametrize("target", ["json", "sqlite"])
    def test_repeats_in_other_formats(self, library: Registry, tmp_path: Path, target: str) -> None:
        """A repeated key in a JSON export (or an SQLite one without its keys) is reported too."""
        tables = export.records(library)
        tables["tags"].append(dict(tables["tags"][0]))
        if target == "json":
            path = tmp_path / "data.json"
            path.write_text(json.dumps(tables), encoding="utf-8")
        else:
            path = tmp_path / "data.db"
            with sqlite3.connect(path) as db:
                for name, table in TABLES.items():
                    db.execute(f"CREATE TABLE {name} ({', '.join(table.column_names)})")
                    db.executemany(f"INSERT INTO {name} VALUES ({', '.join('?' for _ in table.columns)})",
                                   [[row[c] for c in table.column_names] for row in tables[name]])
            db.close()
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(path)
        (problem,) = caught.value.problems
        assert problem.path.startswith("tags[")
        assert "repeats the key (comparison, position) of tags[" in problem.message

    @pytest.mark.parametrize(("table", "column"), [("comparisons", "title"), ("comparisons", "summary"),
                                                    ("lineups", "title"), ("lineups", "summary")])
    def test_an_edited_derived_column(self, folder: Path, table: str, column: str) -> None:
        """A title, or a summary drawn from its clauses, edited in the export is reported, not silently ignored."""
        def edit(rows: list[list[str]]) -> list[list[str]]:
            at = rows[0].index(column)
            return [rows[0], [*rows[1][:at], "Edited by hand.", *rows[1][at + 1:]], *rows[2:]]

        edit_csv(folder, table, edit)
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        assert (str(folder / f"{table}.csv"), 2, f"{table}[0].{column}") == (problem.file, problem.line, problem.path)
        assert "found 'Edited by hand.'" in problem.message

    def test_a_missing_table(self, folder: Path) -> None:
        """A folder without one of the tables names the table."""
        (folder / "tags.csv").unlink()
        with pytest.raises(DataError, match="the table 'tags' is missing"):
            pmcompare.read_export(folder)

    @pytest.mark.parametrize("content", [b"", b"not json", b"[1, 2]", b"\xff\xfe", b"PK\x03\x04broken"])
    def test_a_file_that_is_no_export(self, tmp_path: Path, content: bytes) -> None:
        """Anything else is a DataError that says what was wrong, never a traceback."""
        path = tmp_path / "data.json"
        path.write_bytes(content)
        with pytest.raises(DataError):
            pmcompare.read_export(path)

    @pytest.mark.parametrize("content", ["{\n\"metadata\": " + "[" * 100_000, "{\n\"x\": " + "9" * 5000 + "}"],
                             ids=["nested", "digits"])
    def test_json_that_the_parser_cannot_take(self, tmp_path: Path, content: str) -> None:
        """JSON nested too deep for the parser, or a number too long for it, is a located problem, not a traceback."""
        path = tmp_path / "data.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(path)
        (problem,) = caught.value.problems
        assert (str(path), 2) == (problem.file, problem.line)
        assert "not valid JSON" in problem.message

    @pytest.mark.parametrize("line", ["[" * 100_000, "9" * 5000], ids=["nested", "digits"])
    def test_json_lines_that_the_parser_cannot_take(self, library: Registry, tmp_path: Path, line: str) -> None:
        """The same in a line of a .jsonl file is reported at that line."""
        folder = export.write(library, tmp_path / "jsonl", "jsonl")
        with (folder / "tags.jsonl").open("a", encoding="utf-8") as file:
            file.write(line + "\n")
        with pytest.raises(DataError) as caught:
            pmcompare.read_export(folder)
        (problem,) = caught.value.problems
        count = len(export.records(library)["tags"])
        assert (str(folder / "tags.jsonl"), count + 1) == (problem.file, problem.line)
        assert "not valid JSON" in problem.message

    def test_a_path_that_does_not_exist(self, tmp_path: Path) -> None:
        """A missing path says it cannot be read."""
        with pytest.raises(DataError, match="cannot read the export"):
            pmcompare.read_export(tmp_path / "nothing.db")


class TestCommand:
    def test_formats_are_the_modules(self) -> None:
        """The command offers exactly the formats the module writes."""
        from pmcompare import cli

        assert EXPORT_FORMATS == cli._EXPORT_FORMATS

    def test_export_the_library(self, tmp_path: Path) -> None:
        """pmcompare export writes what the Python API writes, and says what it wrote."""
        status, out, _ = run("export", "--format", "sqlite", "--out", str(tmp_path / "pm.db"))
        assert 0 == status
        library = pmcompare.registry()
        lineups = len(library.lineups())
        assert f"{len(library)} comparisons, {lineups} lineups, {len(library.concepts())} concepts" in out
        assert library.export(tmp_path / "api.db", "sqlite").read_bytes() == (tmp_path / "pm.db").read_bytes()

    def test_export_a_pack(self, tmp_path: Path) -> None:
        """--pack exports that pack alone, the library's concepts it uses included, with no data version."""
        pack = ROOT / "tests/packs/example/pmcompare_example_pack"
        status, _, err = run("export", "-f", "jsonl", "-o", str(tmp_path / "out"), "--pack", str(pack))
        assert 0 == status, err
        from pmcompare.packs import read_pack

        mine = Registry()
        mine.add(read_pack(pack, known=pmcompare.registry().concept))
        assert 1 == len(mine)
        assert contents(mine) == contents(pmcompare.read_export(tmp_path / "out"))
        meta = [json.loads(line) for line in (tmp_path / "out/metadata.jsonl").read_text().splitlines()]
        assert {"key": "data_version", "value": None} in meta
        assert {"key": "attribution", "value": None} in meta

    def test_export_the_library_with_a_pack_installed(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With a third-party pack installed, the default registry's export does not carry the library's licence."""
        from pmcompare import cli
        from pmcompare.packs import read_pack

        library = pmcompare.registry().copy()
        library.add(read_pack(ROOT / "tests/packs/example/pmcompare_example_pack", known=library.concept))
        monkeypatch.setattr(cli, "registry", lambda: library)
        status, _, err = run("export", "-f", "json", "-o", str(tmp_path / "all.json"))
        assert 0 == status, err
        meta = {r["key"]: r["value"] for r in json.loads((tmp_path / "all.json").read_text())["metadata"]}
        assert (None, None, None) == (meta["data_version"], meta["licence"], meta["attribution"])

    def test_the_licence_given(self, tmp_path: Path) -> None:
        """--licence, --attribution and --data-version give the metadata of a pack's export."""
        pack = ROOT / "tests/packs/example/pmcompare_example_pack"
        status, _, err = run("export", "-f", "json", "-o", str(tmp_path / "out.json"), "--pack", str(pack),
                             "--licence", "CC0-1.0", "--attribution", "Example, by its authors",
                             "--data-version", "2.0")
        assert 0 == status, err
        meta = {r["key"]: r["value"] for r in json.loads((tmp_path / "out.json").read_text())["metadata"]}
        assert ("2.0", "CC0-1.0", "Example, by its authors") == (
            meta["data_version"], meta["licence"], meta["attribution"]
        )

    def test_a_bad_pack_writes_nothing(self, tmp_path: Path) -> None:
        """A pack with problems lists them and exits 1, and nothing is written."""
        bad = tmp_path / "bad.toml"
        bad.write_text('[[comparisons]]\nleft = "nobody"\n', encoding="utf-8")
        status, _, err = run("export", "-f", "csv", "-o", str(tmp_path / "out"), "--pack", str(bad))
        assert 1 == status
        assert f"{bad}:" in err
        assert not (tmp_path / "out").exists()

    def test_an_unwritable_path(self, tmp_path: Path) -> None:
        """A path that cannot be written exits 1 and names it."""
        status, _, err = run("export", "-f", "json", "-o", str(tmp_path / "no/such/folder/x.json"))
        assert 1 == status
        assert "cannot write" in err
        assert "x.json" in err

    def test_format_and_out_are_required(self) -> None:
        """Without --format or --out it is a usage error."""
        assert 2 == run("export", "--out", "x.db")[0]
        assert 2 == run("export", "--format", "sqlite")[0]
