"""--shard K/N: the shards of a matrix find, together, exactly what one run finds."""

from __future__ import annotations

import importlib.util
import io
import json
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
import yaml

from cachelint.cli.main import main
from cachelint.scope.shard import shard_of

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
FOUND = re.compile(r"in (\d+) of (\d+) pages?|All checks passed \((\d+) pages?")


def load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def broken_catalog(tmp_path_factory) -> Path:
    """A synthetic catalog (about 150 pages in 110 tags) with broken pages and site data."""
    root = tmp_path_factory.mktemp("sharded") / "catalog"
    load_generator().generate(root, megabytes=2.5, seed=7)
    pages = sorted(root.glob("_cache/*/*/specs.md"))
    tags = sorted({page.parent.parent.name for page in pages})
    _edit(pages[0], '"num_specs": ', '"num_specs": 1', count_only=True)  # CL201, CL505 unknown
    _edit(pages[10], "spec_details: [", "spec_details: [[")  # a YAML error
    _edit(pages[20], '"stacks": ["', '"stacks": ["undeclared", "', last=True)  # CL504
    declared = yaml.safe_load((root / "_data/tags.yaml").read_text())
    (root / "_data/tags.yaml").write_text(yaml.safe_dump(declared[1:]))  # CL503, CL509
    meta = yaml.safe_load((root / "_data/meta.yaml").read_text())
    meta[tags[5]]["count"] += 1  # CL505
    meta["all"]["count"] += 2  # CL506
    meta["v0.1.0"] = {"compilers": {}, "count": 0, "parameters": {}}  # CL509: no folder
    (root / "_data/meta.yaml").write_text(yaml.safe_dump(meta))
    tag_page = root / "pages" / "tags" / f"{tags[7]}.md"
    tag_page.write_text(tag_page.read_text().replace("permalink: /tag/", "permalink: /tags/"))
    return root


def _edit(page: Path, old: str, new: str, *, count_only: bool = False, last: bool = False) -> None:
    text = page.read_text(encoding="utf-8")
    assert old in text
    if last:  # in the last spec, not in meta
        head, _, tail = text.rpartition(old)
        page.write_text(head + new + tail, encoding="utf-8")
    elif count_only:  # the first number after ``old``: meta.num_specs
        start = text.index(old) + len(old)
        end = start + len(re.match(r"\d+", text[start:]).group())
        page.write_text(text[:start] + str(int(text[start:end]) + 1) + text[end:], "utf-8")
    else:
        page.write_text(text.replace(old, new, 1), encoding="utf-8")


Found = tuple[list[dict], int]


@pytest.fixture(scope="module")
def sharded(broken_catalog):
    """``sharded(K, N)``: the findings and file count of a shard (``sharded()``: unsharded)."""
    runs: dict[tuple[int, int], Found] = {}

    def get(index: int = 1, count: int = 1) -> Found:
        if (index, count) not in runs:
            args = ["--shard", f"{index}/{count}"] if count > 1 else []
            runs[index, count] = run(broken_catalog, *args)
        return runs[index, count]

    return get


def run(root: Path, *args: str) -> Found:
    """The findings (as JSON records) and the number of files checked."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        status = main(
            ["check", str(root), "--select", "ALL", "--no-cache", "--output-format", "json", *args]
        )
    assert status in (0, 1), err.getvalue()
    match = FOUND.search(err.getvalue())
    assert match, err.getvalue()
    return json.loads(out.getvalue()), int(match.group(2) or match.group(3))


def key(record: dict) -> str:
    return json.dumps(record, sort_keys=True)


@pytest.mark.parametrize("count", [2, 5])
def test_the_union_of_the_shards_is_the_unsharded_run(sharded, count):
    whole, whole_files = sharded()
    codes = {record["code"] for record in whole}
    assert {"CL003", "CL201", "CL503", "CL504", "CL505", "CL506", "CL507", "CL509"} <= codes
    shards = [sharded(k, count) for k in range(1, count + 1)]
    union = sorted(key(record) for found, _ in shards for record in found)
    assert union == sorted(key(record) for record in whole)  # each finding exactly once
    assert sum(files for _, files in shards) == whole_files  # each file exactly once
    assert all(files for _, files in shards)  # no shard is empty


def test_whole_catalog_findings_are_in_the_first_shard(sharded):
    first = {record["code"] for record in sharded(1, 5)[0]}
    others = {record["code"] for k in range(2, 6) for record in sharded(k, 5)[0]}
    assert {"CL506", "CL509"} <= first
    assert not others & {"CL506", "CL508", "CL509"}


def test_whole_tag_findings_are_in_the_shard_of_the_tag(sharded):
    owners = {
        re.match(r"(\S+)\.count", record["message"]).group(1): k
        for k in range(1, 6)
        for record in sharded(k, 5)[0]
        if record["code"] == "CL505"
    }
    assert owners
    assert all(shard_of(f"_cache/{tag}", 5) == k for tag, k in owners.items())


def test_a_named_page_of_another_shard_is_skipped_with_a_note(broken_catalog, cli):
    page = sorted(broken_catalog.glob("_cache/*/*/specs.md"))[0]
    owner = shard_of(f"_cache/{page.parent.parent.name}", 2)
    other = 3 - owner
    result = cli("check", "-v", "--shard", f"{other}/2", str(page))
    assert f"skipped {page}: in shard {owner}/2" in result.err
    assert cli("check", "--shard", f"{owner}/2", "--select", "CL201", str(page)).status == 1


@pytest.mark.parametrize("text", ["0/2", "3/2", "two/4"])
def test_a_bad_shard_is_a_usage_error(cli, text, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli("check", "--shard", text)
    assert exit_.value.code == 2
    assert "argument --shard" in capsys.readouterr().err
