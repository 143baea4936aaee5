"""Quick measure of pack loading: a 10,000-comparison pack, Registry.load against the bare parsers.

JSON is timed against json.loads with the same duplicate-key hook, TOML
against tomllib.loads; the goals are at most 5x and 1.5x. Run:
``.venv/bin/python benchmarks/pack_load.py [folder for the generated packs]``.
"""

from __future__ import annotations

import itertools
import json
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pmcompare import Registry

N = 10_000


def document() -> dict[str, Any]:
    """A pack of 200 concepts and 10,000 comparisons of six rows each, with every kind of field."""
    concepts = [
        {"slug": f"concept-{i}", "name": f"Concept {i}", "definition": f"The concept number {i}.", "aliases": [f"C{i}"]}
        for i in range(200)
    ]
    comparisons = [
        {
            "left": f"concept-{a}",
            "right": f"concept-{b}",
            "summary": {"left": f"Concept {a} does one thing, case {n}.", "right": f"Concept {b} does another."},
            "tags": ["roles", "process"],
            "similarities": ["Both are things that teams care about."],
            "sources": [{"title": "A Book", "url": "https://example.com/book", "author": "A. Writer", "year": 2020}],
            "differences": [
                {"aspect": f"Aspect {k}", "left": f"Left statement {k} of comparison {n}.",
                 "right": f"Right statement {k} of comparison {n}."}
                for k in range(6)
            ],
        }
        for n, (a, b) in enumerate(itertools.islice(itertools.combinations(range(200), 2), N))
    ]
    return {"concepts": concepts, "comparisons": comparisons}


def toml_text(doc: dict[str, Any]) -> str:
    """The same pack as hand-written TOML: a header per table, one key per line."""
    q = json.dumps
    lines: list[str] = []
    for c in doc["concepts"]:
        lines += ["[[concepts]]", *(f"{k} = {q(v)}" for k, v in c.items()), ""]
    for c in doc["comparisons"]:
        lines += ["[[comparisons]]", *(f"{k} = {q(c[k])}" for k in ("left", "right", "tags", "similarities")), ""]
        lines += ["[comparisons.summary]", *(f"{k} = {q(v)}" for k, v in c["summary"].items()), ""]
        for table in ("sources", "differences"):
            for item in c[table]:
                lines += [f"[[comparisons.{table}]]", *(f"{k} = {q(v)}" for k, v in item.items()), ""]
    return "\n".join(lines)


def best(run: Callable[[], object], times: int = 3) -> float:
    found = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return min(found)


def hook(items: list[tuple[str, Any]]) -> dict[str, Any]:
    table = dict(items)
    if len(table) != len(items):
        raise ValueError("duplicate key")
    return table


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp())
    doc = document()
    json_path, toml_path = folder / "big.json", folder / "big.toml"
    json_path.write_text(json.dumps(doc, indent=1), encoding="utf-8")
    toml_path.write_text(toml_text(doc), encoding="utf-8")
    parse_json = best(lambda: json.loads(json_path.read_text(encoding="utf-8"), object_pairs_hook=hook))
    load_json = best(lambda: Registry().load(json_path))
    parse_toml = best(lambda: tomllib.loads(toml_path.read_text(encoding="utf-8")), 2)
    load_toml = best(lambda: Registry().load(toml_path), 2)
    print(f"JSON: json.loads with the hook {parse_json * 1000:.0f} ms, Registry.load {load_json * 1000:.0f} ms, "
          f"{load_json / parse_json:.2f}x (goal 5x)")
    print(f"TOML: tomllib.loads {parse_toml * 1000:.0f} ms, Registry.load {load_toml * 1000:.0f} ms, "
          f"{load_toml / parse_toml:.2f}x (goal 1.5x)")


if __name__ == "__main__":
    main()
