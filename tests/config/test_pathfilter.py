"""Gitignore-style ``include``/``exclude`` globs and ``.gitignore`` files."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cachelint.scope.discovery import iter_targets
from cachelint.scope.pathfilter import GlobSet, PathFilter, compile_globs, relative_to


def touch(root: Path, *relatives: str) -> None:
    for relative in relatives:
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\nlayout: cache\n---\n", encoding="utf-8")


def found(root: Path, path_filter: PathFilter) -> list[str]:
    return [t.display for t in iter_targets([str(root)], path_filter)]


def relative(root: Path, names: list[str]) -> list[str]:
    return [str(root / name) for name in names]


def test_without_filter_every_md_file_is_found(tmp_path):
    touch(tmp_path, "a.md", "b.txt", "sub/c.md", ".hidden/d.md", "vendor/e.md")
    assert found(tmp_path, PathFilter()) == relative(tmp_path, ["a.md", "sub/c.md"])


def test_include_replaces_the_default(tmp_path):
    touch(tmp_path, "a.md", "b.markdown")
    include = (GlobSet.of(tmp_path, ["*.markdown"]),)
    assert found(tmp_path, PathFilter(include=include)) == relative(tmp_path, ["b.markdown"])


def test_exclude_folder_pattern_and_negation(tmp_path):
    touch(tmp_path, "keep/a.md", "old/a.md", "old/b.md", "x/old/c.md")
    exclude = (GlobSet.of(tmp_path, ["old/", "!old/b.md"]),)
    # as in git, a file below an excluded folder cannot be re-included
    assert found(tmp_path, PathFilter(exclude=exclude)) == relative(tmp_path, ["keep/a.md"])


def test_anchored_pattern_matches_only_below_its_base(tmp_path):
    touch(tmp_path, "old/a.md", "x/old/b.md")
    exclude = (GlobSet.of(tmp_path, ["/old"]),)
    assert found(tmp_path, PathFilter(exclude=exclude)) == relative(tmp_path, ["x/old/b.md"])


def test_glob_set_names_the_matching_pattern(tmp_path):
    globs = GlobSet.of(tmp_path, ["*.tmp", "_cache/**/draft.md"])
    assert globs.match(tmp_path / "_cache" / "a" / "b" / "draft.md") == "_cache/**/draft.md"
    assert globs.match(tmp_path / "_cache" / "a" / "specs.md") is None


def test_gitignore_files_nest_and_deeper_ones_win(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("*.draft.md\nbuild/\n", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / ".gitignore").write_text("!keep.draft.md\nlocal.md\n", encoding="utf-8")
    touch(tmp_path, "a.md", "a.draft.md", "build/x.md", "sub/keep.draft.md", "sub/local.md")
    path_filter = PathFilter(respect_gitignore=True)
    assert found(tmp_path, path_filter) == relative(tmp_path, ["a.md", "sub/keep.draft.md"])


def test_gitignore_outside_a_git_work_tree_means_nothing(tmp_path):
    (tmp_path / ".gitignore").write_text("*.md\n", encoding="utf-8")
    touch(tmp_path, "a.md")
    assert found(tmp_path, PathFilter(respect_gitignore=True)) == relative(tmp_path, ["a.md"])


def test_gitignore_above_the_walked_folder_applies(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("drafts/\n", encoding="utf-8")
    touch(tmp_path, "site/drafts/a.md", "site/b.md")
    site = tmp_path / "site"
    assert found(site, PathFilter(respect_gitignore=True)) == relative(site, ["b.md"])


def test_named_file_reports_why_it_is_excluded(tmp_path):
    touch(tmp_path, "old/a.md")
    exclude = (GlobSet.of(tmp_path, ["old/"]),)
    (target,) = iter_targets([str(tmp_path / "old" / "a.md")], PathFilter(exclude=exclude))
    assert target.excluded == "excluded by 'old/'"


def test_lines_of_a_gitignore_that_are_no_pattern_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("!\n\\\nold/\n", encoding="utf-8")
    touch(tmp_path, "a.md", "old/b.md")
    assert found(tmp_path, PathFilter(respect_gitignore=True)) == relative(tmp_path, ["a.md"])


def test_a_gitignore_starting_with_a_bom_applies_from_its_first_line(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("\ufeffold/\n", encoding="utf-8")  # as git skips it
    touch(tmp_path, "a.md", "old/b.md")
    assert found(tmp_path, PathFilter(respect_gitignore=True)) == relative(tmp_path, ["a.md"])


@pytest.mark.parametrize(
    ("path", "base", "is_dir", "expected"),
    [
        ("/cat/_cache/t/p/specs.md", "/cat", False, "_cache/t/p/specs.md"),
        ("/cat/_cache/../x.md", "/cat", False, "x.md"),
        ("/cat", "/cat", True, ""),
        ("/cat/vendor", "/cat", True, "vendor/"),
        ("/catalog/x.md", "/cat", False, "catalog/x.md"),  # outside: every part kept
        ("/elsewhere/x.md", "/cat", False, "elsewhere/x.md"),
        ("/cat/x.md", "/", False, "cat/x.md"),
    ],
)
def test_relative_to_base(path, base, is_dir, expected):
    assert relative_to(path, Path(base), is_dir=is_dir) == expected
    assert relative_to(Path(path), Path(base), is_dir=is_dir) == expected


def test_relative_paths_are_taken_from_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert relative_to("sub/x.md", tmp_path) == "sub/x.md"


@given(
    st.lists(
        st.sampled_from(["a", "x.md", ".md", "md", "b.mdx", "c.MD", "d.md.txt", ".", "..", ""]),
        max_size=4,
    ),
    st.sampled_from(["*.md", "*.txt", "*.md-x"]),
    st.booleans(),
    st.sampled_from(["/base", "/elsewhere", "base"]),
    st.sampled_from(["/base", "/base.md", "/x.txt"]),  # a base the pattern would name too
)
def test_a_suffix_glob_matches_as_pathspec_does(parts, pattern, is_dir, head, base_name):
    base = Path(base_name)
    head = base_name if head == "/base" else head
    path = head + "/" + "/".join(parts) if parts else head
    globs = GlobSet.of(base, [pattern])
    result = compile_globs((pattern,)).check_file(relative_to(path, base, is_dir=is_dir))
    expected = pattern if result.include and result.index is not None else None
    assert globs.match(path, is_dir=is_dir) == expected
