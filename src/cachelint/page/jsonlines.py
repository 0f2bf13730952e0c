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
- in JSON: a duplicate key, a float, ``NaN``/``Infinity``, an integer beyond
  53 bits (so every integer fits in the 64 bits :mod:`cachelint.schema.verdict`
  expects), nesting orjson cannot read and write back (254 levels), a key longer than
  :data:`MAX_JSON_KEY` characters or one with 16 spaces before its ``:`` (YAML's
  1024-character limit on simple keys would make it an error).

orjson reads each JSON line in one C call. The proofs are C-level too, over the
line and orjson's compact dump of what it read (string methods and byte
translations, see :func:`_json`), never a Python step per value: that was the
cost of the stdlib parser's hooks. A process reads its first
:data:`LINES_BEFORE_ORJSON` lines with the standard library's ``json`` instead
(hooks and all, :func:`_read_with_json`): importing orjson, with the
``dataclasses``, ``uuid`` and ``datetime`` modules it imports, costs a
pre-commit run of one page more than reading its page. Both readers accept
the same lines and give the same data and dump.

The equivalence is tested against ``parse_yaml`` by property tests and on every
corpus page (``tests/page/test_jsonlines.py``), once with each reader.
"""

from __future__ import annotations

import json
import os
import re
from functools import lru_cache
from typing import Any

from cachelint.page.depth import data_nests_within

DISABLE_VARIABLE = "CACHELINT_NO_FASTPATH"
MAX_JSON_KEY = 1000
LINES_BEFORE_ORJSON = 32

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
    data, dump = _read(raw)
    # The compact dump's numbers, digits and signs deleted: a float (orjson writes
    # each with a '.' or an 'e') is a separator right before a '.'. A string can
    # look like that too ("a,1.5"): that only declines.
    numbers = dump.translate(_NUMBER_MARKS, b"+-0123456789")
    # With no backslash, every '"' opens or closes a string: orjson keeps only the
    # last of duplicate keys, so a duplicate leaves fewer quotes in its dump.
    if b":." in numbers or numbers.count(b'"') != raw.count('"'):
        raise _Unsure
    if not _short_gaps_between_quotes(raw) and _LONG_KEY.search(raw):
        raise _Unsure
    return data


_lines_before_orjson = LINES_BEFORE_ORJSON


def _read(raw: str) -> tuple[Any, bytes]:
    """The line's data and its compact dump; ``_Unsure`` if it is not JSON orjson reads."""
    global _lines_before_orjson
    if _lines_before_orjson > 0:
        _lines_before_orjson -= 1
        return _read_with_json(raw)
    return _read_with_orjson(raw)


def _read_with_orjson(raw: str) -> tuple[Any, bytes]:
    import orjson  # see the module's docstring: not for a process's first lines

    try:
        data = orjson.loads(raw)  # strict RFC 8259: NaN, Infinity, comments raise
        dump = orjson.dumps(data, option=orjson.OPT_STRICT_INTEGER)  # raises past 53 bits
    except (orjson.JSONDecodeError, orjson.JSONEncodeError):
        raise _Unsure from None  # not JSON, nested too deeply, or a long integer
    return data, dump


def _read_with_json(raw: str) -> tuple[Any, bytes]:
    """What :func:`_read_with_orjson` returns, read by the standard library."""
    try:
        data = _DECODER.decode(raw)
    except (ValueError, RecursionError):
        raise _Unsure from None  # not JSON (json's own errors are ValueErrors), or too deep
    if not data_nests_within(data, max_depth=_ORJSON_MAX_NESTING):
        raise _Unsure
    return data, _ENCODER.encode(data).encode("ascii")


def _refuse(_: str) -> Any:
    raise _Unsure  # a float, NaN or Infinity: orjson reads them, the proofs decline them


def _integer_within_53_bits(digits: str) -> int:
    value = int(digits)
    if abs(value) > _MAX_STRICT_INTEGER:
        raise _Unsure  # what OPT_STRICT_INTEGER refuses to write
    return value


_MAX_STRICT_INTEGER = 2**53 - 1
_ORJSON_MAX_NESTING = 254  # orjson reads deeper data, but cannot write it back
_DECODER = json.JSONDecoder(
    parse_float=_refuse, parse_int=_integer_within_53_bits, parse_constant=_refuse
)
_ENCODER = json.JSONEncoder(separators=(",", ":"), check_circular=False)


def _short_gaps_between_quotes(raw: str) -> bool:
    """Whether every key, with the spaces before its ':', is short enough for YAML.

    YAML's simple keys end at 1024 characters, from the opening quote to the
    ':'. If every whole chunk of :data:`_CHUNK` characters holds a quote, no run
    without one is as long as two chunks: 1 + 510 + 1 + 510 + 1 characters at most.
    """
    return all(
        raw.find('"', at, at + _CHUNK) >= 0 for at in range(0, len(raw) - _CHUNK + 1, _CHUNK)
    )


_CHUNK = 256  # a step of Python per 256 characters, not per value
# Only where a gap is long: a key of more than MAX_JSON_KEY characters, or one with
# 16 spaces before its ':' (1 + 1000 + 1 + 15 + 1 characters are within the limit).
_LONG_KEY = re.compile(rf'"[^"]{{{MAX_JSON_KEY + 1},}}" *:|" {{16,}}:')
# Separators a number follows, and the characters orjson writes in every float.
_NUMBER_MARKS = bytes.maketrans(b"[]{},eE", b":::::..")
