"""The README's examples are true: its doctest runs and its Markdown table is what the renderer gives."""

from __future__ import annotations

import doctest
import re
from pathlib import Path

import pmcompare

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


class TestReadme:
    def test_python_examples_run(self) -> None:
        """Every '>>>' example in the README gives the output shown."""
        # A code fence ends an example's expected output, as a blank line would.
        text = re.sub(r"^```.*$", "", README, flags=re.MULTILINE)
        test = doctest.DocTestParser().get_doctest(text, {}, "README.md", "README.md", 0)
        assert test.examples
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
        runner.run(test)
        assert (0, len(test.examples)) == (runner.failures, runner.tries)

    def test_markdown_sample_is_the_renderer_output(self) -> None:
        """The seed comparison shown as Markdown is exactly what render() gives today."""
        pattern = r"`pmcompare show (.*?) --format markdown --no-definitions`:\n\n(.*?)\n\n#+ "
        match = re.search(pattern, README, re.DOTALL)
        assert match is not None
        comparison = pmcompare.get("product strategy", "product management")
        assert pmcompare.render(comparison, "markdown", definitions=False) == match.group(2)

    def test_the_two_commands_are_in_the_makefile(self) -> None:
        """The README's two commands are make targets that exist."""
        makefile = (Path(__file__).resolve().parent.parent / "Makefile").read_text(encoding="utf-8")
        assert "make demo" in README
        assert "make test" in README
        assert re.search(r"^demo:", makefile, re.MULTILINE)
        assert re.search(r"^test:", makefile, re.MULTILINE)


def install_commands(text: str) -> list[str]:
    """The commands of the Install section's console blocks, without the clone (the test has the tree)."""
    section = text.split("## Install\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```console\n(.*?)```", section, re.DOTALL)
    commands = [line[2:] for block in blocks for line in block.splitlines() if line.startswith("$ ")]
    return [command for command in commands if not command.startswith("git clone")]


class TestInstall:
    def test_the_install_commands_work(self, tmp_path: Path) -> None:
        """From a fresh virtual environment, the README's install commands give a working pmcompare, twice over."""
        import shlex
        import subprocess
        import sys

        root = Path(__file__).resolve().parent.parent
        (tmp_path / "pmcompare").symlink_to(root, target_is_directory=True)
        commands = install_commands(README)
        assert ["pip install ./pmcompare", "pip install build"] == commands[:2]
        for first, last in ((0, 1), (1, len(commands))):  # from the clone; then from a wheel, in a new venv
            venv = tmp_path / f"venv{first}"
            subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
            for command in commands[first:last]:
                words = shlex.split(command)
                python = str(venv / "bin" / "python")
                program = [python, "-m", "pip"] if words[0] == "pip" else [python]
                result = subprocess.run(
                    [*program, *words[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
                )
                assert 0 == result.returncode, f"{command}: {result.stderr[-2000:]}"
            shown = subprocess.run(
                [str(venv / "bin" / "pmcompare"), "show", "okr", "kpi", "--format", "markdown"],
                capture_output=True, text=True, timeout=120, check=True,
            )
            assert "Objectives and Key Results" in shown.stdout
            origin = subprocess.run(
                [str(venv / "bin" / "python"), "-c", "import pmcompare; print(pmcompare.__file__)"],
                capture_output=True, text=True, timeout=120, check=True,
            )
            assert str(venv) in origin.stdout  # a real install, not this checkout

    def test_the_quickstart_gives_the_same_commands(self) -> None:
        """The docs' quickstart says to install the same way as the README."""
        quickstart = (Path(__file__).resolve().parent.parent / "docs" / "quickstart.md").read_text(encoding="utf-8")
        assert install_commands(README) == install_commands(quickstart)
