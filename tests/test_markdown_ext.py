"""The Python-Markdown extension, with the real markdown package and a real MkDocs build."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import markdown
import pytest

import pmcompare
from integration_helpers import (
    HOSTILE_ASPECT,
    HOSTILE_LEFT,
    HOSTILE_RIGHT,
    LINEUP_NAMES,
    LINEUP_TAG,
    caption,
    cell_text,
    lineup_rows,
    parse_html,
    rows,
    tables,
    write_lineup_pack,
    write_pack,
)
from pmcompare.markdown import PmcompareExtension, TagError

PAIR = ("product strategy", "product management")
TAG = "[[pmcompare: product strategy | product management]]"


def convert(text: str, *extensions: Any, **config: Any) -> str:
    """Markdown to HTML with the pmcompare extension (by entry point name) and any others."""
    return markdown.markdown(
        textwrap.dedent(text), extensions=["pmcompare", *extensions], extension_configs={"pmcompare": config}
    )


def expected_rows(comparison: pmcompare.Comparison) -> list[list[str]]:
    return [["Aspect", comparison.left.name, comparison.right.name]] + [
        [d.aspect, d.left, d.right] for d in comparison.differences
    ]


def pmcompare_divs(html: str) -> list[Any]:
    return [div for div in parse_html(html).iter("div") if div.get("class") == "pmcompare"]


class TestTag:
    def test_tag_becomes_the_table(self) -> None:
        """A tag on its own line becomes the comparison's table, rows in order."""
        [table] = tables(convert(TAG))

        assert expected_rows(pmcompare.get(*PAIR)) == rows(table)

    def test_table_has_no_class_inside_a_pmcompare_div(self) -> None:
        """The table has no class of its own (themes style it) and sits in <div class="pmcompare">."""
        [div] = pmcompare_divs(convert(TAG))

        [table] = list(div.iter("table"))
        assert None is table.get("class")

    def test_by_module_name(self) -> None:
        """The extension also loads by its module name and as an instance."""
        by_module = markdown.markdown(TAG, extensions=["pmcompare.markdown"])
        by_instance = markdown.markdown(TAG, extensions=[PmcompareExtension()])

        assert by_module == by_instance == convert(TAG)

    def test_caption_summary_and_definitions_by_default(self) -> None:
        """By default the table has its caption, and the summary and definitions follow it."""
        comparison = pmcompare.get(*PAIR)
        html = convert(TAG)

        [div] = pmcompare_divs(html)
        assert comparison.title == caption(div.find("table"))
        assert str(comparison.summary) == cell_text(div.find("p"))
        assert [comparison.left.name, comparison.right.name] == [cell_text(dt) for dt in div.iter("dt")]

    def test_vs_and_aliases(self) -> None:
        """The pair may be joined by vs and named by slug or alias."""
        [table] = tables(convert("[[pmcompare: product-strategy vs Product Mgmt]]"))

        assert expected_rows(pmcompare.get(*PAIR)) == rows(table)

    def test_text_around_the_tag(self) -> None:
        """Paragraph lines just before and after a tag stay paragraphs around the table."""
        html = convert(f"Before *this*.\n{TAG}\nAfter *that*.\n")

        body = parse_html(html).find("body")
        assert ["p", "div", "p"] == [child.tag for child in body]
        assert ["Before this.", "After that."] == [cell_text(p) for p in body if p.tag == "p"]

    def test_two_tags(self) -> None:
        """Two tags on consecutive lines give two tables."""
        html = convert(f"{TAG}\n[[pmcompare: product management | product strategy]]\n")

        assert ["Product Strategy", "Product Management"] == [rows(t)[0][1] for t in tables(html)]

    def test_tag_in_a_paragraph_is_left_alone(self) -> None:
        """A tag that is not on a line of its own is just text."""
        html = convert(f"See {TAG} here.")

        assert [] == tables(html)

    def test_tag_in_code_is_left_alone(self) -> None:
        """A tag inside a code block is shown as code."""
        html = convert(f"```\n{TAG}\n```\n", "fenced_code")

        assert ([], 1) == (tables(html), html.count("[[pmcompare:"))


