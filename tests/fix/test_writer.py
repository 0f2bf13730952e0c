"""Atomic replacement: the new bytes, or the old file intact and nothing left behind."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from cachelint.errors import FixWriteError
from cachelint.fix import writer
from cachelint.fix.writer import replace_file
from tests.fix.fixkit import SORTED_META, leftovers, page_text, run_cli, write_page

OLD, NEW = b"old bytes\n", b"new bytes\n"
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _file(tmp_path: Path, mode: int = 0o644) -> Path:
    path = tmp_path / "page.md"
    path.write_bytes(OLD)
    os.chmod(path, mode)
    return path


def _fail(*args: Any, **kwargs: Any) -> None:
    raise OSError(5, "Input/output error (injected)")


def test_replaces_the_bytes_and_keeps_the_mode(tmp_path: Path) -> None:
    path = _file(tmp_path, 0o604)
    replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == NEW
    assert stat.S_IMODE(path.stat().st_mode) == 0o604
    assert leftovers(tmp_path) == []


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    path = _file(tmp_path)
    with pytest.raises(FixWriteError, match="changed on disk since it was read"):
        replace_file(path, NEW, expected=b"what was read before\n")
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("step", ["fsync", "replace", "chmod"])
def test_a_failure_before_the_rename_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path = _file(tmp_path)
    monkeypatch.setattr(os, step, _fail)
    with pytest.raises(FixWriteError, match="injected") as raised:
        replace_file(path, NEW, expected=OLD)
    assert raised.value.path == str(path)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


class _FullDisk:
    """A file on a disk that fills up: ``write`` lands half the bytes, or ``flush`` fails."""

    def __init__(self, stream: Any, failing: str) -> None:
        self.stream, self.failing = stream, failing

    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stream.close()

    def write(self, data: bytes) -> int:
        if self.failing == "write":
            self.stream.write(data[: len(data) // 2])
            self.stream.flush()
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return self.stream.write(data)

    def flush(self) -> None:
        if self.failing == "flush":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self.stream.flush()

    def fileno(self) -> int:
        return self.stream.fileno()


def _fill_the_disk(monkeypatch: pytest.MonkeyPatch, failing: str) -> None:
    def full_disk_open(*args: Any) -> _FullDisk:
        # The writer closes it, as its `with` block ends.
        return _FullDisk(open(*args), failing)

    monkeypatch.setattr(writer, "open", full_disk_open, raising=False)


@pytest.mark.parametrize("failing", ["write", "flush"])
def test_a_full_disk_leaves_the_original_and_no_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str
) -> None:
    path = _file(tmp_path)
    _fill_the_disk(monkeypatch, failing)
    with pytest.raises(FixWriteError, match=os.strerror(errno.ENOSPC)):
        replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_an_interrupt_between_writing_and_renaming_removes_the_temp_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_no_temporary_file_can_be_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path)

    def denied(*args: Any, **kwargs: Any) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    with pytest.raises(FixWriteError, match=r"cannot create a temporary file in .*denied"):
        replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD


@pytest.mark.skipif(IS_ROOT, reason="root may write in read-only folders")
def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    path = _file(tmp_path)
    tmp_path.chmod(0o555)
    try:
        with pytest.raises(FixWriteError, match="cannot create a temporary file"):
            replace_file(path, NEW, expected=OLD)
    finally:
        tmp_path.chmod(0o755)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_read_only_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _file(tmp_path, 0o444)
    if IS_ROOT:  # root may write anything: stand in for an ordinary user
        monkeypatch.setattr(os, "access", lambda *args, **kwargs: False)
    with pytest.raises(FixWriteError, match="read-only"):
        replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


def test_a_symlinked_page_is_not_written_through(tmp_path: Path) -> None:
    real_folder, link_folder = tmp_path / "real", tmp_path / "links"
    real_folder.mkdir()
    link_folder.mkdir()
    target = _file(real_folder, 0o640)
    link = link_folder / "page.md"
    link.symlink_to(target)
    with pytest.raises(FixWriteError, match="symlink"):
        replace_file(link, NEW, expected=OLD)
    assert link.is_symlink()
    assert target.read_bytes() == OLD
    assert leftovers(real_folder) == leftovers(link_folder) == []


def test_a_file_outside_the_catalog_root_is_not_written(tmp_path: Path) -> None:
    (tmp_path / "root").mkdir()
    path = _file(tmp_path)
    with pytest.raises(FixWriteError, match="outside the catalog root"):
        replace_file(path, NEW, expected=OLD, inside=tmp_path / "root")
    assert path.read_bytes() == OLD


def test_a_page_without_write_bits_is_refused_even_as_root(tmp_path: Path) -> None:
    # No stand-in for access(): as root, access() allows everything.
    path = _file(tmp_path, 0o444)
    with pytest.raises(FixWriteError, match="read-only"):
        replace_file(path, NEW, expected=OLD)
    assert path.read_bytes() == OLD
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not IS_ROOT, reason="only root can give a file to another user")
def test_the_owner_is_kept(tmp_path: Path) -> None:
    path = _file(tmp_path)
    os.chown(path, 4321, 4321)
    replace_file(path, NEW, expected=OLD)
    assert (path.stat().st_uid, path.stat().st_gid) == (4321, 4321)


# Through the CLI: the problem is reported, the exit status is 2, the page is intact.


def _stale_page(tmp_path: Path) -> tuple[Path, bytes]:
    path = write_page(tmp_path, page_text(dict(SORTED_META, num_specs=9)))
    return path, path.read_bytes()


@pytest.mark.parametrize("step", ["fsync", "replace"])
def test_fix_reports_a_failed_write_and_keeps_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    path, original = _stale_page(tmp_path)
    monkeypatch.setattr(os, step, _fail)
    result = run_cli("check", "--fix", path)
    assert result.status == 2
    assert f"cachelint: error: cannot fix {path}: " in result.err
    assert "injected" in result.err
    assert "Fixed 0 findings in 0 files." in result.out
    assert "CL201" in result.out, "the finding remains"
    assert path.read_bytes() == original
    assert leftovers(path.parent) == []


def test_fix_on_a_full_disk_reports_it_and_keeps_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, original = _stale_page(tmp_path)
    _fill_the_disk(monkeypatch, "write")
    result = run_cli("check", "--fix", path)
    assert result.status == 2
    assert f"cachelint: error: cannot fix {path}: No space left on device" in result.err
    assert "CL201" in result.out, "the finding remains"
    assert path.read_bytes() == original
    assert leftovers(path.parent) == []


def test_fix_of_a_read_only_page_reports_it_and_keeps_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, original = _stale_page(tmp_path)
    path.chmod(0o444)
    if IS_ROOT:  # root may write anything: stand in for an ordinary user
        monkeypatch.setattr(writer.os, "access", lambda *args, **kwargs: False)
    result = run_cli("check", "--fix", path)
    assert result.status == 2
    assert f"cachelint: error: cannot fix {path}: it is read-only" in result.err
    assert "CL201" in result.out, "the finding remains"
    assert path.read_bytes() == original
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert leftovers(path.parent) == []


def test_fix_interrupted_before_the_rename_keeps_the_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, original = _stale_page(tmp_path)

    def interrupted(*args: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    result = run_cli("check", "--fix", path)
    assert (result.status, result.err) == (130, "cachelint: interrupted\n")
    assert path.read_bytes() == original
    assert leftovers(path.parent) == []


KILLED_BEFORE_RENAME = """
import os, sys
os.replace = lambda *args: os._exit(137)  # the process dies between writing and renaming
from cachelint.cli.main import main
sys.exit(main(["check", "--fix", sys.argv[1]]))
"""


def test_a_process_killed_before_the_rename_leaves_the_page_intact(tmp_path: Path) -> None:
    path, original = _stale_page(tmp_path)
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_BEFORE_RENAME, str(path)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert killed.returncode == 137
    assert path.read_bytes() == original
    # Nothing survives a kill to clean up: the new bytes remain in a hidden file
    # that is never taken for a page, and the next run repairs the page.
    [temporary] = leftovers(path.parent)
    assert temporary.startswith(".specs.md.")
    assert run_cli("check", "--fix", tmp_path).status == 0
    assert path.read_text(encoding="utf-8") == page_text(SORTED_META)


def test_fix_does_not_overwrite_a_page_edited_meanwhile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path, _ = _stale_page(tmp_path)
    edited = page_text(dict(SORTED_META, num_specs=7)).encode("utf-8")
    real_fsync = os.fsync

    def edit_then_fsync(descriptor: int) -> None:
        path.write_bytes(edited)  # another process saves the page mid-write
        real_fsync(descriptor)

    monkeypatch.setattr(writer.os, "fsync", edit_then_fsync)
    result = run_cli("check", "--fix", path)
    assert result.status == 2
    assert "changed on disk since it was read" in result.err
    assert path.read_bytes() == edited
    assert "meta.num_specs is 7" in result.out, "what remains is checked on the new bytes"
    assert leftovers(path.parent) == []


def test_fix_does_not_write_through_a_symlink_inside_the_catalog(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "_data").mkdir(parents=True)
    target, original = _stale_page(site / "_cache" / "develop" / "real")
    link = site / "_cache" / "develop" / "pkg" / "specs.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(target)
    result = run_cli("check", "--fix", link)
    assert result.status == 2, result.out + result.err
    assert "symlink; cachelint does not write through links" in result.err
    assert link.is_symlink()
    assert target.read_bytes() == original


STALLED_RENAME = """
import os, sys
real_replace = os.replace
def stalled(source, target):
    # Another process saves the page in place while the rename is under way.
    with open(target, "r+b") as page:
        page.seek(0)
        page.write(sys.argv[2].encode())
        page.truncate()
    real_replace(source, target)
os.replace = stalled
from cachelint.cli.main import main
sys.exit(main(["check", "--fix", sys.argv[1]]))
"""


def test_an_edit_made_during_the_rename_is_kept_not_reported_fixed(tmp_path: Path) -> None:
    path, _ = _stale_page(tmp_path)
    edited = page_text(dict(SORTED_META, num_specs=7))
    run = subprocess.run(
        [sys.executable, "-c", STALLED_RENAME, str(path), edited],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 2, run.stdout + run.stderr
    assert "the edit was kept, nothing fixed" in run.stderr
    assert "Fixed 0 findings" in run.stdout
    assert path.read_text(encoding="utf-8") == edited
    assert leftovers(path.parent) == []
