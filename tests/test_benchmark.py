"""The benchmark: a tiny run, so that the script never rots. Its figures are never asserted."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "benchmarks" / "bench.py"


class TestQuickRun:
    def test_quick_run_exits_cleanly_and_prints_its_tables(self) -> None:
        """bench.py --quick runs every section, exits 0 and prints the results and goals tables."""
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--quick"],
            capture_output=True, text=True, timeout=300, cwd=ROOT, check=False,
        )
        assert 0 == done.returncode, done.stderr
        out = done.stdout
        assert "| measurement | median | baseline | baseline median | ratio |" in out
        assert "| goal | measured | target | result |" in out
        for heading in ("### Import", "### Sphinx html build", "### MkDocs build", "### Rendering",
                        "### Loading a", "### Goals"):
            assert heading in out
        assert "`pmcompare show" in out
        assert "Not measured:" not in out, out  # every section ran, even at a tiny size
