"""A quick look for installed packs, so that a machine without any need not import importlib.metadata.

:mod:`importlib.metadata` costs more to import than the rest of ``pmcompare
show`` together (it brings in the email package), and finds entry points by
reading the same files this reads. So the default registry first asks
:func:`may_declare`, which reads those files with nothing but :mod:`os`, and
imports :mod:`importlib.metadata` only when some installed distribution may
declare a pack; that one then decides, with all its rules.
"""

from __future__ import annotations

import os
import sys

__all__ = ["may_declare"]


def may_declare(group: str) -> bool:
    """Whether an installed distribution may declare entry points in ``group``.

    ``False`` only when none can: every folder on :data:`sys.path` has been
    read, and no ``entry_points.txt`` of a ``*.dist-info`` or ``*.egg-info``
    folder in it (or of the ``EGG-INFO`` folder of an ``.egg``) has the
    group's ``[header]``. Anything this does not read counts as a maybe: a
    zip file on the path, or a finder of distributions on
    :data:`sys.meta_path` other than the standard one.
    """
    from importlib.machinery import PathFinder

    for finder in sys.meta_path:
        if finder is not PathFinder and getattr(finder, "find_distributions", None) is not None:
            return True
    header = f"[{group}]".encode()
    for entry in sys.path:
        root = entry or "."
        try:
            with os.scandir(root) as children:
                names = [child.name for child in children]
        except NotADirectoryError:
            return True  # a zip file, which importlib.metadata reads and this does not
        except OSError:
            continue  # missing or unreadable: importlib.metadata finds nothing there either
        egg = root.lower().endswith(".egg")
        for name in names:
            lower = name.lower()
            if lower.endswith((".dist-info", ".egg-info")) or (egg and lower == "egg-info"):
                try:
                    with open(os.path.join(root, name, "entry_points.txt"), "rb") as file:
                        if header in file.read():
                            return True
                except OSError:
                    continue  # no entry points (or an .egg-info file, which holds none)
    return False
