"""The Sphinx extension, tested by building real projects with sphinx.testing."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable, Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from sphinx.testing.util import SphinxTestApp

import pmcompare
import pmcompare.sphinx
from integration_helpers import (
    HOSTILE_ASPECT,
    HOSTILE_LEFT,
    HOSTILE_RIGHT,
    LINEUP_NAMES,
    LINEUP_TAG,
    caption,
    has_class,
    labels,
    lineup_rows,
    parse_html,
    rows,
    tables,
    write_lineup_pack,
    write_pack,
)

PAIR = ("product strategy", "product management")
BASE_CONF = 'extensions = ["pmcompare.sphinx"]\n'


class Built:
    """A finished build: its output folder and what it warned."""

    def __init__(self, app: SphinxTestApp, warnings: str) -> None:
        self.app = app
        self.outdir = Path(app.outdir)
        self.warnings = warnings

    def read(self, name: str) -> str:
        return (self.outdir / name).read_text(encoding="utf-8")


Build = Callable[..., Built]


@pytest.fixture
def build(tmp_path: Path) -> Iterator[Build]:
    """Write a project's files into a fresh folder and build it with one builder."""
    apps: list[SphinxTestApp] = []

    def run(
        files: dict[str, str],
        builder: str = "html",
        conf: str = BASE_CONF,
        parallel: int = 0,
        srcdir: Path | None = None,
        **overrides: Any,
    ) -> Built:
        src = srcdir or tmp_path / "src"
        src.mkdir(parents=True, exist_ok=True)
        (src / "conf.py").write_text(conf, encoding="utf-8")
        for name, text in files.items():
            path = src / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        warnings = StringIO()
        app = SphinxTestApp(
            builder,
            srcdir=src,
            builddir=tmp_path / "build",
            status=StringIO(),
            warning=warnings,
            parallel=parallel,
            confoverrides=overrides,
        )
        apps.append(app)
        app.build()
        return Built(app, warnings.getvalue())

    yield run
    for app in apps:
        app.cleanup()


def expected_rows(comparison: pmcompare.Comparison) -> list[list[str]]:
    return [["Aspect", comparison.left.name, comparison.right.name]] + [
        [d.aspect, d.left, d.right] for d in comparison.differences
    ]


INDEX = "Title\n=====\n\n.. pmcompare:: product strategy | product management\n"


class TestHtml:
    def test_table_has_the_comparison_rows(self, build: Build) -> None:
        """The directive draws a header row and a row per difference, in order."""
        built = build({"index.rst": INDEX})

        [table] = tables(built.read("index.html"))
        assert expected_rows(pmcompare.get(*PAIR)) == rows(table)

    def test_builds_without_warnings(self, build: Build) -> None:
        """A good directive adds nothing to the warning stream."""
        built = build({"index.rst": INDEX})

        assert "" == built.warnings

    def test_caption_is_the_title_by_default(self, build: Build) -> None:
        """Without :caption:, the table's caption is the comparison's title."""
        built = build({"index.rst": INDEX})

        [table] = tables(built.read("index.html"))
        assert "Product Strategy vs Product Management" == caption(table)

    def test_aspect_column_is_a_stub(self, build: Build) -> None:
        """Each aspect is a row header (<th>), the statements are data cells."""
        built = build({"index.rst": INDEX})

        [table] = tables(built.read("index.html"))
        body_rows = list(table.find("tbody").iter("tr"))
        assert [["th", "td", "td"]] * len(body_rows) == [[c.tag for c in row] for row in body_rows]

    def test_table_has_the_class_hooks(self, build: Build) -> None:
        """The parts sit in a pmcompare container and the table carries pmcompare-table, as in the HTML format."""
        built = build({"index.rst": INDEX})

        [holder] = [div for div in parse_html(built.read("index.html")).iter("div") if has_class(div, "pmcompare")]
        assert "pmcompare-table" in holder.find("table").get("class").split()

    def test_cells_carry_their_column_names(self, build: Build) -> None:
        """Each statement starts with its column's name, which only the stacked layout of a narrow screen shows."""
        built = build({"index.rst": INDEX})

        [table] = tables(built.read("index.html"))
        comparison = pmcompare.get(*PAIR)
        names = [comparison.left.name, comparison.right.name]
        assert [names] * len(comparison.differences) == labels(table)

    def test_stylesheet_is_written_and_linked(self, build: Build) -> None:
        """Every page links _static/pmcompare.css, which is pmcompare.STYLESHEET."""
        built = build({"index.rst": INDEX})

        assert pmcompare.STYLESHEET == built.read("_static/pmcompare.css")
        links = [link.get("href") for link in parse_html(built.read("index.html")).iter("link")]
        assert any(href.split("?")[0] == "_static/pmcompare.css" for href in links)


