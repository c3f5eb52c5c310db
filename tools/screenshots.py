"""Screenshots of every page of desk_app at 1366x768 (the commune PCs' screen), for the README.

    PYTHONPATH=$PWD .venv/bin/python tools/screenshots.py [--out docs/screenshots] [--size 1366x768]
                                                          [--data-dir DIR] [--font 100]

Runs itself under Xvfb (``xvfb-run``) when no display is set; makes a demo commune in a temporary folder unless
``--data-dir`` is given; shows the main window maximised on a screen of that size less a 40-px taskbar, opens
each registered page in turn (the dossier page on a real dossier) and writes ``<page>.png`` (reduced to 256
colours, so each file stays small). Not a test: the pictures are for people to look at.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TASKBAR = 40


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--font", type=int, default=100, help="text size percent (100, 115, 130)")
    parser.add_argument("--pages", default="", help="comma-separated page keys (default: every page)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.lower().split("x"))
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM", "") != "offscreen":
        if shutil.which("xvfb-run") is None:
            print("screenshots: needs Xvfb (apt install xvfb) or a display", file=sys.stderr)
            return 2
        cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, *sys.argv]
        return subprocess.call(cmd, env={**os.environ, "QT_QPA_PLATFORM": "xcb"})
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = Path(tempfile.mkdtemp(prefix="shots.")) / "demo"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run(
            [sys.executable, "-m", "desk_app", "--data-dir", str(data_dir), "demo", "--dossiers", "300"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    keys = [k for k in args.pages.split(",") if k]
    shoot(args.out, data_dir, width, height, args.font, keys)
    return 0


def shoot(out: Path, data_dir: Path, width: int, height: int, font: int, keys: list[str]) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    import desk_app.gui  # noqa: F401
    from desk_app.gui import fontsize, messages
    from desk_app.gui.app import make_app
    from desk_app.gui.context import GuiContext
    from desk_app.gui.language import install_translators
    from desk_app.gui.main_window import MainWindow
    from desk_app.services.lifecycle import dossier_query
    from desk_app.store.db import open_database
    from tools.screen_check import settle

    messages.HOOK = lambda kind, text, parent: True
    app = make_app(["desk-app"])
    install_translators(app, "vi")
    fontsize.apply(font, app)
    db = open_database(data_dir)
    ctx = GuiContext(db, data_dir, user="admin")
    ctx.full_name = "Nguyễn Văn Hùng"  # as a signed-in clerk is greeted
    window = MainWindow(ctx, unit_name="Ủy ban nhân dân xã Gio Sơn")
    window.load_all_pages()
    window.setGeometry(0, 0, width, height - TASKBAR)
    window.showMaximized()
    settle(app, ctx)
    codes = [r.code for r in dossier_query.page(db, limit=30) if r.code]
    out.mkdir(parents=True, exist_ok=True)
    for spec in window.specs:
        if keys and spec.key not in keys:
            continue
        arg = codes[len(codes) // 2] if spec.key == "dossier" and codes else None
        window.show_page(spec.key, arg)
        if spec.key == "queues":
            page = window.page("queues")
            page.refresh()
        settle(app, ctx, 10)
        # 256 colours without dithering: flat areas stay flat and the PNG small.
        flags = Qt.ImageConversionFlag.ThresholdDither | Qt.ImageConversionFlag.AvoidDither
        image = window.grab().toImage().convertToFormat(QImage.Format.Format_Indexed8, flags)
        path = out / f"{spec.key}.png"
        image.save(str(path), "PNG", 9)
        print(f"{path} {path.stat().st_size // 1024} KB")
    ctx.runner.wait_idle(10000)
    window.close()
    ctx.close()
    db.close()
    QApplication.processEvents()


if __name__ == "__main__":
    sys.exit(main())
