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
