"""The process's exit: main's status, what an exit promises, no teardown of every object."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import REPO_ROOT, cachelint_command

CLEAN_PAGE = REPO_ROOT / "examples" / "catalog" / "_cache" / "v0.20.0" / "cusz" / "specs.md"

# A process that runs cachelint as its console script does, with something of its own:
# a function for atexit, an object whose __del__ only the interpreter's teardown calls,
# and (with "thread") a thread still running when cachelint is done.
SCRIPT = """
import atexit, sys, threading, time
atexit.register(print, "atexit ran", flush=True)
class Torn:
    def __del__(self):
        print("torn down", flush=True)
kept = Torn()
if "thread" in sys.argv:
    threading.Thread(target=lambda: time.sleep(0.2) or print("thread done", flush=True)).start()
sys.argv = ["cachelint", "check", "--no-cache", {page!r}]
from cachelint.cli.main import run
run()
"""


def run_script(*extra: str) -> subprocess.CompletedProcess[str]:
    code = SCRIPT.format(page=str(CLEAN_PAGE))
    return subprocess.run([sys.executable, "-c", code, *extra], capture_output=True, text=True)


def test_the_exit_keeps_the_status_the_output_and_the_atexit_functions():
    done = run_script()
    assert done.returncode == 0, done.stderr
    # The summary, then the atexit function; no teardown: it was skipped.
    assert done.stdout.splitlines() == ["All checks passed (1 page).", "atexit ran"]


def test_a_thread_still_running_gets_the_interpreters_exit():
    done = run_script("thread")
    assert done.returncode == 0, done.stderr
    assert "thread done" in done.stdout.splitlines()  # joined, not cut off
    assert "atexit ran" in done.stdout.splitlines()


@pytest.mark.parametrize("page", [CLEAN_PAGE, REPO_ROOT / "missing.md"])
def test_the_console_script_and_python_m_exit_with_mains_status(page):
    statuses = set()
    for command in (cachelint_command(), [sys.executable, "-m", "cachelint"]):
        done = subprocess.run([*command, "check", "--no-cache", str(page)], capture_output=True)
        statuses.add(done.returncode)
    assert statuses == ({0} if page.exists() else {2})
