"""The side-by-side benchmark: pmcompare against the tools a user would otherwise reach for.

Run it from the repository root, with the ``bench`` dependency group installed
(``pip install pandas tabulate prettytable rich wcwidth``, or ``pip install
--group bench .`` with pip 25.1 or later)::

    .venv/bin/python benchmarks/bench.py            # the full run: about 8 minutes on 2 cores
    .venv/bin/python benchmarks/bench.py --quick    # tiny sizes, 2 repeats: a few seconds

In one run, on one machine and on the same data, it measures pmcompare and a
baseline for each task and prints Markdown tables of medians and of the
ratios between them, then every goal of issue 6 with its measured ratio, its
target and a pass or fail mark. A missed goal is printed, never an error:
the exit status is 0 whenever the benchmark ran. Peers that are not
installed are left out with a note.

How it measures:

- Whole processes (import, ``pmcompare show``, default registry) run the
  venv's interpreter, ``sys.executable``, many times, the candidates taking
  turns so that a busy machine slows them alike; medians of wall time. The
  console script ``pmcompare`` next to the interpreter is what ``show``
  runs (``python -m pmcompare`` when there is none). Every process gets a
  fresh bytecode cache folder (``PYTHONPYCACHEPREFIX``), written by a first
  unmeasured run, and ``PYTHONDONTWRITEBYTECODE`` removed: an installed
  wheel has its bytecode, and without this a source checkout would compile
  pmcompare on every run while attrs and tabulate load compiled code.
- In-process timings take the median over repeats of samples long enough to
  time (the call is looped in a sample when it is short), with the garbage
  collector off during a sample, as :mod:`timeit` does; candidates take
  turns within each repeat.
- Rendering: one comparison whose rows are its differences, three columns
  (aspect, left, right) of 60 to 150 character sentences, with now and then
  ``e.g.``, ``R&D``, ``B2B/B2C`` or ``50%`` in them. pmcompare renders the
  table alone (``title``, ``summary`` and ``definitions`` off; ``json``
  takes no options and writes the whole comparison); ``text`` is drawn in the
  ``grid`` style at width 130, the width tabulate's ``maxcolwidths=40``
  reaches. The peers get the same header and rows; tabulate with
  ``disable_numparse=True`` (the cells are text), pandas from a DataFrame
  built beforehand, prettytable and rich building their table in the timed
  call, rich printing to a 130-column string console. rich is skipped at
  the largest size (about 30 s a run); ``--rich-large`` measures it too.
- Packs: one generated file per pack (a glossary of concepts and the
  comparisons, six differences each, as the bundled data has), in TOML and
  in JSON, loaded with ``Registry().load`` against ``json.load`` or
  ``tomllib.load`` alone on the same file.
- Memory: in a fresh process, the tracemalloc peak while a
  ``Registry().load`` reads the 10,000-comparison JSON pack, against the
  peak of ``json.load`` alone on the same file; what stays allocated
  afterwards is shown beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import html
import io
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pmcompare
from pmcompare import Comparison, Concept, Difference, Registry

# -- settings -------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """How much to measure: the sizes and how often."""

    quick: bool
    process_runs: int
    show_runs: int
    render_sizes: tuple[int, int, int]  # small, the goals' "1,000", the goals' "100,000"
    render_repeats: tuple[int, int, int]
    pack_sizes: tuple[int, int]  # the goals' "1,000" and "10,000"
    pack_repeats: tuple[int, int]
    lookups: int
    lookup_repeats: int
    min_sample: float  # seconds: a short call is looped until a sample lasts this long
    rich_large: bool


FULL = Settings(
    quick=False,
    process_runs=30,
    show_runs=20,
    render_sizes=(10, 1_000, 100_000),
    render_repeats=(15, 9, 3),
    pack_sizes=(1_000, 10_000),
    pack_repeats=(7, 3),
    lookups=10_000,
    lookup_repeats=9,
    min_sample=0.02,
    rich_large=False,
)
QUICK = Settings(
    quick=True,
    process_runs=1,
    show_runs=1,
    render_sizes=(3, 10, 100),
    render_repeats=(2, 2, 2),
    pack_sizes=(10, 40),
    pack_repeats=(2, 2),
    lookups=200,
    lookup_repeats=2,
    min_sample=0.0,
    rich_large=True,
)


def log(message: str) -> None:
    """Progress, on stderr, so that stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


# -- results --------------------------------------------------------------


