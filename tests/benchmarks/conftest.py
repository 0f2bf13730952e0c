"""What the benchmark scripts' tests share: a small synthetic catalog."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.scripts import load


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 0.1 MB catalog of ``generate.py`` (seed 7), read and never changed."""
    root = tmp_path_factory.mktemp("catalog")
    load("generate").generate(root, megabytes=0.1, seed=7)
    return root
