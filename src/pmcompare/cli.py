"""The command line: ``pmcompare show``, ``list``, ``concepts``, ``search``, ``validate``, ``schema`` and ``export``."""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Sequence
from typing import TextIO

from . import FORMATS, Concept, PmcompareError, Registry, SearchHit, registry, render
from ._text import flatten, visible
from .renderers import RenderOptions

__all__ = ["main"]

# The same as pmcompare.export.EXPORT_FORMATS (a test checks), which is not
# imported here: the exports' module would cost every command its import.
_EXPORT_FORMATS = ("csv", "jsonl", "json", "sqlite")

_EXAMPLES = {
    "show": 'example:\n  pmcompare show "product strategy" "product management" --format markdown\n'
    '  pmcompare show "product owner" "product manager" "project manager"',
    "list": "example:\n  pmcompare list",
    "concepts": "example:\n  pmcompare concepts",
    "search": 'example:\n  pmcompare search "prioritize features" --format json',
    "validate": "example:\n  pmcompare validate my-pack/ extra.toml",
    "schema": "example:\n  pmcompare schema > pack.schema.json",
    "export": "examples:\n  pmcompare export --format sqlite --out pm.db && datasette pm.db\n"
              "  pmcompare export --format csv --out pm-csv/ --pack my-pack/",
}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pmcompare",
        description="Product-management concepts compared side by side, as tables.",
        epilog='example:\n  pmcompare show "product strategy" "product management"',
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, help: str) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=help, description=help, epilog=_EXAMPLES[name],
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )

    show = command("show", "Show the comparison of two concepts, or the lineup of three or more, as a table.")
    show.add_argument("a", metavar="A", help="a concept's name, slug or alias (or 'A vs B', 'A vs B vs C')")
    show.add_argument("more", metavar="B", nargs="*", help="the other concept, or concepts for a lineup")
    show.add_argument("--format", "-f", choices=list(FORMATS), default="text", help="output format (default: text)")
    show.add_argument("--width", "-w", type=int, help=RenderOptions.help("width"))
    show.add_argument("--style", help=RenderOptions.help("style"))
    for option in RenderOptions.flags():
        show.add_argument(
            f"--no-{option}", dest=option, action="store_false", help=f"leave out {RenderOptions.help(option)}"
        )

    command("list", "List every comparison, then every lineup, with its summary.")
    command("concepts", "List every concept with its aliases.")
    search = command("search", "Find comparisons and concepts by name, alias, aspect, definition or statement.")
    search.add_argument("text", nargs="+", help="words to look for")
    search.add_argument("--format", "-f", choices=["text", "json"], default="text", help="text (default) or json")
    search.add_argument("--limit", "-n", type=int, help="show at most this many results")
    validate = command("validate", "Check data packs and print every problem.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a .toml or .json file, or a folder of them")
    command("schema", "Print the JSON Schema of the data-pack format, for editors.")
    export = command("export", "Write the library, or data packs, as a dataset: CSV, JSON Lines, JSON or SQLite.")
    export.add_argument("--format", "-f", required=True, choices=_EXPORT_FORMATS,
                        help="csv or jsonl (a folder of a file per table, or a .zip), json (one file), sqlite")
    export.add_argument("--out", "-o", required=True, metavar="PATH", help="the file, folder or .zip to write")
    export.add_argument("--pack", action="append", metavar="PATH",
                        help="export this pack instead of the library (repeat for more); "
                             "it may use the library's concepts")
    for flag, what in (("--data-version", "the data's version"), ("--licence", "the data's licence, as an SPDX name"),
                       ("--attribution", "how to credit the data")):
        export.add_argument(flag, metavar="TEXT", help=f"{what}, for the metadata table (for data other than "
                                                       "the library, which has none of the library's)")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status.

    0 is success; 1 means the command could not do its job (a name not
    found, a pack with problems, output that could not be written); 2 is a
    usage error; 141 (128 + SIGPIPE, as other tools) means the reader of the
    output went away, as ``pmcompare list | head -1`` does.
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if err is None:  # standard error closed: there is nowhere to say anything
        err = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
    if out is None:
        print("pmcompare: standard output is closed; nothing can be written", file=err)
        return 1
    for stream in (out, err):
        _write_what_can_be_written(stream)
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    try:
        status = _COMMANDS[args.command](args, out, err)
        out.flush()
    except PmcompareError as error:
        print(f"pmcompare: {visible(str(error))}", file=err)
        return 1
    except BrokenPipeError:
        # The reader is gone: say nothing, and keep the interpreter's own
        # flush at exit from failing again.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())
        return 128 + 13
    except OSError as error:
        if error.errno == errno.EPIPE:
            return 128 + 13
        print(f"pmcompare: cannot write the output: {visible(error.strerror or str(error))}", file=err)
        return 1
    except (TypeError, ValueError) as error:
        print(f"pmcompare: {visible(str(error))}", file=err)
        return 2
    return status


