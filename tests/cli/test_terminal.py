"""The terminal through the installed console script: progress, colour, ellipsis, env.

The progress line is tested on a pseudo-terminal (``pty``). A run must last
over a second for it to show, so a real plugin, put on ``PYTHONPATH`` as an
installed distribution would be, makes each page take a few hundredths of a
second (no timing knob in cachelint itself).
"""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.cli.test_check import write
from tests.conftest import page_text

SLOW_PLUGIN = '''\
"""A plugin rule that takes its time on every page."""
import time

from cachelint.rules.base import rule


@rule(code="XS100", name="slow")
def slow(page):
    """Sleeps on every page; finds nothing.

    Failing::

        never

    Passing::

        always
    """
    time.sleep(0.04)
    return iter(())
'''
DIST_INFO = "slowrule-1.0.dist-info"
PAGES = 40  # 40 x 0.04 s: well over the second the progress line waits


def entry_point() -> str:
    script = Path(sys.executable).with_name("cachelint")
    found = str(script) if script.exists() else shutil.which("cachelint")
    if found is None:
        pytest.skip("the cachelint entry point is not installed")
    return found


def environment(**overrides: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    env.update(TERM="xterm", COLUMNS="100")
    env.update(overrides)
    return env


@pytest.fixture
def slow_catalog(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """Pages, and an environment whose cachelint has a slow plugin rule."""
    site = tmp_path / "site"
    (site / DIST_INFO).mkdir(parents=True)
    (site / "slowrule.py").write_text(SLOW_PLUGIN, encoding="utf-8")
    (site / DIST_INFO / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: slowrule\nVersion: 1.0\n", encoding="utf-8"
    )
    (site / DIST_INFO / "entry_points.txt").write_text(
        "[cachelint.rules]\nXS100 = slowrule:slow\n", encoding="utf-8"
    )
    catalog = tmp_path / "catalog"
    for number in range(PAGES):
        text = page_text(title=f"p{number}")
        if number == 0:
            text = text.replace('"num_specs": 1', '"num_specs": 2')
        write(catalog, f"_cache/develop/p{number}/specs.md", text)
    env = environment(PYTHONPATH=str(site))
    listed = subprocess.run(
        [entry_point(), "rules"], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    assert "XS100" in listed.stdout  # every run here lasts over a second
    return catalog, env


def run_on_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    """Run cachelint with stdout and stderr on a pseudo-terminal; all it wrote, as text."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [entry_point(), *args], cwd=cwd, env=env, stdin=subprocess.DEVNULL,
        stdout=follower, stderr=follower,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        ready, _, _ = select.select([leader], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # EIO: the other side is closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif process.poll() is not None:
            break
    os.close(leader)
    return process.wait(timeout=60), b"".join(chunks).decode("utf-8", "replace")


CHECK = ["check", "--no-cache", "-j", "1"]


def test_a_long_run_on_a_terminal_shows_progress_then_erases_it(slow_catalog):
    catalog, env = slow_catalog
    status, output = run_on_terminal(CHECK, catalog, env)
    assert status == 1
    drawn = [part for part in output.split("\r\x1b[K") if part.startswith("cachelint: ")]
    assert drawn, output
    last = drawn[-1].split("\r")[0].split("\n")[0]
    pages, rate, findings = last.removeprefix("cachelint: ").split(", ")
    assert 0 < int(pages.split()[0]) <= PAGES and pages.endswith("pages")
    assert rate.endswith(" pages/s") and int(rate.split()[0]) > 0
    assert findings in ("1 finding", "2 findings")  # the broken page: CL201 and CL301
    assert "\r\x1b[K_cache/develop/p0/specs.md" in output.replace("\x1b[1m", "")  # erased
    assert "\x1b[1;31mCL201\x1b[0m" in output  # and a terminal gets colour


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--quiet"], {}),
        (["--output-format", "json"], {}),
        ([], {"CI": "true"}),
        ([], {"TERM": "dumb"}),
    ],
)
def test_no_progress_where_it_does_not_belong(slow_catalog, args, env):
    catalog, base = slow_catalog
    status, output = run_on_terminal([*CHECK, *args], catalog, {**base, **env})
    assert status == 1
    assert "pages/s" not in output


def test_a_dumb_terminal_gets_no_colour(slow_catalog):
    catalog, env = slow_catalog
    _, output = run_on_terminal([*CHECK, "--select", "CL2"], catalog, {**env, "TERM": "dumb"})
    assert "CL201" in output
    assert "\x1b[" not in output


@pytest.mark.parametrize(
    ("args", "env"), [(["--color", "never"], {}), ([], {"NO_COLOR": "1", "FORCE_COLOR": "1"})]
)
def test_colour_can_be_refused_on_a_terminal(slow_catalog, args, env):
    catalog, base = slow_catalog
    _, output = run_on_terminal([*CHECK, "--select", "CL2", *args], catalog, {**base, **env})
    assert "CL201" in output
    assert "\x1b[1;31m" not in output


# --- without a terminal -------------------------------------------------------

PAGE = "_cache/develop/bc/specs.md"


def broken_text() -> str:
    """num_specs says 2 (CL201) and meta.targets lacks the spec's target (CL301): both fixable."""
    text = page_text().replace('"num_specs": 1', '"num_specs": 2')
    return text.replace('"targets": ["x86_64_v3"]', '"targets": []')


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    write(tmp_path, PAGE, broken_text())
    return tmp_path


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [entry_point(), *args], cwd=folder, env=environment(**env), capture_output=True,
        text=True, encoding="utf-8", check=False, timeout=60,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("args", "env", "coloured"),
    [
        ([], {}, False),
        (["--color", "always"], {}, True),
        ([], {"FORCE_COLOR": "1"}, True),
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
    ],
)
def test_colour_in_a_pipe(broken, args, env, coloured):
    result = run(broken, "check", PAGE, *args, **env)
    assert result.returncode == 1
    assert ("\x1b[1;31mCL201\x1b[0m" in result.stdout) is coloured


def long_line_page() -> str:
    """A page whose finding sits in a line wider than the terminal."""
    return broken_text().replace('"size": "-"', '"size": "' + "x" * 300 + '"')


@pytest.mark.parametrize(("encoding", "mark"), [("ascii", "..."), ("utf-8", "\u2026")])
def test_an_ascii_terminal_gets_three_dots(tmp_path, encoding, mark):
    write(tmp_path, PAGE, long_line_page())
    result = run(tmp_path, "check", PAGE, "--select", "CL201", PYTHONIOENCODING=encoding)
    excerpt = result.stdout.splitlines()[2]
    assert mark in excerpt
    assert ("\u2026" in result.stdout) is (encoding == "utf-8")


def test_the_summary_says_what_the_star_means(broken):
    result = run(broken, "check", PAGE)
    assert "CL201 [*] meta.num_specs is 2" in result.stdout
    assert result.stdout.splitlines()[-2:] == [
        "Found 2 errors in 1 of 1 page.",
        "[*] 2 fixable with --fix.",
    ]
    concise = run(broken, "check", PAGE, "--output-format", "concise")
    assert concise.stdout.splitlines()[-1] == "2 fixable with --fix."
    machine = run(broken, "check", PAGE, "--output-format", "json")
    assert "fixable with" not in machine.stderr


def test_show_fixes_lists_what_fix_changed(broken):
    result = run(broken, "check", PAGE, "--fix", "--show-fixes")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:5] == [
        "Fixed 2 findings:",
        f"- {PAGE}:",
        "    1 x CL201",
        "    1 x CL301",
        "Fixed 2 findings in 1 file.",
    ]


def test_show_fixes_with_diff_says_what_would_be_fixed(broken):
    result = run(broken, "check", PAGE, "--diff", "--show-fixes")
    assert result.returncode == 1
    assert result.stderr.startswith("Would fix 2 findings:\n")
    assert result.stdout.startswith("---")


def test_exit_non_zero_on_fix(broken):
    first = run(broken, "check", PAGE, "--fix", "--exit-non-zero-on-fix")
    assert first.returncode == 1  # something was fixed, although nothing remains
    assert first.stdout.splitlines()[-1] == "All checks passed (1 page)."
    again = run(broken, "check", PAGE, "--fix", "--exit-non-zero-on-fix")
    assert again.returncode == 0  # nothing left to fix


def test_output_format_from_the_environment(broken):
    result = run(broken, "check", PAGE, CACHELINT_OUTPUT_FORMAT="concise")
    assert result.stdout.startswith(f"{PAGE}:5:")
    assert "^" not in result.stdout
    flag_wins = run(
        broken, "check", PAGE, "--output-format", "json", CACHELINT_OUTPUT_FORMAT="concise"
    )
    assert flag_wins.stdout.startswith("[")
    bad = run(broken, "check", PAGE, CACHELINT_OUTPUT_FORMAT="yaml")
    assert bad.returncode == 2
    assert "CACHELINT_OUTPUT_FORMAT='yaml' is not a format" in bad.stderr


def test_short_output_file_flag(broken):
    result = run(broken, "check", PAGE, "-o", "out/report.txt")
    assert result.stdout == "Found 2 errors in 1 of 1 page.\n[*] 2 fixable with --fix.\n"
    assert f"{PAGE}:5:" in (broken / "out" / "report.txt").read_text(encoding="utf-8")