@dataclass
class Row:
    """One measured thing, its median, and how it compares with its baseline."""

    name: str
    median: float
    unit: str  # "ms", "MiB" or "/s"
    baseline: str = ""
    baseline_median: float | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline_median is None or not self.baseline_median:
            return None
        return self.median / self.baseline_median


@dataclass
class Goal:
    """A goal of issue 6: a measured ratio against a target (at most, or at least)."""

    text: str
    measured: float | None
    target: float
    at_least: bool = False
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.measured is None:
            return None
        return self.measured >= self.target if self.at_least else self.measured <= self.target


@dataclass
class Report:
    """Every section's rows and every goal, printed as Markdown at the end."""

    sections: dict[str, list[Row]] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    goals: list[Goal] = field(default_factory=list)

    def add(self, section: str, row: Row) -> Row:
        self.sections.setdefault(section, []).append(row)
        return row

    def note(self, section: str, text: str) -> None:
        self.notes.setdefault(section, []).append(text)

    def markdown(self) -> str:
        out: list[str] = []
        for section, rows in self.sections.items():
            out += [f"### {section}", ""]
            out += ["| measurement | median | baseline | baseline median | ratio |",
                    "| --- | ---: | --- | ---: | ---: |"]
            for row in rows:
                base = "" if row.baseline_median is None else _number(row.baseline_median, row.unit)
                ratio = "" if row.ratio is None else f"{row.ratio:.2f}x"
                name = f"{row.name} ({row.note})" if row.note else row.name
                out.append(f"| {name} | {_number(row.median, row.unit)} | {row.baseline} | {base} | {ratio} |")
            out += [f"\n{text}" for text in self.notes.get(section, [])]
            out.append("")
        for section, texts in self.notes.items():
            if section not in self.sections:
                out += [f"### {section}", "", *texts, ""]
        out += ["### Goals (issue 6)", ""]
        out += ["| goal | measured | target | result |", "| --- | ---: | ---: | --- |"]
        for goal in self.goals:
            measured = "n/a" if goal.measured is None else f"{goal.measured:.2f}x"
            target = f"{'≥' if goal.at_least else '≤'} {goal.target:g}x"
            mark = {True: "✅ pass", False: "❌ FAIL", None: "– not measured"}[goal.passed]
            text = f"{goal.text} ({goal.note})" if goal.note else goal.text
            out.append(f"| {text} | {measured} | {target} | {mark} |")
        return "\n".join(out) + "\n"


def _number(value: float, unit: str) -> str:
    if unit == "ms":
        ms = value * 1000
        return f"{ms:,.3f} ms" if ms < 1 else f"{ms:,.1f} ms" if ms < 1000 else f"{ms:,.0f} ms"
    if unit == "MiB":
        return f"{value / 2**20:,.1f} MiB"
    return f"{value:,.0f}{unit}"


# -- timing ---------------------------------------------------------------


def sample(fn: Callable[[], object], loops: int) -> float:
    """Seconds per call of ``fn``, over ``loops`` calls with the garbage collector off."""
    gc.collect()
    enabled = gc.isenabled()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        return (time.perf_counter() - start) / loops
    finally:
        if enabled:
            gc.enable()


def loops_for(fn: Callable[[], object], min_sample: float) -> int:
    """How many calls make a sample of at least ``min_sample`` seconds (at least one)."""
    loops = 1
    while True:
        if sample(fn, loops) * loops >= min_sample or loops >= 1 << 20:
            return loops
        loops *= 4


SLOW = 1.0
"""Seconds: a first call this long counts as a run rather than a warm-up."""
VERY_SLOW = 10.0
"""Seconds: a call this long is run at most twice (tabulate wrapping 100,000 rows takes about a minute)."""


def race(candidates: dict[str, Callable[[], object]], repeats: int, min_sample: float) -> dict[str, float]:
    """Median seconds per call of each candidate; the candidates take turns in every repeat.

    Each candidate is called once first, to warm up and to find how many calls
    make a sample; a first call of over :data:`SLOW` seconds is kept as a run.
    """
    times: dict[str, list[float]] = {name: [] for name in candidates}
    loops: dict[str, int] = {}
    for name, fn in candidates.items():
        first = sample(fn, 1)
        loops[name] = 1 if first >= min_sample else loops_for(fn, min_sample)
        if first >= SLOW:
            times[name].append(first)
    for _ in range(repeats):
        for name, fn in candidates.items():
            very_slow = bool(times[name]) and times[name][0] >= VERY_SLOW
            enough = min(repeats, 2) if very_slow else repeats
            if len(times[name]) < enough:
                times[name].append(sample(fn, loops[name]))
    return {name: statistics.median(values) for name, values in times.items()}


