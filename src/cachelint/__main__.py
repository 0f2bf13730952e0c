"""Allow ``python -m cachelint``."""

from __future__ import annotations

from cachelint.cli.main import run

if __name__ == "__main__":
    run()
