"""The hostile corpus: text that has broken renderers elsewhere, checked in every format.

Each entry is one string; :func:`comparison` puts one of them in every text
field of a Comparison. Scripts in the corpus call ``alert()``, which the
browser test replaces with a function that records that a script ran.
"""

from __future__ import annotations

from pmcompare import Comparison, Concept, Difference, Lineup, LineupRow, Source

__all__ = [
    "CORPUS", "END_ROW", "PYTHON_MARKDOWN", "comparison", "expected_rows", "ident", "lineup", "raw_invisible", "shown",
]

CORPUS: list[str] = [
    # Table structure.
    "a | b | c",
    "`x | y` and ``a|b``",
    "ends with a backslash \\",
    "\\",
    "\\| \\\\| \\`",
    # HTML and scripts.
    "<script>alert('script')</script>",
    "<img src=x onerror=\"alert('img')\">",
    "<svg onload=alert('svg')><a href=javascript:alert('a')>x</a>",
    "\"><script>alert('quote')</script><p title='",
    "' onmouseover='alert(1)' x='",
    "</td></tr></table></div><script>alert('close')</script>",
    "<!-- unclosed comment <![CDATA[ x ]]> <?php echo 1 ?>",
    '<style>*{display:none}</style><meta http-equiv="refresh" content="0;url=https://example.com">',
    "<iframe srcdoc=\"<script>alert('iframe')</script>\"></iframe>",
    # Markdown.
    "[click](javascript:alert('md')) ![img](https://example.com/x.png) [ref][1]",
    "<javascript:alert('autolink')> <https://example.com> <mail@example.com>",
    "www.example.com http://example.com mailto:a@example.com //example.com user@example.org",
    "*em* _em_ **strong** __strong__ ~~del~~ ~sub~ $x^2$ $$y$$",
    "# heading",
    "> quote",
    "- item",
    "+ item",
    "1. item",
    "1) item",
    "---",
    "===",
    "[^1] [1]: https://example.com {: onclick=\"alert('attr')\" } {#id .class}",
    # reStructuredText.
    "`x <javascript:alert('rst')>`_ and `y`__ and https://example.com",
    ".. raw:: html\n\n   <script>alert('raw')</script>",
    ".. include:: /etc/passwd",
    "|sub| [#]_ [1]_ :role:`x` ``lit`` _`target` .. _x: https://example.com",
    "• bullet ‣ bullet ◦ bullet",
    # Entity references and templates.
    "&amp; &lt;script&gt; &#x3C;b&#62; &nbsp; &copy &#0; &#x110000;",
    "{0} %s {{x}} ${x} #{x} <%= x %>",
    # LaTeX.
    "\\end{tabularx} \\input{/etc/passwd} \\\\ % # & _ { } ~ ^ $",
    # Control and format characters.
    "\x1b[31mred\x1b[0m \x1b[2J",
    "\x1b]8;;https://example.com\x07link\x1b]8;;\x07 \x1b]0;title\x07",
    "nul\x00byte \x07bell \x08back \x7fdel \x9bcsi",
    "line one\nline two\r\nthree\rfour\u2028five\u2029six\x85seven\x1c\x1d\x1e\x1f\x0b\x0c\ttab",
    "\u202eevil\u202c \u2066isolate\u2069 \u200fRLM",
    "zero\u200bwidth\u200c\u200d\u2060joiner",
    "\ufeffbom",
    "\u0301combining at start, e\u0301",
    # Wide and astral characters.
    "漢字とかな 한국어 中文",
    "👩‍💻 🇳🇴 👍🏽 🏴󠁧󠁢󠁳󠁣󠁴󠁿",
    "x" * 10_000,
]
"""Hostile strings, each non-blank, for every format's corpus test."""

END_ROW = Difference("End row", "left end", "right end")
"""The last row of :func:`comparison`: plain text that must survive whatever came before it."""


