"""A pretrained backbone in the window: its name in words ("ResNet-18 (ImageNet), frozen") for
the layer builder and the network diagram, and the row above the layer stack that shows it
with the "Fine-tune the last block" checkbox, its picture size and a button to remove it.
The backbone itself comes with the starting weights (start_weights.py: a pretrained network)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from playground.core.config.backbone import BACKBONE_SIZES, BackboneSpec

__all__ = ["BackboneRow", "backbone_edit_text", "backbone_title"]


def backbone_title(spec: BackboneSpec) -> str:
    """'ResNet-18 (ImageNet), frozen' or '..., last block fine-tuned', in the UI's language."""
    translate = QCoreApplication.translate
    if spec.fine_tune_last:
        return translate("Backbone", "{0} (ImageNet), last block fine-tuned").format(spec.info.title)
    return translate("Backbone", "{0} (ImageNet), frozen").format(spec.info.title)


def backbone_edit_text(before: BackboneSpec | None, after: BackboneSpec | None):
    """The name of an edit of the backbone (Edit ▸ Undo …), as a function that says it in the
    language installed when it is called."""
    translate = QCoreApplication.translate
    if after is None:
        return lambda: translate("Backbone", "Remove the backbone")
    if before is not None and after.fine_tune_last != before.fine_tune_last:
        if after.fine_tune_last:
            return lambda: translate("Backbone", "Fine-tune the backbone's last block")
        return lambda: translate("Backbone", "Freeze the whole backbone")
    return lambda: translate("Backbone", "Resize pictures to {0}×{0} for the backbone").format(after.size)


class BackboneRow(QWidget):
    """Shown while the model has a backbone. Emits `edited` with the new BackboneSpec, or None
    when the user removes it."""

    edited = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._spec: BackboneSpec | None = None
        self._label = QLabel(self)
        self._label.setObjectName("backbone_label")
        self._label.setWordWrap(True)  # wraps rather than widening the model panel
        self._fine_tune = QCheckBox(self)
        self._fine_tune.setObjectName("backbone_fine_tune")
        self._fine_tune.toggled.connect(self._on_changed)
        self._size = QComboBox(self)
        self._size.setObjectName("backbone_size")
        for size in BACKBONE_SIZES:
            self._size.addItem(f"{size}×{size}", size)
        self._size.currentIndexChanged.connect(self._on_changed)
        self._size_label = QLabel(self)
        self._size_label.setBuddy(self._size)
        self._remove = QPushButton(self)
        self._remove.setObjectName("backbone_remove")
        self._remove.clicked.connect(lambda: self.edited.emit(None))
        controls = QHBoxLayout()
        for widget in (self._fine_tune, self._size_label, self._size):
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self._remove)
        layout = QVBoxLayout(self)  # the name on its own line, the controls below it
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self._label)
        layout.addLayout(controls)
        self.retranslate()
        self.set_backbone(None)

    def retranslate(self) -> None:
        self._fine_tune.setText(self.tr("Fine-tune the last block"))
        self._fine_tune.setToolTip(self.tr(
            "Train the backbone's last block too (ResNet-18: layer4; VGG-16: the last convolution block and the "
            "layers after it). Slower: the features are then computed again every step. Off, the backbone stays "
            "frozen, its features are computed once, and only your layers train."
        ))
        self._size_label.setText(self.tr("Picture size:"))
        self._size.setToolTip(self.tr(
            "The size pictures are resized to before the backbone: 224×224 is what the ImageNet weights were "
            "trained on; smaller sizes are faster on a CPU and lose little for small pictures."
        ))
        self._remove.setText(self.tr("Remove Backbone"))
        self._remove.setToolTip(self.tr("Take the pretrained network out of the model: your layers then see the pictures."))
        self._show()

    def backbone(self) -> BackboneSpec | None:
        return self._spec

    def set_backbone(self, spec: BackboneSpec | None) -> None:
        """Show `spec` (None hides the row). Emits nothing."""
        self._spec = spec
        self.setVisible(spec is not None)
        if spec is not None:
            for widget, value in ((self._fine_tune, spec.fine_tune_last), (self._size, None)):
                widget.blockSignals(True)
            self._fine_tune.setChecked(spec.fine_tune_last)
            self._size.setCurrentIndex(max(0, self._size.findData(spec.size)))
            self._fine_tune.blockSignals(False)
            self._size.blockSignals(False)
        self._show()

    def _show(self) -> None:
        spec = self._spec
        if spec is None:
            self._label.setText("")
            return
        params = QLocale().toString(spec.info.params)
        self._label.setText(self.tr("Backbone: {0}").format(backbone_title(spec)))
        self._label.setToolTip(self.tr(
            "A network pretrained on ImageNet sits before your layers: {0} parameters, {1} features out; the "
            "pictures are resized and normalised for it inside the model."
        ).format(params, spec.info.features))

    @Slot()
    def _on_changed(self) -> None:
        if self._spec is None:
            return
        size = self._size.currentData()
        self.edited.emit(BackboneSpec(self._spec.name, int(size), self._fine_tune.isChecked()))