@contextlib.contextmanager
def process_env() -> Iterator[dict[str, str]]:
    """An environment whose processes cache bytecode in a fresh folder of their own."""
    with tempfile.TemporaryDirectory(prefix="pmcompare-bench-pyc-") as cache:
        env = dict(os.environ)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = cache
        yield env


def race_processes(commands: dict[str, list[str]], runs: int, env: dict[str, str]) -> dict[str, float]:
    """Median wall seconds of each command as a whole process; one unmeasured run first."""
    for argv in commands.values():
        subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


# -- data -----------------------------------------------------------------

_WORDS = (
    "the", "team", "product", "customer", "value", "outcome", "metric", "strategy", "backlog", "release",
    "market", "user", "research", "goal", "feature", "discovery", "delivery", "insight", "quarter", "budget",
    "risk", "plan", "stakeholder", "decision", "roadmap", "vision", "problem", "solution", "launch", "growth",
    "retention", "revenue", "experiment", "hypothesis", "priority", "scope", "owner", "sprint", "epic",
    "story", "estimate", "dependency", "launch", "support", "sales", "design", "engineering", "data",
    "evidence", "and", "with", "for", "over", "from", "into", "each", "every", "often", "rarely", "usually",
    "mostly", "early", "later", "across", "within",
)
_EXTRAS = ("e.g.", "R&D", "B2B/B2C", "50%", "(OKRs)", "north-star", "it's")


def sentence(rng: random.Random, low: int = 60, high: int = 150) -> str:
    """A sentence of ``low`` to ``high`` characters, ending in a full stop."""
    target = rng.randint(low, high)
    words = [rng.choice(_WORDS).capitalize()]
    length = len(words[0])
    while length < target - 1:
        word = rng.choice(_EXTRAS) if rng.random() < 0.02 else rng.choice(_WORDS)
        if rng.random() < 0.08:
            word += ","
        words.append(word)
        length += len(word) + 1
    text = " ".join(words).rstrip(",")
    while len(text) + 1 > high:
        text = text.rsplit(" ", 1)[0].rstrip(",")
    return text + "."


def table_rows(count: int, seed: int = 6) -> list[tuple[str, str, str]]:
    """``count`` rows of three sentences; the first cells differ from each other."""
    rng = random.Random(seed)
    return [(f"Aspect {i + 1} " + sentence(rng, 50, 140), sentence(rng), sentence(rng)) for i in range(count)]


LEFT = Concept("Product Strategy", "The plan for making a product succeed.", slug="product-strategy")
RIGHT = Concept("Product Management", "The work of looking after a product.", slug="product-management")


def comparison_of(rows: list[tuple[str, str, str]]) -> Comparison:
    """A comparison whose differences are ``rows``."""
    return Comparison(LEFT, RIGHT, [Difference(*row) for row in rows], summary="A generated comparison.")


def pack_document(comparisons: int, seed: int = 10) -> dict[str, Any]:
    """A pack of ``comparisons`` comparisons over a shared glossary, as the bundled data is made."""
    rng = random.Random(seed)
    size = 2
    while size * (size - 1) // 2 < comparisons:
        size += 1
    concepts = [
        {
            "slug": f"concept-{i}",
            "name": f"Concept {i}",
            "definition": sentence(rng, 100, 250),
            "aliases": [f"Idea {i}"],
        }
        for i in range(size)
    ]
    pairs = ((a, b) for a in range(size) for b in range(a + 1, size))
    entries = []
    for _, (a, b) in zip(range(comparisons), pairs):
        entries.append(
            {
                "left": f"concept-{a}",
                "right": f"concept-{b}",
                "summary": sentence(rng),
                "tags": ["generated", "roles"],
                "similarities": [sentence(rng)],
                "sources": [{"title": "A generated book (2024)", "url": "https://example.com/book"}],
                "differences": [
                    {"aspect": f"Aspect {k}", "left": sentence(rng), "right": sentence(rng)} for k in range(6)
                ],
            }
        )
    return {"concepts": concepts, "comparisons": entries}


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # a JSON string of ASCII text is a TOML basic string