class TestOrder:
    def test_every_part_by_default_after_the_table(self, build: Build) -> None:
        """Caption, table, summary, definitions, notes: the order and the defaults of every pmcompare format."""
        built = build({"index.rst": INDEX})
        comparison = pmcompare.get(*PAIR)

        html = built.read("index.html")
        assert f'<p class="pmcompare-summary">{comparison.summary!s}</p>' in html
        assert f"<dt>{comparison.left.name}</dt>" in html
        order = [html.index(part) for part in ("<caption", "</table>", "pmcompare-summary", "pmcompare-definitions")]
        assert sorted(order) == order
        assert html.index("pmcompare-definitions") < html.index("pmcompare-note")

    @pytest.mark.parametrize("false", ["false", "no", "off", "0", "False"])
    def test_parts_turned_off(self, build: Build, false: str) -> None:
        """:summary: false, :definitions: false and :notes: false leave those parts out."""
        options = "".join(f"   :{part}: {false}\n" for part in ("summary", "definitions", "notes"))
        built = build({"index.rst": INDEX + options})

        html = built.read("index.html")
        assert [False] * 3 == [f"pmcompare-{part}" in html for part in ("summary", "definitions", "note")]

    def test_a_bare_flag_still_means_on(self, build: Build) -> None:
        """:summary: with no value, as earlier versions took it, shows the summary."""
        built = build({"index.rst": INDEX + "   :summary:\n   :definitions: false\n"})

        html = built.read("index.html")
        assert ("pmcompare-summary" in html, "pmcompare-definitions" in html) == (True, False)

    def test_title_false_leaves_out_the_caption(self, build: Build) -> None:
        """:title: false draws the table without a caption."""
        built = build({"index.rst": INDEX + "   :title: false\n"})

        [table] = tables(built.read("index.html"))
        assert caption(table) is None

    def test_a_bad_value_is_an_error_at_the_line(self, build: Build) -> None:
        """A part given anything but true or false is a warning at the directive's line."""
        built = build({"index.rst": INDEX + "   :summary: maybe\n"})

        assert "index.rst:4" in built.warnings
        assert "takes true or false" in built.warnings


