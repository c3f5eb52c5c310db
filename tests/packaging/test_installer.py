"""The NSIS per-user installer script compiles (makensis runs on Linux too) and keeps its promises.

The real installer packs the Windows bundle on the Windows CI (.github/workflows/windows.yml), which also
installs it silently, runs the smoke test from the installed copy and uninstalls it keeping the data. Here a
stand-in bundle of a few files checks that the script builds, with and without signing.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

SCRIPT = ROOT / "packaging" / "windows" / "installer.nsi"
MAKENSIS = shutil.which("makensis")


def test_the_script_promises_a_per_user_vietnamese_install_that_keeps_data() -> None:
    raw = SCRIPT.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: makensis reads the Vietnamese right
    text = raw.decode("utf-8-sig")
    assert "RequestExecutionLevel user" in text
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\${APP_ID}"' in text
    assert '!insertmacro MUI_LANGUAGE "Vietnamese"' in text
    assert "HKLM" not in text  # nothing that needs an administrator
    assert "$DESKTOP\\${SHORTCUT_NAME}.lnk" in text and "$SMPROGRAMS" in text
    # the data section of the uninstaller is unticked (/o) and asks again before deleting
    data_section = text[text.index('Section /o "un.Xóa cả dữ liệu') :]
    assert 'RMDir /r "$LOCALAPPDATA\\${APP_ID}"' in data_section
    assert "MSG_DATA_CONFIRM" in data_section.split("RMDir")[0]
    program_section = text[text.index('Section "un.Chương trình') : text.index("Section /o")]
    assert "$LOCALAPPDATA\\${APP_ID}" not in program_section


@pytest.mark.skipif(MAKENSIS is None, reason="makensis (Debian package nsis) is not installed")
@pytest.mark.parametrize("sign", [False, True])
def test_the_installer_builds(tmp_path: Path, sign: bool) -> None:
    bundle = tmp_path / "desk-app"
    (bundle / "_internal" / "desk_app" / "_resources").mkdir(parents=True)
    for name in ("desk-app.exe", "desk-app-cli.exe", "_internal/desk_app/_resources/x.json"):
        (bundle / name).write_bytes(b"stand-in " * 100)
    out = tmp_path / "setup.exe"
    signed = tmp_path / "signed.txt"
    args = [str(MAKENSIS), "-V2", f"-DBUNDLE={bundle}", "-DVERSION=1.2.3", f"-DOUTFILE={out}"]
    if sign:  # a stand-in signer that records what it was asked to sign
        signer = tmp_path / "sign.sh"
        signer.write_text(f'#!/bin/sh\necho "$1" >> {signed}\n')
        signer.chmod(0o755)
        args.append(f"-DSIGN={signer}")
    proc = subprocess.run([*args, str(SCRIPT)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert out.read_bytes()[:2] == b"MZ"  # a Windows executable
    if sign:
        lines = signed.read_text().split()
        assert len(lines) == 2  # the uninstaller, then the installer itself
