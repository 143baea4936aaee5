"""Data packs: reading TOML and JSON, reporting every problem, loading all or nothing."""

from __future__ import annotations

import contextlib
import json
import os
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pmcompare
import pmcompare.packs
from pmcompare import Comparison, DataError, Problem, Registry
from pmcompare.packs import MAX_DEPTH, MAX_FILE_BYTES
from strategies import comparisons

GOOD_TOML = '''\
[[concepts]]
name = "OKR"
definition = "Objectives with measurable key results."
aliases = ["OKRs"]

[[concepts]]
name = "KPI"
definition = "A number that tracks performance."

[[comparisons]]
left = "okr"
right = "KPI"
summary = "OKRs set goals; KPIs track health."
tags = ["metrics"]

[[comparisons.sources]]
title = "Measure What Matters"

[[comparisons.differences]]
aspect = "Purpose"
left = "Sets ambitious goals."
right = "Tracks ongoing performance."

[[comparisons.differences]]
aspect = "Time horizon"
left = "A quarter or a year."
right = "Ongoing."
'''


def write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def problems(path: Path, registry: Registry | None = None) -> list[Problem]:
    with pytest.raises(DataError) as caught:
        (registry or Registry()).load(path)
    return list(caught.value.problems)


def document(comparison: Comparison) -> dict[str, Any]:
    """A pack document for one comparison, written out by hand (independently of the renderers)."""

    def concept(c: pmcompare.Concept) -> dict[str, Any]:
        return {"slug": c.slug, "name": c.name, "definition": c.definition, "aliases": list(c.aliases)}

    def source(s: pmcompare.Source) -> dict[str, Any]:
        return {name: getattr(s, name) for name in ("title", "url", "author", "year") if getattr(s, name) is not None}

    summary = comparison.summary
    return {
        "concepts": [concept(comparison.left), concept(comparison.right)],
        "comparisons": [
            {
                "left": comparison.left.slug,
                "right": comparison.right.slug,
                "summary": summary if isinstance(summary, str) else {"left": summary.left, "right": summary.right},
                "differences": [{"aspect": d.aspect, "left": d.left, "right": d.right} for d in comparison.differences],
                "sources": [source(s) for s in comparison.sources],
                "similarities": list(comparison.similarities),
                "notes": list(comparison.notes),
                "tags": list(comparison.tags),
            }
        ],
    }


class TestLoading:
    def test_toml_file(self, tmp_path: Path) -> None:
        """A TOML pack loads its concepts and comparisons; left/right may be any name of a concept."""
        registry = Registry()
        added = registry.load(write(tmp_path, "pack.toml", GOOD_TOML))
        assert ["okr-vs-kpi"] == [c.slug for c in added]
        comparison = registry.get("okrs", "kpi")
        assert ("Purpose", "Time horizon") == comparison.aspects
        assert "Measure What Matters" == comparison.sources[0].title
        assert ("metrics",) == comparison.tags

    def test_folder_of_files(self, tmp_path: Path) -> None:
        """A folder is read recursively; concepts in one file serve comparisons in another."""
        concepts, rest = GOOD_TOML.split("[[comparisons]]", 1)
        write(tmp_path, "pack/glossary.toml", concepts)
        write(tmp_path, "pack/comparisons/okr-vs-kpi.toml", "[[comparisons]]" + rest)
        write(tmp_path, "pack/notes.txt", "not a pack file")
        assert 1 == len(Registry().load(tmp_path / "pack"))

    def test_json_file(self, tmp_path: Path) -> None:
        """A JSON pack with the same content loads to the same comparison."""
        import tomllib

        toml_registry, json_registry = Registry(), Registry()
        toml_registry.load(write(tmp_path, "a.toml", GOOD_TOML))
        json_registry.load(write(tmp_path, "a.json", json.dumps(tomllib.loads(GOOD_TOML))))
        assert list(toml_registry) == list(json_registry)

    def test_schema_key_is_allowed_in_json(self, tmp_path: Path) -> None:
        """A "$schema" key, for editors, is accepted and ignored."""
        import tomllib

        data = {"$schema": "pack.schema.json", **tomllib.loads(GOOD_TOML)}
        assert 1 == len(Registry().load(write(tmp_path, "a.json", json.dumps(data))))

    def test_utf8_byte_order_mark_is_accepted(self, tmp_path: Path) -> None:
        """A UTF-8 byte-order mark, as some editors write, is accepted and dropped."""
        path = write(tmp_path, "bom.toml", b"\xef\xbb\xbf" + GOOD_TOML.encode())
        assert 1 == len(Registry().load(path))

    def test_bundled_pack_loads(self) -> None:
        """The bundled data loads with no problem and holds the seed comparison."""
        registry = Registry()
        registry.load(pmcompare.packs.bundled_data())
        seed = registry.get("product strategy", "product management")
        assert 5 == len(seed.differences)

    def test_bundled_pack_loads_from_a_zip(self, tmp_path: Path) -> None:
        """The bundled data is read through importlib.resources, so it works from a zip."""
        import subprocess

        source = Path(pmcompare.__file__).parent
        archive = tmp_path / "pmcompare.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            for file in source.rglob("*"):
                if file.is_file() and "__pycache__" not in file.parts:
                    zipped.write(file, Path("pmcompare") / file.relative_to(source))
        code = (
            "import sys; sys.path.insert(0, sys.argv[1]); import pmcompare, pmcompare.packs; "
            "assert '.zip' in pmcompare.__file__, pmcompare.__file__; "
            "r = pmcompare.Registry(); r.load(pmcompare.packs.bundled_data()); "
            "print(r.get('product strategy', 'product management').slug)"
        )
        result = subprocess.run([sys.executable, "-c", code, str(archive)], capture_output=True, text=True, check=True)
        assert "product-strategy-vs-product-management" == result.stdout.strip()


