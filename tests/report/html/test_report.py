"""The html report's content, read back with an HTML parser."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from cachelint.model import Position
from cachelint.report import REPORTERS, Report
from cachelint.report.base import BaselineDelta, BaselineEntry
from cachelint.report.html.baseline import FIXED_SHOWN
from cachelint.report.html.payload import EXCERPT_WIDTH
from cachelint.report.html.view import DOCS_URL
from tests.catalog.builder import CatalogBuilder
from tests.cli.test_output_options import cachelint
from tests.conftest import CORPUS, require, spec
from tests.report.html.parsed import parse_report
from tests.report.sample import NASTY_PATH, RULES, diagnostic, nasty_report, report


def render(report: Report) -> str:
    chunks: list[str] = []

    class Sink:
        def write(self, text: str) -> None:
            chunks.append(text)

        def writelines(self, lines: object) -> None:
            chunks.extend(lines)  # type: ignore[call-overload]

    REPORTERS["html"](report, Sink())  # type: ignore[arg-type]
    return "".join(chunks)


def run_html(cwd: Path, *paths: str, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            cachelint(),
            "check",
            "--no-cache",
            "--output-format",
            "html",
            *paths,
            "--output-file",
            str(output),
        ],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )


def test_real_corpus_report(tmp_path: Path) -> None:
    corpus = require(CORPUS)
    output = tmp_path / "report.html"
    result = run_html(corpus, ".", output=output)
    assert result.returncode == 1, result.stderr
    assert "Found 9 errors in 7 of 111 pages (and 1 data file)." in result.stdout
    parsed = parse_report(output.read_text(encoding="utf-8"))
    assert Path(parsed.facts["Catalog"]).resolve() == corpus.resolve()
    assert parsed.facts["Pages"] == "111"
    assert parsed.facts["Data files"] == "1"  # _data/tags.yaml; there is no meta.yaml
    assert parsed.facts["Findings"] == "9 errors, 0 warnings"
    assert parsed.facts["Pages clean"] == "93.7% (104 of 111)"
    assert parsed.facts["Baseline"] == "none"
    tags = parsed.rows("tag-table")
    assert tags[0]["Tag"] == "develop"  # the broken tag comes first
    assert tags[0]["Pages"] == "17"
    assert tags[0]["Specs"] == "165"
    assert tags[0]["Errors"] == "7"
    assert tags[0]["Stale pages (CL504)"] == "4"
    assert tags[0]["meta.yaml count"] == "no meta.yaml"
    assert tags[0]["Pages with findings"] == "5 (29%)"
    assert all(row["Errors"] == "0" for row in tags[1:])
    rules = {row["Code"]: row for row in parsed.rows("rule-table")}
    assert {code: row["Findings"] for code, row in rules.items()} == {
        "CL203": "3",  # one a page, naming its specs
        "CL504": "4",
        "CL003": "2",
    }
    assert rules["CL203"]["Pages"] == "3"
    assert rules["CL504"]["Rule"] == "stack-not-declared"
    assert (
        "a",
        {"class": "doc", "href": f"{DOCS_URL}#cl504"},
    ) in parsed.elements
    attr = [f for f in parsed.findings() if f["path"] == "_cache/develop/attr/specs.md"]
    assert [(f["code"], f["where"]) for f in attr] == [("CL504", "6:1216")]
    [[line, before, span, after]] = attr[0]["excerpt"]
    assert (line, span) == (6, '"developer-tools"')
    assert before.startswith("…") and before.endswith('"stacks": [')
    assert after.startswith(', "root"]')


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A catalog of two tags: develop has a miscounted page, v1's meta.yaml count is off."""
    builder = CatalogBuilder(tmp_path / "site")
    hashes = [c * 32 for c in "abcdefg"]
    builder.page("develop", "zlib", [spec(hash=hashes[0]), spec(hash=hashes[1])])
    builder.page("develop", "bzip2", [spec(hash=hashes[2])])
    builder.page("v1", "curl", [spec(hash=hashes[3])])
    builder.page("v1", "xz", [spec(hash=hashes[4]), spec(hash=hashes[5])])
    builder.consistent()
    meta = builder.derived_meta()
    meta["v1"]["count"] = 9
    meta["all"]["count"] = meta["develop"]["count"] + 9
    builder.meta(meta)
    zlib = builder.root / "_cache/develop/zlib/specs.md"
    zlib.write_text(zlib.read_text().replace('"num_specs": 2', '"num_specs": 5'))
    return builder.root


