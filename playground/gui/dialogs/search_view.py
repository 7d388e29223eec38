"""The "Hyperparameter search" dialog: a view over `core.experiments.tune`.

The user edits a search space in a table (search_space.py), picks a sampler, the number of
trials, the study's storage and name, and starts the study. The study runs as a background job
(search_study.py, gui/jobs.py) that reports each trial's start, epochs and end; the dialog shows
them as a live trials table, a best-so-far plot and parameter-importance bars. Stop is the
`RunControl` flag the trainer checks between batches. "Apply best" hands the best
configuration to the window. "Ensemble of top K" retrains the K best complete trials from their
settings (a study keeps no weights) in a `TopEnsembleDialog` (ensemble.py) and averages them;
the window may use that ensemble on the canvas.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal, Slot
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError
from playground.core.experiments.tune import SAMPLERS, TrialRow, default_storage_path, sqlite_url, top_configs
from playground.core.experiments.search_space import SearchSpace, default_space, rounded
from playground.gui.dialogs.ensemble import TopEnsembleDialog
from playground.gui.dialogs.search_plots import SearchPlots
from playground.gui.dialogs.search_space import SpaceTable, config_keys, setting_name, tune_error_text
from playground.gui.dialogs.search_study import StudyUpdate, explain_failure, run_search
from playground.gui.i18n.errors import error_text
from playground.gui.i18n.retranslate import Retranslatable
from playground.gui.jobs import Job, controlled_job, wait_and_deliver

__all__ = ["SearchDialog"]


class SearchDialog(Retranslatable, QDialog):
    """Hyperparameter search over the window's current configuration.

    `config_provider` returns the base RunConfig when Start is pressed, so the study searches
    around whatever the panels show then. `apply_requested` carries the best configuration.
    """

    apply_requested = Signal(object)  # RunConfig
    running_changed = Signal(bool)
    use_ensemble_requested = Signal(object)  # EnsemblePredictor of the top trials, for the canvas

    def __init__(self, config_provider: Callable[[], RunConfig], data_dir: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Hyperparameter search"))
        self.resize(1250, 760)
        self.config_provider = config_provider
        self.data_dir = data_dir
        self._job: Job | None = None
        self._best_config: RunConfig | None = None
        self._best_text = ""
        self._best = None  # the best trial's row so far
        self._keys = None  # the searched settings' keys, once a search has started
        self._status: Callable[[], str] = lambda: self.tr("Edit the search space and press Start.")
        self._keys: list[str] = []
        self._metric = "value"
        self._rows: dict[int, int] = {}  # trial number -> table row
        self._trials: dict[int, TrialRow] = {}  # trial number -> its latest row, for the top-K ensemble
        self._direction = "maximize"
        self._base: RunConfig | None = None  # what the trials' values were applied to
        self.ensemble_dialog: TopEnsembleDialog | None = None
        self._build()
        self.space_table.set_space(default_space())
        self.refresh_from_config()
        if parent is not None:
            # The window closing must not leave a study thread running: stop it first (the
            # study is kept in its database and resumes next time).
            parent.installEventFilter(self)

    # ----------------------------------------------------------------- layout

    def _build(self) -> None:
        self.space_table = SpaceTable()
        add = QPushButton(self.tr("Add"))
        add.setToolTip(self.tr("Add a setting to the search space"))
        add.clicked.connect(lambda: self.space_table.add_param())
        remove = QPushButton(self.tr("Remove"))
        remove.setToolTip(self.tr("Remove the selected settings"))
        remove.clicked.connect(self._on_remove_clicked)
        reset = QPushButton(self.tr("Default space"))
        reset.setToolTip(self.tr("Learning rate (log range), batch size and optimizer"))
        reset.clicked.connect(lambda: self.space_table.set_space(default_space()))
        load = QPushButton(self.tr("Load…"))
        load.clicked.connect(self._on_load_clicked)
        save = QPushButton(self.tr("Save…"))
        save.clicked.connect(self._on_save_clicked)
        space_buttons = QHBoxLayout()
        for b in (add, remove, reset, load, save):
            space_buttons.addWidget(b)
        space_buttons.addStretch(1)

        self.sampler_combo = QComboBox()
        titles = {"grid": self.tr("Grid"), "random": self.tr("Random"), "tpe": self.tr("TPE (Bayesian)")}
        tips = {
            "grid": self.tr("Tries every combination of the listed values, in random order."),
            "random": self.tr("Draws each value independently; a strong baseline."),
            "tpe": self.tr("After a few random trials, proposes values that resemble the best trials so far."),
        }
        for name in SAMPLERS:
            self.sampler_combo.addItem(titles[name], name)
            self.sampler_combo.setItemData(self.sampler_combo.count() - 1, tips[name], Qt.ItemDataRole.ToolTipRole)
        self.sampler_combo.setCurrentIndex(list(SAMPLERS).index("tpe"))
        self.trials_spin = QSpinBox(minimum=1, maximum=10000, value=20)
        self.trials_spin.setToolTip(self.tr("How many trials to run now; a resumed study adds them to its earlier ones"))
        self.seed_spin = QSpinBox(minimum=-1, maximum=2**31 - 1, value=-1)
        self.seed_spin.setSpecialValueText(self.tr("random"))
        self.seed_spin.setToolTip(self.tr("The sampler's seed, for a repeatable search (training keeps the config's seed)"))
        self.prune_check = QCheckBox(self.tr("Stop hopeless trials early (median pruner)"))
        self.prune_check.setChecked(True)
        self.storage_edit = QLineEdit(sqlite_url(default_storage_path()))
        self.storage_edit.setToolTip(
            self.tr("An Optuna storage URL: a SQLite file, or a shared database (postgresql://…, mysql://…) that "
                    "several processes or machines add trials to")
        )
        browse = QPushButton(self.tr("Browse…"))
        browse.setToolTip(self.tr("Choose a SQLite file for the study"))
        browse.clicked.connect(self._on_browse_clicked)
        storage_row = QHBoxLayout()
        storage_row.addWidget(self.storage_edit, 1)
        storage_row.addWidget(browse)
        self.study_edit = QLineEdit()
        self.study_edit.setToolTip(self.tr("Starting a study name that exists in the storage resumes that study"))

        form = QFormLayout()
        form.addRow(self.tr("Sampler:"), self.sampler_combo)
        form.addRow(self.tr("Trials:"), self.trials_spin)
        form.addRow(self.tr("Seed:"), self.seed_spin)
        form.addRow("", self.prune_check)
        form.addRow(self.tr("Storage:"), storage_row)
        form.addRow(self.tr("Study name:"), self.study_edit)

        self.start_button = QPushButton(self.tr("Start"))
        self.start_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.start_button.setToolTip(self.tr("Run the trials on a background thread (Ctrl+Return)"))
        self.start_button.clicked.connect(self.start)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setShortcut(QKeySequence("Ctrl+."))
        self.stop_button.setToolTip(self.tr("Stop the current trial and the study; starting again resumes it (Ctrl+.)"))
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.apply_button = QPushButton(self.tr("Apply best"))
        self.apply_button.setToolTip(self.tr("Put the best trial's settings into the window"))
        self.apply_button.clicked.connect(self._on_apply_clicked)
        self.apply_button.setEnabled(False)
        self.top_spin = QSpinBox(minimum=2, maximum=20, value=3)
        self.top_spin.setPrefix(self.tr("K = "))
        self.top_spin.setToolTip(self.tr("How many of the best complete trials the ensemble averages"))
        self.ensemble_button = QPushButton(self.tr("Ensemble of Top K…"))
        self.ensemble_button.setToolTip(
            self.tr("Retrain the K best complete trials from their settings (a study keeps no weights) and average "
                    "their probabilities; needs at least two complete trials")
        )
        self.ensemble_button.clicked.connect(self.train_top_ensemble)
        self.ensemble_button.setEnabled(False)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.stop_button, self.apply_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        buttons.addWidget(self.top_spin)
        buttons.addWidget(self.ensemble_button)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(QLabel(self.tr("Search space")))
        left_layout.addWidget(self.space_table, 1)
        left_layout.addLayout(space_buttons)
        left_layout.addLayout(form)
        left_layout.addLayout(buttons)

        self.status_label = QLabel(self.tr("Edit the search space and press Start."))
        self.status_label.setWordWrap(True)
        self.trials_table = QTableWidget(0, 4)
        self.trials_table.verticalHeader().setVisible(False)
        self.trials_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.trials_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)

        self.plots = SearchPlots()
        # Its parts, by the names this dialog has always had.
        self.best_plot, self.value_points, self.best_curve = self.plots.best_plot, self.plots.value_points, self.plots.best_curve
        self.importance_plot, self.importance_bars = self.plots.importance_plot, self.plots.importance_bars
        self.importance_note = self.plots.importance_note
        plots = self.plots

        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.trials_table)
        right.addWidget(plots)
        right.setStretchFactor(0, 1)
        right.setStretchFactor(1, 1)
        right_box = QWidget()
        right_layout = QVBoxLayout(right_box)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.status_label)
        right_layout.addWidget(right, 1)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(right_box)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([600, 650])
        layout = QVBoxLayout(self)
        layout.addWidget(split)

    # ----------------------------------------------------------------- state

    def refresh_from_config(self) -> None:
        """Offer the current model's layer settings as keys and name the study after it."""
        try:
            cfg = self.config_provider()
        except PlaygroundError:
            return
        self.space_table.set_known_keys(config_keys(cfg))
        if not self.study_edit.text():
            self.study_edit.setText(cfg.name or "study")

    def is_running(self) -> bool:
        return self._job is not None

    def options(self) -> dict[str, Any]:
        seed = self.seed_spin.value()
        return {
            "trials": self.trials_spin.value(),
            "sampler": self.sampler_combo.currentData(),
            "storage": self.storage_edit.text().strip(),
            "study_name": self.study_edit.text().strip() or "study",
            "seed": None if seed < 0 else seed,
            "pruner": "median" if self.prune_check.isChecked() else "none",
        }

    @Slot()
    def start(self) -> None:
        if self.is_running():
            return
        try:
            base = self.config_provider()
            space = self.space_table.space()
            options = self.options()
            if options["sampler"] == "grid":
                space.grid()  # a continuous range has no grid: say so before anything starts
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot start the search"), tune_error_text(e))
            return
        self._reset_results(space)
        self._base = base
        job, control = controlled_job(
            "study", explain_failure, self._on_job_progressed, self._on_job_finished, self._on_job_failed
        )
        self._job = job
        self._base_epochs = base.train.epochs
        job.start(run_search, base, space, options, control, job.report, self.data_dir)
        self._say(lambda:
            self.tr("Study '{0}': loading the data and opening the storage…").format(options["study_name"])
        )
        self._set_running(True)

    @Slot()
    def stop(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._say(lambda: self.tr("Stopping after the current batch…"))
            self.stop_button.setEnabled(False)

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        """Stop the study and wait for its thread (the window is closing)."""
        self.stop()
        return wait_and_deliver(self._job, timeout_ms)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.stop_button.setEnabled(running)
        self.space_table.setEnabled(not running)
        for w in (self.sampler_combo, self.trials_spin, self.seed_spin, self.prune_check, self.storage_edit, self.study_edit):
            w.setEnabled(not running)
        self._update_ensemble_button()
        self.running_changed.emit(running)

    def complete_trials(self) -> int:
        return sum(1 for r in self._trials.values() if r.state == "complete")

    def _update_ensemble_button(self) -> None:
        # Not while the study runs: both would train on the same cores at half speed each.
        busy = self.is_running() or (self.ensemble_dialog is not None and self.ensemble_dialog.is_running())
        enough = self._base is not None and self.complete_trials() >= 2
        self.ensemble_button.setEnabled(enough and not busy)

    def _end_run(self) -> None:
        self._job = None
        self._set_running(False)

    def _reset_results(self, space: SearchSpace) -> None:
        self._keys = space.keys
        self._rows = {}
        self._trials = {}
        self._best_config, self._best_text, self._best = None, "", None
        self.apply_button.setEnabled(False)
        headers = [self.tr("#"), self.tr("State"), self.tr("Value"), self.tr("Seconds"), *map(setting_name, self._keys)]
        self.trials_table.setRowCount(0)
        self.trials_table.setColumnCount(len(headers))
        self.trials_table.setHorizontalHeaderLabels(headers)
        for column, key in enumerate(self._keys, start=4):
            self.trials_table.horizontalHeaderItem(column).setToolTip(key)  # the config key, as in the search space
        self.trials_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.plots.clear()

    def _row_for(self, number: int) -> int:
        if number not in self._rows:
            row = self.trials_table.rowCount()
            self.trials_table.insertRow(row)
            self._rows[number] = row
        return self._rows[number]

    def _set_cells(self, number: int, state: str, value: float | None, seconds: float | None, params: dict) -> None:
        self._trials[number] = TrialRow(number, state, dict(params), value, seconds)
        row = self._row_for(number)
        states = {
            "running": self.tr("running"),
            "complete": self.tr("complete"),
            "pruned": self.tr("pruned"),
            "fail": self.tr("failed"),
            "waiting": self.tr("waiting"),
        }
        cells = [
            str(number),
            states.get(state, state),
            "" if value is None else f"{value:.4f}",
            "" if seconds is None else f"{seconds:.1f}",
            *(_format(params[k]) if k in params else "" for k in self._keys),
        ]
        for col, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if col in (0, 2, 3):
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.trials_table.setItem(row, col, item)
        self.trials_table.scrollToItem(self.trials_table.item(row, 0))

    # ----------------------------------------------------------------- the study's job

    @Slot(str, object)
    def _on_job_progressed(self, kind: str, args: tuple) -> None:
        handlers = {
            "study_opened": self._on_study_opened,
            "trial_started": self._on_trial_started,
            "epoch_ended": self._on_epoch_ended,
            "trial_ended": self._on_trial_ended,
        }
        handlers[kind](*args)

    def _on_study_opened(self, rows: list, update) -> None:
        for r in rows:
            self._set_cells(r.number, r.state, r.value, r.seconds, r.params)
        if update is not None:
            self._on_trial_ended(update)
        self._say(lambda:
            self.tr("Resuming the study: {0} earlier trials.").format(len(rows)) if rows else self.tr("New study.")
        )

    def _on_trial_started(self, number: int, params: dict) -> None:
        self._set_cells(number, "running", None, None, params)
        self._say(lambda: self.tr("Trial {0} running…").format(number))

    def _on_epoch_ended(self, number: int, epoch: int) -> None:
        self._say(lambda: self.tr("Trial {0}: epoch {1} of {2}").format(number, epoch, self._base_epochs))

    def _on_trial_ended(self, update: StudyUpdate) -> None:
        r = update.row
        self._set_cells(r.number, r.state, r.value, r.seconds, r.params)
        if r.message and r.state == "fail":
            self.trials_table.item(self._rows[r.number], 1).setToolTip(r.message)
        self.plots.show_values(update.values)
        if update.curve:
            self.plots.show_best_so_far(update.curve)
        self.plots.show_importances(update.importances, len(update.values))
        self._direction = update.direction
        self._update_ensemble_button()
        if update.best is not None:
            self._best_config = update.best_config
            self.apply_button.setEnabled(True)
            self._best = update.best
            self._best_text = self._say_best()
            self._say(lambda: self._best_text)

    def _say_best(self) -> str:
        best = self._best
        return self.tr("Best so far: trial {0}, value {1:.4f} ({2})").format(
            best.number, best.value, ", ".join(f"{setting_name(k)} {_format(v)}" for k, v in best.params.items())
        )

    def _say(self, text: Callable[[], str]) -> None:
        """Show the status `text()` says; kept, to say it again after a language switch."""
        self._status = text
        self.status_label.setText(text())

    def retranslate(self) -> None:
        """After a language switch: the trials table (headers, states), the best so far, the
        status and the plots, from the study's rows — the search goes on if it runs."""
        if self._keys is not None:
            headers = [self.tr("#"), self.tr("State"), self.tr("Value"), self.tr("Seconds"), *map(setting_name, self._keys)]
            self.trials_table.setHorizontalHeaderLabels(headers)
            for column, key in enumerate(self._keys, start=4):
                self.trials_table.horizontalHeaderItem(column).setToolTip(key)
            for number, r in list(self._trials.items()):
                tip = self.trials_table.item(self._rows[number], 1).toolTip()  # a failed trial's message
                self._set_cells(number, r.state, r.value, r.seconds, r.params)
                self.trials_table.item(self._rows[number], 1).setToolTip(tip)
        if self._best is not None:
            self._best_text = self._say_best()
        self.status_label.setText(self._status())
        self.plots.retranslate()
        self.space_table.retranslate()

    @Slot(object)
    def _on_job_finished(self, summary) -> None:
        trials_run, stopped, exhausted, metric = summary
        self.plots.set_metric(metric)

        def text() -> str:
            if stopped:
                sentence = self.tr("Stopped after %n trial(s); Start resumes the study.", "", trials_run)
            elif exhausted:
                sentence = self.tr("The grid is complete (%n trial(s) run now).", "", trials_run)
            else:
                sentence = self.tr("Finished %n trial(s).", "", trials_run)
            return self.tr("{0} {1}", "a sentence, then the best so far").format(sentence, self._best_text).strip()

        self._say(text)
        self._end_run()

    @Slot(str, str)
    def _on_job_failed(self, message: str, details: str) -> None:
        self._say(lambda: message)
        self._end_run()
        # No details: explain_failure puts a bug's traceback in the log, not in the learner's box.
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("The search stopped"), message, parent=self)
        box.open()

    # ----------------------------------------------------------------- buttons

    @Slot()
    def _on_apply_clicked(self) -> None:
        if self._best_config is not None:
            self.apply_requested.emit(self._best_config)

    @Slot()
    def train_top_ensemble(self) -> "TopEnsembleDialog | None":
        """Retrain the K best complete trials (their configs rebuilt as Apply best does) in the
        ensemble dialog, on a worker thread."""
        if self._base is None or self.is_running():
            return None
        if self.ensemble_dialog is not None and self.ensemble_dialog.is_running():
            self.ensemble_dialog.show()
            self.ensemble_dialog.raise_()
            return self.ensemble_dialog
        try:
            top = top_configs(list(self._trials.values()), self._base, self.top_spin.value(), self._direction)
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot build the ensemble"), tune_error_text(e))
            return None
        if len(top) < 2:
            QMessageBox.warning(
                self, self.tr("Cannot build the ensemble"),
                self.tr("An ensemble needs at least two complete trials; this study has {0}. Run more trials first.").format(len(top)),
            )
            return None
        if self.ensemble_dialog is None:
            self.ensemble_dialog = TopEnsembleDialog(self.data_dir, self)
            self.ensemble_dialog.panel.use_requested.connect(self.use_ensemble_requested)
            self.ensemble_dialog.panel.running_changed.connect(lambda _running: self._update_ensemble_button())
        self.ensemble_dialog.start(top, self.top_spin.value())
        self.ensemble_dialog.show()
        self.ensemble_dialog.raise_()
        return self.ensemble_dialog

    @Slot()
    def _on_remove_clicked(self) -> None:
        for row in sorted({i.row() for i in self.space_table.selectedIndexes()}, reverse=True):
            self.space_table.removeRow(row)

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Study database"), str(default_storage_path()), self.tr("SQLite database (*.db *.sqlite);;All files (*)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.storage_edit.setText(sqlite_url(path))

    @Slot()
    def _on_load_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Load search space"), "", self.tr("Search space (*.json)"))
        if not path:
            return
        try:
            self.space_table.set_space(SearchSpace.load(path))
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot load the search space"), tune_error_text(e))

    @Slot()
    def _on_save_clicked(self) -> None:
        try:
            space = self.space_table.space()
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot save the search space"), tune_error_text(e))
            return
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save search space"), "space.json", self.tr("Search space (*.json)"))
        if path:
            try:
                space.save(path)
            except PlaygroundError as e:  # a WriteError: a full disk or a folder that refuses the file
                QMessageBox.warning(self, self.tr("Cannot save the search space"), error_text(e))

    # ----------------------------------------------------------------- closing

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Close:
            self.shutdown()
            if self.ensemble_dialog is not None:
                self.ensemble_dialog.shutdown()
        return False

    def closeEvent(self, event) -> None:
        self.shutdown()
        super().closeEvent(event)


def _format(value: Any) -> str:
    """A trial's value of a setting as shown: a float to 3 significant digits, as Apply best applies it."""
    return f"{rounded(value):g}" if isinstance(value, float) else str(value)
