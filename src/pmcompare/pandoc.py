"""A pandoc JSON filter: a ``pmcompare`` block becomes a real pandoc table, for each output whose text stays text.

Run it as ``pandoc --filter pmcompare-pandoc`` (or ``python -m
pmcompare.pandoc``; in Quarto, ``filters: [pmcompare-pandoc]``). A fenced
div with the class ``pmcompare`` and the names in ``pair``, or a fenced code
block with the class ``pmcompare`` and the names as its text, asks for a
comparison::

    ::: {.pmcompare pair="okr | kpi" definitions=false}
    :::

    ```{.pmcompare aspects="Time horizon, Owner"}
    product strategy | product management
    ```

The options are attributes: ``title``, ``summary``, ``definitions`` and
``notes`` (``true`` by default), ``swap`` (``false`` by default) and
``aspects`` (the rows to keep, comma-separated). The block becomes a div
with the class ``pmcompare`` (and the block's id and other classes) holding
a ``Table`` (class ``pmcompare-table``: the title as its caption, a header
row, the aspects as row headers), then the summary, the definitions as a
definition list and the notes, the order of every host. A div's own content, if any, is the caption
instead of the title. Every piece of text is ``Str`` and ``Space`` inlines,
never read as Markdown, so each pandoc writer escapes it for its format;
for the two kinds of output where pandoc's writer would leave text that
becomes a link or changes (the CommonMark formats, ``gfm`` among them, where
GitHub links a bare address, and ``latex``/``beamer``, where TeX curls
quotes and joins dashes), the text is a raw inline of that format, escaped
by pmcompare's own ``markdown`` or ``latex`` format. Only the formats
whose writer keeps ``Str`` text (HTML, ``docx``, ``odt``, ``opendocument``,
EPUB, ``pptx``, ``icml``, DocBook, JATS, ``tei``, ``native``, ``json``,
``plain``) and those two kinds are written; for any other (``asciidoc``,
``rst``, ``mediawiki``, ``org``, pandoc's own ``markdown``...), whose writer
would leave text that becomes a link or markup, a document with a
``pmcompare`` block fails with a message naming the supported formats. Run
by hand with no format, the filter writes ``Str`` and ``Space``. A ``pmcompare`` div
with no attributes at all is left as it is, so the filter's own output
passes through a second run unchanged.

Data packs to load besides the installed ones come from the document's
metadata (paths relative to the folder pandoc runs in)::

    pmcompare:
      packs: [data/]

Pandoc hands the filter its API version in the JSON (``pandoc-api-version``)
and reads back only the version it wrote; the filter writes the document
back with the version it got. The nodes it makes have the same shape in API
1.22 (pandoc 2.11 to 2.19) and 1.23 (pandoc 3); an older version, whose
tables were of another shape, is refused with a message. An unknown name or
a bad option fails the conversion: every problem in the document is written
to standard error, with the nearest known names, and the exit status is 1.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any

from . import DataError, PmcompareError
from ._embed import registry_with
from ._request import BlockError, read
from .registry import Registry
from .renderers._table import Table

__all__ = ["OLDEST_API", "FilterError", "blocks", "main", "transform"]

Json = Any
"""A value of pandoc's JSON AST."""

# The output formats whose text the filter writes as a raw inline, escaped by
# one of pmcompare's own formats (see _inliner); a format name may carry
# +extension or -extension.
_RAW = {
    **dict.fromkeys(("gfm", "commonmark", "commonmark_x", "markdown_github"), "markdown"),
    **dict.fromkeys(("latex", "beamer"), "latex"),
}
_FORMAT_NAME = re.compile(r"[a-z_0-9]+")

# The output formats whose writer makes ``Str`` and ``Space`` plain text in a
# table (markup, elements or XML of its own, escaping every character that
# matters); any ``html*`` and ``jats*`` too. Other writers (asciidoc, rst,
# mediawiki, org...) leave text that their tool reads as links or markup.
_PLAIN = frozenset(
    {"docx", "odt", "opendocument", "epub", "epub2", "epub3", "pptx", "icml", "docbook", "docbook4", "docbook5",
     "tei", "native", "json", "plain",
     # HTML slides, written by pandoc's HTML writer; chunkedhtml is pandoc 3's HTML in pieces.
     "revealjs", "s5", "slidy", "slideous", "dzslides", "chunkedhtml"}
)
_PLAIN_PREFIXES = ("html", "jats")


