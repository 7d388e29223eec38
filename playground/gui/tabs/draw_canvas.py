"""The canvas of the Draw tab: a digit drawn with the mouse, touch or a tablet pen (with
pressure), kept as a CANVAS_SIZE² greyscale image, white ink on black as MNIST's digits are.
What the model makes of it is the Draw tab's (draw_panel.py).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QPoint, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from playground.core.data.preprocess import ink_map

__all__ = ["CANVAS_SIZE", "DrawCanvas", "array_to_qimage", "qimage_to_array"]

CANVAS_SIZE = 280  # the drawing's own resolution (10× MNIST), whatever the widget's size on screen
DEFAULT_BRUSH = 20  # canvas pixels: after framing the strokes are ~2 px wide, like MNIST's


def qimage_to_array(image: QImage) -> np.ndarray:
    """A QImage as numpy: H×W uint8 for greyscale images, H×W×4 RGBA otherwise (a copy)."""
    if image.format() == QImage.Format.Format_Grayscale8:
        channels, converted = 1, image
    else:
        channels, converted = 4, image.convertToFormat(QImage.Format.Format_RGBA8888)
    h, w = converted.height(), converted.width()
    buffer = np.frombuffer(converted.constBits(), dtype=np.uint8, count=converted.sizeInBytes())
    rows = buffer.reshape(h, converted.bytesPerLine())[:, : w * channels]
    return rows.reshape(h, w, channels).squeeze(-1).copy() if channels == 1 else rows.reshape(h, w, 4).copy()


def array_to_qimage(gray: np.ndarray) -> QImage:
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = gray.shape
    return QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


# The canvas's own keys, handled in DrawCanvas.keyPressEvent (not actions, so Help ▸ Keyboard
# Shortcuts reads them from canvas_shortcuts, which uses these same constants).
UNDO_KEY = QKeySequence.StandardKey.Undo
CLEAR_KEYS = (Qt.Key.Key_Escape, Qt.Key.Key_Delete)


def canvas_shortcuts() -> list[tuple[str, str]]:
    """(what, keys) of the keys the canvas handles while it has focus, in the UI's language."""
    translate = QCoreApplication.translate
    native = QKeySequence.SequenceFormat.NativeText
    undo = QKeySequence(UNDO_KEY).toString(native)  # the platform's first binding, as Edit ▸ Undo shows it
    clear = ", ".join(QKeySequence(k).toString(native) for k in CLEAR_KEYS)
    return [
        (translate("DrawCanvas", "Clear the drawing"), clear),
        (translate("DrawCanvas", "Undo the last stroke"), undo),
        (translate("DrawCanvas", "Choose the label of the next saved sample"), translate("DrawCanvas", "Type the label (e.g. 7)")),
    ]