class TestOptions:
    def test_definitions_and_summary_off(self) -> None:
        """definitions=false, summary=false and notes=false leave only the table."""
        html = convert(TAG.replace("]]", " definitions=false summary=false notes=false]]"))

        [div] = pmcompare_divs(html)
        assert ["table"] == [child.tag for child in div]

    def test_notes_follow_the_table(self) -> None:
        """The seed comparison's note is a paragraph after the table, unless notes=false."""
        [div] = pmcompare_divs(convert(TAG.replace("]]", " definitions=false summary=false]]")))
        assert ["table", "p"] == [child.tag for child in div]
        assert "pmcompare-note" == div[1].get("class")

    def test_title_off(self) -> None:
        """title=false drops the caption."""
        [table] = tables(convert(TAG.replace("]]", " title=false]]")))

        assert None is caption(table)

    def test_aspects(self) -> None:
        """aspects="..." keeps those rows in that order."""
        [table] = tables(convert(TAG.replace("]]", ' aspects="Time horizon, core question"]]')))

        assert ["Time horizon", "Core question"] == [row[0] for row in rows(table)[1:]]

    def test_swap(self) -> None:
        """swap=true shows the other orientation."""
        [table] = tables(convert(TAG.replace("]]", " swap=true]]")))

        assert expected_rows(pmcompare.get(*reversed(PAIR))) == rows(table)

    def test_yes_and_no(self) -> None:
        """On/off options also take yes/no, on/off and 1/0, in any case."""
        html = convert(TAG.replace("]]", " definitions=No summary=OFF notes=off title=0 swap=yes]]"))

        [div] = pmcompare_divs(html)
        assert (["table"], None) == ([child.tag for child in div], caption(div.find("table")))


class TestNesting:
    def test_inside_an_admonition(self) -> None:
        """A tag inside an admonition's body becomes a table there."""
        html = convert(f'!!! note "Compare"\n    {TAG}\n', "admonition")

        [admonition] = [div for div in parse_html(html).iter("div") if "admonition" in (div.get("class") or "")]
        assert 1 == len(list(admonition.iter("table")))

    def test_inside_tabbed_blocks(self) -> None:
        """Each pymdown-extensions tab holds its own table."""
        text = f"""\
            === "Strategy first"
                {TAG}

            === "Management first"
                [[pmcompare: product management | product strategy]]
            """
        html = convert(text, "pymdownx.tabbed")

        tabs = [div for div in parse_html(html).iter("div") if div.get("class") == "tabbed-content"]
        assert [["Product Strategy"], ["Product Management"]] == [
            [rows(table)[0][1] for table in tab.iter("table")] for tab in tabs
        ]

    def test_inside_a_list_item(self) -> None:
        """A tag indented under a list item becomes a table inside the item."""
        html = convert(f"- Item\n\n    {TAG}\n")

        [item] = list(parse_html(html).iter("li"))
        assert 1 == len(list(item.iter("table")))


class TestSafety:
    def test_cell_text_is_never_markdown_or_html(self, tmp_path: Path) -> None:
        """Markup in the data shows as text: no emphasis, link, code or script, and no nested tag."""
        pack = write_pack(tmp_path)
        html = convert("[[pmcompare: alpha thing | beta thing]]", packs=[str(pack)])

        [table] = tables(html)
        assert [HOSTILE_ASPECT, HOSTILE_LEFT, HOSTILE_RIGHT] == rows(table)[1]
        assert [] == [e.tag for e in parse_html(html).iter() if e.tag in ("em", "strong", "a", "code", "script", "b")]

    def test_smart_symbols_do_not_touch_cells(self, tmp_path: Path) -> None:
        """Extensions that rewrite text (smarty) leave the table's cells as written."""
        pack = write_pack(tmp_path)
        html = convert("[[pmcompare: alpha thing | beta thing]]", "smarty", packs=[str(pack)])

        assert [HOSTILE_ASPECT, HOSTILE_LEFT, HOSTILE_RIGHT] == rows(tables(html)[0])[1]