class TestOptions:
    def test_caption(self, build: Build) -> None:
        """:caption: replaces the title, and may hold the author's inline markup."""
        built = build({"index.rst": INDEX + "   :caption: How *they* differ\n"})

        [table] = tables(built.read("index.html"))
        assert ("How they differ", ["they"]) == (caption(table), [e.text for e in table.iter("em")])

    def test_aspects_limit_the_rows_in_the_order_given(self, build: Build) -> None:
        """:aspects: keeps the rows named, in the order named, matched regardless of case."""
        built = build({"index.rst": INDEX + "   :aspects: time horizon, Core question\n"})

        [table] = tables(built.read("index.html"))
        assert ["Time horizon", "Core question"] == [row[0] for row in rows(table)[1:]]

    def test_swap(self, build: Build) -> None:
        """:swap: puts the right concept on the left."""
        built = build({"index.rst": INDEX + "   :swap:\n"})

        [table] = tables(built.read("index.html"))
        assert expected_rows(pmcompare.get(*reversed(PAIR))) == rows(table)

    @pytest.mark.parametrize(("value", "swapped"), [("false", False), ("no", False), ("true", True), ("on", True)])
    def test_swap_takes_true_or_false(self, build: Build, value: str, swapped: bool) -> None:
        """:swap: takes the same true/false words as the other switches; :swap: false keeps the order."""
        built = build({"index.rst": INDEX + f"   :swap: {value}\n"})

        [table] = tables(built.read("index.html"))
        order = reversed(PAIR) if swapped else PAIR
        assert expected_rows(pmcompare.get(*order)) == rows(table)

    def test_swap_maybe_is_an_error(self, build: Build) -> None:
        """:swap: maybe says what it takes, as :summary: maybe does."""
        built = build({"index.rst": INDEX + "   :swap: maybe\n"})

        assert "takes true or false" in built.warnings

    def test_class_align_and_widths(self, build: Build) -> None:
        """:class:, :align: and :widths: work as in list-table."""
        built = build({"index.rst": INDEX + "   :class: mine\n   :align: center\n   :widths: 10 45 45\n"})

        [table] = tables(built.read("index.html"))
        widths = [col.get("style") for col in table.iter("col")]
        assert {"pmcompare-table", "mine", "align-center"} <= set(table.get("class").split())
        assert ["width: 10.0%", "width: 45.0%", "width: 45.0%"] == widths

    def test_widths_auto(self, build: Build) -> None:
        """:widths: auto leaves the widths to the browser."""
        built = build({"index.rst": INDEX + "   :widths: auto\n"})

        [table] = tables(built.read("index.html"))
        assert [] == list(table.iter("col"))

    def test_cell_text_is_never_markup(self, build: Build, tmp_path: Path) -> None:
        """Markup in the data shows as text: no emphasis, link, script or substitution."""
        write_pack(tmp_path / "src" / "packs")
        built = build(
            {"index.rst": "T\n=\n\n.. pmcompare:: alpha thing | beta thing\n   :summary:\n   :definitions:\n"},
            conf=BASE_CONF + 'pmcompare_packs = ["packs"]\n',
        )

        [table] = tables(built.read("index.html"))
        body = table.find("tbody")
        assert [HOSTILE_ASPECT, HOSTILE_LEFT, HOSTILE_RIGHT] == rows(table)[1]
        assert [] == [e.tag for e in body.iter() if e.tag in ("em", "strong", "a", "script", "code", "b", "i")]
        assert "" == built.warnings


class TestReferences:
    def test_numfig_and_name(self, build: Build) -> None:
        """With numfig, a :name:d table is numbered and :numref: and :ref: point at it."""
        text = INDEX + "   :name: svm\n\n   See :numref:`svm` and :ref:`svm`.\n"
        built = build({"index.rst": text.replace("   See", "See")}, numfig=True)

        html = built.read("index.html")
        [table] = tables(html)
        assert "svm" == table.get("id")
        assert '<span class="caption-number">Table 1 </span>' in html
        assert '<a class="reference internal" href="#svm"><span class="std std-numref">Table 1</span></a>' in html
        assert (
            '<a class="reference internal" href="#svm"><span class="std std-ref">'
            "Product Strategy vs Product Management</span></a>"
        ) in html
        assert "" == built.warnings


