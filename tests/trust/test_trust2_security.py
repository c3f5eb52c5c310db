"""Trust, round two (issue 10): data that must never look lost, and the security holes an adversarial test found.

Each test reproduces one reported defect through the CLI (real processes, real files) and would fail on the
code before the fix.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from desk_app.services.trust.auth import MAX_ATTEMPTS
from tests.conftest import ROOT, run_cli
from tests.trust.conftest import PASSWORDS, Staff, snapshot
from tests.trust.helpers import has_module, receive_some, store_file

ADMIN = {"DESK_APP_USER": "admin", "DESK_APP_PASSWORD": PASSWORDS["admin"]}
NOBODY = {"DESK_APP_USER": "", "DESK_APP_PASSWORD": ""}


def _auth_events(db_file: Path) -> list[str]:
    conn = sqlite3.connect(db_file)
    try:
        return [r[0] for r in conn.execute("SELECT action FROM audit_events WHERE action LIKE 'auth.%'")]
    finally:
        conn.close()


# -- lockout ---------------------------------------------------------------------------------------------------


def _race_sign_ins(staff: Staff, passwords: list[str]) -> tuple[list[str], list[int], list[tuple[str, str]]]:
    """Start one CLI process per password at once; return the auth audit events, exit codes and outputs."""
    staff.db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "desk_app", "--data-dir", str(staff.data_dir), "user", "list", "--json"]
    procs = [
        subprocess.Popen(
            cmd,
            env={**env, "DESK_APP_USER": "admin", "DESK_APP_PASSWORD": password},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for password in passwords
    ]
    results = [p.communicate(timeout=300) for p in procs]
    codes = [p.returncode for p in procs]
    assert all(c in (0, 1) for c in codes), results
    return _auth_events(staff.data_dir / "desk_app.db"), codes, results


def test_parallel_wrong_sign_ins_check_at_most_five_passwords(staff: Staff) -> None:
    """13 wrong passwords at once: five are checked, the rest meet the lock, and the lock holds."""
    events, codes, results = _race_sign_ins(staff, [f"wrong-password-{i}" for i in range(13)])
    checked_wrong = events.count("auth.failed") + events.count("auth.locked")
    assert checked_wrong == MAX_ATTEMPTS, events
    assert events.count("auth.locked") == 1, events
    assert codes.count(0) == 0, results
    after = staff.cli("admin", "user", "list")
    assert after.returncode == 1 and "authentication required" in after.stderr


def test_a_right_password_racing_wrong_ones_does_not_hand_them_a_fresh_series(staff: Staff) -> None:
    """12 wrong and 1 right at once: the right one never lifts a lock nor restarts the count of later tries.

    However the processes interleave, the right password can forgive only the tries booked before it (as a
    right password typed after four wrong ones does), so at most 4 + 5 wrong passwords are checked (at least 4:
    the right one may hold one of the bookings of the series that locks); and since 12 wrong ones were tried,
    the account ends locked, right password or not.
    """
    passwords = [f"wrong-password-{i}" for i in range(12)]
    passwords.insert(6, PASSWORDS["admin"])
    events, codes, results = _race_sign_ins(staff, passwords)
    checked_wrong = events.count("auth.failed") + events.count("auth.locked")
    # At least four: the right one may hold one of the five bookings of the series that locks.
    assert MAX_ATTEMPTS - 1 <= checked_wrong <= 2 * MAX_ATTEMPTS - 1, events
    assert codes.count(0) <= 1, results
    after = staff.cli("admin", "user", "list")
    assert after.returncode == 1 and "authentication required" in after.stderr


def test_locked_and_unknown_names_get_the_same_answer(staff: Staff) -> None:
    staff.db.close()
    answers = {}
    for name in ("admin", "no-such-user"):
        for _ in range(6):
            proc = run_cli(
                "user",
                "list",
                data_dir=staff.data_dir,
                env={"DESK_APP_USER": name, "DESK_APP_PASSWORD": "x" * 12},
            )
        answers[name] = proc.stderr.strip()
    assert answers["admin"] == answers["no-such-user"]
    assert "locked" not in answers["admin"]
    # The right password during the lock is refused too, with that same answer.
    right = run_cli("user", "list", data_dir=staff.data_dir, env=ADMIN)
    assert right.returncode == 1 and right.stderr.strip() == answers["admin"]


def test_gui_script_sign_in_counts_and_honours_the_lock(staff: Staff) -> None:
    """``desk-app gui --exit-when-ready`` signs in through the same service (it used to skip the lock)."""
    from desk_app.services.trust import auth

    for _ in range(5):
        with pytest.raises(auth.AuthError):
            auth.authenticate(staff.db, "admin", "wrong password")
    staff.db.close()
    proc = run_cli(
        "gui", "--exit-when-ready", data_dir=staff.data_dir, env={**ADMIN, "QT_QPA_PLATFORM": "offscreen"}
    )
    assert proc.returncode != 0, proc.stdout + proc.stderr
    assert "authentication required" in proc.stderr


# -- permissions and --out -------------------------------------------------------------------------------------


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_data_directory_backups_exports_and_logs_are_private(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    made = run_cli("init", "--agency-code", "001.05.12.H49", "--unit-name", "Xã A", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "desk_app.db").stat().st_mode) == 0o600
    out = tmp_path / "b1"
    assert run_cli("backup", "--out", str(out), data_dir=data_dir).returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    for path in out.rglob("*"):
        if path.is_file():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    export = tmp_path / "person.json"
    done = run_cli(
        "privacy", "export", "--id-number", "001190012345", "--out", str(export), data_dir=data_dir
    )
    assert done.returncode == 0, done.stderr
    assert stat.S_IMODE(export.stat().st_mode) == 0o600
    # An existing data directory from an older version (0755, 0644) is tightened at the next start.
    os.chmod(data_dir, 0o755)
    os.chmod(data_dir / "desk_app.db", 0o644)
    assert run_cli("catalog", "list", data_dir=data_dir).returncode == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "desk_app.db").stat().st_mode) == 0o600


def test_out_refuses_links_devices_and_folders(staff: Staff, tmp_path: Path) -> None:
    receive_some(staff.db, 1)
    staff.db.close()
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    link = tmp_path / "link.json"
    link.symlink_to(victim)
    targets = [link, tmp_path]
    if os.path.exists("/dev/null"):
        targets.append(Path("/dev/null"))
    for target in targets:
        before = target.lstat()
        proc = staff.cli("admin", "privacy", "export", "--id-number", "001190012345", "--out", str(target))
        assert proc.returncode == 1, proc.stdout
        assert "not a regular file" in proc.stderr and proc.stderr.count("\n") == 1, proc.stderr
        after = target.lstat()
        assert (stat.S_IFMT(before.st_mode), before.st_ino) == (stat.S_IFMT(after.st_mode), after.st_ino)
    assert victim.read_text() == "keep me" and link.is_symlink()


# -- restore ---------------------------------------------------------------------------------------------------


def _other_unit_backup(tmp_path: Path, agency: str, name: str) -> Path:
    data_dir = tmp_path / f"unit-{agency}"
    made = run_cli("init", "--agency-code", agency, "--unit-name", name, "--no-catalog", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    out = tmp_path / f"backup-{agency}"
    assert run_cli("backup", "--out", str(out), data_dir=data_dir).returncode == 0
    return out


def test_restore_of_another_units_backup_asks_for_confirmation(staff: Staff, tmp_path: Path) -> None:
    receive_some(staff.db, 2)
    staff.db.close()
    foreign = _other_unit_backup(tmp_path, "001.05.13.H49", "Xã Khác")
    unchanged = snapshot(staff.data_dir / "desk_app.db")
    proc = staff.cli("admin", "restore", str(foreign))
    assert proc.returncode == 1
    assert "another unit" in proc.stderr and "Xã Khác" in proc.stderr and "--other-unit" in proc.stderr
    unchanged()
    # Confirmed: restored, and since that backup holds no admin, the restoring admin is carried into it.
    proc = staff.cli("admin", "restore", str(foreign), "--other-unit")
    assert proc.returncode == 0, proc.stderr
    refused = staff.cli(None, "user", "list")
    assert refused.returncode == 1 and "authentication required" in refused.stderr
    listed = staff.cli("admin", "user", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    assert [u["username"] for u in json.loads(listed.stdout)] == ["admin"]


def test_restore_never_leaves_the_app_without_an_admin(staff: Staff, tmp_path: Path) -> None:
    staff.db.close()
    same_unit_no_accounts = _other_unit_backup(tmp_path, "001.05.12.H49", "Xã Gio Sơn")
    proc = staff.cli("admin", "restore", str(same_unit_no_accounts))
    assert proc.returncode == 0, proc.stderr
    conn = sqlite3.connect(staff.data_dir / "desk_app.db")
    admins = conn.execute("SELECT username FROM users WHERE role = 'admin' AND active = 1").fetchall()
    carried = conn.execute("SELECT count(*) FROM audit_events WHERE action = 'user.restore_admin'").fetchone()
    conn.close()
    assert admins == [("admin",)] and carried == (1,)
    assert staff.cli(None, "user", "list").returncode == 1


@pytest.mark.skipif(not has_module("sqlcipher3"), reason="sqlcipher3 not installed")
def test_restore_over_an_encrypted_database_needs_its_passphrase(staff: Staff, tmp_path: Path) -> None:
    """A backup's password is not enough: a missing or wrong passphrase is not damage (no fallback)."""
    receive_some(staff.db, 2)
    staff.db.close()
    plain = tmp_path / "plain-backup"
    assert staff.cli("admin", "backup", "--out", str(plain)).returncode == 0
    phrase = {"DESK_APP_DB_PASSPHRASE": "the commune passphrase"}
    enc = staff.cli("admin", "encrypt", env=phrase)
    assert enc.returncode == 0, enc.stderr
    before = (staff.data_dir / "desk_app.db").read_bytes()
    for env in ({}, {"DESK_APP_DB_PASSPHRASE": "a wrong passphrase!"}):
        proc = staff.cli("admin", "restore", str(plain), env=env)
        assert proc.returncode == 1, proc.stdout
        assert "passphrase" in proc.stderr, proc.stderr
        assert (staff.data_dir / "desk_app.db").read_bytes() == before
        assert not list(staff.data_dir.glob("replaced-*"))