def to_toml(document: dict[str, Any]) -> str:
    """The pack as hand-written TOML: arrays of tables, as the bundled files are."""
    out: list[str] = []

    def table(header: str, entry: dict[str, Any]) -> None:
        out.append(f"\n[[{header}]]")
        nested = []
        for name, value in entry.items():
            if isinstance(value, list) and value and isinstance(value[0], dict):
                nested.append((name, value))
            elif isinstance(value, list):
                out.append(f"{name} = [{', '.join(map(_toml_string, value))}]")
            else:
                out.append(f"{name} = {_toml_string(value)}")
        for name, items in nested:
            for item in items:
                table(f"{header}.{name}", item)

    for name in ("concepts", "comparisons"):
        for entry in document[name]:
            table(name, entry)
    return "\n".join(out) + "\n"


# -- sections -------------------------------------------------------------

SECTION_IMPORT = "Import (whole process)"
SECTION_SHOW = "`pmcompare show` end to end (whole process)"
SECTION_REGISTRY = "Default registry build"
SECTION_PACKS = "Loading generated packs"
SECTION_LOOKUPS = "Lookups"
SECTION_MEMORY = "Memory (tracemalloc, fresh process)"


def section_import(report: Report, settings: Settings, env: dict[str, str]) -> None:
    log("import ...")
    python = sys.executable
    times = race_processes(
        {
            "pass": [python, "-c", "pass"],
            "attrs": [python, "-c", "import attrs"],
            "pmcompare": [python, "-c", "import pmcompare"],
        },
        settings.process_runs,
        env,
    )
    report.add(SECTION_IMPORT, Row('python -c "pass"', times["pass"], "ms"))
    report.add(SECTION_IMPORT, Row('python -c "import attrs"', times["attrs"], "ms", "pass", times["pass"]))
    row = report.add(
        SECTION_IMPORT, Row('python -c "import pmcompare"', times["pmcompare"], "ms", "import attrs", times["attrs"])
    )
    report.add(
        SECTION_IMPORT,
        Row("import pmcompare, less the bare interpreter", times["pmcompare"] - times["pass"], "ms",
            "import attrs, less the bare interpreter", times["attrs"] - times["pass"]),
    )
    report.goals.append(Goal("`import pmcompare` vs `python -c \"import attrs\"`", row.ratio, 1.2))
    report.note(SECTION_IMPORT, f"{settings.process_runs} runs each, taking turns; median wall time.")


def _show_command() -> tuple[list[str], str]:
    script = Path(sys.executable).with_name("pmcompare")
    argv = ["show", "product strategy", "product management"]
    if script.exists():
        return [str(script), *argv], "the console script `pmcompare`"
    return [sys.executable, "-m", "pmcompare", *argv], "`python -m pmcompare`"


def section_show(report: Report, settings: Settings, env: dict[str, str]) -> None:
    log("show ...")
    command, how = _show_command()
    python = sys.executable
    times = race_processes(
        {
            "show": command,
            "base": [python, "-c", "import attrs, tabulate, tomllib"],
            "pass": [python, "-c", "pass"],
        },
        settings.show_runs,
        env,
    )
    report.add(SECTION_SHOW, Row('python -c "pass"', times["pass"], "ms"))
    report.add(
        SECTION_SHOW,
        Row('python -c "import attrs, tabulate, tomllib"', times["base"], "ms", "pass", times["pass"]),
    )
    row = report.add(
        SECTION_SHOW,
        Row('pmcompare show "product strategy" "product management"', times["show"], "ms",
            "import attrs, tabulate, tomllib", times["base"]),
    )
    report.goals.append(Goal("`pmcompare show` vs `python -c \"import attrs, tabulate, tomllib\"`", row.ratio, 1.3))
    report.note(SECTION_SHOW, f"Run as {how}, output to a pipe (so 100 columns); {settings.show_runs} runs each.")


def section_registry(report: Report, settings: Settings, env: dict[str, str]) -> None:
    log("default registry ...")
    from importlib.resources import as_file

    from pmcompare import packs

    python = sys.executable
    runs = settings.process_runs
    times = race_processes(
        {
            "import": [python, "-c", "import pmcompare"],
            "registry": [python, "-c", "import pmcompare; pmcompare.registry()"],
        },
        runs,
        env,
    )
    report.add(
        SECTION_REGISTRY,
        Row('python -c "import pmcompare; pmcompare.registry()"', times["registry"], "ms",
            "import pmcompare", times["import"]),
    )
    with as_file(packs.bundled_data()) as folder:
        files = sorted(Path(folder).rglob("*.toml"))

        def parse_only() -> None:
            for path in files:
                with path.open("rb") as handle:
                    tomllib.load(handle)

        medians = race(
            {"load": packs.load_default, "parse": parse_only},
            max(settings.lookup_repeats, 2),
            settings.min_sample,
        )
    report.add(
        SECTION_REGISTRY,
        Row("packs.load_default() in process (warm)", medians["load"], "ms",
            f"tomllib.load of the {len(files)} bundled files", medians["parse"]),
    )


