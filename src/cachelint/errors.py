"""The one exception hierarchy of cachelint; every class carries its context."""

from __future__ import annotations


class CachelintError(Exception):
    """Base class: an error that ends the run with exit status 2."""


class UsageError(CachelintError):
    """The command line or configuration is wrong."""


class PluginError(CachelintError):
    """A rule plugin could not be loaded or registered."""

    def __init__(self, message: str, *, plugin: str) -> None:
        super().__init__(f"{plugin}: {message}")
        self.plugin = plugin


class OutputError(CachelintError):
    """A report could not be written where it was asked for."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class FixWriteError(CachelintError):
    """A repaired page could not be written; the file on disk is left as it was."""

    def __init__(self, message: str, *, path: str) -> None:
        super().__init__(message)
        self.path = path