class TestErrors:
    def test_unknown_concept_is_a_warning_at_the_line(self, build: Build) -> None:
        """An unknown name is reported at the directive's file and line, with a suggestion."""
        built = build({"index.rst": "Title\n=====\n\nText.\n\n.. pmcompare:: product stratgy | product management\n"})

        assert re.search(
            r"index\.rst:6: ERROR: pmcompare: no concept named 'product stratgy'; did you mean 'product strategy'",
            built.warnings,
        )

    def test_no_table_is_drawn_for_an_error(self, build: Build) -> None:
        """A failing directive leaves no table behind."""
        built = build({"index.rst": "T\n=\n\n.. pmcompare:: nothing | at all\n"})

        assert [] == tables(built.read("index.html"))

    def test_unknown_aspect_names_the_nearest(self, build: Build) -> None:
        """An aspect that is not in the comparison is an error that suggests the nearest one."""
        built = build({"index.rst": INDEX + "   :aspects: Core questoin\n"})

        assert "index.rst:4: ERROR: pmcompare: " in built.warnings
        assert "has no aspect 'Core questoin'; did you mean 'Core question'?" in built.warnings

    def test_not_a_pair(self, build: Build) -> None:
        """An argument that is not two or more names joined by | or vs is an error."""
        built = build({"index.rst": "T\n=\n\n.. pmcompare:: product strategy\n"})

        assert "index.rst:4: ERROR: pmcompare: expected two or more names" in built.warnings

    def test_wrong_number_of_widths(self, build: Build) -> None:
        """:widths: needs one number per column."""
        built = build({"index.rst": INDEX + "   :widths: 50 50\n"})

        assert ":widths: needs 3 numbers" in built.warnings

    def test_warning_fails_a_strict_build(self, build: Build, tmp_path: Path) -> None:
        """With warnings as errors (sphinx-build -W), a bad pair fails the build."""
        src = tmp_path / "strict"
        src.mkdir()
        (src / "conf.py").write_text(BASE_CONF, encoding="utf-8")
        (src / "index.rst").write_text("T\n=\n\n.. pmcompare:: nothing | at all\n", encoding="utf-8")
        warnings = StringIO()
        app = SphinxTestApp("html", srcdir=src, status=StringIO(), warning=warnings, warningiserror=True)
        try:
            app.build()
        finally:
            app.cleanup()

        assert (1, True) == (app.statuscode, "no concept named 'nothing'" in warnings.getvalue())


class TestPacks:
    def test_pack_paths_are_relative_to_the_conf_dir(self, build: Build, tmp_path: Path) -> None:
        """pmcompare_packs adds a project's own comparisons, found from conf.py's folder."""
        write_pack(tmp_path / "src" / "data")
        built = build(
            {"index.rst": "T\n=\n\n.. pmcompare:: alpha thing | beta thing\n"},
            conf=BASE_CONF + 'pmcompare_packs = ["data/"]\n',
        )

        [table] = tables(built.read("index.html"))
        assert ("Alpha Thing vs Beta Thing", "") == (caption(table), built.warnings)

    def test_pack_files_are_dependencies(self, build: Build, tmp_path: Path) -> None:
        """Each pack file is noted as a dependency of the pages that use the directive."""
        pack = write_pack(tmp_path / "src" / "data")
        built = build(
            {"index.rst": "T\n=\n\n.. pmcompare:: alpha thing | beta thing\n"},
            conf=BASE_CONF + 'pmcompare_packs = ["data"]\n',
        )

        dependencies = {Path(built.app.srcdir, d).resolve() for d in built.app.env.dependencies["index"]}
        assert pack.resolve() in dependencies

    def test_editing_a_pack_rebuilds_the_page(self, build: Build, tmp_path: Path) -> None:
        """A second build after a pack edit shows the new text."""
        src = tmp_path / "src"
        pack = write_pack(src / "data")
        files = {"index.rst": "T\n=\n\n.. pmcompare:: alpha thing | beta thing\n"}
        conf = BASE_CONF + 'pmcompare_packs = ["data"]\n'
        build(files, conf=conf)
        pack.write_text(pack.read_text(encoding="utf-8").replace('"Second"', '"Second, edited"'), encoding="utf-8")

        again = build({}, conf=conf)

        [table] = tables(again.read("index.html"))
        assert ["Order", "First", "Second, edited"] == rows(table)[-1]

    def test_a_broken_pack_stops_the_build(self, tmp_path: Path) -> None:
        """A pack with a problem is a configuration error that lists the problem."""
        from sphinx.errors import ConfigError

        src = tmp_path / "src"
        (src / "data").mkdir(parents=True)
        (src / "data" / "bad.toml").write_text("[[comparisons]]\nleft = 'x'\n", encoding="utf-8")
        (src / "conf.py").write_text(BASE_CONF + 'pmcompare_packs = ["data"]\n', encoding="utf-8")
        (src / "index.rst").write_text("T\n=\n", encoding="utf-8")
        message = r"(?s)pmcompare_packs: .*bad\.toml:1: comparisons\[0\]: missing the required field 'right'"
        with pytest.raises(ConfigError, match=message):
            SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())

    def test_packs_must_be_a_list(self, tmp_path: Path) -> None:
        """A single string for pmcompare_packs is refused with a clear message."""
        from sphinx.errors import ConfigError

        src = tmp_path / "src"
        src.mkdir()
        (src / "conf.py").write_text(BASE_CONF + 'pmcompare_packs = "data"\n', encoding="utf-8")
        (src / "index.rst").write_text("T\n=\n", encoding="utf-8")
        with pytest.raises(ConfigError, match="pmcompare_packs must be a list"):
            SphinxTestApp("html", srcdir=src, status=StringIO(), warning=StringIO())


