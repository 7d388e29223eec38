"""The main window: composes the panels, menus, toolbar and status bar. No logic here —
`WindowController` (controller.py) decides what happens when something is clicked."""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QPlainTextEdit,
    QProgressBar,
    QSplitter,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.presets import list_presets

APP_NAME = "Neural Network Playground"


_torch_import: threading.Thread | None = None
_panels_frozen = threading.Event()


def start_torch_import() -> None:
    """Import torch, and torch._dynamo with it, on a background thread, once per process.

    The window is on screen while this runs (a second or two), and the panels that need torch
    are built once it is done (`MainWindow.schedule_panels`). torch._dynamo is imported here
    too: torch imports it on the first optimizer step, and importing it while another thread
    used torch failed now and then ("operator streams::fork does not exist", seen when the
    import ran beside the Draw tab loading the starter model); a training thread importing it
    (~1 s of Python) also stalled the event loop. Nothing else touches torch until this ends."""
    global _torch_import
    if _torch_import is not None:
        return
    from playground.gui.threads import share_the_gil_often

    share_the_gil_often()  # the import runs Python for seconds; the window keeps painting

    def run() -> None:
        # A failure here shows again when the panels import torch themselves.
        import torch  # noqa: F401
        import torch._dynamo  # noqa: F401

    _torch_import = threading.Thread(target=run, name="torch-import", daemon=True)
    _torch_import.start()


def wait_for_torch() -> None:
    """Block until `start_torch_import` has finished (starting it if need be)."""
    start_torch_import()
    _torch_import.join()


