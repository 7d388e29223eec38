"""Errors meant for the user: the message names the problem and the fix.

Front ends print `str(error)` for these without a traceback; anything else is a bug.
"""


class PlaygroundError(Exception):
    """Base of every error whose message is written for the user."""


def first_line(error: BaseException, limit: int = 300) -> str:
    """The first line of `error`'s message, at most `limit` characters (its type's name when it
    has no message): how a library's own error is quoted inside one of ours."""
    text = str(error).strip()
    return text.splitlines()[0][:limit] if text else type(error).__name__


class KeyedError(PlaygroundError):
    """An error a front end may say in its own words (e.g. the window's language:
    gui/i18n/core_text.py, error_text.py): `key` names the problem and `values` holds what the
    English was built from; "" and {} for a message that only has its English."""

    def __init__(self, message: str = "", key: str = "", values: dict | None = None):
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})

    def __reduce__(self):  # keep key and values when pickled (Exception keeps only args)
        return type(self), (str(self), self.key, self.values)


class ConfigError(KeyedError, ValueError):
    """A run configuration is malformed. The message is meant for the user (KeyedError: it
    may also carry a key and values)."""
