"""Fuzzed bad input across the CLI and the services: no traceback, one clear line, nothing changed on refusal.

The values: invalid UTF-8 (lone surrogates, as Python hands over undecodable argv/env/file bytes), very long
strings (100,000 characters), control characters, SQL fragments, format strings, odd Unicode, wrong JSON
types. A seeded generator (no extra dependency) makes every run the same and still covers every field.
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from desk_app.cli import build_parser, main
from tests.conftest import run_cli
from tests.trust.conftest import snapshot

SQL = "'; DROP TABLE dossiers; --"
NASTY: list[Any] = [
    SQL,
    '" OR 1=1 --',
    "Robert'); DELETE FROM audit_events; --",
    "\ud800",  # a lone high surrogate: not encodable as UTF-8
    "abc\udcff\udc80def",  # what Python makes of undecodable bytes (surrogateescape)
    "\x00\x01\x02\x1b[31mred\x7f",
    "line1\r\nline2\ttab\x0b\x0c",
    "A" * 100_000,
    "Nguyễn Thị Hằng " * 7_000,
    "",
    "   ",
    "%s%n%x{0}{}$(rm -rf /)`id`",
    "../../../etc/passwd",
    "\u202eevil\u200b\ufeff",
    "Nguye\u0302\u0303n",  # NFD
    "😀" * 50,
    "001190012345",
    "-1",
    "9" * 400,
    "NaN",
]
JSON_ODD: list[Any] = [None, 0, -1, 10**30, 1.5e308, True, [], {}, ["x"], {"a": SQL}]

BASE_ENTRY: dict[str, Any] = {
    "procedure": "1.001193",
    "channel": "direct",
    "applicant": {
        "full_name": "Nguyễn Thị Hằng",
        "id_number": "001190012345",
        "birth_date": "1990-05-02",
        "gender": "Nữ",
        "phone": "0912345678",
        "address": "Thôn Đông, xã Gio Sơn",
        "email": "",
    },
    "documents": [{"name": "Tờ khai đăng ký khai sinh", "kind": "original", "quantity": 1}],
    "fee": {"method": "cash"},
    "return_via": "counter",
    "note": "",
}
FIELDS = [
    ("procedure",),
    ("received_at",),
    ("channel",),
    ("return_via",),
    ("note",),
    ("code",),
    ("client_token",),
    ("due_at",),
    ("set_count",),
    ("vneid_verified",),
    ("email",),
    ("applicant",),
    ("applicant", "full_name"),
    ("applicant", "id_number"),
    ("applicant", "old_id_number"),
    ("applicant", "birth_date"),
    ("applicant", "gender"),
    ("applicant", "phone"),
    ("applicant", "address"),
    ("applicant", "email"),
    ("documents",),
    ("documents", 0),
    ("documents", 0, "name"),
    ("documents", 0, "kind"),
    ("documents", 0, "quantity"),
    ("fee",),
    ("fee", "amount"),
    ("fee", "method"),
    ("fee", "pages"),
    ("representative",),
    ("representative", "full_name"),
    ("representative", "id_number"),
]


def _values(rnd: random.Random, k: int) -> list[Any]:
    """``k`` fuzz values: nasty strings, odd JSON, and random mixes of both."""
    out = []
    for _ in range(k):
        roll = rnd.random()
        if roll < 0.55:
            out.append(rnd.choice(NASTY))
        elif roll < 0.75:
            out.append(rnd.choice(JSON_ODD))
        else:
            out.append(
                "".join(rnd.choice([*NASTY[:7], "x", "đ", " ", "'"]) for _ in range(rnd.randint(1, 6)))
            )
    return out


def _set(entry: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    clone = json.loads(json.dumps(entry))
    target = clone
    for key in path[:-1]:
        if isinstance(key, str) and key not in target:
            target[key] = {}
        target = target[key]
    target[path[-1]] = value
    return clone


def _dump(obj: Any) -> str:
    # ensure_ascii writes a lone surrogate as a \\ud800 escape, which json.loads turns back into one.
    return json.dumps(obj, ensure_ascii=True)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], unit_db: Any) -> Any:
    """``desk-app`` in-process on a commune without accounts (no argon2 per call): (code, out, err)."""
    monkeypatch.delenv("DESK_APP_USER", raising=False)
    monkeypatch.delenv("DESK_APP_PASSWORD", raising=False)
    unit_db.close()

    def call(*argv: str) -> tuple[int, str, str]:
        try:
            code = main(["--data-dir", str(unit_db.data_dir), *argv])
        except SystemExit as exc:  # argparse refusing the syntax (exit 2, one line): also a clean refusal
            code = exc.code if isinstance(exc.code, int) else 2
            assert code == 2, code
        out = capsys.readouterr()
        assert "Traceback" not in out.err, out.err[-3000:]
        assert code in (0, 1, 2), (argv[:3], code, out.err[-500:])
        assert len(out.err.strip().splitlines()) <= 1, out.err[-2000:]
        if code == 1 and out.err.strip():
            assert out.err.startswith("desk-app: error: ") or out.err.startswith("desk-app: verify failed")
        if code == 2:
            assert out.err.startswith("desk-app") and "error" in out.err, out.err
        return code, out.out, out.err

    call.db_file = unit_db.data_dir / "desk_app.db"
    call.data_dir = unit_db.data_dir
    return call


def _sound(data_dir: Path) -> None:
    from desk_app.services.trust import integrity

    report = integrity.verify_data_dir(data_dir)
    assert report.ok, report.problems
    conn = sqlite3.connect(data_dir / "desk_app.db")
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    finally:
        conn.close()
    assert {"dossiers", "audit_events", "applicants", "users"} <= tables


def test_fuzz_receive_every_field(cli: Any, tmp_path: Path) -> None:
    rnd = random.Random(6001)
    file = tmp_path / "in.json"
    accepted = refused = 0
    for path in FIELDS:
        for value in _values(rnd, 4):
            file.write_text(_dump([_set(BASE_ENTRY, path, value)]), encoding="utf-8")
            unchanged = snapshot(cli.db_file)
            code, out, err = cli("receive", str(file), "--json")
            result = json.loads(out) if out.strip() else [{"error": err}]  # refused as a whole: one line
            assert isinstance(result, list) and len(result) == 1
            if code == 1:
                assert isinstance(result[0].get("error"), str) and result[0]["error"]
                unchanged()
                refused += 1
            else:
                assert result[0]["code"]
                accepted += 1
    for garbage in (
        b"\xff\xfe\x00garbage",
        b"",
        b"[]",
        b"{",
        b"\xed\xa0\x80",
        _dump(SQL).encode(),
        _dump([None, 1, "x"]).encode(),
        b"[" * 5000 + b"]" * 5000,
    ):
        file.write_bytes(garbage)
        unchanged = snapshot(cli.db_file)
        code, _, _ = cli("receive", str(file), "--json")
        assert code == 1
        unchanged()
    assert refused > 40 and accepted > 5
    _sound(cli.data_dir)


def test_fuzz_catalog_import(cli: Any, tmp_path: Path) -> None:
    rnd = random.Random(6002)
    row = {
        "code": "9.999999",
        "name": "Thủ tục thử",
        "field": "Thử",
        "processing_time": {"value": 3, "unit": "working_days"},
        "fee": "Miễn phí",
    }
    file = tmp_path / "catalog.json"
    for key in [*row, "effective_from", "documents", "cutoff_time"]:
        for value in _values(rnd, 3):
            file.write_text(_dump([{**row, key: value}]), encoding="utf-8")
            before = snapshot(cli.db_file)
            code, out, _ = cli("catalog", "import", str(file), "--json")
            if code == 1:
                report = json.loads(out)
                assert report["errors"] and (report["added"], report["updated"]) == (0, 0)
                try:
                    before()
                except AssertionError:
                    # The import attempt itself is audited (one catalog.import event); the procedures are not.
                    _only_an_import_event_was_added(cli.db_file)
    _sound(cli.data_dir)


def _only_an_import_event_was_added(db_file: Path) -> None:
    conn = sqlite3.connect(db_file)
    try:
        action, detail = conn.execute(
            "SELECT action, detail FROM audit_events ORDER BY id DESC LIMIT 1"
        ).fetchone()
    finally:
        conn.close()
    assert action == "catalog.import" and json.loads(detail)["added"] == 0


@pytest.mark.parametrize("seed", [1])
def test_fuzz_commands(cli: Any, tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Calendar notes, user names, act reasons, privacy IDs, paths: refused cleanly or accepted."""
    from desk_app.store.db import open_database
    from tests.trust.helpers import receive_some

    db = open_database(cli.data_dir)
    code = receive_some(db, 1)[0]
    db.close()
    rnd = random.Random(seed)
    commands = _commands()
    for value in _values(rnd, 30):
        text = value if isinstance(value, str) else json.dumps(value)
        text = text.replace("\x00", "")  # argv cannot carry NUL
        monkeypatch.setenv("DESK_APP_NEW_PASSWORD", _env_safe(text) or "x")
        argvs = [
            ["calendar", "add-off", "2026-04-20", "--note", text],
            ["calendar", "add-workday", text, "--note", "Làm bù"],
            ["user", "add", text, "--full-name", text, "--role", "clerk"],
            ["user", "passwd", text],
            ["user", "disable", text],
            ["privacy", "export", "--id-number", text, "--out", str(tmp_path / "p.json")],
            ["privacy", "retention", "--years", text],
            ["restore", text or "x"],
            ["backup", "--out", str(tmp_path / "b" / text[:50].replace("/", "_").replace("\ud800", "_"))],
            ["catalog", "import", text or "x"],
        ]
        if "act" in commands:
            argvs += [
                ["act", code, "forward", "--reason", text, "--to", text],
                ["act", text, "forward"],
                ["act", code, text],
                ["act", code, "request-supplement", "--item", text, "--reason", text],
            ]
        if "show" in commands:
            argvs.append(["show", text, "--json"])
        if "find" in commands:
            argvs.append(["find", text, "--json"])
        for argv in argvs:
            unchanged = snapshot(cli.db_file)
            rc, _, _ = cli(*argv)
            if rc != 0:
                unchanged()
    _sound(cli.data_dir)


