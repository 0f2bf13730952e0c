"""Find rules through the ``cachelint.rules`` entry-point group.

Built-in rules are registered in cachelint's own pyproject.toml and loaded
exactly like third-party plugins.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points

from cachelint.codes import STAGE_CODES, StageCode
from cachelint.errors import PluginError
from cachelint.rules.base import CODE_PATTERN, Rule

GROUP = "cachelint.rules"
BUILTIN_DISTRIBUTION = "cachelint"


@dataclass(frozen=True, slots=True)
class LoadedRule:
    """A rule and where it came from: ``built-in`` or ``distribution==version``."""

    rule: Rule
    origin: str


@dataclass(frozen=True, slots=True)
class RuleRegistry:
    """Every known code: rules from plugins and the codes of pipeline stages."""

    rules: dict[str, LoadedRule]

    def documented(self) -> Iterator[Rule | StageCode]:
        """Every code's documentation, in code order."""
        every: dict[str, Rule | StageCode] = dict(STAGE_CODES)
        every.update((code, loaded.rule) for code, loaded in self.rules.items())
        for code in sorted(every):
            yield every[code]

    def origin(self, code: str) -> str:
        loaded = self.rules.get(code)
        return loaded.origin if loaded else "built-in"

    def all_codes(self) -> set[str]:
        return set(STAGE_CODES) | set(self.rules)


def load_rules() -> RuleRegistry:
    """Load every registered rule, refusing bad codes and collisions."""
    rules: dict[str, LoadedRule] = {}
    for entry in sorted(entry_points(group=GROUP), key=lambda e: e.name):
        loaded = _load(entry)
        clash = rules.get(loaded.rule.code)
        if clash is not None and clash.rule is loaded.rule:
            continue  # the same distribution seen twice on sys.path
        if clash is not None or loaded.rule.code in STAGE_CODES:
            other = clash.origin if clash else "built-in"
            raise PluginError(
                f"rule code {loaded.rule.code} is registered by both {other} and {loaded.origin}",
                plugin=loaded.origin,
            )
        rules[loaded.rule.code] = loaded
    if not any(r.origin == "built-in" for r in rules.values()):
        raise PluginError("built-in rules are not registered; reinstall", plugin="cachelint")
    return RuleRegistry(rules)


def _origin(entry: EntryPoint) -> str:
    dist = entry.dist
    if dist is None:
        return f"unknown[{entry.name}]"
    if dist.name == BUILTIN_DISTRIBUTION:
        return "built-in"
    return f"{dist.name}=={dist.version}"


def _load(entry: EntryPoint) -> LoadedRule:
    origin = _origin(entry)
    try:
        obj = entry.load()
    except Exception as exc:  # any import failure in third-party code
        raise PluginError(
            f"cannot load rule {entry.name} ({entry.value}): {type(exc).__name__}: {exc}",
            plugin=origin,
        ) from exc
    if not isinstance(obj, Rule):
        raise PluginError(f"{entry.value} is not a cachelint Rule", plugin=origin)
    if not CODE_PATTERN.match(obj.code):
        raise PluginError(
            f"rule code {obj.code!r} does not match {CODE_PATTERN.pattern}", plugin=origin
        )
    if entry.name != obj.code:
        raise PluginError(
            f"entry point {entry.name!r} must be named after its rule code {obj.code!r}",
            plugin=origin,
        )
    return LoadedRule(obj, origin)
