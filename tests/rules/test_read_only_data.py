"""cachelint's own rules never change the page data they read.

The checker hands built-in rules the parsed data itself, unprotected (only a
third-party rule gets a read-only copy): a built-in rule that changed it would
change what every later rule, the fix plan and the catalog totals see. Here
every built-in page rule, those off by default included, reads read-only data
(:mod:`cachelint.frozen`) of real pages and of copies broken in the ways the
rules look for, so that their loops over findings run too: a rule that writes
to the data crashes (CL900) and fails this test. Copies missing a field also
hold every rule to its ``needs``: a rule that reads a field it does not
declare (directly or through the page's shared spec columns) crashes there.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from cachelint.codes import INTERNAL_ERROR
from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.errors import ReadOnlyDataError
from cachelint.frozen import FrozenDict, freeze
from cachelint.model import Parsed
from cachelint.rules import rule
from cachelint.rules.base import Rule
from cachelint.rules.registry import BUILTIN, load_rules
from cachelint.run import checker
from cachelint.scope.discovery import make_target
from tests.conftest import CORPUS, REAL, real_corpora

Edit = Callable[[dict[str, Any]], None]


def _first(data: dict[str, Any]) -> dict[str, Any]:
    return data["spec_details"][0]


def _other_form(spec: dict[str, Any]) -> str:
    compiler = spec["compiler"]
    return compiler.replace("@=", "@") if "@=" in compiler else compiler.replace("@", "@=")


# Each breaks a page the way one family of rules reports.
EDITS: dict[str, Edit] = {
    "stale meta": lambda d: d["meta"]["targets"].append("zen9"),
    "value missing from meta": lambda d: d["meta"]["compilers"].pop(0),
    "unsorted meta": lambda d: d["meta"]["oss"].insert(0, "zzz"),
    "wrong count": lambda d: d["meta"].__setitem__("num_specs", d["meta"]["num_specs"] + 1),
    "wrong stack count": lambda d: d["meta"]["num_specs_by_stack"].__setitem__("x", 3),
    "outside the root stack": lambda d: _first(d).__setitem__("stacks", ["e4s"]),
    "duplicate hash": lambda d: d["spec_details"].append(dict(_first(d))),
    "unknown target": lambda d: _first(d).__setitem__("target", "x86_64_v5"),
    "unknown platform": lambda d: _first(d).__setitem__("platform", "macos"),
    "os of another platform": lambda d: _first(d).__setitem__("os", "sonoma"),
    "unknown os": lambda d: _first(d).__setitem__("os", "ubunt22.04"),
    "darwin target": lambda d: _first(d).update(platform="darwin", target="neoverse_v2"),
    "stack of another architecture": lambda d: _first(d)["stacks"].append("ml-darwin-aarch64-mps"),
    "malformed compiler": lambda d: _first(d).__setitem__("compiler", "gcc@11.4.0+debug"),
    "mixed compiler forms": lambda d: _first(d).__setitem__("compiler", _other_form(_first(d))),
    "malformed variant": lambda d: _first(d)["variants"].append("build_system="),
    "duplicate variant": lambda d: _first(d)["variants"].extend(["+a", "~a"]),
    "two versions": lambda d: _first(d)["versions"].append("9.9"),
    "malformed version": lambda d: _first(d).__setitem__("versions", ["1.0+cuda"]),
    "wrong tarball": lambda d: _first(d).__setitem__("tarball", "https://h/v0/x.spack"),
    "unsorted hashes": lambda d: d["spec_details"].reverse(),
}
# A field missing (a schema finding): the rules that need it are skipped, the others
# run and must read nothing else (shared columns of the specs included).
EDITS.update(
    (f"no {key}", lambda d, key=key: _first(d).pop(key, None))
    for key in ("compiler", "hash", "os", "platform", "stacks", "target", "variants", "versions")
)


def corpus_pages(root: Path) -> list[Path]:
    return sorted(root.glob("_cache/**/*.md"))


def broken_copies(root: Path, into: Path) -> list[Path]:
    """The catalog at ``root`` copied to ``into``, each edit made to a few of its pages."""
    shutil.copytree(root, into)
    pages = [page for page in corpus_pages(into) if "\nspec_details: [{" in page.read_text()]
    for number, edit in enumerate(EDITS.values()):
        for page in pages[number % len(pages) :: len(EDITS)][:3]:
            _edit_page(page, edit)
    return corpus_pages(into)


def _edit_page(page: Path, edit: Edit) -> None:
    lines = page.read_text(encoding="utf-8").split("\n")
    data = {line.partition(": ")[0]: line.partition(": ")[2] for line in lines}
    values = {"meta": json.loads(data["meta"]), "spec_details": json.loads(data["spec_details"])}
    edit(values)
    page.write_text(
        "\n".join(
            f"{key}: {json.dumps(values[key])}" if key in values else line
            for line in lines
            for key in [line.partition(": ")[0]]
        ),
        encoding="utf-8",
    )


def builtin_rules() -> list[Rule]:
    registry = load_rules()
    return [
        loaded.rule
        for loaded in registry.rules.values()
        if loaded.origin == BUILTIN and isinstance(loaded.rule, Rule)
    ]


def every_builtin_rule() -> CheckSettings:
    """Settings that run every built-in rule, those off by default included."""
    registry = load_rules()
    codes = [r.code for r in builtin_rules()]
    selection = build_selection(known=registry.all_codes(), enabled_by_default=codes)
    return CheckSettings(registry=registry, selection=selection)


@pytest.fixture
def read_only_parsing(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The checker reads every page's data read-only; returns the data it read."""
    parsed_data: list[Any] = []
    parse = checker.parse_front_matter

    def parse_read_only(*args: Any, **kwargs: Any) -> Parsed:
        parsed = parse(*args, **kwargs)
        if parsed.findings:
            return parsed
        parsed_data.append(freeze(parsed.data))
        return Parsed(parsed_data[-1], canonical=parsed.canonical)

    monkeypatch.setattr(checker, "parse_front_matter", parse_read_only)
    return parsed_data


