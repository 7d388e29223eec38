"""Draw and predict: a canvas to draw a digit on (mouse, touch or a tablet pen with pressure)
and what the current image model makes of it — the 28×28 input it sees after MNIST-style
framing (core.preprocess), a probability bar per class, the top class and its confidence.

The canvas follows the window's current model (`WindowController.predictor_changed`); when
there is no trained image model it uses the starter digit model shipped with the app.

Prediction runs on the GUI thread: framing plus one forward pass of the starter CNN takes
about a millisecond or two on a CPU (benchmarks/canvas_latency.py), far less than a frame.
While a stroke is being drawn it runs at most every LIVE_INTERVAL_MS, and not at all while
drawing if one prediction took longer than SLOW_PREDICTION_S (a big model loaded from a
file): then only the stroke's end triggers it, so drawing never stutters.
"""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError
from playground.core.experiments.finetune import FINE_TUNED_SUFFIX
from playground.core.data.preprocess import EmptyImageError, has_ink, ink_map, read_image
from playground.core.inference.recognize import NOT_SURE_BELOW, Recognition, canvas_unavailable, recognize, warm_up
from playground.gui.i18n.core_text import canvas_unavailable_text, starter_title

__all__ = ["DrawCanvas", "DrawPanel", "qimage_to_array"]

CANVAS_SIZE = 280  # the drawing's own resolution (10× MNIST), whatever the widget's size on screen
DEFAULT_BRUSH = 20  # canvas pixels: after framing the strokes are ~2 px wide, like MNIST's
LIVE_INTERVAL_MS = 60  # at most this often while a stroke is being drawn
SLOW_PREDICTION_S = 0.03  # slower than this: predict only when a stroke ends
BAR_MAX_HEIGHT = 30  # probability bars grow up to this in a tall window, shrink to 14 px in a small one


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


def _array_to_qimage(gray: np.ndarray) -> QImage:
    gray = np.ascontiguousarray(gray, dtype=np.uint8)
    h, w = gray.shape
    return QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


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

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.brush = DEFAULT_BRUSH
        self.strokes: list[list[tuple[QPointF, float]]] = []
        self._current: list[tuple[QPointF, float]] | None = None
        self._background: QImage | None = None  # an opened or pasted picture, under the strokes
        self._image = QImage(CANVAS_SIZE, CANVAS_SIZE, QImage.Format.Format_Grayscale8)
        self._image.fill(0)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setToolTip(
            self.tr(
                "Draw a digit here with the mouse, a finger or a pen (pressure sets the width). "
                "Ctrl+Z undoes the last stroke, Esc or Delete clears."
            )
        )

    # ------------------------------------------------------------- state

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
        gray = _array_to_qimage(np.round(ink * 255).astype(np.uint8))
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
        side = min(self.width(), self.height())
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _to_canvas(self, pos: QPointF) -> QPointF:
        t = self._target()
        scale = CANVAS_SIZE / max(t.width(), 1.0)
        return QPointF((pos.x() - t.x()) * scale, (pos.y() - t.y()) * scale)

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

    def _add_point(self, pos: QPointF, pressure: float) -> None:
        sample = (self._to_canvas(pos), max(1.0, self.brush * pressure))
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
            painter.drawText(target, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()

    # ------------------------------------------------------------- input

    def _begin(self, pos: QPointF, pressure: float) -> None:
        self._current = []
        self._add_point(pos, pressure)
        self.stroke_started.emit()

    def _move(self, pos: QPointF, pressure: float) -> None:
        if self._current is not None:
            self._add_point(pos, pressure)
            self.stroke_moved.emit()

    def _end(self) -> None:
        if self._current is not None:
            self.strokes.append(self._current)
            self._current = None
            self.stroke_finished.emit()

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), 1.0)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move(event.position(), 1.0)

    def mouseReleaseEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event) -> None:
        # Accepted, so Qt does not also synthesize mouse events for the pen.
        pressure = min(max(event.pressure(), 0.05), 1.0) * 1.5  # a light touch gives a thin line, full pressure a bold one
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self._begin(event.position(), pressure)
        elif kind == QEvent.Type.TabletMove:
            self._move(event.position(), pressure)
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def _is_canvas_key(self, event) -> bool:
        return event.matches(QKeySequence.StandardKey.Undo) or event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and self._is_canvas_key(event):
            event.accept()  # the key comes to keyPressEvent instead of the window's shortcuts
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo()
        elif event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Delete):
            self.clear()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event) -> None:
        self.update()
        super().focusInEvent(event)

    def focusOutEvent(self, event) -> None:
        self.update()
        super().focusOutEvent(event)


