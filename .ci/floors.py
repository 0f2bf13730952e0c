"""Print a pip constraints file pinning every dependency to the floor pyproject.toml allows.

CI installs with it to prove the lowest allowed versions still pass the suite:
a floor that fails is raised in pyproject.toml, never hidden here.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

FLOOR = re.compile(r"^\s*([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?\s*[^;]*?>=\s*([^,;\s]+)")


def floors(pyproject: Path) -> dict[str, str]:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    requirements += project.get("optional-dependencies", {}).get("test", [])
    pinned: dict[str, str] = {}
    for requirement in requirements:
        match = FLOOR.match(requirement)
        if match:
            pinned[match.group(1).lower()] = match.group(2)
    return pinned


def main() -> None:
    pyproject = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    for name, version in sorted(floors(pyproject).items()):
        print(f"{name}=={version}")


if __name__ == "__main__":
    main()
