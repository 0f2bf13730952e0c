"""An example cachelint plugin: tarball URLs agree with their specs (rule TB101)."""

from __future__ import annotations

__version__ = "0.1.0"
