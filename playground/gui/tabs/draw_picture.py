"""The Draw tab's picture view, shown instead of the canvas when the model takes colour
pictures (a CIFAR-10 model, photos of your own): a drawing in white on black means nothing to
it, so it predicts a whole picture opened from a file or pasted from the clipboard
(core.inference.recognize.recognize_picture). The panel (draw_panel.py) switches between the
two and predicts; this is the view and the pictures' conversion."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget

__all__ = ["PictureView", "rgb_to_qimage", "chw_to_pixmap"]


def rgb_to_qimage(rgb: np.ndarray) -> QImage:
    """An H×W×3 uint8 picture as a QImage that owns its pixels."""
    rgb = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
    h, w = rgb.shape[:2]
    return QImage(rgb.data, w, h, 3 * w, QImage.Format.Format_RGB888).copy()


def chw_to_pixmap(image: np.ndarray, size: QSize) -> QPixmap:
    """A C×H×W float image in [0, 1] (3 channels) as a pixmap scaled to `size`, its pixels kept sharp."""
    rgb = np.round(np.clip(np.asarray(image, np.float32), 0, 1) * 255).astype(np.uint8).transpose(1, 2, 0)
    return QPixmap.fromImage(rgb_to_qimage(rgb)).scaled(
        size, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
    )


class PictureView(QWidget):
    """The picture a colour model predicts, fitted into the widget with its aspect ratio kept;
    with none, a hint says how to give one. `changed` says a picture was set or cleared."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, objectName="picture_view")
        self._picture: np.ndarray | None = None
        self._qimage: QImage | None = None
        self._hint = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 160)

    def set_picture(self, rgb: np.ndarray) -> None:
        """Show `rgb` (H×W×3 uint8) and keep it for prediction."""
        self._picture = np.ascontiguousarray(rgb[..., :3], dtype=np.uint8)
        self._qimage = rgb_to_qimage(self._picture)
        self.update()
        self.changed.emit()

    def picture(self) -> np.ndarray | None:
        """The picture shown (H×W×3 uint8), or None."""
        return self._picture

    def clear(self) -> None:
        self._picture = self._qimage = None
        self.update()
        self.changed.emit()

    def set_hint(self, text: str) -> None:
        self._hint = text
        self.update()

    def hint(self) -> str:
        return self._hint

    def sizeHint(self) -> QSize:
        return QSize(280, 280)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self._qimage is None:
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect().adjusted(12, 12, -12, -12), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._hint)
        else:
            scaled = self._qimage.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect((self.width() - scaled.width()) // 2, (self.height() - scaled.height()) // 2, scaled.width(), scaled.height())
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.drawImage(target, self._qimage)
        painter.setPen(self.palette().mid().color())
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        painter.end()
