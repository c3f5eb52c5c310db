"""The installed app's main paths, run as an admin would, against any way desk_app is installed.

    python packaging/smoke.py --cli /tmp/venv/bin/desk-app --work /tmp/smoke           # a wheel in a venv
    python packaging/smoke.py --cli dist/desk-app/desk-app-cli --gui dist/desk-app/desk-app --work /tmp/s

Standard library only (it runs beside a frozen bundle, with no desk_app importable). Steps: init with an admin
account, receive a dossier from a JSON file, its slip, every lifecycle form (supplement, refusal, apology, stop,
control), the tracking book, backup, restore, verify; then a demo commune and ``gui --exit-when-ready`` on the
offscreen platform. Each printout must be a PDF carrying the shipped print font. Exit status 0 when all pass;
``--json`` prints the timings. Used by tests/packaging/ and packaging/build_bundle.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

AGENCY = "001.05.12.H49"
PASSWORD = "mat-khau-thu-nghiem-1"
FORMS = ("supplement", "refusal", "apology", "stop", "control")


class SmokeFailure(AssertionError):
    pass


class Runner:
    def __init__(self, cli: list[str], gui: list[str], work: Path, timeout: float) -> None:
        self.cli, self.gui, self.work, self.timeout = cli, gui, work, timeout
        self.timings: dict[str, float] = {}
        self.env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "HOME": str(work / "home"),
            "XDG_DATA_HOME": str(work / "home" / "share"),
            "XDG_CONFIG_HOME": str(work / "home" / "config"),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        for var in ("PYTHONPATH", "DESK_APP_DATA_DIR", "DESK_APP_USER", "DESK_APP_PASSWORD"):
            self.env.pop(var, None)

    def run(self, label: str, *args: str, data: Path, exe: list[str] | None = None, **env: str) -> str:
        cmd = [*(exe or self.cli), "--data-dir", str(data), *args]
        started = time.perf_counter()
        proc = subprocess.run(
            cmd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**self.env, **env},
            timeout=self.timeout,
            cwd=self.work,
        )
        self.timings[label] = round(time.perf_counter() - started, 3)
        if proc.returncode != 0:
            raise SmokeFailure(
                f"{label}: exit {proc.returncode}\n$ {shlex.join(cmd)}\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}"
            )
        return proc.stdout

    def json(self, label: str, *args: str, data: Path, **env: str) -> object:
        out = self.run(label, *args, "--json", data=data, **env)
        try:
            return json.loads(out)
        except ValueError as exc:
            raise SmokeFailure(f"{label}: not JSON: {out[:500]!r}") from exc


def check_pdf(path: Path, label: str) -> None:
    data = path.read_bytes() if path.is_file() else b""
    if not data.startswith(b"%PDF"):
        raise SmokeFailure(f"{label}: {path} is not a PDF")
    if b"LiberationSerif" not in data:
        raise SmokeFailure(f"{label}: {path} does not embed the shipped print font")


def smoke(
    cli: list[str], gui: list[str], work: Path, *, demo_dossiers: int = 60, timeout: float = 180
) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    r = Runner(cli, gui, work, timeout)
    data, out = work / "data", work / "out"
    out.mkdir(exist_ok=True)
    admin = {"DESK_APP_USER": "admin", "DESK_APP_PASSWORD": PASSWORD}

    r.run("version", "--help", data=data)
    unit = r.json(
        "init",
        "init",
        "--agency-code",
        AGENCY,
        "--unit-name",
        "Ủy ban nhân dân xã Gio Sơn",
        "--province",
        "Quảng Trị",
        "--admin-user",
        "admin",
        data=data,
        DESK_APP_PASSWORD=PASSWORD,
    )
    if not isinstance(unit, dict) or not unit.get("catalog_loaded"):
        raise SmokeFailure(f"init: the shipped catalog was not loaded: {unit}")

    received = datetime.now().replace(second=0, microsecond=0) - timedelta(minutes=5)
    entries = [
        {
            "procedure": "1.004873",  # 3 working days: an extension is still possible,
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "channel": "direct",
            "applicant": {
                "full_name": f"Nguyễn Thị Hằng {i}",
                "id_number": f"00119001234{i}",
                "birth_date": "1990-05-02",
                "gender": "Nữ",
                "phone": "0912345678",
                "address": "Thôn Đông, xã Gio Sơn",
            },
            "documents": [{"name": "Tờ khai đăng ký khai sinh", "kind": "original", "quantity": 1}],
            "return_via": "counter",
        }
        for i in range(4)
    ]
    source = work / "dossiers.json"
    source.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")
    rows = r.json("receive", "receive", str(source), data=data, **admin)
    if not isinstance(rows, list) or len(rows) != 4 or any("code" not in row for row in rows):
        raise SmokeFailure(f"receive: {rows}")
    codes = [row["code"] for row in rows]

    slip = out / "slip.pdf"
    r.run("slip", "slip", codes[0], "--out", str(slip), data=data, **admin)
    check_pdf(slip, "slip")

    r.run(
        "request-supplement",
        "act",
        codes[0],
        "request-supplement",
        "--reason",
        "Thiếu giấy",
        data=data,
        **admin,
    )
    r.run("refuse", "act", codes[1], "refuse", "--reason", "Không đủ điều kiện", data=data, **admin)
    for days in range(20, 40):  # the first working day three weeks on (holidays differ by year)
        later = (datetime.now() + timedelta(days=days)).strftime("%Y-%m-%d")
        try:
            r.run(
                "extend",
                "act",
                codes[2],
                "extend",
                "--new-due",
                later,
                "--reason",
                "Xác minh",
                data=data,
                **admin,
            )
            break
        except SmokeFailure as exc:
            if "working day" not in str(exc):
                raise
    r.run("stop", "act", codes[3], "stop", "--reason", "Người nộp đề nghị dừng", data=data, **admin)
    for form, code in zip(FORMS, [*codes, codes[0]], strict=True):
        pdf = out / f"{form}.pdf"
        r.run(f"form {form}", "form", code, "--form", form, "--out", str(pdf), data=data, **admin)
        check_pdf(pdf, f"form {form}")

    book = out / "book.pdf"
    day = received.strftime("%Y-%m-%d")
    r.run("book", "book", "--from", day, "--to", day, "--out", str(book), data=data, **admin)
    check_pdf(book, "book")

    backup = work / "backup"
    r.run("backup", "backup", "--out", str(backup), data=data, **admin)
    r.run("receive after backup", "receive", str(source), data=data, **admin)
    r.run("restore", "restore", str(backup), data=data, **admin)
    found = r.json("find after restore", "find", "Nguyễn Thị Hằng", data=data, **admin)
    if not isinstance(found, list) or sorted(x["code"] for x in found) != sorted(codes):
        raise SmokeFailure(f"restore: expected exactly the {len(codes)} backed-up dossiers, found {found}")
    r.run("verify", "verify", data=data, **admin)

    demo = work / "demo"
    r.run("demo", "demo", "--dossiers", str(demo_dossiers), data=demo)
    shown = r.run("gui", "gui", "--exit-when-ready", data=demo, exe=gui)
    return {"codes": codes, "gui_stdout": shown.strip(), "seconds": r.timings}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cli", required=True, help="the desk-app command (a path, or a quoted command line)"
    )
    parser.add_argument("--gui", help="the GUI executable (default: the CLI)")
    parser.add_argument("--work", required=True, type=Path, help="an empty folder for data and printouts")
    parser.add_argument("--demo-dossiers", type=int, default=60)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    # A path as given (Windows paths hold backslashes), else a command line to split.
    cli = [args.cli] if Path(args.cli).exists() else shlex.split(args.cli)
    gui = ([args.gui] if Path(args.gui).exists() else shlex.split(args.gui)) if args.gui else cli
    try:
        result = smoke(cli, gui, args.work, demo_dossiers=args.demo_dossiers)
    except SmokeFailure as exc:
        print(f"SMOKE FAILED: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1))
    else:
        print(f"smoke passed: {sum(result['seconds'].values()):.1f} s over {len(result['seconds'])} commands")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
