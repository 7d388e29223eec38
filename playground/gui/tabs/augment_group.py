"""The Data tab's augmentation group: the random changes training applies to image batches,
and a preview of a few training images before and after one such change, made by the real
`Augmenter` as the trainer will (torch is imported once there is a dataset to preview)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QCheckBox, QDoubleSpinBox, QFormLayout, QGroupBox, QPushButton, QSpinBox, QWidget

from playground.core.config.spec import AugmentConfig
from playground.gui.tabs.sample_views import SampleGrid
from playground.gui.widgets import filling

if TYPE_CHECKING:
    from playground.core.data.dataset import Dataset

__all__ = ["AugmentGroup"]

_PREVIEW_COUNT = 8


class AugmentGroup(QGroupBox):
    """`config()` is the AugmentConfig shown; `changed` says the user edited it."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Augmentation (image sets)"), parent)
        self._filling = False  # True while set_config fills the widgets: no `changed`
        self._dataset: Dataset | None = None
        self._preview_seed = 0
        self.setToolTip(
            self.tr("Random changes to each training batch so the network sees new variants and overfits less.")
        )
        form = QFormLayout(self)

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
        self.shear_spin = spin(
            "shear", 60.0, 5.0, 1, self.tr("°"),
            self.tr("Slant each image by up to this many degrees either way, as handwriting leans; 10–15 suits digits."),
        )  # fmt: skip
        form.addRow(self.tr("Slant"), self.shear_spin)
        self.stroke_spin = spin(
            "stroke", 3.0, 0.25, 2, self.tr(" px"),
            self.tr(
                "Make strokes up to this many pixels thicker on each side, or up to one thinner, as pens and "
                "brushes differ; about 1 suits digits."
            ),
        )  # fmt: skip
        form.addRow(self.tr("Stroke width"), self.stroke_spin)
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
        # Colour jitter: shown for colour images only (grey ones have no colour to change).
        self.saturation_spin = spin(
            "saturation", 1.0, 0.05, 2, "",
            self.tr("Make colours up to this fraction more vivid or more faded (1: from grey to twice as vivid); colour images only."),
        )  # fmt: skip
        form.addRow(self.tr("Saturation"), self.saturation_spin)
        self.hue_spin = spin(
            "hue", 0.5, 0.01, 2, "",
            self.tr("Turn the colours by up to this fraction of the colour wheel either way (0.05: slight tints); colour images only."),
        )  # fmt: skip
        form.addRow(self.tr("Hue"), self.hue_spin)
        self._colour_rows = (self.saturation_spin, self.hue_spin)
        self._colour = False
        for widget in self._colour_rows:
            form.setRowVisible(widget, False)

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
        self._form = form

    # ------------------------------------------------------------- public API

    def config(self) -> AugmentConfig:
        return AugmentConfig(
            rotation=self.rotation_spin.value(),
            shift=self.shift_spin.value(),
            scale=self.scale_spin.value(),
            hflip=self.hflip_check.isChecked(),
            crop=self.crop_spin.value(),
            brightness=self.brightness_spin.value(),
            contrast=self.contrast_spin.value(),
            noise=self.noise_aug_spin.value(),
            shear=self.shear_spin.value(),
            stroke=self.stroke_spin.value(),
            # hidden for grey images, where they would change nothing: not part of their settings
            saturation=self.saturation_spin.value() if self._colour else 0.0,
            hue=self.hue_spin.value() if self._colour else 0.0,
        )

    def set_config(self, cfg: AugmentConfig) -> None:
        """Show `cfg`. Emits nothing and leaves the preview as it is: loading is not an edit."""
        with self._filling_widgets():
            self.rotation_spin.setValue(cfg.rotation)
            self.shift_spin.setValue(cfg.shift)
            self.scale_spin.setValue(cfg.scale)
            self.hflip_check.setChecked(cfg.hflip)
            self.crop_spin.setValue(cfg.crop)
            self.brightness_spin.setValue(cfg.brightness)
            self.contrast_spin.setValue(cfg.contrast)
            self.noise_aug_spin.setValue(cfg.noise)
            self.shear_spin.setValue(cfg.shear)
            self.stroke_spin.setValue(cfg.stroke)
            self.saturation_spin.setValue(cfg.saturation)
            self.hue_spin.setValue(cfg.hue)

    def set_colour(self, colour: bool) -> None:
        """Show the colour jitter (saturation, hue) for a dataset of colour images, hide it for grey ones."""
        self._colour = colour
        for widget in self._colour_rows:
            self._form.setRowVisible(widget, colour)

    def is_colour(self) -> bool:
        return self._colour

    def set_dataset(self, dataset: Dataset | None) -> None:
        """Preview augmentations of `dataset`'s training images (none for 2-D sets or None);
        the colour jitter shows when its images have three channels."""
        self._dataset = dataset
        if dataset is not None:
            self.set_colour(dataset.is_image and dataset.input_shape[0] == 3)
        self._refresh_preview()

    # ------------------------------------------------------------- helpers

    def _filling_widgets(self):
        return filling(self)

    def _refresh_preview(self) -> None:
        """Pass a few training images through the real Augmenter, as the trainer will."""
        dataset = self._dataset
        shown = dataset is not None and dataset.is_image
        for widget in (self.preview_original, self.preview_augmented, self.shuffle_button):
            self._form.setRowVisible(widget, shown)
        if not shown:
            self.preview_original.clear()
            self.preview_augmented.clear()
            return
        import torch

        from playground.core.data.augment import Augmenter

        generator = torch.Generator().manual_seed(self._preview_seed)
        count = min(_PREVIEW_COUNT, len(dataset.x_train))
        originals = dataset.x_train[torch.randperm(len(dataset.x_train), generator=generator)[:count]]
        augmented = Augmenter(self.config(), generator=generator)(originals)
        self.preview_original.set_images(originals)
        self.preview_augmented.set_images(augmented)

    # ------------------------------------------------------------- slots

    @Slot()
    def _on_augment_changed(self) -> None:
        if self._filling:
            return
        self._refresh_preview()
        self.changed.emit()

    @Slot()
    def _on_shuffle_button_clicked(self) -> None:
        self._preview_seed += 1
        self._refresh_preview()