class DrawCanvas(QWidget):
    """White ink on black, kept as a CANVAS_SIZE² greyscale image (the model's convention).

    Each stroke is a list of (point, width) samples, so the last one can be undone by
    repainting the others. A pen's pressure scales the width; touch arrives as Qt's
    synthesized mouse events. Keys, when the canvas has focus: Ctrl+Z undoes the last stroke
    (the canvas claims the key through ShortcutOverride, as a text field does, so the Edit
    menu's Ctrl+Z keeps undoing layer edits everywhere else), Esc or Delete clears.
    """

    stroke_started = Signal()
    stroke_moved = Signal()
    stroke_finished = Signal()
    cleared = Signal()
    text_typed = Signal(str)  # a printable key typed while the canvas has focus (the Draw tab picks a label with it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.brush = DEFAULT_BRUSH
        self.strokes: list[list[tuple[QPointF, float]]] = []
        self._current: list[tuple[QPointF, float]] | None = None
        self._background: QImage | None = None  # an opened or pasted picture, under the strokes
        self._image = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        self._image.fill(0)
        # While a stroke is drawn: where the canvas's square was on the screen at the press
        # and how many canvas pixels a screen pixel is, so that every point of the stroke maps
        # through the canvas as the user saw it when they began, whatever happens to the
        # widget meanwhile. The square is also painted there until the stroke ends (_target), so
        # the drawing under the pointer never moves. (Fixing the widget's size for the stroke
        # instead raised every ancestor's minimum: each stroke grew the window by 2 px.)
        self._frame: tuple[QPointF, float] | None = None
        self._hint = ""
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.set_hint(self.tr("Draw a digit here"))

    # ------------------------------------------------------------- state

    def set_hint(self, hint: str) -> None:
        """What to draw, shown on the empty canvas (the Draw tab says what its model reads)."""
        self._hint = hint
        self.setToolTip(
            self.tr(
                "{0} — with the mouse, a finger or a pen (pressure sets the width). Ctrl+Z undoes the last "
                "stroke, Esc or Delete clears, and typing a digit or a class's first letter picks the right answer."
            ).format(hint)
        )
        self.update()

    def hint(self) -> str:
        return self._hint

    def sizeHint(self) -> QSize:
        return QSize(CANVAS_SIZE, CANVAS_SIZE)

    def is_empty(self) -> bool:
        return not self.strokes and self._current is None and self._background is None

    def is_drawing(self) -> bool:
        return self._current is not None

    def image(self) -> QImage:
        return self._image

    def image_array(self) -> np.ndarray:
        """The drawing as CANVAS_SIZE² uint8, white ink on black."""
        return qimage_to_array(self._image)

    def set_brush(self, width: int) -> None:
        self.brush = int(width)

    def clear(self) -> None:
        self.strokes.clear()
        self._current = None
        self._background = None
        self._repaint_image()
        self.cleared.emit()

    def undo(self) -> bool:
        """Remove the last stroke (or, with none left, an opened picture); False if empty."""
        if self._current is not None:
            return False
        if self.strokes:
            self.strokes.pop()
        elif self._background is not None:
            self._background = None
        else:
            return False
        self._repaint_image()
        if self.is_empty():
            self.cleared.emit()
        else:
            self.stroke_finished.emit()
        return True

    def set_picture(self, image: np.ndarray) -> None:
        """Show a picture (any size, either background) as white ink on black, fitted into
        the canvas with its aspect ratio kept; strokes drawn after it go on top."""
        ink, _ = ink_map(image)
        gray = array_to_qimage(np.round(ink * 255).astype(np.uint8))
        scaled = gray.scaled(
            CANVAS_SIZE, CANVAS_SIZE, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
        )
        background = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        background.fill(0)
        painter = QPainter(background)
        painter.drawImage((CANVAS_SIZE - scaled.width()) // 2, (CANVAS_SIZE - scaled.height()) // 2, scaled)
        painter.end()
        self.strokes.clear()
        self._current = None
        self._background = background
        self._repaint_image()
        self.stroke_finished.emit()

    # ------------------------------------------------------------- painting

    def _target(self) -> QRectF:
        """The drawing's square in widget pixels: the largest centred square, or, while a stroke
        is drawn, the square where it was on the screen when the stroke began (the layout may
        resize or move the widget meanwhile; it is fitted again when the stroke ends)."""
        if self._current is not None and self._frame is not None:
            origin, scale = self._frame
            corner = origin - QPointF(self.mapToGlobal(QPoint(0, 0)))
            return QRectF(corner.x(), corner.y(), CANVAS_SIZE / scale, CANVAS_SIZE / scale)
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def board(self) -> QRectF:
        """Where the drawing's square is painted, in widget pixels."""
        return self._target()

    def _to_canvas(self, screen: QPointF) -> QPointF:
        """A screen point in canvas pixels, through the canvas as it was when the stroke began."""
        origin, scale = self._frame
        return QPointF((screen.x() - origin.x()) * scale, (screen.y() - origin.y()) * scale)

    def _pen(self, width: float) -> QPen:
        return QPen(QColor(255, 255, 255), width, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)

    def _paint_segment(self, painter: QPainter, a: tuple[QPointF, float], b: tuple[QPointF, float]) -> None:
        painter.setPen(self._pen((a[1] + b[1]) / 2))
        if a[0] == b[0]:
            painter.drawPoint(a[0])
        else:
            painter.drawLine(a[0], b[0])

    def _repaint_image(self) -> None:
        if self._background is not None:
            self._image = self._background.copy()
        else:
            self._image.fill(0)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for stroke in self.strokes + ([self._current] if self._current else []):
            for a, b in zip(stroke, stroke[1:] or stroke):
                self._paint_segment(painter, a, b)
        painter.end()
        self.update()

    def _add_point(self, screen: QPointF, pressure: float) -> None:
        sample = (self._to_canvas(screen), max(1.0, self.brush * pressure))
        previous = self._current[-1] if self._current else sample
        self._current.append(sample)
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._paint_segment(painter, previous, sample)
        painter.end()
        self.update()

    def resizeEvent(self, event) -> None:
        # No taller than wide: the drawing is square, so extra height would only be an empty
        # band between it and its tools; the panel's layout gives that height to what follows.
        self.setMaximumHeight(max(self.minimumHeight(), self.width()))
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        target = self._target()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(target, self._image)
        painter.setPen(QPen(self.palette().highlight().color() if self.hasFocus() else QColor(120, 120, 120), 1))
        painter.drawRect(target.adjusted(0, 0, -1, -1))
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(target.adjusted(8, 8, -8, -8), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._hint)
        painter.end()

    # ------------------------------------------------------------- input

    def _begin(self, pos: QPointF, screen: QPointF, pressure: float) -> None:
        target = self._target()
        origin = screen - pos + target.topLeft()  # the square's corner on the screen
        self._frame = (origin, CANVAS_SIZE / max(target.width(), 1.0))
        self._current = []
        self._add_point(screen, pressure)
        self.stroke_started.emit()

    def _move(self, screen: QPointF, pressure: float) -> None:
        if self._current is not None:
            self._add_point(screen, pressure)
            self.stroke_moved.emit()

    def _end(self) -> None:
        if self._current is not None:
            self.strokes.append(self._current)
            self._current = None
            self.update()  # fitted to the widget again
            self.stroke_finished.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), event.globalPosition(), 1.0)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move(event.globalPosition(), 1.0)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event) -> None:
        # Accepted, so Qt does not also synthesize mouse events for the pen.
        pressure = min(max(event.pressure(), 0.05), 1.0) * 1.5  # a light touch gives a thin line, full pressure a bold one
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), event.globalPosition(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._move(event.globalPosition(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def _is_canvas_key(self, event) -> bool:
        return event.matches(UNDO_KEY) or event.key() in CLEAR_KEYS

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_canvas_key(event):
            event.accept()  # the key comes to keyPressEvent instead of the window's shortcuts
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(UNDO_KEY):
            self.undo()
        elif event.key() in CLEAR_KEYS:
            self.clear()
        elif event.text().isprintable() and event.text().strip():
            self.text_typed.emit(event.text())
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)
