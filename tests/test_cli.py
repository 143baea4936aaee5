"""The command line: show, list, concepts, search, validate and schema."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import pmcompare
from pmcompare import Registry
from pmcompare.cli import main


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), stdout=out, stderr=err)
    return status, out.getvalue(), err.getvalue()


class TestShow:
    def test_text_table(self) -> None:
        """show prints the comparison as a text table that fits the width."""
        status, out, _ = run("show", "product strategy", "product management", "--width", "80")
        assert 0 == status
        assert out.startswith("Product Strategy vs Product Management\n")
        table = [line for line in out.splitlines() if line[:1] in "╭│├╰"]
        assert table
        assert all(len(line) <= 80 for line in table)
        assert "Core question" in out

    def test_either_order_and_one_argument(self) -> None:
        """show B A puts B on the left; 'A vs B' works as one argument."""
        _, swapped, _ = run("show", "product management", "product strategy")
        assert swapped.startswith("Product Management vs Product Strategy")
        assert run("show", "product strategy", "product management")[1] == run(
            "show", "product strategy vs product management")[1]

    @pytest.mark.parametrize("fmt", list(pmcompare.FORMATS))
    def test_every_format(self, fmt: str) -> None:
        """--format takes every format and prints what render() gives."""
        status, out, _ = run("show", "product strategy", "product management", "--format", fmt)
        comparison = pmcompare.get("product strategy", "product management")
        assert 0 == status
        assert pmcompare.render(comparison, fmt) + "\n" == out

    def test_options(self) -> None:
        """--no-definitions and --no-aspects leave those parts out."""
        _, out, _ = run("show", "product strategy", "product management", "--no-definitions", "--no-aspects")
        assert "Product Strategy: The plan" not in out
        assert "Core question" not in out

    def test_unknown_name_exits_1_with_suggestion(self) -> None:
        """An unknown name exits 1 and suggests the nearest on stderr."""
        status, out, err = run("show", "prodct strategy", "product management")
        assert (1, "") == (status, out)
        assert "no concept named 'prodct strategy'; did you mean 'product strategy'" in err

    def test_bad_width_is_a_usage_error(self) -> None:
        """A width too small exits 2 with the reason."""
        status, _, err = run("show", "product strategy", "product management", "--width", "5")
        assert 2 == status
        assert "at least 20" in err

    def test_unknown_format_is_a_usage_error(self) -> None:
        """argparse refuses a format that does not exist, with exit 2."""
        assert 2 == run("show", "a", "b", "--format", "pdf")[0]

    def test_width_with_other_format_is_a_usage_error(self) -> None:
        """--width applies to text only."""
        assert 2 == run("show", "product strategy", "product management", "-f", "markdown", "-w", "80")[0]


class TestListings:
    def test_list(self) -> None:
        """list prints every comparison with its summary, then every lineup, and a count of each."""
        status, out, _ = run("list")
        assert 0 == status
        seed = pmcompare.get("product strategy", "product management")
        assert f"Product Strategy vs Product Management  —  {seed.summary}" in out
        lineups = pmcompare.registry().lineups()
        count = f"{len(pmcompare.registry())} comparisons" + (f", {len(lineups)} lineups" if lineups else "")
        assert out.rstrip().endswith(count)
        for lineup in lineups:
            assert f"{lineup.title}  —  {lineup.summary_text}" in out.split("\nlineups:\n")[1]

    def test_concepts(self) -> None:
        """concepts lists every concept with its aliases."""
        status, out, _ = run("concepts")
        assert 0 == status
        assert "Product Management  (also: Product Mgmt)" in out

    def test_search(self) -> None:
        """search prints the matching comparisons, best first."""
        status, out, _ = run("search", "product", "strategy")
        assert 0 == status
        assert out.startswith("Product Strategy vs")

    def test_search_with_no_match_exits_1(self) -> None:
        """A search that finds nothing says so and exits 1."""
        status, out, err = run("search", "zzzqqq")
        assert (1, "") == (status, out)
        assert "nothing matches" in err


class TestOptionsOfTheFormat:
    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["--format", "json", "--no-title"], "the json format takes no --no-title"),
            (["--format", "html", "--width", "80"], "the html format takes no --width"),
        ],
    )
    def test_an_option_the_format_does_not_take_is_refused(self, argv: list[str], message: str) -> None:
        """An option that the format would ignore is a usage error, not silently dropped."""
        status, out, err = run("show", "okr", "kpi", *argv)
        assert (2, "") == (status, out)
        assert message in err


class TestValidate:
    def test_good_pack(self, tmp_path: Path) -> None:
        """A valid pack prints OK and exits 0."""
        status, out, _ = run("validate", str(pmcompare.packs.bundled_data()))
        assert 0 == status
        assert "OK" in out

    def test_pack_using_bundled_concepts(self, tmp_path: Path) -> None:
        """A pack may compare concepts that the bundled glossary defines."""
        path = tmp_path / "p.toml"
        path.write_text(
            '[[concepts]]\nname = "Growth Strategy"\ndefinition = "How a company plans to grow."\n'
            '[[comparisons]]\nleft = "growth strategy"\nright = "product strategy"\n'
            '[[comparisons.differences]]\naspect = "Scope"\nleft = "The company."\nright = "One product."\n',
            encoding="utf-8",
        )
        assert 0 == run("validate", str(path))[0]

    def test_bad_pack_prints_every_problem(self, tmp_path: Path) -> None:
        """Every problem is printed with file, line and path; the exit status is 1."""
        path = tmp_path / "bad.toml"
        path.write_text('[[concepts]]\nname = "X"\nslug = "Bad Slug"\ndefinitoin = "\\u001b[2J"\n', encoding="utf-8")
        status, out, _ = run("validate", str(path))
        assert 1 == status
        assert f"{path}:4: concepts[0].definitoin: unknown field" in out
        assert f"{path}:1: concepts[0]: missing the required field 'definition'" in out
        assert "\x1b" not in out
        assert out.rstrip().endswith("problems")

    def test_goes_on_after_a_file_that_cannot_be_read(self, tmp_path: Path) -> None:
        """A 5,000-digit number, a broken link and a FIFO are each reported, and the next file is still checked."""
        import os

        big = tmp_path / "big.toml"
        big.write_text(f"number = {'9' * 5000}\n", encoding="utf-8")
        broken = tmp_path / "broken.toml"
        broken.symlink_to("nowhere.toml")
        fifo = tmp_path / "fifo.toml"
        os.mkfifo(fifo)
        good = tmp_path / "good.toml"
        good.write_text('[[concepts]]\nname = "Alpha"\ndefinition = "The first."\n', encoding="utf-8")
        status, out, err = run("validate", str(big), str(broken), str(fifo), str(good))
        assert 1 == status
        assert "" == err
        assert f"{big}:1: invalid TOML: an integer of more than 4,300 digits" in out
        assert f"{broken}: a link to 'nowhere.toml', which does not exist" in out
        assert f"{fifo}: expected a regular file, found a FIFO" in out
        assert [f"{path}: 1 problem" for path in (big, broken, fifo)] == [
            line for line in out.splitlines() if line.endswith(": 1 problem")
        ]
        assert f"{good}: OK, 0 comparisons" in out


class TestSchema:
    def test_prints_the_json_schema(self) -> None:
        """schema prints the pack schema as JSON."""
        status, out, _ = run("schema")
        assert 0 == status
        assert pmcompare.pack_schema() == json.loads(out)


class TestProcess:
    def test_help_has_an_example(self) -> None:
        """Every command's --help shows an example."""
        for command in ("show", "list", "concepts", "search", "validate", "schema"):
            status, out, _ = run(command, "--help")
            assert 0 == status
            assert "example:" in out

    def test_no_command_is_a_usage_error(self) -> None:
        """pmcompare with no command exits 2."""
        assert 2 == run()[0]

    def test_python_dash_m(self) -> None:
        """python -m pmcompare runs the same command line."""
        result = subprocess.run(
            [sys.executable, "-m", "pmcompare", "show", "product strategy vs product management", "-w", "100"],
            capture_output=True, text=True, check=True,
        )
        assert result.stdout.startswith("Product Strategy vs Product Management")


