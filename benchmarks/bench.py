"""The side-by-side benchmark: pmcompare against what a user would otherwise run, on the goals of issue 11.

Run it from the repository root, with the ``dev`` dependency group and the ``mkdocs`` extra installed::

    .venv/bin/python benchmarks/bench.py            # the full run: about 2 minutes on 2 cores
    .venv/bin/python benchmarks/bench.py --quick    # tiny sizes, 1-2 repeats: a check that it runs

It prints Markdown: for each task the medians of pmcompare and of its baseline
and their ratio, then a goals table (goal, measured, target, pass or fail). A
missed goal is printed, never an error; a section that cannot run (a peer not
installed, code mid-merge) is reported as not measured, and the exit status
is still 0.

How it measures:

- Start-up (``import pmcompare`` against ``python -c "import attrs"``, and the
  ``pmcompare show`` console script against ``python -c "import attrs,
  tabulate, tomllib"``): whole processes, from a wheel built from this checkout
  (``pip wheel --no-deps``) and installed with attrs, tabulate and wcwidth (the
  versions of this venv) into a temporary venv of the same interpreter, so no
  editable-install import hook is counted; pip compiles the bytecode of both
  sides. The commands take turns after one unmeasured run each; medians of
  wall time. ``--quick`` skips the wheel and uses this venv, and says so.
- Sphinx and MkDocs: two sites generated in a temporary folder with one page
  per bundled comparison; one draws each with the ``pmcompare`` directive or
  a ``[[pmcompare: a | b]]`` tag (table only), the other holds the same cells
  written by hand, as a ``list-table`` (same caption, header row, stub column
  and widths) or a Markdown pipe table. Each is built as a whole process with
  this venv, ``sphinx-build -q -b html`` or ``mkdocs build -q``, into a fresh
  output folder each time, the two sites taking turns.
- Rendering: one generated comparison of N rows, three columns (aspect, left,
  right) of 60-150 character sentences, through the public ``render`` with the
  table alone (``text`` in the ``grid`` style at width 130, the width that
  tabulate's ``maxcolwidths=40`` reaches). The peers get the same header and
  rows: tabulate (``disable_numparse=True``), pandas ``to_html`` of a
  DataFrame built beforehand, and two floors written here (an f-string pipe
  table escaping only ``\\`` and ``|``; an f-string table with ``html.escape``).
  In-process timings are the median of samples of at least 50 ms (short calls
  are looped), garbage collector off during a sample, candidates taking turns.
- Packs: one generated file of 10,000 comparisons (a shared glossary; six
  differences each, as the bundled data has), in JSON and in TOML, loaded with
  ``Registry().load`` against ``json.load`` with a hook that refuses repeated
  keys, or ``tomllib.load``, on the same file.
- Search: the registry of that pack (10,000 comparisons), its index built
  beforehand, ``Registry.search`` of three queries (a concept's name, an
  alias with a word, three common words) against a substring scan of each
  comparison's text, joined and casefolded ahead of time; the goal is the
  median ratio. Then ``pmcompare search okr`` against ``pmcompare show okr
  kpi``, whole processes from the wheel as for start-up: the search reads
  the bundled library's prebuilt index, the show renders a table. And the
  time that getting the index takes inside such a process, as a share of
  the whole: read as shipped (the goal), built with a pack's concept added,
  and built with no prebuilt copy.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import gc
import html
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pmcompare
from pmcompare import Comparison, Concept, Difference, Registry

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Settings:
    quick: bool
    process_runs: int  # whole-process runs of each start-up command
    builds: int  # measured builds of each docs site
    sites: int | None  # comparisons on each docs site; None: every bundled one
    rows: tuple[int, int]  # the goals' "1,000" and "10,000"
    repeats: int  # in-process samples per candidate
    pack: int  # comparisons in the generated pack
    pack_repeats: int
    min_sample: float  # seconds


FULL = Settings(quick=False, process_runs=30, builds=5, sites=None, rows=(1_000, 10_000), repeats=9,
                pack=10_000, pack_repeats=5, min_sample=0.05)
QUICK = Settings(quick=True, process_runs=1, builds=1, sites=2, rows=(10, 100), repeats=2, pack=20,
                 pack_repeats=1, min_sample=0.0)


def log(message: str) -> None:
    """Progress on stderr; stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


