"""The ``install`` fixture: fake entry points added to the installed ones, in this process."""

from __future__ import annotations

from collections.abc import Callable
from importlib.metadata import entry_points
from typing import Any

import pytest

from cachelint.rules import registry
from tests.plugins.fake_plugins import FakeEntryPoint


@pytest.fixture
def install(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """Add fake entry points to the installed ones for this test."""

    def add(*fakes: FakeEntryPoint) -> None:
        def fake_entry_points(*, group: str) -> list[Any]:
            return [*entry_points(group=group), *fakes]

        monkeypatch.setattr(registry, "entry_points", fake_entry_points)
        # Fakes are no installed distribution: never remember them across runs.
        monkeypatch.setattr(registry, "remembered", lambda group, cache_dir, find: list(find()))

    return add
