"""Hostile and broken input: never a crash, a hang, or code run on our behalf."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cachelint.page import yamlparse
from cachelint.report import REPORTERS
from cachelint.run.runner import run_checks
from cachelint.scope.discovery import iter_targets
from tests.conftest import page_text
from tests.tests_support import default_settings

SAFETY_TIMEOUT = 60  # generous: the runs below finish in well under a second


def cachelint_json(*args: str, cwd: Path) -> tuple[int, list[dict]]:
    result = subprocess.run(
        [sys.executable, "-m", "cachelint", "check", "--output-format", "json", *args],
        capture_output=True,
        cwd=cwd,
        timeout=SAFETY_TIMEOUT,
        check=False,
    )
    assert b"Traceback" not in result.stderr, result.stderr
    return result.returncode, json.loads(result.stdout)


def codes(findings: list[dict]) -> list[tuple[str, str]]:
    return [(f["path"], f["code"]) for f in findings]


def test_billion_laughs_is_refused_quickly(tmp_path):
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    (tmp_path / "laughs.md").write_text("---\n" + "\n".join(lines) + "\n---\n")
    status, findings = cachelint_json("laughs.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("laughs.md", "CL005")])


def test_deep_nesting_is_refused(tmp_path):
    deep = "[" * 10_000 + "]" * 10_000
    (tmp_path / "deep.md").write_text(f"---\ntitle: x\nmeta: {deep}\n---\n")
    status, findings = cachelint_json("deep.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("deep.md", "CL006")])


@pytest.mark.parametrize("depth", [65, 999, 1000, 1001, 5000])
@pytest.mark.parametrize("loader", ["C", "pure"])
def test_nesting_limit_is_cl006_whichever_parser_layer_reaches_it(depth, loader, monkeypatch):
    # libyaml (PyYAML >= 6.0.2) stops at 1,000 levels with a scanner error of its own.
    if loader == "pure":
        monkeypatch.setattr(yamlparse, "_Loader", yaml.SafeLoader)
    elif not hasattr(yaml, "CSafeLoader"):
        pytest.skip("PyYAML built without libyaml")
    text = "meta: " + "[" * depth + "]" * depth + "\n"
    parsed = yamlparse.parse_yaml(text, first_line=2, max_depth=256)
    expected = "CL006" if depth > 256 else None
    assert [f.code for f in parsed.findings] == ([expected] if expected else [])


def test_huge_integer_is_a_finding(tmp_path):
    text = page_text().replace('"num_specs": 1', '"num_specs": ' + "9" * 5000)
    (tmp_path / "huge.md").write_text(text)
    status, findings = cachelint_json("huge.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("huge.md", "CL003")])


def test_max_file_size(tmp_path):
    (tmp_path / "page.md").write_text(page_text())
    status, findings = cachelint_json("--max-file-size", "100", "page.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("page.md", "CL006")])
    assert "over the max-file-size limit of 100 bytes" in findings[0]["message"]
    assert cachelint_json("--max-file-size", "1M", "page.md", cwd=tmp_path)[0] == 0


@pytest.mark.parametrize(
    "payload",
    [
        '!!python/object/apply:os.system ["touch {marker}"]',
        "!!python/name:os.system",
        '!!python/object/new:os.system ["touch {marker}"]',
    ],
)
def test_python_tags_construct_nothing(tmp_path, payload):
    marker = tmp_path / "marker"
    text = page_text().replace('title: "bc"', "title: " + payload.format(marker=marker))
    (tmp_path / "evil.md").write_text(text)
    status, findings = cachelint_json("evil.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("evil.md", "CL005")])
    assert not marker.exists()


def test_fifo_and_device_are_never_opened_for_reading(tmp_path):
    os.mkfifo(tmp_path / "pipe.md")  # reading would block forever
    (tmp_path / "_cache").mkdir()
    os.mkfifo(tmp_path / "_cache" / "walked.md")
    status, findings = cachelint_json("pipe.md", "/dev/zero", ".", cwd=tmp_path)
    assert status == 1
    # The FIFO met in the walk is reported too, never skipped in silence.
    assert codes(findings) == [
        ("/dev/zero", "CL001"),
        ("_cache/walked.md", "CL001"),
        ("pipe.md", "CL001"),
    ]
    assert all("FIFO" in findings[i]["message"] for i in (1, 2))


def test_fifo_named_gitignore_is_never_opened_for_reading(tmp_path):
    # It used to be read with a blocking open: the run hung for ever.
    (tmp_path / ".git").mkdir()
    folder = tmp_path / "_cache" / "develop" / "bc"
    folder.mkdir(parents=True)
    (folder / "specs.md").write_text(page_text())
    os.mkfifo(tmp_path / "_cache" / ".gitignore")
    assert cachelint_json(".", cwd=tmp_path) == (0, [])


def test_folder_named_like_a_page(tmp_path):
    (tmp_path / "_cache" / "t" / "p" / "specs.md").mkdir(parents=True)
    (tmp_path / "_cache" / "t" / "p" / "specs.md" / "inner.md").write_text(page_text())
    status, findings = cachelint_json(".", "_cache/t/p/specs.md/", cwd=tmp_path)
    # walked: a folder, so walked into; the page inside is checked (it has no tag folder shape)
    assert status == 0, findings


def test_symlink_loops(tmp_path):
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_cache" / "loop").symlink_to(tmp_path / "_cache")
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    status, findings = cachelint_json(".", "a.md", cwd=tmp_path)
    # b.md, met in the walk, is reported too; the folder link is not followed.
    assert (status, codes(findings)) == (1, [("a.md", "CL001"), ("b.md", "CL001")])


def test_very_long_path(tmp_path):
    status, findings = cachelint_json("x" * 5000 + ".md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("x" * 5000 + ".md", "CL001")])


def test_non_utf8_file_name(tmp_path):
    name = os.fsdecode(b"caf\xe9.md")
    folder = tmp_path / "_cache" / "t" / "p"
    folder.mkdir(parents=True)
    (folder / name).write_text("---\ntitle: [\n---")
    status, findings = cachelint_json(".", cwd=tmp_path)
    assert status == 1
    [finding] = findings
    assert finding["code"] == "CL003"
    assert finding["path"].startswith("_cache/t/p/caf")


def test_file_deleted_mid_run(tmp_path):
    for name in ("a", "b"):
        path = tmp_path / "_cache" / "t" / name / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_text(page_text(title=name, tag="t"))
    targets = list(iter_targets([str(tmp_path)]))
    targets[0].path.unlink()
    run = run_checks(targets, default_settings())
    assert [d.code for d in run.diagnostics] == ["CL001"]
    assert len(run.checked_files) == 2


@pytest.mark.parametrize("fastpath_off", ["0", "1"])
def test_the_depth_limit_holds_on_the_fast_path_too(tmp_path, monkeypatch, fastpath_off):
    monkeypatch.setenv("CACHELINT_NO_FASTPATH", fastpath_off)
    nested = "[" * 70 + "]" * 70
    text = page_text().replace(
        '"versions": ["1.07.1"]}', f'"versions": ["1.07.1"], "x": {nested}}}', 1
    )
    (tmp_path / "deep.md").write_text(text)
    status, findings = cachelint_json("deep.md", cwd=tmp_path)
    assert (status, codes(findings)) == (1, [("deep.md", "CL006")])


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_non_utf8_file_name_in_a_report_file(tmp_path, monkeypatch, cli, output_format):
    # Reports written with --output-file and the GitHub job summary used to stop
    # with an internal error on such a name; stdout always escaped it.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "summary.md"))
    (tmp_path / os.fsdecode(b"caf\xe9.md")).write_text("---\ntitle: [\n---")
    args = ["--isolated", "--output-format", output_format, "--output-file", "report"]
    outcome = cli("check", *args, os.fsdecode(b"caf\xe9.md"))
    assert (outcome.status, outcome.err) == (1, "")
    report = (tmp_path / "report").read_text(encoding="utf-8")
    if output_format == "html":  # the name is in the findings data: JSON, backslash escaped
        report = report.replace("\\\\", "\\")
    assert "caf\\udce9.md" in report or "caf%E9.md" in report or "caf\ufffd.md" in report
    if output_format == "github":
        # escaped for the terminal, then its backslash for Markdown: it renders as caf\udce9.md
        assert "caf\\\\udce9.md" in (tmp_path / "summary.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("loader", [yaml.SafeLoader, getattr(yaml, "CSafeLoader", None)])
def test_escaped_lone_surrogates_are_refused_by_either_parser(check_page, monkeypatch, loader):
    if loader is None:
        pytest.skip("PyYAML was built without libyaml")
    # The pure-Python parser used to let "\ud800" into the data, where --fix
    # could not encode it.
    monkeypatch.setattr(yamlparse, "_Loader", loader)
    text = page_text().replace('"hash": "', '"hash": "\\ud800', 1)
    assert [(code, line) for code, line, _ in check_page(text)] == [("CL003", 6)]
