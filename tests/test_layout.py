"""Where a catalog keeps what: the kind of data file a path names, however it is written."""

from __future__ import annotations

import os
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cachelint.layout import data_file_kind


def reference_kind(path: str) -> str:
    """What :func:`data_file_kind` answers, from the absolute path's last three names."""
    parts = PurePath(os.path.abspath(path)).parts
    above, parent, name = ("", "", "", *parts)[-3:]
    if parent == "_data":
        return {"tags.yaml": "tags", "meta.yaml": "meta"}.get(name, "")
    if (above, parent) == ("pages", "tags") and name.endswith(".md"):
        return "tag-page"
    return ""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/site/_data/tags.yaml", "tags"),
        ("/srv/site/_data/meta.yaml", "meta"),
        ("/srv/site/_data/other.yaml", ""),
        ("/srv/site/pages/tags/v0.23.0.md", "tag-page"),
        ("/srv/site/pages/tags/v0.23.0.txt", ""),
        ("/srv/site/_cache/develop/zlib/specs.md", ""),
        ("/srv/site/_data/../_data/tags.yaml", "tags"),
        ("/srv/site/_data/tags.yaml/..", ""),
        ("/srv/site//_data//meta.yaml", "meta"),
        ("/_data/tags.yaml", "tags"),
        ("/pages/tags/x.md", "tag-page"),
    ],
)
def test_the_last_three_names_decide(path, kind):
    assert data_file_kind(path) == kind == reference_kind(path)


@pytest.mark.parametrize(
    ("cwd", "path", "kind"),
    [
        ("site/_data", "tags.yaml", "tags"),
        ("site/_data", "./meta.yaml", "meta"),
        ("site/pages/tags", "v1.md", "tag-page"),
        ("site/pages", "tags/v1.md", "tag-page"),
        ("site/pages/tags", "../tags/v1.md", "tag-page"),
        ("site", "_data/tags.yaml", "tags"),
        ("site", "specs.md", ""),
    ],
)
def test_a_relative_path_is_read_from_the_working_folder(tmp_path, monkeypatch, cwd, path, kind):
    (tmp_path / cwd).mkdir(parents=True)
    monkeypatch.chdir(tmp_path / cwd)
    assert data_file_kind(path) == kind == reference_kind(path)
    assert data_file_kind(Path(path)) == kind


NAMES = st.sampled_from(
    ["_data", "pages", "tags", "_cache", "tags.yaml", "meta.yaml", "v1.md", "x", ".", "..", ""]
)


@given(st.lists(NAMES, min_size=1, max_size=6), st.booleans())
def test_any_path_as_the_reference_reads_it(names, absolute):
    path = ("/" if absolute else "") + "/".join(names)
    assert data_file_kind(path) == reference_kind(path)
