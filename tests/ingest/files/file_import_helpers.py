"""Helpers the file-import tests share (a module, not conftest: that name collides)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from supervisor_app.services.database import Database

DATA = Path(__file__).resolve().parents[2] / "data" / "shared"


def scalar(db: Database, sql: str, **params: object) -> object:
    with db.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


def write_csv(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))
    return path


def data_file(*parts: str) -> Path:
    path = DATA.joinpath(*parts)
    assert path.is_file(), f"{path}: the real test files live in tests/data/shared"
    return path