# Syntax that Python-Markdown extensions common on Material for MkDocs sites
# turn into markup (in a paragraph or a cell), or into other text.
PYTHON_MARKDOWN: list[str] = [
    "!!! note \"Title\"",
    "??? note",
    "???+ note",
    ": a definition",
    "1234567890. item",
    "1234567890) item",
    ":smile: :+1: :material-check:",
    "==mark== ^^insert^^ x^sup^ ~sub~ ~~del~~",
    "++ctrl+alt+del++",
    "{++add++} {--del--} {~~a~>b~~} {==mark==} {>>comment<<}",
    "@user #12 !34 ?56 u/r#7 u/r@abc1234",
    "(c) (r) (tm) (p) c/o +/- =/= --> <-- <--> 1/2 3/4 1st 2nd 3rd 4th",
    "$x$ $$y$$ \\(z\\) \\[w\\]",
    "*[HTML]: Hyper Text Markup Language",
    "[^note] [^note]: a footnote",
    "- [ ] task - [x] done",
    "--8<-- \"README.md\"",
    "=== \"Tab\"",
    "{: .class #id }",
]


def comparison(text: str) -> Comparison:
    """A Comparison with ``text`` in every text field: names, definitions, aspect, sides, summary.

    The right concept's name is ``text + " again"`` so the two names differ; a
    plain :data:`END_ROW` follows the hostile row, so that text which swallows
    the rest of the table shows up as a missing row.
    """
    left = Concept(text, text, slug="hostile-left", aliases=[f"{text} alias"])
    right = Concept(f"{text} again", text, slug="hostile-right")
    return Comparison(
        left,
        right,
        (Difference(text, text, text), END_ROW),
        summary=text,
        sources=[Source(text)],
        similarities=[text],
        tags=["hostile"],
    )


def lineup(text: str, columns: int = 3) -> Lineup:
    """A Lineup of ``columns`` concepts with ``text`` in every field and a plain last row, as :func:`comparison`."""
    concepts = [
        Concept(f"{text} {index}", text, slug=f"hostile-{index}", aliases=[f"{text} alias {index}"])
        for index in range(columns)
    ]
    return Lineup(
        concepts,
        (LineupRow(text, [text] * columns), LineupRow("End row", [f"end {index}" for index in range(columns)])),
        summary=text,
        sources=[Source(text)],
        similarities=[text],
        tags=["hostile"],
        notes=[text],
    )


# Format characters that are part of writing and may reach the output raw:
# the joiners (in emoji sequences and Persian or Indic words) and the emoji tag
# characters of subdivision flags. Bidirectional controls never may.
WRITING_FORMAT = frozenset({"\u200c", "\u200d", *map(chr, range(0xE0020, 0xE0080))})
# The prepended concatenation marks: visible signs of Arabic, Syriac and Kaithi
# (format characters by category), which visible() keeps as they are.
PREPENDED = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd")
BIDI_CONTROLS = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Cn", "Zl", "Zp"})


def raw_invisible(output: str) -> str:
    """The characters of ``output`` that no renderer may write raw: controls, bidi controls, other format characters.

    Line breaks between lines of output are the renderer's own; the joiners
    and emoji tags of :data:`WRITING_FORMAT` and the marks of :data:`PREPENDED`
    are writing.
    """
    import unicodedata

    return "".join(
        c
        for c in output
        if c != "\n"
        and unicodedata.category(c) in INVISIBLE
        and (c not in WRITING_FORMAT or c in BIDI_CONTROLS)
        and c not in PREPENDED
    )


def ident(text: str) -> str:
    """A short, printable test id for a corpus entry."""
    shown = text.encode("unicode_escape").decode("ascii")
    return shown if len(shown) <= 40 else shown[:37] + "..."


def shown(text: str) -> str:
    """What a reader sees of a field: flattened whitespace, visible escapes for invisible characters."""
    from pmcompare._text import flatten, visible

    return visible(flatten(text))


def expected_rows(comparison: Comparison | Lineup, aspects: bool = True) -> list[list[str]]:
    """The table every format must read back as: header row, then a row per difference, as shown."""
    if isinstance(comparison, Lineup):
        names = [c.name for c in comparison.concepts]
        cells = [list(row.cells) for row in comparison.differences]
    else:
        names = [comparison.left.name, comparison.right.name]
        cells = [[d.left, d.right] for d in comparison.differences]
    header = ["Aspect", *names] if aspects else names
    body = [[a, *c] if aspects else c for a, c in zip(comparison.aspects, cells, strict=True)]
    return [[shown(cell) for cell in row] for row in [header, *body]]
