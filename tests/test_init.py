"""The package itself: public names, a cheap import, the default registry, packaging."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import pmcompare

ROOT = Path(__file__).resolve().parent.parent


def python(code: str, *, path: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run code in a fresh interpreter (optionally with an extra sys.path entry)."""
    env_code = f"import sys; sys.path.insert(0, {str(path)!r}); " if path else ""
    return subprocess.run([sys.executable, "-W", "default", "-c", env_code + code],
                          capture_output=True, text=True, check=True)


class TestPublicNames:
    def test_all_lists_each_name_once_and_every_name_exists(self) -> None:
        """__all__ has no repeats and every name in it exists (ruff's RUF022 keeps it sorted)."""
        assert len(set(pmcompare.__all__)) == len(pmcompare.__all__)
        for name in pmcompare.__all__:
            assert getattr(pmcompare, name) is not None

    def test_every_public_name_is_documented(self) -> None:
        """Every exported function and class has a docstring."""
        for name in pmcompare.__all__:
            obj = getattr(pmcompare, name)
            if callable(obj):
                assert obj.__doc__, name

    def test_version_comes_from_the_metadata(self) -> None:
        """__version__ is the installed distribution's version."""
        from importlib.metadata import version

        assert version("pmcompare") == pmcompare.__version__

    def test_unknown_attribute(self) -> None:
        """An unknown attribute is a plain AttributeError naming it."""
        with pytest.raises(AttributeError, match="has no attribute 'nope'"):
            _ = pmcompare.nope  # type: ignore[attr-defined]

    def test_formats_is_read_only(self) -> None:
        """FORMATS cannot be changed by accident."""
        with pytest.raises(TypeError):
            pmcompare.FORMATS["x"] = pmcompare.FORMATS["text"]  # type: ignore[index]


class TestCheapImport:
    def test_import_loads_no_data_and_no_heavy_modules(self) -> None:
        """import pmcompare reads no data and imports no tabulate, wcwidth, tomllib, json, metadata or stemmer."""
        code = (
            "import sys, pmcompare; "
            "heavy = ['tabulate', 'wcwidth', 'tomllib', 'json', 'importlib.metadata', 'difflib', "
            "'pmcompare.packs', 'pmcompare.renderers.text', 'snowballstemmer']; "
            "print([m for m in heavy if m in sys.modules], pmcompare._registry)"
        )
        assert "[] None" == python(code).stdout.strip()


class TestDefaultRegistry:
    def test_built_once(self) -> None:
        """registry() returns the same registry every time."""
        assert pmcompare.registry() is pmcompare.registry()

    def test_get_uses_it(self) -> None:
        """pmcompare.get() looks up in the default registry, also as 'a vs b'."""
        expected = pmcompare.registry().get("product strategy", "product management")
        assert expected == pmcompare.get("product strategy", "product management")
        assert expected == pmcompare.get("product strategy vs product management")

    def test_search_uses_it(self) -> None:
        """pmcompare.search() searches the default registry."""
        assert pmcompare.registry().search("strategy") == pmcompare.search("strategy")

    def test_thread_safe_first_use(self) -> None:
        """Sixteen threads asking at once for the first time all get one and the same registry."""
        code = (
            "import threading, pmcompare\n"
            "seen = []\n"
            "barrier = threading.Barrier(16)\n"
            "def work():\n"
            "    barrier.wait(); seen.append(id(pmcompare.registry()))\n"
            "threads = [threading.Thread(target=work) for _ in range(16)]\n"
            "[t.start() for t in threads]; [t.join() for t in threads]\n"
            "print(len(seen), len(set(seen)))\n"
        )
        assert "16 1" == python(code).stdout.strip()


class TestInstalledPacks:
    def test_an_installed_pack_is_found_through_its_entry_point(self, installed_packs: Path) -> None:
        """A pack published under the pmcompare.packs entry point joins the default registry."""
        code = "import pmcompare; c = pmcompare.get('v2mom', 'product strategy'); print(c.slug, c.right.name)"
        result = python(code, path=installed_packs)
        assert "v2mom-vs-product-strategy Product Strategy" == result.stdout.strip()

    def test_a_broken_pack_is_skipped_with_a_warning(self, installed_packs: Path) -> None:
        """A broken installed pack gives a PackWarning naming it and its problem; the rest loads."""
        code = (
            "import warnings, pmcompare\n"
            "with warnings.catch_warnings(record=True) as caught:\n"
            "    warnings.simplefilter('always')\n"
            "    registry = pmcompare.registry()\n"
            "print(json.dumps([[w.category.__name__, str(w.message)] for w in caught]))\n"
            "print(('v2mom', 'product strategy') in registry, ('product strategy', 'product management') in registry)\n"
        )
        result = python("import json\n" + code, path=installed_packs)
        warnings_line, found = result.stdout.strip().splitlines()
        [[category, message]] = json.loads(warnings_line)
        assert "PackWarning" == category
        assert "skipped the pack 'broken'" in message
        assert "concepts[0].definition: expected a string, found the integer 3" in message
        assert "True True" == found


class TestWheel:
    def test_wheel_ships_types_data_and_schema(self, tmp_path: Path) -> None:
        """The wheel holds py.typed, the glossary, every comparison file, the built cache and the pack schema."""
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
             "--disable-pip-version-check", "-w", str(tmp_path), str(ROOT)],
            check=True,
        )
        [wheel] = tmp_path.glob("pmcompare-*.whl")
        names = set(zipfile.ZipFile(wheel).namelist())
        expected = {"pmcompare/py.typed", "pmcompare/data/glossary/core.toml", "pmcompare/pack.schema.json",
                    "pmcompare/_bundled.pickle"}
        comparisons = (ROOT / "src/pmcompare/data/comparisons").iterdir()
        expected |= {f"pmcompare/data/comparisons/{p.name}" for p in comparisons}
        assert expected <= names
        assert not any(name.startswith("tests/") for name in names)


def test_dir_lists_every_public_name() -> None:
    """dir(pmcompare) lists every name of __all__, those imported on first use too, for completion."""
    assert set(pmcompare.__all__) <= set(dir(pmcompare))