# -- the report -------------------------------------------------------------


class Report:
    """Markdown sections of rows (name, median, baseline, baseline median, ratio) and the measured goals."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.measured: dict[str, float] = {}

    def section(self, heading: str, rows: list[tuple[str, float, str, float | None]], *notes: str) -> None:
        self.lines += [f"### {heading}", "", "| measurement | median | baseline | baseline median | ratio |",
                       "| --- | ---: | --- | ---: | ---: |"]
        for name, median, base, base_median in rows:
            ratio = f"{median / base_median:.2f}x" if base_median else ""
            base_text = ms(base_median) if base_median else ""
            self.lines.append(f"| {name} | {ms(median)} | {base} | {base_text} | {ratio} |")
        self.lines += ["", *(f"{note}\n" for note in notes)]

    def failed(self, heading: str, error: BaseException) -> None:
        first = (str(error).strip().splitlines() or [type(error).__name__])[0]
        self.lines += [f"### {heading}", "", f"Not measured: {type(error).__name__}: {first}", ""]


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.2f} ms" if value < 10 else f"{value:,.1f} ms" if value < 1000 else f"{value:,.0f} ms"


def goals(settings: Settings) -> list[tuple[str, str, float, bool]]:
    """Every goal: key in ``Report.measured``, text, target, and whether the target is a minimum."""
    small, big = (f"{n:,} rows" for n in settings.rows)
    out = [
        ("import", '`import pmcompare` vs `python -c "import attrs"` (whole process)', 1.2, False),
        ("show", '`pmcompare show "product strategy" "product management"` vs '
                 '`python -c "import attrs, tabulate, tomllib"`', 1.3, False),
        ("sphinx", "Sphinx html build, `pmcompare` directive vs hand-written `list-table`s", 1.05, False),
        ("mkdocs", "MkDocs build, `[[pmcompare: a \\| b]]` tags vs hand-written Markdown tables", 1.1, False),
        ("md-tabulate", f"Markdown, {small}: speed-up over tabulate `github`", 2.0, True),
        ("md-floor", f"Markdown, {small}: vs the bare f-string floor", 8.0, False),
        ("html-pandas", f"HTML, {small}: speed-up over pandas `to_html`", 3.0, True),
        ("html-floor", f"HTML, {small}: vs the `html.escape` floor", 4.0, False),
        ("text-grid", f"wrapped text, {small}: vs tabulate `grid` with `maxcolwidths=40`", 0.5, False),
    ]
    linear = 1.2 * settings.rows[1] / settings.rows[0]
    out += [(f"growth-{name}", f"{name}: {big} vs {small}", linear, False) for name in pmcompare.FORMATS]
    out += [
        ("pack-json", f"{settings.pack:,}-comparison JSON pack vs `json.load` with the same duplicate-key hook",
         5.0, False),
        ("pack-toml", f"{settings.pack:,}-comparison TOML pack vs `tomllib.load`", 1.5, False),
        ("search-query", f"a search of a {settings.pack:,}-comparison registry vs a substring scan of its text",
         0.1, False),
        ("search-startup", "`pmcompare search okr` vs `pmcompare show okr kpi` (whole process)", 1.05, False),
        ("search-index", "the bundled library's index, inside `pmcompare search okr`: its share of the process",
         0.05, False),
    ]
    return out


def goals_table(report: Report, settings: Settings) -> list[str]:
    lines = ["### Goals", "", "| goal | measured | target | result |", "| --- | ---: | ---: | --- |"]
    for key, text, target, at_least in goals(settings):
        found = report.measured.get(key)
        if found is None:
            lines.append(f"| {text} | n/a | {'≥' if at_least else '≤'} {target:g}x | not measured |")
            continue
        shown = round(found, 2)  # judged as printed, so that 1.20x is never a miss of 1.2x
        passed = shown >= target if at_least else shown <= target
        lines.append(f"| {text} | {found:.2f}x | {'≥' if at_least else '≤'} {target:g}x | "
                     f"{'pass' if passed else 'MISS'} |")
    return lines


# -- timing -----------------------------------------------------------------


def sample(fn: Callable[[], object], loops: int) -> float:
    """Seconds per call over ``loops`` calls, the garbage collector off."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        for _ in range(loops):
            fn()
        return (time.perf_counter() - start) / loops
    finally:
        gc.enable()


