"""Big pages within bounds (issue 12, case 11): memory grows with the page, not 40-fold.

A page of a few megabytes that the YAML parser must read (it is off the fast
path) and that has a finding used to compose a node tree for positions: some
45 bytes of memory per byte of page. The bound here is on memory only; speed
figures live in ``benchmarks/``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import derive_meta, spec

MIB = 1 << 20
BYTES_PER_BYTE = 16  # measured: about 12 (resident); the node tree alone took about 34
ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def _hash(number: int) -> str:
    return "".join(ALPHABET[(number >> (5 * i)) % 32] for i in range(32))


def big_page(path: Path, size: int) -> Path:
    """A page of about ``size`` bytes: one JSON line of specs, a stale count, a comment."""
    one = spec()
    specs = [dict(one, hash=_hash(i)) for i in range(size // (len(json.dumps(one)) + 2))]
    meta = dict(derive_meta(specs), num_specs=1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\n"
        'title: "bc"\n'
        "layout: cache  # a comment keeps the page off the fast path\n"
        "categories: [package, develop]\n"
        f"meta: {json.dumps(meta)}\n"
        f"spec_details: {json.dumps(specs)}\n"
        "---\n"
    )
    return path


MEASURE = """
import resource, sys
from pathlib import Path
from cachelint.run.checker import check_target
from cachelint.scope.discovery import make_target
from tests.tests_support import default_settings

settings = default_settings()
warm = Path(sys.argv[2])  # a small page first: imports and caches are not the page's
check_target(make_target(warm, display="warm.md", explicit=True), settings)
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = check_target(make_target(Path(sys.argv[1]), display="specs.md", explicit=True), settings)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
[finding] = result.diagnostics
print(finding.code, finding.position.line, finding.position.column, (after - before) * 1024)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="ru_maxrss is in KiB on Linux only")
def test_a_big_page_off_the_fast_path_is_checked_in_bounded_memory(tmp_path: Path) -> None:
    path = big_page(tmp_path / "_cache" / "develop" / "bc" / "specs.md", 3 * MIB // 2)
    warm = big_page(tmp_path / "_cache" / "develop" / "warm" / "specs.md", 20_000)
    run = subprocess.run(
        [sys.executable, "-c", MEASURE, str(path), str(warm)],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
        timeout=120,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    code, line, column, grown = run.stdout.split()
    assert (code, line, column) == ("CL201", "5", "50")
    size = path.stat().st_size
    assert int(grown) < BYTES_PER_BYTE * size, int(grown) / size
