"""The headless face of desk_app: ``desk-app <command>``. Never imports Qt (except ``gui``).

Each command group lives in its own module with a ``register(subparsers)`` function; the modules are
listed in COMMAND_MODULES. A handler takes the parsed arguments and a Context and returns an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

from desk_app import __version__, paths
from desk_app.cli.context import Context, Handler, add_json
from desk_app.domain.errors import UserError
from desk_app.logmask import install_log_masking, mask_text

__all__ = ["Context", "Handler", "add_json", "build_parser", "main"]

COMMAND_MODULES = [
    "setup",
    "catalog",
    "calendar",
    "gui",
    "intake",
    "trust",
    "lifecycle",
    "scan",
    "crypto",
    "postal",
    "assist",
    "forms",
    "reports",
    "sync",
]

log = logging.getLogger("desk_app")


def one_line(text: str, limit: int = 500) -> str:
    """An error message as one printable line: line breaks and control characters escaped (they may come from
    the user's input), over-long input shortened."""
    escaped = "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in text)
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def _quiet_stdout() -> None:
    """After a broken pipe: point stdout at devnull so the interpreter's final flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _log_bug(data_dir: Path) -> Path | str:
    """Write the current exception's trace to the data directory's log; return where it went."""
    import traceback

    try:
        logdir = paths.logs_dir(data_dir)
        logdir.mkdir(parents=True, exist_ok=True)
        logfile = logdir / "desk_app.log"
        with logfile.open("a", encoding="utf-8") as fh:
            fh.write(mask_text(traceback.format_exc()))
        return logfile
    except OSError:  # the log cannot be written: a masked trace on stderr, never the raw one
        sys.stderr.write(mask_text(traceback.format_exc()))
        return "stderr"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # one clear line, not the usage block
        print(f"{self.prog}: error: {message} (see {self.prog} --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="desk-app", description="Front desk of a commune one-stop counter.")
    parser.add_argument("--version", action="version", version=f"desk-app {__version__}")
    parser.add_argument(
        "--data-dir", help=f"data directory (default: ${paths.ENV_VAR} or the user data directory)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from desk_app.cli.gui import cmd_gui

    parser.set_defaults(handler=cmd_gui, exit_when_ready=False)  # `desk-app` alone opens the GUI
    for name in COMMAND_MODULES:
        importlib.import_module(f"desk_app.cli.{name}").register(sub)
    return parser


def _utf8_output() -> None:
    """Write UTF-8 whatever the system's code page: Windows gives a pipe or a file the ANSI code page (cp1252),
    which cannot encode Vietnamese, so ``desk-app find … --json > out.json`` would fail. A console keeps its own
    (already Unicode) writer."""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        if stream is not None and encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    _utf8_output()
    logging.basicConfig(
        level=os.environ.get("DESK_APP_LOG", "WARNING"), format="%(levelname)s %(name)s: %(message)s"
    )
    install_log_masking()  # ID numbers and phones never reach a log in clear
    paths.private_umask()  # the data directory, backups, exports and logs: for this user only (0700 / 0600)
    args_list = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    args = parser.parse_args(args_list)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    ctx = Context(paths.data_dir(args.data_dir), json=getattr(args, "json", False))
    try:
        code = handler(args, ctx)
        sys.stdout.flush()
        return code
    except BrokenPipeError:  # `desk-app catalog list | head`: the reader left; not an error of ours
        _quiet_stdout()
        return 0
    except UserError as exc:
        print(f"desk-app: error: {one_line(exc.message)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug, or a disk error that surfaced outside a transaction
        from desk_app.store.db import storage_error

        known = storage_error(exc)
        if known is not None:
            print(f"desk-app: error: {known.message}", file=sys.stderr)
            return 1
        bad_input = {
            UnicodeError: "characters that are not valid text (invalid UTF-8)",
            OverflowError: "a number or a date out of range",
            RecursionError: "data nested too deeply",
        }
        what = next((text for kind, text in bad_input.items() if isinstance(exc, kind)), None)
        from desk_app.fsutil import name_too_long

        if name_too_long(exc):
            what = "a file name that is too long"
        if what is not None:  # bad input that got past validation; any transaction was rolled back
            print(f"desk-app: error: the input holds {what}; nothing was changed", file=sys.stderr)
            return 1
        logfile = _log_bug(ctx.data_dir)
        print(
            f"desk-app: internal error: {type(exc).__name__}: {exc} (details in {logfile})", file=sys.stderr
        )
        return 70
    finally:
        ctx.close()
