"""What YAML 1.1 reads a plain scalar as, without importing the YAML parser.

The JSON-lines reader (:mod:`cachelint.page.jsonlines`) asks, for each new
plain scalar, whether ``yaml.safe_load`` would read it as a string (``yes``,
``~``, ``1e3``, ``2024-01-02`` are not). PyYAML answers with its resolver's
table of implicit tags; importing PyYAML for that costs more than checking a
whole page. This is the same table (``yaml.resolver.Resolver``'s implicit
resolvers: the same tags, patterns and first characters, in the same order),
and the same lookup. ``tests/page/test_plainscalar.py`` compares the two
tables entry by entry, and the answers on generated scalars.

Example: ``resolves_to_string("gcc@12")`` is true; ``resolves_to_string("on")``
and ``resolves_to_string("0x1F")`` are false.
"""

from __future__ import annotations

import re
from functools import cache

# (tag, pattern, its flags, the first characters it is tried for), as PyYAML registers
# them. Compiled on first use: a page's plain scalars start with few of these characters.
IMPLICIT_RESOLVERS: tuple[tuple[str, str, int, str | tuple[str, ...]], ...] = (
    (
        "tag:yaml.org,2002:bool",
        r"""^(?:yes|Yes|YES|no|No|NO
                    |true|True|TRUE|false|False|FALSE
                    |on|On|ON|off|Off|OFF)$""",
        re.X,
        "yYnNtTfFoO",
    ),
    (
        "tag:yaml.org,2002:float",
        r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
                    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""",
        re.X,
        "-+0123456789.",
    ),
    (
        "tag:yaml.org,2002:int",
        r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""",
        re.X,
        "-+0123456789",
    ),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", 0, "<"),
    (
        "tag:yaml.org,2002:null",
        r"""^(?: ~
                    |null|Null|NULL
                    | )$""",
        re.X,
        ("~", "n", "N", ""),
    ),
    (
        "tag:yaml.org,2002:timestamp",
        r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        re.X,
        "0123456789",
    ),
    ("tag:yaml.org,2002:value", r"^(?:=)$", 0, "="),
    ("tag:yaml.org,2002:yaml", r"^(?:!|&|\*)$", 0, "!&*"),
)


def _by_first_character() -> dict[str, list[tuple[str, int]]]:
    table: dict[str, list[tuple[str, int]]] = {}
    for _, pattern, flags, first in IMPLICIT_RESOLVERS:
        for character in first:
            table.setdefault(character, []).append((pattern, flags))
    return table


_PATTERNS = _by_first_character()


@cache
def _compiled(first: str) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, flags) for pattern, flags in _PATTERNS.get(first, ()))


def resolves_to_string(plain: str) -> bool:
    """Whether YAML 1.1 reads ``plain``, written as a plain scalar, as a string."""
    return not any(pattern.match(plain) for pattern in _compiled(plain[:1]))
