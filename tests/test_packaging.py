"""The package as released: wheel and sdist built, checked, installed and run on their own; licences; citation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

import pmcompare

ROOT = Path(__file__).resolve().parent.parent
LICENCES = ("LICENSE", "LICENSES/CC-BY-4.0.txt")
PIP = [sys.executable, "-m", "pip", "--quiet", "--disable-pip-version-check"]


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sdist and the wheel, built once with `python -m build` (the wheel from the sdist, as build does)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(ROOT)],
                   check=True, capture_output=True)
    [sdist] = out.glob("pmcompare-*.tar.gz")
    [wheel] = out.glob("pmcompare-*.whl")
    return {"sdist": sdist, "wheel": wheel}


@pytest.fixture(scope="module")
def unpacked(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist, unpacked."""
    folder = tmp_path_factory.mktemp("sdist")
    with tarfile.open(dist["sdist"]) as archive:
        archive.extractall(folder, filter="data")
    [root] = folder.iterdir()
    return root


@pytest.fixture(scope="module")
def venv(dist: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed (not editable), its dependencies resolved by pip from its metadata."""
    folder = tmp_path_factory.mktemp("venv")
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(folder)], check=True, capture_output=True)
    subprocess.run([*PIP, "--python", str(folder / "bin/python"), "install", str(dist["wheel"])],
                   check=True, capture_output=True)
    return folder / "bin"


def run(*argv: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(a) for a in argv], capture_output=True, text=True, cwd=cwd, env=env)
    assert 0 == result.returncode, result.stderr
    return result.stdout


class TestBuild:
    def test_twine_check_passes(self, dist: dict[str, Path]) -> None:
        """twine accepts both files: metadata, and a README that PyPI can render."""
        out = run(sys.executable, "-m", "twine", "check", "--strict", dist["sdist"], dist["wheel"])
        assert 2 == out.count("PASSED")

    def test_the_wheel_holds_both_licences(self, dist: dict[str, Path]) -> None:
        """The wheel ships the code's and the data's licence, and its metadata names them."""
        names = zipfile.ZipFile(dist["wheel"]).namelist()
        info = next(n for n in names if n.endswith(".dist-info/METADATA")).rpartition("/")[0]
        assert {f"{info}/licenses/{name}" for name in LICENCES} <= set(names)
        metadata = zipfile.ZipFile(dist["wheel"]).read(f"{info}/METADATA").decode()
        assert "License-Expression: MIT AND CC-BY-4.0" in metadata.splitlines()
        assert {f"License-File: {name}" for name in LICENCES} <= set(metadata.splitlines())

    def test_the_sdist_holds_every_file_of_the_repository(self, dist: dict[str, Path]) -> None:
        """The sdist has the licences, CITATION.cff, and every tracked file (tests, benchmarks, scripts, docs)."""
        if not (ROOT / ".git").exists():
            pytest.skip("not a git checkout: there is no list of tracked files to compare with")
        tracked = run("git", "-C", ROOT, "ls-files").split()
        with tarfile.open(dist["sdist"]) as archive:
            names = {name.partition("/")[2] for name in archive.getnames()}
        assert {*LICENCES, "CITATION.cff"} <= names
        assert [] == [name for name in tracked if name not in names]


class TestInstalledWheel:
    def test_show(self, venv: Path) -> None:
        """The installed command draws the seed comparison."""
        out = run(venv / "pmcompare", "show", "product strategy", "product management", "--width", "80")
        assert out.startswith("Product Strategy vs Product Management\n")

    def test_export_and_read_back(self, venv: Path, tmp_path: Path) -> None:
        """The installed command exports the library, and the installed package reads it back."""
        run(venv / "pmcompare", "export", "--format", "sqlite", "--out", tmp_path / "pm.db")
        code = (
            "import pmcompare, json, sys; back = pmcompare.read_export(sys.argv[1]); "
            "print(json.dumps([pmcompare.__file__, pmcompare.DATA_VERSION, len(back), "
            "list(back) == list(pmcompare.registry())]))"
        )
        where, version, count, equal = json.loads(run(venv / "python", "-c", code, tmp_path / "pm.db"))
        assert str(venv.parent) in where
        assert [pmcompare.DATA_VERSION, len(pmcompare.registry()), True] == [version, count, equal]

    def test_records_need_no_pandas_and_dataframes_say_how_to_get_it(self, venv: Path) -> None:
        """Without pandas (not a dependency), records() works and to_pandas() names the extra to install."""
        code = (
            "import pmcompare\nregistry = pmcompare.registry()\nprint(len(registry.records()['comparisons']))\n"
            "try:\n    registry.to_pandas()\nexcept ImportError as error:\n    print(error)\n"
        )
        count, message = run(venv / "python", "-c", code).splitlines()
        assert (str(len(pmcompare.registry())), "dataframes need pandas: pip install 'pmcompare[pandas]'") == (
            count, message
        )

    def test_a_lookup_reads_the_bundled_cache(self, venv: Path) -> None:
        """A lookup in the installed package gives the comparison, from the prebuilt cache that ships in it."""
        code = (
            "import pmcompare, pmcompare._bundled as b, pmcompare._default as d; "
            "print(pmcompare.get('okr vs kpi').title, b.load(d.bundled_data()) is not None)"
        )
        expected = "Objectives and Key Results vs Key Performance Indicator True"
        assert expected == run(venv / "python", "-c", code).strip()


class TestUnpackedSdist:
    def test_its_tests_run(self, unpacked: Path) -> None:
        """A part of the sdist's own test suite passes from the unpacked sdist, on the sdist's own code."""
        env = {**os.environ, "PYTHONPATH": str(unpacked / "src"), "HYPOTHESIS_PROFILE": "quick"}
        where = run(sys.executable, "-c", "import pmcompare; print(pmcompare.__file__)", cwd=unpacked, env=env)
        assert where.startswith(str(unpacked / "src"))
        out = run(
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
            "tests/test_slugs.py", "tests/test_bundled.py::TestCache",
            "tests/test_export.py::TestRoundTrip::test_the_bundled_library", "tests/test_benchmark.py",
            cwd=unpacked, env=env,
        )
        assert " passed" in out.splitlines()[-1]
        assert "failed" not in out.splitlines()[-1]


@pytest.fixture(scope="module")
def schema(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The Citation File Format 1.2.0 schema, as the cffconvert wheel on PyPI ships it.

    cffconvert itself pins jsonschema below 4, which the other tools here
    need, so its wheel is downloaded (not installed) and the schema read from it.
    """
    folder = tmp_path_factory.mktemp("cffconvert")
    subprocess.run([*PIP, "download", "--no-deps", "--dest", str(folder), "cffconvert==2.0.0"],
                   check=True, capture_output=True)
    [wheel] = folder.glob("cffconvert-*.whl")
    loaded: dict[str, object] = json.loads(zipfile.ZipFile(wheel).read("cffconvert/schemas/1.2.0/schema.json"))
    return loaded


class TestCitation:
    def test_validates_against_the_schema(self, schema: dict[str, object]) -> None:
        """CITATION.cff is valid Citation File Format 1.2.0."""
        import jsonschema
        import yaml

        citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
        assert [] == [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(citation)]

    def test_names_the_versions_and_licences(self) -> None:
        """CITATION.cff gives the package's version and licences, and the data's version and licence."""
        import yaml

        citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
        project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
        [data] = citation["references"]
        assert (project["version"], ["MIT", "CC-BY-4.0"]) == (citation["version"], citation["license"])
        assert (pmcompare.DATA_VERSION, "CC-BY-4.0") == (data["version"], data["license"])