def race(candidates: dict[str, Callable[[], object]], repeats: int, min_sample: float) -> dict[str, float]:
    """Median seconds per call of each candidate, taking turns; a first call of over a second counts."""
    times: dict[str, list[float]] = {name: [] for name in candidates}
    loops: dict[str, int] = {}
    for name, fn in candidates.items():
        first = sample(fn, 1)  # the warm-up
        loops[name] = int(min_sample / max(first, 1e-9)) + 1 if first < min_sample else 1
        if first > 1.0:
            times[name].append(first)
    for _ in range(repeats):
        for name, fn in candidates.items():
            if len(times[name]) < repeats:
                times[name].append(sample(fn, loops[name]))
    return {name: statistics.median(values) for name, values in times.items()}


def error_line(stderr: str) -> str:
    """The line of a traceback that names the error, else the last line."""
    lines = stderr.strip().splitlines() or [""]
    return next((line for line in lines if re.match(r"[\w.]*(Error|Exception)\b", line)), lines[-1])


def race_processes(commands: dict[str, Callable[[int], list[str]]], runs: int, *, warm_up: bool,
                   cwd: Path | None = None) -> dict[str, float]:
    """Median wall seconds of each command (``command(run)`` gives its argv) as a whole process, taking turns."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}

    def run(argv: list[str]) -> float:
        start = time.perf_counter()
        done = subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              text=True, check=False)
        elapsed = time.perf_counter() - start
        if done.returncode:
            msg = f"{Path(argv[0]).name} exited {done.returncode}: {error_line(done.stderr)}"
            raise RuntimeError(msg)
        return elapsed

    if warm_up:
        for command in commands.values():
            run(command(-1))
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(runs):
        for name, command in commands.items():
            times[name].append(run(command(i)))
    return {name: statistics.median(values) for name, values in times.items()}


# -- start-up, from an installed wheel --------------------------------------


def install(folder: Path, settings: Settings) -> tuple[Path, str]:
    """The bin folder of a venv with pmcompare installed from a wheel, and how it was installed."""
    if settings.quick:
        return Path(sys.executable).parent, "this venv's own install (--quick: no wheel built)"
    log("building the wheel and its venv ...")
    wheels, venv = folder / "wheels", folder / "venv"
    pip = [sys.executable, "-m", "pip", "-q", "--disable-pip-version-check"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("pmcompare-*.whl"))
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    deps = [f"{name}=={version(name)}" for name in ("attrs", "tabulate", "wcwidth", "snowballstemmer")]
    subprocess.run([*pip, "--python", str(venv / "bin" / "python"), "install", "--no-deps", str(wheel), *deps],
                   check=True, capture_output=True)
    return venv / "bin", f"`{wheel.name}` with {', '.join(deps)} in a temporary venv (`pip install --no-deps`)"


def section_startup(report: Report, settings: Settings, bin_folder: Path, how: str) -> None:
    log("start-up ...")
    python, script = str(bin_folder / "python"), str(bin_folder / "pmcompare")
    runs = f"{settings.process_runs} run(s) each, taking turns, after one unmeasured run; installed from {how}."
    tasks = [
        ("import", "Import (whole process)", 'python -c "import pmcompare"', [python, "-c", "import pmcompare"],
         'python -c "import attrs"', [python, "-c", "import attrs"], runs),
        ("show", "`pmcompare show` (whole process)", 'pmcompare show "product strategy" "product management"',
         [script, "show", "product strategy", "product management"], 'python -c "import attrs, tabulate, tomllib"',
         [python, "-c", "import attrs, tabulate, tomllib"], "The console script, its output to a pipe. " + runs),
    ]
    for key, heading, name, argv, base, base_argv, note in tasks:
        times = race_processes(
            {name: lambda _, argv=argv: argv, base: lambda _, argv=base_argv: argv},
            settings.process_runs,
            warm_up=True,
            cwd=bin_folder.parent,  # away from the checkout, whose folders could shadow an import
        )
        report.measured[key] = times[name] / times[base]
        report.section(heading, [(name, times[name], base, times[base])], note)


# -- docs sites -------------------------------------------------------------


def bundled(settings: Settings) -> list[Comparison]:
    return list(pmcompare.registry())[: settings.sites]


def cells(comparison: Comparison) -> list[tuple[str, str, str]]:
    """The table the directive and the tag draw: the header row, then one row per difference."""
    header = ("Aspect", comparison.left.name, comparison.right.name)
    return [header, *((d.aspect, d.left, d.right) for d in comparison.differences)]


def rst_text(text: str) -> str:
    return re.sub(r"([\\`*_|\[\]<>])", r"\\\1", " ".join(text.split()))


def md_text(text: str) -> str:
    return re.sub(r"([\\`*_|\[\]])", r"\\\1", html.escape(" ".join(text.split()), quote=False))


def write_page(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def sphinx_sites(folder: Path, comparisons: list[Comparison]) -> dict[str, Path]:
    sites = {"directive": folder / "sphinx-directive", "list-table": folder / "sphinx-list-table"}
    for name, site in sites.items():
        extensions = ["pmcompare.sphinx"] if name == "directive" else []
        write_page(site / "conf.py", f"project = 'bench'\nextensions = {extensions!r}\n")
        pages = [f"c{i}" for i in range(len(comparisons))]
        write_page(site / "index.rst", "Comparisons\n===========\n\n.. toctree::\n\n" +
                   "".join(f"   {page}\n" for page in pages))
        for page, comparison in zip(pages, comparisons):
            title = rst_text(comparison.title)
            text = f"{title}\n{'=' * len(title)}\n\n"
            if name == "directive":
                text += f".. pmcompare:: {comparison.left.slug} | {comparison.right.slug}\n"
                text += "".join(f"   :{part}: false\n" for part in ("summary", "definitions", "notes"))
            else:
                text += f".. list-table:: {title}\n   :header-rows: 1\n   :stub-columns: 1\n   :widths: 20 40 40\n\n"
                for row in cells(comparison):
                    text += "".join(f"   {'*' if i == 0 else ' '} - {rst_text(cell)}\n" for i, cell in enumerate(row))
            write_page(site / f"{page}.rst", text)
    return sites


def mkdocs_sites(folder: Path, comparisons: list[Comparison]) -> dict[str, Path]:
    sites = {"tags": folder / "mkdocs-tags", "tables": folder / "mkdocs-tables"}
    off = "title=false summary=false definitions=false notes=false"
    for name, site in sites.items():
        extensions = "markdown_extensions:\n  - pmcompare\n" if name == "tags" else ""
        write_page(site / "mkdocs.yml", f"site_name: bench\n{extensions}")
        write_page(site / "docs" / "index.md", "# Comparisons\n")
        for i, comparison in enumerate(comparisons):
            text = f"# {md_text(comparison.title)}\n\n"
            if name == "tags":
                text += f"[[pmcompare: {comparison.left.slug} | {comparison.right.slug} {off}]]\n"
            else:
                rows = cells(comparison)
                text += "| " + " | ".join(map(md_text, rows[0])) + " |\n| --- | --- | --- |\n"
                text += "".join("| " + " | ".join(map(md_text, row)) + " |\n" for row in rows[1:])
            write_page(site / "docs" / f"c{i}.md", text)
    return sites


def count_cells(out: Path) -> int:
    """Table cells in a built site, to check that both sides drew the same tables."""
    pages = [*out.glob("c*.html"), *out.glob("c*/index.html")]  # Sphinx's pages, MkDocs' folders
    return sum(len(re.findall(r"<t[dh][\s>]", page.read_text(encoding="utf-8"))) for page in pages)


def section_docs(report: Report, settings: Settings, folder: Path, tool: str) -> None:
    log(f"{tool} ...")
    comparisons = bundled(settings)
    outs: dict[str, list[Path]] = {}

    def command(name: str, site: Path) -> Callable[[int], list[str]]:
        def argv(run: int) -> list[str]:
            out = folder / f"out-{tool}-{name}-{run + 1}"
            outs.setdefault(name, []).append(out)
            if tool == "sphinx":
                return [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(site), str(out)]
            return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(out)]

        return argv

    sites = (sphinx_sites if tool == "sphinx" else mkdocs_sites)(folder, comparisons)
    commands = {name: command(name, site) for name, site in sites.items()}
    times = race_processes(commands, settings.builds, warm_up=not settings.quick)
    ours, theirs = sites
    report.measured[tool] = times[ours] / times[theirs]
    drawn = {name: count_cells(paths[-1]) for name, paths in outs.items()}
    same = "the same number" if len(set(drawn.values())) == 1 else f"different numbers ({drawn})"
    how = ("`sphinx-build -q -b html`" if tool == "sphinx" else "`mkdocs build -q`")
    heading = "Sphinx html build (whole process)" if tool == "sphinx" else "MkDocs build (whole process)"
    report.section(
        heading,
        [(f"{len(comparisons)} pages, one comparison each, {ours}", times[ours], theirs, times[theirs])],
        f"{settings.builds} build(s) each with {how} into a fresh folder, taking turns"
        f"{', after one unmeasured build' if not settings.quick else ''}; both sites drew {same} of "
        f"table cells ({max(drawn.values()):,}).",
    )


# -- rendering --------------------------------------------------------------

_TEXT = (
    "the team product customer value outcome metric strategy backlog release market user research goal feature "
    "discovery delivery insight quarter budget risk plan stakeholder decision roadmap vision problem solution "
    "launch growth retention revenue experiment hypothesis priority scope owner sprint epic story estimate "
    "dependency support sales design engineering data evidence and with for over from into each every often "
    "rarely usually mostly early later across within e.g. R&D B2B/B2C 50% (OKRs) north-star it's"
)
WORDS = _TEXT.split()


def sentence(rng: random.Random, low: int = 60, high: int = 150) -> str:
    """A sentence of ``low`` to ``high`` characters."""
    target = rng.randint(low, high)
    text = rng.choice(WORDS[:40]).capitalize()
    while len(text) < target - 12:
        text += " " + rng.choice(WORDS)
    return text[: high - 1].rstrip() + "."


def table_rows(count: int) -> list[tuple[str, str, str]]:
    rng = random.Random(11)
    return [(f"Aspect {i + 1} {sentence(rng, 40, 120)}", sentence(rng), sentence(rng)) for i in range(count)]


LEFT = Concept("Product Strategy", "The plan for making a product succeed.", slug="product-strategy")
RIGHT = Concept("Product Management", "The work of looking after a product.", slug="product-management")
HEADER = ("Aspect", LEFT.name, RIGHT.name)


def md_floor(rows: list[tuple[str, str, str]]) -> str:
    """The bare floor: a pipe table with f-strings, escaping only backslashes and pipes."""

    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|")

    out = ["| " + " | ".join(map(esc, HEADER)) + " |\n", "| --- | --- | --- |\n"]
    out += [f"| {esc(a)} | {esc(b)} | {esc(c)} |\n" for a, b, c in rows]
    return "".join(out)


def html_floor(rows: list[tuple[str, str, str]]) -> str:
    """The HTML floor: a table with f-strings and html.escape."""
    esc = html.escape
    out = ["<table>\n<thead><tr>", *(f"<th>{esc(text)}</th>" for text in HEADER), "</tr></thead>\n<tbody>\n"]
    out += [f"<tr><td>{esc(a)}</td><td>{esc(b)}</td><td>{esc(c)}</td></tr>\n" for a, b, c in rows]
    out.append("</tbody>\n</table>\n")
    return "".join(out)


def ours(comparison: Comparison) -> dict[str, Callable[[], object]]:
    """Every format through the public render(), the table alone."""
    found: dict[str, Callable[[], object]] = {}
    for name, fmt in pmcompare.FORMATS.items():
        options: dict[str, Any] = {k: False for k in ("title", "summary", "definitions", "notes") if k in fmt.options}
        if name == "text":
            options.update(width=130, style="grid")
        found[name] = lambda name=name, options=options: pmcompare.render(comparison, name, **options)
    return found


def peers(rows: list[tuple[str, str, str]]) -> dict[str, Callable[[], object]]:
    import pandas  # type: ignore[import-untyped,unused-ignore]
    from tabulate import tabulate

    frame = pandas.DataFrame(rows, columns=list(HEADER))
    return {
        "tabulate github": lambda: tabulate(rows, headers=HEADER, tablefmt="github", disable_numparse=True),
        "tabulate grid, maxcolwidths=40": lambda: tabulate(rows, headers=HEADER, tablefmt="grid", maxcolwidths=40,
                                                           disable_numparse=True),
        "pandas to_html": lambda: frame.to_html(index=False),
    }


def label(name: str) -> str:
    return f"pmcompare {name}" if name in pmcompare.FORMATS else name


def section_render(report: Report, settings: Settings) -> None:
    medians: dict[int, dict[str, float]] = {}
    for size in settings.rows:
        log(f"render {size:,} rows ...")
        rows = table_rows(size)
        comparison = Comparison(LEFT, RIGHT, [Difference(*row) for row in rows], summary="A generated comparison.")
        candidates = {**ours(comparison), "f-string floor": lambda rows=rows: md_floor(rows),
                      "html.escape floor": lambda rows=rows: html_floor(rows)}
        if size == settings.rows[0]:
            candidates.update(peers(rows))  # the peers only at the goals' size: tabulate wraps 10,000 rows slowly
        found = medians[size] = race(candidates, settings.repeats, settings.min_sample)
        baseline = {"markdown": "f-string floor", "html": "html.escape floor", "text": "tabulate grid, maxcolwidths=40",
                    "tabulate github": "markdown", "pandas to_html": "html"}
        table = []
        for name, median in found.items():
            base = baseline.get(name, "")
            table.append((label(name), median, label(base) if base in found else "", found.get(base)))
        report.section(f"Rendering {size:,} rows", table,
                       f"{settings.repeats} samples each, taking turns. Peer rows show their ratio to pmcompare's "
                       "renderer of the same kind (above 1: pmcompare is faster).")
    small, big = (medians[n] for n in settings.rows)
    report.measured.update({
        "md-tabulate": small["tabulate github"] / small["markdown"],
        "md-floor": small["markdown"] / small["f-string floor"],
        "html-pandas": small["pandas to_html"] / small["html"],
        "html-floor": small["html"] / small["html.escape floor"],
        "text-grid": small["text"] / small["tabulate grid, maxcolwidths=40"],
    })
    for name in pmcompare.FORMATS:
        report.measured[f"growth-{name}"] = big[name] / small[name]
    growth = ", ".join(f"{name} {big[name] / small[name]:.1f}x" for name in (*pmcompare.FORMATS, "f-string floor",
                                                                             "html.escape floor"))
    report.lines += [f"Growth from {settings.rows[0]:,} to {settings.rows[1]:,} rows: {growth}.", ""]


# -- packs ------------------------------------------------------------------


def pack_document(comparisons: int) -> dict[str, Any]:
    """A pack of ``comparisons`` comparisons over a shared glossary, six differences each."""
    rng = random.Random(10)
    size = 2
    while size * (size - 1) // 2 < comparisons:
        size += 1
    concepts = [{"slug": f"concept-{i}", "name": f"Concept {i}", "definition": sentence(rng, 100, 250),
                 "aliases": [f"Idea {i}"]} for i in range(size)]
    pairs = [(a, b) for a in range(size) for b in range(a + 1, size)][:comparisons]
    entries = [
        {"left": f"concept-{a}", "right": f"concept-{b}", "summary": sentence(rng), "tags": ["generated"],
         "similarities": [sentence(rng)], "sources": [{"title": "A generated book", "url": "https://example.com/"}],
         "differences": [{"aspect": f"Aspect {k}", "left": sentence(rng), "right": sentence(rng)} for k in range(6)]}
        for a, b in pairs
    ]
    return {"concepts": concepts, "comparisons": entries}


def to_toml(document: dict[str, Any]) -> str:
    """The pack as hand-written TOML: arrays of tables, as the bundled files are."""
    out: list[str] = []

    def table(header: str, entry: dict[str, Any]) -> None:
        out.append(f"\n[[{header}]]")
        nested = [(k, v) for k, v in entry.items() if isinstance(v, list) and v and isinstance(v[0], dict)]
        # A JSON string or list of ASCII strings is a TOML one.
        out.extend(f"{k} = {json.dumps(v)}" for k, v in entry.items() if (k, v) not in nested)
        for name, items in nested:
            for item in items:
                table(f"{header}.{name}", item)

    for name in ("concepts", "comparisons"):
        for entry in document[name]:
            table(name, entry)
    return "\n".join(out) + "\n"


def no_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An ``object_pairs_hook`` that refuses a key given twice, as a pack reader must."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            msg = f"duplicate key {key!r}"
            raise ValueError(msg)
        out[key] = value
    return out


def section_packs(report: Report, settings: Settings, folder: Path) -> None:
    log(f"packs of {settings.pack:,} comparisons ...")
    document = pack_document(settings.pack)
    paths = {"JSON": folder / "pack.json", "TOML": folder / "pack.toml"}
    paths["JSON"].write_text(json.dumps(document, indent=1), encoding="utf-8")
    paths["TOML"].write_text(to_toml(document), encoding="utf-8")
    rows = []
    for kind, path in paths.items():

        def load(path: Path = path) -> None:
            registry = Registry()
            registry.load(path)
            assert len(registry) == settings.pack

        def parse(path: Path = path, kind: str = kind) -> None:
            with path.open("rb") as handle:
                if kind == "JSON":
                    json.load(handle, object_pairs_hook=no_repeats)
                else:
                    tomllib.load(handle)

        log(f"  {kind} ...")
        found = race({"load": load, "parse": parse}, settings.pack_repeats, settings.min_sample)
        size = path.stat().st_size / 2**20
        parser = "json.load with the duplicate-key hook" if kind == "JSON" else "tomllib.load"
        rows.append((f"Registry().load, {kind} ({size:.1f} MiB)", found["load"], parser, found["parse"]))
        report.measured[f"pack-{kind.lower()}"] = found["load"] / found["parse"]
    report.section(f"Loading a {settings.pack:,}-comparison pack", rows,
                   "One file: a glossary of concepts (one alias each) and the comparisons (summary, tag, "
                   "similarity, source, six differences of 60-150 character sentences); "
                   f"{settings.pack_repeats} sample(s) each, taking turns.")


# -- search -----------------------------------------------------------------

SEARCHES = ("concept 47", "idea 17 risk", "stakeholder roadmap hypothesis")


def scan_texts(registry: Registry) -> list[tuple[Comparison, str]]:
    """Each comparison with all of its text, casefolded, ready for a substring scan."""
    out = []
    for c in registry:
        parts = [c.left.name, *c.left.aliases, c.right.name, *c.right.aliases, c.left.definition,
                 c.right.definition, *c.aspects, str(c.summary), *(t for d in c.differences for t in (d.left, d.right)),
                 *c.similarities, *c.notes, *c.tags]
        out.append((c, " ".join(parts).casefold()))
    return out


def section_search(report: Report, settings: Settings, folder: Path) -> None:
    log(f"search of {settings.pack:,} comparisons ...")
    path = folder / "search-pack.json"
    path.write_text(json.dumps(pack_document(settings.pack)), encoding="utf-8")
    registry = Registry()
    registry.load(path)
    registry.search("warm")  # builds the index, as the first search does
    texts = scan_texts(registry)
    rows: list[tuple[str, float, str, float | None]] = []
    ratios = []
    for query in SEARCHES:
        words = query.split()

        def ours(query: str = query) -> object:
            return registry.search(query)

        def scan(words: list[str] = words) -> object:
            return [c for c, text in texts if all(w in text for w in words)]

        found = race({"search": ours, "scan": scan}, settings.repeats, settings.min_sample)
        ratios.append(found["search"] / found["scan"])
        rows.append((f"`Registry.search({query!r})`, {len(registry.search(query)):,} hits", found["search"],
                     "substring scan of the casefolded text", found["scan"]))
    report.measured["search-query"] = statistics.median(ratios)
    log("  pmcompare search okr ...")
    bin_folder, how = install(folder / "search", settings)
    script = str(bin_folder / "pmcompare")
    names = {"pmcompare search okr": [script, "search", "okr"],
             "pmcompare show okr kpi": [script, "show", "okr", "kpi"]}
    times = race_processes({name: lambda _, argv=argv: argv for name, argv in names.items()},
                           settings.process_runs, warm_up=True, cwd=bin_folder.parent)
    report.measured["search-startup"] = times["pmcompare search okr"] / times["pmcompare show okr kpi"]
    rows.append(("`pmcompare search okr` (whole process)", times["pmcompare search okr"],
                 "`pmcompare show okr kpi`", times["pmcompare show okr kpi"]))
    whole = times["pmcompare search okr"]
    shipped = index_seconds(bin_folder, settings, "shipped")
    report.measured["search-index"] = shipped / whole
    for label, mode in (("the bundled index inside `pmcompare search okr` (read, as shipped)", "shipped"),
                        ("the index with a pack's concept added (built, the bundled words' stems read)", "pack"),
                        ("the bundled index built from nothing (every word stemmed)", "nothing")):
        seconds = shipped if mode == "shipped" else index_seconds(bin_folder, settings, mode)
        rows.append((label, seconds, "the whole `pmcompare search okr` process", whole))
    report.section(
        "Search", rows,
        f"The registry of the pack section ({settings.pack:,} comparisons), its index built beforehand; the scan "
        "is given each comparison's text joined and casefolded ahead of time, and checks every word of the query "
        f"with `in`; the goal is the median ratio of the {len(SEARCHES)} queries. The whole-process pair runs the "
        f"console script installed from {how}, {settings.process_runs} run(s) each, taking turns: the search "
        "reads the bundled library's prebuilt index, the show renders a table. The index rows time, in "
        f"{settings.process_runs} fresh process(es) of that Python each, what the search command does to get its "
        "index (the median): reading the copy that `make data` built, as shipped; building it when the registry "
        "holds more than the bundled library (the stems of the bundled words are read from that copy); and "
        "building it with no copy at all.",
    )


# What `pmcompare search okr` does, timed around the step that gets the index.
_INDEX_TIMER = """\
import sys, time
import pmcompare
from pmcompare import _bundled
if sys.argv[1] == "nothing":
    _bundled.load_index = lambda items: None  # no prebuilt index at all: every word stemmed
