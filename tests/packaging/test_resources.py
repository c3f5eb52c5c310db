"""Every shipped file is found through desk_app/resources.py, in a checkout, a wheel and a bundle."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desk_app import resources
from desk_app.printing import fonts
from tests.conftest import ROOT


def test_no_module_looks_beside_the_package() -> None:
    """Only resources.py may compute paths from ``__file__`` (a wheel or a bundle has no ../resources)."""
    offenders = []
    for path in (ROOT / "desk_app").rglob("*.py"):
        if path.name == "resources.py" and path.parent.name == "desk_app":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"__file__|\.parents\[\d\]", text):
            offenders.append(path.relative_to(ROOT).as_posix())
    assert offenders == []


def test_print_fonts_come_from_the_shipped_resources() -> None:
    assert resources.resource_path("fonts").resolve() == fonts.DEFAULT_FONT_DIR
    assert (fonts.DEFAULT_FONT_DIR / "LiberationSerif-Regular.ttf").is_file()


def test_a_shipped_folder_inside_the_package_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    pkg = tmp_path / "site-packages" / "desk_app"
    (pkg / "_ui").mkdir(parents=True)
    monkeypatch.setattr(resources, "_PKG", pkg)
    assert resources.shipped_dir("ui") == pkg / "_ui"  # a wheel or a bundle
    assert resources.shipped_dir("resources") == pkg.parent / "resources"  # a checkout: beside it
    with pytest.raises(KeyError):
        resources.shipped_dir("tests")  # not a shipped folder


@pytest.mark.parametrize(
    ("relative", "excluded"),
    [
        ("translations/desk_app_vi.qm", False),
        ("translations/desk_app_vi.ts", True),
        ("translations/vi/intake.json", True),
        ("catalog/procedures.json", False),
        ("icons/README.md", True),
        ("README.md", True),
        ("fonts/LICENSE-LiberationSerif.txt", False),
        ("versions/__pycache__/0001_initial.cpython-311.pyc", True),
        ("script.py.mako", True),
        ("intake_form.ui", False),
    ],
)
def test_what_ships(relative: str, excluded: bool) -> None:
    assert resources.is_excluded(relative) is excluded


def test_shipped_files_of_the_checkout() -> None:
    files = resources.shipped_files(ROOT / "resources")
    assert "fonts/LiberationSerif-Regular.ttf" in files and "translations/desk_app_vi.qm" in files
    assert not [f for f in files if f.endswith(".ts") or "README" in f]
    assert resources.shipped_files(ROOT / "db")[0] == "env.py"
