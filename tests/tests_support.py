"""Helpers shared by tests that build settings directly."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.rules.registry import load_rules
from cachelint.store.home import CacheHome
from cachelint.store.sealed import CacheStore


def default_settings(select: Sequence[str] | None = None) -> CheckSettings:
    """The settings of a plain ``cachelint check`` (optionally with a selection)."""
    registry = load_rules()
    return CheckSettings(
        registry=registry,
        selection=build_selection(
            known=registry.all_codes(),
            enabled_by_default=[d.code for d in registry.documented() if d.enabled],
            select=select,
        ),
    )


def make_store(folder: Path) -> CacheStore:
    """A cache store in ``folder`` whose key is kept there too (as a chosen --cache-dir)."""
    store = CacheStore.open(CacheHome(folder, folder))
    assert store is not None
    return store
