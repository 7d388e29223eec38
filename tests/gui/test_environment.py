"""Environment facts the window depends on (see ../shared/DESIGN.md)."""

import sys

from PySide6.QtCore import QObject
from PySide6.QtGui import QPainterPath


def test_void_qt_calls_do_not_leak_references_to_none():
    # PySide6 6.12.0 on Python 3.11 drops one reference to None per void call and aborts
    # the interpreter ("deallocating None") after a few thousand; pyproject excludes it.
    path, obj = QPainterPath(), QObject()
    before = sys.getrefcount(None)
    for i in range(10_000):
        path.lineTo(i, i)
        obj.setObjectName("probe")
    assert abs(sys.getrefcount(None) - before) < 100