def shell(command: str, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a shell command line with this interpreter's ``python -m pmcompare`` as ``pmcompare``."""
    import os
    import shlex

    program = f"{shlex.quote(sys.executable)} -m pmcompare"
    return subprocess.run(
        ["sh", "-c", command.replace("pmcompare", program, 1)],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, **env},
    )


class TestOutput:
    def test_reader_gone_is_quiet(self) -> None:
        """`pmcompare list | head -1` prints one line and no traceback; pmcompare exits 141 as other tools do."""
        done = shell("pmcompare list | head -1")
        assert 1 == len(done.stdout.splitlines())
        assert "" == done.stderr
        status = shell("pmcompare list | (head -1 > /dev/null; sleep 1); exit 0")
        assert "" == status.stderr

    def test_full_disk_is_an_error_not_a_traceback(self) -> None:
        """Output to /dev/full says it could not be written and exits 1."""
        done = shell("pmcompare list > /dev/full")
        assert 1 == done.returncode
        assert "pmcompare: cannot write the output" in done.stderr
        assert "Traceback" not in done.stderr

    def test_closed_output_is_an_error(self) -> None:
        """With standard output closed, show says so and exits 1 instead of claiming success."""
        done = shell("pmcompare show okr kpi >&-")
        assert 1 == done.returncode
        assert "standard output is closed" in done.stderr

    def test_ascii_terminal_gets_what_it_can_show(self) -> None:
        """With an ASCII-only output, list and show print everything, with ASCII borders and dashes, and exit 0."""
        listed = shell("pmcompare list", PYTHONIOENCODING="ascii")
        assert 0 == listed.returncode, listed.stderr
        assert " - " in listed.stdout.splitlines()[0]
        shown = shell("pmcompare show okr kpi --width 80", PYTHONIOENCODING="ascii")
        assert 0 == shown.returncode, shown.stderr
        assert shown.stdout.isascii()
        assert "+----" in shown.stdout

    def test_one_column_terminal_uses_one_minimum(self) -> None:
        """COLUMNS=1 wraps the title and summary to the same width as the narrowest table, not a letter a line."""
        done = shell("pmcompare show okr kpi", COLUMNS="1")
        assert 0 == done.returncode
        lines = done.stdout.splitlines()
        table = max(len(line) for line in lines if line[:1] in "╭│├╰")
        assert len(lines[0]) >= 10
        assert all(len(line) <= table for line in lines)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


