"""Where the app keeps its data. One enum-like place, overridable for tests and installs.

Order: an explicit ``--data-dir``, then ``DESK_APP_DATA_DIR``, then the user's data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

DB_NAME = "desk_app.db"
ENV_VAR = "DESK_APP_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser().resolve()
    import platformdirs  # only when no folder was given: it costs start-up time

    return Path(platformdirs.user_data_dir("desk-app", appauthor=False))


def db_path(base: Path) -> Path:
    return base / DB_NAME


def files_dir(base: Path) -> Path:
    """Stored files (scans, e-results), content-addressed."""
    return base / "files"


def backups_dir(base: Path) -> Path:
    return base / "backups"


def logs_dir(base: Path) -> Path:
    return base / "logs"


def private_umask() -> None:
    """Files and folders the process creates are for its user only (0600 / 0700), on POSIX."""
    if os.name == "posix":
        os.umask(0o077)