class TestProblems:
    def test_malformed_toml_names_file_and_line(self, tmp_path: Path) -> None:
        """A TOML syntax error gives the file, the line and the parser's message."""
        path = write(tmp_path, "bad.toml", '[[concepts]]\nname = "OKR"\ndefinition = "unclosed\n')
        [problem] = problems(path)
        assert (str(path), 3) == (problem.file, problem.line)
        assert problem.message.startswith("invalid TOML:")

    def test_malformed_json_names_file_and_line(self, tmp_path: Path) -> None:
        """A JSON syntax error gives the file, the line and the column."""
        path = write(tmp_path, "bad.json", '{"concepts": [\n  {"name": "x",}\n]}')
        [problem] = problems(path)
        assert 2 == problem.line
        assert "invalid JSON" in problem.message
        assert "column" in problem.message

    def test_invalid_utf8_names_the_line(self, tmp_path: Path) -> None:
        """Bytes that are not UTF-8 are reported with their line."""
        path = write(tmp_path, "latin1.toml", '[[concepts]]\nname = "Caf\xe9"\n'.encode("latin-1"))
        [problem] = problems(path)
        assert 2 == problem.line
        assert "expected UTF-8 text" in problem.message

    def test_utf16_is_refused_with_advice(self, tmp_path: Path) -> None:
        """A UTF-16 file is refused with a hint to save it as UTF-8."""
        [problem] = problems(write(tmp_path, "u16.toml", GOOD_TOML.encode("utf-16")))
        assert "save the file as UTF-8" in problem.message

    def test_duplicate_json_key(self, tmp_path: Path) -> None:
        """A key repeated in a JSON object is a problem, with the line of the repeat."""
        text = '{"concepts": [{"name": "OKR",\n "definition": "a.",\n "name": "KPI"}]}'
        [problem] = problems(write(tmp_path, "dup.json", text))
        assert 3 == problem.line
        assert 'duplicate key "name"' in problem.message

    @pytest.mark.parametrize(
        "text",
        [
            '{"concepts": [{"name": "OKR", "definition": "a.", "name" : "KPI"}]}',
            '{"concepts": [{"name": "OKR", "definition": "x\\":y", "name":"KPI"}]}',
            '{"concepts": [{"name": "a\\":b", "definition": "a.", "definition": "b."}]}',
        ],
        ids=["spaced colon", "quote-colon inside a value", "quote-colon inside the repeated table"],
    )
    def test_duplicate_json_key_however_written(self, tmp_path: Path, text: str) -> None:
        """A repeated key is found whatever the spacing, and whatever the strings hold."""
        [problem] = problems(write(tmp_path, "dup.json", text))
        assert "duplicate key" in problem.message

    def test_quote_colon_inside_values_is_not_a_duplicate(self, tmp_path: Path) -> None:
        """Text like `":` inside a value does not make a false duplicate."""
        text = json.dumps({"concepts": [{"name": 'A":B', "definition": 'say "x": y'}]})
        registry = Registry()
        registry.load(write(tmp_path, "p.json", text))
        assert [('A":B', 'say "x": y')] == [(c.name, c.definition) for c in registry.concepts()]

    def test_wrong_type_names_path_line_expected_and_found(self, tmp_path: Path) -> None:
        """A number where text belongs names the path and line, what was expected and found."""
        path = write(tmp_path, "p.toml", GOOD_TOML.replace('right = "Ongoing."', "right = 3"))
        [problem] = problems(path)
        assert ("comparisons[0].differences[1].right", 27) == (problem.path, problem.line)
        assert "expected a string, found the integer 3" == problem.message
        assert f"{path}:27: comparisons[0].differences[1].right: expected a string, found the integer 3" == str(problem)

    def test_missing_field(self, tmp_path: Path) -> None:
        """A missing required field is named."""
        path = write(tmp_path, "p.toml", GOOD_TOML.replace('definition = "A number that tracks performance."\n', ""))
        [problem] = problems(path)
        assert ("concepts[1]", 6) == (problem.path, problem.line)
        assert "missing the required field 'definition'" == problem.message

    def test_unknown_field_suggests_the_intended_one(self, tmp_path: Path) -> None:
        """A typo in a field name suggests the field that was meant; problems come in the order of their lines."""
        path = write(tmp_path, "p.toml", GOOD_TOML.replace('right = "Ongoing."', 'rigth = "Ongoing."'))
        found = problems(path)
        assert ["comparisons[0].differences[1]", "comparisons[0].differences[1].rigth"] == [p.path for p in found]
        assert [24, 27] == [p.line for p in found]
        assert "did you mean 'right'?" in found[1].message

    def test_undefined_concept_suggests(self, tmp_path: Path) -> None:
        """A comparison naming an undefined concept says so and suggests the nearest."""
        [problem] = problems(write(tmp_path, "p.toml", GOOD_TOML.replace('right = "KPI"', 'right = "KPIs"')))
        assert "comparisons[0].right" == problem.path
        assert "did you mean 'kpi'?" in problem.message
        assert "define it under 'concepts'" in problem.message

    def test_duplicate_pair_in_pack(self, tmp_path: Path) -> None:
        """The same pair twice (in either order) is a problem."""
        extra = GOOD_TOML.split("[[comparisons]]", 1)[1]
        extra = extra.replace('left = "okr"\nright = "KPI"', 'left = "kpi"\nright = "okr"')
        [problem] = problems(write(tmp_path, "p.toml", GOOD_TOML + "\n[[comparisons]]" + extra))
        assert "comparisons[1]" == problem.path
        assert "already registered" in problem.message

    def test_duplicate_pair_with_registry(self, tmp_path: Path) -> None:
        """A pair that the registry already holds is a problem."""
        registry = Registry()
        registry.load(write(tmp_path, "a.toml", GOOD_TOML))
        [problem] = problems(write(tmp_path, "b.toml", GOOD_TOML), registry)
        assert "comparisons[0]" == problem.path

    def test_colliding_aliases(self, tmp_path: Path) -> None:
        """An alias that belongs to another concept names both concepts."""
        text = GOOD_TOML.replace('definition = "A number that tracks performance."',
                                 'definition = "A number that tracks performance."\naliases = ["okrs"]')
        found = problems(write(tmp_path, "p.toml", text))
        assert "concepts[1]" == found[0].path
        assert "already belongs to concept 'okr'" in found[0].message

    def test_nan_and_infinity(self, tmp_path: Path) -> None:
        """NaN and infinity are reported as such, in TOML and in JSON."""
        toml_problem = problems(write(tmp_path, "p.toml", GOOD_TOML.replace('right = "Ongoing."', "right = nan")))[0]
        assert "NaN or infinity" in toml_problem.message
        text = '{"concepts": [{"name": "OKR", "definition": NaN}, {"name": "KPI", "definition": -Infinity}]}'
        json_problems = problems(write(tmp_path, "p.json", text))
        assert ["concepts[0].definition", "concepts[1].definition"] == [p.path for p in json_problems]
        assert "NaN, which is not a number JSON allows" in json_problems[0].message

    def test_file_over_the_size_limit_is_not_read(self, tmp_path: Path) -> None:
        """A file larger than MAX_FILE_BYTES is refused before it is parsed."""
        path = tmp_path / "huge.json"
        with path.open("wb") as file:
            file.truncate(MAX_FILE_BYTES + 1)
        [problem] = problems(path)
        assert f"at most {MAX_FILE_BYTES:,} bytes" in problem.message

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_absurd_nesting_does_not_crash(self, tmp_path: Path, suffix: str) -> None:
        """Nesting deep enough to exhaust the parser's stack is a problem, not a crash."""
        depth = 100_000
        text = "[" * depth + "]" * depth if suffix == ".json" else "x = " + "[" * depth + "]" * depth
        [problem] = problems(write(tmp_path, "deep" + suffix, text))
        assert "nest" in problem.message

    def test_nesting_deeper_than_any_valid_pack(self, tmp_path: Path) -> None:
        """Lists deeper than a valid pack can nest are refused by depth."""
        text = json.dumps({"concepts": [{"name": "x", "definition": [[["deep"]]]}]})
        [problem] = problems(write(tmp_path, "p.json", text))
        assert f"no valid pack nests more than {MAX_DEPTH}" in problem.message

    def test_every_problem_at_once(self, tmp_path: Path) -> None:
        """All problems in a pack are reported together, across files."""
        write(tmp_path, "pack/a.toml", GOOD_TOML.replace('right = "Ongoing."', "right = 3").replace(
            'aspect = "Purpose"', 'aspect = ""'))
        write(tmp_path, "pack/b.json", '{"concepts": [{"name": "Z"}], "extra": 1}')
        found = problems(tmp_path / "pack")
        assert 4 == len(found)
        assert {"a.toml", "b.json"} == {Path(p.file or "").name for p in found}

    def test_values_are_quoted_safely(self, tmp_path: Path) -> None:
        """Control characters in a bad value are escaped in the message, never raw."""
        text = json.dumps({"concepts": [{"name": "x", "definition": "y", "aliases": "\x1b[2J\u202e" + "A" * 100}]})
        [problem] = problems(write(tmp_path, "p.json", text))
        assert "\x1b" not in problem.message
        assert "\u202e" not in problem.message
        assert "\\x1b[2J\\u202e" in problem.message
        assert "…" in problem.message

    def test_empty_document(self, tmp_path: Path) -> None:
        """A file with no concepts, comparisons or lineups is a problem."""
        [problem] = problems(write(tmp_path, "empty.toml", ""))
        assert "expected 'concepts', 'comparisons' or 'lineups'" in problem.message

    def test_missing_path(self, tmp_path: Path) -> None:
        """A path that does not exist is a problem, not an OSError."""
        [problem] = problems(tmp_path / "nope.toml")
        assert "no such file or folder" == problem.message

    def test_wrong_suffix(self, tmp_path: Path) -> None:
        """Only .toml and .json files are packs."""
        [problem] = problems(write(tmp_path, "pack.yaml", "a: 1"))
        assert "expected a .toml or .json file" == problem.message

    def test_data_error_message_lists_every_problem(self, tmp_path: Path) -> None:
        """str(DataError) counts the problems and lists each on its own line."""
        with pytest.raises(DataError) as caught:
            Registry().load(write(tmp_path, "p.json", '{"concepts": [1, 2]}'))
        lines = str(caught.value).splitlines()
        assert "2 problems in data pack:" == lines[0]
        assert 3 == len(lines)
        assert isinstance(caught.value, ValueError)


