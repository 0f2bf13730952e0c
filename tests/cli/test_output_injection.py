"""Names and values from a hostile pull request cannot forge workflow commands or drive a terminal.

A repository is built with package folders whose names hold line breaks and
workflow commands (``\\n::add-mask::``, ``::stop-commands::``), ESC/OSC
sequences, a lone CR, a name that is not UTF-8, and values holding the same;
it is committed, cloned fresh (as CI checks out) and checked with the
installed ``cachelint`` in every output format and with every informational
flag. No line may begin a workflow command but cachelint's own annotations,
no ESC byte may reach the output, XML must parse and JSON keep exact names.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from tests.conftest import page_text, spec
from tests.gitrepo import GIT_ENV, commit_all, git, init_repo, require_git

CACHELINT = str(Path(sys.executable).with_name("cachelint"))
TAG = "_cache/develop"

# Folder names (bytes: one of them is not UTF-8).
HOSTILE_NAMES = [
    b"a\n::add-mask::secret",
    b"::stop-commands::tok",
    b"  ::warning::leading-space",
    b"b\x1b]8;;evil.example\x07link\x1b]8;;\x07",
    b"c\r::error::forged",
    b"d\xc2\x85::notice::nel",
    b"e\xe2\x80\xa8::notice::ls",
    b"f\xff\xfe",
]
# A value with the same payloads, as YAML escapes (the page itself stays valid YAML).
HOSTILE_VALUE = "x\\n::add-mask::value\\r::error::v\\e]0;title\\a\\e[31m"
# A raw line after the front matter: the --diff context and the full excerpt show it.
RAW_BODY = "\nbody \x1b]0;pwned\x07 \r::error::from-body\n"

FORMATS = ["full", "concise", "json", "json-lines", "sarif", "github", "junit", "gitlab", "html"]
OWN_COMMAND = re.compile(r"::(error|warning|notice) [^:\r\n]*::")


def _stale_page(**spec_fields: str) -> str:
    """A page whose num_specs is wrong (CL201, fixable), with a raw body."""
    text = page_text([spec(**spec_fields)]).replace('"num_specs": 1', '"num_specs": 2')
    return text + RAW_BODY


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile repository, committed and cloned fresh."""
    require_git()
    origin = tmp_path_factory.mktemp("origin")
    init_repo(origin)
    for name in HOSTILE_NAMES:
        folder = os.path.join(os.fsencode(origin), os.fsencode(TAG), name)
        os.makedirs(folder)
        with open(os.path.join(folder, b"specs.md"), "w", encoding="utf-8") as page:
            page.write(_stale_page())
        # a .md file without front matter: a "skipped" line (or a CL002) naming it
        with open(os.path.join(folder, name + b".md"), "w", encoding="utf-8") as page:
            page.write("no front matter\n")
    values = origin / TAG / "values" / "specs.md"
    values.parent.mkdir()
    values.write_text(
        page_text([spec(target="placeholder")]).replace("placeholder", HOSTILE_VALUE),
        encoding="utf-8",
    )
    commit_all(origin)
    target = tmp_path_factory.mktemp("clone") / "catalog"
    git(origin.parent, "clone", "--quiet", str(origin), str(target))
    return target


def run(clone: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    done = subprocess.run(
        [CACHELINT, "check", "--no-cache", *args],
        cwd=clone,
        capture_output=True,
        env={**os.environ, **GIT_ENV, **(env or {}), "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.returncode, _text(done.stdout), _text(done.stderr)


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def assert_inert(output: str) -> None:
    """No ESC, no C1 CSI, and no line that GitHub would read as a command but our own."""
    assert "\x1b" not in output and "\x9b" not in output
    # splitlines breaks at CR, NEL, LS...: more places than the runner does
    for line in output.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("::"):
            assert OWN_COMMAND.match(stripped), line


@pytest.mark.parametrize("output_format", FORMATS)
@pytest.mark.parametrize("verbose", [[], ["--verbose"]])
def test_every_format_keeps_hostile_names_inert(clone, tmp_path, output_format, verbose):
    summary = tmp_path / "summary.md"
    env = {"GITHUB_STEP_SUMMARY": str(summary)} if output_format == "github" else {}
    status, out, err = run(clone, ".", "--output-format", output_format, *verbose, env=env)
    assert status == 1
    assert_inert(out)
    assert_inert(err)
    if output_format == "junit":
        ET.fromstring(out.encode("utf-8", "surrogateescape"))
    if output_format == "github":
        written = summary.read_text(encoding="utf-8", errors="surrogateescape")
        assert "\x1b" not in written and "\r" not in written
        assert "secret" in written  # the names are shown, escaped
    if output_format in ("json", "gitlab", "sarif"):
        json.loads(out)
    if output_format == "json-lines":
        records = [json.loads(line) for line in out.split("\n") if line]
        reported = {Path(record["path"]).parent.name for record in records}
        # JSON carries every name exactly, even one that is not UTF-8
        assert {os.fsdecode(name) for name in HOSTILE_NAMES} <= reported


@pytest.mark.parametrize(
    "flags",
    [
        ["--show-files"],
        ["--show-files", "--verbose"],
        ["--diff"],
        ["--diff", "--verbose"],
        ["--diff", "--show-fixes"],
        ["--statistics"],
        ["--statistics", "--output-format", "json"],
    ],
    ids=" ".join,
)
def test_informational_lines_keep_hostile_names_inert(clone, flags):
    _, out, err = run(clone, ".", *flags)
    assert out or err
    assert_inert(out)
    assert_inert(err)


def test_paths_relative_to_a_hostile_folder_do_not_open_a_command(clone):
    """Checked from the tag folder, names start the line: they are shown as ``./::...``."""
    folder = clone / TAG
    _, out, _ = run(folder, ".", "--show-files")
    assert "./::stop-commands::tok/specs.md" in out.splitlines()
    assert_inert(out)
    _, out, _ = run(folder, ".", "--output-format", "concise")
    assert any(line.startswith("./::stop-commands::tok/specs.md:") for line in out.splitlines())
    assert_inert(out)


def test_a_configuration_error_naming_a_hostile_folder_is_one_line(clone, tmp_path):
    folder = tmp_path / "x\n::add-mask::cfg"
    folder.mkdir()
    (folder / "cachelint.toml").write_text("select = 3\n", encoding="utf-8")
    done = subprocess.run(
        [CACHELINT, "check", "--no-cache", str(folder)], capture_output=True, check=False
    )
    assert done.returncode == 2
    err = _text(done.stderr)
    assert "x\\n::add-mask::cfg" in err
    assert_inert(err)
