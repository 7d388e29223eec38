"""The Draw tab holds still: whatever its texts say (a confident answer or "not sure", a long
fine-tuned model name, the teach box's reports, in English or Japanese) the canvas and the
controls around it keep their place and size, and a stroke lands where the pointer was even
if the panel is laid out again while it is drawn (issue 15, item 1)."""

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

import playground.core.inference.recognize as recognize_module
from playground.core.data.preprocess import EmptyImageError
from playground.core.inference.predictor import ModelPredictor
from playground.core.inference.recognize import Recognition
from playground.core.inference.starter import load_starter
from playground.gui.i18n import language as i18n
from playground.gui.tabs.draw_canvas import CANVAS_SIZE
from playground.gui.tabs.draw_panel import DrawPanel

# Personal samples (and a retrained starter) go to a temporary folder: the shipped starter, never the user's own.
pytestmark = pytest.mark.usefixtures("personal_folder")

DIGITS = [str(d) for d in range(10)]
# The width of the Draw tab in a 1400×860 window (where the walkthrough saw the canvas shrink) and in a 1280×800 one.
SIZES = [(554, 705), (500, 640)]


@pytest.fixture(params=["en", "ja"])
def language(request, qapp):
    assert i18n.install_translators(qapp, request.param) or request.param == "en"
    yield request.param
    i18n.install_translators(qapp, "en")


def settle(panel):
    """Let the posted layout requests run (a canvas resize caps its height: one more pass)."""
    for _ in range(4):
        QApplication.processEvents()


def make_panel(qtbot, size):
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(*size)
    panel.show()
    qtbot.waitExposed(panel)
    settle(panel)
    return panel


class Answers:
    """Stands in for core.inference.recognize.recognize: returns what the test says the model thinks."""

    def __init__(self, monkeypatch):
        self.probabilities = None
        monkeypatch.setattr(recognize_module, "recognize", self)

    def __call__(self, predictor, image):
        if self.probabilities is None:
            raise EmptyImageError("nothing drawn")
        return Recognition(np.asarray(self.probabilities), list(predictor.class_names), np.zeros((28, 28)), False)

    def sure(self, digit=7, p=0.93):
        probabilities = np.full(10, (1 - p) / 9)
        probabilities[digit] = p
        self.probabilities = probabilities

    def not_sure(self):
        self.probabilities = np.array([0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.46, 0.01, 0.44, 0.03])


def layout_of(panel):
    """Where each part of the tab is, in panel coordinates."""
    teach = panel.teach_box
    parts = {
        "canvas": panel.canvas,
        "brush": panel.brush_slider,
        "clear": panel.clear_button,
        "undo": panel.undo_button,
        "open": panel.open_button,
        "paste": panel.paste_button,
        "teach": teach,
        "save": teach.save_button,
        "samples": teach.samples_button,
        "tune": teach.tune_button,
        "layers": teach.layers_spin,
        "label": teach.label_combo,
        "preview": panel.preview,
        "bars": panel.bars,
    }
    return {name: (w.mapTo(panel, QPoint(0, 0)).toTuple(), w.size().toTuple()) for name, w in parts.items()}


def cut_texts(panel):
    """Buttons and one-line labels narrower than their text ("Jndo stroke")."""
    from PySide6.QtWidgets import QLabel, QPushButton

    from playground.gui import widgets

    elided = getattr(widgets, "LinesLabel", ())  # cut on purpose, whole in the tooltip (none before issue 15)
    fixed = [w for w in panel.findChildren(QLabel) if not isinstance(w, elided) and not w.wordWrap()]
    widgets = [w for w in panel.findChildren(QPushButton) + fixed if w.isVisibleTo(panel) and w.text()]
    return [(w.text(), w.width(), w.sizeHint().width()) for w in widgets if w.width() < w.sizeHint().width()]


@pytest.mark.parametrize("size", SIZES)
def test_changing_texts_move_nothing(qtbot, monkeypatch, language, size):
    """A confident answer, "not sure", a long fine-tuned model name and the teach box's
    reports leave every control where it was, as large as it was."""
    answers = Answers(monkeypatch)
    panel = make_panel(qtbot, size)
    before = layout_of(panel)
    assert min(before["canvas"][1]) >= 200

    def same_as_before(what):
        settle(panel)
        now = layout_of(panel)
        moved = {k: (before[k], now[k]) for k in before if now[k] != before[k]}
        assert not moved, f"{what} ({language}, {size}) moved: {moved}"
        assert not cut_texts(panel), f"{what} ({language}, {size}): cut {cut_texts(panel)}"

    answers.sure()
    panel.predict_now()
    assert panel.top_label.text() == "7"
    same_as_before("a confident answer")
    answers.not_sure()
    panel.predict_now()
    assert panel.recognition.not_sure()
    same_as_before("'not sure'")
    # whole, in a smaller font where the column is narrow ("Not su…" at 1280×800 before)
    assert panel.top_label.shown_text() == panel.top_label.text(), (language, size, panel.top_label.shown_text())
    answers.sure(1, 0.999)
    panel.predict_now()
    same_as_before("a confident answer after 'not sure'")

    starter = load_starter()
    tuned = "Starter model (digits) fine-tuned on 6 personal samples fine-tuned on 12 personal samples"
    panel.set_predictor(ModelPredictor.from_network(starter.model, "classification", DIGITS, tuned))
    same_as_before("a long fine-tuned model name")
    panel.set_predictor(None)
    same_as_before("the starter again")

    teach = panel.teach_box
    teach.status.setText(
        teach.tr("Accuracy on your {0} samples: {1:.0%} before, {2:.0%} after.").format(1234, 0.5, 1.0)
        + " " + teach.tr("On held-out original data: {0:.1%}.").format(0.981)
        + " " + teach.tr("(Cancelled: the best weights so far are used.)")
    )
    teach._count = 1234
    teach.refresh()
    same_as_before("the teach box's report")
    teach.progress.show()  # as while fine-tuning
    teach.cancel_button.show()
    same_as_before("the fine-tuning's progress")


