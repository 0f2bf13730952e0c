"""A fast parser for front matter in the catalog generator's canonical layout.

Catalog pages are written one ``key: value`` per line: JSON for ``meta`` and
``spec_details``, simple scalars elsewhere::

    title: "py-numpy"
    layout: cache
    categories: [package, develop]
    meta: {"compilers": ["gcc@11.4.0"], ...}
    spec_details: [{"compiler": "gcc@11.4.0", ...}]

For such text :func:`parse` returns exactly what
:func:`cachelint.page.yamlparse.parse_yaml` returns as data, at JSON speed. It
returns ``None`` ("use the YAML parser") for anything it cannot prove gives the
same result, so every finding about unusual YAML still comes from that parser:

- any character outside printable ASCII and newline (so no tab, CR, BOM,
  control or non-ASCII character), and any backslash (so no escape, in
  particular none of those that JSON and YAML read differently, such as
  surrogate pairs);
- a line that is not ``key: value`` with a plain key, a key twice, a blank or
  comment line, a trailing comment;
- a plain scalar YAML 1.1 resolves to anything but a string (``yes``, ``null``,
  ``~``, ``1e3`` stays a string but ``1.0`` does not, ``0o12``, dates, ...);
- in JSON: a duplicate key, a float, ``NaN``/``Infinity``, an integer of more
  than :data:`MAX_INT_DIGITS` digits, nesting JSON cannot read, a space before a ``:``, or a key
  longer than :data:`MAX_JSON_KEY` characters (YAML's 1024-character limit on
  simple keys would make it an error).

The equivalence is tested against ``parse_yaml`` by property tests and on every
corpus page (``tests/test_fastpath.py``).
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from typing import Any

DISABLE_VARIABLE = "CACHELINT_NO_FASTPATH"
MAX_JSON_KEY = 1000
MAX_INT_DIGITS = 18

_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,99}")
_PLAIN_TEXT = r"[A-Za-z0-9_][A-Za-z0-9_.+-]*"
_PLAIN = re.compile(_PLAIN_TEXT)
_PLAIN_LIST = re.compile(rf"\[(?:{_PLAIN_TEXT}(?:, {_PLAIN_TEXT})*)?\]")
_QUOTED = re.compile(r'"([^"]*)"')
_PRINTABLE_OR_NEWLINE = bytes(range(0x20, 0x7F)) + b"\n"


class _Unsure(Exception):
    """The text is valid, but equivalence with the YAML parser is not proven."""


def enabled() -> bool:
    """Whether the fast path is on (``CACHELINT_NO_FASTPATH=1`` turns it off)."""
    return os.environ.get(DISABLE_VARIABLE, "") in ("", "0")


def parse(text: str) -> dict[str, Any] | None:
    """The front matter as ``parse_yaml`` reads it, or ``None`` to use ``parse_yaml``."""
    if not text.isascii() or "\\" in text or not text.endswith("\n"):
        return None
    if text.encode("ascii").translate(None, _PRINTABLE_OR_NEWLINE):
        return None  # a control character, TAB, CR or DEL
    data: dict[str, Any] = {}
    try:
        for line in text[:-1].split("\n"):
            key, separator, raw = line.partition(": ")
            if not separator or key in data or not _is_plain_string(key, _KEY):
                return None
            data[key] = _value(raw)
    except _Unsure:
        return None
    return data


def _value(raw: str) -> Any:
    if raw.startswith('"'):
        match = _QUOTED.fullmatch(raw)
        if match is None:
            raise _Unsure
        return match.group(1)
    if raw.startswith("["):
        if _PLAIN_LIST.fullmatch(raw):
            items = raw[1:-1].split(", ") if raw != "[]" else []
            return [_plain(item) for item in items]
        return _json(raw)
    if raw.startswith("{"):
        return _json(raw)
    return _plain(raw)


def _plain(raw: str) -> str:
    if not _is_plain_string(raw, _PLAIN):
        raise _Unsure
    return raw


@lru_cache(maxsize=4096)
def _is_plain_string(text: str, pattern: re.Pattern[str]) -> bool:
    """Whether ``text`` is a plain scalar that YAML 1.1 resolves to a string."""
    if pattern.fullmatch(text) is None:
        return False
    from cachelint.page.plainscalar import resolves_to_string  # its table, without PyYAML

    return resolves_to_string(text)


def _json(raw: str) -> Any:
    if " :" in raw:
        raise _Unsure  # whitespace before ':' would lengthen YAML's simple keys
    try:
        return _DECODER.decode(raw)
    except (ValueError, RecursionError):
        raise _Unsure from None


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) != len(pairs) or (value and max(map(len, value)) > MAX_JSON_KEY):
        raise _Unsure
    return value


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Unsure  # keeps every integer within 64 bits, as fastschema expects
    return int(text)


def _refuse(text: str) -> Any:
    raise _Unsure


_DECODER = json.JSONDecoder(
    object_pairs_hook=_object, parse_float=_refuse, parse_int=_int, parse_constant=_refuse
)
