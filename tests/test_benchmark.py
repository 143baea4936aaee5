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
            capture_output=True, text=True, timeout=600, cwd=ROOT, check=False,
        )
        assert 0 == done.returncode, done.stderr
        out = done.stdout
        assert "| measurement | median | baseline | baseline median | ratio |" in out
        assert "| goal | measured | target | result |" in out
        for heading in ("### Import", "### `pmcompare show`", "### Default registry", "### Loading generated packs",
                        "### Lookups", "### Rendering", "### Memory", "### Goals"):
            assert heading in out
