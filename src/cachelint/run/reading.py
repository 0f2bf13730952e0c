"""Read a target's bytes, never outside its catalog root or the folder the user named."""

from __future__ import annotations

from cachelint.config.check import CheckSettings
from cachelint.model import Finding
from cachelint.page.boundary import boundary_for
from cachelint.page.source import Source, read_source
from cachelint.scope.discovery import Target


def read_target(target: Target, settings: CheckSettings) -> Source | Finding:
    """Read a target, within its catalog root (or named folder) and the size limit."""
    inside = target_boundary(target, settings)
    return read_source(target.path, max_size=settings.limits.max_file_size, inside=inside)


def target_boundary(target: Target, settings: CheckSettings) -> str:
    """The folder a target may not leave: its catalog root, else the folder the user named."""
    root = settings.catalogs.root_of_file(target.path)
    return boundary_for(target.path, root=root, named=target.base or None)