class TestAllOrNothing:
    def test_one_bad_entry_adds_nothing(self, tmp_path: Path) -> None:
        """A pack with one bad comparison adds none of its good concepts either."""
        registry = Registry()
        bad = GOOD_TOML + '\n[[comparisons]]\nleft = "okr"\nright = "nowhere"\n' \
              '[[comparisons.differences]]\naspect = "A"\nleft = "b."\nright = "c."\n'
        with pytest.raises(DataError):
            registry.load(write(tmp_path, "p.toml", bad))
        assert ((), 0) == (registry.concepts(), len(registry))


def _corrupt(doc: dict[str, Any], how: str, value: Any) -> None:
    comparison = doc["comparisons"][0]
    row = comparison["differences"][0]
    if how == "wrong type":
        row["right"] = value
    elif how == "missing field":
        del row["aspect"]
    elif how == "unknown field":
        comparison["sumary"] = "x"
    elif how == "unknown concept":
        comparison["right"] = "no-such-concept-anywhere"
    elif how == "repeated aspect":
        comparison["differences"].append(dict(row))
    elif how == "blank statement":
        row["left"] = "   "
    elif how == "bad slug":
        doc["concepts"][0]["slug"] = "Not Kebab"


class TestProperties:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(comparisons())
    def test_any_valid_pack_written_as_json_loads_back_equal(self, tmp_path: Path, comparison: Comparison) -> None:
        """A generated pack written as JSON loads back to equal objects."""
        path = write(tmp_path, "pack.json", json.dumps(document(comparison)))
        registry = Registry()
        assert (comparison,) == registry.load(path)
        assert (comparison.left, comparison.right) == (registry.concept(comparison.left.slug),
                                                       registry.concept(comparison.right.slug))

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(
        comparisons(),
        st.sampled_from(["wrong type", "missing field", "unknown field", "unknown concept", "repeated aspect",
                         "blank statement", "bad slug"]),
        st.one_of(st.integers(), st.floats(), st.booleans(), st.lists(st.text(), max_size=2)),
    )
    def test_one_corrupted_entry_leaves_the_registry_unchanged(
        self, tmp_path: Path, comparison: Comparison, how: str, value: Any
    ) -> None:
        """However one entry is corrupted, load raises DataError and the registry is as it was."""
        registry = pmcompare.registry().copy()
        before = (list(registry), registry.concepts())
        doc = document(comparison)
        _corrupt(doc, how, value)
        path = write(tmp_path, "pack.json", json.dumps(doc))
        with pytest.raises(DataError) as caught:
            registry.load(path)
        assert caught.value.problems
        assert before == (list(registry), registry.concepts())


