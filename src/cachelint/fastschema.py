"""Quick schema verdicts for the common valid page, with jsonschema-rs.

The reference ``jsonschema`` validator makes the detailed findings, but it is
the slowest stage by far (~3 MB/s). jsonschema-rs says "valid" about a hundred
times faster, so a valid page is done with that answer alone, and only an
invalid page pays for the reference validator's findings.

It is asked only about data read by the fast path (:mod:`cachelint.fastpath`):
strings of printable ASCII without backslashes, integers that fit in 64 bits,
no floats. On such data the two validators read the schemas' patterns alike
(Python's ``\\s`` and ``$`` differ from ECMA-262 only on other characters), and
a test holds them to the same verdict on every corpus page and on broken
variants of them. Without jsonschema-rs (a platform without its wheels) every
page goes to the reference validator.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from cachelint.model import PageKind
from cachelint.schema import load_schema


@cache
def _validator(kind: PageKind) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the platform
        return None
    return jsonschema_rs.Draft202012Validator(dict(load_schema(kind.value)))


def available() -> bool:
    """Whether jsonschema-rs is installed."""
    return _validator(PageKind.TAGGED) is not None


def is_valid(data: Any, kind: PageKind) -> bool:
    """True only if the page is valid; False means "ask the reference validator"."""
    validator = _validator(kind)
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(data))
    except Exception:  # a value it cannot convert: let the reference decide
        return False
