"""The lean floor (benchmarks/floor.py) checks what it claims: it finds broken pages."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("orjson", reason="the floor parses with orjson (benchmarks/requirements.txt)")
pytest.importorskip("jsonschema_rs")

from tests.benchmarks.scripts import BENCHMARKS, load

floor = load("floor")
generate = load("generate")


@pytest.fixture(scope="module")
def catalog(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Larger than the shared catalog (conftest.py): the floor is held to more than ten pages."""
    root = tmp_path_factory.mktemp("catalog")
    generate.generate(root, megabytes=0.3, seed=7)
    return root


@pytest.fixture
def copy(catalog: Path, tmp_path: Path) -> Path:
    """A copy of the clean catalog that a test may break."""
    root = tmp_path / "catalog"
    for page in catalog.glob("_cache/*/*/specs.md"):
        target = root / page.relative_to(catalog)
        target.parent.mkdir(parents=True)
        target.write_bytes(page.read_bytes())
    return root


def counts(root: Path) -> dict[str, int]:
    """The floor's counts that are not zero."""
    return {name: count for name, count in floor.check(root, floor.schema_dir()).items() if count}


def edit_json(page: Path, key: str, change: Callable[[Any], None]) -> None:
    """Change the JSON line ``key: ...`` of the page's front matter."""
    lines = page.read_text(encoding="utf-8").split("\n")
    index = next(i for i, line in enumerate(lines) if line.startswith(f"{key}: "))
    value = json.loads(lines[index].removeprefix(f"{key}: "))
    change(value)
    lines[index] = f"{key}: {json.dumps(value)}"
    page.write_text("\n".join(lines), encoding="utf-8")


def pages(root: Path) -> list[Path]:
    return sorted(root.glob("_cache/*/*/specs.md"))


def test_clean_catalog_has_no_failures(catalog: Path) -> None:
    assert counts(catalog) == {"pages": len(pages(catalog))}
    assert len(pages(catalog)) > 10


def test_each_broken_invariant_is_counted(copy: Path) -> None:
    first, second, third = pages(copy)[:3]
    edit_json(first, "meta", lambda meta: meta.update(num_specs=meta["num_specs"] + 1))
    edit_json(second, "meta", lambda meta: meta["num_specs_by_stack"].update(root=10**6))
    # A summary set that misses one value: still valid, but not what the specs hold.
    edit_json(third, "meta", lambda meta: meta["compilers"].append("zzz@=1.0"))
    edit_json(third, "meta", lambda meta: meta["versions"].pop())
    found = counts(copy)
    assert found["invariant failures"] == 4
    assert "schema-invalid" not in found and "unparsable" not in found


def test_schema_invalid_and_unparsable_pages(copy: Path) -> None:
    first, second, third = pages(copy)[:3]
    edit_json(first, "spec_details", lambda specs: specs[0].update(hash="not-a-hash"))
    second.write_bytes(second.read_bytes().replace(b"layout: cache", b"layout: table"))
    third.write_bytes(third.read_bytes().removesuffix(b"---"))  # no closing fence
    found = counts(copy)
    assert (found["schema-invalid"], found["unparsable"]) == (2, 1)
    assert "invariant failures" not in found  # invalid pages skip the invariants


def test_script_prints_counts_and_exits_1_on_failures(copy: Path) -> None:
    command = [sys.executable, str(BENCHMARKS / "floor.py"), str(copy)]
    clean = subprocess.run(command, capture_output=True, text=True, check=False)
    assert clean.returncode == 0, clean.stderr
    total = len(pages(copy))
    assert clean.stdout.strip() == (
        f"floor: {total} pages, 0 unparsable, 0 schema-invalid, 0 invariant failures"
    )
    edit_json(pages(copy)[0], "meta", lambda meta: meta.update(num_specs=0))
    broken = subprocess.run(command, capture_output=True, text=True, check=False)
    assert broken.returncode == 1
    assert broken.stdout.endswith("1 invariant failures\n")


def test_floor_imports_nothing_of_cachelint(catalog: Path) -> None:
    command = [sys.executable, "-X", "importtime", str(BENCHMARKS / "floor.py"), str(catalog)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    imported = {line.rpartition("|")[2].strip() for line in done.stderr.splitlines()}
    assert {"orjson", "jsonschema_rs"} <= imported
    assert not {name for name in imported if name.partition(".")[0] == "cachelint"}


def test_plain_values_as_the_generators_write_them() -> None:
    assert floor.front_matter(b'---\ntitle: "zlib"\ncategories: [package, develop]\n---') == {
        "title": "zlib",
        "categories": ["package", "develop"],
    }
    assert floor.front_matter(b"---\ntitle: 'a'\nlayout: cache\n---\nbody")["title"] == "a"
    for raw in (b"title: x\n---", b"---\ntitle x\n---", b"---\ntitle: x\n"):
        with pytest.raises(floor.Unparsable):
            floor.front_matter(raw)
