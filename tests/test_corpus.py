"""Real pages: only the known real inconsistencies are reported.

Each test runs on the real pages kept in tests/data/real (every page of the
shared corpus with a finding, and a few clean ones of each era) and on the
whole shared corpus when it is present.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REAL, SEEDS, real_corpora, require

STALE_DEVELOP_PAGES = {"amg2013", "archer", "abyss"}
# Pages of develop whose stacks _data/tags.yaml no longer declares for it (CL504):
# page -> (line, column, the undeclared stack there, the message's list of stacks).
UNDECLARED_STACKS = {
    "abyss": (
        6,
        230,
        "aws-ahug-aarch64",
        "stacks 'aws-ahug-aarch64' (22 specs), 'aws-ahug' (4 specs)",
    ),
    "acl": (6, 227, "developer-tools", "stack 'developer-tools' (3 specs)"),
    "amg2013": (
        6,
        685,
        "aws-ahug-aarch64",
        "stacks 'aws-ahug-aarch64' (16 specs), 'aws-ahug' (2 specs)",
    ),
    "attr": (6, 1216, "developer-tools", "stack 'developer-tools' (1 spec)"),
}


# Files each run checks: the pages below _cache/ and _data/tags.yaml.
CHECKED_PAGES = {REAL: 12, CORPUS: 111}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    command, *rest = args  # never a result cache inside the corpus folders
    return subprocess.run(
        [sys.executable, "-m", "cachelint", command, "--no-cache", *rest],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("corpus", real_corpora())
def test_corpus_reports_only_the_known_findings(corpus: Path) -> None:
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
    cl504_pages = {page.split("/")[1] for page, code in by_page if code == "CL504"}
    assert cl504_pages == set(UNDECLARED_STACKS)
    # No other catalog finding: the tags are declared, there is no meta.yaml, and
    # _older/ holds no catalog root (no _cache/ beside its _data/).
    assert {code for _, code in by_page} == {"CL203", "CL003", "CL504"}
    # CL203 once per page, naming its specs (CL504 groups stacks the same way).
    assert sorted(by_page.values()) == [1] * 9
    assert f"in 7 of {CHECKED_PAGES[corpus]} pages" in result.stderr


@pytest.mark.parametrize("corpus", real_corpora())
def test_stale_develop_pages_are_reported_exactly(corpus: Path) -> None:
    result = _run("check", "--output-format", "concise", str(corpus))
    reported = [line for line in result.stdout.splitlines() if ": CL504 " in line]
    expected = [
        f"{corpus}/_cache/develop/{page}/specs.md:{line}:{column}: CL504 stale page: {stacks} "
        "not declared for tag 'develop' in _data/tags.yaml"
        for page, (line, column, _, stacks) in sorted(UNDECLARED_STACKS.items())
    ]
    assert reported == expected


@pytest.mark.parametrize("corpus", real_corpora())
def test_stale_develop_pages_point_at_the_first_undeclared_stack(corpus: Path) -> None:
    result = _run("check", "--output-format", "json", "--select", "CL504", str(corpus))
    records = json.loads(result.stdout)
    findings = {f["path"].split("/")[-2]: f for f in records if f["code"] == "CL504"}
    assert set(findings) == set(UNDECLARED_STACKS)
    for page, (line, column, stack, _) in UNDECLARED_STACKS.items():
        finding = findings[page]
        text = (corpus / "_cache" / "develop" / page / "specs.md").read_text(encoding="utf-8")
        row = text.split("\n")[line - 1]
        first = row.index(f'"{stack}"')  # spec_details is on one line: its first use
        assert (finding["line"], finding["column"]) == (line, first + 1)
        assert (finding["end_line"], finding["end_column"]) == (line, first + len(stack) + 3)
        assert (finding["line"], finding["column"]) == (line, column)


@pytest.mark.parametrize("corpus", real_corpora())
def test_amg2013_spec_with_no_stack_is_reported(corpus: Path) -> None:
    result = _run("check", "--output-format", "json", str(corpus / "_cache/develop/amg2013"))
    [finding] = [f for f in json.loads(result.stdout) if f["code"] == "CL203"]
    assert finding["message"].startswith("19 specs are not in the root stack 'root': ")
    assert "spec_details[0] in no stack;" in finding["message"]
    assert len(finding["related"]) == 19


def test_the_kept_pages_are_the_shared_corpus_pages() -> None:
    corpus = require(CORPUS)
    kept = sorted(p.relative_to(REAL) for p in REAL.rglob("*") if p.is_file())
    assert len(kept) == 15
    assert all((REAL / p).read_bytes() == (corpus / p).read_bytes() for p in kept)


def test_seed_pages_pass():
    seeds = require(SEEDS)
    result = _run("check", *sorted(str(p) for p in seeds.glob("*.txt")))
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip() == "All checks passed (2 pages)."
