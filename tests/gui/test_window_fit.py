"""The window fits a 1280×800 laptop screen (less a taskbar) in English and Japanese, and comes
back where and as large as it was left (gui/window_settings.py)."""

import pytest
from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication

from playground.gui.i18n import language as i18n
from playground.gui.main_window import MainWindow

LAPTOP = QRect(0, 0, 1280, 760)  # a 1280×800 screen less a 40 px taskbar
FRAME = QMargins(8, 36, 8, 8)  # a window manager's title bar and borders around the window


def _settings(tmp_path, language="en"):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    i18n.set_chosen_language(settings, language)
    return settings


def _window(qtbot, tmp_path, settings):
    w = MainWindow(settings, data_dir=str(tmp_path / "data"))
    qtbot.addWidget(w)
    return w


def _close(w):
    w.session.shutdown()
    w.controller.set_dirty(False)
    w.close()


@pytest.fixture
def translated(qapp):
    yield lambda language: i18n.install_translators(qapp, language)
    i18n.install_translators(qapp, "en")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_the_whole_window_fits_a_1280x800_laptop_screen(qtbot, tmp_path, dialogs, translated, language):
    from playground.gui.tabs.draw_panel import DrawPanel
    from playground.gui.tabs.teach import TeachBox
    from playground.gui.torch_loader import wait_for_torch

    translated(language)
    wait_for_torch()  # the Draw tab's teach box, one of the tallest parts, is there once torch is
    w = _window(qtbot, tmp_path, _settings(tmp_path, language))
    w.show()
    qtbot.waitUntil(lambda: isinstance(w.findChild(DrawPanel).teach_box, TeachBox), timeout=10000)
    if language == "ja":
        assert w.settings_tabs.tabText(1) == "モデル"
    # Every panel's minimum, with the window's title bar and borders, fits beside the taskbar ...
    hint = w.minimumSizeHint().grownBy(FRAME)
    assert hint.width() <= LAPTOP.width() and hint.height() <= LAPTOP.height(), hint
    # ... and a first start opens no larger than the screen it is on (it was 1400×860 on any screen).
    available = w.screen().availableGeometry()
    assert available.contains(w.geometry().marginsAdded(FRAME)), (w.geometry(), available)
    _close(w)


def test_on_the_laptop_screen_a_window_is_shrunk_and_moved_into_it():
    from playground.gui.window_settings import fit_into

    minimum = QSize(660, 450)
    for saved in (QRect(0, 0, 1400, 860), QRect(200, 100, 1920, 1080), QRect(-300, 900, 800, 600)):
        fitted = fit_into(saved, LAPTOP, minimum)
        assert LAPTOP.contains(fitted.marginsAdded(FRAME)), (saved, fitted)
        assert fitted.width() >= minimum.width() and fitted.height() >= minimum.height()
    inside = QRect(100, 80, 900, 600)
    assert fit_into(inside, LAPTOP, minimum) == inside  # a window that fits stays as it is


def test_size_position_and_maximised_state_come_back(qtbot, tmp_path, dialogs):
    settings = _settings(tmp_path)
    w = _window(qtbot, tmp_path, settings)
    w.show()
    w.setGeometry(40, 60, 740, 690)  # above the minimum, with the Draw tab complete
    _close(w)
    again = _window(qtbot, tmp_path, settings)
    assert again.geometry() == QRect(40, 60, 740, 690)
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized, timeout=2000)
    _close(again)
    third = _window(qtbot, tmp_path, settings)
    third.show()
    assert third.isMaximized()
    third.showNormal()
    qtbot.waitUntil(lambda: not third.isMaximized(), timeout=2000)
    assert third.geometry().size() == QSize(740, 690)  # the size it had before it was maximised
    _close(third)


def test_a_window_left_on_a_larger_monitor_comes_back_inside_this_screen(qtbot, tmp_path, dialogs):
    settings = _settings(tmp_path)
    w = _window(qtbot, tmp_path, settings)
    w.show()
    available = w.screen().availableGeometry()
    w.setGeometry(available.right() - 100, available.bottom() - 100, available.width() + 500, available.height() + 300)
    _close(w)
    again = _window(qtbot, tmp_path, settings)
    again.show()
    assert available.contains(again.geometry().marginsAdded(FRAME)), (again.geometry(), available)
    _close(again)


def test_a_geometry_written_under_another_settings_version_is_not_restored(qtbot, tmp_path, dialogs):
    settings = _settings(tmp_path)
    w = _window(qtbot, tmp_path, settings)
    w.show()
    w.setGeometry(40, 60, 740, 690)  # above the minimum, with the Draw tab complete
    _close(w)
    settings.setValue("settings/version", 0)  # an incompatible older layout of the settings
    again = _window(qtbot, tmp_path, settings)
    assert again.geometry().size() != QSize(740, 690)
    assert QGuiApplication.primaryScreen().availableGeometry().contains(again.geometry().marginsAdded(FRAME))
    _close(again)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_long_run_header_does_not_widen_the_window(qtbot, tmp_path, dialogs, translated, language):
    """The header above the plots names the run's data, model, optimizer and result; in Japanese
    at 1280 px it pushed the window's right edge off the screen. It wraps instead."""
    translated(language)
    w = _window(qtbot, tmp_path, _settings(tmp_path, language))
    w.show()
    before = w.minimumSizeHint().width()
    w.result_label.setText(
        "<b>Run 12: Test accuracy 99.00% (loss 0.0837)</b> — " + " · ".join(["XOR · Dense 8 → Dense 2 · Momentum SGD 0.01"] * 6)
    )
    assert w.minimumSizeHint().width() == before
    assert w.result_label.heightForWidth(400) > w.result_label.fontMetrics().height()  # it wraps, not cut
    _close(w)
