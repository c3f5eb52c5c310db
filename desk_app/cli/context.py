"""What every command handler is given (the Context) and the small helpers every command module shares.

A module of its own so that command modules never import the package that loads them (no import circle).
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class Context:
    """What every handler needs: where the data is, how to print, who is acting."""

    data_dir: Path
    json: bool = False
    _db: Any = field(default=None, repr=False)

    @property
    def db(self) -> Any:
        if self._db is None:
            from desk_app.store.db import open_database

            self._db = open_database(self.data_dir)
        return self._db

    _identity: Any = field(default=None, repr=False)

    def identity(self) -> Any:
        """The acting account (services.auth.Identity), authenticated once per process from the environment."""
        if self._identity is None:
            from desk_app.services.trust.auth import identify

            self._identity = identify(
                self.db, os.environ.get("DESK_APP_USER", ""), os.environ.get("DESK_APP_PASSWORD", "")
            )
        return self._identity

    @property
    def actor(self) -> str:
        return str(self.identity().username)

    def require(self, permission: str) -> str:
        """Check that the acting user may do ``permission``; return the user name for the audit trail.

        Permissions (domain.roles): view, intake, move, return, scan, helplog (clerk); extend, report
        (leader); settings, users, catalog, calendar, backup, privacy (admin). Scripts authenticate with
        DESK_APP_USER / DESK_APP_PASSWORD; while the database holds no account, everything runs as "setup".
        """
        return str(self.identity().require(permission))

    def out(self, data: Any, text: str | Callable[[], str] | None = None) -> None:
        """Print ``data`` as JSON with --json, else the human text (or a plain rendering of data)."""
        if self.json:
            print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
        else:
            if callable(text):
                text = text()
            print(text if text is not None else data)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()


Handler = Callable[[argparse.Namespace, Context], int]


def add_json(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON")


def load_json_entries(
    path: Path, *, item: str = "object", shape_vi: str = "Tệp không đúng cấu trúc."
) -> list[Any]:
    """The entries of a JSON input file (one object or a non-empty list of them), or a UserError saying what is
    wrong with the file in one line. ``item`` names an entry in the English messages ("dossier")."""
    from desk_app.domain.errors import UserError

    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise UserError(f"{path} does not exist.", f"Không có tệp {path}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"Cannot read {path}: {exc}.", f"Không đọc được tệp {path}.") from None
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}).",
            f"Tệp {path} không phải JSON hợp lệ.",
        ) from None
    except RecursionError:
        raise UserError(
            f"{path} is nested too deeply to be a {item}.", f"Tệp {path} không đúng cấu trúc."
        ) from None
    if isinstance(data, dict):
        return [data]
    if isinstance(data, list) and data:
        return data
    raise UserError(f"{path} must hold one {item} object or a non-empty list of them.", shape_vi)
