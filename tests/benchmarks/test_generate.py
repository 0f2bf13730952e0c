"""The synthetic catalog is deterministic, in the real format, and clean."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest
import yaml

from cachelint.cli.main import main as cachelint_main
from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.page import jsonlines as fastpath
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import iter_targets

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))
_spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
assert _spec is not None and _spec.loader is not None
generate = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generate)


def write(root: Path, seed: int = 7) -> dict[str, bytes]:
    generate.generate(root, megabytes=0.4, seed=seed)
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return {str(p.relative_to(root)): p.read_bytes() for p in files}


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    assert write(tmp_path / "a") == write(tmp_path / "b")
    assert write(tmp_path / "a") != write(tmp_path / "c", seed=8)


def test_pages_are_clean_under_every_rule(tmp_path: Path) -> None:
    write(tmp_path)
    registry = load_rules()
    selection = build_selection(known=registry.all_codes(), enabled_by_default=[], select=["ALL"])
    results = [
        check_target(target, CheckSettings(registry=registry, selection=selection))
        for target in iter_targets([str(tmp_path / "_cache")])
    ]
    assert len(results) > 10
    # CL403 (opt-in) expects specs sorted by hash, which legacy pages are not.
    codes = {d.code for result in results for d in result.diagnostics}
    assert codes <= {"CL403"}


def test_whole_catalog_is_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The data files too: the catalog rules (CL503-CL509) find nothing either.
    write(tmp_path)
    status = cachelint_main([str(tmp_path), "--no-cache", "--output-format", "concise"])
    assert status == 0, capsys.readouterr().out


def test_pages_have_the_real_layout(tmp_path: Path) -> None:
    write(tmp_path)
    pages = sorted(tmp_path.glob("_cache/*/*/specs.md"))
    eras = set()
    for page in pages:
        text = page.read_text(encoding="utf-8")
        lines = text.split("\n")
        assert not text.endswith("\n")
        assert lines[0] == lines[-1] == "---"
        assert lines[1] == f'title: "{page.parent.name}"'
        assert lines[2:4] == ["layout: cache", f"categories: [package, {page.parent.parent.name}]"]
        meta = json.loads(lines[4].removeprefix("meta: "))
        specs = json.loads(lines[5].removeprefix("spec_details: "))
        assert lines[4] == "meta: " + json.dumps(meta)
        assert lines[5] == "spec_details: " + json.dumps(specs)
        eras.add((next(iter(meta)), "tarball" in specs[0], "@=" in lines[5]))
        assert fastpath.parse("\n".join(lines[1:-1]) + "\n") is not None
    assert {("versions", True, True), ("compilers", False, False)} <= eras


def test_data_files(tmp_path: Path) -> None:
    write(tmp_path)
    tags = yaml.safe_load((tmp_path / "_data" / "tags.yaml").read_text(encoding="utf-8"))
    folders = {p.name for p in (tmp_path / "_cache").iterdir()}
    assert {tag["name"] for tag in tags} == folders
    declared = {tag["name"]: set(tag["stacks"]) for tag in tags}
    assert all("root" in stacks for stacks in declared.values())
    for page in tmp_path.glob("_cache/*/*/specs.md"):
        meta = json.loads(page.read_text(encoding="utf-8").split("\n")[4].removeprefix("meta: "))
        assert set(meta["stacks"]) <= declared[page.parent.parent.name]
    meta = yaml.safe_load((tmp_path / "_data" / "meta.yaml").read_text(encoding="utf-8"))
    total = sum(meta[name]["count"] for name in folders)
    assert meta["all"]["count"] == total  # an integer, as the site generator writes it
    for name in folders:
        assert (tmp_path / "pages" / "tags" / f"{name}.md").read_text().startswith("---\nlayout")
