"""The main window: composes the panels, menus, toolbar and status bar. What happens when
something is clicked is `WindowController`'s (controller.py); the window itself holds only the
start-up sequence (panels, then what needs torch), the actions that wait for torch, and closing.

The window and its panels are built without torch, then torch is imported on a background
thread (torch_loader.py): the panels can be edited a fraction of a second after launch, and
what needs torch (Train, projects and model files, experiments, search, the Draw tab's
predictions) is enabled, or built, once it has loaded a few seconds later.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.presets import list_presets
from playground.gui.dialogs.help_guide import HelpActions
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.run.log_lines import LogLines
from playground.gui.i18n.core_text import preset_menu_texts
from playground.gui.torch_loader import (
    expect_torch,
    start_torch_import,
    torch_is_loading,
    wait_for_torch,
    when_torch_ready,
)
from playground.gui.window_settings import remember_geometry, restore_geometry

APP_NAME = "Neural Network Playground"


_panels_frozen = threading.Event()


class _NeedsTorch:
    """An action or menu that needs torch: disabled, whatever its owner asks, until torch has
    loaded (`torch_loaded`); from then on `setEnabled` works as usual, and the state asked for
    last applies at once. The controller enables and disables them without knowing about torch."""

    def __init__(self, *args) -> None:
        super().__init__(*args)
        self._wanted = True
        self._torch_loaded = False
        super().setEnabled(False)

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        self._wanted = enabled
        super().setEnabled(enabled and self._torch_loaded)

    def torch_loaded(self) -> None:
        self._torch_loaded = True
        super().setEnabled(self._wanted)


class TorchAction(_NeedsTorch, QAction):
    pass


class TorchMenu(_NeedsTorch, QMenu):
    pass


class MainWindow(Retranslatable, QMainWindow):
    """Menus, toolbar and status bar are created in `__init__`; the panels by `build_panels()`,
    which `app.main` schedules right after the window is on screen so that it appears at once
    (tests call it directly, or pass defer_panels=False). `panels_ready` says the panels can be
    used; `torch_ready` that torch has loaded and what needs it is enabled."""

    panels_ready = Signal()
    torch_ready = Signal()

    def __init__(self, settings: QSettings | None = None, data_dir: str | None = None, defer_panels: bool = False):
        super().__init__()
        expect_torch()  # on a background thread, started once the panels are on screen
        self.settings = settings or QSettings()
        self.data_dir = data_dir
        self.controller = None
        self.setWindowTitle(f"[*]{APP_NAME}")
        self._create_actions()
        self._create_menus()
        self._create_toolbar()
        self._create_status_bar()
        self._loading = QLabel(self.tr("Loading…"), alignment=Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(self._loading)
        restore_geometry(self, self.settings)  # remembered, or the default size where the screen has room
        if not defer_panels:
            self.build_panels()

    # ----------------------------------------------------------------- actions & menus

    def _action(self, text: str, shortcut=None, tip: str = "", checkable: bool = False, torch: bool = False) -> QAction:
        action = (TorchAction if torch else QAction)(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            if shortcut is not None:  # its name and shortcut; said again after a language switch (retranslate)
                action.setProperty("tip_with_shortcut", True)
                action.setToolTip(f"{text.replace('&', '')} ({action.shortcut().toString()})")
            else:
                action.setToolTip(tip)
        action.setCheckable(checkable)
        return action

    def _create_actions(self) -> None:
        # Projects and model files hold torch weights; a new project may ask to save first.
        self.new_action = self._action(
            self.tr("&New Project"), QKeySequence.StandardKey.New, self.tr("Start a new project"), torch=True
        )
        self.open_action = self._action(
            self.tr("&Open…"), QKeySequence.StandardKey.Open, self.tr("Open a project file"), torch=True
        )
        self.save_action = self._action(
            self.tr("&Save"), QKeySequence.StandardKey.Save, self.tr("Save the project"), torch=True
        )
        self.save_as_action = self._action(
            self.tr("Save &As…"), QKeySequence.StandardKey.SaveAs, self.tr("Save the project under a new name"), torch=True
        )
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.tr("Quit the application"))
        self.open_model_action = self._action(
            self.tr("Open &Model…"),
            "Ctrl+Shift+O",
            self.tr("Open a model bundle, or an ONNX or TorchScript file for prediction"),
            torch=True,
        )
        self.export_action = self._action(self.tr("&Export…"), "Ctrl+E", self.tr("Export the current model"), torch=True)
        self.export_action.setEnabled(False)
        self.train_action = self._action(
            self.tr("&Train"), "Ctrl+Return", self.tr("Train the network with the current settings"), torch=True
        )
        # Its name in Help ▸ Keyboard Shortcuts, without the note below.
        self.train_action.setProperty("guide_text", self.tr("Train"))
        if torch_is_loading():  # a short note on the button until then (_on_torch_ready)
            self.train_action.setText(self.tr("&Train (loading PyTorch…)"))
        self.pause_action = self._action(self.tr("&Pause"), "Ctrl+P", self.tr("Pause or resume training"), checkable=True)
        self.stop_action = self._action(self.tr("&Stop"), "Ctrl+.", self.tr("Stop training and keep the best weights so far"))
        self.pause_action.setEnabled(False)
        self.stop_action.setEnabled(False)
        self.search_action = self._action(
            self.tr("Hyperparameter &Search…"),
            "Ctrl+Shift+H",
            self.tr("Search learning rate, batch size, units, ... with Optuna"),
            torch=True,
        )
        self.train_action.setEnabled(False)
        self.about_action = self._action(self.tr("&About"), None, self.tr("About this application"))

    def _create_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.open_action)
        self.recent_menu = TorchMenu(self.tr("Open &Recent"), self)  # opening a project needs torch
        file_menu.addMenu(self.recent_menu)
        file_menu.addSeparator()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_model_action)
        file_menu.addAction(self.export_action)
        file_menu.setToolTipsVisible(True)  # Export says why it is disabled
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        self.edit_menu = bar.addMenu(self.tr("&Edit"))  # the layer operations, added with the layer builder
        self.edit_menu.setObjectName("edit_menu")

        self.presets_menu = bar.addMenu(self.tr("&Presets"))
        self.presets_menu.setObjectName("presets_menu")
        self.presets_menu.setToolTipsVisible(True)
        self.preset_actions = {}
        for name in list_presets():
            text, tip, status = preset_menu_texts(name)  # 'mlp — The classic first Keras model', ...
            action = self.presets_menu.addAction(text)
            action.setToolTip(tip)  # the description and the layers
            action.setStatusTip(status)
            self.preset_actions[name] = action

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

        # Experiments ▸ comes once torch has loaded (ExperimentActions); its place until then.
        self._experiments_place = bar.addMenu(self.tr("E&xperiments"))
        self._experiments_place.setEnabled(False)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.setObjectName("help_menu")
        help_menu.addAction(self.about_action)
        self.help = HelpActions(self, help_menu, before=self.about_action)  # Guide… (F1), Keyboard Shortcuts…

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
        """Build the panels, plots and the controller (none of them imports torch), then, once
        torch has loaded (at once if it has), what needs it: `_on_torch_ready`."""
        if self.controller is not None:
            return
        # Imported here, after the window has shown: pyqtgraph and the panels take a moment.
        from playground.gui.run.boundary import DecisionBoundaryView
        from playground.gui.controller import WindowController
        from playground.gui.tabs.data_panel import DataPanel
        from playground.gui.tabs.layer_builder import LayerBuilder
        from playground.gui.tabs.network_diagram import NetworkDiagram
        from playground.gui.run.plots import TrainingPlots
        from playground.gui.run.session import TrainingSession
        from playground.gui.tabs.training_panel import TrainingPanel
        from playground.gui.tabs.draw_panel import DrawPanel

        self.data_panel = DataPanel(self.data_dir)
        self.layer_builder = LayerBuilder()
        self.network_diagram = NetworkDiagram()
        self.training_panel = TrainingPanel()
        from playground.gui.tabs.tensorboard_option import TensorBoardOption

        self.tensorboard_option = TensorBoardOption(self.settings)  # kept in the window settings, not the project
        self.training_panel.add_section(self.tensorboard_option)
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
        # The run's header (data, model, optimizer, result) wraps rather than widening the window
        # beyond a 1280 px screen.
        self.result_label.setWordWrap(True)
        self.result_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.log_view = QPlainTextEdit(readOnly=True)
        self.log_view.setMaximumBlockCount(5000)
        self.log_lines = LogLines(self.log_view)  # re-said in the new language after a switch
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
        # Beside the curves: each layer's activations, gradients and weights, live (run/health_panel.py).
        from playground.gui.run.health_panel import HealthPanel

        self.health_panel = HealthPanel(self.settings)
        self.chart_tabs = QTabWidget()
        self.chart_tabs.addTab(charts, self.tr("Curves"))
        self.chart_tabs.addTab(self.health_panel, self.tr("Training health"))
        self._connect_health()

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_split = QSplitter(Qt.Orientation.Vertical)
        right_split.addWidget(self.chart_tabs)
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

        self._undo_redo = self._make_undo_redo()
        self.edit_menu.addActions(self._undo_redo)
        self.edit_menu.addSeparator()
        for action in self.layer_builder.edit_actions():  # add, remove, duplicate, move up/down
            self.edit_menu.addAction(action)
        # Alt+Up/Down move the selected layers from anywhere in the window, and bring the Model
        # tab up so the move is seen (the builder's actions action_move_layer_up/_down).
        for move in (self.layer_builder.move_up_action, self.layer_builder.move_down_action):
            self.addAction(move)
            move.triggered.connect(lambda checked=False, page=model_page: self.settings_tabs.setCurrentWidget(page))

        self.controller = WindowController(self)
        from playground.gui.tabs.start_weights import TransferActions

        self.transfer = TransferActions(self)  # starting weights, frozen layers in the diagram
        self.controller.predictor_changed.connect(self.draw_panel.set_predictor)
        self.model_files = self.experiments = None  # built by _on_torch_ready
        self.panels_ready.emit()
        when_torch_ready(self._on_torch_ready)
        QTimer.singleShot(0, start_torch_import)  # after the panels' first paint

    def _connect_health(self) -> None:
        """The Training health tab: the session records when its switch is on; a run's records
        fill it; a warning icon on the tab while a diagnosis stands; a diagnosis' lesson opens in
        Experiments ▸ Compare…"""
        panel, session = self.health_panel, self.session
        session.record_health = panel.enabled()
        panel.enabled_changed.connect(lambda on: setattr(session, "record_health", on))
        session.started.connect(panel.start_run)
        session.started.connect(lambda: self._mark_health(False))
        session.health_ready.connect(panel.add_snapshot)
        session.finished.connect(panel.view.flush)
        session.failed.connect(panel.view.flush)
        session.health_ready.connect(lambda snapshot: self._mark_health(bool(snapshot.diagnoses)))
        panel.lesson_requested.connect(self.open_lesson)

    def _mark_health(self, warn: bool) -> None:
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning) if warn else QIcon()
        self.chart_tabs.setTabIcon(self.chart_tabs.indexOf(self.health_panel), icon)

    def open_lesson(self, name: str) -> None:
        """Experiments ▸ Compare… with the lesson `name` chosen (a diagnosis' link)."""
        if self.experiments is not None:
            self.experiments.open_compare().select_lesson(name)

    def _make_undo_redo(self) -> tuple[QAction, QAction]:
        """Edit ▸ Undo and Redo: their text names the edit ("Undo Add Dense") after a prefix that
        Qt fixes when they are made, so a language switch makes them again."""
        undo = self.layer_builder.undo_stack.createUndoAction(self, self.tr("&Undo"))
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.layer_builder.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action, name, text in ((undo, "action_undo", self.tr("Undo")), (redo, "action_redo", self.tr("Redo"))):
            action.setObjectName(name)
            action.setProperty("guide_text", text)  # its own text names the edit ("Undo Add Dense")
        return undo, redo

    def retranslate(self) -> None:
        """After a language switch (Retranslatable has re-said the fixed texts): the texts made
        from parts — an action's name with its shortcut, Undo/Redo with the edit they name — and
        each panel's and the controller's texts that depend on state."""
        for action in self.findChildren(QAction):
            if action.property("tip_with_shortcut"):
                action.setToolTip(f"{action.text().replace('&', '')} ({action.shortcut().toString()})")
        if self.controller is None:
            return
        old = self._undo_redo
        self._undo_redo = self._make_undo_redo()
        for before, action in zip(old, self._undo_redo):
            self.edit_menu.insertAction(before, action)
            self.edit_menu.removeAction(before)
            before.setObjectName("")  # findChild finds the new one
            before.deleteLater()
        for part in (
            self.data_panel,
            self.layer_builder,
            self.network_diagram,
            self.training_panel,
            self.draw_panel,
            self.start_weights,
            self.plots,
            self.boundary_view,
            self.health_panel,
        ):
            retranslate = getattr(part, "retranslate", None)
            if retranslate is not None:
                retranslate()
        if self.model_files is not None:
            self.model_files.retranslate()
        self.controller.retranslate()

    def _on_torch_ready(self) -> None:
        """torch has loaded: build what imports it, and enable what needs it. The panels
        have already done their part (dataset, devices, the Draw tab's model) by now."""
        from playground.gui.dialogs.experiments import ExperimentActions
        from playground.gui.dialogs.export_dialog import ModelFileActions

        self.model_files = ModelFileActions(self)  # File ▸ Open Model… and Export…
        self.menuBar().removeAction(self._experiments_place.menuAction())
        self._experiments_place.deleteLater()
        self.experiments = ExperimentActions(self)  # Experiments ▸ Compare… and Evaluate Model…
        self.train_action.setText(self.tr("&Train"))
        for needs_torch in (*self.findChildren(TorchAction), self.recent_menu):
            needs_torch.torch_loaded()
        if not _panels_frozen.is_set():  # once per process: each test builds its own window
            _panels_frozen.set()
            from playground.core.training.loop import freeze_long_lived

            freeze_long_lived()
        self.torch_ready.emit()

    def schedule_panels(self) -> None:
        """Build the panels on the next turn of the event loop, once the window has shown."""
        QTimer.singleShot(0, self.build_panels)

    # ----------------------------------------------------------------- events

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.isWindowModified() and torch_is_loading():
            wait_for_torch()  # the unsaved changes may be saved, and a project file needs torch
        if self.controller is not None and not self.controller.confirm_close():
            event.ignore()
            return
        remember_geometry(self, self.settings)
        if self.controller is not None:
            self.settings.setValue("window/splitter", self.main_splitter.saveState())
        event.accept()
