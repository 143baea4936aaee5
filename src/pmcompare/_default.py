"""The default registry: the bundled pack (from its pre-built cache) and every installed pack.

Only this module knows of the cache of the bundled data (:mod:`._bundled`)
and of entry points (:mod:`._entry_points`); the pack reader reads every
pack alike.
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import DataError, PackWarning

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .registry import Registry

__all__ = ["ENTRY_POINT_GROUP", "bundled_data", "load_default"]

ENTRY_POINT_GROUP = "pmcompare.packs"
"""The entry point group under which installed packages offer data packs."""


def bundled_data() -> Traversable:
    """The folder of the data pack that ships inside pmcompare."""
    folder = Path(__file__).parent / "data"
    if folder.is_dir():
        # Installed as files, as nearly always: importlib.resources, which
        # costs more to import than reading the data, is not needed.
        return folder
    from importlib.resources import files

    return files("pmcompare") / "data"


def load_default() -> Registry:
    """Build a registry from the bundled pack and every pack installed under :data:`ENTRY_POINT_GROUP`.

    The bundled pack must load. An installed pack that fails is skipped with
    a :class:`~pmcompare.PackWarning` naming it and its problems.
    """
    import warnings

    from . import _bundled
    from ._entry_points import may_declare
    from .registry import Registry

    registry = Registry()
    folder = bundled_data()
    built = _bundled.load(folder)
    if built is None:
        from .packs import read_pack

        registry.add(read_pack(folder))
    else:
        _bundled.register(registry, built)
        # The first search reads the index built with the cache (with a pack added, its stems).
        registry._offer_index(_bundled.load_index)
    if not may_declare(ENTRY_POINT_GROUP):
        return registry
    from importlib.metadata import entry_points

    for entry_point in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda ep: ep.name):
        try:
            registry.load(_pack_location(entry_point.load()))
        except DataError as error:
            msg = f"skipped the pack {entry_point.name!r} ({entry_point.value}): {error}"
            warnings.warn(msg, PackWarning, stacklevel=3)
        except Exception as error:  # noqa: BLE001 - any failure of third-party code skips its pack
            msg = f"skipped the pack {entry_point.name!r} ({entry_point.value}): {type(error).__name__}: {error}"
            warnings.warn(msg, PackWarning, stacklevel=3)
    return registry


def _pack_location(target: Any) -> Any:
    """What an entry point names: a package holding pack files, a path, or a callable giving one."""
    import types

    if isinstance(target, types.ModuleType):
        from importlib.resources import files

        return files(target)
    if callable(target) and not isinstance(target, str | PathLike):
        return target()
    return target
