"""The Spack rules (CL6xx) find nothing on the real corpus and the seed pages."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS, require


def spack_findings(cli, *paths: str) -> list[dict]:
    result = cli("check", "--no-cache", "--select", "CL6", "--output-format", "json", *paths)
    assert result.status in (0, 1), result.err
    return [record for record in json.loads(result.out) if record["code"].startswith("CL6")]


def test_the_real_corpus_is_clean(cli, corpus):
    assert spack_findings(cli, str(corpus)) == []


@pytest.mark.parametrize("seed", ["002_d0ef629d12aacfb8.txt", "003_95d4df9caf125ef9.txt"])
def test_the_seed_pages_are_clean(cli, seed):
    page = require(SEEDS / seed)
    assert spack_findings(cli, str(page)) == []


def test_the_rules_see_the_real_corpus(cli, corpus, tmp_path):
    """A broken copy of a real page is reported: the clean result above is not vacuous."""
    source = corpus / "_cache" / "develop-2025-07-13" / "bc" / "specs.md"
    text = source.read_text(encoding="utf-8").replace(
        '"target": "x86_64_v3"', '"target": "x86_64_v5"'
    )
    page = tmp_path / "_cache" / "develop-2025-07-13" / "bc" / "specs.md"
    page.parent.mkdir(parents=True)
    page.write_text(text, encoding="utf-8")
    assert [record["code"] for record in spack_findings(cli, str(page))] == ["CL601"]
