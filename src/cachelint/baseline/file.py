"""Baselines: adopt cachelint on a catalog that already has findings.

``cachelint check --write-baseline FILE`` records the findings of today;
``--baseline FILE`` (or ``baseline = "FILE"`` in the configuration) reports
only the findings that are not in it. Entries are keyed by code, page path
relative to the catalog root, JSON Pointer and a hash of the offending value
(:mod:`cachelint.baseline.key`), so they survive line shifts.

The file is JSON, versioned, one entry per finding key, sorted, so that a
review shows exactly which findings were added or fixed::

    {
      "cachelint_baseline": 1,
      "findings": [
        {"path": "_cache/develop/abyss/specs.md", "code": "CL203",
         "pointer": "/spec_details/0/stacks", "value": "sha256:...", "count": 1}
      ]
    }

The public API, for the command and for other reporters::

    baseline = load_baseline(path)
    split = partition(diagnostics, baseline, checked=run.checked_files)
    split.new, split.baselined, split.gone

The file lives in the checked repository, so it is read as untrusted input: a
file that is not a baseline is a usage error (exit status 2), never a traceback.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from cachelint.baseline.key import BaselineKey, KeyMaker
from cachelint.errors import UsageError
from cachelint.limits import DEFAULT_LIMITS
from cachelint.model import Diagnostic
from cachelint.record import Record, fill

FORMAT_KEY = "cachelint_baseline"
VERSION = 1
_FIELDS = ("path", "code", "pointer", "value")


class BaselineError(UsageError):
    """A baseline file cannot be read or is not a baseline (exit status 2)."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class Baseline(Record):
    """The recorded findings: each key with how many findings it stands for."""

    __slots__ = ("entries", "path")

    entries: Counter[BaselineKey]
    path: Path | None

    def __init__(
        self, entries: Counter[BaselineKey] | None = None, path: Path | None = None
    ) -> None:
        fill(self, Counter() if entries is None else entries, path)

    def __len__(self) -> int:
        return sum(self.entries.values())


class BaselineSplit(Record):
    """A run's diagnostics split by a baseline, and the entries no finding matched.

    ``gone`` holds only entries of files the run checked: an entry of a page
    that was not checked is neither matched nor fixed.
    """

    __slots__ = ("baselined", "gone", "new")

    new: tuple[Diagnostic, ...]
    baselined: tuple[Diagnostic, ...]
    gone: tuple[BaselineKey, ...]

    def __init__(
        self,
        new: tuple[Diagnostic, ...],
        baselined: tuple[Diagnostic, ...],
        gone: tuple[BaselineKey, ...],
    ) -> None:
        fill(self, new, baselined, gone)


def partition(
    diagnostics: Sequence[Diagnostic],
    baseline: Baseline,
    *,
    checked: Iterable[str] = (),
    keys: KeyMaker | None = None,
) -> BaselineSplit:
    """Split ``diagnostics`` into new and baselined ones, in their order."""
    keys = keys or KeyMaker()
    remaining = Counter(baseline.entries)
    new, baselined = [], []
    for diagnostic in diagnostics:
        key = keys.key(diagnostic)
        if remaining[key] > 0:
            remaining[key] -= 1
            baselined.append(diagnostic)
        else:
            new.append(diagnostic)
    checked_paths = {keys.catalog_path(path) for path in checked}
    checked_paths.update(keys.catalog_path(d.path) for d in diagnostics)
    gone = [
        key
        for key, count in sorted(remaining.items())
        if key.path in checked_paths
        for _ in range(count)
    ]
    return BaselineSplit(tuple(new), tuple(baselined), tuple(gone))


def baseline_of(diagnostics: Iterable[Diagnostic], *, keys: KeyMaker | None = None) -> Baseline:
    """The baseline that records ``diagnostics``."""
    keys = keys or KeyMaker()
    return Baseline(Counter(keys.key(diagnostic) for diagnostic in diagnostics))


def render_baseline(baseline: Baseline) -> str:
    """The file text of a baseline: sorted entries, one per line, stable across runs."""
    lines = [
        # ASCII escapes: any path (even one that is not UTF-8) reads back the same
        "    " + json.dumps({**_record(key), "count": count})
        for key, count in sorted(baseline.entries.items())
    ]
    body = ",\n".join(lines)
    findings = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "{FORMAT_KEY}": {VERSION},\n  "findings": {findings}\n}}\n'


def write_baseline(path: Path, baseline: Baseline) -> None:
    """Write ``baseline`` to ``path`` atomically (a temporary file renamed over it)."""
    data = render_baseline(baseline).encode("ascii")
    folder = path.parent if str(path.parent) else Path()
    try:
        descriptor, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise BaselineError(f"cannot write the baseline: {exc.strerror}", path=str(path)) from exc
    try:
        with open(descriptor, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise BaselineError(f"cannot write the baseline: {exc.strerror}", path=str(path)) from exc


def load_baseline(path: Path, *, max_size: int = DEFAULT_LIMITS.max_file_size) -> Baseline:
    """Read a baseline file; :class:`BaselineError` says why it is not one."""
    shown = str(path)
    try:
        with path.open("rb") as stream:
            raw = stream.read(max_size + 1)
    except OSError as exc:
        raise BaselineError(f"cannot read the baseline: {exc.strerror}", path=shown) from None
    if len(raw) > max_size:
        raise BaselineError(f"the baseline is larger than {max_size} bytes", path=shown)
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise BaselineError(f"not a baseline: invalid JSON ({exc})", path=shown) from None
    return Baseline(_entries(data, shown), path)


def _entries(data: Any, shown: str) -> Counter[BaselineKey]:
    if not isinstance(data, dict) or FORMAT_KEY not in data:
        raise BaselineError(
            f"not a baseline: expected an object with {FORMAT_KEY!r} (write one with "
            "cachelint check --write-baseline FILE)",
            path=shown,
        )
    if data[FORMAT_KEY] != VERSION:
        raise BaselineError(
            f"baseline version {data[FORMAT_KEY]!r} is not supported (this cachelint reads "
            f"version {VERSION}); write it again with --write-baseline",
            path=shown,
        )
    findings = data.get("findings")
    if not isinstance(findings, list):
        raise BaselineError("not a baseline: 'findings' must be a list", path=shown)
    entries: Counter[BaselineKey] = Counter()
    for index, record in enumerate(findings):
        key, count = _entry(record)
        if key is None:
            raise BaselineError(
                f"not a baseline: findings[{index}] must be an object with the strings "
                f"{', '.join(_FIELDS)} and a positive integer count",
                path=shown,
            )
        entries[key] += count
    return entries


def _entry(record: Any) -> tuple[BaselineKey | None, int]:
    if not isinstance(record, dict) or not all(isinstance(record.get(f), str) for f in _FIELDS):
        return None, 0
    count = record.get("count", 1)
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        return None, 0
    return BaselineKey(*(record[f] for f in _FIELDS)), count


def _record(key: BaselineKey) -> dict[str, str]:
    return {name: getattr(key, name) for name in _FIELDS}
