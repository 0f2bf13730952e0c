"""The example plugin of docs/plugins.md, installed as a real package, runs end to end.

It is installed with pip into a folder of its own and put on ``PYTHONPATH`` of
the ``cachelint`` processes started here, so the test environment is left as
it was (and other tests never see its rule).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from cachelint.report import REPORTERS
from tests.conftest import real_corpora

CUSZ = "_cache/v0.20.0/cusz/specs.md"
HASH = "ulda3wxbktrgkjsc4pe7gn5nt62zibeq"


@pytest.fixture(scope="session")
def plugin_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the installed example plugin (skips when pip cannot build it)."""
    source = Path(__file__).resolve().parents[2] / "examples" / "plugin"
    target = tmp_path_factory.mktemp("plugin-site")
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps"]
    command += ["--no-build-isolation", "--no-index", "--target", str(target), str(source)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"cannot run pip to install the example plugin: {exc}")
    if done.returncode != 0:
        reason = (done.stderr or done.stdout).strip().splitlines()[-1:]
        pytest.skip(f"cannot install the example plugin (is hatchling installed?): {reason}")
    return target


def cachelint(plugin_path: Path, *args: str, cwd: Path | None = None):
    """Run the installed ``cachelint`` with the example plugin importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(plugin_path), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-m", "cachelint", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
        check=False,
    )


@pytest.fixture
def catalog(tmp_path: Path, repo: Path) -> Path:
    """Two copies of the real cusz page: one clean, one whose tarball names another tag."""
    clean = (repo / "examples" / "catalog" / CUSZ).read_text(encoding="utf-8")
    wrong = clean.replace("/v0.20.0/build_cache/", "/v0.19.0/build_cache/").replace(
        f"-{HASH}.spack", "-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.spack"
    )
    assert wrong != clean
    for name, text in (("cusz", clean), ("cusz-wrong", wrong)):
        page = tmp_path / "_cache" / "v0.20.0" / name / "specs.md"
        page.parent.mkdir(parents=True)
        page.write_text(text.replace('title: "cusz"', f'title: "{name}"'), encoding="utf-8")
    return tmp_path


def test_rules_lists_the_plugin_with_its_distribution(plugin_path):
    listing = cachelint(plugin_path, "rules").stdout
    line = next(line for line in listing.splitlines() if line.startswith("TB101"))
    assert re.search(r"tarball-mismatch\s+error\s+on\s+no\s+cachelint-tarball-check==0\.1\.0", line)


def test_rule_prints_the_plugin_documentation(plugin_path):
    text = cachelint(plugin_path, "rule", "TB101").stdout
    assert text.startswith("TB101 tarball-mismatch\n")
    assert "What it checks: A spec's `tarball` URL does not name" in text
    assert "Failing (the URL names another spec's hash and tag):" in text
    assert "Origin:             cachelint-tarball-check==0.1.0" in text


@pytest.mark.parametrize("output_format", sorted(REPORTERS))
def test_findings_appear_in_every_output_format(plugin_path, catalog, output_format):
    done = cachelint(plugin_path, "check", "--output-format", output_format, ".", cwd=catalog)
    assert done.returncode == 1, done.stderr
    # Only what every format must show: formats escape messages in their own ways.
    assert "TB101" in done.stdout
    assert "cusz-wrong" in done.stdout


def test_concise_finding_points_at_the_tarball(plugin_path, catalog):
    done = cachelint(
        plugin_path, "check", "--select", "TB", "--output-format", "concise", ".", cwd=catalog
    )
    (line,) = done.stdout.splitlines()[:-1]  # nothing on the clean page
    assert line.startswith("_cache/v0.20.0/cusz-wrong/specs.md:6:")
    assert line.endswith(
        f": TB101 spec_details[0].tarball does not name the spec's hash {HASH!r}, tag 'v0.20.0'"
    )


def test_selection_and_suppression_apply_to_plugin_codes(plugin_path, catalog):
    # The built-in CL621 checks the same URLs (the reference the example simplifies).
    ignore = ("--ignore", "CL621")
    assert cachelint(plugin_path, "check", *ignore, ".", cwd=catalog).returncode == 1
    assert cachelint(plugin_path, "check", "--ignore", "TB,CL621", ".", cwd=catalog).returncode == 0
    page = catalog / "_cache" / "v0.20.0" / "cusz-wrong" / "specs.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("---\n", "---\n# cachelint: disable=TB101\n", 1))
    assert cachelint(plugin_path, "check", *ignore, ".", cwd=catalog).returncode == 0


@pytest.mark.parametrize("corpus", real_corpora())
def test_every_real_tarball_names_its_spec(plugin_path, corpus):
    args = ("check", "--no-cache", "--select", "TB", "--statistics", str(corpus))
    done = cachelint(plugin_path, *args)
    assert done.returncode in (0, 1), done.stderr  # the flat index pages are CL003
    assert "TB101" not in done.stdout
