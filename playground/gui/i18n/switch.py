"""Switch the UI language without a restart: rebuild the main window in the new language.

Every widget takes its texts from tr() when it is built, so rather than teach ~20 modules to
retranslate themselves on QEvent.LanguageChange, the window is built again: the state a user
would miss (settings in the panels, the runs, the project file and its unsaved flag, the open
tab, the drawing, the log, the window's size) is taken from the old window, the new
translators are installed, a new MainWindow gets that state, and the old one closes without
asking about unsaved changes (they live on in the new window).

What a rebuild cannot carry is work in progress on a background thread (training, a
comparison, a search, fine-tuning, an export), so the switch is refused while one runs.
Open dialogs (Experiments, Search, ...) close with the old window; the layer builder's undo
history starts afresh.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PySide6.QtCore import QByteArray, QCoreApplication, QObject
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QMessageBox

from playground.core.model.trained import TrainedModel
from playground.core.config.spec import RunConfig
from playground.gui.i18n.language import LANGUAGES, chosen_language, effective_language, install_translators, set_chosen_language

__all__ = ["WindowState", "busy_work", "switch_language"]

# The windows made by a switch; a top-level widget that no Python object refers to is deleted.
_windows: list[Any] = []


@dataclass
class WindowState:
    """What the user would lose if the window were simply rebuilt."""

    config: RunConfig
    runs: list[TrainedModel]
    checked_runs: list[str]  # run ids whose curves are overlaid
    current_row: int  # the runs list's selected row, -1 if none
    predictor: object  # the model the Draw tab and exports use (a run's, or an opened file's)
    current_run: TrainedModel | None
    project_path: Path | None
    dirty: bool
    settings_tab: int
    geometry: QByteArray
    splitter: QByteArray
    maximized: bool
    log: str
    plotted_run: TrainedModel | None  # the run whose curves the live plots showed
    boundary: object  # the decision boundary heatmap shown (a BoundaryUpdate), or None
    drawing: np.ndarray | None
    start_weights: object = None  # the trained weights training starts from (a core.model.trained.TrainedModel)
    log_scroll: int | None = None  # where the log was scrolled back to; None: at its end, following new lines


def busy_work(window) -> str | None:
    """A sentence naming the background work that runs in `window`, or None when idle.

    Every runner (training session, comparison, search, ensemble, fine-tuning) has an
    `is_running()` and is a child of the window or of one of its dialogs, so one walk
    finds them all, including runners added later."""
    if window.controller is None:
        return None
    for obj in [window, *window.findChildren(QObject)]:
        is_running = getattr(obj, "is_running", None)
        if callable(is_running) and is_running():
            return QCoreApplication.translate(
                "LanguageSwitch", "Training, a comparison, a search or fine-tuning is running."
            )
    model_files = getattr(window, "model_files", None)
    if model_files is not None and model_files.is_exporting():
        return QCoreApplication.translate("LanguageSwitch", "A model is being exported.")
    return None


def snapshot(window) -> WindowState:
    c = window.controller
    project = c.state
    canvas = window.draw_panel.canvas
    plotted = window.plots.run_id and project.run(window.plots.run_id)
    plotted = plotted or next((r for r in reversed(project.runs) if r.summary.get("history")), None)
    return WindowState(
        config=c.current_config(),
        runs=list(project.runs),
        checked_runs=[r.id for r in project.runs if r.id in project.overlaid],
        current_row=window.runs_list.currentRow(),
        predictor=project.predictor,
        current_run=project.current_run,
        project_path=project.path,
        dirty=project.dirty,
        settings_tab=window.settings_tabs.currentIndex(),
        geometry=window.saveGeometry(),
        splitter=window.main_splitter.saveState(),
        maximized=window.isMaximized(),
        log=window.log_view.toPlainText(),
        plotted_run=plotted if window.plots.point_count() else None,
        boundary=window.boundary_view.last_update,
        drawing=None if canvas.is_empty() else canvas.image_array(),
        start_weights=window.start_weights.start(),
        log_scroll=_log_scroll(window.log_view),
    )


def _log_scroll(log_view) -> int | None:
    bar = log_view.verticalScrollBar()
    return None if bar.value() >= bar.maximum() else bar.value()


def _restore_log(log_view, text: str, scroll: int | None) -> None:
    """The log's text, scrolled where it was: at its end, a log keeps following new lines
    (appendPlainText scrolls only when the view is at the end; setPlainText leaves it at the top)."""
    log_view.setPlainText(text)
    _scroll_log(log_view, scroll)


def _scroll_log(log_view, scroll: int | None) -> None:
    bar = log_view.verticalScrollBar()
    if scroll is None:
        log_view.moveCursor(QTextCursor.MoveOperation.End)
        bar.setValue(bar.maximum())
    else:
        bar.setValue(scroll)


def restore(window, state: WindowState) -> None:
    """Give a freshly built window (panels built) the state of the old one."""
    c = window.controller
    window.restoreGeometry(state.geometry)
    window.main_splitter.restoreState(state.splitter)
    c.state.set_path(state.project_path)
    c.apply_config(state.config)
    window.start_weights.set_start(state.start_weights)
    c.show_runs(state.runs, state.checked_runs, state.current_row)
    c.set_predictor(state.predictor, state.current_run)  # its curves and header, if a run's
    if state.plotted_run is not None and not window.plots.run_id:
        from playground.core.training.callbacks import EpochLogs

        run = state.plotted_run
        history = [EpochLogs(**logs) for logs in run.history]
        window.plots.show_run(run.id, run.config.train.epochs, history, run.summary.get("batch_curve"))
    if state.boundary is not None and window.data_panel.dataset() is not None:
        window.boundary_view.set_boundary(state.boundary)  # toy data loads at once, so it is there
    window.settings_tabs.setCurrentIndex(state.settings_tab)
    if state.drawing is not None:
        window.draw_panel.show_picture(state.drawing)
    _restore_log(window.log_view, state.log, state.log_scroll)
    c.set_dirty(state.dirty)


def switch_language(window, language: str):
    """Show the UI in `language` ("en", "ja" or "system"). Returns the window now showing:
    a new one after a rebuild, `window` itself when nothing had to change or the switch was
    refused (a message says why; the menu keeps the old choice)."""
    settings = window.settings
    if language == chosen_language(settings):
        window.controller.refresh_language_menu()
        return window
    before = effective_language(settings)
    after = language if language in LANGUAGES else _system_language(settings, language)
    if after == before:  # e.g. "System default" on a system in the language already shown
        set_chosen_language(settings, language)
        window.controller.refresh_language_menu()
        return window
    busy = busy_work(window)
    if busy is not None:
        window.controller.refresh_language_menu()  # un-tick the refused choice
        QMessageBox.information(
            window,
            QCoreApplication.translate("LanguageSwitch", "Language"),
            busy
            + "\n"
            + QCoreApplication.translate(
                "LanguageSwitch", "Stop it first, then choose the language again: the window is rebuilt in the new language."
            ),
        )
        return window
    state = snapshot(window)
    previous = chosen_language(settings)
    set_chosen_language(settings, language)
    install_translators(QApplication.instance(), after)

    # A MainWindow, made through the old one's type: importing main_window here would close the
    # import circle main_window -> controller -> i18n.switch.
    new = type(window)(settings, data_dir=window.data_dir)
    try:
        restore(new, state)
    except Exception:
        # Lose nothing: the old window stays, in its language, and the error is reported.
        _close_for_good(new)
        set_chosen_language(settings, previous)
        install_translators(QApplication.instance(), before)
        window.controller.refresh_language_menu()
        raise
    if state.maximized:
        new.showMaximized()
    elif window.isVisible():
        new.show()
    _scroll_log(new.log_view, state.log_scroll)  # once shown: the log's height is known only now
    new.controller.log(QCoreApplication.translate("LanguageSwitch", "Language: {0}").format(LANGUAGES[after]))
    _close_for_good(window)
    _windows[:] = [w for w in _windows if w is not window] + [new]
    return new


def _system_language(settings, language: str) -> str:
    """What `effective_language` gives once `language` ("system") is the choice."""
    previous = chosen_language(settings)
    set_chosen_language(settings, language)
    try:
        return effective_language(settings)
    finally:
        set_chosen_language(settings, previous)


def _close_for_good(window) -> None:
    # Its state lives on in the new window: no "save changes?" question.
    window.controller.set_dirty(False)
    window.close()
    window.deleteLater()
