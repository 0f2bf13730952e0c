"""--files-from: paths one a line or NUL-separated, from a file or standard input."""

from __future__ import annotations

import io

import pytest

from cachelint.errors import UsageError
from cachelint.scope.filelist import parse_file_list, read_file_list


def test_lines_with_crlf_and_blank_lines():
    assert parse_file_list(b"a.md\r\n\nb c.md\n") == ["a.md", "b c.md"]


def test_nul_separated_keeps_newlines_in_names():
    assert parse_file_list(b"a.md\0new\nline.md\0", nul=True) == ["a.md", "new\nline.md"]


def test_names_that_are_not_utf8_survive():
    (name,) = parse_file_list(b"caf\xe9.md\n")
    assert name.encode("utf-8", "surrogateescape") == b"caf\xe9.md"


def test_dash_reads_standard_input():
    assert read_file_list("-", stdin=io.BytesIO(b"x.md\n")) == ["x.md"]


def test_an_unreadable_list_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"--files-from .*missing\.txt: cannot read the list"):
        read_file_list(str(tmp_path / "missing.txt"))
