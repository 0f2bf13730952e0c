"""Build a run's settings from the configuration file and the command line.

Each configuration key has a command-line flag; a flag that is given replaces
the key's value from the file. Globs from the file are relative to its folder,
globs from the command line to the current folder. Codes are checked here,
once the rules are loaded, so that an unknown code names where it was given.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cachelint.catalog.index import CatalogIndex
from cachelint.config.check import CheckSettings
from cachelint.config.files import (
    OPTIONS,
    SEVERITIES,
    FileConfig,
    InvalidValue,
    check_glob,
    display_path,
    parse_codes,
    parse_depth,
    parse_globs,
    parse_size,
    parse_stack_templates,
)
from cachelint.config.selection import (
    PerFileIgnore,
    build_selection,
    check_prefixes,
    expand_prefixes,
)
from cachelint.errors import UsageError
from cachelint.layout import DATA_FOLDER
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Severity
from cachelint.record import Record, fill
from cachelint.report import DEFAULT_FORMAT
from cachelint.rules.registry import RuleRegistry
from cachelint.scope.pathfilter import DEFAULT_INCLUDE, GlobSet, PathFilter
from cachelint.spack.options import DEFAULT_MUTABLE_TAGS, DEFAULT_STACK_ARCHITECTURES, SpackOptions

DEFAULTS: dict[str, Any] = {
    "select": None,
    "extend-select": [],
    "ignore": [],
    "per-file-ignores": {},
    "severity": {},
    "include": list(DEFAULT_INCLUDE),
    "exclude": [],
    "respect-gitignore": True,
    "root-stack": "root",
    "catalog-root": None,
    "fail-on": "error",
    "output-format": DEFAULT_FORMAT,
    "max-file-size": DEFAULT_LIMITS.max_file_size,
    "max-depth": DEFAULT_LIMITS.max_depth,
    "baseline": None,
    "stack-architectures": list(DEFAULT_STACK_ARCHITECTURES),
    "mutable-tags": list(DEFAULT_MUTABLE_TAGS),
}


class RunSettings(Record):
    """What a ``cachelint check`` run is set up with, wherever each value came from."""

    __slots__ = ("baseline", "check", "config", "fail_on", "output_format", "path_filter")

    check: CheckSettings
    path_filter: PathFilter
    output_format: str
    fail_on: Severity
    config: FileConfig
    baseline: Path | None  # --baseline, or the configuration's baseline key

    def __init__(
        self,
        check: CheckSettings,
        path_filter: PathFilter,
        output_format: str,
        fail_on: Severity,
        config: FileConfig,
        baseline: Path | None = None,
    ) -> None:
        fill(self, check, path_filter, output_format, fail_on, config, baseline)


class Setting(Record):
    """A key's value, where it was given (for messages) and what its globs are relative to."""

    __slots__ = ("base", "value", "where")

    value: Any
    where: str
    base: Path

    def __init__(self, value: Any, where: str, base: Path) -> None:
        fill(self, value, where, base)


def build_settings(
    args: argparse.Namespace, config: FileConfig, registry: RuleRegistry
) -> RunSettings:
    """Combine defaults, the configuration file and the flags; refuse unknown codes."""
    values = {key: _setting(key, args, config) for key in OPTIONS}
    known = sorted(registry.all_codes())
    for key in ("select", "extend-select", "ignore"):
        check_prefixes(values[key].value or [], known, option=values[key].where)
    selection = build_selection(
        known=known,
        enabled_by_default=[doc.code for doc in registry.documented() if doc.enabled],
        select=values["select"].value,
        extend_select=values["extend-select"].value,
        ignore=values["ignore"].value,
    )
    check = CheckSettings(
        registry=registry,
        selection=selection,
        root_stack=values["root-stack"].value,
        per_file_ignores=_per_file_ignores(values["per-file-ignores"], known),
        severities=_severities(values["severity"], known),
        catalogs=_catalogs(values["catalog-root"]),
        limits=Limits(
            max_file_size=values["max-file-size"].value, max_depth=values["max-depth"].value
        ),
        spack=SpackOptions(
            stack_architectures=tuple(values["stack-architectures"].value),
            mutable_tags=tuple(values["mutable-tags"].value),
        ),
    )
    path_filter = PathFilter(
        include=(GlobSet.of(values["include"].base, values["include"].value),),
        exclude=(GlobSet.of(values["exclude"].base, values["exclude"].value),),
        respect_gitignore=values["respect-gitignore"].value,
    )
    return RunSettings(
        check=check,
        path_filter=path_filter,
        output_format=values["output-format"].value,
        fail_on=Severity(values["fail-on"].value),
        config=config,
        baseline=None if args.no_baseline else _baseline(values["baseline"]),
    )


def _setting(key: str, args: argparse.Namespace, config: FileConfig) -> Setting:
    flag_value = getattr(args, key.replace("-", "_"), None)
    if flag_value is not None:
        table = _FLAG_TABLES.get(key)
        return Setting(table(flag_value) if table else flag_value, OPTIONS[key].flag, Path.cwd())
    if key in config.values:
        where = f"{config.display()}: {config.label(key)}"
        return Setting(config.values[key], where, config.root)
    return Setting(DEFAULTS[key], "default", Path.cwd())


