"""Load the bundled JSON Schemas and turn validation errors into findings.

Validation errors map to stable codes by the failing keyword: a missing key is
CL101, a wrong type CL102, an unexpected key CL103, a pattern, enum or const
mismatch CL104, anything else CL105.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from cachelint.errors import UsageError
from cachelint.model import Finding, PageKind
from cachelint.pointer import display_path, short_repr, to_pointer

_KEYWORD_CODES = {
    "required": "CL101",
    "type": "CL102",
    "additionalProperties": "CL103",
    "unevaluatedProperties": "CL103",
    "pattern": "CL104",
    "enum": "CL104",
    "const": "CL104",
}
# Every code a schema violation can be reported with.
SCHEMA_CODES = frozenset({*_KEYWORD_CODES.values(), "CL105"})

SCHEMA_SUFFIX = ".schema.json"


def schema_dir() -> Path:
    """The folder of bundled schemas (inside the wheel, or the source checkout)."""
    package = Path(__file__).resolve().parents[1]
    packaged = package / "schemas"  # where the wheel puts them (importlib.resources costs ms)
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "schemas"


def schema_names() -> list[str]:
    """Names of the bundled schemas, e.g. ``catalog-page``."""
    files = schema_dir().glob("*" + SCHEMA_SUFFIX)
    return sorted(p.name.removesuffix(SCHEMA_SUFFIX) for p in files)


def schema_text(name: str) -> str:
    """The text of a bundled schema by name."""
    path = schema_dir() / f"{name.removesuffix(SCHEMA_SUFFIX)}{SCHEMA_SUFFIX}"
    if not path.is_file():
        raise UsageError(f"unknown schema {name!r}; available: {', '.join(schema_names())}")
    return path.read_text(encoding="utf-8")


@cache
def load_schema(name: str) -> Mapping[str, Any]:
    """A bundled schema as data."""
    return json.loads(schema_text(name))


@cache
def _validator(kind: PageKind) -> Any:
    return build_validator(load_schema(kind.value))


def build_validator(schema: Mapping[str, Any]) -> Any:
    """A 2020-12 validator whose ``$ref``s resolve only to the bundled schemas.

    Any other reference (``https://...``, ``file:...``) is refused with a
    :class:`~cachelint.errors.UsageError`, never fetched.
    """
    from jsonschema import Draft202012Validator  # imported lazily: ~50 ms
    from referencing import Registry, Resource

    bundled = [Resource.from_contents(load_schema(name)) for name in schema_names()]
    registry = Registry(retrieve=_refuse_retrieval).with_resources(
        (resource.id(), resource) for resource in bundled if resource.id()
    )
    validator = Draft202012Validator(schema, registry=registry)
    validator.check_schema(schema)
    return validator


def _refuse_retrieval(uri: str) -> Any:
    raise UsageError(
        f"schema reference {uri!r} refused: references may only name the bundled schemas"
    )


def validate(data: Any, kind: PageKind) -> list[Finding]:
    """All schema violations of a page's front matter, most specific first."""
    return validate_with(_validator(kind), data)


def validate_with(validator: Any, data: Any) -> list[Finding]:
    """Schema findings from a validator made by :func:`build_validator`."""
    from referencing.exceptions import Unresolvable

    try:
        # jsonschema reports each missing key as its own "required" error; the set
        # of findings is the same whichever error reports it, so keep each once.
        errors = validator.iter_errors(data)
        return list(dict.fromkeys(finding for error in errors for finding in _findings(error)))
    except Unresolvable as exc:
        raise UsageError(
            f"schema reference {exc.ref!r} refused: references may only name the bundled schemas"
        ) from None


def _findings(error: Any) -> Iterator[Finding]:
    if error.validator in ("oneOf", "anyOf") and error.context:
        # Report the alternative that came closest rather than "not valid under any".
        from jsonschema.exceptions import best_match

        yield from _findings(best_match(error.context))
        return
    path = list(error.absolute_path)
    if error.validator == "required":
        yield from _missing(error, path)
    elif error.validator in ("additionalProperties", "unevaluatedProperties"):
        yield from _unexpected(error, path)
    else:
        code = _KEYWORD_CODES.get(error.validator, "CL105")
        yield Finding(code, f"{display_path(path)}: {_describe(error)}", to_pointer(path))


def _missing(error: Any, path: list[Any]) -> Iterator[Finding]:
    present = error.instance if isinstance(error.instance, Mapping) else {}
    for key in error.validator_value:
        if key not in present:
            where = display_path(path) if path else "front matter"
            message = f"{where}: required key {key!r} is missing"
            yield Finding("CL101", message, to_pointer([*path, key]))


def _unexpected(error: Any, path: list[Any]) -> Iterator[Finding]:
    allowed = set(error.schema.get("properties", {}))
    for key in error.instance:
        if key not in allowed:
            name = display_path([*path, key])
            yield Finding("CL103", f"{name}: unexpected key {key!r}", to_pointer([*path, key]))


def _describe(error: Any) -> str:
    keyword, expected, value = error.validator, error.validator_value, short_repr(error.instance)
    if keyword == "pattern":
        return f"{value} does not match {expected}"
    if keyword == "const":
        return f"{value} is not {expected!r}"
    if keyword == "type":
        wanted = " or ".join(expected) if isinstance(expected, list) else expected
        return f"{value} is not of type {wanted}"
    if keyword == "enum":
        return f"{value} is not one of {', '.join(map(repr, expected))}"
    return str(error.message) if len(str(error.message)) <= 200 else f"{value} fails {keyword!r}"
