"""Entry point of both programs of the bundle: ``desk-app`` (windowed) and ``desk-app-cli`` (console).

Without arguments it opens the app (the CLI's default command); the Start-menu shortcut runs it so. A windowed
program on Windows has no stdout/stderr: they go to nowhere instead of failing the first print.
"""

import os
import sys

from desk_app.cli import main

if __name__ == "__main__":
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 (lives as long as the process)
    sys.exit(main())
