"""Shared fixtures: real pages, a page builder, and a checker helper."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from cachelint.cli.main import main
from cachelint.config.check import CheckSettings
from cachelint.config.selection import build_selection
from cachelint.rules.registry import load_rules
from cachelint.run.checker import check_target
from cachelint.scope.discovery import make_target

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
PAGES = DATA / "pages"
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus" / "real"
SEEDS = SHARED / "seeds"
# A few real pages of that corpus, kept in this repository (tests/data/README.md):
# a clone alone tests against real data.
REAL = DATA / "real"


def real_corpora() -> list[Any]:
    """The kept real pages, and the whole shared corpus when present, as test parameters."""
    absent = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"{CORPUS} is not available")
    return [pytest.param(REAL, id="kept"), pytest.param(CORPUS, id="shared", marks=absent)]


@pytest.fixture(scope="session", autouse=True)
def cache_outside_the_checkout(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """Every cache of the suite (and of the cachelint it runs) lives in a tmp folder.

    Nothing lands in the checkout (a checked folder never gets a cache) nor in
    the user's own ``~/.cache``: the default home follows ``XDG_CACHE_HOME``.
    """
    home = tmp_path_factory.mktemp("user-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(home / "xdg"))
        patch.setenv("CACHELINT_CACHE_DIR", str(home / "chosen"))
        yield home


def require(path: Path) -> Path:
    """Skip the test when shared material is absent (e.g. outside the workplace)."""
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path


@pytest.fixture
def corpus() -> Path:
    return require(CORPUS)


@pytest.fixture
def seeds() -> Path:
    return require(SEEDS)


def spec(**overrides: Any) -> dict[str, Any]:
    """A valid spec in the 2025 key order; override any field."""
    base: dict[str, Any] = {
        "compiler": "gcc@11.4.0",
        "hash": "kegjoarlmwlz3uvrnind7pxb4rz5ea3b",
        "os": "ubuntu22.04",
        "platform": "linux",
        "size": "-",
        "stacks": ["e4s", "root"],
        "target": "x86_64_v3",
        "variants": ["build_system=autotools"],
        "versions": ["1.07.1"],
    }
    base.update(overrides)
    return base


def derive_meta(specs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The meta a generator writes for ``specs``."""
    by_stack: dict[str, int] = {}
    for item in specs:
        for stack in item["stacks"]:
            by_stack[stack] = by_stack.get(stack, 0) + 1
    return {
        "compilers": sorted({s["compiler"] for s in specs}),
        "num_specs": len(specs),
        "num_specs_by_stack": dict(sorted(by_stack.items())),
        "oss": sorted({s["os"] for s in specs}),
        "platforms": sorted({s["platform"] for s in specs}),
        "stacks": sorted({v for s in specs for v in s["stacks"]}),
        "targets": sorted({s["target"] for s in specs}),
        "versions": sorted({v for s in specs for v in s["versions"]}),
    }


def page_text(
    specs: Sequence[dict[str, Any]] | None = None,
    *,
    meta: dict[str, Any] | None = None,
    title: str = "bc",
    tag: str = "develop",
    extra_lines: str = "",
) -> str:
    """A page in the generator's exact layout; meta derived unless given."""
    specs = [spec()] if specs is None else list(specs)
    meta = derive_meta(specs) if meta is None else meta
    return (
        "---\n"
        f'title: "{title}"\n'
        "layout: cache\n"
        f"categories: [package, {tag}]\n"
        f"meta: {json.dumps(meta)}\n"
        f"spec_details: {json.dumps(specs)}\n"
        f"{extra_lines}"
        "---"
    )


Located = tuple[str, int, int]


def run_page(
    tmp_path: Path,
    text: str | bytes,
    *,
    relative: str = "_cache/develop/bc/specs.md",
    select: Sequence[str] | None = None,
    root_stack: str = "root",
) -> list[Located]:
    """Check one page written at ``relative`` and return (code, line, column) sorted."""
    path = tmp_path / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        text = text.encode("utf-8")
    path.write_bytes(text)
    registry = load_rules()
    settings = CheckSettings(
        registry=registry,
        selection=build_selection(
            known=registry.all_codes(),
            enabled_by_default=[d.code for d in registry.documented() if d.enabled],
            select=select,
        ),
        root_stack=root_stack,
    )
    result = check_target(make_target(path, display=relative, explicit=True), settings)
    return sorted((d.code, d.position.line, d.position.column) for d in result.diagnostics)


@pytest.fixture
def check_page(tmp_path: Path) -> Callable[..., list[Located]]:
    """``check_page(text, **options)`` -> sorted (code, line, column) findings."""

    def run(text: str | bytes, **options: Any) -> list[Located]:
        return run_page(tmp_path, text, **options)

    return run


def column_of(text: str, line: int, needle: str, occurrence: int = 1) -> int:
    """1-based column of the ``occurrence``-th ``needle`` on 1-based ``line``."""
    row = text.split("\n")[line - 1]
    index = -1
    for _ in range(occurrence):
        index = row.index(needle, index + 1)
    return index + 1


# Fixtures of the configuration, plugin and CLI tests.

BC_PAGE = "_cache/develop-2025-07-13/bc/specs.md"


class Outcome(NamedTuple):
    """What one ``cachelint`` run printed and returned."""

    status: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., Outcome]:
    """Run ``cachelint ARGS`` in this process; returns status, stdout and stderr."""

    def run(*args: str) -> Outcome:
        capsys.readouterr()
        status = main(list(args))
        captured = capsys.readouterr()
        return Outcome(status, captured.out, captured.err)

    return run


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project folder that is also the current folder."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def write(project: Path) -> Callable[[str, str], Path]:
    """Write a file below the project folder, making folders as needed."""

    def write_file(relative: str, text: str) -> Path:
        path = project / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return write_file


@pytest.fixture(scope="session")
def repo() -> Path:
    """The root of the repository (``examples/``, ``docs/`` ...)."""
    return REPO


@pytest.fixture(scope="session")
def clean_bc() -> str:
    """A real, clean page (``_cache/develop-2025-07-13/bc/specs.md``)."""
    return (REPO / "examples" / "catalog" / BC_PAGE).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def broken_bc() -> str:
    """The same page with CL201 on line 5 (``meta``) and CL301 on line 6 (``spec_details``)."""
    return (REPO / "examples" / "broken" / BC_PAGE).read_text(encoding="utf-8")


# Fixtures of the catalog-wide rules: a synthetic catalog in the project folder.

Placed = tuple[str, str, int, int]


@pytest.fixture
def make_catalog(project: Path) -> Any:
    """A :class:`~tests.catalog.builder.CatalogBuilder` writing into the project folder."""
    from tests.catalog.builder import CatalogBuilder

    return CatalogBuilder(project)


@pytest.fixture
def check_catalog(cli: Callable[..., Outcome]) -> Callable[..., list[Placed]]:
    """``check_catalog(*args)``: run ``cachelint check --output-format json ARGS``.

    Returns the findings as sorted (path, code, line, column) tuples.
    """

    def run(*args: str) -> list[Placed]:
        result = cli("check", "--output-format", "json", *args)
        assert result.status in (0, 1), result.err
        return sorted(
            (record["path"], record["code"], record["line"], record["column"])
            for record in json.loads(result.out)
        )

    return run
