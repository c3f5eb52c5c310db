"""Encryption at rest (SQLCipher): a demo commune encrypted with ``desk-app encrypt``, then read back."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.conftest import run_cli

pytest.importorskip("sqlcipher3")

PASSPHRASE = "cụm mật khẩu đúng 1"
LOCKED = {"DESK_APP_DB_PASSPHRASE": ""}
UNLOCKED = {"DESK_APP_DB_PASSPHRASE": PASSPHRASE}
WRONG = {"DESK_APP_DB_PASSPHRASE": "wrong passphrase 2"}


def _one_line_error(proc: object) -> str:
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]  # type: ignore[attr-defined]
    assert len(lines) == 1, proc.stderr  # type: ignore[attr-defined]
    return lines[0]


@pytest.fixture(scope="module")
def encrypted_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    """A demo data dir, encrypted once; with what its plain database held (a name, an ID number, a code)."""
    data_dir = tmp_path_factory.mktemp("enc") / "data"
    proc = run_cli("demo", data_dir=data_dir, env=LOCKED)
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(data_dir / "desk_app.db")
    try:
        name, id_number = conn.execute(
            "SELECT full_name, id_number FROM applicants WHERE id_number != '' ORDER BY id LIMIT 1"
        ).fetchone()
        code = conn.execute("SELECT code FROM dossiers ORDER BY id LIMIT 1").fetchone()[0]
        count = conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    finally:
        conn.close()
    raw = (data_dir / "desk_app.db").read_bytes()
    assert name.encode() in raw and raw.startswith(b"SQLite format 3\0")  # the test can fail
    proc = run_cli("encrypt", data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert "NOT encrypted" in proc.stdout
    return data_dir, {"name": name, "id_number": id_number, "code": code, "count": count}


@pytest.fixture
def encrypted(tmp_path: Path, encrypted_template: tuple[Path, dict[str, object]]) -> tuple[Path, dict]:
    src, known = encrypted_template
    data_dir = tmp_path / "data"
    shutil.copytree(src, data_dir)
    return data_dir, known


def _assert_ciphertext(db_file: Path, known: dict) -> None:
    raw = db_file.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert known["name"].encode() not in raw
    assert known["id_number"].encode() not in raw
    assert known["code"].encode() not in raw


def test_the_file_holds_no_plaintext(encrypted: tuple[Path, dict]) -> None:
    data_dir, known = encrypted
    _assert_ciphertext(data_dir / "desk_app.db", known)
    assert (data_dir / "encrypted.json").is_file()
    assert not list(data_dir.glob(".pre-encrypt-*")), "the plain copy must be deleted"
    assert not list(data_dir.glob(".encrypt-*"))
    with pytest.raises(sqlite3.DatabaseError):
        sqlite3.connect(data_dir / "desk_app.db").execute("SELECT * FROM sqlite_master").fetchall()


def test_commands_work_with_the_passphrase(encrypted: tuple[Path, dict]) -> None:
    data_dir, known = encrypted
    proc = run_cli("show", known["code"], data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert known["name"] in proc.stdout
    proc = run_cli("find", known["name"].split()[-1], data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert known["name"] in proc.stdout
    proc = run_cli("verify", data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert "chain intact" in proc.stdout


def test_without_or_with_a_wrong_passphrase_one_clear_line(encrypted: tuple[Path, dict]) -> None:
    data_dir, known = encrypted
    proc = run_cli("show", known["code"], data_dir=data_dir, env=LOCKED)
    assert proc.returncode == 1
    assert "DESK_APP_DB_PASSPHRASE" in _one_line_error(proc)
    assert known["name"] not in proc.stdout
    proc = run_cli("find", "Nguyen", data_dir=data_dir, env=WRONG)
    assert proc.returncode == 1
    assert "wrong passphrase" in _one_line_error(proc)
    proc = run_cli("verify", data_dir=data_dir, env=WRONG)
    assert proc.returncode == 1
    assert "wrong passphrase" in proc.stderr


def test_encrypting_twice_is_refused(encrypted: tuple[Path, dict]) -> None:
    data_dir, _ = encrypted
    before = (data_dir / "desk_app.db").read_bytes()
    proc = run_cli("encrypt", data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 1
    assert "already encrypted" in _one_line_error(proc)
    assert (data_dir / "desk_app.db").read_bytes() == before


def test_encrypt_needs_a_long_enough_passphrase(unit_db: object) -> None:
    data_dir = unit_db.data_dir  # type: ignore[attr-defined]
    proc = run_cli("encrypt", data_dir=data_dir, env={"DESK_APP_DB_PASSPHRASE": "short"})
    assert proc.returncode == 1
    assert "at least" in _one_line_error(proc)
    assert not (data_dir / "encrypted.json").exists()
    assert (data_dir / "desk_app.db").read_bytes().startswith(b"SQLite format 3")


def test_backup_and_restore_stay_encrypted(encrypted: tuple[Path, dict], tmp_path: Path) -> None:
    data_dir, known = encrypted
    out = tmp_path / "usb" / "bk"
    proc = run_cli("backup", "--out", str(out), data_dir=data_dir, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert (out / "encrypted.json").is_file()
    _assert_ciphertext(out / "desk_app.db", known)

    fresh = tmp_path / "other-pc"
    proc = run_cli("restore", str(out), data_dir=fresh, env=LOCKED)
    assert proc.returncode == 1
    assert "DESK_APP_DB_PASSPHRASE" in _one_line_error(proc)
    assert not (fresh / "desk_app.db").exists()

    proc = run_cli("restore", str(out), data_dir=fresh, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert (fresh / "encrypted.json").is_file()
    _assert_ciphertext(fresh / "desk_app.db", known)
    proc = run_cli("show", known["code"], data_dir=fresh, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr
    assert known["name"] in proc.stdout
    proc = run_cli("verify", data_dir=fresh, env=UNLOCKED)
    assert proc.returncode == 0, proc.stderr


def test_the_gui_list_reader_reads_it(encrypted: tuple[Path, dict], monkeypatch: pytest.MonkeyPatch) -> None:
    from desk_app.domain.errors import StorageError
    from desk_app.services.lifecycle.dossier_query import Reader

    data_dir, known = encrypted
    monkeypatch.setenv("DESK_APP_DB_PASSPHRASE", PASSPHRASE)
    reader = Reader(data_dir / "desk_app.db")
    try:
        assert reader.count() == known["count"]
    finally:
        reader.close()
    monkeypatch.setenv("DESK_APP_DB_PASSPHRASE", "wrong passphrase 2")
    reader = Reader(data_dir / "desk_app.db")
    try:
        with pytest.raises(StorageError, match="wrong passphrase"):
            reader.count()
    finally:
        reader.close()
