"""Every page and dialog fits the counters' screens (1366x768 and 1024x768, taskbar visible).

Qt's offscreen platform takes its screen size once per process, so each size runs tools/screen_check.py in a
subprocess on a copy of the demo database; it opens the main window maximised, every registered page (the
dossier page on a real dossier) and every dialog, and lists what does not fit: a minimum size beyond the
screen, a window past it, a visible button outside the screen or its window, a table whose state or due
column starts past its visible width. The stretched run makes every translated string 1.4x longer.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "screen_check.py"


def check(data_dir: Path, width: int, height: int, stretch: float = 1.0) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("QT_QPA_PLATFORM", None)
    out = subprocess.run(
        [sys.executable, str(TOOL), str(width), str(height), str(data_dir), "--stretch", str(stretch)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture
def demo_dir(seeded_db: Any) -> Path:
    return Path(seeded_db.data_dir)


@pytest.mark.parametrize(
    ("width", "height", "stretch"), [(1366, 768, 1.0), (1024, 768, 1.0), (1024, 768, 1.4)]
)
def test_every_page_and_dialog_fits(demo_dir: Path, width: int, height: int, stretch: float) -> None:
    result = check(demo_dir, width, height, stretch)
    assert result["screen"] == [width, height - 40]
    names = result["checked"]
    for expected in ("page dossiers", "page intake", "page dossier", "page queues", "page settings"):
        assert expected in names
    assert "dialog pdf preview" in names and "dialog move return" in names
    assert result["problems"] == []


def test_the_check_finds_what_does_not_fit(demo_dir: Path) -> None:
    """On a 640x480 screen the window cannot fit: the check must say so (it can fail)."""
    result = check(demo_dir, 640, 480)
    problems = "\n".join(result["problems"])
    assert "minimum size" in problems
    assert "lies outside" in problems or "reaches past" in problems


def test_stretched_strings_are_longer() -> None:
    sys.path.insert(0, str(ROOT))
    from tools.screen_check import stretched

    assert len(stretched("Lưu và in (F9)", 1.4)) >= int(len("Lưu và in (F9)") * 1.35)
    assert stretched("a\nbb", 1.4).count("\n") == 1