def _format_name(format: str | None) -> str:
    """An output format's name without its +extension and -extension."""
    found = _FORMAT_NAME.match(format or "")
    return found.group(0) if found else ""


def _supported(name: str) -> bool:
    return name in _RAW or name in _PLAIN or name.startswith(_PLAIN_PREFIXES)


_SUPPORTED = ", ".join(sorted({*_RAW, *_PLAIN, "html*", "jats*"}))

OLDEST_API = (1, 22)
"""The oldest pandoc API version whose tables the filter writes (pandoc 2.11)."""

_USAGE = """\
usage: pmcompare-pandoc [FORMAT]

A pandoc JSON filter: reads pandoc's JSON AST on standard input and writes it
on standard output, each pmcompare block made a table. Run it from pandoc:

    pandoc --filter pmcompare-pandoc input.md -o output.docx

with blocks such as

    ::: {.pmcompare pair="okr | kpi" definitions=false}
    :::
"""


class FilterError(PmcompareError, ValueError):
    """A document the filter cannot transform: not pandoc's JSON, an API version too old, or bad blocks.

    ``.problems`` holds one line per problem, every bad block of the document at once.
    """

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(self.problems))


def _attr(identifier: str = "", classes: Sequence[str] = ()) -> Json:
    return [identifier, list(classes), []]


def _words(text: str) -> Json:
    """Shown text as ``Str`` and ``Space`` inlines: text, never markup."""
    out: list[Json] = []
    for word in text.split(" "):
        if out:
            out.append({"t": "Space"})
        if word:
            out.append({"t": "Str", "c": word})
    return out


def _inliner(format: str | None) -> Callable[[str], Json]:
    """How text becomes inlines for an output format: ``Str`` and ``Space``, or a raw inline pmcompare escaped.

    Pandoc's CommonMark writers leave a bare address in a ``Str`` as it is,
    which GitHub links, and its LaTeX writer leaves quotes and dashes that
    TeX curls and joins; for those formats the text is a raw inline escaped
    by pmcompare's own ``markdown`` or ``latex`` format, which keeps it text.
    """
    name = _format_name(format)
    renderer = _RAW.get(name)
    if renderer is None:
        return _words
    import importlib

    escape: Callable[[str], str] = importlib.import_module(f"{__package__}.renderers.{renderer}").escape
    raw = "latex" if renderer == "latex" else name
    return lambda text: [{"t": "RawInline", "c": [raw, escape(text)]}]


def _table(shape: Table, caption: Json, inlines: Callable[[str], Json]) -> Json:
    """A pandoc ``Table`` (API 1.22 and 1.23): caption, relative column widths, a head row and row headers."""

    def row(cells: Sequence[str]) -> Json:
        return [_attr(), [[_attr(), {"t": "AlignDefault"}, 1, 1, [{"t": "Plain", "c": inlines(c)}]] for c in cells]]

    columns = [[{"t": "AlignDefault"}, {"t": "ColWidth", "c": share / 100}] for share in shape.shares]
    head = [_attr(), [row(shape.header)]]
    body = [_attr(), 1 if shape.stub else 0, [], [row(cells) for cells in shape.rows]]
    return {"t": "Table", "c": [_attr("", ["pmcompare-table"]), [None, caption], columns, head, [body], [_attr(), []]]}


def blocks(shape: Table, caption: Json | None = None, *, format: str | None = None) -> list[Json]:
    """The pandoc blocks for a table: the ``Table`` with its caption, then the summary, the definitions, the notes.

    ``caption`` (pandoc blocks) stands for the title, when given; ``format``
    is the output format pandoc named, if any.
    """
    inlines = _inliner(format)
    out: list[Json] = []
    if caption is None:
        caption = [{"t": "Plain", "c": inlines(shape.title)}] if shape.title is not None else []
    out.append(_table(shape, caption, inlines))
    if shape.summary is not None:
        out.append({"t": "Para", "c": inlines(shape.summary)})
    if shape.definitions:
        items = [[inlines(name), [[{"t": "Para", "c": inlines(text)}]]] for name, text in shape.definitions]
        out.append({"t": "DefinitionList", "c": items})
    out += [{"t": "Para", "c": inlines(note)} for note in shape.notes]
    return out


