"""``python -m pmcompare``: the command line."""

from .cli import main

raise SystemExit(main())
