"""File ▸ Export… and File ▸ Open Model…: thin Qt views over `core.io.export`.

Export writes the window's current model (the run behind `WindowController.predictor`) in the
format picked by the file-type filter of a save dialog (an ensemble in use: ONNX only); the export runs on a pool thread
(ONNX export takes a few seconds) and reports back through signals. Open Model restores a
bundle (settings, builder and the trained model as a new run) or opens an ONNX or TorchScript
file for prediction only.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QInputDialog, QLabel, QMessageBox

from playground.core.errors import PlaygroundError
from playground.core.experiments.ensemble import export_ensemble, is_ensemble
from playground.core.inference.loaders import load_predictor
from playground.core.io.bundle import BUNDLE_SUFFIX, load_model_bundle
from playground.core.io.export import FORMATS, export_model
from playground.gui.threads import start_pool_task
from playground.gui.i18n.core_text import feeding_text, model_title
from playground.gui.i18n.errors import error_text
from playground.gui.window_settings import export_folder, remember_export_folder

__all__ = ["ModelFileActions"]

_BUNDLE_SUFFIXES = (BUNDLE_SUFFIX, ".safetensors")
_MODEL_SUFFIXES = (*_BUNDLE_SUFFIXES, ".onnx", ".pt", ".pth")
# a file from elsewhere that needs the user to say what to feed it (core/inference/foreign.py): asked again
_NEEDS_SHAPE = ("script_needs_shape", "model_needs_shape", "model_shape_does_not_fit", "model_does_not_run_given", "input_shape_text")


class _ExportSignals(QObject):
    finished = Signal(list)  # the paths written
    failed = Signal(str)  # the message for the user


class _ExportJob(QRunnable):
    """One export on a pool thread. It holds the run's config and weights, never widgets."""

    def __init__(self, run, fmt: str, path: Path):
        super().__init__()
        self.run_record, self.fmt, self.path = run, fmt, path
        self.signals = _ExportSignals()

    def run(self) -> None:
        try:
            export = export_ensemble if is_ensemble(self.run_record) else export_model
            paths = export(self.run_record, self.fmt, self.path)
        except PlaygroundError as e:
            self.signals.failed.emit(error_text(e))  # in the UI's language where it has a key
        except Exception as e:  # a bug or an exporter limit: still reported, never swallowed
            self.signals.failed.emit(f"{type(e).__name__}: {e}")
        else:
            self.signals.finished.emit([str(p) for p in paths])


def ask_ensemble_onnx_path(parent, default: Path) -> Path | None:
    """Ask where to write an ensemble (ONNX only: one graph averaging its members); the save
    dialog asks before replacing a file. None when cancelled; ".onnx" added when no suffix."""
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ModelFileActions", "Export Ensemble"),
        str(default),
        QCoreApplication.translate("ModelFileActions", "ONNX — one model averaging the members; runs in onnxruntime (*.onnx)"),
    )
    if not path:
        return None
    path = Path(path)
    return path if path.suffix else path.with_name(path.name + ".onnx")


