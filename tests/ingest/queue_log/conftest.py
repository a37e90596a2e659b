"""Fixtures of the queue_log tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from queue_log_helpers import CSV_FILE, DATA, PIPE_FILE


@pytest.fixture
def real_files() -> tuple[Path, Path]:
    """The real queue_log rows in ../shared/data (pipe file, realtime CSV dump)."""
    if not PIPE_FILE.exists():
        pytest.skip(f"{DATA} is not there")
    return PIPE_FILE, CSV_FILE