registry = pmcompare.registry()
if sys.argv[1] == "pack":  # the bundled library and one more concept, as an installed pack adds
    registry.register(pmcompare.Concept("Opportunity solution tree", "A visual map of outcomes and bets."))
registry.concepts()
start = time.perf_counter()
registry._search_index()
seconds = time.perf_counter() - start
assert registry.find("okr")
print(seconds)
"""


def index_seconds(bin_folder: Path, settings: Settings, mode: str) -> float:
    """Median seconds that getting the search index takes in a fresh process (``mode``: shipped, pack, nothing)."""
    argv = [str(bin_folder / "python"), "-c", _INDEX_TIMER, mode]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONDONTWRITEBYTECODE")}
    found = []
    for _ in range(max(settings.process_runs, 1)):
        done = subprocess.run(argv, env=env, cwd=bin_folder.parent, capture_output=True, text=True, check=False)
        if done.returncode:
            msg = f"the index timer exited {done.returncode}: {error_line(done.stderr)}"
            raise RuntimeError(msg)
        found.append(float(done.stdout.split()[-1]))
    return statistics.median(found)


# -- the run ----------------------------------------------------------------


def machine() -> str:
    cpu = platform.machine()
    with contextlib.suppress(OSError, StopIteration):
        cpu = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                   if line.startswith("model name"))
    system = f"{platform.system()} {platform.release()}"
    return f"{cpu}, {os.cpu_count()} cores; {system}; Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes, 1-2 repeats, no wheel: a check that it runs")
    settings = QUICK if parser.parse_args().quick else FULL
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="pmcompare-bench-") as temp:
        folder = Path(temp)
        steps: list[tuple[str, Callable[[], None]]] = [
            ("Import and `pmcompare show` (whole process)",
             lambda: section_startup(report, settings, *install(folder, settings))),
            ("Sphinx html build", lambda: section_docs(report, settings, folder, "sphinx")),
            ("MkDocs build", lambda: section_docs(report, settings, folder, "mkdocs")),
            ("Rendering", lambda: section_render(report, settings)),
            (f"Loading a {settings.pack:,}-comparison pack", lambda: section_packs(report, settings, folder)),
            ("Search", lambda: section_search(report, settings, folder)),
        ]
        for heading, step in steps:
            try:
                step()
            except Exception as error:  # noqa: BLE001 - a section that cannot run is reported, not raised
                if isinstance(error, subprocess.CalledProcessError):
                    error = RuntimeError(f"{error}: {error_line((error.stderr or b'').decode(errors='replace'))}")
                log(f"  {heading}: not measured ({str(error).strip().splitlines()[0]})")
                report.failed(heading, error)
    elapsed = time.perf_counter() - started
    mode = "quick run (tiny sizes: the figures mean nothing)" if settings.quick else "full run"
    print(f"## pmcompare benchmark, {datetime.date.today().isoformat()}\n\n"
          f"{machine()}; pmcompare {pmcompare.__version__}; {mode}, {elapsed:.0f} s.\n")
    print("\n".join([*report.lines, *goals_table(report, settings)]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
