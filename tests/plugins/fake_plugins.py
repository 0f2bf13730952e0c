"""Fake plugin distributions: entry points that load any object, or raise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cachelint.rules import registry


@dataclass(frozen=True)
class FakeDistribution:
    name: str
    version: str


@dataclass(frozen=True)
class FakeEntryPoint:
    """Quacks like ``importlib.metadata.EntryPoint`` as far as the registry looks."""

    name: str
    obj: Any
    dist: FakeDistribution | None
    value: str = "fake_plugin.rules:rule"
    group: str = registry.GROUP

    def load(self) -> Any:
        if isinstance(self.obj, BaseException):
            raise self.obj
        return self.obj


def plugin(name: str, obj: Any, distribution: str = "fake-plugin", version: str = "1.0") -> Any:
    """An entry point named ``name`` of ``distribution==version`` that loads ``obj``."""
    return FakeEntryPoint(name, obj, FakeDistribution(distribution, version))
