"""A rule's documentation comes from its check function's docstring."""

from __future__ import annotations

from collections.abc import Callable


def describe(check: Callable[..., object]) -> tuple[str, str]:
    """A check function's documentation: its docstring's first line, and the whole."""
    doc = cleandoc(check.__doc__ or "")
    return doc.partition("\n")[0].strip(), doc


def cleandoc(doc: str) -> str:
    """``doc`` as :func:`inspect.cleandoc` of Python 3.11 cleans it.

    Every run documents every rule it loads, and :mod:`inspect` imports ``ast``,
    ``dis`` and ``tokenize``: a fifth of a one-page run's imports, for this.
    """
    lines = doc.expandtabs().split("\n")
    indents = [len(line) - len(line.lstrip()) for line in lines[1:] if line.lstrip()]
    margin = min(indents, default=0)
    lines = [lines[0].lstrip(), *(line[margin:] for line in lines[1:])]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines)
