"""Shared by tests/core and tests/gui."""

import pytest


@pytest.fixture(autouse=True)
def _runs_registry(tmp_path, monkeypatch):
    """Training runs checkpoint into the run registry (core.checkpoint): keep every test's in
    its own temporary folder, never the user's data folder."""
    monkeypatch.setenv("PLAYGROUND_RUNS_DIR", str(tmp_path / "runs"))
