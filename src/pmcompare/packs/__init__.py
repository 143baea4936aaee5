"""Reading and checking data packs: TOML or JSON files, or folders of them.

A pack is a document with two optional lists, ``concepts`` and
``comparisons`` (see ``docs/pack-format.md``). The modules, one idea each:

- :mod:`.files`: finding a pack's files and reading them (links, size limit);
- :mod:`.parse`: UTF-8, then TOML or JSON (duplicate keys through the parser's hook);
- :mod:`.lines`: the line of a path inside a file, for problems;
- :mod:`.fields`: the one description of the fields, and the JSON Schema from it;
- :mod:`.check`: a document's shape against that description;
- :mod:`.build`: the objects, through the model's constructors;
- :mod:`.reader`: all of it, for one pack: :func:`read_pack`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .files import MAX_FILE_BYTES, pack_files

if TYPE_CHECKING:
    from .parse import MAX_DEPTH
    from .reader import Pack, read_pack

__all__ = [
    "ENTRY_POINT_GROUP",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Pack",
    "bundled_data",
    "load_default",
    "pack_files",
    "pack_schema",
    "read_pack",
]


def pack_schema() -> dict[str, Any]:
    """The JSON Schema of the data-pack format, for editors and other checkers.

    It checks the shape of a document (fields, types, kebab-case slugs); the
    rules that span entries, such as undefined concepts or a repeated pair,
    are checked by :meth:`Registry.load <pmcompare.Registry.load>` and
    ``pmcompare validate``.
    """
    from .fields import schema

    return schema()


def __getattr__(name: str) -> Any:
    # The reader is imported on first use: the default registry, built from
    # its cache, needs only the files module.
    if name in ("Pack", "read_pack"):
        from . import reader

        return getattr(reader, name)
    if name == "MAX_DEPTH":
        from .parse import MAX_DEPTH

        return MAX_DEPTH
    # The default registry's names, where they were before it had a module of its own.
    if name in ("ENTRY_POINT_GROUP", "bundled_data", "load_default"):
        from .. import _default

        return getattr(_default, name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