class TestPackFiles:
    def test_the_files_load_reads_in_its_order(self, tmp_path: Path) -> None:
        """pack_files lists what load reads: .toml/.json files by path, hidden and _private ones left out."""
        from pmcompare.packs import pack_files

        for name in ("b.toml", "a.json", "sub/c.toml", "notes.txt", "_draft.toml", ".hidden/d.toml"):
            write(tmp_path, name, "")
        assert ["a.json", "b.toml", "sub/c.toml"] == [p.relative_to(tmp_path).as_posix() for p in pack_files(tmp_path)]
        assert [tmp_path / "b.toml"] == pack_files(tmp_path / "b.toml")


class TestDocumentedExample:
    def test_the_example_in_the_format_docs_loads(self, tmp_path: Path) -> None:
        """The complete example on the data-pack format page is a valid pack."""
        import re

        page = (Path(__file__).resolve().parent.parent / "docs/pack-format.md").read_text(encoding="utf-8")
        example = re.search(r"```toml\n(.*?)```", page, flags=re.DOTALL)
        assert example is not None
        registry = Registry()
        [comparison] = registry.load(write(tmp_path, "okrs.toml", example.group(1)))
        assert "okr-vs-v2mom" == comparison.slug
        assert ("Scope", "Format") == comparison.aspects


