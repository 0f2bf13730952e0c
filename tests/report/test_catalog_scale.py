"""CI reports at catalog scale: 1,500 copies of a broken real page, 28 findings each.

One run of the installed ``cachelint`` writes the GitHub annotations, the job
summary, SARIF, JUnit and JSON (``--report``); each must stay within what its
consumer accepts: GitHub code scanning (25,000 results), the job summary
(1 MiB), GitHub's 10 annotations per level, the JUnit XSDs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import jsonschema_rs
import pytest

from cachelint.model import Diagnostic, Position, Severity
from cachelint.report import Report
from cachelint.report.github_summary import STEP_SUMMARY_LIMIT
from cachelint.report.sarif import CAPPED, sarif_log
from cachelint.report.sarif_select import MAX_RESULTS
from tests.helpers import DATA
from tests.report.sample import RULES

PAGES = 1_500
TAGS = 15
# A real page (abyss, develop) with its 26 hashes cut to 7 letters: 26 CL104 (one
# rule, one finding per spec, as a broken generator makes them), plus CL501 and
# CL502 for its copies' package folders.
REAL_PAGE = DATA / "pages" / "_cache" / "develop" / "abyss" / "specs.md"
FINDINGS_PER_PAGE = 28


@dataclass(frozen=True)
class BigRun:
    root: Path
    log: str
    summary: bytes
    sarif: dict
    junit: Path
    diagnostics: list[dict]


def _short_hashes(page: bytes) -> bytes:
    return re.sub(rb'"hash": "([a-z2-7]{7})[a-z2-7]{25}"', rb'"hash": "\1"', page)


@pytest.fixture(scope="module")
def big_run(tmp_path_factory: pytest.TempPathFactory) -> BigRun:
    cachelint = shutil.which("cachelint")
    if cachelint is None:
        pytest.skip("the cachelint entry point is not installed")
    root = tmp_path_factory.mktemp("catalog")
    text = _short_hashes(REAL_PAGE.read_bytes())
    for number in range(PAGES):
        folder = root / "_cache" / f"develop-{number % TAGS:02d}" / f"abyss{number:04d}"
        folder.mkdir(parents=True)
        (folder / "specs.md").write_bytes(text)
    out = tmp_path_factory.mktemp("reports")
    env = {**os.environ, "GITHUB_STEP_SUMMARY": str(out / "summary.md")}
    reports = [f"sarif={out / 'c.sarif'}", f"junit={out / 'c.xml'}", f"json={out / 'c.json'}"]
    done = subprocess.run(
        [cachelint, "check", "--no-cache", "--output-format", "github", "-j", "2"]
        + [arg for report in reports for arg in ("--report", report)]
        + ["."],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    return BigRun(
        root=root,
        log=done.stdout,
        summary=(out / "summary.md").read_bytes(),
        sarif=json.loads((out / "c.sarif").read_text(encoding="utf-8")),
        junit=out / "c.xml",
        diagnostics=json.loads((out / "c.json").read_text(encoding="utf-8")),
    )


def sarif_validator() -> jsonschema_rs.Draft7Validator:
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    return jsonschema_rs.Draft7Validator(schema)


def test_every_page_is_broken(big_run: BigRun) -> None:
    assert len(big_run.diagnostics) == PAGES * FINDINGS_PER_PAGE
    assert len({d["path"] for d in big_run.diagnostics}) == PAGES


def test_sarif_is_valid_within_githubs_limit_and_loses_nothing(big_run: BigRun) -> None:
    assert sarif_validator().is_valid(big_run.sarif)
    run = big_run.sarif["runs"][0]
    results = run["results"]
    assert len(results) <= 25_000
    assert sum(1 + len(r.get("relatedLocations", [])) for r in results) == len(big_run.diagnostics)
    assert run["properties"]["findingsLeftOut"] == 0
    assert "toolExecutionNotifications" not in run["invocations"][0]
    pages = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert len(pages) == PAGES
    grouped = [r for r in results if r["ruleId"] == "CL104"]
    assert len(grouped) == PAGES  # 26 findings of one rule on a page are one result
    assert all(len(r["relatedLocations"]) == 25 for r in grouped)


def test_a_capped_sarif_log_says_what_it_left_out(big_run: BigRun) -> None:
    log = sarif_log(_report(big_run), max_results=1_000)
    assert sarif_validator().is_valid(log)
    run = log["runs"][0]
    assert len(run["results"]) == 1_000
    assert run["properties"]["resultsLeftOut"] == 3 * PAGES - 1_000
    assert run["properties"]["findingsLeftOut"] > 0
    (notice,) = run["invocations"][0]["toolExecutionNotifications"]
    assert notice["descriptor"]["id"] == CAPPED
    assert (
        f"{run['properties']['findingsLeftOut']} findings are left out" in notice["message"]["text"]
    )
    # One result per page before any page gets a second: 1,000 results, 1,000 pages.
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert len(uris) == 1_000


def test_the_cap_holds_when_findings_cannot_be_grouped(tmp_path: Path) -> None:
    # Three findings of each of ten rules on each of 1,500 pages: 45,000 results.
    codes = [f"CL{100 + n}" for n in range(10)]
    diagnostics = [
        Diagnostic(code, Severity.ERROR, "m", f"_cache/t/p{page:04d}/specs.md", Position(n, 1))
        for page in range(PAGES)
        for code in codes
        for n in (1, 2, 3)
    ]
    report = Report(tuple(diagnostics), rules=RULES, root=tmp_path, read_text=lambda _: None)
    log = sarif_log(report)
    assert sarif_validator().is_valid(log)
    run = log["runs"][0]
    assert len(run["results"]) == MAX_RESULTS < 25_000
    assert run["properties"]["findingsLeftOut"] == len(diagnostics) - MAX_RESULTS
    assert run["invocations"][0]["toolExecutionNotifications"][0]["level"] == "warning"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert len(uris) == PAGES


def test_the_job_summary_stays_under_one_mebibyte(big_run: BigRun) -> None:
    summary = big_run.summary.decode("utf-8")
    assert len(big_run.summary) < STEP_SUMMARY_LIMIT
    assert "| develop-07 | CL104 | pattern-mismatch | error | 2600 | 100 |" in summary
    tail = summary.rstrip("\n").rsplit("\n", 1)[-1]
    shown = summary.count("| \\_cache/")
    assert 0 < shown < len(big_run.diagnostics)
    assert tail.startswith(f"… and {len(big_run.diagnostics) - shown} more findings in ")
    assert "c.sarif` (SARIF)" in tail and "c.json` (JSON)" in tail


def test_the_shown_annotations_name_as_many_pages_as_possible(big_run: BigRun) -> None:
    lines = big_run.log.splitlines()
    annotations = [line for line in lines if line.startswith("::error ")]
    assert len(annotations) == len(big_run.diagnostics)  # every finding is in the log
    shown = annotations[:10]  # GitHub shows the first ten errors of a step
    assert len({line.split("file=", 1)[1].split(",", 1)[0] for line in shown}) == 10
    (notice,) = [line for line in lines if line.startswith("::notice")]
    assert "name as many pages as possible (10 pages" in notice


def test_junit_is_valid_with_one_failure_per_testcase(big_run: BigRun) -> None:
    xmlschema = pytest.importorskip("xmlschema")
    for schema in ("JUnit.xsd", "junit-10.xsd"):
        validator = xmlschema.XMLSchema(str(DATA / "junit" / schema))
        assert [str(e)[:500] for e in validator.iter_errors(str(big_run.junit))] == []
    from xml.etree import ElementTree as ET

    cases = ET.parse(big_run.junit).getroot().findall("testsuite/testcase")
    assert len(cases) == PAGES
    assert all(len(case.findall("failure")) == 1 for case in cases)
    body = cases[0].find("failure").text or ""
    assert len(body.splitlines()) == FINDINGS_PER_PAGE


def _report(big_run: BigRun) -> Report:
    diagnostics = tuple(
        Diagnostic(
            d["code"],
            Severity(d["severity"]),
            d["message"],
            str(big_run.root / d["path"]),
            Position(d["line"], d["column"], d["end_line"], d["end_column"]),
            d["pointer"],
        )
        for d in big_run.diagnostics
    )
    return Report(diagnostics, rules=RULES, root=big_run.root)


def test_related_locations_are_bounded_in_a_log(tmp_path: Path, monkeypatch) -> None:
    from cachelint.report import sarif_select

    monkeypatch.setattr(sarif_select, "MAX_RELATED_TOTAL", 50)
    many = [
        Diagnostic("CL203", Severity.ERROR, "m", f"_cache/t/p{page}/specs.md", Position(n, 1))
        for page in range(3)
        for n in range(1, 41)
    ]
    report = Report(tuple(many), rules=RULES, root=tmp_path, read_text=lambda _: None)
    run = sarif_log(report)["runs"][0]
    related = [len(r.get("relatedLocations", [])) for r in run["results"]]
    assert related == [39, 11, 0]
    assert run["properties"]["findingsLeftOut"] == 28 + 39
    assert run["invocations"][0]["toolExecutionNotifications"]


def test_on_the_real_corpus_every_page_with_findings_gets_a_shown_annotation(
    corpus: Path, tmp_path: Path
) -> None:
    # Printed in file order, the ten shown errors covered 2 of these pages (bzip2, abyss).
    cachelint = shutil.which("cachelint")
    if cachelint is None:
        pytest.skip("the cachelint entry point is not installed")
    copy = tmp_path / "corpus"
    shutil.copytree(corpus, copy)
    done = subprocess.run(
        [cachelint, "check", "--no-cache", "--output-format", "github", "."],
        cwd=copy,
        capture_output=True,
        text=True,
        check=False,
    )
    annotations = [line for line in done.stdout.splitlines() if line.startswith("::error ")]
    pages = {line.split("file=", 1)[1].split(",", 1)[0] for line in annotations}
    shown = {line.split("file=", 1)[1].split(",", 1)[0] for line in annotations[:10]}
    assert len(pages) > 2
    assert shown == pages if len(pages) <= 10 else len(shown) == 10
