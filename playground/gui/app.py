"""Start the desktop application: `playground` (no arguments) or `playground gui ...`.

The window is shown before anything imports torch, and its panels are built on the next turn
of the event loop, without torch, while torch loads on a background thread
(gui/torch_loader.py). A project named on the command line opens, and the offer to resume an
interrupted run comes, once torch has loaded.
"""

from __future__ import annotations

import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from playground.gui.i18n.language import effective_language, install_translators
from playground.gui.main_window import MainWindow

ORGANIZATION = "NeuralNetworkPlayground"
APPLICATION = "Neural Network Playground"


def has_display() -> bool:
    """Qt aborts the process (not an exception) when it cannot reach a display."""
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class _Automation:
    """Command-line driven steps for demos and the end-to-end test: load a preset, train,
    take a screenshot of the screen when training ends, quit."""

    def __init__(self, window: MainWindow, train: bool, screenshot: str | None, quit_after: bool):
        self.window, self.train, self.screenshot, self.quit_after = window, train, screenshot, quit_after

    def start(self) -> None:
        controller = self.window.controller
        if self.train:
            controller.w.session.finished.connect(self._on_done)
            controller.w.session.failed.connect(lambda *_: self._on_done(None))
            self._train_when_ready()
        elif self.screenshot or self.quit_after:
            QTimer.singleShot(1500, lambda: self._on_done(None))

    def _train_when_ready(self) -> None:
        w = self.window
        if w.data_panel.dataset() is None or not w.train_action.isEnabled():
            QTimer.singleShot(100, self._train_when_ready)
            return
        w.train_action.trigger()

    def _on_done(self, _result) -> None:
        # Let the last plot and boundary redraws land before the picture is taken.
        QTimer.singleShot(800, self._finish)

    def _finish(self) -> None:
        if self.screenshot:
            screen = QApplication.primaryScreen()
            pixmap = screen.grabWindow(0) if screen is not None else self.window.grab()
            if pixmap.isNull():
                pixmap = self.window.grab()
            pixmap.save(self.screenshot)
            print(f"screenshot saved to {self.screenshot}", flush=True)
        if self.quit_after:
            self.window.controller.set_dirty(False)  # an automated run has nothing to save
            self.window.close()


def _report_when_enabled(action, what: str) -> None:
    """Print "<what> <unix time>" the first time `action` is enabled (now, if it is)."""

    def check() -> None:
        if action.isEnabled() and not reported:
            reported.append(True)
            print(f"{what} {time.time():.6f}", flush=True)

    reported: list[bool] = []
    action.changed.connect(check)
    check()


def main(
    project: str | None = None,
    preset: str | None = None,
    data_dir: str | None = None,
    train: bool = False,
    screenshot: str | None = None,
    quit_after: bool = False,
) -> int:
    if not has_display():
        print(
            "error: no display found, so the window cannot open. Run it on a desktop session, or use the "
            "command line: playground train --preset xor-mlp",
            file=sys.stderr,
        )
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    settings = QSettings()
    install_translators(app, effective_language(settings))

    window = MainWindow(settings, data_dir=data_dir, defer_panels=True)
    window.show()
    report = bool(os.environ.get("PLAYGROUND_REPORT_SHOWN"))
    if report:
        # benchmarks/gui_startup.py: the moment the first frame has been handed to the screen.
        QTimer.singleShot(0, lambda: print(f"window-shown {time.time():.6f}", flush=True))

    def _after_panels() -> None:
        if report:
            # benchmarks/gui_startup.py: the panels are built and on screen, so they can be
            # edited (the next turn of the event loop, after their first paint); and the
            # moment Train is enabled (torch loaded, the dataset too).
            QTimer.singleShot(0, lambda: print(f"panels-ready {time.time():.6f}", flush=True))
            _report_when_enabled(window.train_action, "train-enabled")
        if preset and not project:
            from playground.core.config.presets import load_preset
            from playground.core.errors import ConfigError

            try:
                window.controller.apply_config(load_preset(preset))
            except ConfigError as e:
                QMessageBox.warning(window, QCoreApplication.translate("MainWindow", "Unknown preset"), str(e))

    def _after_torch() -> None:
        controller = window.controller
        if project:
            controller.open_project(project)
        window.automation = _Automation(window, train, screenshot, quit_after)  # kept alive with the window
        window.automation.start()
        if not (train or quit_after):  # automated runs have nobody to answer
            from playground.gui.run.resume_offer import ResumeOffer

            window.resume_offer = ResumeOffer(controller)
            window.resume_offer.ask()

    window.panels_ready.connect(_after_panels)
    window.torch_ready.connect(_after_torch)
    window.schedule_panels()
    return app.exec()