# -- duplicate keys in JSON ------------------------------------------------
#
# Repeated keys are found by the parser's object_pairs_hook, each reported at
# the line of the repeat, however the text is spaced or escaped.

_OKR = '{"name": "OKR", "definition": "a."}'
_ROW = '{"aspect": "Purpose", "left": "Goals.", "right": "Health."}'


def _pack_with(concepts: str = _OKR, comparison: str = "") -> str:
    """A JSON pack, otherwise plainly right: ``concepts`` then KPI, and one comparison with ``comparison`` added."""
    return (
        '{"concepts": [' + concepts + ', {"name": "KPI", "definition": "b."}],\n'
        ' "comparisons": [{"left": "okr", "right": "kpi", "differences": [' + _ROW + "]" + comparison + "}]}"
    )


class _Pairs:
    """A JSON object as its list of members, in which a key may repeat."""

    def __init__(self, items: list[tuple[str, Any]]) -> None:
        self.items = items


def _as_pairs(node: Any) -> Any:
    if isinstance(node, dict):
        return _Pairs([(k, _as_pairs(v)) for k, v in node.items()])
    if isinstance(node, list):
        return [_as_pairs(v) for v in node]
    return node


def _objects(node: Any) -> list[_Pairs]:
    """Every object in a tree of lists and ``_Pairs``."""
    if isinstance(node, _Pairs):
        return [node, *(found for _, v in node.items for found in _objects(v))]
    if isinstance(node, list):
        return [found for v in node for found in _objects(v)]
    return []


def _dumps_pairs(node: Any, spacing: str, ensure_ascii: bool) -> str:
    """JSON text for a tree of lists and ``_Pairs``, with ``spacing`` around every colon and comma."""
    comma = "," + spacing
    if isinstance(node, _Pairs):
        members = [
            json.dumps(k, ensure_ascii=ensure_ascii) + spacing + ":" + spacing + _dumps_pairs(v, spacing, ensure_ascii)
            for k, v in node.items
        ]
        return "{" + spacing + comma.join(members) + spacing + "}"
    if isinstance(node, list):
        return "[" + comma.join(_dumps_pairs(v, spacing, ensure_ascii) for v in node) + "]"
    return json.dumps(node, ensure_ascii=ensure_ascii)