class TestBuilders:
    def test_text(self, build: Build) -> None:
        """The text builder draws a grid table with the cells' text."""
        built = build({"index.rst": INDEX + "   :aspects: Core question\n"}, builder="text")

        text = built.read("index.txt")
        assert "| Aspect" in text
        assert "| Core question" in text
        assert "" == built.warnings

    @pytest.mark.parametrize("builder", ["text", "latex"])
    def test_no_column_names_in_the_cells_outside_html(self, build: Build, builder: str) -> None:
        """The stacked layout's column names are for HTML only: other builders' cells hold the statement alone."""
        built = build({"index.rst": INDEX + "   :aspects: Core question\n"}, builder=builder)
        comparison = pmcompare.get(*PAIR)

        [out] = [p for p in built.outdir.iterdir() if p.suffix in (".txt", ".tex") and p.stem != "sphinxmessages"]
        text = out.read_text(encoding="utf-8")
        statement = comparison.differences[0].left
        assert statement[:8] in text
        assert [] == re.findall(re.escape(comparison.left.name) + r"\W*" + re.escape(statement[:8]), text)

    def test_latex(self, build: Build) -> None:
        """The LaTeX builder writes a real table with a caption, a header and the cells."""
        built = build({"index.rst": INDEX}, builder="latex", numfig=True)
        comparison = pmcompare.get(*PAIR)

        [tex] = list(built.outdir.glob("*.tex"))
        latex = tex.read_text(encoding="utf-8")
        assert "\\begin{longtable}" in latex or "\\begin{tabulary}" in latex or "\\begin{tabular" in latex
        assert "\\sphinxcaption{Product Strategy vs Product Management}" in latex
        assert "Time horizon" in latex
        assert comparison.differences[0].left in latex
        assert "" == built.warnings

    def test_latex_escapes_cell_text(self, build: Build, tmp_path: Path) -> None:
        """LaTeX specials in the data are escaped, so the document compiles and shows them."""
        write_pack(tmp_path / "src" / "packs")
        built = build(
            {"index.rst": "T\n=\n\n.. pmcompare:: alpha thing | beta thing\n"},
            builder="latex",
            conf=BASE_CONF + 'pmcompare_packs = ["packs"]\n',
        )

        [tex] = list(built.outdir.glob("*.tex"))
        latex = tex.read_text(encoding="utf-8")
        assert "\\textbackslash{}end\\{tabular\\}" in latex
        assert "\\$x\\$" in latex

    def test_epub(self, build: Build) -> None:
        """The epub builder gets the table too."""
        built = build({"index.rst": INDEX}, builder="epub", epub_copyright="x", epub_author="x")

        [table] = tables(built.read("index.xhtml"))
        assert expected_rows(pmcompare.get(*PAIR)) == rows(table)


class TestMyst:
    def test_myst_fence(self, build: Build) -> None:
        """The directive works from a MyST fence, options included."""
        page = """\
            # A MyST page

            ```{pmcompare} product strategy vs product management
            :name: myst-table
            :aspects: Core question
            :swap:
            ```

            See {numref}`myst-table`.
            """
        built = build({"index.md": page}, conf='extensions = ["myst_parser", "pmcompare.sphinx"]\n', numfig=True)

        html = built.read("index.html")
        [table] = tables(html)
        assert ["Aspect", "Product Management", "Product Strategy"] == rows(table)[0]
        assert "Core question" == rows(table)[1][0]
        assert '<span class="std std-numref">Table 1</span>' in html
        assert "" == built.warnings

    def test_myst_error_has_the_line(self, build: Build) -> None:
        """An unknown pair in a MyST page is reported at the fence's line."""
        page = "# Page\n\nText.\n\n```{pmcompare} product stratgy | product management\n```\n"
        built = build({"index.md": page}, conf='extensions = ["myst_parser", "pmcompare.sphinx"]\n')

        assert "index.md:5: ERROR: pmcompare: no concept named 'product stratgy'" in built.warnings


