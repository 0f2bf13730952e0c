"""One page in a pre-commit hook imports only what checking one page needs.

A hook starts cachelint once per commit: every module imported at start is paid
on every commit. ``PYTHONPROFILEIMPORTTIME`` makes the installed script list
what it imports; these tests run it as a hook does, on one page of a catalog
(its result cached, then the page changed), and name the modules that such a
run must never import. The lists are behaviour, not timing: a module here is
imported only by a code path that the run does not take.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.catalog.builder import CatalogBuilder
from tests.helpers import cachelint_command

# Never for one page checked and reported in the default format, changed or not.
NEVER = (
    "jsonschema",  # the pure-Python explainer: only for a page the verdict rejects
    "yaml",  # a JSON-lines page, and the site data already parsed (the memo)
    "importlib.metadata",  # the entry points are remembered in the cache store
    "cachelint.fix",  # --fix and --diff only
    "cachelint.baseline",  # --baseline and --write-baseline only
    "cachelint.report.html",  # formats not chosen
    "cachelint.report.sarif",
    "cachelint.report.junit",
    "cachelint.rules.doc",  # cachelint rule / rules
    "cachelint.cli.usage",  # a usage error, or ``cachelint PATH``
    "shutil",  # argparse's formatter, and with it bz2 and lzma
    "difflib",  # did-you-mean suggestions
    "secrets",  # and with it random: the cache store's names and key come from os.urandom
)
# Nor, when the page's result is cached: its checks do not run.
NEVER_CACHED = (*NEVER, "jsonschema_rs", "archspec", "cachelint.page.yamlparse")

_IMPORTED = re.compile(r"^import time:\s+\d+ \|\s+\d+ \|\s*(\S+)\s*$", re.MULTILINE)


def profiled(command: list[str], cache: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1", "CACHELINT_CACHE_DIR": str(cache)}
    environment.pop("CACHELINT_OUTPUT_FORMAT", None)
    return subprocess.run(
        command, capture_output=True, text=True, env=environment, cwd=cwd, timeout=60, check=False
    )


def imported(command: list[str], page: Path, cache: Path) -> set[str]:
    """The modules ``command check PAGE`` imports that the bare interpreter does not.

    Whatever the interpreter's own start imports (``site``, and any ``.pth`` file
    of the environment) is left out: cachelint cannot choose it.
    """
    done = profiled([*command, "check", str(page)], cache, page.parent)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    modules = set(_IMPORTED.findall(done.stderr))
    assert "cachelint.cli.main" in modules  # the profile was read
    bare = profiled([sys.executable, "-c", "pass"], cache, page.parent)
    return modules - set(_IMPORTED.findall(bare.stderr))


def unwanted(modules: set[str], never: tuple[str, ...]) -> list[str]:
    """The modules of ``never`` (or below them) that were imported."""
    return sorted(m for m in modules for n in never if m == n or m.startswith(f"{n}."))


@pytest.fixture
def page(tmp_path: Path) -> Path:
    catalog = CatalogBuilder(tmp_path / "catalog").page("develop", "bc").page("develop", "zlib")
    catalog.consistent()
    return tmp_path / "catalog" / "_cache" / "develop" / "bc" / "specs.md"


def test_one_page_imports_only_what_it_needs(page: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    script = cachelint_command()
    module = [sys.executable, "-m", "cachelint"]
    imported(script, page, cache)  # an earlier commit: fills the cache and the memos
    assert unwanted(imported(script, page, cache), NEVER_CACHED) == []
    assert unwanted(imported(module, page, cache), NEVER_CACHED) == []  # python -m: one memo
    original = page.read_bytes()
    for run, command in enumerate((script, module, script)):
        page.write_bytes(original + f"\n<!-- edited {run} -->\n".encode())  # not cached
        modules = imported(command, page, cache)
        assert unwanted(modules, NEVER) == [], command
        assert "jsonschema_rs" in modules  # the page was checked, not taken from the cache


def test_the_lists_name_real_modules() -> None:
    """A renamed module would make an assertion above pass for nothing."""
    import importlib.util

    for name in (*NEVER_CACHED,):
        assert importlib.util.find_spec(name) is not None, name
