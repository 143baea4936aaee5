"""The bundled library, built ahead of time into ``_bundled.pickle``.

Building the bundled library (some 125 comparisons over 250 concepts) from
its TOML files, through the pack reader and every constructor's checks, takes
about 20 ms: most of what ``pmcompare show`` costs beyond its imports.
``make data`` (``python -m pmcompare._bundled``) does that work once, through
the same reader as every pack, and pickles the concepts and comparisons it
built, with the data version (``pmcompare.DATA_VERSION``) and a
signature: every data file's path, size and CRC-32, the
CRC-32 of the code that checks and builds the objects (the model, its
validators and the pack reader), the model's fields and the pickle protocol.

:func:`load` gives those objects back only when the data files read now and
the model in use have that signature, and the package's data version is
the one it records; otherwise it gives None and the
default registry reads the files as any pack. A stale cache is slower, never
wrong. The test suite checks that the cache is current and that it gives the
same registry as reading the files. The pickle is part of the package, and
trusted as its code is.

``make data`` also writes the bundled library's search index
(``_bundled_index.marshal``): building it stems some 4,000 words, which
would cost a first search more than the rest of ``pmcompare search``. The
default registry offers it to its first search until a pack is added; it
is used only if it was made from this very cache and search code.
"""

from __future__ import annotations

import pickle
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from .model import Comparison, Concept, Lineup
    from .registry import Registry

__all__ = ["CACHE", "INDEX", "build", "build_index", "load", "load_index", "register", "signature"]

CACHE = Path(__file__).with_name("_bundled.pickle")
"""The cache file, beside this module."""

INDEX = Path(__file__).with_name("_bundled_index.marshal")
"""The bundled library's search index, built ahead of time (read only by a search)."""

# The modules whose rules the index was built by, with the cache it indexes.
_INDEXERS = ("search.py", "_spelling.py")

# The modules whose rules the cached objects were checked and built by.
_BUILDERS = ("model.py", "_validators.py", "_text.py", "errors.py")


def signature(folder: Path | Traversable) -> list[object] | None:
    """What the cache must have been made from: the model and reader's code, and each pack file's path, size and CRC.

    None if a file cannot be read.
    """
    import attrs

    from . import model
    from .packs import files

    classes = (
        model.Concept, model.Difference, model.Source, model.Summary, model.Comparison, model.LineupRow, model.Lineup
    )
    out: list[object] = [pickle.HIGHEST_PROTOCOL, *([c.__qualname__, *attrs.fields_dict(c)] for c in classes)]
    # The code that checks and builds the objects: a change to a rule makes the cache stale.
    here = Path(__file__).parent
    sources: list[Path] = [here / name for name in _BUILDERS] + sorted((here / "packs").glob("*.py"))
    for source in sources:
        try:
            code = source.read_bytes()
        except OSError:  # no source to compare (a zip import, say): read the data instead
            return None
        out.append((source.name, zlib.crc32(code)))
    problems: list[Any] = []
    for file in files.find(folder, problems):
        data = files.read(file, problems)
        if data is None:
            return None
        out.append((file.relative, len(data), zlib.crc32(data)))
    return None if problems else out


Built = tuple[list["Concept"], list["Comparison"], list["Lineup"]]


def load(folder: Path | Traversable) -> Built | None:
    """The concepts, comparisons and lineups built from ``folder``, if the cache was made from these very files."""
    try:
        cached = pickle.loads(CACHE.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable or from another version: read the files instead
        return None
    from . import DATA_VERSION

    if not isinstance(cached, dict) or cached.get("data_version") != DATA_VERSION:
        return None
    if cached.get("signature") != signature(folder):
        return None
    return cached["concepts"], cached["comparisons"], cached["lineups"]


def register(registry: Registry, built: Built) -> None:
    """Register what :func:`load` gave, concepts first: objects built and checked by the reader already."""
    concepts, comparisons, lineups = built
    for concept in concepts:
        registry.register(concept)
    for comparison in comparisons:
        registry.register(comparison)
    for lineup in lineups:
        registry.register(lineup)


def build(folder: Path) -> bytes:
    """The cache for the pack in ``folder``: what the reader builds from it, pickled with its signature."""
    from . import DATA_VERSION
    from .errors import DataError
    from .packs import read_pack

    pack = read_pack(folder)
    if pack.problems:
        raise DataError(pack.problems)
    cached = {
        "data_version": DATA_VERSION,
        "signature": signature(folder),
        "concepts": pack.concepts,
        "comparisons": pack.comparisons,
        "lineups": pack.lineups,
    }
    return pickle.dumps(cached, protocol=pickle.HIGHEST_PROTOCOL)


def _index_signature() -> list[object] | None:
    """What the prebuilt index must have been made from: the cache, and the code that indexes and stems.

    The stemmer's own version is not part of it: importing the stemmer to ask
    would cost what the prebuilt index saves. A query word the index holds is
    looked up, not stemmed, so a newer stemmer changes only how new words meet.
    """
    here = Path(__file__).parent
    out: list[object] = [INDEX.name]
    for path in (CACHE, *(here / name for name in _INDEXERS)):
        try:
            out.append((path.name, zlib.crc32(path.read_bytes())))
        except OSError:
            return None
    return out


def build_index(items: list[Any]) -> bytes:
    """The prebuilt search index of ``items`` (as the default registry orders them), with its signature."""
    import marshal

    from .search import Index

    return marshal.dumps({"signature": _index_signature(), "index": Index(items).dump()})


def load_index(items: list[Any]) -> Any:
    """The search index of ``items``: the prebuilt one if it was made from this cache and code for these items.

    Items that are the bundled library and more (an installed pack) get an
    index built there and then, stemming only the words the prebuilt one
    does not know.
    """
    import marshal

    from .search import Index

    try:
        cached = marshal.loads(INDEX.read_bytes())
    except Exception:  # noqa: BLE001 - missing, unreadable or from another version: the index is built instead
        return None
    if not isinstance(cached, dict) or cached.get("signature") != _index_signature():
        return None
    return Index.load(items, cached["index"]) or Index(items, known=cached["index"]["words"])


if __name__ == "__main__":
    CACHE.write_bytes(build(Path(__file__).with_name("data")))
    print(f"wrote {CACHE}")
    from .registry import Registry

    built = load(Path(__file__).with_name("data"))
    assert built is not None
    registry = Registry()
    register(registry, built)
    INDEX.write_bytes(build_index([*registry.concepts(), *registry, *registry.lineups()]))  # as a registry indexes
    print(f"wrote {INDEX}")