def section_packs(report: Report, settings: Settings, folder: Path) -> dict[int, Path]:
    log("packs ...")
    json_paths: dict[int, Path] = {}
    for size, repeats in zip(settings.pack_sizes, settings.pack_repeats, strict=True):
        document = pack_document(size)
        json_path = folder / f"pack-{size}.json"
        toml_path = folder / f"pack-{size}.toml"
        json_path.write_text(json.dumps(document, indent=1), encoding="utf-8")
        toml_path.write_text(to_toml(document), encoding="utf-8")
        json_paths[size] = json_path
        if size == settings.pack_sizes[0]:  # the generator writes what it means to, and it loads
            with toml_path.open("rb") as handle:
                assert tomllib.load(handle) == document
            assert len(Registry().load(toml_path)) == len(Registry().load(json_path)) == size
        for kind, path, parser, parser_name in (
            ("JSON", json_path, json.load, "json.load"),
            ("TOML", toml_path, tomllib.load, "tomllib.load"),
        ):

            def parse(path: Path = path, parser: Callable[[Any], Any] = parser) -> None:
                with path.open("rb") as handle:
                    parser(handle)

            def load(path: Path = path) -> None:
                Registry().load(path)

            log(f"  {size:,} comparisons, {kind}")
            medians = race({"load": load, "parse": parse}, repeats, settings.min_sample)
            megabytes = path.stat().st_size / 2**20
            row = report.add(
                SECTION_PACKS,
                Row(f"Registry().load, {size:,} comparisons, {kind} ({megabytes:.1f} MiB)", medians["load"], "ms",
                    f"{parser_name} alone", medians["parse"]),
            )
            if size == settings.pack_sizes[-1]:
                target = 3.0 if kind == "JSON" else 1.5
                report.goals.append(
                    Goal(f"{size:,}-comparison {kind} pack load vs `{parser_name}` alone", row.ratio, target)
                )
    report.note(
        SECTION_PACKS,
        "Each pack is one file: a glossary of concepts (one alias each) and the comparisons "
        "(summary, tags, a similarity, a source, six differences of 60-150 character sentences).",
    )
    return json_paths


def section_lookups(report: Report, settings: Settings, big_pack: Path, folder: Path) -> None:
    log("lookups ...")
    small_pack = folder / "pack-10.json"
    small_pack.write_text(json.dumps(pack_document(10)), encoding="utf-8")
    registries = {}
    for label, path in (("big", big_pack), ("small", small_pack)):
        registry = Registry()
        registry.load(path)
        registries[label] = registry
    count = settings.lookups

    def names(registry: Registry) -> list[tuple[str, str]]:
        # Every comparison in turn, by name, every other one the other way round.
        pairs = [(c.left.name, c.right.name) for c in registry]
        pairs = [(b, a) if i % 2 else (a, b) for i, (a, b) in enumerate(pairs)]
        return [pairs[i % len(pairs)] for i in range(count)]

    def lookups(registry: Registry, wanted: list[tuple[str, str]]) -> Callable[[], None]:
        get = registry.get

        def run() -> None:
            for a, b in wanted:
                get(a, b)

        return run

    def bare_dict(registry: Registry, wanted: list[tuple[str, str]]) -> Callable[[], None]:
        # For reference: a plain dict of exactly the pairs asked, already
        # oriented, read in the same loop; it folds no name and knows no alias.
        get = {(a, b): registry.get(a, b) for a, b in wanted}.__getitem__

        def run() -> None:
            for a, b in wanted:
                get((a, b))

        return run

    candidates: dict[str, Callable[[], None]] = {}
    for label, registry in registries.items():
        wanted = names(registry)
        candidates[label] = lookups(registry, wanted)
        candidates[f"{label} dict"] = bare_dict(registry, wanted)
    medians = race(candidates, settings.lookup_repeats, 0.0)
    big, small = len(registries["big"]), len(registries["small"])
    report.add(SECTION_LOOKUPS, Row(f"{count:,} get() in a {small:,}-comparison registry", medians["small"], "ms"))
    row = report.add(
        SECTION_LOOKUPS,
        Row(f"{count:,} get() in a {big:,}-comparison registry", medians["big"], "ms",
            f"{small:,}-comparison registry", medians["small"]),
    )
    report.add(SECTION_LOOKUPS, Row(f"get() per second, {big:,} comparisons", count / medians["big"], "/s"))
    report.add(
        SECTION_LOOKUPS,
        Row(f"for reference: a plain dict of the same {count:,} pairs, {small:,} comparisons",
            medians["small dict"], "ms"),
    )
    plain = report.add(
        SECTION_LOOKUPS,
        Row(f"for reference: a plain dict of the same {count:,} pairs, {big:,} comparisons", medians["big dict"], "ms",
            f"{small:,} comparisons", medians["small dict"]),
    )
    report.goals.append(
        Goal(f"{count:,} lookups in a {big:,}-comparison registry vs a {small:,}-comparison one", row.ratio, 1.5,
             note="" if plain.ratio is None else f"a plain dict of the pairs: {plain.ratio:.2f}x")
    )
    report.note(
        SECTION_LOOKUPS,
        "By concept name; every other lookup asks for the pair the other way round. The plain dict rows are "
        "the same loop reading a dict keyed by the exact (a, b) pairs: it too slows down when 10,000 "
        "different names and results no longer fit the processor's caches.",
    )


