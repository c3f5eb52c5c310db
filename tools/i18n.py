"""Build the Vietnamese translation of the GUI: extract, fill from JSON, write .ts, compile .qm.

    python tools/i18n.py            # rebuild resources/translations/desk_app_vi.ts and .qm
    python tools/i18n.py --check    # exit 1 listing untranslated strings or a stale .ts/.qm (CI)

1. ``pyside6-lupdate`` extracts every ``tr()`` / ``QCoreApplication.translate()`` / ``QT_TRANSLATE_NOOP``
   string of ``desk_app/gui/**/*.py`` (but the compiled forms) and ``ui/*.ui`` into a temporary .ts.
2. Each message is translated from the union of ``resources/translations/vi/*.json``, shaped
   ``{"Context": {"English source": "Bản dịch"}}`` (each engineer owns one file per area). The context is the
   class name for ``self.tr`` and the first argument of ``translate``. A plural (``%n``) message takes a string
   (Vietnamese has one plural form) or a list of forms. A source with a disambiguation comment is keyed
   ``"source|comment"``.
3. ``desk_app_vi.ts`` gets the finished translations only, contexts and messages sorted, no line numbers
   (so the file changes only when a string does); ``pyside6-lrelease`` compiles it to ``desk_app_vi.qm``.

The same source text given two different translations in one context by two JSON files is an error.
JSON entries that no source uses are listed as a warning (a page may not have landed yet).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "desk_app" / "gui"]
UI_DIR = ROOT / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
JSON_DIR = TRANSLATIONS / "vi"
TS_FILE = TRANSLATIONS / "desk_app_vi.ts"
QM_FILE = TRANSLATIONS / "desk_app_vi.qm"
# Qt's own texts (context menus, standard buttons, file and print dialogs): Qt ships no Vietnamese qtbase
# translation, so the app carries one, kept as JSON like ours and compiled the same way.
QT_JSON = TRANSLATIONS / "qt" / "qtbase_vi.json"
QT_TS_FILE = TRANSLATIONS / "qtbase_vi.ts"
QT_QM_FILE = TRANSLATIONS / "qtbase_vi.qm"


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    numerus: bool

    @property
    def key(self) -> str:
        return f"{self.source}|{self.comment}" if self.comment else self.source


def _tool(name: str) -> list[str]:
    """The command for a Qt linguist tool: the venv's pyside6-<name>, else the binary inside PySide6."""
    venv_bin = Path(sys.executable).parent / f"pyside6-{name}"
    if venv_bin.exists():
        return [str(venv_bin)]
    found = shutil.which(f"pyside6-{name}")
    if found:
        return [found]
    import PySide6

    pkg = Path(PySide6.__file__).parent
    for candidate in (pkg / name, pkg / "Qt" / "libexec" / name, pkg / f"{name}.exe"):
        if candidate.exists():
            return [str(candidate)]
    raise SystemExit(f"i18n: cannot find {name} (install PySide6 essentials)")


def source_files() -> list[Path]:
    # desk_app/gui/forms is compiled from ui/*.ui (tools/build_ui.py): the .ui files are the source.
    files = sorted(
        p for base in SOURCES for p in base.rglob("*.py") if not {"__pycache__", "forms"} & set(p.parts)
    )
    if UI_DIR.is_dir():
        files += sorted(UI_DIR.glob("*.ui"))
    return files


