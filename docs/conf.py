"""Sphinx configuration for the pmcompare documentation.

Build it with ``python -m sphinx -W --keep-going -b html docs docs/_build/html``
and check its examples with ``python -m sphinx -b doctest docs docs/_build/doctest``.
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "pmcompare"
author = "The pmcompare developers"
copyright = "the pmcompare developers"  # noqa: A001 - the name Sphinx reads
release = _version("pmcompare")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "pmcompare.sphinx",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "sphinx.ext.napoleon",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "notebooks", "Thumbs.db", ".DS_Store"]

# Tables made by the directive are numbered and can be referred to with
# :numref: by their :name:.
numfig = True

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}

# Every example in the docs runs under `sphinx-build -b doctest`.
doctest_global_setup = "import pmcompare"

html_theme = "furo"
html_title = f"pmcompare {release}"
html_static_path: list[str] = []
