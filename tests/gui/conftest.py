"""GUI tests run offscreen (no display needed) through pytest-qt's qtbot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402 - after the platform is chosen
from PySide6.QtCore import QSettings  # noqa: E402
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


@pytest.fixture
def window(qtbot, tmp_path, dialogs):
    """A main window with its own settings file and data folder, its panels built and its
    dataset loaded; message boxes recorded by `dialogs`. Stops any run at the end."""
    from playground.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings, data_dir=str(tmp_path / "data"))
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.data_panel.dataset() is not None and w.train_action.isEnabled(), timeout=30000)  # 10 s timed out under a load of 9-11
    yield w
    w.session.shutdown()
    w.controller.set_dirty(False)


@pytest.fixture
def personal_folder(tmp_path, monkeypatch):
    """Personal samples (and a starter retrained on full MNIST) go to a temporary folder, never
    the user's own, so the shipped starter is the one loaded; returns the digits' folder."""
    from playground.core.inference import starter

    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    monkeypatch.setattr(starter, "_cached", None)
    return tmp_path / "personal" / "digits"


@pytest.fixture
def canvas(qtbot):
    """A drawing canvas on its own."""
    from playground.gui.tabs.draw_canvas import DrawCanvas

    canvas = DrawCanvas()
    qtbot.addWidget(canvas)
    return canvas


@pytest.fixture
def english(qapp):
    """The English UI, with its singular and plural forms (playground_en.qm), as the app installs it."""
    from playground.gui.i18n import language as i18n

    i18n.install_translators(qapp, "en")
    yield


@pytest.fixture
def japanese(qapp):
    """The Japanese UI for one test; English again afterwards."""
    from playground.gui.i18n import language as i18n

    assert i18n.install_translators(qapp, "ja")
    yield
    i18n.install_translators(qapp, "en")