def _commands() -> set[str]:
    sub = next(a for a in build_parser()._actions if a.dest == "command")
    return set(sub.choices)  # type: ignore[arg-type]


def _env_safe(text: str) -> str:
    try:
        text.encode("utf-8", "surrogateescape")
    except UnicodeError:
        return ""
    return text[:1000]


def test_fuzz_services_directly(unit_db: Any) -> None:
    """The same values straight into the service functions (what the GUI forms call)."""
    from datetime import date

    from desk_app.domain.calendar import OverrideKind
    from desk_app.domain.errors import UserError
    from desk_app.services.intake.applicants import ApplicantInput
    from desk_app.services.intake.receive import DocumentInput, IntakeRequest, receive
    from desk_app.services.setup.calendar import set_override
    from desk_app.services.trust import auth, privacy

    rnd = random.Random(6004)
    refused = 0
    for i, value in enumerate(v for v in _values(rnd, 40) if isinstance(v, str)):
        calls = [
            lambda v=value: auth.create_user(unit_db, v, v, "clerk", v),
            lambda v=value: auth.authenticate(unit_db, v, v),
            lambda v=value, i=i: auth.create_user(unit_db, f"user{i}", v, "clerk", "long enough pw"),
            lambda v=value: privacy.export_person(unit_db, v, unit_db.data_dir / "x.json", actor="t"),
            lambda v=value: set_override(unit_db, date(2026, 4, 20), OverrideKind.OFF, v, v, actor="t"),
            lambda v=value, i=i: receive(
                unit_db,
                IntakeRequest(
                    procedure_code="1.001193",
                    applicant=ApplicantInput(full_name=v, address=v, email=""),
                    documents=[DocumentInput(name=v)],
                    note=v,
                    client_token=f"fz{i}",
                ),
                actor="t",
            ),
        ]
        for call in calls:
            unchanged = snapshot(unit_db.path)
            try:
                call()
            except UserError as exc:
                assert exc.message and exc.vi
                unchanged()
                refused += 1
    assert refused > 40
    _sound(unit_db.data_dir)


