"""GUI tests run offscreen (no display needed) through pytest-qt's qtbot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402 - after the platform is chosen
from PySide6.QtWidgets import QMessageBox  # noqa: E402


@pytest.fixture
def dialogs(monkeypatch):
    """Static message boxes would wait forever offscreen: record them and answer 'Discard'."""
    shown = []

    def fake(kind):
        def show(parent, title, text, *rest, **kw):
            shown.append((kind, title, text))
            return QMessageBox.StandardButton.Discard

        return show

    for kind in ("question", "warning", "critical", "information"):
        monkeypatch.setattr(QMessageBox, kind, fake(kind))
    return shown