class MainWindow(QMainWindow):
    """Everything is created in `__init__` except the panels that need torch: those are
    built by `build_panels()`, which `app.main` schedules right after the window is on
    screen so that it appears at once. Tests call it directly (or pass defer_panels=False)."""

    panels_ready = Signal()

    def __init__(self, settings: QSettings | None = None, data_dir: str | None = None, defer_panels: bool = False):
        super().__init__()
        self.settings = settings or QSettings()
        self.data_dir = data_dir
        self.controller = None
        self.setWindowTitle(f"[*]{APP_NAME}")
        self.resize(1400, 860)
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        start_torch_import()
        self._loading = QLabel(self.tr("Loading PyTorch…"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self._loading)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if not defer_panels:
            self.build_panels()

    # ----------------------------------------------------------------- actions & menus

    def _action(self, text: str, shortcut=None, tip: str = "", checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(f"{text.replace('&', '')} ({action.shortcut().toString()})" if shortcut else tip)
        action.setCheckable(checkable)
        return action

    def _create_actions(self) -> None:
        self.new_action = self._action(self.tr("&New Project"), QKeySequence.StandardKey.New, self.tr("Start a new project"))
        self.open_action = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open, self.tr("Open a project file"))
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.tr("Save the project"))
        self.save_as_action = self._action(
            self.tr("Save &As…"), QKeySequence.StandardKey.SaveAs, self.tr("Save the project under a new name")
        )
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.tr("Quit the application"))
        self.open_model_action = self._action(
            self.tr("Open &Model…"), "Ctrl+Shift+O", self.tr("Open a model bundle, or an ONNX or TorchScript file for prediction")
        )
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.tr("Export the current model"))
        self.export_action.setEnabled(False)
        self.train_action = self._action(
            self.tr("&Train"), "Ctrl+Return", self.tr("Train the network with the current settings")
        )
        self.pause_action = self._action(self.tr("&Pause"), "Ctrl+P", self.tr("Pause or resume training"), checkable=True)
        self.stop_action = self._action(self.tr("&Stop"), "Ctrl+.", self.tr("Stop training and keep the best weights so far"))
        self.pause_action.setEnabled(False)
        self.stop_action.setEnabled(False)
        self.search_action = self._action(
            self.tr("Hyperparameter &Search…"), "Ctrl+Shift+H", self.tr("Search learning rate, batch size, units, ... with Optuna")
        )
        self.train_action.setEnabled(False)
        self.about_action = self._action(self.tr("&About"), None, self.tr("About this application"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_model_action)
        file_menu.addAction(self.export_action)
        file_menu.setToolTipsVisible(True)  # Export says why it is disabled
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))  # undo/redo added with the layer builder

        self.presets_menu = bar.addMenu(self.tr("&Presets"))
        self.preset_actions = {}
        for name in list_presets():
            self.preset_actions[name] = self.presets_menu.addAction(name)

        run_menu = bar.addMenu(self.tr("&Run"))
        run_menu.addAction(self.train_action)
        run_menu.addAction(self.pause_action)
        run_menu.addAction(self.stop_action)
        run_menu.addSeparator()
        run_menu.addAction(self.search_action)

        self.language_menu = bar.addMenu(self.tr("&Language"))
        self.language_actions = {
            "system": self.language_menu.addAction(self.tr("System default")),
            "en": self.language_menu.addAction("English"),
            "ja": self.language_menu.addAction("日本語"),
        }
        for action in self.language_actions.values():
            action.setCheckable(True)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.about_action)

    def _create_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Training"), self)
        toolbar.setObjectName("training_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addAction(self.train_action)
        toolbar.addAction(self.pause_action)
        toolbar.addAction(self.stop_action)
        self.addToolBar(toolbar)

    def _create_status_bar(self) -> None:
        status = self.statusBar()
        self.epoch_label = QLabel()
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(220)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.hide()
        self.speed_label = QLabel()
        self.eta_label = QLabel()
        for widget in (self.epoch_label, self.progress_bar, self.speed_label, self.eta_label):
            status.addPermanentWidget(widget)

    # ----------------------------------------------------------------- panels

    def build_panels(self) -> None:
        if self.controller is not None:
            return
        wait_for_torch()  # already done when schedule_panels called this
        from playground.gui.threads import keep_gui_thread_serial

        keep_gui_thread_serial()  # before this thread runs any torch op
        # Imported here: these load torch, which takes a second or two.
        from playground.gui.run.boundary import DecisionBoundaryView
        from playground.gui.controller import WindowController
        from playground.gui.dialogs.export_dialog import ModelFileActions
        from playground.gui.tabs.data_panel import DataPanel
        from playground.gui.tabs.layer_builder import LayerBuilder
        from playground.gui.tabs.network_diagram import NetworkDiagram
        from playground.gui.run.plots import TrainingPlots
        from playground.gui.run.session import TrainingSession
        from playground.gui.tabs.training_panel import TrainingPanel
        from playground.gui.tabs.draw_canvas import DrawPanel

        self.data_panel = DataPanel(self.data_dir)
        self.layer_builder = LayerBuilder()
        self.network_diagram = NetworkDiagram()
        self.training_panel = TrainingPanel()
        self.draw_panel = DrawPanel()
        self.plots = TrainingPlots()
        self.boundary_view = DecisionBoundaryView()
        self.session = TrainingSession(self)

        from playground.gui.tabs.start_weights import StartWeightsBar

        # What training starts from (transfer learning), above the layers it loads into.
        self.start_weights = StartWeightsBar(lambda: self.controller.runs if self.controller else [])
        builder_page = QWidget()
        builder_layout = QVBoxLayout(builder_page)
        builder_layout.setContentsMargins(0, 0, 0, 0)
        builder_layout.addWidget(self.start_weights)
        builder_layout.addWidget(self.layer_builder, 1)
        model_page = QSplitter(Qt.Orientation.Vertical)
        model_page.addWidget(builder_page)
        model_page.addWidget(self.network_diagram)
        model_page.setStretchFactor(0, 3)
        model_page.setStretchFactor(1, 2)

        self.settings_tabs = QTabWidget()
        self.settings_tabs.addTab(self.data_panel, self.tr("Data"))
        self.settings_tabs.addTab(model_page, self.tr("Model"))
        self.settings_tabs.addTab(self.training_panel, self.tr("Training"))
        self.settings_tabs.addTab(self.draw_panel, self.tr("Draw"))
        self.settings_tabs.setCurrentIndex(1)

        self.result_label = QLabel()
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_view = QPlainTextEdit(readOnly=True)
        self.log_view.setMaximumBlockCount(5000)
        self.runs_list = QListWidget()
        self.runs_list.setToolTip(self.tr("Runs of this session. Tick a run to overlay its curves on the plots."))
        bottom_tabs = QTabWidget()
        bottom_tabs.addTab(self.log_view, self.tr("Log"))
        bottom_tabs.addTab(self.runs_list, self.tr("Runs"))

        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.plots)
        charts.addWidget(self.boundary_view)
        charts.setStretchFactor(0, 3)
        charts.setStretchFactor(1, 2)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(charts)
        right_split.addWidget(bottom_tabs)
        right_split.setStretchFactor(0, 3)
        right_split.setStretchFactor(1, 1)
        right_layout.addWidget(self.result_label)
        right_layout.addWidget(right_split)

        self.main_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.main_splitter.addWidget(self.settings_tabs)
        self.main_splitter.addWidget(right)
        self.main_splitter.setStretchFactor(0, 2)
        self.main_splitter.setStretchFactor(1, 3)
        state = self.settings.value("window/splitter")
        if state is not None:
            self.main_splitter.restoreState(state)
        else:  # 2:3 stretch alone left the layer table's Settings column a few letters wide
            self.main_splitter.setSizes([round(self.width() * 0.4), round(self.width() * 0.6)])
        self.setCentralWidget(self.main_splitter)
        self._loading = None

        undo = self.layer_builder.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.layer_builder.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        self.edit_menu.addAction(undo)
        self.edit_menu.addAction(redo)

        self.controller = WindowController(self)
        from playground.gui.tabs.start_weights import TransferActions

        self.transfer = TransferActions(self)  # starting weights, frozen layers in the diagram
        self.model_files = ModelFileActions(self)  # File ▸ Open Model… and Export…
        from playground.gui.dialogs.experiments import ExperimentActions

        self.experiments = ExperimentActions(self)  # Experiments ▸ Compare… and Evaluate Model…
        self.controller.predictor_changed.connect(self.draw_panel.set_predictor)
        if not _panels_frozen.is_set():  # once per process: each test builds its own window
            _panels_frozen.set()
            from playground.core.training.loop import freeze_long_lived

            freeze_long_lived()
        self.panels_ready.emit()

    def schedule_panels(self) -> None:
        """Build the panels once torch is imported (start_torch_import), checking every 20 ms
        meanwhile so that the window, already on screen, keeps painting and moving."""
        if not _torch_import.is_alive():
            QTimer.singleShot(0, self.build_panels)
        else:
            QTimer.singleShot(20, self.schedule_panels)

    # ----------------------------------------------------------------- events

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.controller is not None and not self.controller.confirm_close():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.controller is not None:
            self.settings.setValue("window/splitter", self.main_splitter.saveState())
        event.accept()
