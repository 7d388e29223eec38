"""What the main window does, as glue between its parts: the panels build the run config, the
training session runs it, the project's state (gui/state.py: runs, current model, file, unsaved
flag) records what came of it, and views follow the state — the runs list and plot overlays
(run/runs_list.py), the window title, and through `predictor_changed` the canvas, the export
and evaluate actions. The window (main_window.py) only lays things out; what it says about a
run is in run/feedback.py, the File menu's project commands in project_files.py."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from playground.core.config.presets import load_preset, run_name, same_settings
from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError
from playground.core.model.trained import TrainedModel
from playground.gui.i18n.core_text import model_title, preset_description, preset_menu_texts, spec_error_text
from playground.gui.i18n.dataset_text import dataset_title
from playground.gui.i18n.language import LANGUAGES, chosen_language
from playground.gui.i18n.retranslate import said_again
from playground.gui.project_files import DEFAULT_PRESET, ProjectFiles
from playground.gui.run.feedback import RunFeedback
from playground.gui.run.runs_list import RunsListView
from playground.gui.state import ProjectState
from playground.gui.window_settings import SETTINGS_VERSION

__all__ = ["WindowController"]


def _predictor_of(run: TrainedModel):
    """A Predictor for a run's trained model (loads torch, so not at import)."""
    from playground.core.inference.predictor import ModelPredictor

    return ModelPredictor.from_trained(run)


