"""Reading a file: all of it, within the size limit, as UTF-8."""

from __future__ import annotations

from pathlib import Path

import pytest

from cachelint.model import Finding
from cachelint.page.source import Source, read_source


@pytest.mark.parametrize("size", [0, 1, 65535, 65536, 65537, 300_000])
def test_every_byte_is_read(tmp_path: Path, size: int) -> None:
    path = tmp_path / "page.md"
    data = bytes(ord("a") + i % 26 for i in range(size))
    path.write_bytes(data)
    source = read_source(path)
    assert isinstance(source, Source)
    assert source.raw == data


def test_a_file_over_the_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"a" * 101)
    finding = read_source(path, max_size=100)
    assert isinstance(finding, Finding)
    assert finding.code == "CL006"
    assert isinstance(read_source(path, max_size=101), Source)


def test_a_bom_is_remembered_and_left_out(tmp_path: Path) -> None:
    path = tmp_path / "page.md"
    path.write_bytes(b"\xef\xbb\xbf---\n")
    source = read_source(path)
    assert isinstance(source, Source)
    assert (source.text, source.has_bom) == ("---\n", True)
