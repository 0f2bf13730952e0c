"""Find and read the configuration file, and check the shape of every key.

The configuration is the ``[tool.cachelint]`` table of a ``pyproject.toml``, or
the top-level table of a ``cachelint.toml`` or ``.cachelint.toml``. The nearest
one wins, searching upward from the first path checked (or the current
folder); in one folder, ``.cachelint.toml`` comes before ``cachelint.toml``,
which comes before ``pyproject.toml``, and a ``pyproject.toml`` without a
``[tool.cachelint]`` table is passed over.

This module checks types and spellings only; whether a code exists is known
once the rules are loaded (see :mod:`cachelint.config.settings`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from cachelint.errors import ConfigError
from cachelint.limits import MAX_DEPTH_CEILING
from cachelint.pointer import short_repr
from cachelint.record import Record, fill
from cachelint.scope.discovery import is_dir
from cachelint.scope.pathfilter import glob_error

PYPROJECT = "pyproject.toml"
CONFIG_FILES = (".cachelint.toml", "cachelint.toml", PYPROJECT)
SEVERITIES = ("error", "warning")

_CODE_OR_PREFIX = re.compile(r"^(ALL|[A-Z]{1,5}[0-9]{0,3})$")


class InvalidValue(ValueError):
    """A value of the wrong shape; the message says what is allowed."""


class FileConfig(Record):
    """The checked keys of one configuration file (no file: no keys)."""

    __slots__ = ("path", "values")

    path: Path | None
    values: Mapping[str, Any]

    def __init__(self, path: Path | None = None, values: Mapping[str, Any] | None = None) -> None:
        fill(self, path, {} if values is None else values)

    @property
    def root(self) -> Path:
        """The folder the file's globs are relative to."""
        return self.path.parent if self.path else Path.cwd()

    def label(self, key: str) -> str:
        """How a key is named in messages: ``[tool.cachelint] select`` in a pyproject."""
        return f"[tool.cachelint] {key}" if self.path and self.path.name == PYPROJECT else key

    def display(self) -> str:
        """The file's path as messages show it."""
        return display_path(self.path) if self.path else "(no configuration file)"