def test_long_texts_stay_whole_in_their_tooltips(qtbot, monkeypatch):
    """A text longer than its reserved lines is cut with … and whole in its tooltip."""
    answers = Answers(monkeypatch)
    panel = make_panel(qtbot, SIZES[1])
    answers.not_sure()
    panel.predict_now()
    full = panel.confidence_label.text()
    assert full.startswith("Best guess 6 at 46.0%")
    name = "Run 1 " + "fine-tuned on 3 personal samples " * 8
    starter = load_starter()
    panel.set_predictor(ModelPredictor.from_network(starter.model, "classification", DIGITS, name.strip()))
    assert panel.model_label.text().endswith("personal samples")  # the whole text for the code
    assert panel.model_label.toolTip() == panel.model_label.text()  # and for the reader
    assert panel.model_label.shown_text().endswith("…")


def _screen_path(canvas, points):
    """Screen points along `points` (canvas pixels) as the canvas is placed now."""
    side = min(canvas.width(), canvas.height())
    ox, oy = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    along = [points[0]]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        along += [(ax + (bx - ax) * t, ay + (by - ay) * t) for t in np.linspace(0, 1, 6)[1:]]
    return [((x, y), canvas.mapToGlobal(QPoint(round(ox + x * side / CANVAS_SIZE), round(oy + y * side / CANVAS_SIZE)))) for x, y in along]


def _assert_on_path(stroke, expected, tolerance):
    got = np.array([(p.x(), p.y()) for p, _ in stroke])
    want = np.array(expected)
    assert got.shape == want.shape
    off = np.abs(got - want).max(axis=1)
    assert off.max() <= tolerance, f"points off the pointer's path by up to {off.max():.1f} canvas px: {got[off > tolerance][:4]}"


def test_a_stroke_across_a_relayout_lands_where_the_pointer_was(qtbot, monkeypatch):
    """Mid-stroke the answer flips to "not sure" and the model's name grows (the live
    prediction and a finished fine-tuning do this): the canvas keeps its size and place, and
    every point of the stroke is where the pointer was."""
    answers = Answers(monkeypatch)
    panel = make_panel(qtbot, SIZES[0])
    canvas = panel.canvas
    geometry = (canvas.mapTo(panel, QPoint(0, 0)), canvas.size())
    path = _screen_path(canvas, [(60, 60), (220, 70), (200, 230)])
    side = min(canvas.width(), canvas.height())
    tolerance = CANVAS_SIZE / side + 0.5  # a screen pixel's rounding
    first = canvas.mapFromGlobal(path[0][1])
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=first)
    answers.sure()
    panel.predict_now()
    for i, (_, screen) in enumerate(path[1:], 1):
        if i == 3:
            answers.not_sure()
            panel.predict_now()
            settle(panel)
        if i == 6:
            starter = load_starter()
            name = "Starter model (digits) fine-tuned on 6 personal samples fine-tuned on 12 personal samples"
            panel.use_fine_tuned(ModelPredictor.from_network(starter.model, "classification", DIGITS, name))
            settle(panel)
        QTest.mouseMove(canvas, canvas.mapFromGlobal(screen))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas.mapFromGlobal(path[-1][1]))
    assert (canvas.mapTo(panel, QPoint(0, 0)), canvas.size()) == geometry
    [stroke] = canvas.strokes
    _assert_on_path(stroke, [p for p, _ in path], tolerance)