class WindowController(QObject):
    # The current model (a core.inference.predictor.Predictor) or None, each time it is set: the state's
    # current_changed as a Qt signal, for the views that are Qt objects.
    predictor_changed = Signal(object)

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.settings = window.settings
        if int(self.settings.value("settings/version", SETTINGS_VERSION)) != SETTINGS_VERSION:
            self.settings.clear()  # written by an incompatible version: start from defaults
        self.settings.setValue("settings/version", SETTINGS_VERSION)
        self.state = ProjectState()
        self.feedback = RunFeedback(window)
        self.files = ProjectFiles(self)
        self.runs_view = RunsListView(window.runs_list, window.plots, self.state, self.run_message, self)
        self._applying = False  # panels emit change signals while a config is applied
        self._applied: RunConfig | None = None  # the config applied last: its name holds while it matches
        self._clean = None  # what the project is when saved (_saved_form); None: changed for good
        self._shown_problem = ""  # the layer-stack problem the status bar shows
        self._live_label = ""  # the name the run in progress will get
        self._connect()
        from playground.gui.task_defaults import TrainingDefaults

        self.training_defaults = TrainingDefaults(window, self._refresh_dirty)
        from playground.gui.table_fit import TableFit

        self.table_fit = TableFit(window, self)  # sizes the model to a table, offers the tabular preset
        self.files.refresh_recent_menu()
        self.refresh_language_menu()
        self.apply_config(load_preset(DEFAULT_PRESET))
        self.set_dirty(False)
        self._show_title()

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
        w.data_panel.shape_known.connect(self._on_data_shape_known)
        w.data_panel.load_failed.connect(self._on_data_load_failed)
        w.data_panel.config_changed.connect(self._on_settings_edited)
        w.data_panel.features_group.edited.connect(w.layer_builder.set_features)  # the builder keeps them
        w.data_panel.points_group.set_undo_stack(w.layer_builder.undo_stack)  # Edit ▸ Undo takes point edits back
        w.layer_builder.spec_changed.connect(self._on_builder_spec_changed)
        w.layer_builder.validity_changed.connect(self._on_builder_validity_changed)
        w.layer_builder.training_changed.connect(self._on_settings_edited)
        w.training_panel.settings_changed.connect(self._on_settings_edited)
        w.draw_panel.fine_tuned.connect(self._on_draw_fine_tuned)

        s = w.session
        s.state_changed.connect(self._on_session_state_changed)
        s.batch_ready.connect(w.plots.add_batches)
        s.batch_ready.connect(self.feedback.show_batch)
        s.features_progressed.connect(self.feedback.show_features)
        s.epoch_ended.connect(w.plots.add_epoch)
        s.epoch_ended.connect(self.feedback.log_epoch)
        s.boundary_ready.connect(w.boundary_view.set_boundary)
        s.neurons_ready.connect(w.network_diagram.set_neuron_maps)
        s.finished.connect(self._on_session_finished)
        s.failed.connect(self._on_session_failed)
        s.warned.connect(self.log)

        events = self.state.events
        events.path_changed.connect(self._on_state_file_changed)
        events.dirty_changed.connect(self._on_state_file_changed)
        events.current_changed.connect(self._on_state_current_changed)

    # ----------------------------------------------------------------- the state, as before

    @property
    def runs(self) -> tuple[TrainedModel, ...]:
        return self.state.runs

    @property
    def predictor(self):
        """The trained model that prediction views use, or None (ProjectState.predictor)."""
        return self.state.predictor

    @property
    def current_run(self) -> TrainedModel | None:
        """The run behind `predictor`, if it is one (File ▸ Export)."""
        return self.state.current_run

    @property
    def project_path(self) -> Path | None:
        return self.state.path

    def set_dirty(self, dirty: bool) -> None:
        """False: the project as it is now is what is saved (after New, Open, Save); later edits
        make it unsaved only while they leave it different from this. True: it has changes
        nothing can take back (until it is saved)."""
        self._clean = self._saved_form() if not dirty else None
        self.state.set_dirty(dirty)

    def _saved_form(self) -> tuple:
        """What a project file would hold now, to compare: the settings (not the input shape,
        which the dataset gives, nor the name made from them), the runs and the starting weights."""
        cfg = self.current_config()
        settings = cfg.replace(name="", description="", model=cfg.model.with_input_shape(()))
        return settings, tuple(r.id for r in self.state.runs), self.w.start_weights.start()

    def _refresh_dirty(self) -> None:
        """Unsaved when the project differs from what was saved or opened: loading settings, a
        dataset that finishes loading, an edit undone all leave a project as it was."""
        clean, now = self._clean, self._saved_form()
        self.state.set_dirty(clean is None or clean[:2] != now[:2] or clean[2] is not now[2])

    def set_predictor(self, predictor, run: TrainedModel | None = None) -> None:
        self.state.set_current(predictor, run)

    def _on_state_file_changed(self, _value=None) -> None:
        self._show_title()

    def _show_title(self) -> None:
        self.w.setWindowModified(self.state.dirty)
        name = self.state.path.name if self.state.path else self.tr("Untitled")
        self.w.setWindowTitle(f"{name}[*] — Neural Network Playground")

    def _on_state_current_changed(self, predictor, run) -> None:
        """The header above the plots and the plots follow the current model, as the runs
        list, the Draw tab, Export and Evaluate do: one current run everywhere. The live plots
        of a run in progress are left alone. The network diagram shows its weights."""
        self._show_weights()
        if self.w.session.is_running():
            self.feedback.show_training_header(model_title(self._live_label), run)
        else:
            self.feedback.show_current(predictor, run)
            self._plot_current(run)
            dataset = self.w.data_panel.dataset()
            if dataset is not None and dataset.input_shape == (2,):
                trained_on = (run.summary.get("dataset") or run.config.data.name) if run is not None else ""
                self.w.boundary_view.show_model(run.id if run is not None else "", predictor, trained_on, dataset)
        self.predictor_changed.emit(predictor)

    def _plot_current(self, run: TrainedModel | None) -> None:
        """The plots show the current run's curves; none for a model without them (a model
        file, an ensemble), rather than another run's under this one's name."""
        plots = self.w.plots
        if run is not None and run.id == plots.run_id:
            return
        if run is not None and (run.history or run.summary.get("batch_curve")):
            from playground.core.training.callbacks import EpochLogs

            history = [EpochLogs(**h) for h in run.history]
            plots.show_run(run.id, run.config.train.epochs, history, run.summary.get("batch_curve"))
        elif plots.point_count():
            plots.reset(1, 1)

    # ----------------------------------------------------------------- config

    def current_config(self) -> RunConfig:
        """One frozen RunConfig from the panels, built on the GUI thread; the worker never
        reads widgets."""
        optimizer, schedule, regularization, train = self.w.training_panel.settings()
        # Frozen layers and layer learning rates are kept per row in the builder (they move with
        # their layers); the config names them by position.
        builder = self.w.layer_builder
        train = dataclasses.replace(train, frozen_layers=builder.frozen_layers(), layer_lr=builder.layer_lr())
        cfg = RunConfig(
            model=self.w.layer_builder.spec(),
            data=self.w.data_panel.data_config(),
            optimizer=optimizer,
            schedule=schedule,
            regularization=regularization,
            train=train,
            name=self.state.config_name,
            description=self.state.config_description,
        )
        # A preset's (or a saved config's) name and description hold while the settings are
        # still the ones they describe; otherwise the run is named after its data and model.
        if not cfg.name or self._applied is None or not same_settings(cfg, self._applied):
            cfg = cfg.replace(name=run_name(cfg), description="")
        return cfg

    def apply_config(self, cfg: RunConfig) -> None:
        """Show `cfg` in the panels. The layer stack is checked once, against the new dataset,
        when everything is in place (LayerBuilder.held_checks); applying is no edit."""
        self._applying = True
        try:
            self.state.config_name, self.state.config_description = cfg.name, cfg.description
            with self.w.layer_builder.held_checks():
                self.w.layer_builder.set_spec(cfg.model, cfg.train.frozen_layers, cfg.train.layer_lr)
                self.w.training_panel.set_settings(cfg.optimizer, cfg.schedule, cfg.regularization, cfg.train)
                self.w.data_panel.set_data_config(cfg.data)  # its shape and task reach the builder
        finally:
            self._applying = False
        self._applied = cfg
        self._update_actions()

    @Slot()
    def _on_settings_edited(self) -> None:
        if not self._applying:
            self._refresh_dirty()

    @Slot(object)
    def _on_builder_spec_changed(self, spec) -> None:
        if spec.input_shape in ((), (2,)):  # an edit, an undo or opened settings: the toggles follow
            self.w.data_panel.features_group.show_features(spec.features)
        self.w.network_diagram.set_spec(spec, None, self.w.layer_builder.invalid_layer())
        self._show_weights()
        self._on_settings_edited()
        self._update_actions()

    @Slot(bool, str)
    def _on_builder_validity_changed(self, valid: bool, message: str) -> None:
        """The stack became valid or invalid, or its problem changed (also when only the
        dataset did): the diagram's red mark and the status bar say what is wrong now."""
        builder = self.w.layer_builder
        self.w.network_diagram.set_spec(builder.spec(), None, builder.invalid_layer())
        self._show_weights()
        self._update_actions()
        status = self.w.statusBar()
        if self._shown_problem and status.currentMessage() == self._shown_problem:
            status.clearMessage()  # an older problem, solved or replaced
        self._shown_problem = message
        if not valid:
            status.showMessage(message, 8000)

    @Slot(object)
    def _on_data_dataset_changed(self, dataset) -> None:
        self._on_data_shape_known(dataset.input_shape, dataset.task, dataset.output_size)
        if dataset.input_shape == (2,):
            self.w.boundary_view.set_data(dataset.x_train.numpy(), dataset.y_train.numpy(), dataset.task)
            self.w.boundary_view.show()
        else:
            self.w.boundary_view.clear()
            self.w.boundary_view.hide()
        self.log(lambda: self._dataset_text(dataset))
        self._show_weights()  # the heatmaps are drawn over the new data's plane
        self._update_actions()

    @Slot(tuple, str, int)
    def _on_data_shape_known(self, input_shape, task: str, output_size: int) -> None:
        # Choosing the dataset was the edit; its shape arriving later (a load in the background,
        # or torch loading at startup) is none.
        applying, self._applying = self._applying, True
        try:
            self.w.layer_builder.set_input_shape(input_shape)
            self.w.layer_builder.set_task(task, output_size)
            self.w.training_panel.set_task(task)
        finally:
            self._applying = applying

    @Slot(str)
    def _on_data_load_failed(self, message: str) -> None:
        self.log(message)
        self.w.boundary_view.clear()  # the points shown were the previous dataset's
        self._update_actions()

    def _update_actions(self) -> None:
        running = self.w.session.is_running()
        ready = self.w.layer_builder.is_valid() and self.w.data_panel.dataset() is not None
        self.w.train_action.setEnabled(ready and not running)
        if not self.w.layer_builder.is_valid():
            self.w.train_action.setToolTip(self.w.layer_builder.validation_message())
        elif self.w.data_panel.dataset() is None:  # loading, or what failed (too few of your points, ...)
            self.w.train_action.setToolTip(self.w.data_panel.load_problem() or self.tr("Waiting for the dataset to load"))
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
        """Train with the panels' settings; with `resume` (a core.training.checkpoint.Resume whose config
        the panels show), continue that interrupted run from its checkpoint instead."""
        dataset = self.w.data_panel.dataset()
        if dataset is None or not self.w.layer_builder.is_valid() or self.w.session.is_running():
            return
        cfg = self.current_config() if resume is None else resume.config
        try:
            cfg.validate()
            cfg.model.with_input_shape(dataset.input_shape).validate_for(dataset.task, dataset.output_size)
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
        tensorboard = self.w.tensorboard_option.new_run_folder(cfg.name or cfg.data.name)
        if tensorboard is False:  # the user was told why
            return
        self.launch(cfg, dataset, resume, report, tensorboard, resume=resume, initial_state=initial_state)

    def launch(self, cfg: RunConfig, dataset, shown, report, tensorboard=None, **start) -> None:
        """Start the session's run of `cfg` (`start`: the session's other arguments) after the plots,
        progress bar and log are set for it (`shown`: a resumed run's epochs so far, or None)."""
        from playground.core.training.loop import epoch_shape  # torch: loaded after the window is built

        _, batches = epoch_shape(cfg, len(dataset.x_train), held_out=dataset.x_val is None)
        self._live_label = self._next_run_label()
        self.feedback.show_start(cfg, batches, shown, report, model_title(self._live_label), self.state.current_run)
        if tensorboard is not None:
            self.feedback.log(self.w.tensorboard_option.log_line(tensorboard))
        self.w.session.start(cfg, dataset, tensorboard=tensorboard, **start)
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
        self.feedback.show_session_state(state)
        self._update_actions()

    def _next_run_label(self) -> str:
        # Kept in English in the run and the project ("Run 3"); shown in the UI's language
        # wherever it appears (core_text.model_title), so a switch or a reopened project in
        # the other language never mixes "Run 1" with "実行 3".
        return f"Run {len(self.state.runs) + 1}"

    @Slot(object)
    def _on_session_finished(self, result) -> None:
        record = result.model.as_run(self._next_run_label())
        # Its per-batch curves, kept so that they can be drawn again (a project reopened,
        # another run chosen and this one again, an overlay of a short run).
        record.summary["batch_curve"] = self.w.plots.batch_curve()
        self.w.plots.mark_run(record.id)
        self.w.boundary_view.run_id = record.id  # its last boundary is on show
        self.feedback.show_finished(record)
        self.state.add_run(record)
        self.state.set_current(_predictor_of(record), record)  # the diagram shows its weights
        self._refresh_dirty()  # runs are saved with the project: a new one is a change
        if result.status == "diverged":
            QMessageBox.warning(self.w, self.tr("Training diverged"), self.run_message(record.config, record.summary))
        self._update_actions()

    @Slot(str, str)
    def _on_session_failed(self, message: str, details: str) -> None:
        self.feedback.show_failure(message, details)
        self._update_actions()

    def show_result(self, record: TrainedModel) -> str:
        """Put a run's test result in the result line above the plots; returns the result sentence."""
        return self.feedback.show_result(record)

    def run_message(self, config: RunConfig, summary: dict) -> str:
        """What happened to a run, in the UI's language (FitResult.message says it in English)."""
        return self.feedback.run_message(config, summary)

    # The engine's own sentences are English; the window says the same in the UI's language.

    def _dataset_text(self, dataset) -> str:
        shape = "×".join(str(s) for s in dataset.input_shape)
        if dataset.task == "classification":
            what = self.tr("%n class(es)", "", dataset.num_classes)
        else:
            what = self.tr("%n target(s)", "", dataset.output_size)
        return self.tr("Dataset: {0}: {1} train / {2} test, input {3}, {4}").format(
            dataset_title(dataset.name, dataset.name), len(dataset.x_train), len(dataset.x_test), shape, what
        )

    def _show_weights(self) -> None:
        """The Neurons view shows the current run's weights on its links and, on 2-D data, its
        neurons' heatmaps, when that run is the stack the builder holds (same layers, so the
        same links); otherwise, or without a current run, the links are drawn plain, as for an
        untrained network. A run in progress sends its own, live (TrainingSession.neurons_ready)."""
        if self.w.session.is_running():
            return
        self.w.network_diagram.show_model(
            self.state.current_run, self.state.predictor, self.w.data_panel.dataset(), self.w.layer_builder.spec().layers
        )

    # ----------------------------------------------------------------- runs

    def add_run(self, record: TrainedModel) -> None:
        """Append a run (an opened model bundle) to the runs and make it the current model."""
        self.state.add_run(record)
        self.state.set_current(_predictor_of(record), record)
        self._refresh_dirty()

    def clear_runs(self) -> None:
        self.state.reset_runs()
        self.state.set_current(None)

    @Slot(object, str)
    def _on_draw_fine_tuned(self, fit, label: str) -> None:
        """A model fine-tuned in the Draw tab becomes a run, so that it is saved with the
        project and can be exported, whatever it started from (a run, a model file, the starter)."""
        self.add_run(fit.model.as_run(label))
        self.log(lambda: self.tr("Added “{0}” to the runs.").format(model_title(label)))

    # ----------------------------------------------------------------- projects (project_files.py)

    def confirm_close(self) -> bool:
        """Called by the window's closeEvent: a run or a fine-tuning is stopped first, after
        asking, and unsaved changes are asked about."""
        return self.files.confirm_close()

    @Slot()
    def _on_new_triggered(self) -> None:
        self.files.new()

    @Slot()
    def _on_open_triggered(self) -> None:
        self.files.ask_and_open()

    def open_project(self, path: str | Path) -> bool:
        return self.files.open(path)

    @Slot()
    def save(self) -> bool:
        return self.files.save()

    @Slot()
    def save_as(self) -> bool:
        return self.files.save_as()

    def save_to(self, path: Path) -> bool:
        return self.files.save_to(path)

    def _last_dir(self) -> str:
        return self.files.last_dir()

    def _on_preset_chosen(self, name: str) -> None:
        # A preset in an untitled project with nothing in it yet is a new start, not a change:
        # closing loses nothing. With a file or runs, it changes the project.
        fresh = self.state.path is None and not self.state.runs and not self.state.dirty
        cfg, kept = self._keep_available_data(load_preset(name))
        self.apply_config(cfg)
        if fresh:
            self.set_dirty(False)
        else:
            self._refresh_dirty()
        description = self.state.config_description
        self.log(lambda: self.tr("Preset {0}: {1}").format(name, preset_description(name, description)))
        if kept is not None:

            def note() -> str:  # said again in the new language after a switch (the log)
                return self.tr(
                    "Kept {0}: the preset trains on {1}, which is not on this computer yet. Choose {1} in the "
                    "Data tab to download it."
                ).format(*(dataset_title(info.name, info.title) for info in kept))

            self.log(note)
            self.w.statusBar().showMessage(  # the whole sentence is in the log: the bar is narrow
                self.tr("Kept {0}: the preset's {1} is not on this computer (see the log).").format(
                    *(dataset_title(info.name, info.title) for info in kept)
                ),
                15000,
            )

    def _keep_available_data(self, cfg: RunConfig) -> tuple[RunConfig, tuple | None]:
        """`cfg`, or `cfg` on the dataset chosen now when the preset's own (e.g. MNIST for mlp)
        is not on this computer and the chosen one fits the same model (same input shape and
        outputs): offline, the preset would otherwise swap a working dataset for a failed
        download. Also returns (kept info, preset's info), or None when nothing was kept."""
        panel = self.w.data_panel
        wanted, current = panel.info_of(cfg.data.name), panel.dataset_info()
        if wanted is None or wanted.available or current.name == wanted.name or not current.available:
            return cfg, None
        if current.input_shape is None or (current.input_shape, current.outputs) != (wanted.input_shape, wanted.outputs):
            return cfg, None
        data = dataclasses.replace(panel.data_config(), augment=cfg.data.augment)
        return cfg.replace(data=data), (current, wanted)

    # ----------------------------------------------------------------- language, about, log

    def refresh_language_menu(self) -> None:
        current = chosen_language(self.settings)
        for language, action in self.w.language_actions.items():
            action.setChecked(language == current)

    def retranslate(self) -> None:
        """After a language switch (the window's fixed texts are already in the new language):
        say again what depends on the state — the title, the header above the plots and the
        status bar's figures, the runs, the layer stack's problem, the log."""
        self._show_title()
        for name, action in self.w.preset_actions.items():
            text, tip, status = preset_menu_texts(name)
            action.setText(text)
            action.setToolTip(tip)
            action.setStatusTip(status)
        self.runs_view.retranslate()
        if self.w.session.is_running():
            self.feedback.show_training_header(self._live_label, self.state.current_run)
            self.w.pause_action.setText(self.tr("&Resume") if self.w.pause_action.isChecked() else self.tr("&Pause"))
        else:
            self.feedback.show_current(self.state.predictor, self.state.current_run)
        status = self.w.statusBar()
        shown = status.currentMessage()
        if shown and shown != self._shown_problem and said_again(shown, self) != shown:
            status.showMessage(said_again(shown, self))  # e.g. "Ready"
        self._update_actions()
        self.w.log_lines.render()

    def _on_language_chosen(self, language: str) -> None:
        """The window's texts change to the new language at once (i18n/switch.py)."""
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
        self._refresh_dirty()
        self.log(lambda: self.tr("Applied the best settings of the hyperparameter search."))

    def log(self, text) -> None:
        """Add a line to the log: a string, or a function that says it in the installed
        language (run/log_lines.py), so that it can be said again after a language switch."""
        self.w.log_lines.add(text)
