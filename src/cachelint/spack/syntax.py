"""Spack's spec syntax for the parts a catalog page prints: compilers, variants, versions.

The tokens follow Spack's spec parser (``lib/spack/spack/spec_parser.py``, once
``parser.py``): a NAME is ``[a-zA-Z_0-9][a-zA-Z_0-9-.]*``, an unquoted VALUE
``[a-zA-Z_0-9-+*.,:=~/\\]+``, a quoted value is in single or double quotes. A
version is what Spack's ``StandardVersion`` reads (letters, digits and the
separators ``.``, ``-``, ``_``), or a git version: ``git.<ref>=<version>`` or a
40-character commit sha, optionally ``=<version>``.
"""

from __future__ import annotations

import re
from functools import lru_cache

NAME = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
_VALUE = r"[A-Za-z0-9_\-+*.,:=~/\\]+"
_QUOTED = r"""'[^']*'|"[^"]*\""""
STANDARD_VERSION = r"[A-Za-z0-9_][A-Za-z0-9_.-]*"
_GIT_VERSION = rf"(?:git\.[A-Za-z0-9_./-]+|[0-9a-f]{{40}})(?:={STANDARD_VERSION})?"

VERSION = re.compile(rf"^(?:{STANDARD_VERSION}|{_GIT_VERSION})$")

# ``gcc@11.4.0`` (2025 pages) or ``gcc@=11.4.0`` (older ones); ``none`` for no compiler.
COMPILER = re.compile(rf"^(?P<name>{NAME})@(?P<exact>=?)(?P<version>{STANDARD_VERSION})$")
NO_COMPILER = "none"

_BOOL_VARIANT = rf"(?P<sigil>\+\+|~~|\+|~)(?P<bool_name>{NAME})"
_VALUED_VARIANT = rf"(?P<name>{NAME})(?P<operator>==|:=|=)(?P<value>{_QUOTED}|{_VALUE})"
VARIANT = re.compile(rf"^(?:{_BOOL_VARIANT}|{_VALUED_VARIANT})$")


@lru_cache(maxsize=4096)  # a catalog repeats the same few hundred variants
def variant_name(variant: str) -> str | None:
    """The name a well-formed variant sets (``+mpi`` -> ``mpi``), else ``None``."""
    match = VARIANT.match(variant)
    if match is None:
        return None
    return match.group("bool_name") or match.group("name")


@lru_cache(maxsize=1024)
def compiler_form(compiler: str) -> str | None:
    """``"@="`` or ``"@"`` for a well-formed compiler, ``""`` for ``none``, else ``None``."""
    if compiler == NO_COMPILER:
        return ""
    match = COMPILER.match(compiler)
    if match is None:
        return None
    return "@=" if match.group("exact") else "@"