def display_path(path: Path) -> str:
    """``path`` relative to the current folder when it lies below it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def find_config(start: Path) -> Path | None:
    """The nearest configuration file in ``start`` or a folder above it."""
    folder = start.absolute()
    if not is_dir(folder):
        folder = folder.parent
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if candidate.is_file() and (name != PYPROJECT or _table(candidate) is not None):
                return candidate
    return None


def load_config(path: Path, *, text: str | None = None) -> FileConfig:
    """Read and check one configuration file (``text``: its content at a revision)."""
    table = _table(path, text)
    if table is None:
        raise ConfigError("has no [tool.cachelint] table", path=display_path(path))
    config = FileConfig(path, {})
    values = {key: _check_key(config, key, value) for key, value in table.items()}
    return FileConfig(path, values)


def resolve_config(*, paths: list[str], config: str | None, isolated: bool) -> FileConfig:
    """The configuration a run uses: ``--config``, the nearest file, or none."""
    if isolated:
        return FileConfig()
    if config is not None:
        named = Path(config)
        if not named.is_file():
            raise ConfigError("no such file (given with --config)", path=config)
        return load_config(named)
    found = find_config(Path(paths[0]) if paths else Path.cwd())
    return load_config(found) if found else FileConfig()


def _table(path: Path, text: str | None = None) -> dict[str, Any] | None:
    import tomllib  # only when there is a configuration file to read

    try:
        data = tomllib.loads(path.read_text(encoding="utf-8") if text is None else text)
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read file: {exc}", path=display_path(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=display_path(path)) from None
    if path.name != PYPROJECT:
        return data
    table = data.get("tool", {}).get("cachelint") if isinstance(data.get("tool"), dict) else None
    if table is not None and not isinstance(table, dict):
        raise ConfigError("[tool.cachelint] must be a table", path=display_path(path))
    return table


def _check_key(config: FileConfig, key: str, value: Any) -> Any:
    option = OPTIONS.get(key)
    if option is None:
        raise ConfigError(_unknown_key(key), path=config.display(), key=config.label(key))
    try:
        return option.parse(value)
    except InvalidValue as exc:
        message = f"{exc}, got {short_repr(value)}"
        raise ConfigError(message, path=config.display(), key=config.label(key)) from None


def _unknown_key(key: str) -> str:
    import difflib  # only for a misspelt key

    close = difflib.get_close_matches(key.replace("_", "-"), OPTIONS, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"unknown key{hint}; allowed keys: {', '.join(sorted(OPTIONS))}"


# --- value shapes -------------------------------------------------------------

_CODES_EXPECTED = 'expected a list of rule codes or prefixes, such as ["CL2", "CL301"] or ["ALL"]'


def parse_codes(value: Any) -> list[str]:
    """A list of codes or prefixes (``CL2``, ``CL301``, ``ALL``)."""
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidValue(_CODES_EXPECTED)
    bad = [v for v in value if not _CODE_OR_PREFIX.match(v)]
    if bad:
        raise InvalidValue(f"{bad[0]!r} is not a code or prefix; {_CODES_EXPECTED}")
    return list(value)


def parse_globs(value: Any) -> list[str]:
    """A list of gitignore-style globs."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidValue('expected a list of gitignore-style globs, such as ["_cache/old/**"]')
    for glob in value:
        check_glob(glob)
    return list(value)


def parse_stack_templates(value: Any) -> list[str]:
    """Stack-name templates (``[]`` turns CL606 off); see :mod:`cachelint.spack.options`."""
    from cachelint.spack.options import check_template

    if not isinstance(value, list):
        raise InvalidValue('expected a list of templates, such as ["*-{platform}-{family}-*"]')
    try:
        return [check_template(template) for template in value]
    except ValueError as exc:
        raise InvalidValue(str(exc)) from None


def parse_tag_globs(value: Any) -> list[str]:
    """A list of tag names or ``fnmatch`` globs (``develop``, ``develop-*``)."""
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InvalidValue('expected a list of tags or globs, such as ["develop"]')
    return list(value)


def check_glob(glob: str) -> str:
    """``glob`` if it is a valid gitignore-style glob."""
    problem = glob_error(glob)
    if problem:
        raise InvalidValue(f"{glob!r} is not a gitignore-style glob ({problem})")
    return glob


def _per_file_ignores(value: Any) -> dict[str, list[str]]:
    expected = 'expected a table of glob = list of codes, such as {"_cache/old/**" = ["CL203"]}'
    if not isinstance(value, dict):
        raise InvalidValue(expected)
    parsed = {}
    for glob, codes in value.items():
        check_glob(glob)
        try:
            parsed[glob] = parse_codes(codes)
        except InvalidValue as exc:
            raise InvalidValue(f"{glob!r}: {exc}") from None
    return parsed


def _severities(value: Any) -> dict[str, str]:
    expected = 'expected a table of code = "error" or "warning", such as {CL402 = "error"}'
    if not isinstance(value, dict):
        raise InvalidValue(expected)
    for code, level in value.items():
        if not _CODE_OR_PREFIX.match(code) or code == "ALL":
            raise InvalidValue(f"{code!r} is not a code or prefix; {expected}")
        if level not in SEVERITIES:
            raise InvalidValue(f"{code}: {short_repr(level)} is not a severity; {expected}")
    return dict(value)


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue("expected true or false")
    return value


def _folder(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue('expected a folder, such as "." or "site"')
    return value


def _stack_name(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue('expected a stack name, such as "root"')
    return value


def _baseline_file(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidValue('expected a baseline file, such as "cachelint-baseline.json"')
    return value


_SIZE_UNITS = {"K": 1024, "M": 1024**2, "G": 1024**3}
_SIZE_EXPECTED = 'expected a size in bytes, such as 1048576, "512K", "64M" or "1G"'


def parse_size(value: Any) -> int:
    """A positive number of bytes: an integer, or a string with a K, M or G suffix."""
    if isinstance(value, str):
        text = value.strip()
        unit = text[-1:].upper()
        number = text[:-1] if unit in _SIZE_UNITS else text
        if not number.isdigit():  # also refuses signs, spaces and "1.5M"
            raise InvalidValue(_SIZE_EXPECTED)
        value = int(number) * _SIZE_UNITS.get(unit, 1)
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidValue(_SIZE_EXPECTED)
    return value


def parse_depth(value: Any) -> int:
    """A number of nesting levels, from 1 to :data:`~cachelint.limits.MAX_DEPTH_CEILING`."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_DEPTH_CEILING:
        raise InvalidValue(f"expected a number of nesting levels from 1 to {MAX_DEPTH_CEILING}")
    return value


def _choice(choices: Callable[[], list[str]]) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        allowed = choices()
        if value not in allowed:
            raise InvalidValue(f"expected one of {', '.join(map(repr, allowed))}")
        return value

    return parse


def output_formats() -> list[str]:
    """The output formats reporters exist for (read when needed: formats are added)."""
    from cachelint.report import REPORTERS

    return sorted(REPORTERS)


class Option(Record):
    """A configuration key: how its value is checked, and its command-line flag."""

    __slots__ = ("flag", "parse")

    parse: Callable[[Any], Any]
    flag: str

    def __init__(self, parse: Callable[[Any], Any], flag: str) -> None:
        fill(self, parse, flag)


OPTIONS: dict[str, Option] = {
    "select": Option(parse_codes, "--select"),
    "extend-select": Option(parse_codes, "--extend-select"),
    "ignore": Option(parse_codes, "--ignore"),
    "per-file-ignores": Option(_per_file_ignores, "--per-file-ignores"),
    "severity": Option(_severities, "--severity"),
    "include": Option(parse_globs, "--include"),
    "exclude": Option(parse_globs, "--exclude"),
    "respect-gitignore": Option(_boolean, "--respect-gitignore / --no-respect-gitignore"),
    "root-stack": Option(_stack_name, "--root-stack"),
    "catalog-root": Option(_folder, "--catalog-root"),
    "fail-on": Option(_choice(lambda: list(SEVERITIES)), "--fail-on"),
    "output-format": Option(_choice(output_formats), "--output-format"),
    "max-file-size": Option(parse_size, "--max-file-size"),
    "max-depth": Option(parse_depth, "--max-depth"),
    "baseline": Option(_baseline_file, "--baseline"),
    "stack-architectures": Option(parse_stack_templates, "--stack-architectures"),
    "mutable-tags": Option(parse_tag_globs, "--mutable-tags"),
}