_MEMORY_CODE = """
import gc, json, sys, tracemalloc
import pmcompare, pmcompare.packs
mode, path, warm = sys.argv[1:4]
if mode == "registry":
    pmcompare.Registry().load(warm)  # the lazy imports and caches, outside the measure
else:
    with open(warm, "rb") as handle:
        json.load(handle)
gc.collect()
tracemalloc.start()
if mode == "registry":
    kept = pmcompare.Registry()
    kept.load(path)
else:
    with open(path, "rb") as handle:
        kept = json.load(handle)
gc.collect()
current, peak = tracemalloc.get_traced_memory()
print(peak, current)
"""


def section_memory(report: Report, settings: Settings, big_pack: Path, folder: Path, env: dict[str, str]) -> None:
    log("memory ...")
    warm = folder / "pack-10.json"
    if not warm.exists():
        warm.write_text(json.dumps(pack_document(10)), encoding="utf-8")
    results: dict[str, list[tuple[int, int]]] = {"registry": [], "json": []}
    for _ in range(1 if settings.quick else 2):
        for mode in results:
            done = subprocess.run(
                [sys.executable, "-c", _MEMORY_CODE, mode, str(big_pack), str(warm)],
                env=env, capture_output=True, text=True, check=True,
            )
            peak_bytes, kept_bytes = map(int, done.stdout.split())
            results[mode].append((peak_bytes, kept_bytes))
    peak = {mode: statistics.median(p for p, _ in values) for mode, values in results.items()}
    kept = {mode: statistics.median(c for _, c in values) for mode, values in results.items()}
    size = settings.pack_sizes[-1]
    report.add(SECTION_MEMORY, Row(f"json.load of the {size:,}-comparison JSON pack: peak", peak["json"], "MiB"))
    row = report.add(
        SECTION_MEMORY,
        Row("Registry().load of the same pack: peak", peak["registry"], "MiB",
            "json.load peak", peak["json"]),
    )
    report.add(
        SECTION_MEMORY,
        Row("the loaded registry: kept after loading", kept["registry"], "MiB",
            "the parsed document, kept", kept["json"]),
    )
    report.goals.append(
        Goal(f"peak memory of a loaded {size:,}-comparison registry vs the parsed data", row.ratio, 2.0)
    )


# -- rendering ------------------------------------------------------------

Table = tuple[tuple[str, str, str], list[tuple[str, str, str]]]


