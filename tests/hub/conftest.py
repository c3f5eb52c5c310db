"""Hub fixtures: a real hub process over loopback HTTP, on SQLite and on a throwaway PostgreSQL cluster."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG_BIN_DIRS = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _pg_bin() -> Path | None:
    for d in PG_BIN_DIRS:
        if (Path(d) / "initdb").exists():
            return Path(d)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


@dataclass
class PgCluster:
    bin: Path
    data: Path
    port: int
    user: str | None

    def _run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        full = list(cmd)
        if self.user:
            full = ["runuser", "-u", self.user, "--", *full]
        return subprocess.run(full, capture_output=True, text=True, timeout=120)

    def url(self, dbname: str) -> str:
        return f"postgresql://hub@127.0.0.1:{self.port}/{dbname}"

    def createdb(self, name: str) -> str:
        proc = self._run(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "hub", name
        )
        assert proc.returncode == 0, proc.stderr
        return self.url(name)


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[PgCluster]:
    """A throwaway PostgreSQL cluster (initdb + pg_ctl on a free port), stopped at the end of the session."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries (Debian package postgresql) are not installed")
    # Not under pytest's tmp root: that is private to root, and the cluster runs as another account.
    base = Path(tempfile.mkdtemp(prefix="desk-hub-pg-"))
    user = None
    if os.geteuid() == 0:  # initdb refuses root: run the cluster as an unprivileged account
        for name in ("postgres", "nobody"):
            try:
                pwd.getpwnam(name)
                user = name
                break
            except KeyError:
                continue
        shutil.chown(base, user=user)
        base.chmod(0o755)
    cluster = PgCluster(bindir, base / "data", free_port(), user)
    proc = cluster._run(
        str(bindir / "initdb"),
        "-D",
        str(cluster.data),
        "-U",
        "hub",
        "--auth=trust",
        "-E",
        "UTF8",
        "--no-sync",
    )
    assert proc.returncode == 0, proc.stderr
    opts = f"-p {cluster.port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    proc = cluster._run(
        str(bindir / "pg_ctl"), "-D", str(cluster.data), "-o", opts, "-l", str(base / "log"), "-w", "start"
    )
    assert proc.returncode == 0, proc.stderr + (base / "log").read_text(errors="replace")
    try:
        yield cluster
    finally:
        cluster._run(str(bindir / "pg_ctl"), "-D", str(cluster.data), "-m", "immediate", "stop")
        shutil.rmtree(base, ignore_errors=True)


_counter = 0


@pytest.fixture(params=["sqlite", "postgresql"])
def hub_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty hub database URL: a SQLite file, or a fresh database in the session's PostgreSQL cluster."""
    global _counter
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hub.sqlite3'}"
    cluster: PgCluster = request.getfixturevalue("pg_cluster")
    _counter += 1
    return cluster.createdb(f"hub{os.getpid()}_{_counter}")


def hub_cli(db_url: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "desk_app.hub", "--db", db_url, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def hub_json(db_url: str, *args: str) -> Any:
    proc = hub_cli(db_url, *args, "--json")
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@dataclass
class HubServer:
    url: str
    db_url: str
    proc: subprocess.Popen[bytes]
    log: Path

    def request(
        self,
        method: str,
        path: str,
        body: Any = None,
        token: str | None = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
        req = urllib.request.Request(self.url + path, data=data, method=method)
        req.add_header("Content-Type", "application/json")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                payload = resp.read()
                status = resp.status
        except urllib.error.HTTPError as err:
            payload = err.read()
            status = err.code
        try:
            return status, json.loads(payload)
        except ValueError:
            return status, payload.decode("utf-8", "replace")

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def start_hub(
    db_url: str,
    log: Path,
    env: dict[str, str] | None = None,
    port: int | None = None,
    tls: tuple[Path, Path] | None = None,
) -> HubServer:
    """Start ``desk-hub serve`` (with --certfile/--keyfile when ``tls`` is given) and wait until it answers."""
    port = port or free_port()
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    fh = log.open("ab")
    cmd = [sys.executable, "-m", "desk_app.hub", "--db", db_url, "serve", "--host", "127.0.0.1"]
    cmd += ["--port", str(port)]
    if tls:
        cmd += ["--certfile", str(tls[0]), "--keyfile", str(tls[1])]
    proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=full_env)
    scheme = "https" if tls else "http"
    server = HubServer(f"{scheme}://127.0.0.1:{port}", db_url, proc, log)
    context = ssl.create_default_context(cafile=str(tls[0])) if tls else None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError("hub exited: " + log.read_text(errors="replace"))
        try:
            with urllib.request.urlopen(server.url + "/api/v1/health", timeout=2, context=context):
                return server
        except OSError:
            time.sleep(0.1)
    server.stop()
    raise AssertionError("hub did not start: " + log.read_text(errors="replace"))


def _running_hub(db_url: str, tmp_path: Path) -> Iterator[HubServer]:
    proc = hub_cli(db_url, "init")
    assert proc.returncode == 0, proc.stderr
    server = start_hub(db_url, tmp_path / "hub.log")
    yield server
    server.stop()


@pytest.fixture
def hub(hub_db_url: str, tmp_path: Path) -> Iterator[HubServer]:
    """A running hub (subprocess, loopback) on an initialised database: once on SQLite, once on PostgreSQL."""
    yield from _running_hub(hub_db_url, tmp_path)


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubServer]:
    """A running hub on SQLite only (for behaviour of the desk or the files that does not depend on the SQL)."""
    yield from _running_hub(f"sqlite:///{tmp_path / 'hub.sqlite3'}", tmp_path)


def desk_json(data_dir: Path, *args: str) -> Any:
    proc = _run_desk(*args, "--json", data_dir=data_dir)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture(scope="session")
def desk_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo commune per test session (`desk-app demo`), copied for each test."""
    data = tmp_path_factory.mktemp("desk-template") / "desk"
    desk_json(data, "demo", "--dossiers", "60")
    return data


def copy_desk(template: Path, target: Path) -> Path:
    shutil.copytree(template, target)
    return target


@pytest.fixture
def desk(desk_template: Path, tmp_path: Path) -> Path:
    return copy_desk(desk_template, tmp_path / "desk")


def _run_desk(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    from tests.conftest import run_cli

    return run_cli(*args, data_dir=data_dir)