def test_generated_catalog_report(generated: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "report.html"
    result = run_html(generated, ".", output=output)
    assert result.returncode == 1, result.stderr
    parsed = parse_report(output.read_text(encoding="utf-8"))
    assert parsed.facts["Pages"] == "4"
    assert parsed.facts["Data files"] == "2"  # tags.yaml, meta.yaml (CL507 reads tag pages)
    tags = {row["Tag"]: row for row in parsed.rows("tag-table")}
    assert list(tags) == ["develop", "v1"]  # both counts disagree; develop has errors too
    assert tags["v1"]["meta.yaml count"] == "9 ≠ 3"
    assert tags["v1"]["Specs"] == "3"
    assert tags["develop"]["Specs"] == "6"  # the pages' num_specs as written: 5 + 1
    assert tags["develop"]["meta.yaml count"] == "3 ≠ 6"
    rules = {row["Code"]: row for row in parsed.rows("rule-table")}
    assert rules["CL201"]["Fixable"] == "1"
    assert rules["CL505"]["Findings"] == "2"
    [miscounted] = [f for f in parsed.findings() if f["code"] == "CL201"]
    assert miscounted["fixable"]
    assert miscounted["fix"] == "cachelint check --fix _cache/develop/zlib/specs.md"
    assert miscounted["tag"] == "develop"
    [[_, _, span, _]] = miscounted["excerpt"]
    assert span == "5"


def test_the_excerpt_is_the_full_formats(root: Path) -> None:
    """Before, span and after make the full format's excerpt line, the span under its carets."""
    line = "x" * 300 + ' "target": "x86 64", ' + "y" * 300
    start = line.index('"x86 64"') + 1
    texts = {"_cache/develop/zlib/specs.md": f"---\na: 1\n{line}\n---\n"}
    place = Position(3, start, 3, start + len('"x86 64"'))
    sample = report([diagnostic(position=place)], root=root, texts=texts)
    [finding] = parse_report(render(sample)).findings()
    [[number, before, span, after]] = finding["excerpt"]
    assert (number, span) == (3, '"x86 64"')
    full = render_full_excerpt(sample)
    assert full == (before + span + after, len(before), len(span))
    assert len(before + span + after) <= EXCERPT_WIDTH


def render_full_excerpt(sample: Report) -> tuple[str, int, int]:
    """The full format's excerpt line and its underline, at the html report's width."""
    import io

    from cachelint.record import replace
    from cachelint.report.base import RenderOptions

    stream = io.StringIO()
    REPORTERS["full"](replace(sample, options=RenderOptions(width=EXCERPT_WIDTH + 4)), stream)
    rows = stream.getvalue().splitlines()
    text = next(row for row in rows if row.startswith("3 | "))[4:]
    carets = next(row for row in rows if "^" in row)[4:]
    return text, len(carets) - len(carets.lstrip()), carets.count("^")


def test_a_multi_line_span_shows_its_first_and_last_line(root: Path) -> None:
    texts = {NASTY_PATH: "a\nb\nc\nd\ne\nfirst\nlast\n"}
    nasty = nasty_report(root, texts=texts)
    spanning = [f for f in parse_report(render(nasty)).findings() if f["code"] == "CL104"]
    assert spanning[0]["excerpt"] == [[6, "", "first", ""], [7, "", "las", "t"]]


def test_a_run_against_a_baseline_marks_new_known_and_fixed(
    generated: Path, tmp_path: Path
) -> None:
    """Through the command line: the known findings stay in the html report, marked."""
    baseline = tmp_path / "baseline.json"
    cli = [cachelint(), "check", "--no-cache", "."]
    subprocess.run([*cli, "--write-baseline", str(baseline)], cwd=generated, check=True)
    zlib = generated / "_cache/develop/zlib/specs.md"
    zlib.write_text(zlib.read_text().replace('"num_specs": 5', '"num_specs": 2'))  # fixed
    bzip2 = generated / "_cache/develop/bzip2/specs.md"
    bzip2.write_text(bzip2.read_text().replace('"num_specs": 1', '"num_specs": 4'))  # new
    output = tmp_path / "report.html"
    done = subprocess.run(
        [*cli, "--baseline", str(baseline), "--output-format", "html", "-o", str(output)],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    parsed = parse_report(output.read_text(encoding="utf-8"))
    assert parsed.facts["Baseline"] == str(baseline)
    marked = sorted((f["code"], f["path"], f["new"]) for f in parsed.findings())
    assert ("CL201", "_cache/develop/bzip2/specs.md", True) in marked
    known = [new for code, _, new in marked if code == "CL505"]
    assert known and not any(known)  # v1's miscount is known: shown, not new
    assert [row["File"] for row in parsed.rows("fixed")] == ["_cache/develop/zlib/specs.md"]


def test_baseline_sections_show_new_and_fixed(root: Path) -> None:
    new = diagnostic("CL104", message="new one", position=Position(6, 1, 6, 2))
    known = diagnostic()
    sample = Report(
        diagnostics=(known, new),
        checked_files=("_cache/develop/zlib/specs.md",),
        rules=RULES,
        root=root,
        read_text=lambda path: None,
        baseline=BaselineDelta(
            file="cachelint-baseline.json",
            new=(new,),
            baselined=1,
            fixed=(BaselineEntry("CL302", "_cache/develop/gone/specs.md", "was stale"),),
        ),
    )
    parsed = parse_report(render(sample))
    assert parsed.facts["Baseline"] == "cachelint-baseline.json"
    assert ("section", {"id": "baseline"}) in parsed.elements
    assert parsed.rows("fixed") == [
        {"Code": "CL302", "File": "_cache/develop/gone/specs.md", "Message": "was stale"}
    ]
    assert [(f["code"], f["new"]) for f in parsed.findings()] == [("CL201", False), ("CL104", True)]
    assert ("input", {"type": "checkbox", "name": "new", "value": "1"}) in parsed.elements


def test_a_long_list_of_fixed_findings_is_cut(root: Path) -> None:
    fixed = tuple(BaselineEntry("CL201", f"_cache/t/p{n}/specs.md") for n in range(FIXED_SHOWN + 2))
    delta = BaselineDelta(file="b.json", fixed=fixed)
    text = render(Report(diagnostics=(), root=root, baseline=delta))
    assert len(parse_report(text).rows("fixed")) == FIXED_SHOWN
    assert "… and 2 more." in text


def test_without_a_baseline_there_is_no_baseline_section(root: Path) -> None:
    parsed = parse_report(render(report([diagnostic()], root=root)))
    assert ("section", {"id": "baseline"}) not in parsed.elements
    assert not [attrs for tag, attrs in parsed.elements if attrs.get("name") == "new"]
    assert parsed.data["baseline"] is False


def test_the_report_without_findings(root: Path) -> None:
    parsed = parse_report(render(report([], root=root, checked=["_cache/develop/a/specs.md"])))
    assert parsed.facts["Pages clean"] == "100.0% (1 of 1)"
    assert parsed.data["findings"] == []
    assert "rule-table" not in parsed.tables


def test_html_on_stdout_keeps_the_summary_on_stderr(generated: Path) -> None:
    result = subprocess.run(
        [cachelint(), "check", "--no-cache", "--output-format", "html", "."],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>")
    assert "Found" in result.stderr


def test_other_formats_do_not_import_the_html_report(generated: Path) -> None:
    """A one-page hook run must not pay for the report's modules."""
    code = (
        "import sys\nfrom cachelint.cli.main import main\n"
        "status = main(['check', '--no-cache', '-q', '_cache/develop/zlib/specs.md'])\n"
        "print(status, 'cachelint.report.html' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=generated,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.stdout.split()[-2:] == ["1", "False"], result.stderr
