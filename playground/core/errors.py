"""Errors meant for the user: the message names the problem and the fix.

Front ends print `str(error)` for these without a traceback; anything else is a bug.
"""


class PlaygroundError(Exception):
    """Base of every error whose message is written for the user."""


class ConfigError(PlaygroundError, ValueError):
    """A run configuration is malformed. The message is meant for the user."""
