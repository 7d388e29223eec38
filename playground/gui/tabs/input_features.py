"""The Data tab's input features: one toggle per feature of a 2-D point (x₁, x₂, x₁², x₂², x₁x₂,
sin x₁, sin x₂), as TensorFlow Playground has them.

The features belong to the model (ModelSpec.features: the network computes them from the raw
point), so the layer builder keeps them, in its undo history; this group shows them and asks
for changes. The controller wires the two together.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QGridLayout, QGroupBox, QLabel, QWidget

from playground.core.config.features import FEATURE_NAMES, FEATURES, RAW_FEATURES

__all__ = ["InputFeaturesGroup"]

_COLUMNS = 4


class InputFeaturesGroup(QGroupBox):
    """A check box per input feature. `edited(tuple)` carries the features the user chose, in
    TF Playground's order; `show_features` shows the model's without emitting."""

    edited = Signal(tuple)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Input features"), parent)
        self.setObjectName("input_features")
        self.setToolTip(
            self.tr(
                "What the first layer sees of each point. The network computes these from the point's two "
                "coordinates itself, so a saved or exported model still takes just (x₁, x₂)."
            )
        )
        layout = QGridLayout(self)
        self._note = QLabel(wordWrap=True)
        layout.addWidget(self._note, 0, 0, 1, _COLUMNS)
        self.boxes: dict[str, QCheckBox] = {}
        for i, name in enumerate(FEATURE_NAMES):
            box = QCheckBox(FEATURES[name].label, objectName=f"feature_{name}")
            box.toggled.connect(self._on_toggled)
            layout.addWidget(box, 1 + i // _COLUMNS, i % _COLUMNS)
            self.boxes[name] = box
        self._say_tips()
        self.show_features(())

    def _say_tips(self) -> None:
        tips = {
            "x1": self.tr("x₁: the point's horizontal coordinate, as it is."),
            "x2": self.tr("x₂: the point's vertical coordinate, as it is."),
            "x1_squared": self.tr(
                "x₁²: the horizontal coordinate squared — large on the left and right edges, small in the middle. "
                "With x₂² a single layer can draw a circle."
            ),
            "x2_squared": self.tr(
                "x₂²: the vertical coordinate squared — large at the top and bottom, small in the middle."
            ),
            "x1_times_x2": self.tr(
                "x₁x₂: the product of the coordinates — positive in the top-right and bottom-left quarters, "
                "negative in the others: XOR in one number."
            ),
            "sin_x1": self.tr(
                "sin x₁: the sine of the horizontal coordinate — it rises and falls in waves across the plane, "
                "which helps with spirals."
            ),
            "sin_x2": self.tr("sin x₂: the sine of the vertical coordinate — waves from top to bottom."),
        }
        for name, box in self.boxes.items():
            box.setToolTip(tips[name])
        self._note.setText(self.tr("Each one adds an input to the first layer."))

    def features(self) -> tuple[str, ...]:
        """The checked features, in TF Playground's order."""
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def show_features(self, features: Sequence[str]) -> None:
        """Check exactly `features` (() is the raw point: x₁ and x₂), emitting nothing."""
        wanted = set(features or RAW_FEATURES)
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in wanted)
            box.blockSignals(False)
        self._keep_one()

    def _keep_one(self) -> None:
        """The first layer needs an input: the last feature left checked cannot be unchecked."""
        checked = self.features()
        for name, box in self.boxes.items():
            box.setEnabled(not (len(checked) == 1 and name in checked))

    def _on_toggled(self, _checked: bool) -> None:
        self._keep_one()
        self.edited.emit(self.features())
