"""Which pages are repaired, and which findings are marked fixable."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import make_target
from tests.fix.fixkit import SORTED_META, SPECS, page_text, run_cli, spec, write_page


def _check(path: Path, *select: str) -> dict[tuple[str, str], bool]:
    """``(code, pointer) -> fixable`` of every finding reported on ``path``."""
    records = run_cli("check", "--output-format", "json", *select, path).records()
    return {(r["code"], r["pointer"]): r["fixable"] for r in records}


def _fix_note(path: Path) -> str:
    registry = load_rules()
    selection = build_selection(
        known=registry.all_codes(),
        enabled_by_default=[d.code for d in registry.documented() if d.enabled],
    )
    target = make_target(path, display=str(path), explicit=True)
    return check_target(target, CheckSettings(registry, selection)).fix_note


def test_fixable_is_true_exactly_on_the_findings_fix_repairs(tmp_path: Path) -> None:
    specs = [*SPECS, spec("x" * 32, stacks=["e4s"])]  # not in root: CL203, not fixable
    meta = dict(SORTED_META, num_specs=3, targets=["x86_64_v3", "zen4", "zen5"])
    path = write_page(tmp_path, page_text(meta, specs))
    assert _check(path) == {
        ("CL201", "/meta/num_specs"): True,
        ("CL202", "/meta/num_specs_by_stack/e4s"): True,
        ("CL203", "/spec_details/3/stacks"): False,
        ("CL302", "/meta/targets/2"): True,
    }
    run_cli("check", "--fix", path)
    assert _check(path) == {("CL203", "/spec_details/3/stacks"): False}


def test_schema_findings_inside_derived_values_are_repaired(tmp_path: Path) -> None:
    meta = dict(SORTED_META, num_specs="3", targets=["x86_64_v3", "Zen4"])
    del meta["oss"]
    path = write_page(tmp_path, page_text(meta))
    assert _check(path) == {
        ("CL101", "/meta/oss"): True,
        ("CL102", "/meta/num_specs"): True,
        ("CL104", "/meta/targets/1"): True,
    }
    assert run_cli("check", "--fix", path).status == 0
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META)


@pytest.mark.parametrize(
    ("specs", "reason"),
    [
        ([dict(SPECS[0], hash="NOT-A-HASH"), *SPECS[1:]], "spec_details is not valid (CL104"),
        ([{k: v for k, v in SPECS[0].items() if k != "os"}], "spec_details is not valid (CL101"),
    ],
)
def test_invalid_spec_details_leave_the_page_untouched(
    tmp_path: Path, specs: list[dict[str, object]], reason: str
) -> None:
    text = page_text(dict(SORTED_META, num_specs=7, targets=["zz"]), specs)
    path = write_page(tmp_path, text)
    findings = _check(path)
    assert ("CL201", "/meta/num_specs") in findings, "the stale count is still reported"
    assert not any(findings.values())
    assert reason in _fix_note(path)

    result = run_cli("check", "--fix", "--verbose", path)
    assert path.read_text(encoding="utf-8") == text
    assert result.status == 1
    assert f"not fixed {path}: {reason}" in result.err
    assert "Fixed 0 findings in 0 files." in result.out


STALE = json.dumps(dict(SORTED_META, num_specs=4))
BLOCK_META = "\n" + "\n".join(f"  {key}: {json.dumps(value)}" for key, value in SORTED_META.items())


@pytest.mark.parametrize(
    ("meta", "reason"),
    [
        (dict(SORTED_META, num_specs=4, extra="x"), "meta is broken beyond its derived values"),
        ("[1, 2]", "meta is broken beyond its derived values (CL102 at /meta)"),
        (STALE.replace('"num_specs": 4, ', '"num_specs": 4,\n  '), "meta is not written on one"),
        (BLOCK_META.replace("num_specs: 3", "num_specs: 4"), "meta is not written on one line"),
        (STALE.replace('"num_specs": 4', "num_specs: 4"), "meta is not written the way json"),
        (STALE.replace('"num_specs": 4, ', '"num_specs":4, '), "meta is not written the way"),
    ],
    ids=["unknown-key", "not-a-mapping", "two-lines", "block-style", "yaml-flow", "mixed-spacing"],
)
def test_meta_that_cannot_be_rewritten_leaves_the_page_untouched(
    tmp_path: Path, meta: object, reason: str
) -> None:
    text = page_text(meta)
    path = write_page(tmp_path, text)
    result = run_cli("check", "--fix", "--verbose", path)
    assert path.read_text(encoding="utf-8") == text
    assert "Fixed 0 findings in 0 files." in result.out
    assert f"not fixed {path}: {reason}" in result.err
    assert not any(_check(path).values())


def test_a_meta_with_missing_keys_is_completed(tmp_path: Path) -> None:
    path = write_page(tmp_path, page_text({"num_specs": 4}))
    findings = _check(path)
    assert len(findings) == 8 and all(findings.values())  # 7 keys missing, CL201
    assert run_cli("check", "--fix", path).status == 0
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META)


def test_unparsable_pages_say_why_they_are_not_fixed(tmp_path: Path) -> None:
    text = page_text(SORTED_META).replace("layout: cache", "layout: [cache")
    path = write_page(tmp_path, text)
    result = run_cli("check", "--fix", "--verbose", path)
    assert f"not fixed {path}: the page could not be read or parsed (CL003)" in result.err
    assert path.read_text(encoding="utf-8") == text
    assert result.status == 1


def test_cl403_is_repaired_only_when_selected(tmp_path: Path) -> None:
    text = page_text(SORTED_META, SPECS[::-1])
    path = write_page(tmp_path, text)
    assert _check(path) == {}
    assert run_cli("check", "--fix", path).status == 0
    assert path.read_text(encoding="utf-8") == text

    assert _check(path, "--extend-select", "CL403") == {("CL403", "/spec_details/1/hash"): True}
    assert run_cli("check", "--fix", "--extend-select", "CL403", path).status == 0
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META, SPECS)


def test_meta_is_rewritten_as_a_whole_when_one_of_its_findings_is_reported(
    tmp_path: Path,
) -> None:
    path = write_page(tmp_path, page_text(dict(SORTED_META, num_specs=9, targets=["zen4"])))
    result = run_cli("check", "--fix", "--ignore", "CL201", path)
    assert "Fixed 1 finding in 1 file." in result.out
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META)


def test_a_page_without_reported_findings_is_not_rewritten(tmp_path: Path) -> None:
    text = page_text(dict(SORTED_META, num_specs=9))
    path = write_page(tmp_path, text)
    result = run_cli("check", "--fix", "--ignore", "CL201", path)
    assert "Fixed 0 findings in 0 files." in result.out
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("comment", "where"),
    [("  # cachelint: disable=CL201", "meta line"), ("# cachelint: disable=CL201", "page")],
)
def test_a_suppressed_finding_leaves_its_value_alone(
    tmp_path: Path, comment: str, where: str
) -> None:
    # --fix used to rewrite the value anyway; CL010 then called the comment unused.
    text = page_text(dict(SORTED_META, num_specs=9))
    meta_line = next(line for line in text.split("\n") if line.startswith("meta: "))
    commented = meta_line + comment if where == "meta line" else f"{comment}\n{meta_line}"
    text = text.replace(meta_line, commented)
    path = write_page(tmp_path, text)
    assert _check(path, "--select", "ALL") == {}
    result = run_cli("check", "--fix", "--select", "ALL", path)
    assert "Fixed 0 findings in 0 files." in result.out
    assert path.read_text(encoding="utf-8") == text
    assert "CL010" not in result.out


def test_an_unsuppressed_finding_elsewhere_is_still_repaired(tmp_path: Path) -> None:
    text = page_text(SORTED_META, SPECS[::-1], extra=("# cachelint: disable=CL201",))
    path = write_page(tmp_path, text)
    assert run_cli("check", "--fix", "--select", "ALL", path).status == 0
    assert path.read_text(encoding="utf-8") == text.replace(
        json.dumps(SPECS[::-1]), json.dumps(SPECS)
    )


def test_flat_legacy_pages_are_not_repaired(tmp_path: Path) -> None:
    text = "---\ntitle: zlib\ncategory: package\nmeta: {versions: 1}\nspec_files: []\n---\n"
    path = write_page(tmp_path, text)
    findings = _check(path)
    assert findings and not any(findings.values())
    run_cli("check", "--fix", path)
    assert path.read_text(encoding="utf-8") == text
