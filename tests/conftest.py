"""Shared fixtures: real articles under tests/fixtures, real SQLite files under tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
# CI clones the project with the team's shared folder beside it.
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture
def articles_dir() -> Path:
    return FIXTURES / "articles"


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the checkout")
    return SHARED
