"""Quick schema verdicts for the common valid page, with jsonschema-rs.

The reference ``jsonschema`` validator makes the detailed findings, but it is
the slowest stage by far (~3 MB/s). jsonschema-rs says "valid" about a hundred
times faster, so a valid page is done with that answer alone, and only an
invalid page pays for the reference validator's findings.

It is asked only about data read by the fast path (:mod:`cachelint.page.jsonlines`):
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
from cachelint.schema.explain import load_schema

# Integers the JSON-lines reader reads (within 53 bits) and data files may hold.
_INT_LIMIT = 2**63
_PLAIN_TEXT_BYTES = bytes(range(0x20, 0x7F)).replace(b"\\", b"")


@cache
def _validator(schema: str) -> Any:
    try:
        import jsonschema_rs
    except ImportError:  # pragma: no cover - depends on the platform
        return None
    return jsonschema_rs.Draft202012Validator(dict(load_schema(schema)))


def available() -> bool:
    """Whether jsonschema-rs is installed."""
    return _validator(PageKind.TAGGED.value) is not None


def is_valid(data: Any, kind: PageKind) -> bool:
    """True only if the page is valid; False means "ask the reference validator"."""
    return is_valid_against(data, kind.value)


def is_valid_against(data: Any, schema: str) -> bool:
    """True only if ``data`` is valid against the bundled schema ``schema``.

    Only for data like the fast path's (see :func:`is_plain`); False means
    "ask the reference validator".
    """
    validator = _validator(schema)
    if validator is None:
        return False
    try:
        return bool(validator.is_valid(data))
    except Exception:  # a value it cannot convert: let the reference decide
        return False


def is_plain(data: Any) -> bool:
    """Whether ``data`` holds only what the fast path reads: the validators agree on it.

    Strings (keys too) of printable ASCII without backslashes, integers within
    64 bits, booleans, null, lists and string-keyed mappings. Data files come
    from the YAML parser, so they are checked before :func:`is_valid_against`.
    """
    pending = [data]
    while pending:
        value = pending.pop()
        if isinstance(value, str):
            if not _is_plain_text(value):
                return False
        elif isinstance(value, bool) or value is None:
            continue
        elif isinstance(value, int):
            if not -_INT_LIMIT < value < _INT_LIMIT:
                return False
        elif isinstance(value, list):
            pending.extend(value)
        elif isinstance(value, dict):
            if not all(isinstance(key, str) for key in value):
                return False
            pending.extend(value)  # the keys
            pending.extend(value.values())
        else:  # floats, dates, bytes, ...
            return False
    return True


def _is_plain_text(text: str) -> bool:
    return text.isascii() and not text.encode("ascii").translate(None, _PLAIN_TEXT_BYTES)