class TestDuplicateJsonKeys:
    @pytest.mark.parametrize(
        ("concepts", "comparison", "line"),
        [
            pytest.param('{"name": "X", "definition": "a.",\n"name"\n\t :\r\n "OKR"}', "", 2, id="spaced oddly"),
            pytest.param(_OKR + ',\n{"name": "X", "definition": "b.", "definition"  :"c."}', "", 2,
                         id="in the second table"),
            pytest.param('{"name": "a\\":b", "definition": "x\\": \\"y\\"",\n"name": "OKR"}', "", 2,
                         id="quote-colon in strings"),
            pytest.param('{"name": "OKR", "definition": "ends in a backslash \\\\",\n"definition": "\\\\\\""}', "", 2,
                         id="escaped backslashes and quotes"),
            pytest.param('{"name": "OKR", "definition": "a\\\\", "aliases": [],\n"aliases": ["b\\\\"]}', "", 2,
                         id="strings ending in a backslash, and an empty list overwritten"),
            pytest.param('{"name": "X", "definition": "a.",\n"n\\u0061me": "OKR"}', "", 2,
                         id="a unicode escape spelling the key"),
            pytest.param('{"\\u006e\\u0061\\u006d\\u0065": "X", "definition": "a.",\n"name": "OKR"}', "", 2,
                         id="a key all in escapes"),
            pytest.param('{"name": "OKR", "definition": "a.", "name": "OKR"}', "", 1, id="the same value twice"),
            pytest.param(_OKR, ',\n "tags": ["x"], "tags": ["y"]', 3, id="a list overwritten"),
            pytest.param(_OKR, ', "sources": [{"title": "A", "title": "B"}]', 2, id="inside a nested table"),
            pytest.param(_OKR, ', "summary": {"a": "b", "c": ["d"]}, "summary": "s"', 2, id="a table overwritten"),
        ],
    )
    def test_duplicate_key_in_an_otherwise_plain_pack(
        self, tmp_path: Path, concepts: str, comparison: str, line: int | None
    ) -> None:
        """A repeated key is found, with its line, wherever the repeat, however written, whatever it overwrote."""
        [problem] = problems(write(tmp_path, "dup.json", _pack_with(concepts, comparison)))
        assert "duplicate key" in problem.message
        assert line == problem.line

    def test_duplicate_key_inside_a_row(self, tmp_path: Path) -> None:
        """A row with three keys, one written twice over a fourth, is not taken for a row of three."""
        text = _pack_with().replace('"right": "Health."', '"right": "Health.", "left": "Goals."')
        [problem] = problems(write(tmp_path, "dup.json", text))
        assert 'duplicate key "left": each key may appear once in an object' == problem.message

    def test_duplicate_top_level_key(self, tmp_path: Path) -> None:
        """A whole list of entries overwritten by a second "concepts" is found."""
        first = '{"concepts": [{"name": "X", "definition": "y."}],\n"concepts": ['
        text = _pack_with().replace('{"concepts": [', first)
        [problem] = problems(write(tmp_path, "dup.json", text))
        assert 'duplicate key "concepts"' in problem.message

    def test_backslashes_before_quotes_load(self, tmp_path: Path) -> None:
        """Strings ending in backslashes and escaped quotes are read as written."""
        text = _pack_with('{"name": "OKR", "definition": "a \\\\", "aliases": ["\\\\\\"b\\\\"]}')
        registry = Registry()
        registry.load(write(tmp_path, "p.json", text))
        assert ("a \\", ('\\"b\\',)) == (registry.concept("okr").definition, registry.concept("okr").aliases)

    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(comparisons(), st.data())
    def test_any_repeated_key_is_found(self, tmp_path: Path, comparison: Comparison, data: st.DataObject) -> None:
        """A key repeated in any object of a generated pack, before the one that counts, is always found.

        The repeat comes first, so that the document parsed is exactly the
        pack without it, plainly right: only the count can tell. Its value is
        a string, a list or a table; the text is written with any spacing,
        with or without escapes for non-ASCII.
        """
        tree = _as_pairs(document(comparison))
        repeat = data.draw(st.booleans())
        if repeat:
            target = data.draw(st.sampled_from(_objects(tree)))
            name = data.draw(st.sampled_from([k for k, _ in target.items]))
            first = [k for k, _ in target.items].index(name)
            value = data.draw(st.one_of(st.text(), st.lists(st.text(), max_size=2), st.just(_Pairs([("a", '"\\')]))))
            target.items.insert(data.draw(st.integers(0, first)), (name, value))
        spacing = data.draw(st.sampled_from(["", " ", "\n", " \t\r\n "]))
        path = write(tmp_path, "pack.json", _dumps_pairs(tree, spacing, data.draw(st.booleans())))
        if repeat:
            assert any("duplicate key" in p.message for p in problems(path))
        else:
            assert (comparison,) == Registry().load(path)


# -- hardening (issue 12): every bad file is a located problem, found quickly ---


def _loads_within(seconds: float, path: Path) -> list[Problem]:
    """The problems of the pack at ``path``, failing if finding them takes longer than ``seconds``."""
    import threading
    import time

    found: list[Problem] = []
    start = time.perf_counter()
    worker = threading.Thread(target=lambda: found.extend(problems(path)), daemon=True)
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), f"still reading {path} after {seconds} s"
    assert time.perf_counter() - start < seconds
    return found


class TestErrorsStayInTheReport:
    def test_huge_toml_integer_is_a_located_problem(self, tmp_path: Path) -> None:
        """An integer of 5,000 digits in TOML is a problem naming the file and line, not a raw ValueError."""
        [problem] = problems(write(tmp_path, "big.toml", GOOD_TOML + "\n[extra]\nx = " + "1" * 5000 + "\n"))
        assert (str(tmp_path / "big.toml"), 30) == (problem.file, problem.line)
        assert "integer of more than" in problem.message

    def test_huge_json_integer_is_a_located_problem(self, tmp_path: Path) -> None:
        """An integer of 5,000 digits in JSON is reported at its path and line, as what it is."""
        text = '{"concepts": [{"name": "A",\n"definition": ' + "1" * 5000 + "}]}"
        [problem] = problems(write(tmp_path, "big.json", text))
        assert (2, "concepts[0].definition") == (problem.line, problem.path)
        assert "expected a string, found an integer of 5,000 digits" == problem.message

    def test_broken_link_in_a_folder(self, tmp_path: Path) -> None:
        """A link to nothing is a problem naming the link; the rest of the pack is still checked."""
        write(tmp_path, "pack/good.toml", GOOD_TOML)
        (tmp_path / "pack/a.toml").symlink_to("/nonexistent")
        [problem] = problems(tmp_path / "pack")
        assert str(tmp_path / "pack/a.toml") == problem.file
        assert "a link to '/nonexistent', which does not exist" == problem.message

    def test_broken_link_given_as_the_pack(self, tmp_path: Path) -> None:
        """A broken link given as the pack itself is a problem, not a FileNotFoundError."""
        (tmp_path / "a.toml").symlink_to(tmp_path / "gone.toml")
        [problem] = problems(tmp_path / "a.toml")
        assert "which does not exist" in problem.message

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
    def test_fifo_is_refused_without_opening_it(self, tmp_path: Path) -> None:
        """A FIFO named like a pack file is refused at once: opening it would wait for a writer for ever."""
        (tmp_path / "pack").mkdir()
        os.mkfifo(tmp_path / "pack/a.toml")
        write(tmp_path, "pack/b.toml", GOOD_TOML)
        [problem] = _loads_within(10, tmp_path / "pack")
        assert "expected a regular file, found a FIFO" == problem.message
        [problem] = _loads_within(10, tmp_path / "pack/a.toml")
        assert "expected a regular file, found a FIFO" == problem.message

    def test_link_loop_reads_each_file_once(self, tmp_path: Path) -> None:
        """A link back up the tree reads no file twice: a valid pack loads, with no 'already registered'."""
        write(tmp_path, "pack/okrs.toml", GOOD_TOML)
        (tmp_path / "pack/self").symlink_to(".")
        (tmp_path / "pack/again.toml").symlink_to("okrs.toml")
        assert 1 == len(Registry().load(tmp_path / "pack"))
        from pmcompare.packs import pack_files

        assert [tmp_path / "pack/again.toml"] == pack_files(tmp_path / "pack")