HOSTILE_PACK = (
    '[[concepts]]\nname = "Zorblax \\u001b[31mred\\u202e"\nslug = "zorblax"\n'
    'definition = "Zorblax \\u001b]0;title\\u0007 text."\n'
    '[[concepts]]\nname = "Quuxify"\ndefinition = "Another \\u009b2J thing."\n'
    '[[comparisons]]\nleft = "zorblax"\nright = "quuxify"\n'
    '[[comparisons.differences]]\naspect = "Zorblax \\u001b[2J"\nleft = "Zorblax \\u001b[1m."\nright = "B."\n'
)


class TestSearch:
    def test_plain_when_not_a_terminal(self) -> None:
        """Written to a pipe or file, search output carries no escape codes."""
        status, out, _ = run("search", "okr")
        assert 0 == status
        assert "\x1b" not in out

    def test_each_hit_shows_where_it_matched(self) -> None:
        """Each result is followed by the field it matched in and a snippet."""
        _, out, _ = run("search", "behaviour", "change")
        assert "    definition: " in out

    def test_concepts_are_listed_too(self) -> None:
        """search lists the concepts that match after the comparisons."""
        _, out, _ = run("search", "scrum", "master")
        assert "\nconcepts:\nScrum Master\n" in out

    def test_bold_on_a_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """On a terminal the matched words are bold."""
        monkeypatch.delenv("NO_COLOR", raising=False)
        out = _Terminal()
        assert 0 == main(["search", "okr"], stdout=out, stderr=io.StringIO())
        assert "\x1b[1mOKR" in out.getvalue()

    def test_no_color_turns_bold_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """NO_COLOR keeps a terminal's output plain."""
        monkeypatch.setenv("NO_COLOR", "1")
        out = _Terminal()
        main(["search", "okr"], stdout=out, stderr=io.StringIO())
        assert "\x1b" not in out.getvalue()

    def test_json(self) -> None:
        """--format json prints the hits as a list of records that scripts can read."""
        status, out, _ = run("search", "okr", "--format", "json")
        records = json.loads(out)
        assert 0 == status
        assert {"kind", "slug", "title", "score", "field", "snippet", "spans"} == set(records[0])
        assert "okr" == records[0]["slug"] or "okr" in records[0]["slug"]

    def test_no_match_suggests_and_exits_1(self) -> None:
        """A search that finds nothing suggests the nearest words and exits 1."""
        status, out, err = run("search", "okr", "timelinez")
        assert (1, "") == (status, out)
        assert "did you mean 'timeline'" in err

    def test_hostile_data_never_reaches_the_terminal_raw(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Control and bidi characters in a pack are shown escaped, on a terminal too."""
        path = tmp_path / "hostile.toml"
        path.write_text(HOSTILE_PACK, encoding="utf-8")
        hostile = Registry()
        hostile.load(path)
        monkeypatch.setattr(pmcompare, "_registry", hostile)
        monkeypatch.delenv("NO_COLOR", raising=False)
        for stream in (io.StringIO(), _Terminal()):
            assert 0 == main(["search", "zorblax"], stdout=stream, stderr=io.StringIO())
            shown = stream.getvalue().replace("\x1b[1m", "").replace("\x1b[0m", "")
            assert "Zorblax" in shown
            assert [] == [c for c in shown if c in "\x1b\x07\x9b\u202e"]


FIXTURE = Path(__file__).parent / "lineups" / "daily-active-users-vs-weekly-active-users-vs-monthly-active-users.toml"


@pytest.fixture
def with_lineup(monkeypatch: pytest.MonkeyPatch) -> Registry:
    """The default registry holding the DAU, WAU and MAU lineup (from tests/lineups, unless bundled already)."""
    registry = pmcompare.registry()
    if ("dau", "wau", "mau") not in registry:
        registry = registry.copy()
        registry.load(FIXTURE)
        monkeypatch.setattr(pmcompare, "_registry", registry)
    return registry


@pytest.mark.usefixtures("with_lineup")
class TestLineups:
    @pytest.mark.parametrize("width", [60, 80, 120])
    def test_show_three_names(self, width: int) -> None:
        """show with three names prints the lineup, columns in the order given, fitting the width."""
        status, out, _ = run("show", "mau", "dau", "wau", "--width", str(width))

        assert 0 == status
        title = " ".join(out.split("\n\n")[0].split())  # wrapped to the width
        assert "Monthly Active Users vs Daily Active Users vs Weekly Active Users" == title
        header = next(line for line in out.splitlines() if line.startswith("│"))
        assert 5 == header.count("│")
        assert max(len(line) for line in out.splitlines()) <= width

    def test_one_argument_with_vs(self) -> None:
        """show 'A vs B vs C' is show A B C."""
        assert run("show", "mau", "dau", "wau")[1] == run("show", "mau vs dau vs wau")[1]

    @pytest.mark.parametrize("fmt", list(pmcompare.FORMATS))
    def test_every_format(self, fmt: str) -> None:
        """--format takes every format for a lineup and prints what render() gives."""
        status, out, _ = run("show", "dau", "wau", "mau", "--format", fmt)

        assert 0 == status
        assert pmcompare.render(pmcompare.get("dau", "wau", "mau"), fmt) + "\n" == out

    def test_a_pair_inside_the_lineup(self) -> None:
        """show of two concepts with no comparison draws the lineup's two columns and says so."""
        status, out, _ = run("show", "wau", "dau", "--width", "100")

        assert 0 == status
        assert "From the lineup Daily Active Users vs Weekly Active Users vs Monthly Active Users." in out

    def test_no_lineup_exits_1_with_what_there_is(self) -> None:
        """Three names no lineup holds exit 1, naming the lineups and comparisons among them."""
        status, out, err = run("show", "dau", "mau", "okr")

        assert (1, "") == (status, out)
        assert "no lineup of 'Daily Active Users', 'Monthly Active Users', 'Objectives and Key Results'" in err
        assert "Daily Active Users vs Weekly Active Users vs Monthly Active Users" in err

    def test_list_shows_lineups_after_comparisons(self) -> None:
        """list prints the lineups under their own heading, and counts them."""
        _, out, _ = run("list")

        _comparisons, lineups = out.split("\nlineups:\n")
        assert "Daily Active Users vs Weekly Active Users vs Monthly Active Users  —  " in lineups
        assert "lineups\n" == out[-len("lineups\n"):]

    def test_search_says_a_hit_is_a_lineup(self) -> None:
        """search "dau wau mau" finds the lineup first and marks it; --format json gives its kind."""
        _, out, _ = run("search", "dau", "wau", "mau")
        _, data, _ = run("search", "dau wau mau", "--format", "json")

        assert out.startswith("Daily Active Users vs Weekly Active Users vs Monthly Active Users  (lineup)\n")
        first = json.loads(data)[0]
        assert ("lineup", "daily-active-users-vs-weekly-active-users-vs-monthly-active-users") == (
            first["kind"], first["slug"])


def test_validate_counts_lineups() -> None:
    """validate of a lineup file reports it OK, with its lineup counted."""
    status, out, _ = run("validate", str(FIXTURE))

    assert (0, f"{FIXTURE}: OK, 0 comparisons, 1 lineup\n") == (status, out)
