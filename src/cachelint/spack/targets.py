"""Spack's microarchitectures, from archspec (the library Spack itself uses).

archspec is imported on the first question, never at import time: a run that
ignores the CL6xx rules does not pay for it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

# Names that older archspec releases had and later renamed (archspec-json #57,
# October 2022: "Rename graviton products with ARM uarch name"). Spack up to
# v0.18 built for them, so the pages of those releases name them rightly.
RETIRED_TARGETS: dict[str, str] = {
    "graviton": "cortex_a72",
    "graviton2": "neoverse_n1",
    "graviton3": "neoverse_v1",
}


@cache
def _targets() -> Any:
    from archspec.cpu import TARGETS

    return TARGETS


@lru_cache(maxsize=1024)
def _microarchitecture(name: str) -> Any | None:
    """archspec's entry for ``name`` (a retired name: its successor's), else ``None``."""
    targets = _targets()
    name = RETIRED_TARGETS.get(name, name)
    return targets.get(name)


def is_known(name: str) -> bool:
    """Whether Spack knows ``name`` as a target (now, or under a retired name)."""
    return _microarchitecture(name) is not None


def family(name: str) -> str | None:
    """The target's family (``x86_64``, ``aarch64``, ``ppc64le``...), ``None`` if unknown."""
    target = _microarchitecture(name)
    return None if target is None else str(target.family)


def vendor(name: str) -> str | None:
    """The target's vendor (``Apple``, ``GenuineIntel``, ``generic``...), ``None`` if unknown."""
    target = _microarchitecture(name)
    return None if target is None else str(target.vendor)


@cache
def families() -> frozenset[str]:
    """Every target family archspec knows."""
    return frozenset(str(target.family) for target in _targets().values())


def suggestion(name: str) -> str | None:
    """The closest known target name, for a did-you-mean."""
    import difflib  # only for a bad target: most runs never need it

    normalised = name.replace("-", "_").lower()
    if is_known(normalised):
        return normalised
    matches = difflib.get_close_matches(name, sorted(_targets()), n=1, cutoff=0.6)
    return matches[0] if matches else None
