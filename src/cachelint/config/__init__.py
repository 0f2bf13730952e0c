"""Configuration: what the user asked for, as settings every stage reads.

``files`` finds and reads ``cachelint.toml`` / ``pyproject.toml``, ``trusted``
takes it from a trusted git ref when checking a pull request, ``selection``
turns select/ignore into the active codes, ``settings`` merges files and flags,
and ``check`` holds :class:`~cachelint.config.check.CheckSettings`, what every
page of a run is checked with.
"""