# -- never a fresh database beside old data --------------------------------------------------------------------


@pytest.mark.parametrize("leftover", ["zero-byte", "missing-with-replaced", "missing-with-files"])
def test_no_new_database_where_the_data_directory_holds_data(
    staff: Staff, tmp_path: Path, leftover: str
) -> None:
    codes = receive_some(staff.db, 2)
    store_file(staff.db, b"a page", code=codes[0])
    staff.db.close()
    db_file = staff.data_dir / "desk_app.db"
    if leftover == "zero-byte":
        db_file.write_bytes(b"")
    elif leftover == "missing-with-replaced":
        (staff.data_dir / "replaced-20260101-000000").mkdir()
        db_file.rename(staff.data_dir / "replaced-20260101-000000" / "desk_app.db")
        for path in (staff.data_dir / "files").rglob("*"):
            if path.is_file():
                path.unlink()
    else:
        db_file.unlink()
    for args in (["catalog", "list"], ["user", "list"], ["verify"]):
        proc = staff.cli(None, *args)
        assert proc.returncode == 1, (args, proc.stdout)
        assert "Traceback" not in proc.stderr
    proc = staff.cli(None, "catalog", "list")
    assert "no new database was created" in proc.stderr, proc.stderr
    if leftover == "missing-with-replaced":
        assert "replaced-20260101-000000" in proc.stderr
    assert not db_file.exists() or db_file.stat().st_size == 0