class TestErrors:
    def test_unknown_concept_raises_with_the_tag_and_suggestions(self) -> None:
        """In strict mode (the default) an unknown name raises, quoting the tag and the nearest names."""
        tag = "[[pmcompare: product stratgy | product management]]"
        with pytest.raises(TagError) as caught:
            convert(tag)

        assert caught.value.tag == tag
        assert "product strategy" in caught.value.suggestions
        expected = f"{tag}: no concept named 'product stratgy'; did you mean 'product strategy'"
        assert str(caught.value).startswith(expected)

    def test_unknown_comparison(self) -> None:
        """Two known concepts with no comparison between them raise."""
        registry = pmcompare.registry()
        concepts = registry.concepts()
        a, b = next((a, b) for a in concepts for b in concepts if a != b and (a.slug, b.slug) not in registry)
        with pytest.raises(TagError, match="no comparison of"):
            convert(f"[[pmcompare: {a.slug} | {b.slug}]]")

    def test_unknown_option(self) -> None:
        """A misspelt option is an error that suggests the right one."""
        with pytest.raises(TagError, match="unknown option 'defintions=false'; did you mean 'definitions'"):
            convert(TAG.replace("]]", " defintions=false]]"))

    def test_bad_flag_value(self) -> None:
        """An on/off option with another value is an error."""
        with pytest.raises(TagError, match="option 'swap' takes true or false, not 'maybe'"):
            convert(TAG.replace("]]", " swap=maybe]]"))

    def test_unknown_aspect(self) -> None:
        """An aspect the comparison does not have is an error naming the nearest."""
        with pytest.raises(TagError, match="has no aspect 'Core questoin'; did you mean 'Core question'"):
            convert(TAG.replace("]]", ' aspects="Core questoin"]]'))

    def test_not_a_pair(self) -> None:
        """A tag with one name is an error."""
        with pytest.raises(TagError, match="expected two or more names"):
            convert("[[pmcompare: product strategy]]")

    def test_not_strict_leaves_a_warning(self, caplog: pytest.LogCaptureFixture) -> None:
        """With strict off, a bad tag becomes a visible warning paragraph and a logged warning."""
        with caplog.at_level(logging.WARNING, logger="pmcompare.markdown"):
            html = convert("[[pmcompare: nothing | at all]]", strict=False)

        [paragraph] = [p for p in parse_html(html).iter("p") if p.get("class") == "pmcompare-error"]
        assert cell_text(paragraph).startswith("pmcompare: [[pmcompare: nothing | at all]]: no concept named 'nothing'")
        assert ["WARNING"] == [record.levelname for record in caplog.records]

    def test_a_bad_pack_fails_on_first_use(self, tmp_path: Path) -> None:
        """A broken pack in the settings raises the pack's DataError."""
        bad = tmp_path / "bad.toml"
        bad.write_text("[[comparisons]]\n", encoding="utf-8")
        message = r"bad\.toml:1: comparisons\[0\]: missing the required field 'left'"
        with pytest.raises(pmcompare.DataError, match=message):
            convert(TAG, packs=[str(bad)])


MKDOCS_PAGE = """\
# Strategy or management?

[[pmcompare: product strategy | product management]]

!!! note "Only two rows"
    [[pmcompare: product strategy | product management aspects="Core question, Time horizon" definitions=false]]

=== "Ours"
    [[pmcompare: alpha thing | beta thing]]

=== "Swapped"
    [[pmcompare: alpha thing | beta thing swap=true]]

[[pmcompare: zeta thing | gamma thing | epsilon thing | delta thing]]
"""

MKDOCS_CONFIG = """\
site_name: Test site
markdown_extensions:
  - admonition
  - pymdownx.tabbed
  - pmcompare:
      packs:
        - !relative $config_dir/packs
"""


