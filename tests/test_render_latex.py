r"""Tests for the LaTeX renderer, compiled by a real LaTeX engine and read back with pdftotext.

The compile test needs LuaLaTeX and pdftotext (``scripts/system-deps.sh``
installs them); without them it fails rather than skips. It compiles one
document holding every hostile comparison, so there is one engine run.

What the text comparison normalises, and why:

- all whitespace is removed from both sides: TeX wraps cells into lines and
  breaks long words at the renderer's ``\allowbreak`` points, and pdftotext
  writes each line break as a newline. The test document sets
  ``\hyphenpenalty=10000`` so that no hyphen is ever added at a break, and
  ``\pagestyle{empty}`` so that no page number falls inside a paragraph
  that runs over a page;
- both sides are put in Unicode NFC: HarfBuzz shapes ``e`` + U+0301 to the
  precomposed glyph, which pdftotext reads as ``é``;
- the expected text is the documented treatment: whitespace runs to one
  space, control and format characters as visible escapes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given

import hostile
import pmcompare
from hostile import CORPUS
from pmcompare import Comparison, Concept, Difference, render
from pmcompare._text import flatten, visible
from pmcompare.renderers import latex
from pmcompare.renderers._table import word_pieces
from strategies import comparisons, texts

# Attempts to run TeX, break out of the table or the document, or reach files.
LATEX_HOSTILE = (
    *CORPUS,
    "\\write18{touch /tmp/pmcompare-pwned}",
    "\\immediate\\write18{id}",
    "\\input{/etc/passwd}",
    "\\include{x}",
    "\\openin5=/etc/passwd",
    "\\def\\x{y}\\x",
    "\\catcode`\\@=11",
    "^^5cinput{/etc/passwd}",
    "\\end{document}",
    "\\end{tabularx}\\begin{verbatim}",
    "\\verb|x|",
    "\\\\[2pt] next row",
    "[opt] at the start",
    "* star at the start",
    "\\\\* x",
    "$x^2_i$ and $$y$$",
    "% comment to the end of the line",
    "a & b & c & d",
    "#1 ## #",
    "~ ~~ non-breaking",
    "-- --- en and em",
    "``quoted'' and 'single' and \"double\"",
    "?` !` ,, << >>",
    "{ unbalanced",
    "} unbalanced",
    "\\",
    "trailing backslash \\",
    "\\par\\vskip 100cm",
    "漢字かな交じり文 한국어 👩‍💻 🇳🇴 😀 ✅",
)

PREAMBLE = r"""\documentclass{article}
\usepackage{tabularx,booktabs}
\usepackage{fontspec}
\directlua{luaotfload.add_fallback("pmcompare", {"NotoSansCJKjp-Regular:mode=harf;", "Symbola:mode=harf;"})}
\setmainfont{DejaVu Sans}[RawFeature={fallback=pmcompare}]
\hyphenpenalty=10000
\pagestyle{empty}
\begin{document}
"""

# What may remain of escaped text once the renderer's own commands are taken out.
_OWN_COMMANDS = re.compile(
    r"\\(?:textbackslash|textasciicircum|textasciitilde|textless|textgreater|textbar|textquotedbl"
    r"|textquotesingle|textasciigrave|allowbreak|kern0pt)\{\}|\\[{}$&#%_]|\{[\[\]*]\}"
)
_TEX_SPECIAL = frozenset("\\{}$&#%_^~[]*")


def cell(index: int, side: str, text: str) -> str:
    """A cell of the corpus, made unique by a prefix so that it can be found in the PDF."""
    return f"c{index}{side}:{text}"


def corpus() -> list[Comparison]:
    """One comparison per hostile text, which is in every field."""
    out = [pmcompare.get("product strategy", "product management")]
    for index, text in enumerate(t for t in LATEX_HOSTILE if t.strip()):
        out.append(
            Comparison(
                Concept(cell(index, "N", text), cell(index, "D", text), slug="left"),
                Concept(cell(index, "M", text), cell(index, "E", text), slug="right"),
                [Difference(cell(index, "A", text), cell(index, "L", text), cell(index, "R", text))],
                summary=cell(index, "S", text),
            )
        )
    return out


def comparable(text: str) -> str:
    """Text as the test compares it: NFC, with no whitespace at all and no joiner or emoji tag.

    The joiners and tag characters of emoji and of words in joining scripts
    are written as they are; whether pdftotext gives them back depends on the
    font's shaping, so the comparison looks at the characters around them.
    """
    text = "".join(c for c in text if c not in hostile.WRITING_FORMAT)
    return "".join(unicodedata.normalize("NFC", text).split())


def engine(name: str) -> str:
    """The path of a required program; a missing one fails the test."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed; run scripts/system-deps.sh (the LaTeX output is tested for real)")
    return found


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The corpus compiled with LuaLaTeX: the PDF's text (whole canvas) and the engine's log."""
    lualatex, pdftotext = engine("lualatex"), engine("pdftotext")
    directory = tmp_path_factory.mktemp("latex")
    body = "\n\n\\bigskip\n".join(render(comparison, "latex") for comparison in corpus())
    (directory / "corpus.tex").write_text(PREAMBLE + body + "\n\\end{document}\n", encoding="utf-8")
    run = subprocess.run(
        [lualatex, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "corpus.tex"],
        cwd=directory,
        capture_output=True,
        timeout=600,
        check=False,
    )
    log = (directory / "corpus.log").read_text(encoding="utf-8", errors="replace")
    assert 0 == run.returncode, log[-3000:]
    # A row taller than a page runs off its bottom; read the whole canvas, not just the page.
    subprocess.run(
        [pdftotext, "-raw", "-enc", "UTF-8", "-x", "-1000000", "-y", "-1000000", "-W", "2000000", "-H", "2000000",
         "corpus.pdf", "corpus.txt"],
        cwd=directory,
        check=True,
        timeout=120,
    )
    return (directory / "corpus.txt").read_text(encoding="utf-8"), log


class TestCompiled:
    def test_no_missing_glyphs(self, compiled: tuple[str, str]) -> None:
        """Every character of the corpus was set in a font (none silently dropped)."""
        _, log = compiled

        assert [] == re.findall(r"Missing character.*", log)

    def test_every_cell_in_the_pdf(self, compiled: tuple[str, str]) -> None:
        """Each cell, name, definition and summary of the corpus is in the PDF's text."""
        text, _ = compiled
        found = comparable(text)
        fields = []
        for comparison in corpus():
            fields += [comparison.title, str(comparison.summary), comparison.left.name, comparison.right.name]
            fields += [comparison.left.definition, comparison.right.definition]
            fields += [f for d in comparison.differences for f in (d.aspect, d.left, d.right)]

        missing = [f[:80] for f in fields if comparable(visible(flatten(f))) not in found]

        assert [] == missing

    def test_no_shell_escape_ran(self, compiled: tuple[str, str]) -> None:
        """No \\write18 in the text ran (the engine's log shows no shell command)."""
        _, log = compiled

        assert "runsystem" not in log
        assert not Path("/tmp/pmcompare-pwned").exists()