def test_a_database_that_is_a_folder_gets_a_clear_message(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    (data_dir / "desk_app.db").mkdir(parents=True)
    proc = run_cli("catalog", "list", data_dir=data_dir)
    assert proc.returncode == 1
    assert "is a folder" in proc.stderr and "internal error" not in proc.stderr


def test_read_only_data_directory_gets_one_line(staff: Staff, tmp_path: Path) -> None:
    staff.db.close()
    if os.geteuid() != 0:
        os.chmod(staff.data_dir, 0o500)
        target = staff.data_dir
    else:  # root ignores modes: a read-only bind mount, where the machine allows one
        target = tmp_path / "ro"
        target.mkdir()
        ok = subprocess.run(["mount", "--bind", str(staff.data_dir), str(target)], capture_output=True)
        if ok.returncode != 0:
            pytest.skip("cannot make a read-only mount here")
        subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)
    try:
        for args in (["catalog", "list"], ["find", "Hằng"], ["queues"]):
            proc = run_cli(*args, data_dir=target, env=ADMIN)
            assert proc.returncode == 1, proc.stdout
            assert proc.stderr.count("\n") == 1 and "read-only" in proc.stderr, proc.stderr
    finally:
        if os.geteuid() == 0:
            subprocess.run(["umount", str(target)], check=False)
        else:
            os.chmod(staff.data_dir, 0o700)