class TestLinesInOnePass:
    @pytest.mark.parametrize(
        "text",
        [".".join(["a"] * 50_000) + " = 1\n", "[" + ".".join(["a"] * 100_000) + "]\n", '"a".' * 100 + '"a" = 1\n'],
        ids=["dotted key", "dotted header", "quoted parts"],
    )
    def test_a_key_of_thousands_of_parts_is_refused_at_once(self, tmp_path: Path, text: str) -> None:
        """tomllib takes quadratic time in a key's dotted parts: a key of more than 64 is refused before parsing."""
        [problem] = _loads_within(1, write(tmp_path, "p.toml", text))
        assert (1, "expected a key of at most 64 dotted parts, found more") == (problem.line, problem.message)

    def test_a_long_word_costs_one_pass(self, tmp_path: Path) -> None:
        """Looking for long keys does not rescan a long word from each of its letters."""
        text = '[[concepts]]\nname = "A"\ndefinition = "' + "a" * 200_000 + '"\nbogus = 1\n'
        [problem] = _loads_within(2, write(tmp_path, "p.toml", text))
        assert "concepts[0].bogus" == problem.path

    def test_long_runs_in_a_multiline_string(self, tmp_path: Path) -> None:
        """A multi-line string holding long runs of spaces and a bracket costs no more to locate than to read."""
        text = '[[concepts]]\nname = "OKR"\ndefinition = """' + " " * 4000 + "[" + " " * 4000 + '"""\nbogus = 1\n'
        [problem] = _loads_within(5, write(tmp_path, "p.toml", text))
        assert (4, "concepts[0].bogus") == (problem.line, problem.path)

    def test_many_problems_cost_one_pass(self, tmp_path: Path) -> None:
        """Four thousand entries with a problem each are located without reading the file again for each."""
        text = "".join(f'[[concepts]]\nname = "C{i}"\ndefinition = "d."\nbogus = 1\n' for i in range(4000))
        found = _loads_within(10, write(tmp_path, "p.toml", text))
        assert [4 * i + 4 for i in range(4000)] == [p.line for p in found]

    def test_separators_in_strings_are_not_line_breaks(self, tmp_path: Path) -> None:
        """U+2028 and U+0085 inside a string do not move the line of a problem after it."""
        text = '[[concepts]]\nname = "A"\ndefinition = "x\u2028y\u0085z"\n\n[[concepts]]\nname = "B"\ndefinition = 3\n'
        [problem] = problems(write(tmp_path, "p.toml", text))
        assert 7 == problem.line

    def test_a_header_inside_a_string_is_no_header(self, tmp_path: Path) -> None:
        """A '[[concepts]]' line inside a multi-line string does not count as a table."""
        text = ('[[concepts]]\nname = "A"\ndefinition = """\n[[concepts]]\n"""\n\n'
                '[[concepts]]\nname = "B"\ndefinition = 3\n')
        [problem] = problems(write(tmp_path, "p.toml", text))
        assert (9, "concepts[1].definition") == (problem.line, problem.path)

    def test_quoted_header_keys(self, tmp_path: Path) -> None:
        """A header with quoted keys ([['concepts']]) is located like a bare one."""
        [problem] = problems(write(tmp_path, "p.toml", "[['concepts']]\nname = 'A'\ndefinition = 3\n"))
        assert 3 == problem.line

    def test_repeated_json_key_at_its_own_line(self, tmp_path: Path) -> None:
        """A key repeated in the third object is reported there, not at its first repeat in the file."""
        text = ('{"concepts": [\n{"name": "A", "definition": "a."},\n{"name": "B", "definition": "b."},\n'
                '{"name": "C", "definition": "c.",\n"name": "D"}]}')
        [problem] = problems(write(tmp_path, "p.json", text))
        assert 5 == problem.line

    def test_json_problems_have_lines(self, tmp_path: Path) -> None:
        """A problem in a JSON pack names its line, as for TOML."""
        text = '{"concepts": [\n{"name": "A",\n "definition": 3}]}'
        [problem] = problems(write(tmp_path, "p.json", text))
        assert (3, "concepts[0].definition") == (problem.line, problem.path)


