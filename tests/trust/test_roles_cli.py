"""Roles in the CLI: every protected command is refused, with nothing changed, for a role that lacks it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from desk_app.cli import build_parser, main
from tests.trust.conftest import PASSWORDS, Staff, audit_state, snapshot
from tests.trust.helpers import receive_some

ROLES = ("clerk", "leader", "admin")


def _commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def _protected(tmp: Path, code: str) -> list[tuple[str, list[str]]]:
    """(permission, argv) of every protected command that exists in this build."""
    catalog_file = tmp / "catalog.json"
    catalog_file.write_text(
        json.dumps(
            [
                {
                    "code": "9.999999",
                    "name": "Thủ tục thử",
                    "field": "Thử",
                    "processing_time": {"value": 3, "unit": "working_days"},
                }
            ]
        )
    )
    cases: list[tuple[str, list[str]]] = [
        ("settings", ["init", "--agency-code", "001.05.12.H49", "--unit-name", "UBND xã Mới"]),
        ("users", ["user", "list"]),
        ("users", ["user", "add", "newbie", "--full-name", "Người Mới", "--role", "clerk"]),
        ("users", ["user", "disable", "leader"]),
        ("users", ["user", "enable", "leader"]),
        ("users", ["user", "role", "clerk", "admin"]),
        ("users", ["user", "passwd", "admin"]),
        ("catalog", ["catalog", "import", str(catalog_file)]),
        ("calendar", ["calendar", "add-off", "2026-04-20", "--note", "Nghỉ bù"]),
        ("calendar", ["calendar", "add-workday", "2026-04-25", "--note", "Làm bù"]),
        ("calendar", ["calendar", "remove", "2026-04-20"]),
        ("backup", ["backup", "--out", str(tmp / "b")]),
        ("backup", ["backup"]),
        ("backup", ["restore", str(tmp / "existing")]),
        ("privacy", ["privacy", "export", "--id-number", "001190012345", "--out", str(tmp / "p.json")]),
        ("privacy", ["privacy", "retention", "--years", "1", "--apply"]),
    ]
    commands = _commands()
    if "act" in commands:
        cases.append(
            ("extend", ["act", code, "extend", "--reason", "Chờ xác minh", "--new-due", "2030-01-10"])
        )
    return cases


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], staff: Staff) -> Any:
    """Run ``desk-app`` in-process as ``role``; (exit code, stdout, stderr)."""

    def call(role: str | None, argv: list[str], password: str | None = None) -> tuple[int, str, str]:
        monkeypatch.setenv("DESK_APP_USER", role or "")
        monkeypatch.setenv("DESK_APP_PASSWORD", password or (PASSWORDS[role] if role else ""))
        monkeypatch.setenv("DESK_APP_NEW_PASSWORD", "a-new-password-1")
        code = main(["--data-dir", str(staff.data_dir), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return call


def test_every_protected_command_is_refused_for_roles_without_the_permission(
    staff: Staff, run: Any, tmp_path: Path
) -> None:
    from desk_app.domain.roles import can
    from desk_app.services.trust import backup

    code = receive_some(staff.db, 1)[0]
    backup.create_backup(staff.db, tmp_path / "existing", actor="admin")
    staff.db.close()
    refused = 0
    for permission, argv in _protected(tmp_path, code):
        for role in ROLES:
            if can(role, permission):
                continue
            unchanged = snapshot(staff.data_dir / "desk_app.db")
            rc, _out, err = run(role, argv)
            assert rc == 1, (role, argv, err)
            assert (
                err.strip() == f"desk-app: error: permission denied: {role} ({role}) may not {permission}"
            ), argv
            unchanged()
            refused += 1
    assert refused >= 25
    assert not (tmp_path / "b").exists() and not (tmp_path / "p.json").exists()


def test_commands_need_credentials_once_an_account_exists(staff: Staff, run: Any, tmp_path: Path) -> None:
    staff.db.close()
    db_file = staff.data_dir / "desk_app.db"
    for argv in (
        ["user", "list"],
        ["calendar", "add-off", "2026-04-20", "--note", "x"],
        ["backup", "--out", str(tmp_path / "b")],
    ):
        unchanged = snapshot(db_file)
        rc, _, err = run(None, argv)
        assert (rc, err.strip()) == (
            1,
            "desk-app: error: authentication required: set DESK_APP_USER and DESK_APP_PASSWORD",
        )
        unchanged()
        rc, _, err = run("admin", argv, password="not-the-password")
        assert rc == 1 and "wrong user name or password" in err
    assert audit_state(db_file)[0] == 2 + 3 + 3  # unit + catalog, three accounts, three failed logins
    rc, _, _ = run("admin", ["user", "list"])  # resets the failure count
    unchanged = snapshot(db_file)
    rc, _, _ = run("admin", ["user", "list"])
    assert rc == 0
    unchanged()  # a read-only command writes nothing, not even a login stamp


def test_allowed_roles_succeed_and_the_audit_names_them(staff: Staff, run: Any, tmp_path: Path) -> None:
    staff.db.close()
    rc, _, err = run("admin", ["calendar", "add-off", "2026-04-20", "--note", "Nghỉ bù"])
    assert rc == 0, err
    rc, _out, err = run(
        "admin", ["user", "add", "hang.nt", "--full-name", "Nguyễn Thị Hằng", "--role", "clerk"]
    )
    assert rc == 0, err
    rc, _, err = run("hang.nt", ["user", "passwd", "hang.nt"], password="a-new-password-1")
    assert rc == 0, err  # anyone may change their own password
    rc, _, err = run("clerk", ["user", "passwd", "admin"])
    assert rc == 1 and "may not users" in err
    from desk_app.store.db import open_database

    db = open_database(staff.data_dir)
    try:
        with db.session() as s:
            from sqlalchemy import text

            rows = s.execute(text("SELECT actor, action FROM audit_events ORDER BY id DESC LIMIT 3")).all()
    finally:
        db.close()
    assert [tuple(r) for r in rows] == [
        ("hang.nt", "user.passwd"),
        ("admin", "user.create"),
        ("admin", "calendar.set"),
    ]


def test_without_accounts_everything_runs_as_setup(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """First start and `desk-app demo` need no account; the audit says "setup"."""
    import sqlite3

    monkeypatch.delenv("DESK_APP_USER", raising=False)
    monkeypatch.delenv("DESK_APP_PASSWORD", raising=False)
    rc = main(
        [
            "--data-dir",
            str(data_dir),
            "init",
            "--agency-code",
            "001.05.12.H49",
            "--unit-name",
            "UBND xã Gio Sơn",
            "--no-catalog",
        ]
    )
    assert rc == 0
    assert main(["--data-dir", str(data_dir), "calendar", "add-off", "2026-04-20", "--note", "Nghỉ"]) == 0
    conn = sqlite3.connect(data_dir / "desk_app.db")
    actors = [r[0] for r in conn.execute("SELECT actor FROM audit_events")]
    conn.close()
    assert actors == ["setup", "setup"]


def test_init_creates_the_first_admin(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    d = tmp_path / "d"
    base = ["init", "--agency-code", "001.05.12.H49", "--unit-name", "UBND xã Gio Sơn", "--no-catalog"]
    empty = run_cli(*base, "--admin-user", "boss", data_dir=d, env={"DESK_APP_PASSWORD": ""})
    assert empty.returncode == 1 and "empty password" in empty.stderr
    none = run_cli(*base, "--admin-user", "boss", data_dir=d, env={"DESK_APP_PASSWORD": ""}, input="")
    assert none.returncode == 1
    proc = run_cli(*base, "--admin-user", "boss", data_dir=d, env={"DESK_APP_PASSWORD": "boss-password"})
    assert proc.returncode == 0, proc.stderr
    listed = run_cli(
        "user",
        "list",
        "--json",
        data_dir=d,
        env={"DESK_APP_USER": "boss", "DESK_APP_PASSWORD": "boss-password"},
    )
    assert [(u["username"], u["role"]) for u in json.loads(listed.stdout)] == [("boss", "admin")]
    again = run_cli(*base, data_dir=d, env={"DESK_APP_USER": "", "DESK_APP_PASSWORD": ""})
    assert again.returncode == 1 and "authentication required" in again.stderr
