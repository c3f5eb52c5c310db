"""Windows behaviour of the file layer, simulated where Linux cannot have it (and native on the Windows CI).

The branches are chosen by ``desk_app.fsutil._IS_WINDOWS``; the Windows rename (``MoveFileExW`` with
write-through) sits behind ``fsutil._move_file_ex``, replaced here by a fake that behaves like Windows when a
PDF reader holds the target open (PermissionError, winerror 32) and otherwise renames.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path

import pytest

from desk_app import fsutil
from desk_app.domain.errors import StorageError
from desk_app.resources import SHIPPED_FOLDERS, shipped_files
from desk_app.scanning.store import PageStore
from tests.conftest import ROOT


def _busy() -> PermissionError:
    exc = PermissionError(
        13, "The process cannot access the file because it is being used by another process"
    )
    exc.winerror = 32  # type: ignore[attr-defined]
    return exc


class FakeWindows:
    """MoveFileExW that fails while the target is 'open' in another program, for ``busy_for`` attempts."""

    def __init__(self, busy_for: int) -> None:
        self.busy_for = busy_for
        self.calls: list[tuple[str, str]] = []

    def __call__(self, src: str, dst: str) -> None:
        self.calls.append((src, dst))
        if len(self.calls) <= self.busy_for:
            raise _busy()
        os.replace(src, dst)


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Take fsutil's Windows branches; the pauses it would sleep are recorded instead of slept."""
    pauses: list[float] = []
    monkeypatch.setattr(fsutil, "_IS_WINDOWS", True)
    monkeypatch.setattr(fsutil, "_sleep", pauses.append)
    monkeypatch.delattr(os, "fchmod", raising=False)  # as on Windows before Python 3.13
    return pauses