class ProbabilityBars(QWidget):
    """One labelled bar per class; the top class is highlighted."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setVerticalSpacing(2)
        self.names: list[QLabel] = []
        self.bars: list[QProgressBar] = []

    def set_classes(self, names: list[str]) -> None:
        if [n.text() for n in self.names] == list(names):
            return
        for widget in self.names + self.bars:
            self._grid.removeWidget(widget)
            widget.deleteLater()
        self.names, self.bars = [], []
        for row, name in enumerate(names):
            label = QLabel(name)
            bar = QProgressBar()
            bar.setRange(0, 1000)
            bar.setValue(0)
            bar.setFormat("")
            bar.setMinimumHeight(14)
            bar.setMaximumHeight(BAR_MAX_HEIGHT)
            bar.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            bar.setTextVisible(True)
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(bar, row, 1)
            self.names.append(label)
            self.bars.append(bar)

    def set_probabilities(self, probabilities: np.ndarray | None) -> None:
        # QProgressBar.setValue repaints at once (not update()), and the new text queues a second
        # paint: 20 paints per prediction, ~3.5 ms of a stroke's end. With updates off they
        # become one paint of the whole widget (~1.2 ms, benchmarks/canvas_latency.py).
        self.setUpdatesEnabled(False)
        try:
            top = int(np.argmax(probabilities)) if probabilities is not None else -1
            for i, (label, bar) in enumerate(zip(self.names, self.bars)):
                p = float(probabilities[i]) if probabilities is not None else 0.0
                bar.setValue(round(p * 1000))
                bar.setFormat(f"{p:.1%}" if probabilities is not None else "")
                if label.font().bold() != (i == top):
                    font = label.font()
                    font.setBold(i == top)
                    label.setFont(font)
        finally:
            self.setUpdatesEnabled(True)

    def values(self) -> list[float]:
        return [bar.value() / 1000 for bar in self.bars]


class DrawPanel(QWidget):
    """The canvas, its tools, and the prediction view. `predicted` carries each Recognition
    (tests and the latency benchmark listen to it) after the view shows it. `fine_tuned`
    carries a model fine-tuned on the personal samples (its FitResult and a label naming the
    base model): the window keeps it as a run, so it can be saved and exported."""

    predicted = Signal(object)
    fine_tuned = Signal(object, str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.predictor = None  # what predicts: the window's image model, or the starter model
        self.window_predictor = None  # what the window last announced
        self.recognition: Recognition | None = None
        self.last_prediction_seconds = 0.0
        self._starter_error = ""

        self.canvas = DrawCanvas()
        self.brush_slider = QSlider(Qt.Orientation.Horizontal)
        self.brush_slider.setRange(4, 48)
        self.brush_slider.setValue(DEFAULT_BRUSH)
        self.brush_slider.setToolTip(self.tr("Brush width in canvas pixels (the canvas is 280×280)"))
        self.brush_slider.valueChanged.connect(self.canvas.set_brush)
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Clear the canvas (Esc or Delete while it has focus)"))
        self.undo_button = QPushButton(self.tr("Undo stroke"))
        self.undo_button.setToolTip(self.tr("Remove the last stroke (Ctrl+Z while the canvas has focus)"))
        self.open_button = QPushButton(self.tr("Open image…"))
        self.open_button.setToolTip(self.tr("Predict an image file (white on black or black on white)"))
        self.paste_button = QPushButton(self.tr("Paste"))
        self.paste_button.setToolTip(self.tr("Predict the image on the clipboard"))

        tools = QHBoxLayout()
        tools.addWidget(QLabel(self.tr("Brush")))
        tools.addWidget(self.brush_slider, 1)
        buttons = QHBoxLayout()
        for b in (self.clear_button, self.undo_button, self.open_button, self.paste_button):
            buttons.addWidget(b)
        self.teach_box = self._build_teach_box()
        self.teach_box.fine_tuned.connect(self.fine_tuned)
        # The teach box goes under the drawing it saves; leftover height at the bottom, not
        # between the parts (the panel is usually taller than its square canvas is wide).
        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)
        left.addLayout(buttons)
        left.addWidget(self.teach_box)
        left.addStretch(0)

        self.model_label = QLabel()
        self.model_label.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setFixedSize(112, 112)
        self.preview.setFrameShape(QLabel.Shape.Box)
        self.preview.setToolTip(
            self.tr(
                "The 28×28 image the model sees: your drawing cropped to its ink, scaled to 20 px on its longer "
                "side and centred by its centre of mass, as MNIST's digits were"
            )
        )
        self.top_label = QLabel()
        font = self.top_label.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        self.top_label.setFont(font)
        self.confidence_label = QLabel()
        self.confidence_label.setWordWrap(True)
        self.bars = ProbabilityBars()
        self.unavailable_label = QLabel()
        self.unavailable_label.setWordWrap(True)
        self.unavailable_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        preview_box = QWidget()  # never taller than it needs: the bars below take the height
        preview_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        preview_row = QHBoxLayout()
        preview_col = QVBoxLayout()
        preview_col.addWidget(QLabel(self.tr("Model input")))
        preview_col.addWidget(self.preview)
        preview_row.addLayout(preview_col)
        preview_row.addWidget(self.top_label, 1, Qt.AlignmentFlag.AlignCenter)
        answer = QVBoxLayout(preview_box)
        answer.setContentsMargins(0, 0, 0, 0)
        answer.addLayout(preview_row)
        # Under the preview, the column's full width: beside it the sentences wrapped word by word.
        answer.addWidget(self.confidence_label)
        result_page = QWidget()
        result = QVBoxLayout(result_page)
        result.setContentsMargins(0, 0, 0, 0)
        result.addWidget(preview_box)
        result.addWidget(self.bars)
        # Stretch 0: the bars (Expanding, up to BAR_MAX_HEIGHT) share the height with this
        # spacer, so they grow in a tall window and the rest stays below them, not between.
        result.addStretch(0)
        self.result_stack = QStackedWidget()
        self.result_stack.addWidget(result_page)
        self.result_stack.addWidget(self.unavailable_label)

        self.retrain_button = QPushButton(self.tr("Retrain on full MNIST"))
        self.retrain_button.clicked.connect(self._on_retrain_clicked)
        right = QVBoxLayout()
        right.addWidget(self.result_stack)
        header = QHBoxLayout()  # the full width: the model's name and why fits on a line or two
        header.addWidget(self.model_label, 1)
        header.addWidget(self.retrain_button, 0, Qt.AlignmentFlag.AlignTop)
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(columns, 1)

        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_INTERVAL_MS)
        self._live_timer.timeout.connect(self._on_live_timer_timeout)
        self.canvas.stroke_moved.connect(self._on_canvas_stroke_moved)
        self.canvas.stroke_finished.connect(self._on_canvas_stroke_finished)
        self.canvas.cleared.connect(self._on_canvas_cleared)
        self.clear_button.clicked.connect(self.canvas.clear)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self.set_predictor(None)

    # ------------------------------------------------------------- the model

    def _build_teach_box(self):
        from playground.gui.tabs.teach import TeachBox

        return TeachBox(self)

    def model_name(self, predictor) -> str:
        """The model's name for the view: the starter's names are translated."""
        source = predictor.source
        tuned = source.endswith(FINE_TUNED_SUFFIX)
        if tuned:
            source = source[: -len(FINE_TUNED_SUFFIX)]
        source = starter_title(source)
        return self.tr("{0} (fine-tuned)").format(source) if tuned else source

    def uses_starter(self) -> bool:
        from playground.core.inference.starter import MNIST_STARTER_SOURCE, STARTER_SOURCE

        return self.predictor is not None and self.predictor.source in (STARTER_SOURCE, MNIST_STARTER_SOURCE)

    def refresh_retrain(self) -> None:
        """The retrain button shows with the starter model and works when full MNIST is here."""
        from playground.core.data import list_datasets

        self.retrain_button.setVisible(self.uses_starter())
        if not self.uses_starter():
            return
        mnist = next((d for d in list_datasets() if d.name == "mnist"), None)
        available = mnist is not None and mnist.available
        self.retrain_button.setEnabled(available and not self.teach_box.is_running())
        self.retrain_button.setToolTip(
            self.tr("Train the starter model again on all 60,000 MNIST digits (3 epochs, in the background)")
            if available
            else self.tr("Full MNIST is not on this computer: load MNIST in the Data tab once (it downloads), then retrain.")
        )

    def starter_replaced(self) -> None:
        """The starter was retrained: load the new one if the canvas is using the starter."""
        if self.uses_starter():
            self.set_predictor(self.window_predictor)

    @Slot()
    def _on_retrain_clicked(self) -> None:
        self.teach_box.start_retrain()

    def use_fine_tuned(self, predictor) -> None:
        """Predict with a model fine-tuned on the personal samples until the window's model changes."""
        self.predictor = predictor
        self.model_label.setText(self.tr("Model: {0}").format(self.model_name(predictor)))
        self.teach_box.refresh()
        self.refresh_retrain()
        self._warm_up()
        self.predict_now()

    def _warm_up(self) -> None:
        """The first stroke after a model change would pay its one-off costs (core.recognize.warm_up)."""
        try:
            warm_up(self.predictor)
        except PlaygroundError:
            pass  # a model that fails to predict says so on the first stroke (predict_now)

    def _starter(self):
        from playground.core.inference.starter import load_starter

        try:
            return load_starter()
        except PlaygroundError as e:
            self._starter_error = str(e)
            return None

    @Slot(object)
    def set_predictor(self, predictor) -> None:
        """The window's current model (None: no trained model). Models that cannot read a
        drawing are named with the reason, and the starter digit model stands in."""
        self.window_predictor = predictor
        why = canvas_unavailable(predictor) if predictor is not None else None
        reason = canvas_unavailable_text(why) if why is not None else None
        if predictor is not None and reason is None:
            self.predictor = predictor
            self.model_label.setText(self.tr("Model: {0}").format(self.model_name(predictor)))
        else:
            self.predictor = self._starter()
            starter = self.model_name(self.predictor) if self.predictor is not None else ""
            if predictor is None:
                text = self.tr("Model: {0} — train a model on an image dataset to draw for it instead.").format(starter)
            else:
                text = self.tr("{0} cannot read drawings: {1} The canvas uses the {2} instead.").format(
                    self.model_name(predictor), reason, starter
                )
            self.model_label.setText(text)
        if self.predictor is None:
            self.unavailable_label.setText(
                self.tr("No model can read drawings: {0}").format(self._starter_error or reason or "")
            )
            self.result_stack.setCurrentWidget(self.unavailable_label)
            self.bars.set_classes([])
            self.teach_box.set_classes(None)
            self.refresh_retrain()
            return
        self.result_stack.setCurrentIndex(0)
        self.bars.set_classes(list(self.predictor.class_names))
        self.teach_box.set_classes(list(self.predictor.class_names))
        self.refresh_retrain()
        self._warm_up()
        self.predict_now()

    # ------------------------------------------------------------- predicting

    @Slot()
    def _on_canvas_stroke_moved(self) -> None:
        if self.last_prediction_seconds <= SLOW_PREDICTION_S and not self._live_timer.isActive():
            self._live_timer.start()

    @Slot()
    def _on_live_timer_timeout(self) -> None:
        if self.canvas.is_drawing():
            self.predict_now()

    @Slot()
    def _on_canvas_stroke_finished(self) -> None:
        self._live_timer.stop()
        self.predict_now()

    @Slot()
    def _on_canvas_cleared(self) -> None:
        self._live_timer.stop()
        self._show(None)

    def predict_now(self) -> Recognition | None:
        """Frame the drawing, predict, update the view; None when nothing is drawn."""
        if self.predictor is None:
            return None
        began = time.perf_counter()
        image = self.canvas.image_array()
        try:
            recognition = recognize(self.predictor, image)
        except EmptyImageError:
            self._show(None)
            return None
        except PlaygroundError as e:
            self.unavailable_label.setText(str(e))
            self.result_stack.setCurrentWidget(self.unavailable_label)
            return None
        self._show(recognition)
        self.last_prediction_seconds = time.perf_counter() - began
        self.predicted.emit(recognition)
        return recognition

    def _show(self, recognition: Recognition | None) -> None:
        self.recognition = recognition
        self.result_stack.setCurrentIndex(0)
        if recognition is None:
            self.preview.clear()
            self.top_label.setText("–")
            self.confidence_label.setText(self.tr("Draw something to see what the model thinks it is."))
            self.bars.set_probabilities(None)
            self._after_show(None)
            return
        gray = np.round(recognition.model_input * 255).astype(np.uint8)
        self.preview.setPixmap(
            QPixmap.fromImage(_array_to_qimage(gray)).scaled(
                self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
            )
        )
        self.bars.set_probabilities(recognition.probabilities)
        if recognition.not_sure():
            self.top_label.setText(self.tr("Not sure"))
            self.confidence_label.setText(
                self.tr("Best guess {0} at {1:.0%} — below {2:.0%}, so the model is not sure.").format(
                    recognition.top_name, recognition.confidence, NOT_SURE_BELOW
                )
            )
        else:
            self.top_label.setText(recognition.top_name)
            self.confidence_label.setText(self.tr("Confidence {0:.1%}").format(recognition.confidence))
        self._after_show(recognition)

    def _after_show(self, recognition: Recognition | None) -> None:
        self.teach_box.set_suggestion(recognition)

    # ------------------------------------------------------------- pictures

    def show_picture(self, image: np.ndarray) -> None:
        try:
            if not has_ink(image):
                raise EmptyImageError(self.tr("The image is blank (one colour): there is nothing to recognise."))
            self.canvas.set_picture(image)
        except (PlaygroundError, ValueError) as e:
            QMessageBox.warning(self, self.tr("Cannot use this image"), str(e))

    @Slot()
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Image"), "", self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)")
        )
        if not path:
            return
        try:
            image = read_image(path)
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot open image"), str(e))
            return
        self.show_picture(image)

    @Slot()
    def _on_paste_clicked(self) -> None:
        image = QApplication.clipboard().image()
        if image.isNull():
            QMessageBox.information(
                self, self.tr("Nothing to paste"), self.tr("The clipboard holds no image. Copy a picture of a digit first.")
            )
            return
        self.show_picture(qimage_to_array(image))
