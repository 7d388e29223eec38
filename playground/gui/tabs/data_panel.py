"""The Data tab: choose a dataset, set its options, see samples, set up augmentation.

Toy 2-D sets are generated in milliseconds on the GUI thread. Image sets are read (and, when
missing, downloaded) as a background job (gui/jobs.py) that reports progress and stops when
its cancel flag is set; the panel never waits for it. Datasets are torch tensors: while torch
is still loading at startup (gui.torch_loader) the chosen set is shown as loading and is
loaded once torch is there. The sample views, the augmentation group and the dataset options
are in sample_views.py, augment_group.py and dataset_options.py.
"""

from __future__ import annotations

import logging
import threading
from functools import partial
from typing import Any

from PySide6.QtCore import (
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.dataset_text import dataset_description, dataset_title, dataset_where, load_message_text
from playground.gui.jobs import Job
from playground.core.data.dataset import Dataset, DatasetError, DatasetInfo, LoadCancelled
from playground.core.data.registry import DOWNLOADABLE, list_datasets, load_dataset
from playground.core.data.points import POINTS_SETS
from playground.core.config.spec import AugmentConfig, DataConfig
from playground.core.errors import ConfigError
from playground.gui.tabs.augment_group import AugmentGroup
from playground.gui.tabs.dataset_loading import _explain_load_failure, _Progress
from playground.gui.tabs.dataset_options import FolderOptionsGroup, ToyOptionsGroup
from playground.gui.tabs.input_features import InputFeaturesGroup
from playground.gui.tabs.points_editor import PointsGroup
from playground.gui.tabs.sample_views import SamplesGroup
from playground.gui.tabs.table_group import TableGroup
from playground.gui.torch_loader import torch_is_loading, when_torch_ready
from playground.gui.widgets import align_form_labels, fill_with_scroll_area, filling
from playground.gui.i18n.errors import error_text

__all__ = ["DataPanel"]

log = logging.getLogger(__name__)

# --------------------------------------------------------------------------- the panel


def _title(info: DatasetInfo) -> str:
    return dataset_title(info.name, info.title)


def _description(info: DatasetInfo) -> str:
    return dataset_description(info.name, info.description)


def _option_key(info: DatasetInfo) -> str:
    """Toy sets share their options (noise, samples, ...), as in TF Playground; others, your own
    points included, keep their own."""
    return "toy" if info.kind == "toy" and info.name not in POINTS_SETS else info.name


def _canonical_name(name: str) -> str:
    return str(name).strip().lower().replace("_", "-")


class DataPanel(QWidget):
    """Dataset choice, options, samples and augmentation; `data_config()` is its part of a RunConfig."""

    dataset_changed = Signal(object)  # Dataset, after a load finished
    # (input shape, task, outputs) of the chosen dataset as soon as it is chosen, before it has
    # loaded (in the background, or once torch has loaded), when the registry knows them
    shape_known = Signal(tuple, str, int)
    config_changed = Signal()  # any edit by the user
    # (previous DatasetInfo or None, chosen DatasetInfo): the user picked another dataset in the combo
    dataset_chosen = Signal(object, object)
    load_failed = Signal(str)  # message for the user

    def __init__(self, data_dir: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._data_dir = data_dir
        self._infos: dict[str, DatasetInfo] = {}
        self._options: dict[str, dict[str, Any]] = {}  # by _option_key: what data_config() reports
        self._filling = False  # True while widgets are set from code: no edit signals
        self._dataset: Dataset | None = None
        self._loaded: tuple[str, dict[str, Any]] | None = None  # name and options of _dataset
        self._generation = 0  # bumped by every load; results of older loads are ignored
        self._cancel: threading.Event | None = None  # set while a background load runs
        self._load_job: Job | None = None  # that load; a load abandoned runs on, unheard
        self._pending: tuple[str, dict[str, Any]] = ("", {})  # name and options being loaded
        self._waiting_for_torch = False  # the pending load starts once torch has loaded

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_dataset_group())
        self.toy_group = ToyOptionsGroup()
        self.toy_group.edited.connect(self._on_toy_option_changed)
        layout.addWidget(self.toy_group)
        self.points_group = PointsGroup()  # your own points; the controller gives it the undo history
        self.points_group.edited.connect(self._on_points_edited)
        layout.addWidget(self.points_group)
        self.features_group = InputFeaturesGroup()  # the model's (the builder keeps them): wired by the controller
        layout.addWidget(self.features_group)
        self.folder_group = FolderOptionsGroup()
        self.folder_group.edited.connect(self._on_folder_option_changed)
        self.folder_group.choose_requested.connect(self._on_folder_button_clicked)
        layout.addWidget(self.folder_group)
        self.table_group = TableGroup()  # tables: "Table (CSV)…", the report, the tabular offer
        self.table_group.chosen.connect(self._on_table_chosen)
        self.table_group.dismissed.connect(self._on_table_dismissed)
        layout.addWidget(self.table_group)
        layout.addLayout(self._build_status_area())
        self.samples_group = SamplesGroup()
        layout.addWidget(self.samples_group)
        self.augment_group = AugmentGroup()
        self.augment_group.changed.connect(self._on_augment_group_changed)
        layout.addWidget(self.augment_group)
        layout.addStretch(1)
        fill_with_scroll_area(self, content)

        align_form_labels(content.findChildren(QFormLayout))
        self._refresh_dataset_list()
        self.set_data_config(DataConfig())
        when_torch_ready(self._on_torch_ready)

    # ------------------------------------------------------------- building

    def _build_dataset_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Dataset"))
        form = self._dataset_form = QFormLayout(group)
        # Long dataset titles must not set the panel's minimum width (set before Qt caches it).
        self.dataset_combo = QComboBox(
            objectName="dataset_combo",
            sizeAdjustPolicy=QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon,
            minimumContentsLength=12,
        )
        self.dataset_combo.setToolTip(
            self.tr("The data to learn from: start with the 2-D toy sets, move on to images when they are easy.")
        )
        self.dataset_combo.currentIndexChanged.connect(self._on_dataset_combo_changed)
        form.addRow(self.tr("Dataset"), self.dataset_combo)

        self.description_label = QLabel(objectName="description_label", wordWrap=True)
        form.addRow(self.description_label)

        self.val_split_spin = QDoubleSpinBox(
            objectName="val_split_spin", minimum=0.0, maximum=50.0, decimals=1, singleStep=5.0, keyboardTracking=False
        )
        self.val_split_spin.setSuffix(self.tr(" %"))
        self.val_split_spin.setToolTip(
            self.tr(
                "Share of the training samples held out to check for overfitting after each epoch; "
                "0 trains on all of them."
            )
        )
        self.val_split_spin.valueChanged.connect(self._on_val_split_spin_changed)
        form.addRow(self.tr("Validation split"), self.val_split_spin)
        return group

    def _build_status_area(self) -> QVBoxLayout:
        area = QVBoxLayout()
        self.status_label = QLabel(objectName="status_label", wordWrap=True)
        self.status_label.hide()
        area.addWidget(self.status_label)

        self.progress_bar = QProgressBar(objectName="progress_bar")
        self.cancel_button = QPushButton(self.tr("Cancel"), objectName="cancel_button")
        self.cancel_button.setToolTip(self.tr("Stop loading and keep the dataset that was loaded before."))
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self.progress_row = QWidget()
        row = QHBoxLayout(self.progress_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.progress_bar, 1)
        row.addWidget(self.cancel_button)
        self.progress_row.hide()
        area.addWidget(self.progress_row)

        self.error_label = QLabel(objectName="error_label", wordWrap=True)
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("Try again"), objectName="retry_button")
        self.retry_button.setToolTip(self.tr("Load the chosen dataset again, e.g. after fixing the problem above."))
        self.retry_button.clicked.connect(self._on_retry_button_clicked)
        self.error_box = QWidget()
        error_layout = QVBoxLayout(self.error_box)
        error_layout.setContentsMargins(0, 0, 0, 0)
        error_layout.addWidget(self.error_label)
        error_layout.addWidget(self.retry_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.error_box.hide()
        area.addWidget(self.error_box)
        return area

    # ------------------------------------------------------------- public API

    def data_config(self) -> DataConfig:
        info = self._current_info()
        augment = self.augment_group.config() if info.kind == "image" else AugmentConfig()
        return DataConfig(
            name=info.name,
            options=dict(self._options.get(_option_key(info), {})),
            val_split=round(self.val_split_spin.value() / 100, 6),
            augment=augment,
        )

    def set_data_config(self, cfg: DataConfig) -> None:
        """Show `cfg` and load its dataset (at once for toy sets, in the background otherwise).

        Raises ConfigError for an unknown dataset or invalid split or augmentation settings;
        a dataset that fails to load is reported through `load_failed`.
        """
        cfg.validate()
        name = _canonical_name(cfg.name)
        info = self._infos.get(name)
        if info is None:
            raise ConfigError(f"Unknown dataset '{cfg.name}'. Available: {', '.join(self._infos)}.")
        self._options[_option_key(info)] = dict(cfg.options)
        with self._filling_widgets():
            self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(name))
            self.val_split_spin.setValue(cfg.val_split * 100)
            self.augment_group.set_config(cfg.augment)
        self._show_dataset_choice(info)
        self._start_load(info)

    def dataset(self) -> Dataset | None:
        """The loaded dataset; None while a load runs or after one failed."""
        return None if self.is_loading() else self._dataset

    def load_problem(self) -> str:
        """Why the chosen dataset did not load, as shown ("" when no load failed)."""
        return self.error_label.text() if self.error_box.isVisibleTo(self) or self.points_group.problem() else ""

    def is_loading(self) -> bool:
        return self._cancel is not None

    def cancel_load(self) -> None:
        """Stop a running load and go back to the dataset loaded before (nothing if none runs)."""
        if self._cancel is None:
            return
        self._abandon_load()
        info = self._revert_to_loaded()
        if info is not None:
            self._show_status(self.tr("Loading cancelled; still using {0}.").format(_title(info)))
        else:
            self._show_status(self.tr("Loading cancelled."))

    # ------------------------------------------------------------- dataset list and options

    def _refresh_dataset_list(self) -> None:
        """(Re)fill the dataset combo: toy sets, then image sets, each under a heading."""
        current = self.dataset_combo.currentData()
        self._infos = {info.name: info for info in list_datasets(self._data_dir)}
        with self._filling_widgets():
            self.dataset_combo.clear()
            model = self.dataset_combo.model()
            for kind, heading in (("toy", self.tr("Toy 2-D sets")), ("image", self.tr("Image sets")), ("table", self.tr("Tables"))):
                self.dataset_combo.addItem(heading)
                item = model.item(self.dataset_combo.count() - 1) if isinstance(model, QStandardItemModel) else None
                if item is not None:
                    item.setEnabled(False)
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                for info in self._infos.values():
                    if info.kind != kind:
                        continue
                    if info.available:
                        text = _title(info)
                    elif info.name in DOWNLOADABLE:
                        text = self.tr("{0} (download)").format(_title(info))
                    else:
                        text = self.tr("{0} (not installed)").format(_title(info))
                    self.dataset_combo.addItem(text, info.name)
                    self.dataset_combo.setItemData(
                        self.dataset_combo.count() - 1, f"{_description(info)}\n{dataset_where(info.where)}", Qt.ItemDataRole.ToolTipRole
                    )
            if current is not None:
                self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(current))

    def retranslate(self) -> None:
        """After a language switch: the datasets' names and descriptions, the summary of the
        one shown, and a load's status or error, in the installed language."""
        self._refresh_dataset_list()
        if self.dataset_combo.currentData() is not None:
            info = self._current_info()
            self.description_label.setText(_description(info))
            self.description_label.setToolTip(dataset_where(info.where))
        self.samples_group.retranslate(captions=True)
        self.points_group.retranslate()
        self.table_group.retranslate()
        if self.is_loading() and self._pending is not None and self._pending[0] in self._infos:
            self._show_status(self.tr("Loading {0}…").format(_title(self._infos[self._pending[0]])))
        elif not self.status_label.isVisibleTo(self):
            self.status_label.clear()  # an earlier status, hidden: not left in the old language
        if self.load_problem() and getattr(self, "_load_error", None):
            self.error_label.setText(self._failure_text(self._load_error))
            self.points_group.show_problem(self.error_label.text() if self.points_group.problem() else "")

    def _current_info(self) -> DatasetInfo:
        return self._infos[self.dataset_combo.currentData()]

    def dataset_info(self) -> DatasetInfo:
        """What the registry says about the chosen dataset (kind, task, shape), loaded or not."""
        return self._current_info()

    def info_of(self, name: str) -> DatasetInfo | None:
        """What the registry says about the dataset `name` (None if there is none of that name)."""
        return self._infos.get(name)

    def _show_dataset_choice(self, info: DatasetInfo) -> None:
        """Show the description and the option widgets of `info` with its current options."""
        self.description_label.setText(_description(info))
        self.description_label.setToolTip(dataset_where(info.where))
        options = self._options.setdefault(_option_key(info), {})
        self.toy_group.setVisible(info.kind == "toy" and info.name not in POINTS_SETS)
        self.points_group.setVisible(info.name in POINTS_SETS)
        self.features_group.setVisible(info.kind == "toy")  # 2-D points
        self.folder_group.setVisible(info.name == "folder")
        self.table_group.setVisible(info.kind == "table")
        self._dataset_form.setRowVisible(self.val_split_spin, info.kind != "table")  # a table has its own split
        self.augment_group.setEnabled(info.kind == "image")
        if info.input_shape is not None:  # your own images: known once loaded (augment_group.set_dataset)
            self.augment_group.set_colour(len(info.input_shape) == 3 and info.input_shape[0] == 3)
        if info.name in POINTS_SETS:
            self.points_group.show_points(info.name, options.get("points", []))
        elif info.kind == "toy":
            self.toy_group.show_options(options)
        elif info.name == "folder":
            self.folder_group.show_options(options)
        elif info.kind == "table":
            self.table_group.show_options(info.name, options)

    def _filling_widgets(self):
        return filling(self)

    # ------------------------------------------------------------- loading

    def _start_load(self, info: DatasetInfo) -> None:
        """Load the chosen dataset with its current options; abandons a load still running."""
        self._abandon_load()
        self.error_box.hide()
        self.status_label.hide()
        options = dict(self._options.get(_option_key(info), {}))
        self._pending = (info.name, options)
        if info.name in ("folder", "csv") and not options.get("path"):
            self._dataset = None
            self._show_dataset(None)
            self._show_status(self._no_path_text(info.name))
            return
        if info.input_shape is not None:  # the builder checks the stack against it meanwhile
            self.shape_known.emit(info.input_shape, info.task, info.outputs)
        if torch_is_loading():  # _on_torch_ready starts it
            self._cancel = threading.Event()  # loading, as far as anyone asking can tell
            self._waiting_for_torch = True
            self._show_status(self.tr("Loading {0}…").format(_title(info)))
            self._show_dataset(None)
            return
        if info.kind == "toy":
            try:
                dataset = load_dataset(info.name, options, data_dir=self._data_dir)
            except DatasetError as e:
                self._on_load_failed(self._generation, error_text(e))
            else:
                self._on_load_finished(self._generation, dataset)
            return

        self._cancel = threading.Event()
        job = Job(
            "dataset-load",
            cancel=self._cancel.set,
            explain=partial(_explain_load_failure, info.name),
            quiet=(LoadCancelled,),  # the panel went back to the previous dataset when Cancel was pressed
        )
        job.progressed.connect(self._on_load_job_progressed)
        job.finished.connect(self._on_load_job_finished)
        job.failed.connect(self._on_load_job_failed)
        self._load_job = job
        self.progress_bar.setRange(0, 0)  # busy until the loader reports sizes
        self.progress_row.show()
        self._show_status(self.tr("Loading {0}…").format(_title(info)))
        self._show_dataset(None)
        job.start(load_dataset, info.name, options, data_dir=self._data_dir, progress=_Progress(job.report), cancel=self._cancel)

    def _abandon_load(self) -> None:
        """Stop listening to the running load, if any, and ask it to stop."""
        self._generation += 1  # whatever it still reports is ignored
        self._waiting_for_torch = False
        if self._load_job is not None:
            self._load_job.progressed.disconnect(self._on_load_job_progressed)
            self._load_job.finished.disconnect(self._on_load_job_finished)
            self._load_job.failed.disconnect(self._on_load_job_failed)
            self._load_job = None
        if self._cancel is not None:
            self._cancel.set()
            self._cancel = None
            self.progress_row.hide()

    def _revert_to_loaded(self) -> DatasetInfo | None:
        """Show the dataset loaded last (still in memory) and its settings again; its info, or
        None when nothing is loaded."""
        if self._loaded is None:
            return None
        name, options = self._loaded
        info = self._infos[name]
        self._options[_option_key(info)] = dict(options)
        with self._filling_widgets():
            self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(name))
        self._show_dataset_choice(info)
        self._show_dataset(self._dataset)
        return info

    # The load job's signals: only the current load's arrive (_abandon_load disconnects others).

    @Slot(str, object)
    def _on_load_job_progressed(self, kind: str, progress: tuple) -> None:
        self._on_worker_progressed(self._generation, *progress)

    @Slot(object)
    def _on_load_job_finished(self, dataset: Dataset) -> None:
        self._load_job = None
        self._on_load_finished(self._generation, dataset)

    @Slot(str, str)
    def _on_load_job_failed(self, message: str, details: str) -> None:
        self._load_job = None
        self._on_load_failed(self._generation, message)

    @Slot(int, object)
    def _on_load_finished(self, generation: int, dataset: Dataset) -> None:
        if generation != self._generation:
            return
        self._cancel = None
        self.progress_row.hide()
        self.status_label.hide()
        name, options = self._pending
        info = self._infos[name]
        self._dataset = dataset
        self._loaded = (name, options)
        self.points_group.show_problem("")
        self.table_group.show_report(dataset.report if info.kind == "table" else None)
        if not info.available:
            self._refresh_dataset_list()  # it has just been downloaded: drop "(download)"
        self._show_dataset(dataset)
        self.dataset_changed.emit(dataset)

    @Slot(int, str)
    def _on_load_failed(self, generation: int, message: str) -> None:
        if generation != self._generation:
            return
        self._cancel = None
        self._dataset = self._loaded = None
        self.progress_row.hide()
        self.status_label.hide()
        self._show_dataset(None)
        self._load_error = message  # as the loader said it: said again after a language switch
        message = self._failure_text(message)
        self.error_label.setText(message)
        points = self._pending[0] in POINTS_SETS  # said under your points, where you click to fix it
        self.points_group.show_problem(message if points else "")
        self.error_box.setVisible(not points)
        self.load_failed.emit(message)

    def _failure_text(self, message: str) -> str:
        """A failed load in the UI's language; a failed download of an image set also points to
        the digit sample that is already on this computer (offline, nothing else will load)."""
        text = load_message_text(message)
        name = self._pending[0] if self._pending else None
        sample = self._infos.get("mnist-5k")
        info = self._infos.get(name)
        # (only for a set of the sample's shape: digits are no stand-in for colour photos)
        if name in DOWNLOADABLE and sample is not None and sample.available and info.input_shape == sample.input_shape:
            text += "\n" + self.tr("Offline? {0} is on this computer and needs no download.").format(_title(sample))
        return text

    @Slot(int, str, float, float)
    def _on_worker_progressed(self, generation: int, message: str, done: float, total: float) -> None:
        if generation != self._generation:
            return
        if total > 0:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(round(1000 * min(done / total, 1.0)))
            self._show_status(
                self.tr("{message} ({done:.1f} of {total:.1f} MB)").format(
                    message=load_message_text(message), done=done / 1e6, total=total / 1e6
                )
            )
        else:
            self.progress_bar.setRange(0, 0)
            self._show_status(load_message_text(message))

    def _show_status(self, text: str) -> None:
        self.status_label.setText(text)
        self.status_label.show()

    # ------------------------------------------------------------- samples and preview

    def _show_dataset(self, dataset: Dataset | None) -> None:
        # your own points: their editor shows them all, the split's training points are not shown again;
        # a table: its first two encoded inputs (a category's 0/1, say) would be no picture of it
        info = self._infos.get(self._pending[0])
        scatter = self._pending[0] not in POINTS_SETS and (info is None or info.kind != "table")
        self.samples_group.show_dataset(dataset, self.is_loading(), scatter=scatter)
        self.augment_group.set_dataset(dataset)

    # ------------------------------------------------------------- slots

    @Slot()
    def _on_dataset_combo_changed(self) -> None:
        if self._filling or self.dataset_combo.currentData() is None:
            return
        info = self._current_info()
        before = self._infos.get(self._pending[0])
        self._show_dataset_choice(info)
        if info.name in ("folder", "csv") and not self._options[_option_key(info)].get("path"):
            # Nothing to load without a folder or file: ask for one, once the combo's popup has closed.
            self._abandon_load()
            self.dataset_chosen.emit(before, info)
            QTimer.singleShot(0, self._on_folder_button_clicked if info.name == "folder" else self.table_group.open_dialog)
            return
        self._start_load(info)
        self.dataset_chosen.emit(before, info)
        self.config_changed.emit()

    @Slot(str, object)
    def _on_toy_option_changed(self, key: str, value: Any) -> None:
        if self._filling:
            return
        self._options.setdefault("toy", {})[key] = value
        self._start_load(self._current_info())
        self.config_changed.emit()

    @Slot(str, list)
    def _on_points_edited(self, name: str, points: list) -> None:
        """An edit of your points (or its undo): they are the dataset, loaded again if shown."""
        self._options.setdefault(name, {})["points"] = points
        if self.dataset_combo.currentData() == name:
            self._start_load(self._infos[name])
        self.config_changed.emit()

    @Slot(str, object)
    def _on_folder_option_changed(self, key: str, value: Any) -> None:
        if self._filling:
            return
        self._options.setdefault("folder", {})[key] = value
        self._start_load(self._current_info())
        self.config_changed.emit()

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        start = self._options.get("folder", {}).get("path") or ""
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder with one subfolder per class"), start)
        if path:
            self.folder_group.set_path(path)
            self._on_folder_option_changed("path", path)
        elif not self._options.get("folder", {}).get("path") and self._revert_to_loaded() is None:
            # "Your own images" chosen but no folder, and nothing loaded to go back to.
            self._show_status(self._no_path_text("folder"))

    def _no_path_text(self, name: str) -> str:
        if name == "folder":
            return self.tr("Choose a folder with one subfolder of images per class.")
        return self.tr("Open a table file (CSV) with the Table (CSV)… button.")

    @Slot(dict)
    def _on_table_chosen(self, options: dict) -> None:
        """The table dialog was accepted: its choices are the table's options, loaded now."""
        info = self._current_info()
        self._options[_option_key(info)] = dict(options)
        self.table_group.show_options(info.name, options)
        self._start_load(info)
        self.config_changed.emit()

    @Slot()
    def _on_table_dismissed(self) -> None:
        if self._current_info().name == "csv" and not self._options.get("csv", {}).get("path"):
            if self._revert_to_loaded() is None:  # "Your own table" but no file, nothing to go back to
                self._show_status(self._no_path_text("csv"))

    @Slot()
    def _on_cancel_button_clicked(self) -> None:
        self.cancel_load()

    @Slot()
    def _on_retry_button_clicked(self) -> None:
        self._start_load(self._current_info())

    @Slot()
    def _on_val_split_spin_changed(self) -> None:
        if not self._filling:
            self.config_changed.emit()

    @Slot()
    def _on_augment_group_changed(self) -> None:
        if not self._filling:
            self.config_changed.emit()

    @Slot()
    def _on_torch_ready(self) -> None:
        if self._waiting_for_torch:
            self._start_load(self._infos[self._pending[0]])