def test_broken_pipe_ends_quietly(staff: Staff) -> None:
    staff.db.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), **ADMIN}
    cmd = f"{sys.executable} -m desk_app --data-dir {staff.data_dir} catalog list | head -1"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env, timeout=120)
    assert proc.stdout.count("\n") == 1
    assert "BrokenPipe" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr


def test_no_password_is_checked_when_the_attempt_cannot_be_counted(tmp_path: Path) -> None:
    """A full disk: the sign-in is refused with one line before any password check (so wrong ones cannot be
    tried uncounted), and the right one is refused too."""
    if os.geteuid() != 0:
        pytest.skip("needs a small tmpfs (root)")
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True
    ).returncode:
        pytest.skip("cannot mount a tmpfs here")
    try:
        data_dir = mount / "data"
        made = run_cli(
            "init",
            "--agency-code",
            "001.05.12.H49",
            "--unit-name",
            "Xã A",
            "--no-catalog",
            "--admin-user",
            "admin",
            data_dir=data_dir,
            env={"DESK_APP_PASSWORD": PASSWORDS["admin"]},
        )
        assert made.returncode == 0, made.stderr
        filler = mount / "filler"
        subprocess.run(["dd", "if=/dev/zero", f"of={filler}", "bs=1k", "count=4000"], capture_output=True)
        for password in (PASSWORDS["admin"], "wrong password 1"):
            proc = run_cli(
                "user",
                "list",
                data_dir=data_dir,
                env={"DESK_APP_USER": "admin", "DESK_APP_PASSWORD": password},
            )
            assert proc.returncode == 1, proc.stdout
            assert proc.stderr.count("\n") == 1 and "disk" in proc.stderr, proc.stderr
        filler.unlink()
        assert _auth_events(data_dir / "desk_app.db") == []
        ok = run_cli("user", "list", data_dir=data_dir, env=ADMIN)
        assert ok.returncode == 0, ok.stderr
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_an_unwritable_log_never_gets_the_unmasked_trace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from desk_app.cli import _log_bug

    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "logs").write_text("a file where the logs folder should be")
    try:
        raise RuntimeError("applicant 001190012345 phone 0912 345 678")
    except RuntimeError:
        where = _log_bug(data_dir)
    err = capsys.readouterr().err
    assert where == "stderr"
    assert "001190012345" not in err and "0912 345 678" not in err and "RuntimeError" in err


def test_slip_out_refuses_devices_and_links(staff: Staff, tmp_path: Path) -> None:
    code = receive_some(staff.db, 1)[0]
    staff.db.close()
    link = tmp_path / "slip.pdf"
    link.symlink_to(tmp_path / "elsewhere.pdf")
    for target in (link, Path("/dev/full")):
        if not os.path.lexists(target):
            continue
        proc = staff.cli("clerk", "slip", code, "--out", str(target))
        assert proc.returncode == 1 and "not a regular file" in proc.stderr, proc.stderr
    assert link.is_symlink() and not (tmp_path / "elsewhere.pdf").exists()
