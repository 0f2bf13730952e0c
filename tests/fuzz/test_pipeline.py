"""Fuzz properties: any page goes through every stage, every format and ``--fix`` safely.

For each generated page (see :mod:`tests.fuzz.strategies`), under an odd file
name and with either YAML parser: no exception escapes and no rule crashes; the
exit status is 0 or 1; every output format keeps its promises (JSON parses,
SARIF validates, one line per diagnostic where that is the format); and
``--fix`` on a copy writes only the lines it owns, never adds a finding, leaves
no temporary file, and a second ``--fix`` has nothing left to do.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import event, given, note
from hypothesis import strategies as st

from cachelint.cli.main import main
from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.fix.writer import TEMP_SUFFIX
from cachelint.limits import DEFAULT_LIMITS, MAX_DEPTH_CEILING, Limits
from cachelint.model import Diagnostic, Severity
from cachelint.page import yamlparse
from cachelint.page.source import BOM_BYTES
from cachelint.record import replace
from cachelint.report import REPORTERS, RenderOptions, Report
from cachelint.report.base import rule_infos
from cachelint.rules.registry import load_rules
from cachelint.run.fixing import fix_targets
from cachelint.run.runner import RunResult, exit_status, run_checks
from cachelint.scope.discovery import make_target
from tests.fuzz.budget import fuzz_settings
from tests.fuzz.oracles import OUTPUT_CHECKS, changed_lines, owned_lines
from tests.fuzz.strategies import FuzzPage, pages

REGISTRY = load_rules()
# Package folder names: plain, not UTF-8, URI and property specials, a line break.
PACKAGES = ("bc", os.fsdecode(b"caf\xe9"), "a b%20,c:d[x]", "new\nline", "ünï😀\u202e")
# libyaml, and the pure-Python parser cachelint falls back to without it.
PARSERS = {"libyaml": getattr(yaml, "CSafeLoader", yaml.SafeLoader), "pure": yaml.SafeLoader}


def _settings(limits: Limits = DEFAULT_LIMITS, **selection: list[str]) -> CheckSettings:
    return CheckSettings(
        registry=REGISTRY,
        selection=build_selection(
            known=REGISTRY.all_codes(),
            enabled_by_default=[d.code for d in REGISTRY.documented() if d.enabled],
            **selection,
        ),
        limits=limits,
    )


SELECTIONS = {
    "default": _settings(),
    "ALL": _settings(select=["ALL"]),
    "+CL403": _settings(extend_select=["CL403"]),
    "ALL, deepest": _settings(Limits(max_depth=MAX_DEPTH_CEILING), select=["ALL"]),
}


@contextlib.contextmanager
def written(page: FuzzPage, package: str = "bc") -> Iterator[Path]:
    """The page's bytes at ``_cache/develop/<package>/specs.md`` in a fresh folder."""
    note(f"recipe: {' + '.join(page.recipe)}")
    with tempfile.TemporaryDirectory(prefix="cachelint-fuzz-") as folder:
        path = Path(folder) / "_cache" / "develop" / package / "specs.md"
        path.parent.mkdir(parents=True)
        path.write_bytes(page.raw)
        yield path


def _check(path: Path, settings: CheckSettings) -> RunResult:
    run = run_checks([make_target(path, display=str(path), explicit=True)], settings)
    crashes = [d.message for d in run.diagnostics if d.code == INTERNAL_ERROR]
    assert crashes == []
    return run


def _render_every_format(run: RunResult, root: Path) -> None:
    report = Report(
        diagnostics=tuple(run.diagnostics),
        checked_files=tuple(run.checked_files),
        rules=rule_infos(REGISTRY.documented()),
        root=root,
        options=RenderOptions(step_summary=root / "step-summary.md"),
    )
    for name, render in REPORTERS.items():
        stream = io.StringIO()
        render(report, stream)
        output = stream.getvalue()
        # No lone surrogates but the escaped bytes of a file name that is not UTF-8.
        output.encode("utf-8", "surrogateescape")
        OUTPUT_CHECKS[name](output, len(run.diagnostics))
    render_full = REPORTERS["full"]
    render_full(replace(report, options=RenderOptions(color=True, width=20)), io.StringIO())
    (root / "step-summary.md").read_text(encoding="utf-8")


