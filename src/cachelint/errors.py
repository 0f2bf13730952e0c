"""The one exception hierarchy of cachelint; every class carries its context."""

from __future__ import annotations


class CachelintError(Exception):
    """Base class: an error that ends the run with exit status 2."""


class UsageError(CachelintError):
    """The command line or configuration is wrong."""


class ConfigError(UsageError):
    """A configuration file is unreadable, or one of its keys has a bad value."""

    def __init__(self, message: str, *, path: str, key: str = "") -> None:
        where = f"{path}: {key}" if key else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.key = key


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


class ReadOnlyDataError(TypeError):
    """A rule tried to change the page data it was given (it is shared by every rule)."""
