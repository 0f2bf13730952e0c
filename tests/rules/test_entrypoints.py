"""The rule plugins' entry points, remembered while the installed packages stay the same."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from cachelint.rules import entrypoints
from cachelint.rules.counts import num_specs_mismatch
from cachelint.rules.entrypoints import Release, RememberedEntryPoint, remembered
from cachelint.rules.registry import GROUP, entry_points, load_rules
from tests.tests_support import make_store


def found_once(calls: list[int]):
    def find():
        calls.append(1)
        return entry_points(group=GROUP)

    return find


def test_a_second_run_does_not_look_for_them_again(tmp_path: Path) -> None:
    calls: list[int] = []
    first = remembered(GROUP, make_store(tmp_path), found_once(calls))
    again = remembered(GROUP, make_store(tmp_path), found_once(calls))
    assert calls == [1]
    assert {(e.name, e.value) for e in again} == {(e.name, e.value) for e in first}
    cl201 = next(e for e in again if e.name == "CL201")
    assert cl201.load() is num_specs_mismatch
    version = load_rules().rules["CL201"].version
    assert (cl201.dist.name, cl201.dist.version) == ("cachelint", version)


def test_a_changed_import_path_finds_them_again(tmp_path: Path, monkeypatch) -> None:
    calls: list[int] = []
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    assert calls == [1]  # a folder holding no distribution adds no plugin
    (site / "new_plugin-1.0.dist-info").mkdir()  # an installation adds its metadata
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    assert calls == [1, 1]


@pytest.mark.parametrize(
    "entries", [[(1, 2, None, None)], [("CL201", "x:y", "cachelint", None)], [("CL201",)], 7]
)
def test_corrupt_entries_are_found_again(tmp_path: Path, entries) -> None:
    calls: list[int] = []
    key = entrypoints.installation_key(GROUP)
    make_store(tmp_path).save(
        f"entry-points-{entrypoints.FORMAT}.json", {"key": key, "entries": entries}
    )
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    assert calls == [1]


@pytest.mark.parametrize("content", [b"\x00garbage", b""])
def test_a_corrupt_file_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    calls: list[int] = []
    make_store(tmp_path)
    (tmp_path / f"entry-points-{entrypoints.FORMAT}.json").write_bytes(content)
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    remembered(GROUP, make_store(tmp_path), found_once(calls))
    assert calls == [1]


def test_the_registry_is_the_same_either_way(tmp_path: Path) -> None:
    fresh = load_rules()
    load_rules(store=make_store(tmp_path))
    cached = load_rules(store=make_store(tmp_path))
    assert {code: (r.rule, r.source) for code, r in cached.rules.items()} == {
        code: (r.rule, r.source) for code, r in fresh.rules.items()
    }


def test_values_load_as_importlib_metadata_loads_them() -> None:
    entry = RememberedEntryPoint("X", "cachelint.rules.counts : num_specs_mismatch [extra]", None)
    assert entry.load() is num_specs_mismatch
    module = RememberedEntryPoint("M", "cachelint.rules.counts", Release("x", "1")).load()
    assert module.__name__ == "cachelint.rules.counts"
    with pytest.raises(ValueError, match="not an entry point value"):
        RememberedEntryPoint("B", "not a value!", None).load()


def test_the_key_leaves_out_the_working_folder(tmp_path: Path, monkeypatch) -> None:
    key = entrypoints.installation_key(GROUP)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "evil-1.0.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), *sys.path])
    assert entrypoints.installation_key(GROUP) == key  # python -m and the script agree
    assert str(tmp_path) not in entrypoints.plugin_path()


def test_the_interpreter_counts_by_what_it_is_not_its_name(tmp_path: Path, monkeypatch) -> None:
    key = entrypoints.installation_key(GROUP)
    other_name = tmp_path / "python3"  # a venv's python and python3: one interpreter
    other_name.symlink_to(sys.executable)
    monkeypatch.setattr(sys, "executable", str(other_name))
    assert entrypoints.installation_key(GROUP) == key
    monkeypatch.setattr(sys, "prefix", str(tmp_path))  # another environment
    assert entrypoints.installation_key(GROUP) != key


def test_an_edited_entry_points_file_finds_them_again(tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    (site / "plugin-1.0.dist-info").mkdir(parents=True)
    monkeypatch.setattr(sys, "path", [*sys.path, str(site)])
    key = entrypoints.installation_key(GROUP)
    (site / "plugin-1.0.dist-info" / "entry_points.txt").write_text("[cachelint.rules]\n")
    assert entrypoints.installation_key(GROUP) != key


def test_discovery_matches_importlib_metadata() -> None:
    from importlib.metadata import entry_points as installed

    ours = {(e.name, e.value) for e in entry_points(group=GROUP)}
    assert ours == {(e.name, e.value) for e in installed(group=GROUP)}
