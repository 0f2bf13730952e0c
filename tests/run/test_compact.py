"""CompactList: a run's list of names, kept in blocks, gives back what was put in."""

from __future__ import annotations

import pytest

from cachelint.run.compact import BLOCK, CompactList

ODD = ["", "a\0b", "\udce9.md", "\ud83d\ude00", "é/ü", "x" * 5000]


@pytest.mark.parametrize("count", [0, 1, BLOCK - 1, BLOCK, BLOCK + 1, 3 * BLOCK + 7])
def test_it_gives_back_every_item_in_order(count):
    items = [ODD[n % len(ODD)] + str(n) for n in range(count)]
    kept = CompactList(items[: count // 2])
    kept.extend(items[count // 2 : -1] if count else [])
    if count:
        kept.append(items[-1])
    assert list(kept) == items
    assert len(kept) == count
    assert kept == items and kept == tuple(items) and kept == CompactList(items)
    assert kept != [*items, "more"]
    assert all(item in kept for item in items[:: max(1, count // 10)])
    assert "absent" not in kept


def test_items_added_while_it_is_read_come_after():
    kept = CompactList(f"page-{n}" for n in range(BLOCK - 1))
    new = [f"page-{n}" for n in range(BLOCK - 3, BLOCK + 2)]
    kept.extend(name for name in new if name not in kept)  # as the config findings are added
    assert list(kept) == [f"page-{n}" for n in range(BLOCK + 2)]


def test_a_block_of_a_walks_names_is_kept_compressed():
    names = [f"/catalog/_cache/develop-2025-07-13/py-package-{n}/specs.md" for n in range(BLOCK)]
    kept = CompactList(names)
    (packed, _), *_ = kept._blocks
    assert len(packed) < len("".join(names)) // 4
    assert list(kept) == names
