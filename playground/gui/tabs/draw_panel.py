"""The Draw tab: the canvas (draw_canvas.py) and what the current image model makes of it —
the 28×28 input it sees after MNIST-style framing (core.data.preprocess), a probability bar per
class, the top class and its confidence; under them the feature maps of every convolution for
the drawing, and over the 28×28 input, when "Why?" is ticked, the attribution of the answer
(Grad-CAM or saliency: draw_inside.py over core.experiments.inside). A model of colour pictures
(CIFAR-10) gets a picture view instead of the canvas (draw_picture.py): a picture opened from a
file or pasted, predicted whole.

The tab follows the window's current model (`WindowController.predictor_changed`); when
there is no trained image model it uses the starter digit model shipped with the app. Models
need torch: while torch is still loading at startup (gui.torch_loader) the canvas already
draws, and the first prediction comes once torch and the starter model are there.

Prediction runs on the GUI thread: framing plus one forward pass of the starter CNN takes
about a millisecond or two on a CPU (benchmarks/canvas_latency.py), far less than a frame.
While a stroke is being drawn it runs at most every LIVE_INTERVAL_MS, and not at all while
drawing if one prediction took longer than SLOW_PREDICTION_S (a big model loaded from a
file): then only the stroke's end triggers it, so drawing never stutters.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from playground.core.errors import PlaygroundError
from playground.core.data.preprocess import EmptyImageError, has_ink, read_image, read_photo
from playground.gui.i18n.core_text import canvas_unavailable_text, model_title
from playground.gui.i18n.dataset_text import class_names_text
from playground.gui.widgets import LinesLabel, ShrinkingLabel
from playground.gui.tabs.draw_canvas import DEFAULT_BRUSH, DrawCanvas, array_to_qimage, qimage_to_array
from playground.gui.tabs.draw_inside import InsideView
from playground.gui.tabs.draw_picture import PictureView, chw_to_pixmap
from playground.gui.tabs.probability_bars import BAR_MAX_HEIGHT, ProbabilityBars  # noqa: F401  (tests read it here)
from playground.gui.torch_loader import torch_is_loading, when_torch_ready
from playground.gui.i18n.errors import error_text

if TYPE_CHECKING:  # core.inference needs torch: imported once there is a model
    from playground.core.inference.recognize import Recognition

__all__ = ["DrawPanel", "ProbabilityBars"]

LIVE_INTERVAL_MS = 60  # at most this often while a stroke is being drawn
SLOW_PREDICTION_S = 0.03  # slower than this: predict only when a stroke ends
HINT_CLASSES = 6  # the canvas's hint names up to this many of a model's own classes


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
        self._fine_tuned = False  # the canvas uses a model fine-tuned on the personal samples (use_fine_tuned)
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
        self.teach_box = _TeachBoxPlace()  # the teach box needs torch: built once it is there
        # The teach box goes under the drawing it saves; leftover height at the bottom, not
        # between the parts (the panel is usually taller than its square canvas is wide).
        left_box = QWidget()
        left = QVBoxLayout(left_box)
        left.setContentsMargins(0, 0, 0, 0)
        self.picture = PictureView()  # instead of the canvas for a model of colour pictures
        self.input_stack = QStackedWidget()
        self.input_stack.addWidget(self.canvas)
        self.input_stack.addWidget(self.picture)
        left.addWidget(self.input_stack, 1)
        self._tools = tools
        left.addLayout(tools)
        left.addLayout(buttons)
        left.addWidget(self.teach_box)
        left.addStretch(0)

        # Every text that changes while the user draws (the answer, "not sure", the model's
        # name, the teach box's reports) sits in a LinesLabel: a fixed number of lines high
        # and as wide as the layout makes it, so no text can move the canvas (issue 15).
        self.model_label = LinesLabel(2)
        self.preview = QLabel()
        self.preview.setFixedSize(112, 112)
        self.preview.setFrameShape(QLabel.Shape.Box)
        self.preview.setToolTip(self._framing_tip())
        self.inside = InsideView()  # under the columns: the feature maps, and Why? for the model input
        self.why_check, self.why_caption = self.inside.why_check, self.inside.why_caption
        self.why_check.toggled.connect(self._on_why_toggled)
        self.inside.why_method.currentIndexChanged.connect(self._on_why_method_changed)
        font = self.font()
        font.setPointSize(font.pointSize() * 2)
        font.setBold(True)
        self.top_label = ShrinkingLabel(font, smallest=self.font().pointSizeF())  # "Not sure" fits a narrow column
        self.top_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confidence_label = LinesLabel(4)  # "not sure" and why: four lines in a narrow Japanese column
        self.bars = ProbabilityBars()
        self.unavailable_label = QLabel()
        self.unavailable_label.setWordWrap(True)
        self.unavailable_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

        result_page = QWidget()
        result = QVBoxLayout(result_page)
        result.setContentsMargins(0, 0, 0, 0)
        result.addWidget(QLabel(self.tr("Model input")))
        result.addWidget(self.preview)
        # The answer and its sentence under the preview, the column's full width: beside the
        # preview a class name or "Not sure" in the large font would not fit a narrow column.
        result.addWidget(self.top_label)
        result.addWidget(self.confidence_label)
        result.addWidget(self.bars)
        # Stretch 0: the bars (Expanding, up to BAR_MAX_HEIGHT) share the height with this
        # spacer, so they grow in a tall window and the rest stays below them, not between.
        result.addStretch(0)
        self.result_stack = QStackedWidget()
        self.result_stack.addWidget(result_page)
        self.result_stack.addWidget(self.unavailable_label)
        right_box = QWidget()
        right = QVBoxLayout(right_box)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.result_stack)

        self.retrain_button = QPushButton(self.tr("Retrain on full MNIST"))
        self.retrain_button.clicked.connect(self._on_retrain_clicked)
        header_box = QWidget()  # the full width: the model's name and why, on two lines
        header = QHBoxLayout(header_box)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.model_label, 1)
        header.addWidget(self.retrain_button, 0, Qt.AlignmentFlag.AlignTop)
        # As high with the retrain button as without it (it shows with the starter model only).
        header_box.setFixedHeight(max(self.model_label.height(), self.retrain_button.sizeHint().height()))
        # The columns share the width 3:2, whatever the texts in them say: the left one's size
        # comes from fixed texts only (buttons, the teach box's labels; its changing texts are
        # LinesLabels, which ask for no width); the right one is Ignored, so its size hint
        # (which a text would change) plays no part, and at least as wide as the preview.
        columns = QHBoxLayout()
        right_box.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        right_box.setMinimumWidth(self.preview.width())
        columns.addWidget(left_box, 3)
        columns.addWidget(right_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(header_box)
        layout.addLayout(columns, 1)
        layout.addWidget(self.inside)

        self._live_timer = QTimer(self)
        self._live_timer.setSingleShot(True)
        self._live_timer.setInterval(LIVE_INTERVAL_MS)
        self._live_timer.timeout.connect(self._on_live_timer_timeout)
        self.canvas.stroke_moved.connect(self._on_canvas_stroke_moved)
        self.canvas.stroke_finished.connect(self._on_canvas_stroke_finished)
        self.canvas.cleared.connect(self._on_canvas_cleared)
        self.canvas.text_typed.connect(self._on_canvas_text_typed)
        self.clear_button.clicked.connect(self._on_clear_clicked)
        self.undo_button.clicked.connect(self.canvas.undo)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.paste_button.clicked.connect(self._on_paste_clicked)
        self._left = left
        when_torch_ready(self._on_torch_ready)  # the teach box and the model, at once if torch is there
        if torch_is_loading():
            self.set_predictor(None)  # says the model is coming; the canvas draws meanwhile

    # ------------------------------------------------------------- the model

    @Slot()
    def _on_torch_ready(self) -> None:
        if isinstance(self.teach_box, _TeachBoxPlace):
            from playground.gui.tabs.teach import TeachBox

            place, self.teach_box = self.teach_box, TeachBox(self)
            self.teach_box.fine_tuned.connect(self.fine_tuned)
            self._left.replaceWidget(place, self.teach_box)
            place.deleteLater()
        self.set_predictor(self.window_predictor)

    def model_name(self, predictor) -> str:
        """The model's name for the view, in the UI's language (the starter's names and those
        of fine-tuned models are translated)."""
        return model_title(predictor.source)

    def canvas_hint(self, predictor) -> str:
        """What to draw for `predictor`, said on the empty canvas: the kind of thing its
        classes are (digits, clothing, hiragana), else the classes themselves."""
        from playground.core.data.images import IDX_SOURCES

        if predictor is None:
            if torch_is_loading():
                return self.tr("Draw here: the model is loading")
            return self.tr("No model can read drawings")
        names = list(predictor.class_names)
        if self.is_colour(predictor):
            names = class_names_text(names)
            shown = ", ".join(names[:HINT_CLASSES]) + (", …" if len(names) > HINT_CLASSES else "")
            return self.tr("Open or paste a colour picture of one of these: {0}").format(shown)
        kinds = {
            "mnist": self.tr("Draw a digit here"),
            "fashion-mnist": self.tr("Draw a piece of clothing, a shoe or a bag here"),
            "kmnist": self.tr("Draw one of these hiragana here: {0}").format(
                " ".join(n.split(" ")[0] for n in IDX_SOURCES["kmnist"].class_names)
            ),
        }
        for dataset, hint in kinds.items():
            if names == list(IDX_SOURCES[dataset].class_names):
                return hint
        shown = ", ".join(names[:HINT_CLASSES]) + (", …" if len(names) > HINT_CLASSES else "")
        return self.tr("Draw one of these here: {0}").format(shown)

    def uses_starter(self) -> bool:
        from playground.core.inference.starter import MNIST_STARTER_SOURCE, STARTER_SOURCE

        return self.predictor is not None and self.predictor.source in (STARTER_SOURCE, MNIST_STARTER_SOURCE)

    def refresh_retrain(self) -> None:
        """The retrain button shows with the starter model and works when full MNIST is here."""
        from playground.core.data.registry import list_datasets

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
        self._fine_tuned = True
        self.model_label.setText(self.tr("Model: {0}").format(self.model_name(predictor)))
        self.canvas.set_hint(self.canvas_hint(predictor))
        self._show_input_kind()
        self.teach_box.refresh()
        self.refresh_retrain()
        self._set_inside_model()
        self._warm_up()
        self.predict_now()

    def _warm_up(self) -> None:
        """The first stroke after a model change would pay its one-off costs (core.inference.recognize.warm_up)."""
        from playground.core.inference.recognize import warm_up

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
        drawing are named with the reason, and the starter digit model stands in. Before
        torch has loaded there is no model yet: the canvas draws, and predicts once it is."""
        self.window_predictor = predictor
        self._fine_tuned = False
        if torch_is_loading():  # _on_torch_ready comes back here
            self.predictor = None
            self.model_label.setText(self.tr("Model: loading PyTorch…"))
            self.retrain_button.hide()
            self.canvas.set_hint(self.canvas_hint(None))
            self._set_inside_model()
            self._show(None)
            return
        from playground.core.inference.recognize import canvas_unavailable

        why = canvas_unavailable(predictor) if predictor is not None else None
        reason = canvas_unavailable_text(why) if why is not None else None
        self.predictor = predictor if predictor is not None and reason is None else self._starter()
        self._say_model()
        self._set_inside_model()
        self._show_input_kind()
        if self.predictor is None:
            self.result_stack.setCurrentWidget(self.unavailable_label)
            self.bars.set_classes([])
            self.teach_box.set_classes(None)
            self.refresh_retrain()
            return
        self.result_stack.setCurrentIndex(0)
        self.bars.set_classes(class_names_text(self.predictor.class_names))
        self.teach_box.set_classes(list(self.predictor.class_names))
        self.refresh_retrain()
        self._warm_up()
        self.predict_now()

    def _say_model(self) -> None:
        """Name the model the canvas uses (and why not the window's, if it cannot read drawings)
        in the installed language; with no model at all, why not."""
        from playground.core.inference.recognize import canvas_unavailable

        predictor = self.window_predictor
        why = canvas_unavailable(predictor) if predictor is not None else None
        reason = canvas_unavailable_text(why) if why is not None else None
        if self._fine_tuned or (predictor is not None and reason is None):
            self.model_label.setText(self.tr("Model: {0}").format(self.model_name(self.predictor)))
        else:
            starter = self.model_name(self.predictor) if self.predictor is not None else ""
            if predictor is None:
                text = self.tr("Model: {0} — train a model on an image dataset to draw for it instead.").format(starter)
            else:
                text = self.tr("{0} cannot read drawings: {1} The canvas uses the {2} instead.").format(
                    self.model_name(predictor), reason, starter
                )
            self.model_label.setText(text)
        self.canvas.set_hint(self.canvas_hint(self.predictor))
        self.picture.set_hint(self.canvas_hint(self.predictor))
        if self.predictor is None:
            self.unavailable_label.setText(
                self.tr("No model can read drawings: {0}").format(self._starter_error or reason or "")
            )

    def retranslate(self) -> None:
        """After a language switch: the model's name, the canvas's hint, the prediction shown
        (from the recognition, not predicted again) and the teach box's counts."""
        if torch_is_loading():
            self.model_label.setText(self.tr("Model: loading PyTorch…"))
            self.canvas.set_hint(self.canvas_hint(None))
            return
        self._say_model()
        self._show_input_kind()  # its tooltips
        self.inside.retranslate()
        if self.predictor is not None and self.result_stack.currentIndex() == 0:
            self.bars.set_classes(class_names_text(self.predictor.class_names))
            self._show(self.recognition)
        self.teach_box.refresh()

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

    @Slot(str)
    def _on_canvas_text_typed(self, text: str) -> None:
        self.teach_box.choose_label(text)

    def predict_now(self) -> Recognition | None:
        """Frame the drawing, predict, update the view; None when nothing is drawn."""
        if self.predictor is None:
            return None
        from playground.core.inference.recognize import recognize, recognize_picture

        began = time.perf_counter()
        colour = self.is_colour(self.predictor)
        image = self.picture.picture() if colour else self.canvas.image_array()
        try:
            if colour and image is None:
                raise EmptyImageError("no picture")
            recognition = recognize_picture(self.predictor, image) if colour else recognize(self.predictor, image)
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
            self.confidence_label.setText(
                self.tr("Open or paste a picture to see what the model thinks it is.")
                if self.is_colour(self.predictor)
                else self.tr("Draw something to see what the model thinks it is.")
            )
            self.bars.set_probabilities(None)
            self._show_inside(None)
            self._after_show(None)
            return
        if recognition.model_image is not None and recognition.model_image.shape[0] == 3:
            self.preview.setPixmap(chw_to_pixmap(recognition.model_image, self.preview.size()))
        else:
            gray = np.round(recognition.model_input * 255).astype(np.uint8)
            self.preview.setPixmap(
                QPixmap.fromImage(array_to_qimage(gray)).scaled(
                    self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
                )
            )
        self.bars.set_probabilities(recognition.probabilities)
        from playground.core.inference.recognize import NOT_SURE_BELOW

        top_name = class_names_text(recognition.class_names)[recognition.top]  # CIFAR-10's translated

        if recognition.not_sure():
            self.top_label.setText(self.tr("Not sure"))
            self.confidence_label.setText(
                self.tr("Best guess {0} at {1:.1%} — below {2:.0%}, so the model is not sure.").format(
                    top_name, recognition.confidence, NOT_SURE_BELOW
                )
            )
        else:
            self.top_label.setText(top_name)
            self.confidence_label.setText(self.tr("Confidence {0:.1%}").format(recognition.confidence))
        self._show_inside(recognition)
        self._after_show(recognition)

    # ------------------------------------------------------------- inside the model

    def _set_inside_model(self) -> None:
        self.inside.set_model(self.predictor)
        self.why_check.setEnabled(self.inside.network is not None)
        self.inside.why_method.setEnabled(self.inside.network is not None)

    def _show_inside(self, recognition: Recognition | None) -> None:
        """The drawing's feature maps and, with Why? ticked, the attribution of the answer
        over the model input (draw_inside.py)."""
        self.inside.show_recognition(recognition)
        overlay, caption, tooltip = self.inside.why(recognition, self.why_check.isChecked())
        if overlay is not None:
            self.preview.setPixmap(
                QPixmap.fromImage(overlay).scaled(
                    self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.FastTransformation
                )
            )
        self.why_caption.setText(caption)
        self.why_caption.setToolTip(tooltip)

    @Slot(bool)
    def _on_why_toggled(self, checked: bool) -> None:
        if self.recognition is not None:
            self._show(self.recognition)

    @Slot(int)
    def _on_why_method_changed(self, index: int) -> None:
        if self.recognition is not None and self.why_check.isChecked():
            self._show(self.recognition)

    def _after_show(self, recognition: Recognition | None) -> None:
        self.teach_box.set_suggestion(recognition)

    # ------------------------------------------------------------- pictures

    @staticmethod
    def is_colour(predictor) -> bool:
        """Whether `predictor` takes colour pictures (the picture view), not drawings (the canvas)."""
        return predictor is not None and len(predictor.input_shape) == 3 and predictor.input_shape[0] == 3

    def _show_input_kind(self) -> None:
        """The canvas and its brush for a model of drawings; the picture view for a colour model,
        whose teach box (it saves drawings) is hidden."""
        colour = self.is_colour(self.predictor)
        if colour != (self.input_stack.currentWidget() is self.picture):  # Why? for pictures: their regions, not strokes
            method = self.inside.why_method
            wanted = method.findData("grad_cam" if colour else "integrated_gradients")
            if method.model().item(wanted).isEnabled():
                method.setCurrentIndex(wanted)
        self.input_stack.setCurrentWidget(self.picture if colour else self.canvas)
        for i in range(self._tools.count()):
            widget = self._tools.itemAt(i).widget()
            if widget is not None:
                widget.setVisible(not colour)
        self.undo_button.setVisible(not colour)
        self.teach_box.setVisible(not colour)
        self.open_button.setToolTip(
            self.tr("Predict a colour picture from a file")
            if colour
            else self.tr("Predict an image file (white on black or black on white)")
        )
        if colour:
            _, h, w = self.predictor.input_shape
            self.preview.setToolTip(self.tr("The {0}×{1} picture the model sees: the whole picture, squashed to its size").format(w, h))
        else:
            self.preview.setToolTip(self._framing_tip())

    def _framing_tip(self) -> str:
        return self.tr(
            "The 28×28 image the model sees: your drawing cropped to its ink, scaled to 20 px on its longer "
            "side and centred by its centre of mass, as MNIST's digits were"
        )

    @Slot()
    def _on_clear_clicked(self) -> None:
        if self.input_stack.currentWidget() is self.picture:
            self.picture.clear()
            self._show(None)
        else:
            self.canvas.clear()

    def show_picture(self, image: np.ndarray) -> None:
        if self.is_colour(self.predictor):  # the whole picture, in colour: no ink to look for
            self.picture.set_picture(image if image.ndim == 3 and image.shape[2] >= 3 else np.dstack([image] * 3))
            self.predict_now()
            return
        try:
            if not has_ink(image):
                raise EmptyImageError(self.tr("The image is blank (one colour): there is nothing to recognise."))
            self.canvas.set_picture(image)
        except (PlaygroundError, ValueError) as e:
            QMessageBox.warning(self, self.tr("Cannot use this image"), error_text(e))

    @Slot()
    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open Image"), "", self.tr("Images (*.png *.jpg *.jpeg *.bmp *.gif *.tif *.tiff *.webp)")
        )
        if not path:
            return
        try:
            image = read_photo(path) if self.is_colour(self.predictor) else read_image(path)
        except PlaygroundError as e:
            QMessageBox.warning(self, self.tr("Cannot open image"), error_text(e))
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
        array = qimage_to_array(image)
        if self.is_colour(self.predictor) and array.ndim == 3:  # RGBA: transparent parts on white
            from playground.core.data.preprocess import photo_input

            h, w = array.shape[:2]
            array = np.round(photo_input(array, (3, h, w))[0].transpose(1, 2, 0) * 255).astype(np.uint8)
        self.show_picture(array)


class _TeachBoxPlace(QWidget):
    """Holds the teach box's place (gui.tabs.teach needs torch) until torch has loaded; it
    answers what the window asks a teach box (is anything running? stop it) and the Draw tab's
    suggestion after a prediction, which there is none of before then."""

    def is_running(self) -> bool:
        return False

    def shutdown(self, timeout_ms: int = 10000) -> bool:
        return True

    def set_suggestion(self, recognition) -> None:
        pass

    def choose_label(self, text: str) -> bool:
        return False