def extract(files: list[Path] | None = None) -> list[Message]:
    """Every translatable message of the sources, via lupdate."""
    files = source_files() if files is None else files
    with tempfile.TemporaryDirectory(prefix="desk_i18n_") as tmp:
        ts = Path(tmp) / "extract.ts"
        listing = Path(tmp) / "files.lst"
        listing.write_text("\n".join(str(f) for f in files) + "\n", encoding="utf-8")
        proc = subprocess.run(
            [*_tool("lupdate"), "-silent", "-locations", "none", f"@{listing}", "-ts", str(ts)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0 or not ts.exists():
            raise SystemExit(f"i18n: lupdate failed:\n{proc.stdout}\n{proc.stderr}")
        tree = ET.parse(ts)
    out: dict[tuple[str, str, str], Message] = {}
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for msg in ctx.iter("message"):
            m = Message(
                name, msg.findtext("source") or "", msg.findtext("comment") or "", msg.get("numerus") == "yes"
            )
            out[(m.context, m.source, m.comment)] = m
    return sorted(out.values(), key=lambda m: (m.context, m.source, m.comment))


def load_catalog(json_dir: Path = JSON_DIR) -> tuple[dict[str, dict[str, object]], list[str]]:
    """The union of the vi/*.json files, and the conflicts found while merging them."""
    merged: dict[str, dict[str, object]] = {}
    origin: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for path in sorted(json_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            problems.append(f"{path.name}: not valid JSON ({exc})")
            continue
        if not isinstance(data, dict):
            problems.append(f"{path.name}: the top level must be an object of contexts")
            continue
        for context, entries in data.items():
            if not isinstance(entries, dict):
                problems.append(f"{path.name}: context {context!r} must map sources to translations")
                continue
            bucket = merged.setdefault(context, {})
            for source, translation in entries.items():
                if not isinstance(translation, str | list):
                    problems.append(
                        f"{path.name}: {context} / {source!r}: translation must be a string or list"
                    )
                    continue
                if source in bucket and bucket[source] != translation:
                    problems.append(
                        f"{path.name}: {context} / {source!r} is translated differently in {origin[(context, source)]}"
                    )
                    continue
                bucket[source] = translation
                origin[(context, source)] = path.name
    return merged, problems


def _forms(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


def render_ts(messages: list[Message], catalog: dict[str, dict[str, object]]) -> tuple[str, list[Message]]:
    """The .ts text with the finished translations, and the messages that have none."""
    missing: list[Message] = []
    by_context: dict[str, list[tuple[Message, object]]] = {}
    for m in messages:
        value = catalog.get(m.context, {}).get(m.key)
        if value is None or not any(f.strip() for f in _forms(value)):
            missing.append(m)
            continue
        by_context.setdefault(m.context, []).append((m, value))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", '<TS version="2.1" language="vi_VN">']
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for m, value in sorted(by_context[context], key=lambda mv: (mv[0].source, mv[0].comment)):
            lines.append('    <message numerus="yes">' if m.numerus else "    <message>")
            lines.append(f"        <source>{escape(m.source)}</source>")
            if m.comment:
                lines.append(f"        <comment>{escape(m.comment)}</comment>")
            if m.numerus:
                lines.append("        <translation>")
                lines += [f"            <numerusform>{escape(f)}</numerusform>" for f in _forms(value)]
                lines.append("        </translation>")
            else:
                lines.append(f"        <translation>{escape(_forms(value)[0])}</translation>")
            lines.append("    </message>")
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n", missing


def compile_qm(ts_text: str) -> bytes:
    with tempfile.TemporaryDirectory(prefix="desk_i18n_") as tmp:
        ts, qm = Path(tmp) / "desk_app_vi.ts", Path(tmp) / "desk_app_vi.qm"
        ts.write_text(ts_text, encoding="utf-8")
        proc = subprocess.run(
            [*_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)], capture_output=True, text=True
        )
        if proc.returncode != 0 or not qm.exists():
            raise SystemExit(f"i18n: lrelease failed:\n{proc.stdout}\n{proc.stderr}")
        return qm.read_bytes()


def qt_messages() -> tuple[list[Message], dict[str, dict[str, object]]]:
    """Qt's own messages and their Vietnamese, from QT_JSON (every entry is translated by construction)."""
    data = json.loads(QT_JSON.read_text(encoding="utf-8"))
    catalog = {ctx: entries for ctx, entries in data.items() if not ctx.startswith("_")}
    messages = [Message(ctx, src, "", False) for ctx, entries in catalog.items() for src in entries]
    return messages, catalog


def _write(path: Path, data: bytes) -> None:
    """Temp name, fsync, rename: another engineer running the tool at the same time never sees half a file."""
    tmp = path.with_name(f".{path.name}.{Path(tempfile.mktemp()).name}")
    with tmp.open("wb") as fh:
        fh.write(data)
        fh.flush()
        import os

        os.fsync(fh.fileno())
    tmp.replace(path)


def unused_entries(messages: list[Message], catalog: dict[str, dict[str, object]]) -> list[str]:
    used = {(m.context, m.key) for m in messages}
    return sorted(f"{c} / {s!r}" for c, entries in catalog.items() for s in entries if (c, s) not in used)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="change nothing; fail on missing or stale translations"
    )
    parser.add_argument("--quiet", action="store_true", help="do not list unused JSON entries")
    args = parser.parse_args(argv)

    messages = extract()
    catalog, problems = load_catalog()
    ts_text, missing = render_ts(messages, catalog)
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    for m in missing:
        hint = " (plural)" if m.numerus else ""
        print(f"untranslated: [{m.context}] {m.key!r}{hint}", file=sys.stderr)
    if not args.quiet:
        for entry in unused_entries(messages, catalog):
            print(f"unused: {entry}", file=sys.stderr)
    qm = compile_qm(ts_text)
    qt_msgs, qt_catalog = qt_messages()
    qt_ts, qt_missing = render_ts(qt_msgs, qt_catalog)
    missing += qt_missing
    qt_qm = compile_qm(qt_ts)
    outputs = [
        (TS_FILE, ts_text.encode("utf-8")),
        (QM_FILE, qm),
        (QT_TS_FILE, qt_ts.encode("utf-8")),
        (QT_QM_FILE, qt_qm),
    ]
    if args.check:
        stale = [
            str(path.relative_to(ROOT))
            for path, data in outputs
            if not path.exists() or path.read_bytes() != data
        ]
        for s in stale:
            print(f"stale: {s} (run python tools/i18n.py)", file=sys.stderr)
        ok = not (missing or problems or stale)
        print(f"{len(messages)} messages, {len(missing)} untranslated, {len(stale)} stale file(s)")
        return 0 if ok else 1
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for path, data in outputs:
        _write(path, data)
    print(
        f"{len(messages)} messages, {len(messages) - len(missing)} translated -> {QM_FILE.relative_to(ROOT)}"
    )
    return 1 if missing or problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