def mkdocs_build(site: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(site / "mkdocs.yml")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small MkDocs project with a pack of its own, next to mkdocs.yml."""
    site = tmp_path / "site"
    (site / "docs").mkdir(parents=True)
    (site / "mkdocs.yml").write_text(MKDOCS_CONFIG, encoding="utf-8")
    (site / "docs" / "index.md").write_text(MKDOCS_PAGE, encoding="utf-8")
    write_pack(site / "packs")
    write_lineup_pack(site / "packs")
    return site


class TestMkDocs:
    def test_strict_build(self, site: Path) -> None:
        """mkdocs build --strict succeeds and the page holds every table, nested ones included."""
        result = mkdocs_build(site)

        assert 0 == result.returncode, result.stderr
        html = (site / "site" / "index.html").read_text(encoding="utf-8")
        found = [rows(table) for table in tables(html)]
        assert expected_rows(pmcompare.get(*PAIR)) == found[0]
        assert ["Aspect", "Core question", "Time horizon"] == [row[0] for row in found[1]]
        assert [HOSTILE_ASPECT, HOSTILE_LEFT, HOSTILE_RIGHT] == found[2][1]
        assert ["Aspect", "Beta Thing", "Alpha Thing"] == found[3][0]
        assert lineup_rows(("Zeta Thing", "Gamma Thing", "Epsilon Thing", "Delta Thing")) == found[4]

    def test_unknown_pair_fails_the_build(self, site: Path) -> None:
        """A bad tag stops mkdocs build with a message naming the tag and the suggestion."""
        page = site / "docs" / "index.md"
        page.write_text(page.read_text(encoding="utf-8") + "\n[[pmcompare: product stratgy | product management]]\n")

        result = mkdocs_build(site)

        assert 0 != result.returncode
        assert "[[pmcompare: product stratgy | product management]]: no concept named" in result.stderr
        assert "did you mean 'product strategy'" in result.stderr


class TestLineups:
    def test_three_or_more_names_draw_the_lineup(self, tmp_path: Path) -> None:
        """A tag of four names is the lineup's table, its columns in the order written, every cell text."""
        pack = write_lineup_pack(tmp_path)
        order = ("Delta Thing", "Zeta Thing", "Gamma Thing", "Epsilon Thing")

        html = convert(f"[[pmcompare: {' | '.join(order)}]]", packs=[str(pack)])

        [table] = tables(html)
        assert lineup_rows(order) == rows(table)
        assert " vs ".join(order) == caption(table)
        assert [] == [e.tag for e in table.iter() if e.tag in ("em", "strong", "a", "script", "code", "b", "i")]

    def test_vs_and_swap(self, tmp_path: Path) -> None:
        """Names joined by vs work too, and swap=true reverses the columns."""
        pack = write_lineup_pack(tmp_path)

        html = convert(f"[[pmcompare: {LINEUP_TAG.replace('|', 'vs')} swap=true]]", packs=[str(pack)])

        [table] = tables(html)
        assert lineup_rows(LINEUP_NAMES[::-1]) == rows(table)

    def test_a_pair_inside_a_lineup_says_where_it_came_from(self, tmp_path: Path) -> None:
        """Two names of the lineup draw its two columns, with a note naming the lineup."""
        pack = write_lineup_pack(tmp_path)

        html = convert("[[pmcompare: delta thing | zeta thing]]", packs=[str(pack)])

        [table] = tables(html)
        assert [[row[0], row[2], row[4]] for row in lineup_rows()] == rows(table)
        notes = [cell_text(p) for p in parse_html(html).iter("p") if p.get("class") == "pmcompare-note"]
        assert "From the lineup Gamma Thing vs Delta Thing vs Epsilon Thing vs Zeta Thing." == notes[-1]

    def test_three_names_without_a_lineup(self) -> None:
        """Three known concepts that no lineup holds are a TagError with what exists among them."""
        with pytest.raises(TagError, match="no lineup of 'Objectives and Key Results'"):
            convert("[[pmcompare: okr | kpi | product strategy]]")
