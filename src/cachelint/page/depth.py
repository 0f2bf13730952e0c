"""How deeply parsed front matter nests: the ``max_depth`` limit, proven without a copy.

Data nesting more containers than ``max_depth`` (the outermost mapping counts)
goes to the YAML parser, which reports it as CL006. Walking every container
in Python costs about as much as copying the data; the text of a page in the
canonical layout proves the same in a few passes of C over bytes: with its
strings taken out, its brackets are the data's containers, and removing every
innermost ``[]`` pair once per level empties them in exactly as many rounds as
they nest. Text that cannot be read that way (a backslash, a character beyond
ASCII, a bracket inside a string) is answered by a walk of the data, level by
level, in C as well.
"""

from __future__ import annotations

from itertools import chain, compress, repeat
from typing import Any

# ``{`` and ``}`` become ``[`` and ``]`` (only how deep they nest matters); of
# everything else only the double quote is kept, to take the strings out.
_BRACKETS = bytes.maketrans(b"{}", b"[]")
_NOT_STRUCTURE = bytes(byte for byte in range(256) if byte not in b'"[]{}')
_CONTAINERS = (dict, list)


def nests_within(text: str, data: Any, *, max_depth: int) -> bool:
    """Whether ``data``, read from the JSON lines ``text``, nests at most ``max_depth`` deep."""
    return _text_nests_within(text, max_depth) or data_nests_within(data, max_depth)


def _text_nests_within(text: str, max_depth: int) -> bool:
    """Whether the text proves the limit kept (``False``: too deep, or not provable)."""
    if max_depth < 1 or "\\" in text or not text.isascii():
        return False  # an escaped quote would not close its string
    # Each ``""`` left after the deletion is an empty string or the end of one and
    # the start of the next: removing such pairs keeps every other quote's parity,
    # so a bracket inside a string would keep a quote beside it.
    structure = text.encode("ascii").translate(_BRACKETS, _NOT_STRUCTURE).replace(b'""', b"")
    if b'"' in structure:
        return False
    # The front matter's own mapping is the one level the text writes no bracket for.
    for _ in range(max_depth - 1):
        if not structure:
            return True
        structure = structure.replace(b"[]", b"")
    return not structure


def data_nests_within(data: Any, max_depth: int) -> bool:
    """Whether ``data`` nests at most ``max_depth`` dicts and lists deep."""
    level = _of_type([data], _CONTAINERS)
    for _ in range(max_depth):
        if not level:
            return True
        dicts, lists = _of_type(level, dict), _of_type(level, list)
        values = chain(chain.from_iterable(map(dict.values, dicts)), chain.from_iterable(lists))
        level = _of_type(list(values), _CONTAINERS)
    return not level


def _of_type(values: list[Any], kinds: type | tuple[type, ...]) -> list[Any]:
    """The items of ``values`` that are instances of ``kinds`` (``isinstance`` mapped in C)."""
    return list(compress(values, map(isinstance, values, repeat(kinds))))