def _write_what_can_be_written(stream: TextIO) -> None:
    """Let a stream whose encoding cannot hold some text write it as ``\\u`` escapes rather than fail."""
    reconfigure = getattr(stream, "reconfigure", None)
    if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors="backslashreplace")


def _encodes(stream: TextIO, text: str) -> bool:
    """Whether ``stream`` can write ``text`` as it is (a stream with no known encoding is taken to)."""
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    comparison = registry().get(args.a, *args.more)
    # Only what was asked for, so that an option the format does not take
    # (--no-title with json, --width with html) is refused, not ignored.
    asked: dict[str, object] = {name: False for name in RenderOptions.flags() if not getattr(args, name)}
    if args.width is not None:
        asked["width"] = args.width
    if args.style is not None:
        asked["style"] = args.style
    elif "style" in FORMATS[args.format].options and not _encodes(out, "╭─╮│"):
        asked["style"] = "grid"  # a terminal that cannot show the rounded borders gets plain ASCII ones
    refused = [name for name in asked if name not in FORMATS[args.format].options]
    if refused:
        flags = ", ".join(f"--{name}" if name in ("width", "style") else f"--no-{name}" for name in refused)
        msg = f"the {args.format} format takes no {flags}"
        raise ValueError(msg)
    print(render(comparison, args.format, **asked), file=out)
    return 0


def _line(*cells: str) -> str:
    return "  ".join(visible(flatten(cell)) for cell in cells)


def _dash(out: TextIO) -> str:
    return "—" if _encodes(out, "—") else "-"


def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reg = registry()
    for comparison in reg:
        print(_line(comparison.title, _dash(out), str(comparison.summary)), file=out)
    lineups = reg.lineups()
    if lineups:
        print("\nlineups:", file=out)
    for lineup in lineups:
        print(_line(lineup.title, _dash(out), lineup.summary_text), file=out)
    count = f"\n{len(reg)} comparisons"
    print(count + (f", {len(lineups)} lineups" if lineups else ""), file=out)
    return 0


def _concepts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    concepts = registry().concepts()
    for concept in concepts:
        aliases = f"(also: {', '.join(concept.aliases)})" if concept.aliases else ""
        print(_line(concept.name, aliases).rstrip(), file=out)
    print(f"\n{len(concepts)} concepts", file=out)
    return 0


def _search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import Concept

    text = " ".join(args.text)
    reg = registry()
    hits = reg.find(text, limit=args.limit)
    if not hits:
        near = reg.search_suggestions(text)
        maybe = "; did you mean " + " or ".join(repr(visible(w)) for w in near) + "?" if near else ""
        print(f"pmcompare: nothing matches {visible(text)!r}{maybe}", file=err)
        return 1
    if args.format == "json":
        import json

        records = [_record(hit) for hit in hits]
        print(json.dumps(records, indent=2), file=out)
        return 0
    bold = out.isatty() and not os.environ.get("NO_COLOR")
    comparisons = [hit for hit in hits if not isinstance(hit.item, Concept)]
    concepts = [hit for hit in hits if isinstance(hit.item, Concept)]

    def show(found: list[SearchHit]) -> None:
        for hit in found:
            print(_line(_title(hit), "(lineup)" if hit.kind == "lineup" else "").rstrip(), file=out)
            print(f"    {hit.field}: {_marked(hit, bold)}", file=out)

    show(comparisons)
    if concepts:
        print("\nconcepts:" if comparisons else "concepts:", file=out)
        show(concepts)
    return 0


