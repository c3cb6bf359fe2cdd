"""Shared fixtures. The corpus of real reports lives beside the project (never copied in)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
EXAMPLE = ROOT / "examples" / "harbourline-esg-2024.txt"


@pytest.fixture
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not present")
    return CORPUS


# Property tests must be deterministic in CI: same examples every run, no timing flakiness.
settings.register_profile("xesg", derandomize=True, deadline=None, print_blob=True)
settings.load_profile("xesg")


@pytest.fixture(autouse=True, scope="session")
def _isolated_catalogue_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Tests never read or write the user's catalogue cache."""
    os.environ["XESG_CACHE_DIR"] = str(tmp_path_factory.mktemp("xesg-cache"))
