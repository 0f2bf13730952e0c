"""``--changed-since REF``: the gate's configuration comes from REF, not from the pull request.

A pull request that adds ``exclude = ["**"]`` to ``.cachelint.toml``, lowers
every severity, or ignores ``_cache/`` in a ``.gitignore`` would otherwise
turn its own gate green. With ``--changed-since REF`` (unless
``--no-config-from-ref``), the configuration file is looked up as it is at
REF (``git cat-file blob REF:path``; nothing is checked out or run), and the
ignore rules are REF's (:mod:`cachelint.scope.gitignored`). Each configuration
file or ``.gitignore`` the pull request adds, changes or removes is reported
as CL011, so that a reviewer sees it whichever configuration is used.
Files above the work tree are not the pull request's and are read as usual.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from cachelint.config.files import CONFIG_FILES, PYPROJECT, FileConfig, find_config, load_config
from cachelint.model import FILE_START, Diagnostic
from cachelint.record import Record, fill
from cachelint.scope.discovery import is_dir
from cachelint.scope.git import Change, Repository, Status
from cachelint.scope.pathfilter import GITIGNORE
from cachelint.scope.roots import absolute

if TYPE_CHECKING:
    from cachelint.config.check import CheckSettings

CONFIG_CHANGED = "CL011"
_VERBS = {Status.ADDED: "adds", Status.MODIFIED: "changes", Status.DELETED: "removes"}
_OPTED_OUT = "the work tree's are used (--no-config-from-ref)"


class TrustedConfig(Record):
    """The configuration a ``--changed-since`` run uses, and the control files changed."""

    __slots__ = ("changed", "config", "config_used", "ignores_from_ref", "ref")

    config: FileConfig
    changed: tuple[Change, ...]
    ref: str
    config_used: str  # which configuration is used, in words
    ignores_from_ref: bool

    def __init__(
        self,
        config: FileConfig,
        changed: tuple[Change, ...],
        ref: str,
        config_used: str,
        ignores_from_ref: bool,
    ) -> None:
        fill(self, config, changed, ref, config_used, ignores_from_ref)

    def note(self) -> str:
        """The ``--verbose`` line saying which configuration is used."""
        where = self.config.display() if self.config.path else "no configuration file"
        return f"cachelint: --changed-since {self.ref}: {where}; {self.config_used}"

    def message(self, change: Change) -> str:
        """CL011's message for one changed file."""
        verb = _VERBS[change.status]
        if change.path.name == GITIGNORE:
            used = f"{self.ref}'s ignore rules are used" if self.ignores_from_ref else _OPTED_OUT
            return f"the change {verb} ignore rules (.gitignore); {used}"
        return f"the change {verb} the cachelint configuration; {self.config_used}"


def trusted_config(
    ref: str, paths: Sequence[str], *, chosen: FileConfig, how: str
) -> TrustedConfig:
    """What a ``--changed-since ref`` run of ``paths`` uses.

    ``how`` is ``"ref"`` (the default), ``"worktree"`` (``--no-config-from-ref``)
    or ``"--config"``/``"--isolated"``; ``chosen`` is the configuration the usual
    lookup (or the flag) gives.
    """
    start = _start_folder(paths)
    repository = Repository.of(_existing(start))
    commit = repository.commit(ref)
    changed = tuple(_control_changes(repository, commit, start))
    config = _config_at(repository, commit, start) if how == "ref" else chosen
    used = {
        "ref": f"the configuration as it is at {ref} is used",
        "worktree": "the work tree's configuration is used (--no-config-from-ref)",
        "--isolated": "no configuration file is used (--isolated)",
    }.get(how, "the configuration --config names is used")
    return TrustedConfig(config, changed, ref, used, ignores_from_ref=how != "worktree")


def config_diagnostics(trusted: TrustedConfig, settings: CheckSettings) -> list[Diagnostic]:
    """CL011 for each changed control file, selected and with its severity as configured."""
    from cachelint.config.check import severity

    found = []
    for change in trusted.changed:
        path = os.path.relpath(change.path)
        if CONFIG_CHANGED not in settings.selection_for(Path(path)):
            continue
        found.append(
            Diagnostic(
                code=CONFIG_CHANGED,
                severity=severity(CONFIG_CHANGED, settings),
                message=trusted.message(change),
                path=path,
                position=FILE_START,
            )
        )
    return found


def _start_folder(paths: Sequence[str]) -> Path:
    start = absolute(paths[0] if paths else ".")
    return start if is_dir(start) else start.parent


def _existing(folder: Path) -> Path:
    for candidate in (folder, *folder.parents):
        if is_dir(candidate):
            return candidate
    return Path.cwd()


def _control_changes(repository: Repository, commit: str, start: Path) -> Iterable[Change]:
    """Changed ``.gitignore`` files anywhere, and configuration files that the lookup meets."""
    lookup = {repository.top, *[f for f in start.parents if f.is_relative_to(repository.top)]}
    lookup.add(start)
    for change in repository.changes(commit, [repository.top]):
        name = change.path.name
        in_lookup = name in CONFIG_FILES and change.path.parent in lookup
        if name == GITIGNORE or (
            in_lookup and (name != PYPROJECT or _table_changed(repository, commit, change))
        ):
            yield change


def _table_changed(repository: Repository, commit: str, change: Change) -> bool:
    """Whether a ``pyproject.toml``'s ``[tool.cachelint]`` table differs from REF's."""
    before = _cachelint_table(repository.read(commit, change.path))
    try:
        after = _cachelint_table(change.path.read_bytes())
    except OSError:
        after = None
    return before != after


def _cachelint_table(raw: bytes | None) -> object:
    import tomllib

    if raw is None:
        return None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return raw  # unreadable: compared as bytes
    tool = data.get("tool")
    return tool.get("cachelint") if isinstance(tool, dict) else None


def _config_at(repository: Repository, commit: str, start: Path) -> FileConfig:
    """The configuration file the usual lookup finds in REF's tree, then above the work tree."""
    inside = [start, *start.parents]
    for folder in inside:
        if not folder.is_relative_to(repository.top):
            break
        for name in CONFIG_FILES:
            raw = repository.read(commit, folder / name)
            if raw is None:
                continue
            text = raw.decode("utf-8", "replace")
            if name == PYPROJECT and _cachelint_table(raw) is None:
                continue
            return load_config(folder / name, text=text)
    above = find_config(repository.top.parent) if repository.top.parent != repository.top else None
    return load_config(above) if above else FileConfig()
