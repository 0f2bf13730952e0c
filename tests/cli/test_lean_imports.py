"""One page in a pre-commit hook imports only what checking one page needs.

A hook starts cachelint once per commit: every module imported at start is paid
on every commit. These tests run the installed script (and ``python -m
cachelint``) as a hook does, on one page of a catalog (its result cached, then
the page changed), with a ``sitecustomize`` that writes ``sys.modules`` at exit,
and name the modules that such a run must never import. (``-X importtime``
would miss the modules imported through :func:`importlib.import_module`, as
rules and report formats are.) The lists are behaviour, not timing: a module
here is imported only by a code path that the run does not take.
"""

from __future__ import annotations

import os
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
    "cachelint.report.json",
    "cachelint.report.github",
    "cachelint.rules.doc",  # cachelint rule / rules
    "cachelint.cli.usage",  # a usage error, or ``cachelint PATH``
    "cachelint.cli.stdin",  # ``-`` only
    "cachelint.config.trusted",  # --changed-since only
    "cachelint.run.fixing",
    "shutil",  # argparse's formatter, and with it bz2 and lzma
    "difflib",  # did-you-mean suggestions
    "secrets",  # and with it random: the cache store's names and key come from os.urandom
    "orjson",  # a process's first JSON lines are read by the standard library's json
    "inspect",  # and with it ast, dis and tokenize: docstrings are cleaned by cachelint
    "dataclasses",  # the stages pass records (cachelint.record)
)
# Nor, when the page's result is cached: its checks do not run.
NEVER_CACHED = (*NEVER, "jsonschema_rs", "archspec", "cachelint.page.yamlparse")

# Imported by ``site`` before anything else: the modules at exit, to a file.
SITECUSTOMIZE = """\
import atexit, os, sys
atexit.register(
    lambda: open(os.environ["CACHELINT_TEST_MODULES"], "w").write("\\n".join(sys.modules))
)
"""


def modules_at_exit(command: list[str], page: Path, cache: Path) -> set[str]:
    """The modules ``command`` has imported when it exits."""
    hooks = cache.parent / "hooks"
    hooks.mkdir(exist_ok=True)
    (hooks / "sitecustomize.py").write_text(SITECUSTOMIZE)
    listing = cache.parent / "modules.txt"
    environment = {
        **os.environ,
        "PYTHONPATH": str(hooks),
        "CACHELINT_TEST_MODULES": str(listing),
        "CACHELINT_CACHE_DIR": str(cache),
    }
    environment.pop("CACHELINT_OUTPUT_FORMAT", None)
    listing.unlink(missing_ok=True)
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        cwd=page.parent,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    return set(listing.read_text().split())


def imported(command: list[str], page: Path, cache: Path, *, bare: set[str]) -> set[str]:
    """The modules ``command check PAGE`` imports that the bare interpreter does not.

    Whatever the interpreter's own start imports (``bare``: ``site``, and any
    ``.pth`` file of the environment) is left out: cachelint cannot choose it.
    """
    modules = modules_at_exit([*command, "check", str(page)], page, cache)
    assert "cachelint.rules.counts" in modules  # the listing was written, rules loaded
    return modules - bare


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
    bare = modules_at_exit([sys.executable, "-c", "pass"], page, cache)
    imported(script, page, cache, bare=bare)  # an earlier commit: fills the cache and memos
    assert unwanted(imported(script, page, cache, bare=bare), NEVER_CACHED) == []
    assert unwanted(imported(module, page, cache, bare=bare), NEVER_CACHED) == []  # one memo
    original = page.read_bytes()
    for run, command in enumerate((script, module, script)):
        page.write_bytes(original + f"\n<!-- edited {run} -->\n".encode())  # not cached
        modules = imported(command, page, cache, bare=bare)
        assert unwanted(modules, NEVER) == [], command
        assert "jsonschema_rs" in modules  # the page was checked, not taken from the cache


def test_the_lists_name_real_modules() -> None:
    """A renamed module would make an assertion above pass for nothing."""
    import importlib.util

    for name in (*NEVER_CACHED,):
        assert importlib.util.find_spec(name) is not None, name


def test_a_warm_run_outside_git_starts_no_process(page: Path, tmp_path: Path) -> None:
    """A folder's re-run outside a git work tree never runs git: nor does it import for it."""
    cache = tmp_path / "cache"
    catalog = page.parents[3]
    command = [*cachelint_command(), "check", str(catalog)]
    modules_at_exit(command, page, cache)  # the cold run: fills the cache and the snapshot
    modules = modules_at_exit(command, page, cache)
    assert "cachelint.run.cache.snapshot" in modules  # a folder's run, answered by its snapshot
    assert "jsonschema_rs" not in modules  # no page was checked
    assert unwanted(modules, ("subprocess", "shutil", "multiprocessing")) == []
