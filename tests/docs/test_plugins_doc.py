"""docs/plugins.md shows the example plugin's files as they are."""

from __future__ import annotations

import pytest

EXAMPLE_FILES = ["pyproject.toml", "src/cachelint_tarball/rules.py"]


@pytest.mark.parametrize("name", EXAMPLE_FILES)
def test_plugins_doc_quotes_the_example_files_verbatim(repo, name):
    doc = (repo / "docs" / "plugins.md").read_text(encoding="utf-8")
    source = (repo / "examples" / "plugin" / name).read_text(encoding="utf-8")
    assert f"`examples/plugin/{name}`" in doc
    assert source.rstrip() in doc
