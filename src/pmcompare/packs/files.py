"""Finding a pack's files and reading their bytes: suffixes, links, the size limit.

A folder is read recursively in name order, passing over names that start
with ``.`` or ``_``. Each file is read once, however many links lead to it
(a link back up the tree included); a broken link, or anything that is not
a regular file (a FIFO, a device), is a problem, found without opening it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from os import PathLike, fspath
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ..errors import Problem

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

__all__ = ["MAX_FILE_BYTES", "PackFile", "find", "pack_files", "read"]

MAX_FILE_BYTES = 32 * 1024 * 1024
"""The largest file a pack may hold (32 MiB); a larger one is refused unread."""

SUFFIXES = (".toml", ".json")



class PackFile(NamedTuple):
    """One file of a pack: its label in problems, its path relative to the pack, and the file itself."""

    label: str
    relative: str
    item: Any  # a Path, or a Traversable


def _root(source: str | PathLike[str] | Traversable) -> Any:
    return Path(fspath(source)) if isinstance(source, str | PathLike) else source


def find(source: str | PathLike[str] | Traversable, problems: list[Problem]) -> list[PackFile]:
    """The files of the pack at ``source``, in the order they are read; problems for what cannot be."""
    root = _root(source)
    label = str(root)
    if root.is_dir():
        links: list[str] = []  # the links met on the way: only with links may a file be met twice
        walk = _scan if isinstance(root, Path) else _walk
        found = sorted(walk(root, "", set(), problems, links), key=lambda pair: pair[0])
        if not found and not problems:
            problems.append(Problem(label, None, "", "expected .toml or .json files in this folder, found none"))
        files = [PackFile(f"{label}/{rel}", rel, item) for rel, item in found]
        return _once(files) if links else files
    if isinstance(root, Path) and root.is_symlink() and not root.exists():
        problems.append(Problem(label, None, "", _broken(root)))
        return []
    if not root.is_file() and not (isinstance(root, Path) and root.exists()):
        problems.append(Problem(label, None, "", "no such file or folder"))
        return []
    if not root.name.endswith(SUFFIXES):
        problems.append(Problem(label, None, "", "expected a .toml or .json file"))
        return []
    return [PackFile(label, root.name, root)]


def pack_files(path: str | PathLike[str]) -> list[Path]:
    """The files that make up the pack at ``path``: the file itself, or the pack files of a folder.

    These are exactly the files :meth:`Registry.load <pmcompare.Registry.load>`
    reads, in its order; the documentation integrations note them as
    dependencies of a page.
    """
    root = Path(fspath(path))
    if not root.is_dir():
        return [root]
    return [file.item for file in find(root, [])]


def _broken(path: Path) -> str:
    return f"a link to {os.readlink(path)!r}, which does not exist"


def _scan(
    folder: Path, prefix: str, seen: set[tuple[int, int]], problems: list[Problem], links: list[str]
) -> Iterator[tuple[str, Any]]:
    """The pack files under a folder on disk; a folder reached again through a link is passed over."""
    try:
        info = folder.stat()
        with os.scandir(folder) as scan:
            entries = list(scan)
    except OSError as error:
        problems.append(Problem(str(folder), None, "", f"cannot read the folder: {error.strerror or error}"))
        return
    if (info.st_dev, info.st_ino) in seen:
        return  # a link back to a folder already read
    seen.add((info.st_dev, info.st_ino))
    for entry in entries:
        name = entry.name
        if name.startswith((".", "_")):
            continue
        if entry.is_symlink():
            links.append(entry.path)
        if entry.is_dir():
            yield from _scan(Path(entry.path), f"{prefix}{name}/", seen, problems, links)
        elif name.endswith(SUFFIXES):
            if entry.is_symlink() and not os.path.exists(entry.path):
                problems.append(Problem(f"{folder}/{name}", None, "", _broken(Path(entry.path))))
            else:
                yield f"{prefix}{name}", Path(entry.path)


def _walk(
    folder: Any, prefix: str, seen: set[Any], problems: list[Problem], links: list[str]
) -> Iterator[tuple[str, Any]]:
    """The pack files under a Traversable folder (inside a zip, say), where there are no links."""
    try:
        children = list(folder.iterdir())
    except OSError as error:
        problems.append(Problem(str(folder), None, "", f"cannot read the folder: {error.strerror or error}"))
        return
    for child in children:
        if child.name.startswith((".", "_")):
            continue
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            yield from _walk(child, rel + "/", seen, problems, links)
        elif child.name.endswith(SUFFIXES):
            yield rel, child


def _once(files: list[PackFile]) -> list[PackFile]:
    """The files with each real file kept once, at its first place in the order."""
    seen: set[tuple[int, int]] = set()
    out = []
    for file in files:
        if isinstance(file.item, Path):
            try:
                info = file.item.stat()
            except OSError:
                pass  # reading it will say what is wrong
            else:
                if (info.st_dev, info.st_ino) in seen:
                    continue
                seen.add((info.st_dev, info.st_ino))
        out.append(file)
    return out


def _too_big(size: int) -> str:
    return f"expected a file of at most {MAX_FILE_BYTES:,} bytes, found {size:,} bytes"


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def read(file: PackFile, problems: list[Problem]) -> bytes | None:
    """The file's bytes, or None (with a problem) for a file too big, not regular, or unreadable."""
    item = file.item
    try:
        if isinstance(item, Path):
            # Opened without blocking and checked through the descriptor, so
            # that a FIFO put in the file's place cannot make the read wait.
            descriptor = os.open(item, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
            with open(descriptor, "rb", buffering=0) as handle:
                info = os.fstat(descriptor)
                if not stat.S_ISREG(info.st_mode):
                    kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
                    problems.append(Problem(file.label, None, "", f"expected a regular file, found {kind}"))
                    return None
                if info.st_size > MAX_FILE_BYTES:
                    problems.append(Problem(file.label, None, "", _too_big(info.st_size)))
                    return None
                # One byte more than the file had, to see it if it grew meanwhile
                # (never the whole limit: read(n) sets n bytes aside first).
                data = handle.read(min(info.st_size, MAX_FILE_BYTES) + 1)
        else:
            data = item.read_bytes()
    except OSError as error:
        problems.append(Problem(file.label, None, "", f"cannot read the file: {error.strerror or error}"))
        return None
    if len(data) > MAX_FILE_BYTES:
        problems.append(Problem(file.label, None, "", _too_big(len(data))))
        return None
    return data
