"""What the main window does: build the run config from the panels, run training through
the session, keep the runs list, and open/save projects. The window only lays things out."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QFileDialog, QListWidgetItem, QMessageBox

from playground.core.errors import PlaygroundError
from playground.core.config.presets import load_preset
from playground.core.io.project import PROJECT_SUFFIX, Project, RunRecord, load_project, save_project
from playground.core.config.spec import ModelSpec, RunConfig
from playground.core.training.loop import epoch_shape
from playground.gui.i18n.core_text import preset_description, spec_error_text
from playground.gui.i18n.language import LANGUAGES, chosen_language

DEFAULT_PRESET = "xor-mlp"
MAX_RECENT = 8
SETTINGS_VERSION = 1
_RUN_ID_ROLE = Qt.ItemDataRole.UserRole


class WindowController(QObject):
    # The trained model that prediction views use (a core.predictor.Predictor), or None:
    # the run that just finished, the run picked in the runs list, or a model file opened.
    predictor_changed = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.predictor = None
        self.current_run: RunRecord | None = None  # the run behind `predictor`, if it is one (File ▸ Export)
        self.w = window
        self.settings = window.settings
        if int(self.settings.value("settings/version", SETTINGS_VERSION)) != SETTINGS_VERSION:
            self.settings.clear()  # written by an incompatible version: start from defaults
        self.settings.setValue("settings/version", SETTINGS_VERSION)
        self.project_path: Path | None = None
        self.runs: list[RunRecord] = []
        self.config_name = ""
        self.config_description = ""
        self._applying = False  # panels emit change signals while a config is applied
        self._connect()
        self._refresh_recent_menu()
        self.refresh_language_menu()
        self.apply_config(load_preset(DEFAULT_PRESET))
        self.set_dirty(False)

    # ----------------------------------------------------------------- wiring

    def _connect(self) -> None:
        w = self.w
        w.new_action.triggered.connect(self._on_new_triggered)
        w.open_action.triggered.connect(self._on_open_triggered)
        w.save_action.triggered.connect(self.save)
        w.save_as_action.triggered.connect(self.save_as)
        w.quit_action.triggered.connect(w.close)
        w.about_action.triggered.connect(self._on_about_triggered)
        for name, action in w.preset_actions.items():
            action.triggered.connect(lambda checked=False, n=name: self._on_preset_chosen(n))
        for language, action in w.language_actions.items():
            action.triggered.connect(lambda checked=False, lang=language: self._on_language_chosen(lang))

        w.train_action.triggered.connect(self.train)
        w.search_action.triggered.connect(self._on_search_triggered)
        w.pause_action.toggled.connect(self._on_pause_toggled)
        w.stop_action.triggered.connect(w.session.stop)

        w.data_panel.dataset_changed.connect(self._on_data_dataset_changed)
        w.data_panel.load_failed.connect(self._on_data_load_failed)
        w.data_panel.config_changed.connect(self._on_settings_edited)
        w.layer_builder.spec_changed.connect(self._on_builder_spec_changed)
        w.layer_builder.validity_changed.connect(self._on_builder_validity_changed)
        w.layer_builder.training_changed.connect(self._on_settings_edited)
        w.training_panel.settings_changed.connect(self._on_settings_edited)
        w.draw_panel.fine_tuned.connect(self._on_draw_fine_tuned)

        s = w.session
        s.state_changed.connect(self._on_session_state_changed)
        s.batch_ready.connect(w.plots.add_batches)
        s.batch_ready.connect(self._on_session_batch_ready)
        s.epoch_ended.connect(w.plots.add_epoch)
        s.epoch_ended.connect(self._on_session_epoch_ended)
        s.boundary_ready.connect(w.boundary_view.set_boundary)
        s.finished.connect(self._on_session_finished)
        s.failed.connect(self._on_session_failed)
        s.warned.connect(self.log)

        w.runs_list.itemChanged.connect(self._on_runs_item_changed)
        w.runs_list.currentItemChanged.connect(self._on_runs_current_item_changed)

    # ----------------------------------------------------------------- config

    def current_config(self) -> RunConfig:
        """One frozen RunConfig from the panels, built on the GUI thread; the worker never
        reads widgets."""
        optimizer, schedule, regularization, train = self.w.training_panel.settings()
        # Frozen layers and layer learning rates are kept per row in the builder (they move with
        # their layers); the config names them by position.
        builder = self.w.layer_builder
        train = dataclasses.replace(train, frozen_layers=builder.frozen_layers(), layer_lr=builder.layer_lr())
        return RunConfig(
            model=self.w.layer_builder.spec(),
            data=self.w.data_panel.data_config(),
            optimizer=optimizer,
            schedule=schedule,
            regularization=regularization,
            train=train,
            name=self.config_name,
            description=self.config_description,
        )

    def apply_config(self, cfg: RunConfig) -> None:
        self._applying = True
        try:
            self.config_name, self.config_description = cfg.name, cfg.description
            self.w.layer_builder.set_spec(cfg.model, cfg.train.frozen_layers, cfg.train.layer_lr)
            self.w.training_panel.set_settings(cfg.optimizer, cfg.schedule, cfg.regularization, cfg.train)
            self.w.data_panel.set_data_config(cfg.data)
        finally:
            self._applying = False
        self._update_actions()

    def set_dirty(self, dirty: bool) -> None:
        self.w.setWindowModified(dirty)
        name = self.project_path.name if self.project_path else self.tr("Untitled")
        self.w.setWindowTitle(f"{name}[*] — Neural Network Playground")

    @Slot()
    def _on_settings_edited(self) -> None:
        if not self._applying:
            self.set_dirty(True)

    @Slot(object)
    def _on_builder_spec_changed(self, spec) -> None:
        self.w.network_diagram.set_spec(spec, None, self.w.layer_builder.invalid_layer())
        self._on_settings_edited()
        self._update_actions()

    @Slot(bool, str)
    def _on_builder_validity_changed(self, valid: bool, message: str) -> None:
        self._update_actions()
        if not valid:
            self.w.statusBar().showMessage(message, 8000)

    @Slot(object)
    def _on_data_dataset_changed(self, dataset) -> None:
        self.w.layer_builder.set_input_shape(dataset.input_shape)
        self.w.layer_builder.set_task(dataset.task, dataset.output_size)
        self.w.training_panel.set_task(dataset.task)
        if dataset.input_shape == (2,):
            self.w.boundary_view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), dataset.task)
            self.w.boundary_view.show()
        else:
            self.w.boundary_view.clear()
            self.w.boundary_view.hide()
        self.log(self._dataset_text(dataset))
        self._update_actions()

    @Slot(str)
    def _on_data_load_failed(self, message: str) -> None:
        self.log(message)
        self._update_actions()

    def _update_actions(self) -> None:
        running = self.w.session.is_running()
        ready = self.w.layer_builder.is_valid() and self.w.data_panel.dataset() is not None
        self.w.train_action.setEnabled(ready and not running)
        if not self.w.layer_builder.is_valid():
            self.w.train_action.setToolTip(self.w.layer_builder.validation_message())
        elif self.w.data_panel.dataset() is None:
            self.w.train_action.setToolTip(self.tr("Waiting for the dataset to load"))
        else:
            self.w.train_action.setToolTip(self.tr("Train the network with the current settings (Ctrl+Return)"))
        self.w.pause_action.setEnabled(running)
        self.w.stop_action.setEnabled(running)
        for widget in (self.w.data_panel, self.w.training_panel, self.w.layer_builder):
            widget.setEnabled(not running)
        for action in (self.w.new_action, self.w.open_action, *self.w.preset_actions.values()):
            action.setEnabled(not running)

    # ----------------------------------------------------------------- training

    @Slot()
    def train(self) -> None:
        self.start_training()

    def start_training(self, resume=None) -> None:
        """Train with the panels' settings; with `resume` (a core.checkpoint.Resume whose config
        the panels show), continue that interrupted run from its checkpoint instead."""
        dataset = self.w.data_panel.dataset()
        if dataset is None or not self.w.layer_builder.is_valid() or self.w.session.is_running():
            return
        cfg = self.current_config() if resume is None else resume.config
        try:
            cfg.validate()
            ModelSpec(dataset.input_shape, cfg.model.layers, cfg.model.init).validate_for(dataset.task, dataset.output_size)
        except PlaygroundError as e:
            QMessageBox.warning(self.w, self.tr("Cannot train yet"), spec_error_text(e))
            return
        start = self.w.start_weights.start() if resume is None else None
        initial_state, report = None, []
        if start is not None:
            loaded = self._start_state(cfg, dataset, start)
            if loaded is None:
                return
            initial_state, report = loaded
        _, batches = epoch_shape(cfg, len(dataset.x_train))
        self.w.plots.reset(cfg.train.epochs, batches)
        self.w.result_label.clear()
        self.w.progress_bar.setRange(0, cfg.train.epochs * batches)
        self.w.progress_bar.setValue(0 if resume is None else resume.epoch * batches)
        self.w.progress_bar.show()
        if resume is None:
            self.log(self.tr("Training {0} for {1} epochs…").format(cfg.name or self.tr("model"), cfg.train.epochs))
            for line in report:
                self.log(line)
        else:
            for logs in resume.history():  # the epochs before the interruption
                self.w.plots.add_epoch(logs)
            self.log(self.tr("Continuing {0} after epoch {1} of {2}…").format(cfg.name or self.tr("model"), resume.epoch, cfg.train.epochs))
        self.w.session.start(cfg, dataset, resume, initial_state)
        self._update_actions()

    def _start_state(self, cfg: RunConfig, dataset, start):
        """(weights to start from, the load report's lines) for the chosen trained weights, or
        None after telling the user why they cannot start this model."""
        from playground.core.experiments.transfer import TransferError, start_state
        from playground.gui.tabs.start_weights import no_match_text, report_lines

        try:
            state, report = start_state(cfg, dataset, start.state_dict, start.label)
        except TransferError:
            QMessageBox.warning(self.w, self.tr("Cannot train yet"), no_match_text(start.label))
            return None
        except PlaygroundError as e:
            QMessageBox.warning(self.w, self.tr("Cannot train yet"), spec_error_text(e))
            return None
        return state, report_lines(report)

    @Slot(bool)
    def _on_pause_toggled(self, paused: bool) -> None:
        if paused:
            self.w.session.pause()
            self.w.pause_action.setText(self.tr("&Resume"))
        else:
            self.w.session.resume()
            self.w.pause_action.setText(self.tr("&Pause"))

    @Slot(str)
    def _on_session_state_changed(self, state: str) -> None:
        labels = {
            "running": self.tr("Training…"),
            "paused": self.tr("Paused"),
            "stopping": self.tr("Stopping…"),
            "idle": self.tr("Ready"),
        }
        self.w.statusBar().showMessage(labels.get(state, state))
        if state == "idle":
            self.w.pause_action.blockSignals(True)
            self.w.pause_action.setChecked(False)
            self.w.pause_action.setText(self.tr("&Pause"))
            self.w.pause_action.blockSignals(False)
        self._update_actions()

    @Slot(object)
    def _on_session_batch_ready(self, update) -> None:
        self.w.epoch_label.setText(self.tr("Epoch {0}/{1}").format(update.epoch, update.epochs))
        self.w.progress_bar.setValue((update.epoch - 1) * update.batches + update.batch)
        self.w.speed_label.setText(self.tr("{0:,.0f} samples/s").format(update.samples_per_second))
        if update.eta_seconds is not None:
            self.w.eta_label.setText(self.tr("ETA {0}").format(_format_seconds(update.eta_seconds)))

    @Slot(object)
    def _on_session_epoch_ended(self, logs) -> None:
        line = self.tr("Epoch {0}: loss {1:.4f}").format(logs.epoch, logs.loss)
        if logs.accuracy is not None:
            line += self.tr(", accuracy {0:.2%}").format(logs.accuracy)
        if logs.val_loss is not None:
            line += self.tr(", val_loss {0:.4f}").format(logs.val_loss)
        if logs.val_accuracy is not None:
            line += self.tr(", val_accuracy {0:.2%}").format(logs.val_accuracy)
        self.log(line)

    @Slot(object)
    def _on_session_finished(self, result) -> None:
        self.w.plots.flush()  # the last epochs with the result, not up to a second later
        self.w.progress_bar.hide()
        self.w.eta_label.clear()
        record = RunRecord.from_result(result, self.tr("Run {0}").format(len(self.runs) + 1))
        self.log(self.run_message(record.config, record.summary))
        self.log(self.show_result(record))
        self.runs.append(record)
        self._add_run_item(record)
        self._show_weights(record)
        self.set_predictor(record.predictor(), record)
        self.set_dirty(True)
        if result.status == "diverged":
            QMessageBox.warning(self.w, self.tr("Training diverged"), self.run_message(record.config, record.summary))
        self._update_actions()

    # The engine's own sentences are English; the window says the same in the UI's language.

    def _dataset_text(self, dataset) -> str:
        shape = "×".join(str(s) for s in dataset.input_shape)
        if dataset.task == "classification":
            what = self.tr("%n class(es)", "", dataset.num_classes)
        else:
            what = self.tr("%n target(s)", "", dataset.output_size)
        return self.tr("Dataset: {0}: {1} train / {2} test, input {3}, {4}").format(
            dataset.name, len(dataset.x_train), len(dataset.x_test), shape, what
        )

    def show_result(self, record: RunRecord) -> str:
        """Put a run's test result in the result line above the plots; returns the result sentence."""
        summary = record.summary
        accuracy, loss = summary.get("test_accuracy"), summary.get("test_loss")
        if accuracy is not None:
            text = self.tr("Test accuracy {0:.2%} (loss {1:.4f})").format(accuracy, loss)
        elif loss is not None:
            text = self.tr("Test loss {0:.4f}").format(loss)
        else:
            text = self.tr("No test result")
        status = {"completed": self.tr("completed"), "stopped": self.tr("stopped"), "diverged": self.tr("diverged")}
        state = summary.get("status", "")
        self.w.result_label.setText(
            f"<b>{text}</b> — {status.get(state, state)}, "
            + self.tr("{0} epochs, {1:.1f} s").format(summary.get("epochs_completed", 0), summary.get("train_seconds", 0.0))
        )
        return text

    def run_message(self, config: RunConfig, summary: dict) -> str:
        """What happened to a run, in the UI's language (FitResult.message says it in English)."""
        if summary.get("status") not in ("completed", "stopped", "diverged"):
            return summary.get("message", "")  # e.g. an opened model bundle's own words
        regularization = config.regularization
        status, epochs, best_epoch = summary["status"], summary.get("epochs_completed", 0), summary.get("best_epoch")
        restored = best_epoch and (status != "completed" or (summary.get("early_stopped") and regularization.restore_best))
        if status == "diverged":
            text = self.tr(
                "Training diverged: the loss became NaN or infinite. Lower the learning rate "
                "(now {0:g}), e.g. by 10×, or turn on gradient clipping."
            ).format(config.optimizer.lr)
        elif status == "stopped":
            text = self.tr("Stopped after %n complete epoch(s).", "", epochs)
        elif summary.get("early_stopped"):
            monitored = (
                self.tr("the validation loss") if regularization.monitor == "val_loss" else self.tr("the validation accuracy")
            )
            text = self.tr("Early stopping after epoch {0}: {1} has not improved for {2} epochs.").format(
                epochs, monitored, regularization.patience
            )
        else:
            text = self.tr("Completed %n epoch(s).", "", epochs)
        if restored:
            text += " " + self.tr("Kept the best weights (epoch {0}).").format(best_epoch)
        return text

    @Slot(str, str)
    def _on_session_failed(self, message: str, details: str) -> None:
        self.w.progress_bar.hide()
        self.log(message)
        box = QMessageBox(QMessageBox.Icon.Critical, self.tr("Training failed"), message, parent=self.w)
        box.setInformativeText(
            self.tr("Check the settings named above. If the problem persists, the details below help a bug report.")
        )
        box.setDetailedText(details)
        box.open()  # not exec(): tests and the event loop keep running
        self._update_actions()

    def _show_weights(self, record: RunRecord) -> None:
        if getattr(self.w.network_diagram, "mode", "") != "neurons" or record.state_dict is None:
            return
        weights = [v.numpy() for k, v in record.state_dict.items() if k.startswith("body.") and k.endswith(".weight")]
        self.w.network_diagram.set_weights(weights)

    # ----------------------------------------------------------------- runs list

    def _add_run_item(self, record: RunRecord) -> None:
        summary = record.summary
        acc = summary.get("test_accuracy")
        text = record.label + (f" — {acc:.2%}" if acc is not None else "")
        item = QListWidgetItem(text)
        item.setData(_RUN_ID_ROLE, record.id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        item.setToolTip(self.run_message(record.config, summary))
        self.w.runs_list.addItem(item)

    def show_runs(self, runs: list[RunRecord], checked: list[str], current_row: int) -> None:
        """Fill the runs list (a window rebuilt in another language): overlay the `checked`
        run ids and select `current_row` without making its run the current model."""
        self.runs = list(runs)
        for record in self.runs:
            self._add_run_item(record)
            if record.id in checked:
                self.w.runs_list.item(self.w.runs_list.count() - 1).setCheckState(Qt.CheckState.Checked)
        self.w.runs_list.blockSignals(True)
        self.w.runs_list.setCurrentRow(current_row)
        self.w.runs_list.blockSignals(False)

    def set_predictor(self, predictor, run: RunRecord | None = None) -> None:
        self.predictor = predictor
        self.current_run = run if predictor is not None else None
        self.predictor_changed.emit(predictor)

    def add_run(self, record: RunRecord) -> None:
        """Append a run (an opened model bundle) to the runs list and make it the current model."""
        self.runs.append(record)
        self._add_run_item(record)
        self.set_predictor(record.predictor(), record)
        self.set_dirty(True)

    @Slot(object, str)
    def _on_draw_fine_tuned(self, fit, label: str) -> None:
        """A model fine-tuned in the Draw tab becomes a run, so that it is saved with the
        project and can be exported, whatever it started from (a run, a model file, the starter)."""
        self.add_run(RunRecord.from_result(fit, label))
        self.log(self.tr("Added “{0}” to the runs.").format(label))

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_runs_current_item_changed(self, current: QListWidgetItem | None, previous) -> None:
        record = next((r for r in self.runs if current is not None and r.id == current.data(_RUN_ID_ROLE)), None)
        if record is not None and record.state_dict is not None:
            self.set_predictor(record.predictor(), record)

    @Slot(QListWidgetItem)
    def _on_runs_item_changed(self, item: QListWidgetItem) -> None:
        run_id = item.data(_RUN_ID_ROLE)
        record = next((r for r in self.runs if r.id == run_id), None)
        if record is None:
            return
        if item.checkState() == Qt.CheckState.Checked:
            self.w.plots.add_overlay(record.id, record.label, record.history())
        else:
            self.w.plots.remove_overlay(record.id)

    # ----------------------------------------------------------------- projects

    def _confirm_discard(self) -> bool:
        """Ask about unsaved changes; True if it is fine to go on."""
        if not self.w.isWindowModified():
            return True
        answer = QMessageBox.question(
            self.w,
            self.tr("Unsaved changes"),
            self.tr("The project has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def confirm_close(self) -> bool:
        """Called by the window's closeEvent: training (and fine-tuning in the Draw tab) is
        stopped cleanly first, after asking."""
        if self.w.session.is_running():
            answer = QMessageBox.question(
                self.w,
                self.tr("Training is running"),
                self.tr("Stop training and close? The run so far will be kept in the project."),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            self.w.session.shutdown()
            QApplication.processEvents()  # deliver the stopped run's result to the runs list
        teach = self.w.draw_panel.teach_box
        if teach.is_running():
            answer = QMessageBox.question(
                self.w,
                self.tr("Fine-tuning is running"),
                self.tr(
                    "Stop the training in the Draw tab and close? A fine-tuned model so far is kept in the "
                    "project as a run; retraining the starter model would have to start again."
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
            teach.shutdown()  # delivers its end: the fine-tuned model joins the runs (and the project is unsaved)
        return self._confirm_discard()

    @Slot()
    def _on_new_triggered(self) -> None:
        if not self._confirm_discard():
            return
        self.project_path = None
        self._clear_runs()
        self.apply_config(load_preset(DEFAULT_PRESET))
        self.w.start_weights.set_start(None)
        self.set_dirty(False)

    def _clear_runs(self) -> None:
        self.runs = []
        self.w.runs_list.clear()
        self.w.plots.clear_overlays()
        self.set_predictor(None)

    @Slot()
    def _on_open_triggered(self) -> None:
        if not self._confirm_discard():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.w, self.tr("Open Project"), self._last_dir(), self.tr("Playground projects (*{0})").format(PROJECT_SUFFIX)
        )
        if path:
            self.open_project(path)

    def open_project(self, path: str | Path) -> bool:
        try:
            project = load_project(path)
        except PlaygroundError as e:
            QMessageBox.warning(self.w, self.tr("Cannot open project"), str(e))
            return False
        self.project_path = Path(path)
        self._clear_runs()
        self.apply_config(project.config)
        self.w.start_weights.set_start(project.start)  # None (random weights) for older files
        for record in project.runs:
            self.runs.append(record)
            self._add_run_item(record)
        trained = [r for r in self.runs if r.state_dict is not None]
        if trained:
            self.set_predictor(trained[-1].predictor(), trained[-1])
        self._remember_recent(self.project_path)
        self.set_dirty(False)
        self.log(self.tr("Opened {0}").format(str(self.project_path)))
        return True

    @Slot()
    def save(self) -> bool:
        if self.project_path is None:
            return self.save_as()
        return self.save_to(self.project_path)

    @Slot()
    def save_as(self) -> bool:
        path, _ = QFileDialog.getSaveFileName(
            self.w, self.tr("Save Project"), self._last_dir(), self.tr("Playground projects (*{0})").format(PROJECT_SUFFIX)
        )
        if not path:
            return False
        if not path.endswith(PROJECT_SUFFIX):
            path += PROJECT_SUFFIX
        return self.save_to(Path(path))

    def save_to(self, path: Path) -> bool:
        try:
            save_project(path, Project(self.current_config(), list(self.runs), self.w.start_weights.start()))
        except PlaygroundError as e:
            QMessageBox.warning(self.w, self.tr("Cannot save project"), str(e))
            return False
        self.project_path = Path(path)
        self._remember_recent(self.project_path)
        self.set_dirty(False)
        self.w.statusBar().showMessage(self.tr("Saved {0}").format(str(path)), 5000)
        return True

    def _last_dir(self) -> str:
        recent = self._recent()
        return str(Path(recent[0]).parent) if recent else str(Path.home())

    def _recent(self) -> list[str]:
        value = self.settings.value("recent/files", [])
        if isinstance(value, str):  # QSettings returns a lone entry as a string
            value = [value]
        return [str(v) for v in value or []]

    def _remember_recent(self, path: Path) -> None:
        files = [str(path)] + [f for f in self._recent() if f != str(path)]
        self.settings.setValue("recent/files", files[:MAX_RECENT])
        self._refresh_recent_menu()

    def _refresh_recent_menu(self) -> None:
        menu = self.w.recent_menu
        menu.clear()
        files = [f for f in self._recent() if Path(f).is_file()]
        for f in files:
            action = menu.addAction(Path(f).name)
            action.setToolTip(f)
            action.triggered.connect(lambda checked=False, p=f: self._on_recent_chosen(p))
        menu.setEnabled(bool(files))

    def _on_recent_chosen(self, path: str) -> None:
        if self._confirm_discard():
            self.open_project(path)

    def _on_preset_chosen(self, name: str) -> None:
        self.apply_config(load_preset(name))
        self.set_dirty(True)
        self.log(self.tr("Preset {0}: {1}").format(name, preset_description(name, self.config_description)))

    # ----------------------------------------------------------------- language, about, log

    def refresh_language_menu(self) -> None:
        current = chosen_language(self.settings)
        for language, action in self.w.language_actions.items():
            action.setChecked(language == current)

    def _on_language_chosen(self, language: str) -> None:
        """The window is rebuilt in the new language, with the project and runs carried over."""
        from playground.gui.i18n.switch import switch_language

        switch_language(self.w, language)

    @Slot()
    def _on_about_triggered(self) -> None:
        from playground import __version__

        QMessageBox.about(
            self.w,
            self.tr("About Neural Network Playground"),
            self.tr("Neural Network Playground {0}\nLearn deep learning by doing it.\nLanguages: {1}").format(
                __version__, ", ".join(LANGUAGES.values())
            ),
        )

    @Slot()
    def _on_search_triggered(self) -> None:
        """Open the hyperparameter-search dialog (one per window, kept between openings)."""
        from playground.gui.dialogs.search_view import SearchDialog

        dialog = getattr(self, "search_dialog", None)
        if dialog is None:
            dialog = self.search_dialog = SearchDialog(self.current_config, data_dir=self.w.data_dir, parent=self.w)
            dialog.apply_requested.connect(self._on_search_apply_requested)
            dialog.use_ensemble_requested.connect(self.set_predictor)  # the top-K ensemble on the canvas
        dialog.refresh_from_config()
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    @Slot(object)
    def _on_search_apply_requested(self, cfg: RunConfig) -> None:
        self.apply_config(cfg)
        self.set_dirty(True)
        self.log(self.tr("Applied the best settings of the hyperparameter search."))

    def log(self, text: str) -> None:
        self.w.log_view.appendPlainText(text)


def _format_seconds(seconds: float) -> str:
    seconds = int(round(seconds))
    minutes, s = divmod(seconds, 60)
    hours, m = divmod(minutes, 60)
    return f"{hours}:{m:02d}:{s:02d}" if hours else f"{m}:{s:02d}"
