"""Shared fixtures. No test writes into the user's home: every embedding cache lives in a temporary folder."""
from pathlib import Path

import pytest


@pytest.fixture(scope="session", autouse=True)
def _cache_in_tmp(tmp_path_factory):
    """Point the default embedding cache at a temporary folder for every test, including Embedder()s made
    by the code under test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("VERIFY_CACHE_DIR", str(tmp_path_factory.mktemp("verify-cache")))
        yield


@pytest.fixture(scope="session")
def embedder(tmp_path_factory):
    """The bundled model, loaded once per test session; its cache is a temporary folder of its own."""
    from verify.embed import Embedder

    return Embedder(cache_dir=tmp_path_factory.mktemp("embedder-cache"))


BENCH = Path(__file__).resolve().parents[2] / "shared" / "bench"


@pytest.fixture(scope="session")
def bench_events(embedder):
    """Every dev benchmark event, prepared and labelled once per test session (skips without ../shared/bench)."""
    if not BENCH.is_dir():
        pytest.skip(f"the dev benchmark is not at {BENCH}")
    from verify.train import load_events

    return {event.name: event for event in load_events([BENCH], embedder)}