def _errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def _assert_fix_is_safe(
    path: Path, before: RunResult, settings: CheckSettings, *, loader: type
) -> None:
    original = path.read_bytes()
    target = make_target(path, display=str(path), explicit=True)
    outcome = fix_targets([target], settings, write=True)
    assert outcome.failures == []
    assert not outcome.run.internal_error
    assert [p.name for p in path.parent.iterdir() if TEMP_SUFFIX in p.name] == []
    after = path.read_bytes()
    remaining = outcome.run.diagnostics
    if not _errors(before.diagnostics):
        assert _errors(remaining) == [], "--fix turned a page without errors into one with"
    assert {d.code for d in remaining} <= {d.code for d in before.diagnostics}
    event("repaired" if after != original else "not repaired")
    if after == original:
        assert outcome.repaired_files == []
        return
    if original.startswith(BOM_BYTES) and not after.startswith(BOM_BYTES):
        original = original[len(BOM_BYTES) :]  # CL007's repair: the mark alone is gone
    if after != original:  # more than the mark: only the values --fix owns changed
        owned = {"meta", "spec_details"} if "CL403" in settings.selection else {"meta"}
        allowed = owned_lines(original, frozenset(owned), loader=loader)
        assert changed_lines(original, after) <= allowed
    again = fix_targets([target], settings, write=True)
    assert again.repaired_files == [], "a second --fix found more to do"
    assert path.read_bytes() == after


@fuzz_settings(ci_examples=150)
@given(
    page=pages(),
    selection=st.sampled_from(sorted(SELECTIONS)),
    package=st.sampled_from(PACKAGES),
    parser=st.sampled_from(sorted(PARSERS)),
)
def test_any_page_goes_through_every_stage_format_and_fix(
    page: FuzzPage, selection: str, package: str, parser: str
) -> None:
    settings, loader = SELECTIONS[selection], PARSERS[parser]
    with written(page, package) as path, pytest.MonkeyPatch.context() as patch:
        patch.setattr(yamlparse, "_Loader", loader)
        run = _check(path, settings)
        assert exit_status(run) in (0, 1)
        event(f"codes: {','.join(sorted({d.code[:4] for d in run.diagnostics})) or 'clean'}")
        _render_every_format(run, path.parents[3])
        _assert_fix_is_safe(path, run, settings, loader=loader)


MODES = {"check": [], "fix": ["--fix"], "diff": ["--diff"], "statistics": ["--statistics"]}


@fuzz_settings(ci_examples=50)
@given(
    page=pages(),
    output_format=st.sampled_from(sorted(REPORTERS)),
    mode=st.sampled_from(sorted(MODES)),
    extra=st.sampled_from(
        [[], ["--select", "ALL"], ["--extend-select", "CL403"], ["--max-depth", "256"]]
    ),
    package=st.sampled_from(PACKAGES),
    to_file=st.booleans(),
)
def test_the_command_line_exits_0_or_1(
    page: FuzzPage, output_format: str, mode: str, extra: list[str], package: str, to_file: bool
) -> None:
    with written(page, package) as path, pytest.MonkeyPatch.context() as env:
        env.delenv("GITHUB_STEP_SUMMARY", raising=False)
        report = path.parents[3] / "report.out"
        output = ["--output-file", str(report)] if to_file else []
        out, err = io.StringIO(), io.StringIO()
        args = ["check", "--debug", "--isolated", "--output-format", output_format, *output]
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main([*args, *MODES[mode], *extra, str(path)])
        assert status in (0, 1), err.getvalue()
        if output_format in JSON_FORMATS and mode in ("check", "fix"):
            text = report.read_text(encoding="utf-8") if to_file else out.getvalue()
            JSON_FORMATS[output_format](text)


def _json_lines(text: str) -> None:
    for line in text.splitlines():
        json.loads(line)


JSON_FORMATS = {
    "json": json.loads,
    "gitlab": json.loads,
    "sarif": json.loads,
    "json-lines": _json_lines,
}