def test_invalid_utf8_and_long_arguments_through_a_real_process(unit_db: Any, tmp_path: Path) -> None:
    """Raw bytes in argv and a 100,000-character argument, as a shell script could pass them."""
    unit_db.close()
    db_file = unit_db.data_dir / "desk_app.db"
    cases = [
        ["calendar", "add-off", "2026-04-21", "--note", b"\xff\xfe bad \xc3\x28"],
        ["user", "add", b"\xc3\x28name", "--full-name", b"\xff", "--role", "clerk"],
        ["user", "add", "x" * 100_000, "--full-name", "y" * 100_000, "--role", "clerk"],
        ["privacy", "export", "--id-number", b"\x80\x81" * 10, "--out", str(tmp_path / "p.json")],
        ["restore", b"/tmp/\xff\xfe"],
    ]
    for argv in cases:
        unchanged = snapshot(db_file)
        proc = run_cli_bytes(argv, unit_db.data_dir, env={"DESK_APP_NEW_PASSWORD": "long enough pw"})
        assert b"Traceback" not in proc.stderr, proc.stderr[-2000:]
        assert proc.returncode in (0, 1) and len(proc.stderr.strip().splitlines()) <= 1, proc.stderr[-2000:]
        if proc.returncode:
            unchanged()


def run_cli_bytes(argv: list[Any], data_dir: Path, env: dict[str, str]) -> Any:
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    args = [a if isinstance(a, bytes) else a.encode() for a in argv]
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
    full_env.pop("DESK_APP_USER", None)
    return subprocess.run(
        [sys.executable.encode(), b"-m", b"desk_app", b"--data-dir", str(data_dir).encode(), *args],
        capture_output=True,
        env=full_env,
        timeout=120,
    )


__all__ = ["run_cli"]