class TestRender:
    def test_seed(self) -> None:
        """The seed comparison is a tabularx with booktabs rules and three columns."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "latex")

        assert "\\begin{tabularx}{\\linewidth}" in source
        summary = "\\bottomrule\n\\end{tabularx}\n\\par\\smallskip\\noindent " + latex.escape(str(comparison.summary))
        assert summary + "\\par\n\\begin{description}" in source
        assert source.endswith("\\par\\smallskip\\noindent " + latex.escape(comparison.notes[0]) + "\\par")
        assert (
            "\\toprule\n\\textbf{Aspect} & \\textbf{Product Strategy} & \\textbf{Product Management} \\\\\n\\midrule"
            in source
        )
        assert len(comparison.differences) == source.count(" \\\\\n") - 1
        assert "\\textbf{Product Strategy vs Product Management}" in source

    def test_without_aspects(self) -> None:
        """aspects=False gives two X columns."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "latex", aspects=False, title=False, summary=False, definitions=False)

        assert source.startswith(
            "\\noindent\\begin{tabularx}{\\linewidth}{@{}>{\\raggedright\\arraybackslash}X"
            ">{\\raggedright\\arraybackslash}X@{}}"
        )
        assert "Aspect" not in source

    def test_definitions(self) -> None:
        """The definitions are a description list, names braced inside the item label."""
        comparison = pmcompare.get("product strategy", "product management")

        source = render(comparison, "latex", title=False, summary=False)

        assert "\\begin{description}\n\\item[{Product Strategy}] The plan" in source