def check_every_page(pages: list[Path], settings: CheckSettings) -> list[Any]:
    found = []
    for page in pages:
        target = make_target(page, display=str(page), explicit=True)
        found.extend(checker.check_target(target, settings).diagnostics)
    return found


@pytest.mark.parametrize("root", real_corpora())
def test_builtin_rules_leave_real_pages_unchanged(root, read_only_parsing):
    pages = corpus_pages(root)
    found = check_every_page(pages, every_builtin_rule())
    assert [d.message for d in found if d.code == INTERNAL_ERROR] == []
    assert read_only_parsing and all(isinstance(d, FrozenDict) for d in read_only_parsing)


@pytest.mark.parametrize("root", real_corpora())
def test_builtin_rules_leave_broken_pages_unchanged(root, read_only_parsing, tmp_path):
    pages = broken_copies(root, tmp_path / "catalog")
    found = check_every_page(pages, every_builtin_rule())
    assert [d.message for d in found if d.code == INTERNAL_ERROR] == []
    # The rules' loops over their findings ran: most families of rules reported.
    codes = {d.code for d in found}
    assert len({code[:4] for code in codes}) >= 8, sorted(codes)
    if root == CORPUS:
        assert {"CL201", "CL301", "CL402", "CL601", "CL611", "CL612", "CL613", "CL621"} <= codes


def test_a_rule_that_changes_its_data_fails_this_test(read_only_parsing, monkeypatch):
    """The control: such a rule, among the built-in ones, is caught."""

    @rule(code="CL999", name="sorts-its-specs")
    def sorts(page):
        """Sorts the specs in place."""
        page.data["spec_details"].sort(key=lambda spec: spec["hash"])
        return []

    monkeypatch.setattr(CheckSettings, "active_rules", lambda *_args, **_kwargs: [sorts])
    found = check_every_page(corpus_pages(REAL)[:3], every_builtin_rule())
    crashes = [d.message for d in found if d.code == INTERNAL_ERROR]
    assert crashes and all(ReadOnlyDataError.__name__ in message for message in crashes)
