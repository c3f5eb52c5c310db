"""Hub settings: the database URL from --db or DESK_HUB_DB (SQLite in the working directory by default).

Everything the hub knows lives in that database (sessions, rate-limit counters included), so any number of
stateless workers can run behind a reverse proxy.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

ENV_DB = "DESK_HUB_DB"
DEFAULT_DB = "sqlite:///desk_hub.sqlite3"


@dataclass(frozen=True)
class HubConfig:
    db_url: str
    max_body_bytes: int = 8 * 1024 * 1024
    # 📘 "send within 02 working days after the cut-off" is one province's rule (domain.md §5.2): a setting.
    due_working_days: int = 2
    lookups_per_minute: int = 30
    # Cookies marked Secure when the hub is served over TLS (directly or behind a TLS-terminating proxy).
    secure_cookies: bool = False


def db_url(cli_value: str | None = None) -> str:
    """The database URL: the --db option, else $DESK_HUB_DB, else a SQLite file in the working directory.

    A bare file path is accepted and turned into a SQLite URL."""
    url = cli_value or os.environ.get(ENV_DB) or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{url}"
    return url


def load(cli_db: str | None = None) -> HubConfig:
    return HubConfig(
        db_url=db_url(cli_db),
        max_body_bytes=int(os.environ.get("DESK_HUB_MAX_BODY", 8 * 1024 * 1024)),
        due_working_days=int(os.environ.get("DESK_HUB_DUE_DAYS", 2)),
        lookups_per_minute=int(os.environ.get("DESK_HUB_LOOKUPS_PER_MINUTE", 30)),
        secure_cookies=os.environ.get("DESK_HUB_SECURE_COOKIES", "") == "1",
    )