class TestNewFields:
    def test_summary_table_and_notes_and_source_author_year(self, tmp_path: Path) -> None:
        """A summary of two clauses, notes, and a source's author and year load from TOML."""
        text = GOOD_TOML.replace('summary = "OKRs set goals; KPIs track health."\n', 'notes = ["A caveat."]\n')
        text = text.replace('title = "Measure What Matters"',
                            'title = "Measure What Matters"\nauthor = "John Doerr"\nyear = 2018')
        text += '\n[comparisons.summary]\nleft = "OKRs set goals."\nright = "KPIs track health."\n'
        [comparison] = Registry().load(write(tmp_path, "p.toml", text))
        assert pmcompare.Summary("OKRs set goals.", "KPIs track health.") == comparison.summary
        assert ("A caveat.",) == comparison.notes
        assert pmcompare.Source("Measure What Matters", author="John Doerr", year=2018) == comparison.sources[0]

    def test_json_summary_as_an_object_or_a_string(self, tmp_path: Path) -> None:
        """In JSON, a summary is an object of left and right, or a string."""
        doc = json.loads(_pack_with())
        doc["comparisons"][0]["summary"] = {"left": "Goals.", "right": "Health."}
        [comparison] = Registry().load(write(tmp_path, "a.json", json.dumps(doc)))
        assert "Goals. Health." == str(comparison.summary)
        doc["comparisons"][0]["summary"] = "One line."
        [comparison] = Registry().load(write(tmp_path, "b.json", json.dumps(doc)))
        assert "One line." == comparison.summary

    @pytest.mark.parametrize(
        ("source", "path", "message"),
        [
            ('{"title": "T", "year": true}', ".year", "expected an integer year, found the boolean true"),
            ('{"title": "T", "year": 99}', ".year", "year must be from 1000 to 2100, not 99"),
            ('{"title": "T", "author": " "}', ".author", "author must not be blank"),
        ],
    )
    def test_bad_source_fields(self, tmp_path: Path, source: str, path: str, message: str) -> None:
        """A source's year must be an integer from 1000 to 2100, its author text."""
        [problem] = problems(write(tmp_path, "p.json", _pack_with(comparison=', "sources": [' + source + "]")))
        assert ("comparisons[0].sources[0]" + path, message) == (problem.path, problem.message)

    def test_summary_table_needs_both_clauses(self, tmp_path: Path) -> None:
        """A summary table without its right clause is reported at the summary."""
        [problem] = problems(write(tmp_path, "p.json", _pack_with(comparison=', "summary": {"left": "x"}')))
        assert ("comparisons[0].summary", "missing the required field 'right'") == (problem.path, problem.message)


class TestSchemaAndDocs:
    def test_the_schema_file_is_the_one_made_from_the_fields(self) -> None:
        """pack.schema.json is what the field description gives (else: run `make data`)."""
        from importlib.resources import files

        shipped = json.loads((files("pmcompare") / "pack.schema.json").read_text(encoding="utf-8"))
        assert pmcompare.pack_schema() == shipped

    def test_the_docs_field_table_is_the_one_made_from_the_fields(self) -> None:
        """The table of fields on the data-pack format page is what the field description gives."""
        from pmcompare.packs.fields import field_table

        page = (Path(__file__).resolve().parent.parent / "docs/pack-format.md").read_text(encoding="utf-8")
        assert field_table() in page

    def test_every_bundled_file_passes_the_schema(self) -> None:
        """The schema accepts the bundled data."""
        import tomllib

        import jsonschema

        from pmcompare._default import bundled_data

        for path in sorted(Path(str(bundled_data())).rglob("*.toml")):
            jsonschema.validate(tomllib.loads(path.read_text(encoding="utf-8")), pmcompare.pack_schema())


class TestOnlyDataError:
    @settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=200)
    @given(st.sampled_from([".toml", ".json"]), st.one_of(st.binary(max_size=200), st.text(max_size=200).map(
        lambda t: t.encode("utf-8", "surrogatepass"))), st.sampled_from(["", GOOD_TOML, _pack_with()]))
    def test_any_bytes_load_or_give_a_data_error(self, tmp_path: Path, suffix: str, noise: bytes, base: str) -> None:
        """Whatever a file holds, loading it adds it or raises DataError, never anything else."""
        data = base.encode("utf-8")
        cut = len(data) // 2
        path = write(tmp_path, "p" + suffix, data[:cut] + noise + data[cut:])
        with contextlib.suppress(DataError):
            Registry().load(path)
