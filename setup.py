"""Packaging detail pyproject.toml cannot express: ship resources/, db/ and ui/ inside the wheel.

From a source checkout desk_app reads ./resources, ./db and ./ui; an installed wheel carries them as
desk_app/_resources, desk_app/_db and desk_app/_ui. Which folders ship and which of their files are left out
(translation sources, READMEs) is decided in one place, desk_app/resources.py (loaded here as a plain file:
it imports only the standard library).
"""

import importlib.util
from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("_desk_app_resources", ROOT / "desk_app" / "resources.py")
assert _spec is not None and _spec.loader is not None
resources = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(resources)

# Only folders present in this tree (ui/ arrives with the first Qt Designer form).
DATA = {
    f"desk_app.{inside}": folder
    for folder, inside in resources.SHIPPED_FOLDERS.items()
    if (ROOT / folder).is_dir()
}

setup(
    packages=find_packages(include=["desk_app", "desk_app.*"]) + list(DATA),
    package_dir=DATA,
    # An explicit file list, so what the wheel carries is exactly shipped_files() (no glob dialects).
    package_data={
        **{name: resources.shipped_files(ROOT / folder) for name, folder in DATA.items()},
        **resources.PACKAGE_DATA,  # data inside packages: the hub's page templates
    },
    include_package_data=False,
)
