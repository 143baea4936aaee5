"""Tests for the quick look for installed packs that spares importing importlib.metadata."""

from __future__ import annotations

import sys
import zipfile
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from pmcompare._entry_points import may_declare
from pmcompare.packs import ENTRY_POINT_GROUP
from test_init import python

GROUP = ENTRY_POINT_GROUP


def distribution(site: Path, folder: str, entry_points_text: str | None) -> Path:
    """A distribution's metadata folder in ``site``, with an entry_points.txt holding the text if given."""
    info = site / folder
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: x\nVersion: 1\n", encoding="utf-8")
    if entry_points_text is not None:
        (info / "entry_points.txt").write_text(entry_points_text, encoding="utf-8")
    return info


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder that is the whole of sys.path."""
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    return tmp_path


class TestMayDeclare:
    def test_nothing_installed(self, site: Path) -> None:
        """A path with no distributions declares nothing."""
        assert not may_declare(GROUP)

    def test_entry_points_of_other_groups(self, site: Path) -> None:
        """Distributions with entry points in other groups only declare nothing."""
        distribution(site, "tool-1.0.dist-info", "[console_scripts]\ntool = tool:main\n")
        distribution(site, "plain-2.0.dist-info", None)
        assert not may_declare(GROUP)

    @pytest.mark.parametrize("folder", ["pack-1.0.dist-info", "Pack-1.0.DIST-INFO", "pack-1.0.egg-info"])
    def test_a_declared_pack(self, site: Path, folder: str) -> None:
        """A dist-info or egg-info folder whose entry points have the group's header may declare a pack."""
        distribution(site, "tool-1.0.dist-info", "[console_scripts]\ntool = tool:main\n")
        distribution(site, folder, f"[{GROUP}]\nmine = mine\n")
        assert may_declare(GROUP)

    def test_an_egg_on_the_path(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An .egg folder on sys.path is read through its EGG-INFO folder."""
        egg = site / "pack-1.0-py3.11.egg"
        distribution(egg, "EGG-INFO", f"[{GROUP}]\nmine = mine\n")
        monkeypatch.setattr(sys, "path", [str(egg)])
        assert may_declare(GROUP)

    def test_egg_info_file_holds_no_entry_points(self, site: Path) -> None:
        """An .egg-info that is a file (PKG-INFO alone) declares nothing."""
        (site / "old-1.0.egg-info").write_text("Metadata-Version: 1.0\nName: old\n", encoding="utf-8")
        assert not may_declare(GROUP)

    def test_missing_folders_are_passed_over(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A path entry that does not exist holds nothing, as for importlib.metadata."""
        monkeypatch.setattr(sys, "path", [str(site / "missing"), str(site)])
        assert not may_declare(GROUP)

    def test_a_zip_on_the_path_is_a_maybe(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A zip file is not read here, so it counts as a maybe and importlib.metadata decides."""
        archive = site / "bundle.zip"
        with zipfile.ZipFile(archive, "w") as zipped:
            zipped.writestr("x.py", "")
        monkeypatch.setattr(sys, "path", [str(archive)])
        assert may_declare(GROUP)

    def test_another_distribution_finder_is_a_maybe(self, site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A finder of distributions other than the standard one may know of packs; that is a maybe."""

        class Finder:
            def find_spec(self, *args: object) -> None:
                return None

            def find_distributions(self, *args: object) -> list[object]:
                return []

        monkeypatch.setattr(sys, "meta_path", [Finder(), *sys.meta_path])
        assert may_declare(GROUP)


class TestAgreesWithImportlibMetadata:
    def test_this_environment(self) -> None:
        """Where the quick look says no, importlib.metadata finds no pack either."""
        if not may_declare(GROUP):
            assert [] == list(entry_points(group=GROUP))

    def test_with_the_example_packs(self, installed_packs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Packs installed with pip are seen, by the quick look and by importlib.metadata."""
        monkeypatch.syspath_prepend(str(installed_packs))
        assert may_declare(GROUP)
        assert {"example", "broken"} <= {ep.name for ep in entry_points(group=GROUP)}

    def test_no_importlib_metadata_without_packs(self) -> None:
        """Building the default registry with no pack installed imports neither importlib.metadata nor resources."""
        code = (
            "import sys, pmcompare; "
            "c = pmcompare.get('product strategy', 'product management'); "
            "print(c.slug, 'importlib.metadata' in sys.modules, 'importlib.resources' in sys.modules)"
        )
        assert "product-strategy-vs-product-management False False" == python(code).stdout.strip()
