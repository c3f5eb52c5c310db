"""``desk-app gui --exit-when-ready`` as a script runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import run_cli
from tests.gui.conftest import add_dossiers


def test_exit_when_ready_prints_milliseconds(unit_db: Any, data_dir: Path) -> None:
    """The app starts offscreen, paints the first page of dossiers, prints an integer and exits 0."""
    add_dossiers(unit_db, 5)
    unit_db.close()
    proc = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().isdigit(), proc.stdout
    assert int(proc.stdout.strip()) > 0


def test_exit_when_ready_without_a_unit_fails(data_dir: Path) -> None:
    """No unit: a script cannot answer the setup dialog, so it fails instead of hanging."""
    proc = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 1
    assert "no unit" in proc.stderr


def test_an_empty_list_is_ready_too(unit_db: Any, data_dir: Path) -> None:
    """Zero dossiers still counts as a painted first page."""
    unit_db.close()
    proc = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().isdigit()


def test_a_foreign_database_is_refused(data_dir: Path) -> None:
    """A data directory whose database is not desk_app's: an error and exit 1, no hang."""
    import sqlite3

    con = sqlite3.connect(data_dir / "desk_app.db")
    con.execute("CREATE TABLE other (x)")
    con.commit()
    con.close()
    proc = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env={"QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 1
    assert "not a desk_app database" in proc.stderr


def test_ready_at_sign_in_stops_at_the_painted_sign_in_form(unit_db: Any, data_dir: Path) -> None:
    """``--ready-at sign-in`` (the start-up benchmark): the form a clerk sees first is painted, the
    milliseconds printed, and nobody is signed in (no sign-in is recorded or counted)."""
    import sqlite3

    from desk_app.services.trust import auth

    auth.create_user(unit_db, "lan", "Lê Thị Lan", "clerk", "correct horse")
    unit_db.close()
    env = {"QT_QPA_PLATFORM": "offscreen", "DESK_APP_USER": "", "DESK_APP_PASSWORD": ""}
    proc = run_cli("gui", "--exit-when-ready", "--ready-at", "sign-in", data_dir=data_dir, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().isdigit(), proc.stdout
    con = sqlite3.connect(data_dir / "desk_app.db")
    try:
        signed = con.execute("SELECT count(*) FROM audit_events WHERE action LIKE 'auth.%'").fetchone()[0]
        attempts = con.execute("SELECT failed_attempts, last_login_at FROM users").fetchone()
    finally:
        con.close()
    assert (signed, attempts) == (0, (0, None))
    # Without the flag a script with no credentials is refused, as before.
    refused = run_cli("gui", "--exit-when-ready", data_dir=data_dir, env=env)
    assert refused.returncode == 1 and "authentication required" in refused.stderr
