"""``desk-app scan | attach | pages | inbox | files`` as scripts use them (subprocesses, real files)."""

from __future__ import annotations

import json
import os
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import cli_json, run_cli
from tests.scanning.support import (
    SANE_DIR,
    jpeg_bytes,
    make_dossier,
    pdf_bytes,
    sane_works,
    scanned_slip_jpeg,
)


@pytest.fixture
def dossier(data_dir: Path) -> str:
    """A data directory with the commune, the catalog and one received dossier (3 documents)."""
    from desk_app.services.setup import catalog
    from desk_app.services.setup import unit as setup
    from desk_app.store.db import open_database

    db = open_database(data_dir)
    try:
        setup.init_unit(db, "001.05.12.H49", "Ủy ban nhân dân xã Gio Sơn", province="Quảng Trị")
        catalog.import_seed(db)
        return make_dossier(db)
    finally:
        db.close()


@pytest.fixture
def sane_env() -> dict[str, str]:
    if not sane_works():
        pytest.skip("python-sane or the SANE test backend is not installed")
    return {"SANE_CONFIG_DIR": str(SANE_DIR)}


def test_scan_devices_lists_objects_with_a_name(sane_env: dict[str, str], data_dir: Path) -> None:
    devices = cli_json("scan", "devices", data_dir=data_dir, env=sane_env)
    assert isinstance(devices, list)
    assert "test:0" in [d["name"] for d in devices]


def test_scan_a_feeder_batch_onto_a_document(sane_env: dict[str, str], data_dir: Path, dossier: str) -> None:
    out: Any = cli_json(
        "scan",
        dossier,
        "--document",
        "2",
        "--device",
        "test:0",
        "--pages",
        "3",
        "--dpi",
        "100",
        "--mode",
        "Gray",
        data_dir=data_dir,
        env=sane_env,
    )
    assert out["pages"] == 3 and out["digitization"] == "digitized"
    pages: Any = cli_json("pages", dossier, "--document", "2", data_dir=data_dir)
    assert [p["number"] for p in pages] == [1, 2, 3]


def test_attach_files_and_export_the_pdf(data_dir: Path, dossier: str, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes("a"))
    (tmp_path / "b.pdf").write_bytes(pdf_bytes(["b1", "b2"]))
    out: Any = cli_json(
        "attach",
        dossier,
        "--document",
        "1",
        str(tmp_path / "a.jpg"),
        str(tmp_path / "b.pdf"),
        data_dir=data_dir,
    )
    assert out["pages"] == 3 and out["rejected"] == []
    pdf = tmp_path / "doc1.pdf"
    proc = run_cli("pages", dossier, "--document", "1", "--pdf", str(pdf), data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert [line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")] == ["3"]


def test_a_rejected_file_exits_non_zero_and_stores_nothing(
    data_dir: Path, dossier: str, tmp_path: Path
) -> None:
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "cut.pdf").write_bytes(pdf_bytes(["x"])[:300])
    proc = run_cli(
        "attach",
        dossier,
        "--document",
        "1",
        str(tmp_path / "empty.jpg"),
        str(tmp_path / "cut.pdf"),
        data_dir=data_dir,
    )
    assert proc.returncode == 1
    assert "Tệp empty.jpg: rỗng" in proc.stderr and "Tệp cut.pdf" in proc.stderr
    assert not (data_dir / "files").exists() or not any(p.is_file() for p in (data_dir / "files").rglob("*"))
    pages: Any = cli_json("pages", dossier, "--document", "1", data_dir=data_dir)
    assert pages == []


def test_a_file_over_max_file_mb_is_rejected(data_dir: Path, dossier: str, tmp_path: Path) -> None:
    from desk_app.store import settings
    from desk_app.store.db import open_database

    db = open_database(data_dir)
    with db.transaction() as s:
        settings.put(s, "max_file_mb", 0.001)
    db.close()
    (tmp_path / "big.jpg").write_bytes(jpeg_bytes("big"))
    proc = run_cli("attach", dossier, "--document", "1", str(tmp_path / "big.jpg"), data_dir=data_dir)
    assert proc.returncode == 1 and "quá lớn" in proc.stderr


def test_inbox_routes_a_batch_by_its_slip(data_dir: Path, dossier: str, tmp_path: Path) -> None:
    folder = tmp_path / "copier"
    folder.mkdir()
    old = time.time_ns() - 60 * 10**9
    for name, data in (("0001.jpg", scanned_slip_jpeg(dossier)), ("0002.jpg", jpeg_bytes("p"))):
        (folder / name).write_bytes(data)
        os.utime(folder / name, ns=(old, old))
        old += 10**9
    out: Any = cli_json("inbox", "--folder", str(folder), "--settle", "0", data_dir=data_dir)
    assert out["new"] == 2 and out["routed"] == 2
    assert {i["dossier_code"] for i in out["items"]} == {dossier}
    ids = [str(i["id"]) for i in out["items"]]
    done: Any = cli_json("inbox", "attach", *ids, "--document", "3", data_dir=data_dir)
    assert done["pages"] == 1  # the slip is the cover, not a page
    listed: Any = cli_json("inbox", "--no-process", data_dir=data_dir)
    assert listed["items"] == []


def test_files_verify_names_a_damaged_file(data_dir: Path, dossier: str, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes("a"))
    cli_json("attach", dossier, "--document", "1", str(tmp_path / "a.jpg"), data_dir=data_dir)
    ok = run_cli("files", "verify", data_dir=data_dir)
    assert ok.returncode == 0, ok.stderr
    (stored,) = [p for p in (data_dir / "files").rglob("*") if p.is_file() and "thumbs" not in p.parts]
    stored.write_bytes(b"tampered")
    bad = run_cli("files", "verify", "--json", data_dir=data_dir)
    assert bad.returncode == 1
    rel = stored.relative_to(data_dir).as_posix()
    assert rel in bad.stderr
    assert json.loads(bad.stdout)["corrupt"] == [stored.parent.name + stored.name]


def test_remove_a_page_needs_a_reason(data_dir: Path, dossier: str, tmp_path: Path) -> None:
    (tmp_path / "a.jpg").write_bytes(jpeg_bytes("a"))
    cli_json("attach", dossier, "--document", "1", str(tmp_path / "a.jpg"), data_dir=data_dir)
    assert run_cli("pages", dossier, "--document", "1", "--remove", "1", data_dir=data_dir).returncode == 1
    proc = run_cli(
        "pages", dossier, "--document", "1", "--remove", "1", "--reason", "Quét nhầm", data_dir=data_dir
    )
    assert proc.returncode == 0, proc.stderr
    listed: Any = cli_json("pages", dossier, "--document", "1", "--removed", data_dir=data_dir)
    assert [(p["number"], p["removed_reason"]) for p in listed] == [(0, "Quét nhầm")]
