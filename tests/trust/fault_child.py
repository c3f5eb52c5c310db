"""Run one ``desk-app`` command and die (like a SIGKILL: no clean-up, no atexit) at its k-th file move.

    python tests/trust/fault_child.py K desk-app-args...

Every ``os.rename`` and ``os.replace`` (``Path.rename``/``replace`` and ``shutil.move`` go through them) is
counted; at the K-th the process ends with ``os._exit(137)`` *before* doing it. K = 0 never kills: the run
prints ``FAULT-STEPS n`` on stderr at the end, the number of moves the command made.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

KILL_AT = int(sys.argv[1])
_count = 0
_real = {"rename": os.rename, "replace": os.replace}


def _wrap(name: str) -> Any:
    real = _real[name]

    def move(src: Any, dst: Any, *args: Any, **kwargs: Any) -> None:
        global _count
        _count += 1
        if _count == KILL_AT:
            sys.stderr.write(f"FAULT-KILLED at move {_count}: {src} -> {dst}\n")
            sys.stderr.flush()
            os._exit(137)
        real(src, dst, *args, **kwargs)

    return move


os.rename = _wrap("rename")  # type: ignore[assignment]
os.replace = _wrap("replace")  # type: ignore[assignment]


def main() -> int:
    from desk_app.cli import main as cli_main

    try:
        return cli_main(sys.argv[2:])
    finally:
        sys.stderr.write(f"FAULT-STEPS {_count}\n")


if __name__ == "__main__":
    raise SystemExit(main())
