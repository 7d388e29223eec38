"""The window's log: each line is kept as what renders it, so that after a language switch the
earlier lines are said again in the new language.

A line is a string (said once: e.g. the engine's own English, or a message made elsewhere) or
a function of no arguments that returns the line in the language installed when it is called,
e.g. ``lambda: self.tr("Opened {0}").format(path)`` with the values bound at the time.
"""

from __future__ import annotations

from collections import deque
from typing import Callable, Union

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

__all__ = ["LogLines", "Line"]

Line = Union[str, Callable[[], str]]


def _text(line: Line) -> str:
    return line() if callable(line) else str(line)


class LogLines:
    """The lines of `view` (read-only), as many as it shows (its maximumBlockCount)."""

    def __init__(self, view: QPlainTextEdit):
        self.view = view
        self.lines: deque[Line] = deque(maxlen=max(view.maximumBlockCount(), 1) if view.maximumBlockCount() else None)

    def add(self, line: Line) -> None:
        self.lines.append(line)
        self.view.appendPlainText(_text(line))

    def render(self) -> None:
        """Say every line again in the installed language; a log at its end keeps following
        new lines, one scrolled back stays where the reader left it."""
        bar = self.view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum()
        where = bar.value()
        self.view.setPlainText("\n".join(_text(line) for line in self.lines))
        if at_end:
            self.view.moveCursor(QTextCursor.MoveOperation.End)
            bar.setValue(bar.maximum())
        else:
            bar.setValue(where)
