"""Puts ``resources/`` and the user guide inside the wheel, as ``supervisor_app/resources/``.

They stay at the repository root where people edit them; the build copies them in, so
``pip install supervisor_console-*.whl`` carries the icons, the style sheet, the import
mappings and the guide (``supervisor_app.bundled`` finds either place). An editable install
reads them from the checkout, so nothing is copied there.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
# (source folder in the repository, folder inside supervisor_app/)
SHIPPED = (
    (ROOT / "resources", Path("resources")),
    (ROOT / "docs" / "user-guide", Path("resources") / "user-guide"),
    (ROOT / "docs" / "images", Path("resources") / "images"),
)


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        package = Path(self.build_lib) / "supervisor_app"
        for source, target in SHIPPED:
            if source.is_dir():
                shutil.copytree(source, package / target, dirs_exist_ok=True)


setup(cmdclass={"build_py": BuildWithResources})