def _written(attr: Json, text: str = "") -> str:
    """A block's attributes as they would be written in Markdown, to name it in an error."""
    identifier, classes, pairs = attr
    parts = ([f"#{identifier}"] if identifier else []) + [f".{c}" for c in classes]
    parts += [f"{key}={json.dumps(value, ensure_ascii=False)}" for key, value in pairs]
    written = "{" + " ".join(parts) + "}"
    return f"{written} {text}".strip() if text else written


def _is_request(node: dict[str, Json]) -> bool:
    kind = node.get("t")
    if kind not in ("Div", "CodeBlock"):
        return False
    _check(node)
    attr = node["c"][0]
    # A div without attributes is the filter's own output (or a plain wrapper).
    return "pmcompare" in attr[1] and (kind == "CodeBlock" or bool(attr[2]))


def _check(node: dict[str, Json]) -> None:
    """A ``Div`` or ``CodeBlock`` of the shape pandoc writes; a :class:`FilterError` saying what is wrong otherwise."""
    kind = node["t"]
    content = "a list of blocks" if kind == "Div" else "its text"
    shape = f"[[identifier, [classes], [[key, value]...]], {content}]"
    value = node.get("c")
    ok = isinstance(value, list) and len(value) == 2
    if ok and isinstance(value, list):
        attr, inner = value
        ok = (
            isinstance(attr, list)
            and len(attr) == 3
            and isinstance(attr[0], str)
            and isinstance(attr[1], list)
            and all(isinstance(c, str) for c in attr[1])
            and isinstance(attr[2], list)
            and all(isinstance(p, list) and len(p) == 2 and all(isinstance(v, str) for v in p) for p in attr[2])
            and isinstance(inner, list if kind == "Div" else str)
        )
    if not ok:
        found = "nothing" if value is None else _cut(json.dumps(value, ensure_ascii=False))
        msg = f"a {kind} in the document is not of pandoc's shape: its \"c\" should be {shape}, not {found}"
        raise FilterError([msg])