def md_floor(header: tuple[str, ...], rows: list[tuple[str, str, str]]) -> str:
    """The bare floor: a pipe table with f-strings, escaping only backslashes and pipes."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(map(esc, header)) + " |\n", "| --- | --- | --- |\n"]
    out += [f"| {esc(a)} | {esc(b)} | {esc(c)} |\n" for a, b, c in rows]
    return "".join(out)


def html_floor(header: tuple[str, ...], rows: list[tuple[str, str, str]]) -> str:
    """The floor for HTML: a table with f-strings and html.escape."""
    esc = html.escape
    out = ["<table>\n<thead><tr>", *(f"<th>{esc(text)}</th>" for text in header), "</tr></thead>\n<tbody>\n"]
    out += [f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>\n" for a, b, c in rows]
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def peers(header: tuple[str, ...], rows: list[tuple[str, str, str]], *, with_rich: bool) -> tuple[
    dict[str, Callable[[], object]], list[str]
]:
    """The peer renderers that are installed, each ready to call on the same header and rows."""
    found: dict[str, Callable[[], object]] = {
        "f-string Markdown floor": lambda: md_floor(header, rows),
        "html.escape floor": lambda: html_floor(header, rows),
    }
    missing: list[str] = []
    try:
        from tabulate import tabulate
    except ImportError:
        missing.append("tabulate")
    else:
        found["tabulate github"] = lambda: tabulate(rows, headers=header, tablefmt="github", disable_numparse=True)
        found["tabulate grid, maxcolwidths=40"] = lambda: tabulate(
            rows, headers=header, tablefmt="grid", maxcolwidths=40, disable_numparse=True
        )
    try:
        import pandas  # type: ignore[import-untyped,unused-ignore]
    except ImportError:
        missing.append("pandas")
    else:
        frame = pandas.DataFrame(rows, columns=list(header))
        found["pandas to_html"] = lambda: frame.to_html(index=False)
        if "tabulate" not in missing:
            found["pandas to_markdown"] = lambda: frame.to_markdown(index=False)
    try:
        from prettytable import PrettyTable
    except ImportError:
        missing.append("prettytable")
    else:

        def pretty() -> str:
            table = PrettyTable(field_names=list(header))
            table.add_rows([list(row) for row in rows])
            return table.get_string()

        found["prettytable"] = pretty
    try:
        from rich.console import Console
        from rich.table import Table as RichTable
    except ImportError:
        missing.append("rich")
    else:

        def rich_text() -> str:
            table = RichTable(*header)
            for row in rows:
                table.add_row(*row)
            console = Console(file=io.StringIO(), width=130, color_system=None, legacy_windows=False)
            console.print(table)
            out: str = console.file.getvalue()  # type: ignore[attr-defined]
            return out

        if with_rich:
            found["rich Table"] = rich_text
    return found, missing


def ours(comparison: Comparison) -> dict[str, Callable[[], object]]:
    """pmcompare's renderers, the table alone, through the public render()."""
    render = pmcompare.render
    table_only = {"title": False, "summary": False, "definitions": False}
    found: dict[str, Callable[[], object]] = {}
    for name in pmcompare.FORMATS:
        if name == "json":
            found["pmcompare json"] = lambda: render(comparison, "json")
        elif name == "text":
            found["pmcompare text"] = lambda: render(comparison, "text", width=130, style="grid", **table_only)
        else:

            def other(name: str = name) -> str:
                return render(comparison, name, **table_only)

            found[f"pmcompare {name}"] = other
    return found


def section_render(report: Report, settings: Settings) -> None:
    sizes = settings.render_sizes
    medians: dict[int, dict[str, float]] = {}
    for size, repeats in zip(sizes, settings.render_repeats, strict=True):
        log(f"render {size:,} rows ...")
        rows = table_rows(size)
        comparison = comparison_of(rows)
        header = ("Aspect", LEFT.name, RIGHT.name)
        with_rich = size != sizes[-1] or settings.rich_large
        theirs, missing = peers(header, rows, with_rich=with_rich)
        candidates = {**ours(comparison), **theirs}
        medians[size] = race(candidates, repeats, settings.min_sample)
        section = f"Rendering {size:,} rows"
        floors = {"html": "html.escape floor", "markdown": "f-string Markdown floor"}
        for name, median in medians[size].items():
            fmt = name.removeprefix("pmcompare ")
            if name.startswith("pmcompare "):
                base = floors.get(fmt, "f-string Markdown floor")
            else:
                base = "pmcompare markdown" if "html" not in name else "pmcompare html"
                if name == "tabulate grid, maxcolwidths=40" or name in ("prettytable", "rich Table"):
                    base = "pmcompare text"
            base_median = medians[size].get(base)
            if base == name:
                base, base_median = "", None
            report.add(section, Row(name, median, "ms", base, base_median))
        if missing:
            report.note(section, f"Not installed, so not measured: {', '.join(missing)}.")
        if not with_rich:
            report.note(section, "rich skipped at this size (about 30 s a run); `--rich-large` measures it.")
        report.note(
            section,
            f"{repeats} repeats. pmcompare rows show their ratio to a floor; peer rows show theirs to the "
            "pmcompare renderer of the same kind (above 1 means pmcompare is faster).",
        )
    _render_goals(report, medians, sizes)


