"""The round-trip proof: break a clean real page's meta, --fix it, get the page back.

Runs on every tagged page of the shared corpus that has no findings (skipped
when the corpus is absent) and always on the copies in tests/data/fix-corpus.
Each breakage is applied to every page at once and repaired by one run of the
real CLI over the copied tree.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.fix.fixkit import FIXTURES, REAL, SHARED_CORPUS, leftovers, run_cli

Meta = dict[str, Any]
META_PREFIX = "meta: "
SPECS_PREFIX = "spec_details: "


def _bump_counts(meta: Meta) -> None:
    meta["num_specs"] += 1
    first = next(iter(meta["num_specs_by_stack"]))
    meta["num_specs_by_stack"][first] += 2


def _drop_member(meta: Meta) -> None:
    meta["targets"].pop()


def _add_stale_member(meta: Meta) -> None:
    meta["compilers"].append("zzcc@1.0")
    meta["versions"].insert(0, "0.0.0-stale")


def _drop_first_stack(meta: Meta) -> None:
    stacks = meta["num_specs_by_stack"]
    del stacks[next(iter(stacks))]


def _drop_last_stack(meta: Meta) -> None:
    stacks = meta["num_specs_by_stack"]
    del stacks[list(stacks)[-1]]


def _add_extra_stack(meta: Meta) -> None:
    meta["num_specs_by_stack"]["zz-extra"] = 4
    meta["stacks"].append("zz-extra")


def _unsort(meta: Meta) -> None:
    lists = [meta[key] for key in ("versions", "stacks", "compilers", "targets", "oss")]
    longer = [values for values in lists if len(values) > 1]
    if longer:
        longer[0].reverse()
    else:
        meta["oss"].append(meta["oss"][0])  # a repeated value is unsorted too


def _drop_key(meta: Meta) -> None:
    del meta["oss"]


def _everything(meta: Meta) -> None:
    for breakage in (_bump_counts, _drop_member, _add_stale_member, _unsort, _add_extra_stack):
        breakage(meta)
    _drop_first_stack(meta)


BREAKAGES: dict[str, Callable[[Meta], None]] = {
    "counts": _bump_counts,
    "missing-list-member": _drop_member,
    "stale-list-member": _add_stale_member,
    "missing-first-stack": _drop_first_stack,
    "missing-last-stack": _drop_last_stack,
    "extra-stack": _add_extra_stack,
    "unsorted-list": _unsort,
    "missing-derived-key": _drop_key,
    "everything": _everything,
}


def _clean_pages(root: Path, *select: str) -> list[Path]:
    """Tagged pages below ``root`` on which ``cachelint check`` finds nothing."""
    pages = sorted(p for p in (root / "_cache").glob("*/*/specs.md"))
    result = run_cli("check", "--no-cache", "--output-format", "json", *select, *pages)
    dirty = {record["path"] for record in result.records()}
    return [page for page in pages if str(page) not in dirty]


def _copy_tree(pages: list[Path], source_root: Path, dest: Path) -> dict[Path, bytes]:
    """Copy pages below ``dest`` keeping ``_cache/<tag>/<package>/``; their bytes by copy."""
    copies: dict[Path, bytes] = {}
    for page in pages:
        copy = dest / page.relative_to(source_root)
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, copy)
        copies[copy] = page.read_bytes()
    return copies


def _rewrite_line(path: Path, prefix: str, change: Callable[[Any], Any]) -> None:
    """Change the JSON value on the line starting with ``prefix``, written as generators do."""
    text = path.read_bytes().decode("utf-8")
    lines = text.split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(prefix))
    written = lines[index][len(prefix) :]
    value = json.loads(written)
    assert json.dumps(value) == written, "corpus pages are written by json.dumps defaults"
    lines[index] = prefix + json.dumps(change(value))
    path.write_bytes("\n".join(lines).encode("utf-8"))


def _mutated(breakage: Callable[[Meta], None]) -> Callable[[Meta], Meta]:
    def change(meta: Meta) -> Meta:
        breakage(meta)
        return meta

    return change


def _roots() -> list[Any]:
    return [
        pytest.param(FIXTURES, id="tests-data"),
        pytest.param(REAL, id="kept-real-pages"),
        pytest.param(
            SHARED_CORPUS,
            id="shared-corpus",
            marks=pytest.mark.skipif(
                not (SHARED_CORPUS / "_cache").is_dir(), reason="shared corpus is absent"
            ),
        ),
    ]


@pytest.fixture(scope="module", params=_roots())
def clean_pages(request: pytest.FixtureRequest) -> tuple[Path, list[Path]]:
    root = request.param.resolve()
    pages = _clean_pages(root)
    assert pages, f"no clean tagged page below {root}"
    return root, pages


@pytest.mark.parametrize("name", BREAKAGES)
def test_fix_restores_every_clean_page_byte_for_byte(
    clean_pages: tuple[Path, list[Path]], name: str, tmp_path: Path
) -> None:
    root, pages = clean_pages
    copies = _copy_tree(pages, root, tmp_path)
    for copy in copies:
        _rewrite_line(copy, META_PREFIX, _mutated(BREAKAGES[name]))

    found = run_cli("check", "--output-format", "json", tmp_path).records()
    assert {Path(r["path"]) for r in found} == set(copies), "every broken page is reported"
    assert all(r["fixable"] for r in found), [r for r in found if not r["fixable"]]

    fixed = run_cli("check", "--fix", tmp_path)
    assert fixed.status == 0, fixed.out + fixed.err
    assert f"Fixed {len(found)} findings in {len(copies)} files." in fixed.out
    changed = [str(copy) for copy, original in copies.items() if copy.read_bytes() != original]
    assert changed == []
    assert all(leftovers(copy.parent) == [] for copy in copies)

    if name == "everything":
        again = run_cli("check", "--fix", tmp_path)
        assert "Fixed 0 findings in 0 files." in again.out
        assert all(copy.read_bytes() == original for copy, original in copies.items())


def test_fix_sorts_shuffled_specs_back_when_cl403_is_selected(
    clean_pages: tuple[Path, list[Path]], tmp_path: Path
) -> None:
    root, _ = clean_pages
    sorted_pages = _clean_pages(root, "--extend-select", "CL403")
    copies = _copy_tree(sorted_pages, root, tmp_path)
    shuffled = [copy for copy in copies if copy.read_bytes().count(b'"hash"') > 1]
    if not shuffled:
        pytest.skip("no page with two specs sorted by hash")
    for copy in shuffled:
        _rewrite_line(copy, SPECS_PREFIX, lambda specs: specs[::-1])
        _rewrite_line(copy, META_PREFIX, _mutated(_bump_counts))

    meta_only = run_cli("check", "--fix", tmp_path)
    assert meta_only.status == 0
    assert all(copy.read_bytes() != copies[copy] for copy in shuffled), "CL403 is off by default"

    fixed = run_cli("check", "--fix", "--extend-select", "CL403", tmp_path)
    assert fixed.status == 0, fixed.out + fixed.err
    assert [str(c) for c, original in copies.items() if c.read_bytes() != original] == []
