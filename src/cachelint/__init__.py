"""cachelint: a consistency validator and CI linter for build-cache catalogs."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
