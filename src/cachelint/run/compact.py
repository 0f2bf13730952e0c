"""Lists of strings a run keeps for each page, kept compactly.

A run keeps the name of every page it checked (the summary counts them, the
JUnit and html reports list them, the baseline needs them), and its snapshot
the listing of every folder it walked. At a million pages such lists are a
couple of hundred megabytes, a third of it the strings' own headers.
:class:`CompactList` keeps each block of :data:`BLOCK` strings as one string,
compressed, and their lengths, and gives them back one by one. A block of
paths from one walk compresses about nine times (the names repeat their
folders) at a third of a microsecond a name: the lists no longer grow a
run's memory by the megabytes they held at a million pages.
"""

from __future__ import annotations

import zlib
from array import array
from collections.abc import Iterable, Iterator

BLOCK = 512


class CompactList:
    """A list of strings that only grows: ``append``, ``extend``, iterate, ``len``, ``in``."""

    __slots__ = ("_blocks", "_count", "_recent")

    def __init__(self, items: Iterable[str] = ()) -> None:
        self._blocks: list[tuple[bytes, array[int]]] = []
        self._recent: list[str] = []
        self._count = 0
        self.extend(items)

    def append(self, item: str) -> None:
        self._recent.append(item)
        self._count += 1
        if len(self._recent) >= BLOCK:
            recent, self._recent = self._recent, []
            self._blocks.append((_pack(recent), array("L", map(len, recent))))

    def extend(self, items: Iterable[str]) -> None:
        for item in items:
            self.append(item)

    def __iter__(self) -> Iterator[str]:
        for packed, lengths in self._blocks:
            text = _unpack(packed)
            start = 0
            for length in lengths:
                yield text[start : start + length]
                start += length
        yield from list(self._recent)  # a copy: what is appended meanwhile comes after

    def __len__(self) -> int:
        return self._count

    def __contains__(self, item: object) -> bool:
        return any(known == item for known in self)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, CompactList | list | tuple):
            return len(self) == len(other) and list(self) == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"CompactList({list(self)!r})"


# Lone surrogates (names the file system gave as bytes, see os.fsdecode) pass
# through UTF-8 unchanged with "surrogatepass".
def _pack(items: list[str]) -> bytes:
    return zlib.compress("".join(items).encode("utf-8", "surrogatepass"), 1)


def _unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")
