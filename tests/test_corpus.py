"""The whole real corpus: only the known real inconsistencies are reported."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter

from tests.conftest import CORPUS, SEEDS, require

STALE_DEVELOP_PAGES = {"amg2013", "archer", "abyss"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cachelint", *args], capture_output=True, text=True, check=False
    )


def test_corpus_reports_only_the_known_findings():
    corpus = require(CORPUS)
    result = _run("check", "--output-format", "json", str(corpus))
    assert result.returncode == 1, result.stderr
    findings = json.loads(result.stdout)
    by_page = Counter((f["path"].split("/_cache/")[-1], f["code"]) for f in findings)
    cl203_pages = {page.split("/")[1] for page, code in by_page if code == "CL203"}
    assert cl203_pages == STALE_DEVELOP_PAGES
    assert {page for page, code in by_page if code == "CL003"} == {
        "bzip2/index.md",
        "zlib/index.md",
    }
    assert {code for _, code in by_page} == {"CL203", "CL003"}
    assert "in 5 of 111 files" in result.stderr


def test_amg2013_spec_with_no_stack_is_reported():
    corpus = require(CORPUS)
    result = _run("check", "--output-format", "json", str(corpus / "_cache/develop/amg2013"))
    messages = [f["message"] for f in json.loads(result.stdout)]
    assert any("(it is in no stack)" in m for m in messages)


def test_seed_pages_pass():
    seeds = require(SEEDS)
    result = _run("check", *sorted(str(p) for p in seeds.glob("*.txt")))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "All checks passed (2 files)."
