"""The folder memos that run for every page stay bounded and keep their answers."""

from __future__ import annotations

from cachelint.scope import pathfilter, roots
from cachelint.scope.pathfilter import GitIgnores
from cachelint.scope.roots import RootFinder


def test_root_finder_forgets_folders_past_its_limit_and_answers_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(roots, "FOLDER_MEMO_LIMIT", 8)
    (tmp_path / "_cache").mkdir()
    (tmp_path / "_data").mkdir()
    folders = [tmp_path / "_cache" / "t" / f"p{index}" for index in range(40)]
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    finder = RootFinder()
    for folder in folders:
        assert finder.root_of_folder(str(folder)) == tmp_path
        assert finder.root_of_folder(str(outside / folder.name)) is None
    assert len(finder._roots) <= 8


def test_git_ignores_forget_folders_past_their_limit_and_answer_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(pathfilter, "FOLDER_MEMO_LIMIT", 8)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".gitignore").write_text("old/\n")
    ignores = GitIgnores()
    for index in range(40):
        folder = tmp_path / "_cache" / "t" / f"p{index}"
        assert ignores._git_root(str(folder)) == str(tmp_path)
    assert len(ignores._roots) <= 8
