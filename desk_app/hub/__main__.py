"""``python -m desk_app.hub``: the same as ``desk-hub``."""

from desk_app.hub.cli import main

raise SystemExit(main())
