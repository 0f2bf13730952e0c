"""A catalog's data files, read as safely as pages and placed as exactly.

``_data/tags.yaml`` and ``_data/meta.yaml`` are whole YAML files;
``pages/tags/<tag>.md`` is a page whose front matter is the YAML. Each goes
through the same stages as a page (read with the limits, the safe parser that
refuses tags and anchors and catches duplicate keys, then a bundled schema),
and every problem becomes a finding with the given code: a data file is never
a traceback. Findings carry the parser's positions or JSON Pointers that the
one resolver places.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, Protocol

from cachelint.frozen import freeze
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import Finding, Parsed
from cachelint.page.boundary import LEAVES_CATALOG
from cachelint.page.positions import PositionResolver
from cachelint.page.source import read_source
from cachelint.page.split import FrontMatter, split_front_matter
from cachelint.record import Record, fill, replace
from cachelint.schema import verdict as fastschema
from cachelint.schema.explain import build_validator, load_schema, validate_with

# Schema messages name the top of a page "front matter"; a data file has none.
_PAGE_TOP = "front matter"


class ParseMemo(Protocol):
    """Remembers what YAML texts parse to (see :class:`cachelint.run.cache.yamlmemo.YamlMemo`)."""

    def parse(self, text: str, *, first_line: int, max_depth: int) -> Parsed:
        """What :func:`~cachelint.page.yamlparse.parse_yaml` returns for ``text``."""
        ...

    def schema_findings(
        self, text: str, schema: str, validate: Callable[[], tuple[Finding, ...]]
    ) -> tuple[Finding, ...]:
        """``validate()``: the schema findings of the data that ``text`` parses to."""
        ...


class DataFile(Record):
    """One data file: its read-only data and what is wrong with it.

    ``region`` is the YAML text and where it sits in the file (all of a
    ``.yaml`` file, the front matter of a ``.md`` page), ``None`` when the file
    could not be read; pointers of findings resolve in it.
    """

    __slots__ = ("data", "display", "findings", "path", "region")

    path: Path
    display: str
    data: Any
    findings: tuple[Finding, ...]
    region: FrontMatter | None

    def __init__(
        self,
        path: Path,
        display: str,
        data: Any = None,
        findings: tuple[Finding, ...] = (),
        region: FrontMatter | None = None,
    ) -> None:
        fill(self, path, display, data, findings, region)

    @property
    def usable(self) -> bool:
        """Whether rules may trust the data: it parsed and matched its schema."""
        return self.region is not None and not self.findings

    def resolver(self) -> PositionResolver:
        """Places the pointers of findings about this file (composes the YAML once)."""
        return PositionResolver(self.region)


def read_yaml_file(
    path: Path,
    display: str,
    *,
    code: str,
    limits: Limits = DEFAULT_LIMITS,
    memo: ParseMemo | None = None,
    inside: Path | None = None,
) -> DataFile | None:
    """Read a whole-file YAML document; ``None`` when there is no such file.

    ``inside`` is the catalog root: a link that leaves it is not read (CL001).
    """
    return _read(path, display, _whole_file, code=code, limits=limits, memo=memo, inside=inside)


def read_front_matter_file(
    path: Path,
    display: str,
    *,
    code: str,
    limits: Limits = DEFAULT_LIMITS,
    memo: ParseMemo | None = None,
    inside: Path | None = None,
) -> DataFile | None:
    """Read a page's front matter as data; ``None`` when there is no such file."""
    region = split_front_matter
    return _read(path, display, region, code=code, limits=limits, memo=memo, inside=inside)


def _whole_file(text: str) -> FrontMatter:
    return FrontMatter(text=text, first_line=1, start=0, end=len(text))


def _read(
    path: Path,
    display: str,
    region_of: Callable[[str], FrontMatter | Finding],
    *,
    code: str,
    limits: Limits,
    memo: ParseMemo | None,
    inside: Path | None,
) -> DataFile | None:
    if not _exists(path):
        return None
    source = read_source(path, max_size=limits.max_file_size, inside=inside)
    if isinstance(source, Finding):
        # A link leaving the catalog is CL001 wherever it is met, as for pages.
        refused = source if source.message == LEAVES_CATALOG else _recode(source, code)
        return DataFile(path, display, findings=(refused,))
    region = region_of(source.text)
    if isinstance(region, Finding):
        return DataFile(path, display, findings=(_recode(region, code),))
    return _parse(DataFile(path, display, region=region), code=code, limits=limits, memo=memo)


def validated(file: DataFile, schema: str, *, code: str, memo: ParseMemo | None = None) -> DataFile:
    """``file`` with the violations of the bundled schema ``schema`` as findings."""
    region = file.region
    if region is None or file.findings:
        return file

    def validate() -> tuple[Finding, ...]:
        return _schema_findings(file.data, schema)

    findings = memo.schema_findings(region.text, schema, validate) if memo else validate()
    if not findings:
        return file
    return replace(file, findings=tuple(_recode(f, code, top=True) for f in findings))


def _schema_findings(data: Any, schema: str) -> tuple[Finding, ...]:
    if fastschema.is_plain(data) and fastschema.is_valid_against(data, schema):
        return ()  # the reference validator would find nothing (see fastschema)
    return tuple(validate_with(_validator(schema), data))


def with_findings(file: DataFile, findings: tuple[Finding, ...]) -> DataFile:
    """``file`` with more findings (which make its data untrusted)."""
    return replace(file, findings=file.findings + findings) if findings else file


@cache
def _validator(schema: str) -> Any:
    return build_validator(load_schema(schema))


def _parse(file: DataFile, *, code: str, limits: Limits, memo: ParseMemo | None) -> DataFile:
    region = file.region
    assert region is not None
    if memo is not None:
        parse = memo.parse
    else:
        from cachelint.page.yamlparse import parse_yaml as parse
    parsed = parse(region.text, first_line=region.first_line, max_depth=limits.max_depth)
    if parsed.findings:
        return replace(file, findings=tuple(_recode(f, code) for f in parsed.findings))
    return replace(file, data=freeze(parsed.data))


def _recode(finding: Finding, code: str, *, top: bool = False) -> Finding:
    """The finding under ``code``, keeping its message and where it is."""
    message = finding.message
    if top and message.startswith(_PAGE_TOP):
        message = "the file" + message[len(_PAGE_TOP) :]
    return Finding(code, message, finding.pointer, finding.position)


def _exists(path: Path) -> bool:
    try:
        return path.exists() or path.is_symlink()  # a dangling link is reported
    except OSError:
        return True  # e.g. a link loop: reading it reports it
