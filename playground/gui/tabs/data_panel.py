"""The Data tab: choose a dataset, set its options, see samples, set up augmentation.

Toy 2-D sets are generated in milliseconds on the GUI thread. Image sets are read (and, when
missing, downloaded) as a background job (gui/jobs.py) that reports progress and stops when
its cancel flag is set; the panel never waits for it.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from functools import partial
from typing import Any, Iterator

import numpy as np
import pyqtgraph as pg
import torch
from PySide6.QtCore import (
    QCoreApplication,
    QRect,
    QSize,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QStandardItemModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from playground.gui.i18n.core_text import dataset_description, dataset_title, dataset_where, load_message_text
from playground.gui.jobs import Job
from playground.core.data.augment import Augmenter
from playground.core.data import (
    Dataset,
    DatasetError,
    DatasetInfo,
    LoadCancelled,
    list_datasets,
    load_dataset,
)
from playground.core.data.folder import FOLDER_DEFAULTS
from playground.core.data.images import IDX_SOURCES
from playground.core.data.toy import TOY_DEFAULTS
from playground.core.config.spec import AugmentConfig, ConfigError, DataConfig
from playground.gui.widgets import fill_with_scroll_area

__all__ = ["DataPanel", "SampleGrid"]

log = logging.getLogger(__name__)

_PROGRESS_INTERVAL = 0.05  # s: at most ~20 progress updates a second cross to the GUI thread
_GRID_COLUMNS, _GRID_ROWS = 8, 4
_PREVIEW_COUNT = 8
_SCATTER_MAX_POINTS = 2000
# TensorFlow Playground's colours: orange for class 0 / negative, blue for class 1 / positive.
_ORANGE, _BLUE, _NEUTRAL = QColor("#f59322"), QColor("#0877bd"), QColor("#e8eaeb")


# --------------------------------------------------------------------------- background loading


class _Progress:
    """The loader's progress callback, on the load's thread: reports at most every
    _PROGRESS_INTERVAL seconds (and the last step) as ("progress", (message, done, total)),
    total -1 when unknown."""

    def __init__(self, report):
        self._report = report
        self._last_report = 0.0

    def __call__(self, message: str, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last_report < _PROGRESS_INTERVAL and (total is None or done < total):
            return
        self._last_report = now
        self._report("progress", (message, float(done), float(total if total else -1)))


def _explain_load_failure(name: str, error: BaseException) -> str:
    """A failed load in the user's words (on the load's thread)."""
    if isinstance(error, DatasetError):
        return str(error)
    # A bug or an OS failure the loader did not foresee. The context is the one this text was
    # translated in.
    log.exception("Loading dataset %r failed", name)
    return QCoreApplication.translate("_LoadWorker", "Loading failed unexpectedly: {0}").format(
        f"{type(error).__name__}: {error}"
    )


# --------------------------------------------------------------------------- views


def _to_qimage(image: torch.Tensor) -> QImage:
    """A C×H×W float image in [0, 1] (1 or 3 channels) as a QImage that owns its pixels."""
    array = (image.clamp(0, 1) * 255).round().to(torch.uint8).numpy()
    channels, height, width = array.shape
    if channels == 1:
        pixels = np.ascontiguousarray(array[0])
        qimage = QImage(pixels.data, width, height, width, QImage.Format.Format_Grayscale8)
    else:
        pixels = np.ascontiguousarray(array[:3].transpose(1, 2, 0))
        qimage = QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    return qimage.copy()  # the QImage above only borrows `pixels`


class SampleGrid(QWidget):
    """Image thumbnails in a grid, each with an optional caption, scaled to the widget's width."""

    def __init__(self, columns: int, parent: QWidget | None = None, **properties: Any):
        super().__init__(parent, **properties)
        self._columns = columns
        self._images = torch.empty(0)
        self._qimages: list[QImage] = []
        self._captions: list[str] = []
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def set_images(self, images: torch.Tensor, captions: list[str] | None = None) -> None:
        """Show `images` (N×C×H×W in [0, 1]); `captions` go under them."""
        self._images = images.detach().cpu()
        self._qimages = [_to_qimage(image) for image in self._images]
        self._captions = list(captions) if captions else []
        self.updateGeometry()
        self.update()

    def clear(self) -> None:
        self.set_images(torch.empty(0))

    def images(self) -> torch.Tensor:
        """The images shown, as given."""
        return self._images

    def _rows(self) -> int:
        return -(-len(self._qimages) // self._columns)

    def _caption_height(self) -> int:
        return self.fontMetrics().height() + 2 if self._captions else 0

    def _cell(self, width: int) -> int:
        return max(8, width // self._columns)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._rows() * (self._cell(width) + self._caption_height())

    def sizeHint(self) -> QSize:
        width = self._columns * 56
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        width = self._columns * 24
        return QSize(width, self.heightForWidth(width))

    def paintEvent(self, event) -> None:
        cell = self._cell(self.width())
        caption_height = self._caption_height()
        margin = max(1, cell // 16)
        painter = QPainter(self)
        painter.setPen(self.palette().text().color())
        for i, qimage in enumerate(self._qimages):
            row, column = divmod(i, self._columns)
            x, y = column * cell, row * (cell + caption_height)
            # Nearest-neighbour scaling keeps the pixels of 28×28 images visible as they are.
            painter.drawImage(QRect(x + margin, y + margin, cell - 2 * margin, cell - 2 * margin), qimage)
            if i < len(self._captions):
                text = self.fontMetrics().elidedText(self._captions[i], Qt.TextElideMode.ElideRight, cell)
                painter.drawText(
                    QRect(x, y + cell, cell, caption_height),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    text,
                )
        painter.end()


class _ToyScatter(pg.PlotWidget):
    """The training points of a 2-D set, coloured by class or by regression target."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setAspectLocked(True)
        for side in ("left", "bottom"):
            self.getPlotItem().getAxis(side).setPen(pg.mkPen("#888"))
            self.getPlotItem().getAxis(side).setTextPen(pg.mkPen("#555"))
        self._points = pg.ScatterPlotItem(size=5, pen=pg.mkPen("#ffffff", width=0.5))
        self.addItem(self._points)
        self._colormap = pg.ColorMap([0.0, 0.5, 1.0], [_ORANGE, _NEUTRAL, _BLUE])
        self.setFixedHeight(280)
        self.setMaximumWidth(360)

    def set_dataset(self, dataset: Dataset) -> None:
        x = dataset.x_train[:_SCATTER_MAX_POINTS].numpy()
        y = dataset.y_train[:_SCATTER_MAX_POINTS].numpy()
        if dataset.task == "classification":
            blue, orange = pg.mkBrush(_BLUE), pg.mkBrush(_ORANGE)
            brush = [blue if label == 1 else orange for label in y]
        else:
            # Targets span about [-1, 1]: -1 orange, 0 grey, +1 blue, as in TF Playground.
            colors = self._colormap.map(np.clip((y[:, 0] + 1) / 2, 0, 1), mode="qcolor")
            brush = [pg.mkBrush(c) for c in colors]
        self._points.setData(x=x[:, 0], y=x[:, 1], brush=brush)
        self.getPlotItem().autoRange()


# --------------------------------------------------------------------------- the panel


def _align_form_labels(forms: list[QFormLayout]) -> None:
    """Give the label columns of all `forms` one width, so the inputs of all groups line up."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None
    ]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


def _show_number(box: QSpinBox | QDoubleSpinBox, value: Any) -> None:
    """Show an option's value if the box can hold it. A malformed value (say "noise": "high" in a
    hand-edited file) stays in the options, and the loader reports it through load_failed."""
    whole = isinstance(box, QSpinBox)
    if isinstance(value, int if whole else (int, float)) and not isinstance(value, bool):
        box.setValue(value)


def _title(info: DatasetInfo) -> str:
    return dataset_title(info.name, info.title)


def _description(info: DatasetInfo) -> str:
    return dataset_description(info.name, info.description)


def _option_key(info: DatasetInfo) -> str:
    """Toy sets share their options (noise, samples, ...), as in TF Playground; others keep their own."""
    return "toy" if info.kind == "toy" else info.name


def _canonical_name(name: str) -> str:
    return str(name).strip().lower().replace("_", "-")


class DataPanel(QWidget):
    """Dataset choice, options, samples and augmentation; `data_config()` is its part of a RunConfig."""

    dataset_changed = Signal(object)  # Dataset, after a load finished
    config_changed = Signal()  # any edit by the user
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
        self._preview_seed = 0

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self._build_dataset_group())
        layout.addWidget(self._build_toy_group())
        layout.addWidget(self._build_folder_group())
        layout.addLayout(self._build_status_area())
        layout.addWidget(self._build_samples_group())
        layout.addWidget(self._build_augment_group())
        layout.addStretch(1)
        fill_with_scroll_area(self, content)

        _align_form_labels(content.findChildren(QFormLayout))
        self._refresh_dataset_list()
        self.set_data_config(DataConfig())

    # ------------------------------------------------------------- building

    def _build_dataset_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Dataset"))
        form = QFormLayout(group)
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

    def _build_toy_group(self) -> QGroupBox:
        self.toy_group = QGroupBox(self.tr("Toy data options"))
        form = QFormLayout(self.toy_group)

        self.noise_spin = QDoubleSpinBox(
            objectName="noise_spin", minimum=0.0, maximum=1.0, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.noise_spin.setToolTip(
            self.tr(
                "How much the points are jittered across the class borders; raise it to practise against overfitting."
            )
        )
        self.noise_spin.valueChanged.connect(lambda value: self._on_toy_option_changed("noise", value))
        form.addRow(self.tr("Noise"), self.noise_spin)

        self.samples_spin = QSpinBox(
            objectName="samples_spin", minimum=10, maximum=1_000_000, singleStep=100, keyboardTracking=False
        )
        self.samples_spin.setToolTip(self.tr("How many points to generate; few points make overfitting easy to see."))
        self.samples_spin.valueChanged.connect(lambda value: self._on_toy_option_changed("n_samples", value))
        form.addRow(self.tr("Samples", "number of points to generate"), self.samples_spin)

        self.train_ratio_spin = QDoubleSpinBox(
            objectName="train_ratio_spin", minimum=0.5, maximum=0.9, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.train_ratio_spin.setToolTip(
            self.tr(
                "Fraction of the points used for training; the rest is the test set the final accuracy is measured on."
            )
        )
        self.train_ratio_spin.valueChanged.connect(lambda value: self._on_toy_option_changed("train_ratio", value))
        form.addRow(self.tr("Training share"), self.train_ratio_spin)

        self.seed_spin = QSpinBox(objectName="data_seed_spin", minimum=0, maximum=2**31 - 1, keyboardTracking=False)
        self.seed_spin.setToolTip(self.tr("Which random draw of points to use; the same seed gives the same points."))
        self.seed_spin.valueChanged.connect(lambda value: self._on_toy_option_changed("seed", value))
        self.regenerate_button = QPushButton(self.tr("Regenerate"), objectName="regenerate_button")
        self.regenerate_button.setToolTip(
            self.tr("Draw a new set of points (next seed) to check that a model did not just fit one lucky draw.")
        )
        self.regenerate_button.clicked.connect(self._on_regenerate_button_clicked)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(self.regenerate_button)
        form.addRow(self.tr("Seed"), seed_row)
        return self.toy_group

    def _build_folder_group(self) -> QGroupBox:
        self.folder_group = QGroupBox(self.tr("Your images"))
        form = QFormLayout(self.folder_group)

        self.folder_label = QLabel(objectName="folder_label", wordWrap=True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(self.tr("Choose folder…"), objectName="folder_button")
        self.folder_button.setToolTip(
            self.tr(
                "Pick a folder with one subfolder per class (e.g. cats/ and dogs/); subfolder names become the classes."
            )
        )
        self.folder_button.clicked.connect(self._on_folder_button_clicked)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_label, 1)
        folder_row.addWidget(self.folder_button)
        form.addRow(self.tr("Folder"), folder_row)

        self.image_size_spin = QSpinBox(
            objectName="image_size_spin", minimum=4, maximum=512, singleStep=4, keyboardTracking=False
        )
        self.image_size_spin.setSuffix(self.tr(" px"))
        self.image_size_spin.setToolTip(
            self.tr("Every image is resized to this square size; small sizes train much faster.")
        )
        self.image_size_spin.valueChanged.connect(lambda value: self._on_folder_option_changed("size", value))
        form.addRow(self.tr("Image size"), self.image_size_spin)

        self.grayscale_check = QCheckBox(self.tr("Grayscale"), objectName="grayscale_check")
        self.grayscale_check.setToolTip(
            self.tr("Read the images as grey levels (one channel); turn off when colour tells the classes apart.")
        )
        self.grayscale_check.toggled.connect(lambda value: self._on_folder_option_changed("grayscale", value))
        form.addRow("", self.grayscale_check)

        self.test_split_spin = QDoubleSpinBox(
            objectName="test_split_spin", minimum=0.05, maximum=0.5, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.test_split_spin.setToolTip(
            self.tr("Fraction of each class kept aside as the test set that measures the final accuracy.")
        )
        self.test_split_spin.valueChanged.connect(lambda value: self._on_folder_option_changed("test_split", value))
        form.addRow(self.tr("Test share"), self.test_split_spin)
        return self.folder_group

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

    def _build_samples_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Samples", "group of example images"))
        layout = QVBoxLayout(group)
        self.summary_label = QLabel(objectName="summary_label", wordWrap=True)
        layout.addWidget(self.summary_label)
        self.sample_grid = SampleGrid(_GRID_COLUMNS, objectName="sample_grid")
        self.sample_grid.setToolTip(self.tr("A few training images with their labels."))
        layout.addWidget(self.sample_grid)
        self.scatter = _ToyScatter()
        self.scatter.setToolTip(
            self.tr("The training points, coloured by class (orange 0, blue 1) or by target value.")
        )
        layout.addWidget(self.scatter, 0, Qt.AlignmentFlag.AlignHCenter)
        return group

    def _build_augment_group(self) -> QGroupBox:
        self.augment_group = QGroupBox(self.tr("Augmentation (image sets)"))
        self.augment_group.setToolTip(
            self.tr("Random changes to each training batch so the network sees new variants and overfits less.")
        )
        form = QFormLayout(self.augment_group)

        def spin(name: str, maximum: float, step: float, decimals: int, suffix: str, tip: str) -> QDoubleSpinBox:
            box = QDoubleSpinBox(
                objectName=f"augment_{name}_spin",
                minimum=0.0,
                maximum=maximum,
                singleStep=step,
                decimals=decimals,
                keyboardTracking=False,
            )
            box.setSuffix(suffix)
            box.setToolTip(tip)
            box.valueChanged.connect(self._on_augment_changed)
            return box

        self.rotation_spin = spin(
            "rotation", 180.0, 5.0, 1, self.tr("°"),
            self.tr("Rotate each image by up to this many degrees either way; 10–15 suits handwriting."),
        )  # fmt: skip
        form.addRow(self.tr("Rotation"), self.rotation_spin)
        self.shift_spin = spin(
            "shift", 0.5, 0.05, 2, "",
            self.tr("Move each image by up to this fraction of its size; helps when objects are not centred."),
        )  # fmt: skip
        form.addRow(self.tr("Shift"), self.shift_spin)
        self.scale_spin = spin(
            "scale", 0.5, 0.05, 2, "",
            self.tr("Zoom in or out by up to this fraction (0.1: 90–110 %); helps when object sizes vary."),
        )  # fmt: skip
        form.addRow(self.tr("Zoom"), self.scale_spin)
        self.hflip_check = QCheckBox(self.tr("Mirror left–right"), objectName="augment_hflip_check")
        self.hflip_check.setToolTip(
            self.tr("Flip half the images horizontally; right for photos of things, wrong for digits and letters.")
        )
        self.hflip_check.toggled.connect(self._on_augment_changed)
        form.addRow("", self.hflip_check)
        self.crop_spin = QSpinBox(objectName="augment_crop_spin", minimum=0, maximum=16, keyboardTracking=False)
        self.crop_spin.setSuffix(self.tr(" px"))
        self.crop_spin.setToolTip(
            self.tr(
                "Pad by this many pixels and cut back at a random place: the classic small shift for CIFAR-style data."
            )
        )
        self.crop_spin.valueChanged.connect(self._on_augment_changed)
        form.addRow(self.tr("Random crop"), self.crop_spin)
        self.brightness_spin = spin(
            "brightness", 1.0, 0.05, 2, "",
            self.tr("Add up to this much to every pixel (images run from 0 to 1); helps with uneven lighting."),
        )  # fmt: skip
        form.addRow(self.tr("Brightness"), self.brightness_spin)
        self.contrast_spin = spin(
            "contrast", 1.0, 0.05, 2, "",
            self.tr("Stretch or flatten the contrast by up to this fraction; helps with faint or harsh images."),
        )  # fmt: skip
        form.addRow(self.tr("Contrast"), self.contrast_spin)
        self.noise_aug_spin = spin(
            "noise", 1.0, 0.01, 2, "",
            self.tr("Add random noise with this standard deviation; makes the network robust to grainy input."),
        )  # fmt: skip
        form.addRow(self.tr("Pixel noise"), self.noise_aug_spin)

        self.preview_original = SampleGrid(_PREVIEW_COUNT, objectName="preview_original")
        self.preview_original.setToolTip(self.tr("Training images as they are stored."))
        self.preview_augmented = SampleGrid(_PREVIEW_COUNT, objectName="preview_augmented")
        self.preview_augmented.setToolTip(
            self.tr("The same images after one random augmentation, as training sees them.")
        )
        form.addRow(self.tr("Original"), self.preview_original)
        form.addRow(self.tr("Augmented"), self.preview_augmented)
        self.shuffle_button = QPushButton(self.tr("Shuffle"), objectName="shuffle_button")
        self.shuffle_button.setToolTip(self.tr("Show other images with new random augmentations."))
        self.shuffle_button.clicked.connect(self._on_shuffle_button_clicked)
        form.addRow("", self.shuffle_button)
        self._augment_form = form
        return self.augment_group

    # ------------------------------------------------------------- public API

    def data_config(self) -> DataConfig:
        info = self._current_info()
        augment = self._augment_config() if info.kind == "image" else AugmentConfig()
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
            self._show_augment_config(cfg.augment)
        self._show_dataset_choice(info)
        self._start_load(info)

    def dataset(self) -> Dataset | None:
        """The loaded dataset; None while a load runs or after one failed."""
        return None if self.is_loading() else self._dataset

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
            for kind, heading in (("toy", self.tr("Toy 2-D sets")), ("image", self.tr("Image sets"))):
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
                    elif info.name in IDX_SOURCES:
                        text = self.tr("{0} (download)").format(_title(info))
                    else:
                        text = self.tr("{0} (not installed)").format(_title(info))
                    self.dataset_combo.addItem(text, info.name)
                    self.dataset_combo.setItemData(
                        self.dataset_combo.count() - 1, f"{_description(info)}\n{dataset_where(info.where)}", Qt.ItemDataRole.ToolTipRole
                    )
            if current is not None:
                self.dataset_combo.setCurrentIndex(self.dataset_combo.findData(current))

    def _current_info(self) -> DatasetInfo:
        return self._infos[self.dataset_combo.currentData()]

    def _show_dataset_choice(self, info: DatasetInfo) -> None:
        """Show the description and the option widgets of `info` with its current options."""
        self.description_label.setText(_description(info))
        self.description_label.setToolTip(dataset_where(info.where))
        options = self._options.setdefault(_option_key(info), {})
        self.toy_group.setVisible(info.kind == "toy")
        self.folder_group.setVisible(info.name == "folder")
        self.augment_group.setEnabled(info.kind == "image")
        with self._filling_widgets():
            if info.kind == "toy":
                values = {**TOY_DEFAULTS, **options}
                _show_number(self.noise_spin, values["noise"])
                _show_number(self.samples_spin, values["n_samples"])
                _show_number(self.train_ratio_spin, values["train_ratio"])
                _show_number(self.seed_spin, values["seed"])
            elif info.name == "folder":
                values = {**FOLDER_DEFAULTS, **options}
                self.folder_label.setText(str(values["path"] or self.tr("(none chosen)")))
                _show_number(self.image_size_spin, values["size"])
                self.grayscale_check.setChecked(values["grayscale"] is True)
                _show_number(self.test_split_spin, values["test_split"])

    def _augment_config(self) -> AugmentConfig:
        return AugmentConfig(
            rotation=self.rotation_spin.value(),
            shift=self.shift_spin.value(),
            scale=self.scale_spin.value(),
            hflip=self.hflip_check.isChecked(),
            crop=self.crop_spin.value(),
            brightness=self.brightness_spin.value(),
            contrast=self.contrast_spin.value(),
            noise=self.noise_aug_spin.value(),
        )

    def _show_augment_config(self, cfg: AugmentConfig) -> None:
        self.rotation_spin.setValue(cfg.rotation)
        self.shift_spin.setValue(cfg.shift)
        self.scale_spin.setValue(cfg.scale)
        self.hflip_check.setChecked(cfg.hflip)
        self.crop_spin.setValue(cfg.crop)
        self.brightness_spin.setValue(cfg.brightness)
        self.contrast_spin.setValue(cfg.contrast)
        self.noise_aug_spin.setValue(cfg.noise)

    @contextlib.contextmanager
    def _filling_widgets(self) -> Iterator[None]:
        previous, self._filling = self._filling, True
        try:
            yield
        finally:
            self._filling = previous

    # ------------------------------------------------------------- loading

    def _start_load(self, info: DatasetInfo) -> None:
        """Load the chosen dataset with its current options; abandons a load still running."""
        self._abandon_load()
        self.error_box.hide()
        self.status_label.hide()
        options = dict(self._options.get(_option_key(info), {}))
        self._pending = (info.name, options)
        if info.name == "folder" and not options.get("path"):
            self._dataset = None
            self._show_dataset(None)
            self._show_status(self.tr("Choose a folder with one subfolder of images per class."))
            return
        if info.kind == "toy":
            try:
                dataset = load_dataset(info.name, options, data_dir=self._data_dir)
            except DatasetError as e:
                self._on_load_failed(self._generation, str(e))
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
        message = load_message_text(message)
        self.error_label.setText(message)
        self.error_box.show()
        self.load_failed.emit(message)

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
        self.sample_grid.setVisible(dataset is not None and dataset.is_image)
        self.scatter.setVisible(dataset is not None and not dataset.is_image)
        if dataset is None:
            self.summary_label.setText(self.tr("Loading…") if self.is_loading() else self.tr("No dataset loaded."))
            self.sample_grid.clear()
            self._refresh_preview()
            return
        shape = "×".join(str(s) for s in dataset.input_shape)
        if dataset.task == "classification":
            summary = self.tr("{train} training and {test} test samples · input {shape} · {count} classes")
            count = dataset.num_classes
        else:
            count = dataset.output_size
            if count == 1:
                summary = self.tr("{train} training and {test} test samples · input {shape} · one target value")
            else:
                summary = self.tr("{train} training and {test} test samples · input {shape} · {count} target values")
        self.summary_label.setText(
            summary.format(
                train=self.locale().toString(len(dataset.x_train)),
                test=self.locale().toString(len(dataset.x_test)),
                shape=shape,
                count=count,
            )
        )
        if dataset.is_image:
            indices = self._grid_indices(dataset)
            labels = dataset.y_train[indices].tolist()
            self.sample_grid.set_images(dataset.x_train[indices], [dataset.class_names[c] for c in labels])
        else:
            self.scatter.set_dataset(dataset)
        self._refresh_preview()

    @staticmethod
    def _grid_indices(dataset: Dataset) -> torch.Tensor:
        """Up to 4×8 training images, taking the classes in turn so every class shows up."""
        generator = torch.Generator().manual_seed(0)
        labels = dataset.y_train
        per_class = [
            members[torch.randperm(len(members), generator=generator)]
            for c in range(len(dataset.class_names))
            if len(members := torch.nonzero(labels == c).flatten())
        ]
        limit = _GRID_COLUMNS * _GRID_ROWS
        picked: list[int] = []
        for rank in range(max(map(len, per_class), default=0)):
            picked.extend(int(members[rank]) for members in per_class if rank < len(members))
            if len(picked) >= limit:
                break
        return torch.tensor(picked[:limit], dtype=torch.long)

    def _refresh_preview(self) -> None:
        """Pass a few training images through the real Augmenter, as the trainer will."""
        dataset = self._dataset if not self.is_loading() else None
        shown = dataset is not None and dataset.is_image
        for widget in (self.preview_original, self.preview_augmented, self.shuffle_button):
            self._augment_form.setRowVisible(widget, shown)
        if not shown:
            self.preview_original.clear()
            self.preview_augmented.clear()
            return
        generator = torch.Generator().manual_seed(self._preview_seed)
        count = min(_PREVIEW_COUNT, len(dataset.x_train))
        originals = dataset.x_train[torch.randperm(len(dataset.x_train), generator=generator)[:count]]
        augmented = Augmenter(self._augment_config(), generator=generator)(originals)
        self.preview_original.set_images(originals)
        self.preview_augmented.set_images(augmented)

    # ------------------------------------------------------------- slots

    @Slot()
    def _on_dataset_combo_changed(self) -> None:
        if self._filling or self.dataset_combo.currentData() is None:
            return
        info = self._current_info()
        self._show_dataset_choice(info)
        if info.name == "folder" and not self._options[_option_key(info)].get("path"):
            # Nothing to load without a folder: ask for one, once the combo's popup has closed.
            self._abandon_load()
            QTimer.singleShot(0, self._on_folder_button_clicked)
            return
        self._start_load(info)
        self.config_changed.emit()

    def _on_toy_option_changed(self, key: str, value: Any) -> None:
        if self._filling:
            return
        self._options.setdefault("toy", {})[key] = value
        self._start_load(self._current_info())
        self.config_changed.emit()

    def _on_folder_option_changed(self, key: str, value: Any) -> None:
        if self._filling:
            return
        self._options.setdefault("folder", {})[key] = value
        self._start_load(self._current_info())
        self.config_changed.emit()

    @Slot()
    def _on_regenerate_button_clicked(self) -> None:
        self.seed_spin.setValue(self.seed_spin.value() + 1)  # reloads through _on_toy_option_changed

    @Slot()
    def _on_folder_button_clicked(self) -> None:
        start = self._options.get("folder", {}).get("path") or ""
        path = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder with one subfolder per class"), start)
        if path:
            self.folder_label.setText(path)
            self._on_folder_option_changed("path", path)
        elif not self._options.get("folder", {}).get("path") and self._revert_to_loaded() is None:
            # "Your own images" chosen but no folder, and nothing loaded to go back to.
            self._show_status(self.tr("Choose a folder with one subfolder of images per class."))

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
    def _on_augment_changed(self) -> None:
        if self._filling:
            return
        self._refresh_preview()
        self.config_changed.emit()

    @Slot()
    def _on_shuffle_button_clicked(self) -> None:
        self._preview_seed += 1
        self._refresh_preview()