class TestEscape:
    def test_specials(self) -> None:
        """Each TeX special character is written as a command or escaped."""
        assert (
            "\\textbackslash{} \\{ \\} \\$ \\& \\# \\% \\_ \\textasciicircum{} \\textasciitilde{}"
            == latex.escape("\\ { } $ & # % _ ^ ~")
        )

    def test_characters_other_encodings_change(self) -> None:
        """< > | and quotes print as themselves in any font encoding."""
        expected = "\\textless{}\\textgreater{}\\textbar{}\\textquotedbl{}\\textquotesingle{}\\textasciigrave{}"

        assert expected == latex.escape("<>|\"'`")

    def test_row_end_arguments(self) -> None:
        """[ ] and * are braced, so a row end never reads them as its argument."""
        assert "{[}2pt{]} {*}" == latex.escape("[2pt] *")

    def test_ligatures_kept_apart(self) -> None:
        """--, ,, and the like get a zero kern between their characters."""
        assert "-\\kern0pt{}-\\kern0pt{}- ,\\kern0pt{}," == latex.escape("--- ,,")

    def test_commands_are_text(self) -> None:
        """A command in the text is printed, not run."""
        assert "\\textbackslash{}input\\{x\\}" == latex.escape("\\input{x}")

    def test_long_word_break_points(self) -> None:
        """A word over 16 characters gets a break point every 4 characters."""
        assert "abcd\\allowbreak{}efgh\\allowbreak{}ijkl\\allowbreak{}mnop\\allowbreak{}q" == latex.escape(
            "abcdefghijklmnopq"
        )

    def test_no_break_before_combining_mark(self) -> None:
        """A break point never separates a letter from its combining mark."""
        escaped = latex.escape("abc" + "de\u0301" + "f" * 20)

        assert "\\allowbreak{}\u0301" not in escaped

    @pytest.mark.parametrize(
        "word",
        ["\U0001f469\u200d\U0001f4bb" * 6, "प्रतिनिधित्वकर्ताओंक्षक्ष", "ผลิตภัณฑ์ขั้นต่ำที่ใช้งานได้", "🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴🇳🇴"],
        ids=["emoji-zwj", "devanagari", "thai", "flags"],
    )
    def test_no_break_inside_other_scripts(self, word: str) -> None:
        """Break points fall only between two ASCII characters: never in an emoji sequence, a conjunct or Thai."""
        assert [word] == word_pieces(word)
        assert "allowbreak" not in latex.escape(word)

    def test_short_word_unbroken(self) -> None:
        """Words of 16 characters or fewer have no break points."""
        assert "sixteen-letters!" == latex.escape("sixteen-letters!")

    def test_control_characters_visible(self) -> None:
        """Control and format characters are written as visible escapes."""
        assert "a\\textbackslash{}x00b\\textbackslash{}u202ec" == latex.escape("a\x00b\u202ec")

    def test_whitespace_flattened(self) -> None:
        """Line breaks and other whitespace runs become one space."""
        assert "a b c" == latex.escape("a\n\n b\u2028\tc")


class TestProperties:
    @given(texts(max_size=200))
    def test_only_own_commands(self, text: str) -> None:
        """Escaped text holds no TeX special character other than the renderer's own commands."""
        rest = _OWN_COMMANDS.sub("", latex.escape(text))

        assert set() == _TEX_SPECIAL & set(rest)
        assert "" == hostile.raw_invisible(rest)

    @given(comparisons())
    def test_table_shape(self, comparison: Comparison) -> None:
        """A table row per difference, each with its cells, in every comparison."""
        source = render(comparison, "latex", title=False, summary=False, definitions=False)

        body = source.split("\\midrule\n", 1)[1].split("\n\\bottomrule", 1)[0]
        rows = body.split(" \\\\\n")
        assert len(comparison.differences) == len(rows)
        assert [3] * len(rows) == [len(row.removesuffix(" \\\\").split(" & ")) for row in rows]