class ModelFileActions(QObject):
    """Owns the window's export and open-model actions."""

    exported = Signal(list)  # paths written, after a successful export
    export_failed = Signal(str)

    def __init__(self, window):
        super().__init__(window)
        self.w = window
        self.controller = window.controller
        self._job: _ExportJob | None = None
        self._last_filter = ""
        window.export_action.triggered.connect(self.export_current)
        window.open_model_action.triggered.connect(self.open_model)
        self.controller.predictor_changed.connect(self._on_controller_predictor_changed)
        self._update_export_action()

    # ----------------------------------------------------------------- export

    def filters(self) -> dict[str, str]:
        """format -> save-dialog filter: a name, one sentence on what it is for, the pattern."""
        text = {
            "bundle": self.tr("Playground bundle — the model with its settings and metrics; reopens in this app"),
            "onnx": self.tr("ONNX — runs in onnxruntime from Python, C++, C#, Java or JavaScript"),
            "torchscript": self.tr("TorchScript — loads with torch.jit.load in Python or C++, no model code needed"),
            "code": self.tr("PyTorch code — one readable .py file defining the model, weights beside it"),
            "state-dict": self.tr("state_dict — the weights only, for your own PyTorch model class"),
        }
        return {fmt: f"{text[fmt]} (*{FORMATS[fmt][0]})" for fmt in FORMATS}

    def is_exporting(self) -> bool:
        return self._job is not None

    @Slot()
    def export_current(self) -> None:
        run = self.controller.current_run
        if self._job is not None:
            return
        if run is None and is_ensemble(self.controller.predictor):
            self.export_ensemble(self.controller.predictor)
            return
        if run is None or run.state_dict is None:
            return
        filters = self.filters()
        chosen = self._last_filter if self._last_filter in filters.values() else filters["bundle"]
        default = self.export_dir() / (_safe_name(run.label) + FORMATS[_format_of(chosen, filters)][0])
        path, selected = QFileDialog.getSaveFileName(
            self.w, self.tr("Export Model"), str(default), ";;".join(filters.values()), chosen
        )
        if not path:
            return
        self._last_filter = selected or chosen
        fmt = _format_of(self._last_filter, filters)
        path = Path(path)
        # A typed suffix that names another format unambiguously wins over the filter.
        by_suffix = {FORMATS[f][0]: f for f in ("bundle", "onnx", "code")}
        if path.suffix.lower() in by_suffix:
            fmt = by_suffix[path.suffix.lower()]
        elif not path.suffix:
            path = path.with_name(path.name + FORMATS[fmt][0])
        self.start_export(run, fmt, path)

    def export_ensemble(self, predictor) -> None:
        """An ensemble in use on the canvas exports as ONNX only: one graph averaging its members."""
        path = ask_ensemble_onnx_path(self.w, self.export_dir() / "ensemble.onnx")
        if path is not None:
            self.start_export(predictor, "onnx", path)

    def export_dir(self) -> Path:
        """Where the export dialog opens: the folder the last export went to (remembered across
        sessions), else where projects are opened and saved."""
        return export_folder(self.w.settings) or Path(self.controller._last_dir())

    def start_export(self, run, fmt: str, path: Path) -> None:
        """Export on a pool thread; `exported` or `export_failed` follows."""
        remember_export_folder(self.w.settings, path)  # offered next time, even if this one fails
        self._job = _ExportJob(run, fmt, Path(path))
        self._job.signals.finished.connect(self._on_job_finished)
        self._job.signals.failed.connect(self._on_job_failed)
        self._update_export_action()
        self.w.statusBar().showMessage(self.tr("Exporting {0}…").format(Path(path).name))
        # Busy, not wait: the window stays usable while an ONNX export takes its few seconds.
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        start_pool_task(self._job)

    @Slot(list)
    def _on_job_finished(self, paths: list) -> None:
        self._job = None
        QApplication.restoreOverrideCursor()
        self._update_export_action()
        names = ", ".join(Path(p).name for p in paths)
        self.w.statusBar().showMessage(self.tr("Exported {0}").format(names), 8000)
        where = ", ".join(paths)
        self.controller.log(lambda: self.tr("Exported the model to {0}").format(where))
        self.exported.emit(paths)

    @Slot(str)
    def _on_job_failed(self, message: str) -> None:
        self._job = None
        QApplication.restoreOverrideCursor()
        self._update_export_action()
        self.w.statusBar().clearMessage()
        QMessageBox.warning(
            self.w,
            self.tr("Cannot export the model"),
            message + "\n\n" + self.tr("Nothing was overwritten. Choose another folder or file name and try again."),
        )
        self.export_failed.emit(message)

    @Slot(object)
    def _on_controller_predictor_changed(self, predictor) -> None:
        self._update_export_action()

    def retranslate(self) -> None:
        """After a language switch: Export's tooltip, which names the current model."""
        self._update_export_action()

    def _update_export_action(self) -> None:
        action = self.w.export_action
        run = self.controller.current_run
        if self._job is not None:
            action.setEnabled(False)
            action.setToolTip(self.tr("An export is running"))
        elif run is not None and run.state_dict is not None:
            action.setEnabled(True)
            action.setToolTip(
                self.tr("Export “{0}” as a bundle, ONNX, TorchScript, PyTorch code or state_dict (Ctrl+E)").format(
                    model_title(run.label)
                )
            )
        elif is_ensemble(self.controller.predictor):
            action.setEnabled(True)
            action.setToolTip(
                self.tr("Export the ensemble of {0} as ONNX: one model that averages its members' probabilities (Ctrl+E)").format(
                    len(self.controller.predictor.ensemble.members)
                )
            )
        elif self.controller.predictor is not None:
            action.setEnabled(False)
            action.setToolTip(
                self.tr("The current model was opened for prediction only and cannot be exported again — "
                        "train a model or open a bundle first")
            )
        else:
            action.setEnabled(False)
            action.setToolTip(self.tr("Train a model first (or pick a trained run in the Runs list), then export it"))
        action.setStatusTip(action.toolTip())

    # ----------------------------------------------------------------- open

    @Slot()
    def open_model(self) -> None:
        patterns = " ".join(f"*{s}" for s in _MODEL_SUFFIXES)
        filters = ";;".join(
            [
                self.tr("Models ({0})").format(patterns),
                self.tr("Playground bundles (*{0} *.safetensors)").format(BUNDLE_SUFFIX),
                self.tr("ONNX models, prediction only (*.onnx)"),
                self.tr("TorchScript models, prediction only (*.pt *.pth)"),
            ]
        )
        path, _ = QFileDialog.getOpenFileName(self.w, self.tr("Open Model"), self.controller._last_dir(), filters)
        if path:
            self.open_model_file(path)

    def open_model_file(self, path: str | Path) -> bool:
        """A bundle restores the builder and settings and adds its model as a run; an ONNX or
        TorchScript file becomes the current model for prediction only."""
        path = Path(path)
        if path.suffix.lower() in _BUNDLE_SUFFIXES:
            if self.w.session.is_running():
                QMessageBox.information(
                    self.w, self.tr("Training is running"),
                    self.tr("Opening a bundle replaces the settings — stop training first."),
                )
                return False
            try:
                bundle = load_model_bundle(path)
                record = bundle.as_run(bundle.label or path.stem)
            except PlaygroundError as e:
                QMessageBox.warning(self.w, self.tr("Cannot open model"), error_text(e))
                return False
            try:
                self.controller.apply_config(bundle.config)
            except PlaygroundError as e:
                # e.g. a model fine-tuned on personal samples alone: its data is no dataset of
                # the Data tab. The model itself is still worth having as a run.
                error = e  # `e` is gone after the except clause; the line is said again after a switch
                self.controller.log(lambda: self.tr("The Data tab keeps its dataset: {0}").format(error_text(error)))
            self.controller.add_run(record)
            self.controller.log(lambda: self.tr("Opened {0}: settings, layers and the trained model restored").format(str(path)))
            return True
        shape = None
        while True:
            try:
                predictor = load_predictor(path, shape)
                break
            except PlaygroundError as e:
                if getattr(e, "key", "") not in _NEEDS_SHAPE:
                    QMessageBox.warning(self.w, self.tr("Cannot open model"), error_text(e))
                    return False
                # a file from elsewhere that does not say what it takes (or not all of it): ask, then try again
                shape = self._ask_input_shape(path, e, shape)
                if shape is None:
                    return False
        self.controller.set_predictor(predictor)
        message = self.tr("Opened {0} for prediction only").format(path.name)
        self.w.statusBar().showMessage(message, 8000)
        self.controller.log(lambda: self.tr("Opened {0} for prediction only").format(path.name))
        feeding = getattr(predictor, "feeding", None)
        if feeding is not None and not feeding.plain:
            self.controller.log(lambda: feeding_text(path.name, feeding))
        return True

    def _ask_input_shape(self, path: Path, error: PlaygroundError, previous: str | None) -> str | None:
        """The shape to feed `path` as the user types it (None: they cancelled), after the
        message `error` saying why it is needed (or why the previous answer did not fit)."""
        example = error.values.get("example") or "1x28x28"
        dialog = QInputDialog(self.w)
        dialog.setWindowTitle(self.tr("Input shape"))
        dialog.setLabelText(
            self.tr("{0}\n\nFeed it as (channels × height × width, e.g. 1x28x28 or 3x224x224):").format(error_text(error)))
        dialog.setTextValue(previous or example)
        label = dialog.findChild(QLabel)
        if label is not None:  # the reason is a long sentence: wrapped, not one line wider than the screen
            label.setWordWrap(True)
        dialog.resize(560, dialog.sizeHint().height())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        text = dialog.textValue().strip()
        return text or None


def _format_of(selected_filter: str, filters: dict[str, str]) -> str:
    return next((fmt for fmt, f in filters.items() if f == selected_filter), "bundle")


def _safe_name(label: str) -> str:
    name = "".join(c if c.isalnum() or c in "-_." else "-" for c in label).strip("-.")
    return name or "model"

