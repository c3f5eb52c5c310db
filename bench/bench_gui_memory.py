"""Peak memory of the GUI on the demo commune after every page has been opened (issue 17: under 250 MB).

    .venv/bin/python bench/bench_gui_memory.py [--dossiers 400] [--seconds 5]

Makes a demo commune in a temporary folder, opens the main window on it as the setup admin (all pages
allowed), shows each page in turn letting it load for ``--seconds`` (its background work included), then
prints the process's peak resident set (``ru_maxrss``) and the pages visited. Linux; offscreen platform.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import child_env  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=400)
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    import subprocess

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "demo"
        # The demo is made by another process, so that the peak is the GUI's alone.
        subprocess.run(
            [
                sys.executable,
                "-m",
                "desk_app",
                "--data-dir",
                str(data),
                "demo",
                "--dossiers",
                str(args.dossiers),
            ],
            check=True,
            env=child_env(),
        )
        from PySide6.QtCore import QCoreApplication

        from desk_app.gui.app import make_app
        from desk_app.gui.context import GuiContext
        from desk_app.gui.language import install_translators
        from desk_app.gui.main_window import MainWindow
        from desk_app.store.db import open_database

        app = make_app()
        install_translators(app, "vi")
        db = open_database(data)
        ctx = GuiContext(db, data, user="setup")
        window = MainWindow(ctx, unit_name="demo", defer_pages=False)
        window.show()
        visited = []
        for spec in list(window.specs):
            window.show_page(spec.key)
            visited.append(spec.key)
            end = time.monotonic() + args.seconds
            while time.monotonic() < end:
                QCoreApplication.processEvents()
                time.sleep(0.01)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"pages: {', '.join(visited)}")
        print(f"peak resident: {peak:.0f} MB (goal: under 250 MB on a 4 GB PC)")
        window.close()
        ctx.close()
        db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