class TestParallel:
    def test_parallel_build(self, build: Build) -> None:
        """A -j 2 build of many pages is warning-free and every page has its table."""
        names = [f"page{i}" for i in range(8)]
        files = {f"{name}.rst": f"{name}\n=====\n\n.. pmcompare:: product strategy | product management\n"
                 for name in names}
        files["index.rst"] = "Index\n=====\n\n.. toctree::\n\n" + "".join(f"   {n}\n" for n in names)
        built = build(files, parallel=2)

        counts = [len(tables(built.read(f"{name}.html"))) for name in names]
        assert ([1] * len(names), "") == (counts, built.warnings)


class TestGallery:
    def test_every_comparison_has_a_section(self, build: Build) -> None:
        """The gallery draws one section with a table for each comparison in the registry."""
        built = build({"index.rst": "Gallery\n=======\n\n.. pmcompare-gallery::\n"})

        html = built.read("index.html")
        items = [*pmcompare.registry(), *pmcompare.registry().lineups()]
        assert len(items) == len(tables(html))
        assert all(f'<section id="{c.slug}">' in html for c in items)
        assert "" == built.warnings

    def test_a_lineup_has_a_section_after_the_comparisons(self, build: Build, tmp_path: Path) -> None:
        """A pack's lineup gets a section of its own, its table a column per concept, after the comparisons."""
        write_lineup_pack(tmp_path / "src" / "packs")
        built = build(
            {"index.rst": "Gallery\n=======\n\n.. pmcompare-gallery::\n"},
            conf=BASE_CONF + 'pmcompare_packs = ["packs"]\n',
        )

        html = built.read("index.html")
        assert lineup_rows() in [rows(table) for table in tables(html)]
        last_comparison = max(html.index(f'<section id="{c.slug}">') for c in pmcompare.registry())
        assert last_comparison < html.index('<section id="gamma-thing-vs-delta-thing-vs-epsilon-thing-vs-zeta-thing">')
        assert "" == built.warnings

    def test_tag_limits_the_gallery(self, build: Build) -> None:
        """:tag: keeps only the comparisons and lineups with that tag."""
        tag = pmcompare.get(*PAIR).tags[0]
        built = build({"index.rst": f"Gallery\n=======\n\n.. pmcompare-gallery::\n   :tag: {tag}\n"})

        registry = pmcompare.registry()
        expected = sum(1 for c in (*registry, *registry.lineups()) if tag in c.tags)
        assert expected == len(tables(built.read("index.html")))

    def test_unknown_tag(self, build: Build) -> None:
        """A tag that no comparison has is an error."""
        built = build({"index.rst": "G\n=\n\n.. pmcompare-gallery::\n   :tag: no-such-tag\n"})

        assert "no comparison has the tag 'no-such-tag'" in built.warnings


class TestSetup:
    def test_metadata(self, build: Build) -> None:
        """The extension is declared safe for parallel reading and writing."""
        built = build({"index.rst": INDEX})

        extension = built.app.extensions["pmcompare.sphinx"]
        assert (True, True) == (extension.parallel_read_safe, extension.parallel_write_safe)

    def test_env_version(self, build: Build) -> None:
        """The environment records the extension's env_version, so a change of nodes rebuilds old pages."""
        built = build({"index.rst": INDEX})

        assert pmcompare.sphinx.ENV_VERSION == built.app.registry.get_envversion(built.app)["pmcompare.sphinx"]


LINEUP_CONF = BASE_CONF + 'pmcompare_packs = ["packs"]\n'
ORDER = ("Epsilon Thing", "Gamma Thing", "Zeta Thing", "Delta Thing")
ASKED = " | ".join(name.lower() for name in ORDER)


