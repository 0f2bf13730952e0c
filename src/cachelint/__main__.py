"""Allow ``python -m cachelint``."""

from __future__ import annotations

import sys

from cachelint.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
