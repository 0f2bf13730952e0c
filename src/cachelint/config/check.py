"""What every file of a run is checked with: rules, selection, severities, limits."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cachelint.catalog.index import CatalogIndex
from cachelint.codes import STAGE_CODES
from cachelint.config.selection import PerFileIgnore, Selection
from cachelint.limits import DEFAULT_LIMITS, Limits
from cachelint.model import PageKind, Severity
from cachelint.record import Record, fill
from cachelint.rules.base import Rule
from cachelint.rules.registry import RuleRegistry
from cachelint.spack.options import DEFAULT_SPACK_OPTIONS, SpackOptions

# (registry id, selection, kind) -> (registry, its rules): every page of a run asks
# the same question; the registry is kept so that its id cannot be reused.
_ACTIVE_RULES: dict[tuple[int, frozenset[str], PageKind], tuple[RuleRegistry, list[Rule]]] = {}


class CheckSettings(Record):
    """What every file of a run is checked with.

    ``severities`` overrides the default severity of codes; ``per_file_ignores``
    turns codes off in the files their globs match; ``catalogs`` finds each
    page's catalog and its site data.
    """

    __slots__ = (
        "catalogs",
        "limits",
        "per_file_ignores",
        "registry",
        "root_stack",
        "selection",
        "severities",
        "spack",
    )

    registry: RuleRegistry
    selection: Selection
    root_stack: str
    per_file_ignores: tuple[PerFileIgnore, ...]
    severities: Mapping[str, Severity]
    limits: Limits
    catalogs: CatalogIndex
    spack: SpackOptions

    def __init__(
        self,
        registry: RuleRegistry,
        selection: Selection,
        root_stack: str = "root",
        per_file_ignores: tuple[PerFileIgnore, ...] = (),
        severities: Mapping[str, Severity] | None = None,
        limits: Limits = DEFAULT_LIMITS,
        catalogs: CatalogIndex | None = None,  # None: a new index of its own
        spack: SpackOptions = DEFAULT_SPACK_OPTIONS,
    ) -> None:
        severities = {} if severities is None else severities
        catalogs = CatalogIndex() if catalogs is None else catalogs
        fill(
            self,
            registry,
            selection,
            root_stack,
            per_file_ignores,
            severities,
            limits,
            catalogs,
            spack,
        )

    def active_rules(self, kind: PageKind, selection: Selection | None = None) -> list[Rule]:
        """The selected rules that apply to pages of ``kind``, in code order."""
        selection = selection or self.selection
        key = (id(self.registry), selection.active, kind)
        known = _ACTIVE_RULES.get(key)
        if known is not None and known[0] is self.registry:
            return known[1]
        rules = [
            loaded.rule
            for code, loaded in sorted(self.registry.rules.items())
            if code in selection and isinstance(loaded.rule, Rule) and kind in loaded.rule.kinds
        ]
        if len(_ACTIVE_RULES) >= 64:
            _ACTIVE_RULES.clear()
        _ACTIVE_RULES[key] = (self.registry, rules)
        return rules

    def selection_for(self, path: Path) -> Selection:
        """The selection less the codes ``per-file-ignores`` turns off for ``path``."""
        ignored = [pfi.codes for pfi in self.per_file_ignores if pfi.globs.match(path)]
        return self.selection.without(set().union(*ignored)) if ignored else self.selection


def severity(code: str, settings: CheckSettings) -> Severity:
    """The code's severity: its ``severity`` override, else its rule's default."""
    loaded = settings.registry.rules.get(code)
    info = loaded.rule if loaded else STAGE_CODES.get(code)
    return settings.severities.get(code, info.severity if info else Severity.ERROR)
