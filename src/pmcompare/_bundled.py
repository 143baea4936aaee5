"""The bundled TOML files, parsed ahead of time into ``_bundled.json``.

Parsing the bundled library with :mod:`tomllib` (pure Python) is most of
what building the default registry costs, and so a large part of every
``pmcompare show``, Sphinx build and notebook that uses it. ``_bundled.json``
holds each file's parsed document, which :func:`json.loads` reads some
twenty times faster, beside the file's size and CRC-32.

A document is used only when the file read now has that size and CRC, so a
file edited since the cache was written is parsed as TOML, as any other pack
is; the cache can make loading slower when it is out of date, never wrong.
Everything read from it is checked as every pack is. The test suite checks
that the cache matches the data; ``make data`` (``python -m
pmcompare._bundled``) writes it anew.
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import Any

__all__ = ["CACHE", "build", "parsed", "signature"]

CACHE = Path(__file__).with_name("_bundled.json")
"""The cache file, beside this module."""

_FORMAT = 1
_BOM = b"\xef\xbb\xbf"  # dropped before parsing, as the pack loader does
_cache: dict[str, Any] | None = None


def signature(data: bytes) -> list[int]:
    """What a file's bytes must match for its cached document to be used: their size and CRC-32."""
    return [len(data), zlib.crc32(data)]


def parsed(relative: str, data: bytes) -> Any:
    """The cached document of the bundled file at ``relative`` (such as ``glossary.toml``), or None.

    None when there is no cache, no entry for the file, or the bytes differ
    from those the entry was made from.
    """
    global _cache  # read once per process, on first use
    if _cache is None:
        try:
            cache = json.loads(CACHE.read_bytes())
        except (OSError, ValueError):
            cache = {}
        _cache = cache.get("files", {}) if isinstance(cache, dict) and cache.get("format") == _FORMAT else {}
    entry = _cache.get(relative)
    if not isinstance(entry, dict) or entry.get("signature") != signature(data):
        return None
    return entry.get("document")


def build(folder: Path) -> str:
    """The text of the cache for the TOML files under ``folder``, as :func:`json.dumps` writes it, sorted."""
    import tomllib

    files: dict[str, Any] = {}
    for path in sorted(folder.rglob("*.toml")):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith((".", "_")) for part in relative.split("/")):
            continue  # the pack loader passes these over too
        data = path.read_bytes()
        document = tomllib.loads(data.removeprefix(_BOM).decode("utf-8"))
        files[relative] = {"signature": signature(data), "document": document}
    return json.dumps({"format": _FORMAT, "files": files}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


if __name__ == "__main__":
    CACHE.write_text(build(Path(__file__).with_name("data")), encoding="utf-8")
    print(f"wrote {CACHE}")