class TestLineups:
    def test_a_lineup_in_the_order_asked(self, build: Build, tmp_path: Path) -> None:
        """Three or more names draw the lineup, a column per concept in the order written, cells as text."""
        write_lineup_pack(tmp_path / "src" / "packs")
        built = build(
            {"index.rst": f"T\n=\n\n.. pmcompare:: {ASKED}\n   :summary:\n   :definitions:\n"}, conf=LINEUP_CONF
        )

        [table] = tables(built.read("index.html"))
        assert lineup_rows(ORDER) == rows(table)
        assert " vs ".join(ORDER) == caption(table)
        body = table.find("tbody")
        assert [] == [e.tag for e in body.iter() if e.tag in ("em", "strong", "a", "script", "code", "b", "i")]
        assert "" == built.warnings

    def test_swap_reverses_the_columns(self, build: Build, tmp_path: Path) -> None:
        """:swap: draws a lineup's columns in reverse."""
        write_lineup_pack(tmp_path / "src" / "packs")
        built = build({"index.rst": f"T\n=\n\n.. pmcompare:: {LINEUP_TAG}\n   :swap:\n"}, conf=LINEUP_CONF)

        [table] = tables(built.read("index.html"))
        assert lineup_rows(LINEUP_NAMES[::-1]) == rows(table)

    def test_widths_one_per_column(self, build: Build, tmp_path: Path) -> None:
        """:widths: takes the aspect's and one per concept; a wrong count says how many."""
        write_lineup_pack(tmp_path / "src" / "packs")
        good = build({"index.rst": f"T\n=\n\n.. pmcompare:: {LINEUP_TAG}\n   :widths: 20 20 20 20 20\n"},
                     conf=LINEUP_CONF)
        assert "" == good.warnings
        bad = build({"index.rst": f"T\n=\n\n.. pmcompare:: {LINEUP_TAG}\n   :widths: 50 50 50\n"}, conf=LINEUP_CONF)
        assert ":widths: needs 5 numbers (aspect, one per concept), not 3" in bad.warnings

    def test_a_pair_inside_a_lineup(self, build: Build, tmp_path: Path) -> None:
        """Two names of a lineup with no comparison of their own draw its two columns, and say where from."""
        write_lineup_pack(tmp_path / "src" / "packs")
        built = build(
            {"index.rst": "T\n=\n\n.. pmcompare:: zeta thing | gamma thing\n   :notes:\n"}, conf=LINEUP_CONF
        )

        html = built.read("index.html")
        [table] = tables(html)
        assert [[row[0], row[4], row[1]] for row in lineup_rows()] == rows(table)
        assert "From the lineup Gamma Thing vs Delta Thing vs Epsilon Thing vs Zeta Thing." in html

    def test_three_names_with_no_lineup(self, build: Build) -> None:
        """Three known concepts that no lineup holds are an error naming them."""
        built = build({"index.rst": "T\n=\n\n.. pmcompare:: okr | kpi | product strategy\n"})

        assert "index.rst:4: ERROR: pmcompare: no lineup of 'Objectives and Key Results'" in built.warnings

    def test_myst_fence_and_latex(self, build: Build, tmp_path: Path) -> None:
        """From a MyST fence, the LaTeX builder writes a table of five columns with every concept's header."""
        write_lineup_pack(tmp_path / "src" / "packs")
        page = f"# A MyST page\n\n```{{pmcompare}} {ASKED}\n:name: lineup-table\n```\n\nSee {{numref}}`lineup-table`.\n"
        conf = 'extensions = ["myst_parser", "pmcompare.sphinx"]\npmcompare_packs = ["packs"]\n'
        built = build({"index.md": page}, builder="latex", conf=conf, numfig=True)

        [tex] = list(built.outdir.glob("*.tex"))
        latex = tex.read_text(encoding="utf-8")
        assert all(name in latex for name in ORDER)
        assert "About Zeta Thing." in latex
        [spec] = re.findall(r"\\begin\{tabular\}\[t\]\{(.*)\}\n", latex)
        assert ["11", "23", "22", "22", "22"] == re.findall(r"\\X\{(\d+)\}\{100\}", spec)
        assert "" == built.warnings