def _title(hit: SearchHit) -> str:
    """What a hit is called: a concept's name, a comparison's or lineup's title."""
    from . import Concept

    item = hit.item
    return item.name if isinstance(item, Concept) else item.title


def _record(hit: SearchHit) -> dict[str, object]:
    item = hit.item
    return {
        "kind": hit.kind, "slug": item.slug, "title": _title(hit), "score": hit.score,
        "field": hit.field, "snippet": hit.snippet, "spans": [list(span) for span in hit.spans],
    }


def _marked(hit: SearchHit, bold: bool) -> str:
    """The hit's snippet, every piece made visible, the matched words in bold on a terminal."""
    before, after = ("\x1b[1m", "\x1b[0m") if bold else ("", "")
    pieces, last = [], 0
    for start, end in hit.spans:
        pieces += [visible(hit.snippet[last:start]), before, visible(hit.snippet[start:end]), after]
        last = end
    pieces.append(visible(hit.snippet[last:]))
    return flatten("".join(pieces))


def _counted(count: int, noun: str) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{count} {noun}{'s' if count != 1 else ''}"


def _comparisons_and_lineups(comparisons: int, lineups: int) -> str:
    """``3 comparisons``, with ``, 1 lineup`` when there are any."""
    return _counted(comparisons, "comparison") + (f", {_counted(lineups, 'lineup')}" if lineups else "")


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import DataError

    # A pack may use the concepts of the bundled glossary (and of installed
    # packs), so it is checked against a registry that holds those concepts.
    base = Registry()
    for concept in registry().concepts():
        base.register(concept)
    failed = False
    for path in args.paths:
        trial = base.copy()
        try:
            added = trial.load(path)
        except DataError as error:
            failed = True
            for problem in error.problems:
                print(visible(str(problem)), file=out)
            count = len(error.problems)
            print(f"{visible(path)}: {_counted(count, 'problem')}", file=out)
        else:
            print(f"{visible(path)}: OK, {_comparisons_and_lineups(len(added), len(trial.lineups()))}", file=out)
    return 1 if failed else 0


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from . import pack_schema

    print(json.dumps(pack_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import DataError
    from .export import metadata_for, write

    if args.pack:
        try:
            chosen = _packs(args.pack)
        except DataError as error:
            for problem in error.problems:
                print(visible(str(problem)), file=err)
            print(f"pmcompare: nothing written: {len(error.problems)} problem(s) in the packs", file=err)
            return 1
    else:
        chosen = registry()
    given = {key: value for key, value in (("data_version", args.data_version), ("licence", args.licence),
                                           ("attribution", args.attribution)) if value is not None}
    try:
        path = write(chosen, args.out, args.format, meta=metadata_for(chosen, given))
    except OSError as error:
        print(f"pmcompare: cannot write {visible(args.out)}: {visible(error.strerror or str(error))}", file=err)
        return 1
    counts = _comparisons_and_lineups(len(chosen), len(chosen.lineups()))
    print(f"wrote {visible(str(path))}: {counts}, {len(chosen.concepts())} concepts", file=out)
    return 0


def _packs(paths: Sequence[str]) -> Registry:
    """A registry of these packs alone; a concept they name but do not define is taken from the library."""
    from . import UnknownConceptError
    from .packs import read_pack

    library, chosen = registry(), Registry()

    def known(name: str) -> Concept:
        try:
            return chosen.concept(name)
        except UnknownConceptError:
            return library.concept(name)

    for path in paths:
        chosen.add(read_pack(path, known=known))
    return chosen


_COMMANDS = {
    "show": _show,
    "list": _list,
    "concepts": _concepts,
    "search": _search,
    "validate": _validate,
    "schema": _schema,
    "export": _export,
}
