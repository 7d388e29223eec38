"""The option groups of the Data tab: noise, points, training share and seed of the 2-D toy
sets, and the folder, image size, colour and test share of the user's own images. Each shows
a dataset's options and says which one the user edited; the Data tab keeps the options."""

from __future__ import annotations

from typing import Any, Mapping

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from playground.core.data.folder import FOLDER_DEFAULTS
from playground.core.data.toy import TOY_DEFAULTS
from playground.gui.widgets import filling

__all__ = ["FolderOptionsGroup", "ToyOptionsGroup"]


def _show_number(box: QSpinBox | QDoubleSpinBox, value: Any) -> None:
    """Show an option's value if the box can hold it. A malformed value (say "noise": "high" in a
    hand-edited file) stays in the options, and the loader reports it through load_failed."""
    whole = isinstance(box, QSpinBox)
    if isinstance(value, int if whole else (int, float)) and not isinstance(value, bool):
        box.setValue(value)


class _OptionsGroup(QGroupBox):
    edited = Signal(str, object)  # option key, new value: an edit by the user

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self._filling = False  # True while show_options fills the widgets: no `edited`

    def _filling_widgets(self):
        return filling(self)

    def _edited(self, key: str, value: Any) -> None:
        if not self._filling:
            self.edited.emit(key, value)


class ToyOptionsGroup(_OptionsGroup):
    """The options the toy 2-D sets share, as in TF Playground."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Toy data options"), parent)
        form = QFormLayout(self)

        self.noise_spin = QDoubleSpinBox(
            objectName="noise_spin", minimum=0.0, maximum=1.0, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.noise_spin.setToolTip(
            self.tr(
                "How much the points are jittered across the class borders; raise it to practise against overfitting."
            )
        )
        self.noise_spin.valueChanged.connect(lambda value: self._edited("noise", value))
        form.addRow(self.tr("Noise"), self.noise_spin)

        self.samples_spin = QSpinBox(
            objectName="samples_spin", minimum=10, maximum=1_000_000, singleStep=100, keyboardTracking=False
        )
        self.samples_spin.setToolTip(self.tr("How many points to generate; few points make overfitting easy to see."))
        self.samples_spin.valueChanged.connect(lambda value: self._edited("n_samples", value))
        form.addRow(self.tr("Samples", "number of points to generate"), self.samples_spin)

        self.train_ratio_spin = QDoubleSpinBox(
            objectName="train_ratio_spin", minimum=0.5, maximum=0.9, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.train_ratio_spin.setToolTip(
            self.tr(
                "Fraction of the points used for training; the rest is the test set the final accuracy is measured on."
            )
        )
        self.train_ratio_spin.valueChanged.connect(lambda value: self._edited("train_ratio", value))
        form.addRow(self.tr("Training share"), self.train_ratio_spin)

        self.seed_spin = QSpinBox(objectName="data_seed_spin", minimum=0, maximum=2**31 - 1, keyboardTracking=False)
        self.seed_spin.setToolTip(self.tr("Which random draw of points to use; the same seed gives the same points."))
        self.seed_spin.valueChanged.connect(lambda value: self._edited("seed", value))
        self.regenerate_button = QPushButton(self.tr("Regenerate"), objectName="regenerate_button")
        self.regenerate_button.setToolTip(
            self.tr("Draw a new set of points (next seed) to check that a model did not just fit one lucky draw.")
        )
        self.regenerate_button.clicked.connect(self._on_regenerate_button_clicked)
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(self.regenerate_button)
        form.addRow(self.tr("Seed"), seed_row)

    def show_options(self, options: Mapping[str, Any]) -> None:
        """Show `options` over the defaults. Emits nothing."""
        values = {**TOY_DEFAULTS, **options}
        with self._filling_widgets():
            _show_number(self.noise_spin, values["noise"])
            _show_number(self.samples_spin, values["n_samples"])
            _show_number(self.train_ratio_spin, values["train_ratio"])
            _show_number(self.seed_spin, values["seed"])

    @Slot()
    def _on_regenerate_button_clicked(self) -> None:
        self.seed_spin.setValue(self.seed_spin.value() + 1)  # the Data tab reloads on `edited`


class FolderOptionsGroup(_OptionsGroup):
    """The options of "Your own images". The folder button asks the Data tab to choose a
    folder (`choose_requested`), since what happens when none is chosen depends on it."""

    choose_requested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Your images"), parent)
        form = QFormLayout(self)

        self.folder_label = QLabel(objectName="folder_label", wordWrap=True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.folder_button = QPushButton(self.tr("Choose folder…"), objectName="folder_button")
        self.folder_button.setToolTip(
            self.tr(
                "Pick a folder with one subfolder per class (e.g. cats/ and dogs/); subfolder names become the classes."
            )
        )
        self.folder_button.clicked.connect(self.choose_requested)
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
        self.image_size_spin.valueChanged.connect(lambda value: self._edited("size", value))
        form.addRow(self.tr("Image size"), self.image_size_spin)

        self.grayscale_check = QCheckBox(self.tr("Grayscale"), objectName="grayscale_check")
        self.grayscale_check.setToolTip(
            self.tr("Read the images as grey levels (one channel); turn off when colour tells the classes apart.")
        )
        self.grayscale_check.toggled.connect(lambda value: self._edited("grayscale", value))
        form.addRow("", self.grayscale_check)

        self.test_split_spin = QDoubleSpinBox(
            objectName="test_split_spin", minimum=0.05, maximum=0.5, decimals=2, singleStep=0.05, keyboardTracking=False
        )
        self.test_split_spin.setToolTip(
            self.tr("Fraction of each class kept aside as the test set that measures the final accuracy.")
        )
        self.test_split_spin.valueChanged.connect(lambda value: self._edited("test_split", value))
        form.addRow(self.tr("Test share"), self.test_split_spin)

    def show_options(self, options: Mapping[str, Any]) -> None:
        """Show `options` over the defaults. Emits nothing."""
        values = {**FOLDER_DEFAULTS, **options}
        with self._filling_widgets():
            self.set_path(values["path"])
            _show_number(self.image_size_spin, values["size"])
            self.grayscale_check.setChecked(values["grayscale"] is True)
            _show_number(self.test_split_spin, values["test_split"])

    def set_path(self, path: str | None) -> None:
        self.folder_label.setText(str(path or self.tr("(none chosen)")))
