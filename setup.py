"""Packaging detail pyproject.toml cannot express: ship resources/, db/ and ui/ inside the wheel.

From a source checkout desk_app reads ./resources and ./db; an installed wheel carries them as
desk_app/_resources and desk_app/_db (desk_app/resources.py looks in both places).
"""

from setuptools import find_packages, setup

DATA = {"desk_app._resources": "resources", "desk_app._db": "db", "desk_app._ui": "ui"}

setup(
    packages=find_packages(include=["desk_app", "desk_app.*"]) + list(DATA),
    package_dir=DATA,
    package_data={name: ["**/*"] for name in DATA},
    exclude_package_data={name: ["**/__pycache__/*", "**/*.pyc"] for name in DATA},
)
