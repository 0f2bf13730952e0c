"""Find rules through the ``cachelint.rules`` entry-point group.

Built-in rules are registered in cachelint's own pyproject.toml and loaded
exactly like third-party plugins. An entry point names a page rule
(:class:`~cachelint.rules.base.Rule`) or a catalog rule
(:class:`~cachelint.catalog.rule.CatalogRule`). A plugin's codes match
``CODE_PATTERN``, do not start with ``CL`` (cachelint's own) and collide with
no other code.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from cachelint import __version__
from cachelint.catalog.rule import CatalogRule
from cachelint.codes import STAGE_CODES, StageCode
from cachelint.errors import PluginError
from cachelint.record import Record, fill
from cachelint.rules.base import CODE_PATTERN, Rule
from cachelint.rules.entrypoints import EntryPointLike, installed_entry_points, remembered

if TYPE_CHECKING:
    from cachelint.store.sealed import CacheStore

GROUP = "cachelint.rules"
BUILTIN_DISTRIBUTION = "cachelint"
BUILTIN = "built-in"
RESERVED_PREFIX = "CL"


class LoadedRule(Record):
    """A rule and where it came from: ``built-in`` or ``distribution==version``."""

    __slots__ = ("distribution", "origin", "rule", "version")

    rule: Rule | CatalogRule
    origin: str
    distribution: str
    version: str

    def __init__(
        self,
        rule: Rule | CatalogRule,
        origin: str,
        distribution: str = BUILTIN_DISTRIBUTION,
        version: str = __version__,
    ) -> None:
        fill(self, rule, origin, distribution, version)

    @property
    def source(self) -> str:
        """``distribution==version``, marked when built in: named in every error about it."""
        return _source(self.distribution, self.version, self.origin)


def _source(distribution: str, version: str, origin: str) -> str:
    release = f"{distribution}=={version}"
    return f"{release} ({BUILTIN})" if origin == BUILTIN else release


BUILTIN_SOURCE = _source(BUILTIN_DISTRIBUTION, __version__, BUILTIN)


class RuleRegistry(Record):
    """Every known code: rules from plugins and the codes of pipeline stages."""

    # outside_codes: rules not shipped with cachelint; the checker gives them
    # read-only page data. Derived from ``rules``: not a field.
    __slots__ = ("outside_codes", "rules")

    rules: dict[str, LoadedRule]
    outside_codes: frozenset[str]

    def __init__(self, rules: dict[str, LoadedRule]) -> None:
        fill(self, rules)
        outside = frozenset(code for code, loaded in rules.items() if loaded.origin != BUILTIN)
        object.__setattr__(self, "outside_codes", outside)

    def documented(self) -> Iterator[Rule | CatalogRule | StageCode]:
        """Every code's documentation, in code order."""
        every: dict[str, Rule | CatalogRule | StageCode] = dict(STAGE_CODES)
        every.update((code, loaded.rule) for code, loaded in self.rules.items())
        for code in sorted(every):
            yield every[code]

    def origin(self, code: str) -> str:
        """``built-in`` or ``distribution==version``."""
        loaded = self.rules.get(code)
        return loaded.origin if loaded else BUILTIN

    def source(self, code: str) -> str:
        """``distribution==version`` of the code's rule, marked when built in."""
        loaded = self.rules.get(code)
        return loaded.source if loaded else BUILTIN_SOURCE

    def all_codes(self) -> set[str]:
        return set(STAGE_CODES) | set(self.rules)

    def catalog_rules(self) -> list[CatalogRule]:
        """The catalog rules, in code order."""
        rules = (loaded.rule for _, loaded in sorted(self.rules.items()))
        return [rule for rule in rules if isinstance(rule, CatalogRule)]

    def __reduce__(self) -> tuple[object, tuple[()]]:
        # Rules are code: a worker process loads them again from the same entry points.
        return (load_rules, ())


def entry_points(*, group: str) -> list[EntryPointLike]:
    """The installed entry points of ``group`` (never from the working folder)."""
    return installed_entry_points(group)


def load_rules(*, store: CacheStore | None = None) -> RuleRegistry:
    """Load every registered rule, refusing bad codes and collisions.

    With ``store``, the entry points found are remembered there while the
    installed packages stay the same (see :mod:`cachelint.rules.entrypoints`).
    """
    if store is None:
        entries = entry_points(group=GROUP)
    else:
        entries = remembered(GROUP, store, lambda: entry_points(group=GROUP))
    rules: dict[str, LoadedRule] = {}
    # Built-ins first, so that a plugin reusing a built-in code is told whose it is.
    for entry in sorted(entries, key=lambda e: (_origin(e) != BUILTIN, e.name)):
        loaded = _load(entry)
        code = loaded.rule.code
        clash = rules.get(code)
        if clash is not None and clash.rule is loaded.rule:
            continue  # the same distribution seen twice on sys.path
        if clash is not None or code in STAGE_CODES:
            other = clash.source if clash else BUILTIN_SOURCE
            raise PluginError(
                f"rule code {code} is registered by both {other} and {loaded.source}",
                plugin=loaded.source,
            )
        if loaded.origin != BUILTIN and code.startswith(RESERVED_PREFIX):
            raise PluginError(
                f"rule code {code}: the {RESERVED_PREFIX} prefix is reserved for cachelint's "
                "own rules; choose another prefix",
                plugin=loaded.source,
            )
        rules[code] = loaded
    if not any(r.origin == BUILTIN for r in rules.values()):
        raise PluginError("built-in rules are not registered; reinstall", plugin="cachelint")
    return RuleRegistry(rules)


def _origin(entry: EntryPointLike) -> str:
    release = _release(entry)
    if release is None:
        return f"unknown[{entry.name}]"
    name, version = release
    return BUILTIN if name == BUILTIN_DISTRIBUTION else f"{name}=={version}"


def _release(entry: EntryPointLike) -> tuple[str, str] | None:
    """The name and version of the entry point's distribution (its metadata read once)."""
    return None if entry.dist is None else _release_of(entry.dist)


@lru_cache(maxsize=64)
def _release_of(dist: Any) -> tuple[str, str]:
    # ``dist.name`` and ``dist.version`` each parse the METADATA file again; the
    # entry points of one distribution share its object, so it is read once.
    return dist.name, dist.version


def _load(entry: EntryPointLike) -> LoadedRule:
    origin = _origin(entry)
    release = _release(entry)
    distribution = release[0] if release is not None else f"unknown[{entry.name}]"
    version = release[1] if release is not None else "unknown"
    plugin = _source(distribution, version, origin)
    try:
        obj = entry.load()
    except Exception as exc:  # any import failure in third-party code
        raise PluginError(
            f"cannot load rule {entry.name} ({entry.value}): {type(exc).__name__}: {exc}",
            plugin=plugin,
        ) from exc
    if not isinstance(obj, Rule | CatalogRule):
        raise PluginError(f"{entry.value} is not a cachelint Rule or CatalogRule", plugin=plugin)
    if not CODE_PATTERN.match(obj.code):
        raise PluginError(
            f"rule code {obj.code!r} does not match {CODE_PATTERN.pattern} "
            "(2 to 5 capital letters, then 3 digits)",
            plugin=plugin,
        )
    if entry.name != obj.code:
        raise PluginError(
            f"entry point {entry.name!r} must be named after its rule code {obj.code!r}",
            plugin=plugin,
        )
    return LoadedRule(obj, origin, distribution, version)