def _cut(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


class _Transformer:
    def __init__(self, registry: Registry, format: str | None) -> None:
        self.registry = registry
        self.format = format
        self.problems: list[str] = []

    def replace(self, node: dict[str, Json]) -> Json:
        name = _format_name(self.format)
        if self.format is not None and not _supported(name):
            problem = (
                f"the output format {name!r} is not supported: pandoc's writer for it would let cell text become"
                f" markup; supported: {_SUPPORTED}"
            )
            if problem not in self.problems:
                self.problems.append(problem)
            return node
        attr, content = node["c"]
        identifier, classes, pairs = attr
        options = dict(pairs)
        names = options.pop("pair", "")
        caption = None
        if node["t"] == "CodeBlock":
            written = _written(attr, content)
            if content.strip() and names:
                self.problems.append(f"{written}: give the names once, as the block's text or as pair=")
                return node
            names = names or content
        else:
            written = _written(attr)
            caption = content or None
        try:
            shape = read(names, options, block=written).shape(self.registry, block=written)
        except BlockError as error:
            self.problems.append(str(error))
            return node
        others = [c for c in classes if c != "pmcompare"]
        made = blocks(shape, caption, format=self.format)
        return {"t": "Div", "c": [_attr(identifier, ["pmcompare", *others]), made]}


def _walk(value: Json, replace: Callable[[dict[str, Json]], Json]) -> Json:
    if isinstance(value, list):
        return [_walk(item, replace) for item in value]
    if isinstance(value, dict):
        if _is_request(value):
            return replace(value)
        return {key: _walk(item, replace) for key, item in value.items()}
    return value


def _text(meta: Json) -> str:
    """The text of a metadata value (``MetaInlines``, ``MetaString``...), as pandoc's ``stringify``."""
    if isinstance(meta, dict):
        kind = meta.get("t")
        if kind in ("Str", "MetaString"):
            return str(meta.get("c", ""))
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        if kind == "Code":
            code = meta.get("c")
            return str(code[1]) if isinstance(code, list) and len(code) == 2 else ""
        return _text(meta.get("c", []))
    if isinstance(meta, list):
        return "".join(_text(item) for item in meta)
    return ""


def _packs(meta: Json) -> list[str]:
    """``pmcompare.packs`` from the document's metadata: a list of paths, or one path."""
    settings = meta.get("pmcompare") if isinstance(meta, dict) else None
    if not isinstance(settings, dict) or settings.get("t") != "MetaMap" or not isinstance(settings.get("c"), dict):
        return []
    packs = settings["c"].get("packs")
    if packs is None:
        return []
    items = packs.get("c") if isinstance(packs, dict) and packs.get("t") == "MetaList" else [packs]
    if not isinstance(items, list) or not all(_is_path(item) for item in items):
        found = _cut(json.dumps(_plain(packs), ensure_ascii=False))
        msg = f"pmcompare.packs takes a path or a list of paths, such as packs: [data/], not {found}"
        raise FilterError([msg])
    return [path for path in (_text(item).strip() for item in items) if path]


def _is_path(item: Json) -> bool:
    """A metadata value that is text: ``MetaString`` or ``MetaInlines`` (not a bool, a map or a list)."""
    return isinstance(item, dict) and item.get("t") in ("MetaString", "MetaInlines")


def _plain(meta: Json) -> Json:
    """A metadata value as it was written, to show it: ``true``, a string, a list..."""
    if isinstance(meta, dict) and "t" in meta:
        kind, value = meta.get("t"), meta.get("c")
        if kind == "MetaBool":
            return value
        if kind == "MetaList" and isinstance(value, list):
            return [_plain(v) for v in value]
        if kind == "MetaMap" and isinstance(value, dict):
            return {k: _plain(v) for k, v in value.items()}
        return _text(meta)
    return meta


def _version(document: Json) -> list[int]:
    if not isinstance(document, dict) or not isinstance(document.get("blocks"), list):
        msg = "standard input is not a pandoc document in JSON (run the filter from pandoc: pandoc --filter ...)"
        raise FilterError([msg])
    version = document.get("pandoc-api-version")
    if not (isinstance(version, list) and len(version) >= 2 and all(isinstance(v, int) for v in version)):
        msg = f"the document has no pandoc-api-version such as [1, 23] (found {version!r}); is it from pandoc?"
        raise FilterError([msg])
    if tuple(version[:2]) < OLDEST_API:
        shown = ".".join(map(str, version))
        oldest = ".".join(map(str, OLDEST_API))
        msg = f"pandoc API {shown} is older than {oldest}, whose tables this filter writes: use pandoc 2.11 or later"
        raise FilterError([msg])
    return version


def transform(document: Json, *, format: str | None = None, registry: Registry | None = None) -> Json:
    """The pandoc document (its JSON AST, as parsed) with every ``pmcompare`` block made a table.

    The document keeps its ``pandoc-api-version``. ``format`` is the output
    format pandoc names (the filter's argument). ``registry`` defaults to
    the default one plus the packs of the ``pmcompare.packs`` metadata.
    Raises :class:`FilterError` with every problem of the document, and
    :class:`~pmcompare.DataError` for a pack that does not load.
    """
    _version(document)
    if registry is None:
        registry = registry_with(_packs(document.get("meta", {})))
    transformer = _Transformer(registry, format)
    out = dict(document, blocks=_walk(document["blocks"], transformer.replace))
    if transformer.problems:
        raise FilterError(transformer.problems)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    """The filter's command line: pandoc's JSON on standard input, the transformed JSON on standard output.

    Returns the exit status: 0 on success, 1 when the document cannot be
    transformed (every problem on standard error), 2 for a wrong use.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["-h"], ["--help"]):
        sys.stdout.write(_USAGE)
        return 0
    # pandoc passes the output format as the one argument.
    if len(args) > 1 or sys.stdin is None or sys.stdin.isatty():
        sys.stderr.write(_USAGE)
        return 2
    try:
        document = json.loads(sys.stdin.buffer.read())
        out = transform(document, format=args[0] if args else None)
    except DataError as error:
        problems = [f"pmcompare.packs: {error}"]
    except FilterError as error:
        problems = list(error.problems)
    except (ValueError, RecursionError) as error:
        problems = [f"cannot read pandoc's JSON: {error}"]
    else:
        sys.stdout.buffer.write(json.dumps(out).encode("ascii"))
        sys.stdout.flush()
        return 0
    sys.stderr.writelines(f"pmcompare-pandoc: {problem}\n" for problem in problems)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
