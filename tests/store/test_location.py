"""Where the database URL comes from: --db, then the environment, then settings, then default."""

from __future__ import annotations

from pathlib import Path

import pytest

from supervisor_app.domain.errors import DatabaseError
from supervisor_app.store.location import (
    default_database_url,
    display_url,
    resolve_database_url,
    settings_file,
)


def _write_settings(url: str) -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'[database]\nurl = "{url}"\n')


def test_default_is_a_file_in_the_isolated_data_folder(_isolated_home: Path) -> None:
    assert resolve_database_url() == default_database_url()
    assert default_database_url() == f"sqlite:///{_isolated_home / 'data' / 'supervisor.db'}"


def test_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    _write_settings("sqlite:////tmp/from-settings.db")
    assert resolve_database_url() == "sqlite:////tmp/from-settings.db"
    monkeypatch.setenv("SUPERVISOR_APP_DB", "sqlite:////tmp/from-env.db")
    assert resolve_database_url() == "sqlite:////tmp/from-env.db"
    assert resolve_database_url("sqlite:////tmp/from-cli.db") == "sqlite:////tmp/from-cli.db"


def test_plain_postgresql_urls_use_psycopg_and_paths_mean_sqlite(tmp_path: Path) -> None:
    assert resolve_database_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_database_url(str(tmp_path / "a.db")) == f"sqlite:///{tmp_path / 'a.db'}"


def test_broken_settings_file_names_the_file() -> None:
    path = settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[database\nurl=")
    with pytest.raises(DatabaseError, match=str(path)):
        resolve_database_url()


def test_display_url_hides_the_password() -> None:
    shown = display_url("postgresql+psycopg://alice:s3cret@db.example:5432/cc")
    assert "s3cret" not in shown and "alice" in shown and "db.example" in shown