def test_write_replaces_a_file_held_open_for_a_moment(
    windows: list[float], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    fake = FakeWindows(busy_for=2)
    monkeypatch.setattr(fsutil, "_move_file_ex", fake)
    target = tmp_path / "slip.pdf"
    target.write_bytes(b"old")
    fsutil.write_atomic(target, b"%PDF new")
    assert target.read_bytes() == b"%PDF new"
    assert len(fake.calls) == 3 and windows == [0.1, 0.2]  # two pauses, then the rename went through
    assert [p.name for p in tmp_path.iterdir()] == ["slip.pdf"]


def test_a_file_kept_open_is_reported_and_left_alone(
    windows: list[float], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(fsutil, "_move_file_ex", FakeWindows(busy_for=99))
    target = tmp_path / "slip.pdf"
    target.write_bytes(b"old")
    with pytest.raises(StorageError) as caught:
        fsutil.write_atomic(target, b"%PDF new")
    assert "đang được mở" in (caught.value.vi or "") and "slip.pdf" in (caught.value.vi or "")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["slip.pdf"]  # no temp file left behind
    assert len(windows) == fsutil.REPLACE_ATTEMPTS - 1


def test_other_errors_are_not_retried(
    windows: list[float], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def gone(src: str, dst: str) -> None:
        raise FileNotFoundError(2, "The system cannot find the path specified")

    monkeypatch.setattr(fsutil, "_move_file_ex", gone)
    with pytest.raises(StorageError):
        fsutil.write_atomic(tmp_path / "x.pdf", b"x")
    assert windows == []


def test_posix_does_not_retry_a_permission_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(fsutil, "_IS_WINDOWS", False)
    calls: list[object] = []

    def denied(src: object, dst: object) -> None:
        calls.append(src)
        raise _busy()

    monkeypatch.setattr(fsutil.os, "replace", denied)
    with pytest.raises(PermissionError):
        fsutil.replace_file(tmp_path / "a", tmp_path / "b")
    assert len(calls) == 1


def test_no_folder_fsync_and_no_modes_on_windows(
    windows: list[float], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_open = os.open

    def no_folders(path: object, flags: int, *args: object) -> int:
        assert not Path(str(path)).is_dir(), "Windows cannot open a folder"
        return real_open(path, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", no_folders)
    monkeypatch.setattr(fsutil, "_move_file_ex", FakeWindows(busy_for=0))
    fsutil.fsync_dir(tmp_path)
    assert fsutil.write_atomic(tmp_path / "p.json", b"{}", mode=0o600).read_bytes() == b"{}"
    # The scanner's page store takes the same path (replace_file).
    store = PageStore(tmp_path / "files")
    sha, new = store.put(b"page")
    assert new and store.read(sha) == b"page"


def test_name_too_long_on_both_systems() -> None:
    posix = OSError(36, "File name too long")
    assert fsutil.name_too_long(posix)
    win = OSError(22, "The filename or extension is too long")
    win.winerror = 206  # type: ignore[attr-defined]
    assert fsutil.name_too_long(win)
    assert not fsutil.name_too_long(OSError(2, "No such file"))
    assert not fsutil.name_too_long(ValueError("x"))


def test_csv_export_is_the_same_on_every_system() -> None:
    data = fsutil.csv_bytes(
        ["Mã hồ sơ", "Ghi chú"], [["001.05.12.H49-261201-0001", "dòng 1\ndòng 2"], ["x", None]]
    )
    assert data.startswith(b"\xef\xbb\xbf")  # Excel on Windows reads UTF-8 Vietnamese only with a BOM
    text = data.decode("utf-8-sig")
    assert text.count("\r\n") == 3 and "\n" not in text.replace("\r\n", "").replace("dòng 1\ndòng 2", "")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows == [["Mã hồ sơ", "Ghi chú"], ["001.05.12.H49-261201-0001", "dòng 1\ndòng 2"], ["x", ""]]


# A long but real Windows profile: paths must stay under MAX_PATH (260) without the long-path registry switch.
WIN_PROFILE = "C:\\Users\\nguyen.thi.thu.huong.ubnd\\AppData\\Local"
MAX_PATH = 260


def test_installed_paths_fit_windows_max_path() -> None:
    bundle = f"{WIN_PROFILE}\\Programs\\desk-app\\_internal\\"
    longest = max(
        (f"desk_app/{inside}/{rel}" for folder, inside in SHIPPED_FOLDERS.items() if (ROOT / folder).is_dir()
         for rel in shipped_files(ROOT / folder)),
        key=len,
    )  # fmt: skip
    modules = max((p.relative_to(ROOT).as_posix() for p in (ROOT / "desk_app").rglob("*.py")), key=len)
    for rel in (longest, modules + "c"):
        assert len(bundle + rel) < MAX_PATH, rel


def test_data_paths_fit_windows_max_path(tmp_path: Path) -> None:
    data = f"{WIN_PROFILE}\\desk-app"
    sha = hashlib.sha256(b"x").hexdigest()
    store = PageStore(tmp_path)
    page = store.path_for(sha).relative_to(tmp_path).as_posix()
    thumb = store.thumb_path(sha, 256).relative_to(tmp_path).as_posix()
    backup = "backups\\2026-12-01T17-30-00-auto\\files\\"
    restore = ".restore-20261201-173000-123456\\files\\"
    for rel in (page, thumb):
        for prefix in ("files\\", backup, restore):
            path = f"{data}\\{prefix}{rel}".replace("/", "\\")
            assert len(path) < MAX_PATH, path


def test_output_is_utf8_whatever_the_code_page(data_dir: Path) -> None:
    """Windows hands a pipe the ANSI code page; Vietnamese output must not fail there (simulated: cp1252)."""
    from tests.conftest import run_cli

    init = run_cli(
        "init",
        "--agency-code",
        "001.05.12.H49",
        "--unit-name",
        "Ủy ban nhân dân xã Gio Sơn",
        data_dir=data_dir,
    )
    assert init.returncode == 0, init.stderr
    proc = run_cli("catalog", "list", "--json", data_dir=data_dir, env={"PYTHONIOENCODING": "cp1252"})
    assert proc.returncode == 0, proc.stderr
    assert "Đăng ký khai sinh" in proc.stdout  # run_cli decodes UTF-8
