"""Fixtures of the queue_log tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from queue_log_helpers import CSV_FILE, DATA, PIPE_FILE


@pytest.fixture
def real_files() -> tuple[Path, Path]:
    """The real queue_log rows in tests/data/shared (pipe file, realtime CSV dump)."""
    assert PIPE_FILE.is_file() and CSV_FILE.is_file(), f"{DATA}: the real test files are missing"
    return PIPE_FILE, CSV_FILE
