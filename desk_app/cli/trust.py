"""``desk-app backup|restore|verify|user|privacy``: accounts, backups and personal data.

Scripts authenticate with DESK_APP_USER / DESK_APP_PASSWORD. A new password (``user add``, ``user passwd``)
comes from DESK_APP_NEW_PASSWORD, or is asked twice at the terminal. ``verify`` needs no account: it shows
no personal data and must work on a database too damaged to read the accounts from.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desk_app import paths
from desk_app.cli.context import Context, add_json
from desk_app.domain.errors import StorageError, UserError

NEW_PASSWORD_ENV = "DESK_APP_NEW_PASSWORD"


def register(sub: Any) -> None:
    p = sub.add_parser("backup", help="back up the database and the stored files")
    p.add_argument(
        "--out",
        type=Path,
        help="a new folder to write the backup to "
        "(without --out: the automatic backup into <data-dir>/backups, rotated, plus the second path)",
    )
    add_json(p)
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore", help="replace the data with a backup (verified first; current data kept aside)"
    )
    p.add_argument("path", type=Path, help="the backup folder (or its manifest.json)")
    p.add_argument(
        "--other-unit",
        action="store_true",
        help="confirm restoring a backup of another unit (agency code) than the one on this PC",
    )
    add_json(p)
    p.set_defaults(handler=cmd_restore)

    p = sub.add_parser("verify", help="check the database, the audit chain and every stored file")
    add_json(p)
    p.set_defaults(handler=cmd_verify)

    p = sub.add_parser("repair-date", help="correct a dossier date stored out of range (admin; audited)")
    p.add_argument("code")
    p.add_argument("--field", required=True, choices=["received_at", "due_at", "deadline_at"])
    p.add_argument("--value", required=True, help='"YYYY-MM-DD HH:MM"')
    add_json(p)
    p.set_defaults(handler=cmd_repair_date)

    p = sub.add_parser("user", help="staff accounts")
    usub = p.add_subparsers(dest="user_cmd", metavar="ACTION", required=True)
    a = usub.add_parser("add", help=f"add an account (password from {NEW_PASSWORD_ENV} or asked)")
    a.add_argument("username")
    a.add_argument("--full-name", required=True)
    a.add_argument("--role", required=True, choices=["clerk", "leader", "admin", "postal"])
    add_json(a)
    a.set_defaults(handler=cmd_user_add)
    a = usub.add_parser("list", help="list accounts")
    add_json(a)
    a.set_defaults(handler=cmd_user_list)
    a = usub.add_parser("passwd", help=f"set a new password (from {NEW_PASSWORD_ENV} or asked)")
    a.add_argument("username")
    add_json(a)
    a.set_defaults(handler=cmd_user_passwd)
    for name, active in (("disable", False), ("enable", True)):
        a = usub.add_parser(name, help=f"{name} an account")
        a.add_argument("username")
        add_json(a)
        a.set_defaults(handler=cmd_user_active, active=active)
    a = usub.add_parser("role", help="change an account's role")
    a.add_argument("username")
    a.add_argument("role", choices=["clerk", "leader", "admin", "postal"])
    add_json(a)
    a.set_defaults(handler=cmd_user_role)

    p = sub.add_parser("privacy", help="personal data: export for one person, retention rule")
    psub = p.add_subparsers(dest="privacy_cmd", metavar="ACTION", required=True)
    e = psub.add_parser("export", help="write everything held about one person to a JSON file")
    e.add_argument("--id-number", required=True)
    e.add_argument("--out", type=Path, required=True)
    add_json(e)
    e.set_defaults(handler=cmd_privacy_export)
    r = psub.add_parser("retention", help="anonymise applicants whose dossiers all closed N years ago")
    r.add_argument("--years", type=int, help="override the setting retention_years")
    r.add_argument("--apply", action="store_true", help="anonymise (without it: only count)")
    add_json(r)
    r.set_defaults(handler=cmd_privacy_retention)


def read_password(env: str, prompt: str) -> str:
    """A password from ``env`` or asked twice at the terminal. Empty passwords are refused."""
    value = os.environ.get(env)
    if value is None:
        try:
            value = getpass.getpass(prompt)
            if value and getpass.getpass("Repeat: ") != value:
                raise UserError("the passwords differ", "Hai lần nhập mật khẩu không khớp.")
        except EOFError:
            raise UserError(f"no password given: set {env}", f"Chưa nhập mật khẩu (đặt {env}).") from None
    if not value:
        raise UserError("an empty password is refused", "Mật khẩu không được để trống.")
    return value


@dataclass
class PendingAdmin:
    """The first admin of ``desk-app init --admin-user``: checked before the unit is set up, created after."""

    ctx: Context
    username: str
    password: str

    def create(self) -> None:
        from desk_app.services.trust import auth

        auth.create_user(
            self.ctx.db, self.username, "Quản trị viên", "admin", self.password, actor=self.username
        )


def first_admin(ctx: Context, name: str) -> PendingAdmin | None:
    """Validate ``--admin-user`` (None when accounts exist and this one is among them)."""
    from desk_app.services.trust import auth

    username = auth.check_new_username(name)
    if auth.has_users(ctx.db):
        if any(u.username == username for u in auth.list_users(ctx.db)):
            return None
        raise UserError(
            "accounts already exist: add an admin with `desk-app user add NAME --role admin`",
            "Đã có tài khoản: hãy thêm quản trị viên trong trang Tài khoản.",
        )
    password = read_password("DESK_APP_PASSWORD", f"Password for {username}: ")
    auth.check_password_strength(password)
    return PendingAdmin(ctx, username, password)


def cmd_backup(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import backup

    actor = ctx.require("backup")
    if args.out is not None:
        info = backup.create_backup(ctx.db, args.out, actor=actor)
        ctx.out(info.as_dict(), f"backup written to {info.path} ({info.files} files)")
        return 0
    result = backup.auto_backup(ctx.db, reason="scheduled", actor=actor)
    data = {
        **result.primary.as_dict(),
        "second": result.second.as_dict() if result.second else None,
        "second_error": result.second_error or None,
        "removed": [str(p) for p in result.removed],
    }
    ctx.out(
        data,
        lambda: "\n".join(
            [f"backup written to {result.primary.path}"]
            + ([f"copied to {result.second.path}"] if result.second else [])
            + ([f"second copy failed: {result.second_error}"] if result.second_error else [])
        ),
    )
    return 1 if result.second_error else 0


def _live_damaged(ctx: Context) -> str | None:
    """Why the live database cannot be used at all (so the backup's accounts may be used to restore), or None.

    Only real damage counts: a missing or empty file, a file that is not a database, a failed integrity
    check. An encrypted database whose passphrase is missing or wrong is not damage: it needs the passphrase.
    """
    from desk_app.store import crypto

    db_file = paths.db_path(ctx.data_dir)
    if not db_file.is_file() or db_file.stat().st_size == 0:
        return "there is no database"
    if crypto.marker_path(ctx.data_dir).is_file():
        return None
    try:
        conn = crypto.connect(db_file, mode="ro", key=None)
        try:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        finally:
            conn.close()
    except crypto.DB_ERRORS as exc:
        return f"the database cannot be read ({exc})"
    if rows != [("ok",)]:
        return "the database fails its integrity check"
    return None


def _restore_actor(ctx: Context, source: Path) -> str:
    """Authenticate against the live accounts; only when the live database is damaged, against the backup's."""
    from sqlalchemy.exc import DatabaseError  # imported here: SQLAlchemy costs every command ~0.4 s

    from desk_app.services.trust import auth_core as auth
    from desk_app.services.trust.backup_check import DB_FILE, MANIFEST

    damage = _live_damaged(ctx)
    if damage is None:
        return ctx.require("backup")
    try:
        if paths.db_path(ctx.data_dir).is_file():
            return ctx.require("backup")
    except (StorageError, DatabaseError):
        ctx.close()
        ctx._db = None
    print(
        f"desk-app: note: {damage}: signing in against the accounts of the backup being restored",
        file=sys.stderr,
    )
    folder = source.parent if source.name == MANIFEST else source
    ident = auth.identify_offline(
        folder / DB_FILE, os.environ.get("DESK_APP_USER", ""), os.environ.get("DESK_APP_PASSWORD", "")
    )
    return str(ident.require("backup"))


def cmd_restore(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import backup

    source = args.path.expanduser().absolute()
    try:
        found = source.exists()
    except OSError:  # e.g. a name too long for the file system
        found = False
    if not found:
        raise UserError(f"{args.path} does not exist.", "Không tìm thấy bản sao lưu.")
    backup.verify_backup(source)  # refuse a damaged backup before asking anything of the live data
    actor = _restore_actor(ctx, source)
    ctx.close()
    ctx._db = None
    result = backup.restore(ctx.data_dir, source, actor=actor, allow_other_unit=args.other_unit)
    where = f"; the previous data is in {result.replaced_dir}" if result.replaced_dir else ""
    ctx.out(result.as_dict(), f"restored from {result.restored_from} ({result.backup.created_at}){where}")
    return 0


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import integrity

    report = integrity.verify_data_dir(ctx.data_dir)
    ctx.out(
        report.as_dict(),
        lambda: "\n".join(f"{'ok ' if c.ok else 'BAD'} {c.name}: {c.detail}" for c in report.checks),
    )
    if not report.ok:
        print("desk-app: verify failed: " + "; ".join(report.problems), file=sys.stderr)
        return 1
    return 0


def cmd_repair_date(args: argparse.Namespace, ctx: Context) -> int:
    from datetime import datetime

    from desk_app.services.trust import integrity

    value = None
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"):
        try:
            value = datetime.strptime(args.value.strip(), fmt)
            break
        except ValueError:
            continue
    if value is None:
        raise UserError(f"{args.value!r} is not a moment YYYY-MM-DD HH:MM.", "Ngày giờ không hợp lệ.")
    actor = ctx.require("settings")
    done = integrity.repair_date(ctx.db, args.code, args.field, value, actor=actor)
    ctx.out(done, f"{done['code']}: {done['field']} {done['from']} -> {done['to']}")
    return 0


def cmd_user_add(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import auth

    actor = ctx.require("users")
    username = auth.check_new_username(args.username)
    password = read_password(NEW_PASSWORD_ENV, f"Password for {username}: ")
    info = auth.create_user(ctx.db, username, args.full_name, args.role, password, actor=actor)
    ctx.out(info.as_dict(), f"account {info.username} ({info.role}) created")
    return 0


def cmd_user_list(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import auth

    ctx.require("users")
    rows = [u.as_dict() for u in auth.list_users(ctx.db)]
    ctx.out(
        rows,
        lambda: "\n".join(
            f"{r['username']:<20} {r['role']:<7} {'active' if r['active'] else 'disabled':<9} {r['full_name']}"
            for r in rows
        ),
    )
    return 0


def cmd_user_passwd(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import auth

    username = auth.normalise_username(args.username)
    ident = ctx.identity()
    # Anyone may change their own password (DESK_APP_PASSWORD already proved the old one); others need "users".
    actor = ident.username if ident.username == username else ctx.require("users")
    auth.get_user(ctx.db, username)
    password = read_password(NEW_PASSWORD_ENV, f"New password for {username}: ")
    auth.change_password(ctx.db, username, password, actor=actor)
    ctx.out({"username": username, "changed": True}, f"password of {username} changed")
    return 0


def cmd_user_active(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import auth

    actor = ctx.require("users")
    info = auth.set_active(ctx.db, args.username, args.active, actor=actor)
    ctx.out(info.as_dict(), f"account {info.username} {'enabled' if info.active else 'disabled'}")
    return 0


def cmd_user_role(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import auth

    actor = ctx.require("users")
    info = auth.set_role(ctx.db, args.username, args.role, actor=actor)
    ctx.out(info.as_dict(), f"account {info.username} is now {info.role}")
    return 0


def cmd_privacy_export(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import privacy

    actor = ctx.require("privacy")
    result = privacy.export_person(ctx.db, args.id_number, args.out, actor=actor)
    data = {
        "path": str(result.path),
        "applicants": result.applicants,
        "dossiers": result.dossiers,
        "mentions": result.mentions,
    }
    ctx.out(
        data,
        f"{result.applicants} applicant records, {result.dossiers} dossiers, {result.mentions} mentions "
        f"written to {result.path}",
    )
    return 0


def cmd_privacy_retention(args: argparse.Namespace, ctx: Context) -> int:
    from desk_app.services.trust import privacy

    actor = ctx.require("privacy")
    result = privacy.retention(ctx.db, apply=args.apply, years=args.years, actor=actor)
    verb = "anonymised" if result.applied else "would anonymise"
    ctx.out(
        result.as_dict(),
        f"{verb} {result.applicants} applicants ({result.dossiers} dossiers) closed before {result.cutoff}",
    )
    return 0
