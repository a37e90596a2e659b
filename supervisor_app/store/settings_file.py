"""Writing ``settings.toml``: the database the console opens, and whether it runs the demo.

``location`` reads the file; the first-run wizard and File › Connect… write it through
here. Other sections and keys a person wrote by hand are kept. A password never goes in
(``pgpass`` keeps it where libpq looks).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

from supervisor_app.domain.errors import UserError
from supervisor_app.store.location import settings_file


def read_settings(path: Path | None = None) -> dict[str, Any]:
    path = path or settings_file()
    if not path.exists():
        return {}
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise UserError(f"settings file {path} can't be read: {exc}") from exc


def _value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def _render(data: dict[str, Any]) -> str:
    lines = [f"{key} = {_value(v)}" for key, v in data.items() if not isinstance(v, dict)]
    for section, values in data.items():
        if isinstance(values, dict):
            lines += ["", f"[{section}]"]
            lines += [f"{key} = {_value(v)}" for key, v in values.items()]
    return "\n".join(lines).lstrip("\n") + "\n"


def save_console_database(url: str, *, demo: bool, path: Path | None = None) -> Path:
    """Make ``url`` the console's database (``demo``: run the simulator beside it)."""
    path = path or settings_file()
    data = read_settings(path)
    data.setdefault("database", {})["url"] = url
    data.setdefault("console", {})["demo"] = demo
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".part")
    temp.write_text(_render(data), encoding="utf-8")
    os.replace(temp, path)
    return path


def console_runs_demo(path: Path | None = None) -> bool:
    """True when the user chose "try the demo": the window starts as ``gui --demo``."""
    try:
        return bool(read_settings(path).get("console", {}).get("demo", False))
    except UserError:
        return False


def database_configured(cli_url: str | None = None) -> bool:
    """False on a first start: no --db, no SUPERVISOR_APP_DB, no settings, no local file."""
    from supervisor_app.store.location import ENV_DB, data_dir

    if cli_url or os.environ.get(ENV_DB):
        return True
    try:
        if read_settings().get("database", {}).get("url"):
            return True
    except UserError:
        return True  # a broken file is the window's to explain, not a first run
    return (data_dir() / "supervisor.db").exists()
