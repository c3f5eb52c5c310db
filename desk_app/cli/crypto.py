"""``desk-app encrypt``: encrypt the database at rest with SQLCipher (admin; passphrase from the environment)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk_app.cli.context import Context
from desk_app.store.crypto import ENV_VAR


def register(sub: Any) -> None:
    p = sub.add_parser(
        "encrypt",
        help=f"encrypt the database with SQLCipher (passphrase from {ENV_VAR}; close the desktop app first)",
    )
    p.set_defaults(handler=cmd_encrypt)


def cmd_encrypt(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import encryption

    actor = ctx.require("backup")
    ctx.close()
    ctx._db = None
    result = encryption.encrypt_data_dir(ctx.data_dir, actor=actor)

    def text() -> str:
        lines = [
            f"{result.db_file} is now encrypted ({result.tables} tables, {result.rows} rows); "
            "the plain copy was overwritten and deleted.",
            f"Every program that opens it now needs {ENV_VAR}. Scanned files under files/ are NOT encrypted.",
        ]
        if result.plain_backups:
            lines.append(
                "These older backups are NOT encrypted: make a new backup (desk-app backup), then delete them:"
            )
            lines += [f"  {p}" for p in result.plain_backups]
        return "\n".join(lines)

    ctx.out(result.as_dict(), text)
    if result.plain_backups and ctx.json:
        print(f"desk-app: {len(result.plain_backups)} older backups are not encrypted", file=sys.stderr)
    return 0
