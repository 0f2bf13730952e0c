"""A rule's documentation comes from its check function's docstring."""

from __future__ import annotations

import inspect
from collections.abc import Callable


def describe(check: Callable[..., object]) -> tuple[str, str]:
    """A check function's documentation: its docstring's first line, and the whole."""
    doc = inspect.cleandoc(check.__doc__ or "")
    return doc.partition("\n")[0].strip(), doc
