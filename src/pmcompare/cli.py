"""The command line: ``pmcompare show``, ``list``, ``concepts``, ``search`` and ``validate``."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Sequence
from typing import TextIO

from . import FORMATS, PmcompareError, Registry, registry, render
from ._text import flatten, visible

__all__ = ["main"]

_EXAMPLES = {
    "show": 'example:\n  pmcompare show "product strategy" "product management" --format markdown',
    "list": "example:\n  pmcompare list",
    "concepts": "example:\n  pmcompare concepts",
    "search": "example:\n  pmcompare search okr",
    "validate": "example:\n  pmcompare validate my-pack/ extra.toml",
    "schema": "example:\n  pmcompare schema > pack.schema.json",
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

    show = command("show", "Show the comparison of two concepts as a table.")
    show.add_argument("a", metavar="A", help="a concept's name, slug or alias (or 'A vs B')")
    show.add_argument("b", metavar="B", nargs="?", help="the other concept")
    show.add_argument("--format", "-f", choices=list(FORMATS), default="text", help="output format (default: text)")
    show.add_argument("--width", "-w", type=int, help="text width in columns (default: the terminal's)")
    show.add_argument("--style", help="text table style, such as grid or github")
    for option in ("title", "summary", "definitions", "aspects"):
        show.add_argument(f"--no-{option}", dest=option, action="store_false", help=f"leave out the {option}")

    command("list", "List every comparison with its summary.")
    command("concepts", "List every concept with its aliases.")
    search = command("search", "Find comparisons by name, alias, definition or statement.")
    search.add_argument("text", nargs="+", help="words to look for")
    validate = command("validate", "Check data packs and print every problem.")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="a .toml or .json file, or a folder of them")
    command("schema", "Print the JSON Schema of the data-pack format, for editors.")
    return parser


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``); return the exit status."""
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    parser = _parser()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit:
        return int(exit.code or 0)
    try:
        return _COMMANDS[args.command](args, out, err)
    except PmcompareError as error:
        print(f"pmcompare: {visible(str(error))}", file=err)
        return 1
    except (TypeError, ValueError) as error:
        print(f"pmcompare: {visible(str(error))}", file=err)
        return 2


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    comparison = registry().get(args.a, args.b)
    options: dict[str, object] = {
        "title": args.title, "summary": args.summary, "definitions": args.definitions, "aspects": args.aspects,
    }
    if args.format == "json":
        options = {}
    if args.format == "text":
        options["width"] = args.width
        if args.style is not None:
            options["style"] = args.style
    elif args.width is not None or args.style is not None:
        msg = "--width and --style apply to --format text only"
        raise ValueError(msg)
    print(render(comparison, args.format, **options), file=out)
    return 0


def _line(*cells: str) -> str:
    return "  ".join(visible(flatten(cell)) for cell in cells)


def _list(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    reg = registry()
    for comparison in reg:
        print(_line(comparison.title, "—", str(comparison.summary)), file=out)
    print(f"\n{len(reg)} comparisons", file=out)
    return 0


def _concepts(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    concepts = registry().concepts()
    for concept in concepts:
        aliases = f"(also: {', '.join(concept.aliases)})" if concept.aliases else ""
        print(_line(concept.name, aliases).rstrip(), file=out)
    print(f"\n{len(concepts)} concepts", file=out)
    return 0


def _search(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    text = " ".join(args.text)
    found = registry().search(text)
    if not found:
        print(f"pmcompare: nothing matches {visible(text)!r}", file=err)
        return 1
    for comparison in found:
        print(_line(comparison.title, "—", str(comparison.summary)), file=out)
    return 0


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from . import DataError

    # A pack may use the concepts of the bundled glossary (and of installed
    # packs), so it is checked against a registry that holds those concepts.
    base = Registry()
    for concept in registry().concepts():
        base.register(concept)
    failed = False
    for path in args.paths:
        try:
            added = base.copy().load(path)
        except DataError as error:
            failed = True
            for problem in error.problems:
                print(visible(str(problem)), file=out)
            count = len(error.problems)
            print(f"{visible(path)}: {count} problem{'s' if count != 1 else ''}", file=out)
        else:
            print(f"{visible(path)}: OK, {len(added)} comparison{'s' if len(added) != 1 else ''}", file=out)
    return 1 if failed else 0


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    import json

    from . import pack_schema

    print(json.dumps(pack_schema(), indent=2, ensure_ascii=False), file=out)
    return 0


_COMMANDS = {
    "show": _show,
    "list": _list,
    "concepts": _concepts,
    "search": _search,
    "validate": _validate,
    "schema": _schema,
}
