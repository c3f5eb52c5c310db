"""TLS: `desk-hub serve --certfile --keyfile`; the desk trusts a province's own certificate through --ca."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.hub.conftest import copy_desk, desk_json, hub_cli, hub_json, start_hub
from tests.hub.test_sync import AGENCY


def _self_signed(folder: Path) -> tuple[Path, Path]:
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    cert, key = folder / "hub.pem", folder / "hub.key"
    proc = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    return cert, key


def test_tls_with_the_provinces_ca(tmp_path: Path, desk_template: Path) -> None:
    """Without the CA file the desk refuses the certificate (one line); with it, the sync succeeds."""
    cert, key = _self_signed(tmp_path)
    hub_db = f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    assert hub_cli(hub_db, "init").returncode == 0
    token = hub_json(hub_db, "unit", "add", AGENCY, "--name", "Xã Gio Sơn")["token"]
    server = start_hub(hub_db, tmp_path / "hub.log", tls=(cert, key))
    try:
        assert server.url.startswith("https://")
        data = copy_desk(desk_template, tmp_path / "desk")
        desk_json(data, "sync", "configure", "--hub", server.url, "--token", token)
        proc = run_cli("sync", "now", data_dir=data)
        assert proc.returncode == 1 and "TLS" in proc.stderr and proc.stderr.strip().count("\n") == 0
        desk_json(data, "sync", "configure", "--hub", server.url, "--token", token, "--ca", str(cert))
        result = desk_json(data, "sync", "now")
        assert result["errors"] == [] and result["sent"]
    finally:
        server.stop()