def _render_goals(report: Report, medians: dict[int, dict[str, float]], sizes: tuple[int, int, int]) -> None:
    def ratio(size: int, a: str, b: str) -> float | None:
        found = medians[size]
        return found[a] / found[b] if a in found and b in found else None

    mid, big = sizes[1], sizes[2]
    goals = report.goals
    for size in (mid, big):
        at = f"{size:,} rows"
        goals.append(Goal(f"Markdown vs the f-string floor, {at}", ratio(size, "pmcompare markdown",
                                                                           "f-string Markdown floor"), 10))
        goals.append(Goal(f"Markdown speed-up over tabulate github, {at}",
                          ratio(size, "tabulate github", "pmcompare markdown"), 4, at_least=True))
        goals.append(Goal(f"HTML vs the html.escape floor, {at}", ratio(size, "pmcompare html", "html.escape floor"),
                          2.5))
        goals.append(Goal(f"HTML speed-up over pandas to_html, {at}", ratio(size, "pandas to_html", "pmcompare html"),
                          6, at_least=True))
        goals.append(Goal(f"wrapped text vs tabulate grid with maxcolwidths, {at}",
                          ratio(size, "pmcompare text", "tabulate grid, maxcolwidths=40"), 0.5))
        for name in ("rst", "latex", "json"):
            goals.append(Goal(f"{name} vs Markdown, {at}", ratio(size, f"pmcompare {name}", "pmcompare markdown"), 2))
    floor = _growth(medians, mid, big, "f-string Markdown floor")
    note = "" if floor is None else f"the f-string floor itself grew {floor:.0f}x"
    for name in pmcompare.FORMATS:
        growth = _growth(medians, mid, big, f"pmcompare {name}")
        goals.append(Goal(f"{name}: {big:,} rows vs {mid:,} rows (linear)", growth, 1.1 * big / mid, note=note))


def _growth(medians: dict[int, dict[str, float]], mid: int, big: int, name: str) -> float | None:
    if name in medians[mid] and name in medians[big]:
        return medians[big][name] / medians[mid][name]
    return None


# -- the run --------------------------------------------------------------

SECTIONS = ("import", "show", "registry", "packs", "lookups", "render", "memory")


def machine() -> str:
    """The machine and interpreter, for the report's heading."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; pmcompare {pmcompare.__version__}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="tiny sizes and 2 repeats: a check that it runs")
    parser.add_argument("--rich-large", action="store_true", help="measure rich at the largest size too")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    args = parser.parse_args(argv)
    settings = QUICK if args.quick else FULL
    if args.rich_large:
        settings = Settings(**{**settings.__dict__, "rich_large": True})
    wanted = set(args.only or SECTIONS)
    report = Report()
    started = time.perf_counter()
    with process_env() as env, tempfile.TemporaryDirectory(prefix="pmcompare-bench-") as temp:
        folder = Path(temp)
        if "import" in wanted:
            section_import(report, settings, env)
        if "show" in wanted:
            section_show(report, settings, env)
        if "registry" in wanted:
            section_registry(report, settings, env)
        big_pack = folder / f"pack-{settings.pack_sizes[-1]}.json"
        if "packs" in wanted:
            section_packs(report, settings, folder)
        elif wanted & {"lookups", "memory"}:
            big_pack.write_text(json.dumps(pack_document(settings.pack_sizes[-1]), indent=1), encoding="utf-8")
        if "lookups" in wanted:
            section_lookups(report, settings, big_pack, folder)
        if "render" in wanted:
            section_render(report, settings)
        if "memory" in wanted:
            section_memory(report, settings, big_pack, folder, env)
    elapsed = time.perf_counter() - started
    today = datetime.date.today().isoformat()
    mode = "quick run (tiny sizes: figures mean nothing)" if settings.quick else "full run"
    print(f"## pmcompare benchmark, {today}\n\n{machine()}; {mode}, {elapsed:.0f} s.\n")
    print(report.markdown())
    return 0


if __name__ == "__main__":
    sys.exit(main())