def test_a_stroke_keeps_its_frame_when_the_canvas_moves_and_the_panel_shrinks(qtbot):
    """Even if the canvas were moved mid-stroke, the stroke maps through the canvas as it was
    at the press, and its square is painted where it was on the screen; the drawing is fitted
    to a panel resized mid-stroke once the stroke ends."""
    from PySide6.QtWidgets import QWidget

    host = QWidget()  # the panel is a tab's page in the window: its parent sets its size
    qtbot.addWidget(host)
    host.resize(800, 800)
    panel = DrawPanel(host)
    panel.setGeometry(0, 0, *SIZES[0])
    host.show()
    qtbot.waitExposed(host)
    settle(panel)
    canvas = panel.canvas
    size = canvas.size()
    path = _screen_path(canvas, [(50, 50), (230, 230)])
    side = min(canvas.width(), canvas.height())
    tolerance = CANVAS_SIZE / side + 0.5
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=canvas.mapFromGlobal(path[0][1]))
    for i, (_, screen) in enumerate(path[1:], 1):
        if i == 2:
            board = QRectF(canvas.mapToGlobal(canvas.board().topLeft()), canvas.board().size())
            canvas.move(canvas.pos() + QPoint(37, 23))  # the pointer stays put on the screen
        if i == 4:
            panel.resize(SIZES[0][0], 520)  # lower: the canvas would lose height
            settle(panel)
            # Not while the stroke is drawn: the square stays where it was on the screen.
            assert QRectF(canvas.mapToGlobal(canvas.board().topLeft()), canvas.board().size()) == board
        QTest.mouseMove(canvas, canvas.mapFromGlobal(screen))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=canvas.mapFromGlobal(path[-1][1]))
    [stroke] = canvas.strokes
    _assert_on_path(stroke, [p for p, _ in path], tolerance)
    settle(panel)
    assert canvas.height() < size.height()  # the lower panel's canvas, now the stroke has ended


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_in_the_window_nothing_is_cut_and_nothing_moves(qtbot, monkeypatch, language, tmp_path, dialogs):
    """The Draw tab as the window shows it (built while torch loads, its teach box added
    later), in English and Japanese: no button or label is cut, and a flip to "not sure"
    moves nothing."""
    from PySide6.QtCore import QSettings

    from playground.gui.main_window import MainWindow
    from playground.gui.tabs import draw_panel as module
    from playground.gui.torch_loader import wait_for_torch

    answers = Answers(monkeypatch)
    waiting = []  # as at startup: the Draw tab is built while torch loads, and completed after
    monkeypatch.setattr(module, "torch_is_loading", lambda: True)
    monkeypatch.setattr(module, "when_torch_ready", waiting.append)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.settings_tabs.setCurrentWidget(window.draw_panel)
    qtbot.waitExposed(window)
    panel = window.draw_panel
    settle(panel)
    wait_for_torch()  # the window's own import ends here, not in a later test
    monkeypatch.setattr(module, "torch_is_loading", lambda: False)
    waiting[0]()
    assert panel.predictor is not None
    settle(panel)
    before = layout_of(panel)
    assert not cut_texts(panel), cut_texts(panel)
    for flip in (answers.sure, answers.not_sure, answers.sure):
        flip()
        panel.predict_now()
        settle(panel)
        assert layout_of(panel) == before
        assert not cut_texts(panel), cut_texts(panel)
    window.controller.set_dirty(False)


@pytest.mark.parametrize("language", ["en", "ja"], indirect=True)
def test_strokes_leave_the_window_and_the_canvas_as_they_were(qtbot, language, tmp_path, dialogs):
    """Drawn in a window filling a 1280×800 screen: fixing the canvas's size for each stroke
    raised the window's minimum height, and every stroke grew the window by 2 px (and the
    canvas with it), until the window ran off the screen."""
    from PySide6.QtCore import QSettings

    from playground.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.resize(1264, 754)
    window.show()
    window.settings_tabs.setCurrentWidget(window.draw_panel)
    qtbot.waitExposed(window)
    canvas = window.draw_panel.canvas
    settle(window.draw_panel)
    before = (window.size(), canvas.mapTo(window, QPoint(0, 0)), canvas.size())
    for _ in range(3):
        qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=QPoint(80, 50))
        for x, y in ((120, 50), (200, 52), (210, 100), (190, 200)):
            QTest.mouseMove(canvas, QPoint(x, y))
            settle(window.draw_panel)
        qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=QPoint(190, 200))
        settle(window.draw_panel)
        assert (window.size(), canvas.mapTo(window, QPoint(0, 0)), canvas.size()) == before
    window.controller.set_dirty(False)


@pytest.mark.parametrize("names", [DIGITS, ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]])
def test_the_bars_begin_after_their_class_names(qtbot, names):
    """The grid gave the names' column no width (a LinesLabel has no width of its own): the bars
    began under the names, and in English the digits 0-9 were cut by their bars."""
    from playground.gui.tabs.draw_panel import ProbabilityBars

    bars = ProbabilityBars()
    qtbot.addWidget(bars)
    bars.set_classes(names)
    bars.resize(220, 320)
    bars.show()
    qtbot.waitExposed(bars)
    settle(bars)
    for label, bar in zip(bars.names, bars.bars):
        assert label.geometry().right() < bar.geometry().left(), (label.text(), label.geometry(), bar.geometry())