def _per_file_ignores(setting: Setting, known: Sequence[str]) -> tuple[PerFileIgnore, ...]:
    ignores = []
    for glob, codes in setting.value.items():
        check_prefixes(codes, known, option=f"{setting.where} {glob!r}")
        resolved = frozenset(expand_prefixes(codes, known))
        ignores.append(PerFileIgnore(GlobSet.of(setting.base, [glob]), resolved))
    return tuple(ignores)


def _catalogs(setting: Setting) -> CatalogIndex:
    """The catalog roots: ``catalog-root`` for every page, else found above each page."""
    if setting.value is None:
        return CatalogIndex()
    root = setting.base / setting.value
    if not root.is_dir():
        raise UsageError(f"{setting.where}: {setting.value!r} is not a folder")
    if not (root / DATA_FOLDER).is_dir():
        raise UsageError(
            f"{setting.where}: {setting.value!r} has no {DATA_FOLDER}/ folder (a catalog root "
            f"holds the site data in {DATA_FOLDER}/)"
        )
    return CatalogIndex(Path(display_path(root)))


def _baseline(setting: Setting) -> Path | None:
    """The baseline file; one named by a configuration file must lie in its folder.

    The configuration is part of the checked repository: it may name a baseline
    beside it, never make cachelint read a file elsewhere.
    """
    if setting.value is None:
        return None
    path = setting.base / setting.value
    if setting.where != OPTIONS["baseline"].flag:
        inside = os.path.realpath(path).startswith(os.path.realpath(setting.base) + os.sep)
        if Path(setting.value).is_absolute() or not inside:
            raise UsageError(f"{setting.where}: {setting.value!r} is not inside {setting.base}")
    return Path(display_path(path))


def _severities(setting: Setting, known: Sequence[str]) -> Mapping[str, Severity]:
    """Exact codes to severities; a longer prefix wins over a shorter one."""
    check_prefixes(setting.value, known, option=setting.where)
    resolved: dict[str, Severity] = {}
    for prefix in sorted(setting.value, key=len):
        for code in expand_prefixes([prefix], known):
            resolved[code] = Severity(setting.value[prefix])
    return resolved


# --- command-line values ------------------------------------------------------


def per_file_ignore_arg(text: str) -> tuple[str, list[str]]:
    """``GLOB:CODE,CODE`` from ``--per-file-ignores``."""
    glob, sep, codes = text.rpartition(":")
    parsed = [code.strip() for code in codes.split(",") if code.strip()]
    if not sep or not glob or not parsed:
        raise argparse.ArgumentTypeError(f"expected GLOB:CODE[,CODE...], got {text!r}")
    return _arg(check_glob, glob), _codes_arg(parsed)


def severity_arg(text: str) -> list[tuple[str, str]]:
    """``CODE=LEVEL[,CODE=LEVEL...]`` from ``--severity``."""
    pairs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        code, sep, level = item.partition("=")
        if not sep or level.strip() not in SEVERITIES:
            raise argparse.ArgumentTypeError(
                f"expected CODE=error or CODE=warning (comma-separated), got {item!r}"
            )
        pairs.append((_codes_arg([code.strip()])[0], level.strip()))
    return pairs


def codes_arg(text: str) -> list[str]:
    """``CL2,CL301`` from ``--select``, ``--extend-select`` and ``--ignore``."""
    return _codes_arg([part.strip() for part in text.split(",") if part.strip()])


def globs_arg(text: str) -> list[str]:
    """``GLOB[,GLOB...]`` from ``--include`` and ``--exclude``."""
    return _arg(parse_globs, [part.strip() for part in text.split(",") if part.strip()])


def stack_templates_arg(text: str) -> list[str]:
    """``TEMPLATE[,TEMPLATE...]`` from ``--stack-architectures`` (``""``: none)."""
    templates = [part.strip() for part in text.split(",") if part.strip()]
    return _arg(parse_stack_templates, templates)


def tags_arg(text: str) -> list[str]:
    """``TAG[,TAG...]`` from ``--mutable-tags`` (``""``: every tag is immutable)."""
    return [part.strip() for part in text.split(",") if part.strip()]


def size_arg(text: str) -> int:
    """``1048576``, ``512K``, ``64M`` or ``1G`` from ``--max-file-size``."""
    return _arg(parse_size, text)


def depth_arg(text: str) -> int:
    """A positive number of levels from ``--max-depth``."""
    return _arg(parse_depth, text)


def _codes_arg(codes: list[str]) -> list[str]:
    return _arg(parse_codes, codes)


def _arg(parse: Any, value: Any) -> Any:
    """Check a flag's value as its configuration key's value is checked."""
    try:
        return parse(value)
    except InvalidValue as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


# Repeatable flags collect lists; the configuration keys they stand for are tables.
_FLAG_TABLES: dict[str, Any] = {
    "per-file-ignores": dict,
    "severity": lambda groups: {code: level for pairs in groups for code, level in pairs},
}
