"""The drawing canvas: synthesized mouse strokes reach the model through MNIST-style framing."""

import numpy as np
import torch
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from playground.core.inference.predictor import ModelPredictor
from playground.core.inference.starter import STARTER_SOURCE, load_starter
from playground.gui.tabs.draw_canvas import CANVAS_SIZE
from playground.gui.tabs.draw_panel import DrawPanel

# Personal samples (and a retrained starter) go to a temporary folder: the shipped starter, never the user's own.
pytestmark = pytest.mark.usefixtures("personal_folder")


def draw(qtbot, canvas, points):
    """One stroke through `points` given in canvas pixels (0..280), as real mouse events."""
    side = min(canvas.width(), canvas.height())
    ox, oy = (canvas.width() - side) / 2, (canvas.height() - side) / 2
    to_widget = [QPoint(round(ox + x * side / CANVAS_SIZE), round(oy + y * side / CANVAS_SIZE)) for x, y in points]
    qtbot.mousePress(canvas, Qt.MouseButton.LeftButton, pos=to_widget[0])
    for a, b in zip(to_widget, to_widget[1:]):
        for t in np.linspace(0, 1, 6)[1:]:
            QTest.mouseMove(canvas, QPoint(round(a.x() + (b.x() - a.x()) * t), round(a.y() + (b.y() - a.y()) * t)))
    qtbot.mouseRelease(canvas, Qt.MouseButton.LeftButton, pos=to_widget[-1])


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 520)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_drawn_one_is_predicted_by_the_starter_model(qtbot, panel):
    assert panel.predictor.source == STARTER_SOURCE
    assert STARTER_SOURCE in panel.model_label.text()
    assert panel.recognition is None
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])  # a '1', off-centre
    recognition = blocker.args[0]
    assert recognition.top_name == "1"
    assert panel.top_label.text() == "1"
    assert panel.bars.values()[1] == pytest.approx(recognition.probabilities[1], abs=1e-3)
    assert recognition.model_input.shape == (28, 28)
    assert not panel.preview.pixmap().isNull()
    assert len(panel.canvas.strokes) == 1


def test_a_drawing_made_while_torch_loads_is_read_once_the_model_is_there(qtbot, monkeypatch):
    """At startup the Draw tab is built while torch loads (gui.torch_loader): the canvas draws,
    the label says the model is coming, and the drawing is read when it has come."""
    from playground.gui.tabs import draw_panel as module

    waiting = []
    monkeypatch.setattr(module, "torch_is_loading", lambda: True)
    monkeypatch.setattr(module, "when_torch_ready", waiting.append)
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 520)
    panel.show()
    qtbot.waitExposed(panel)
    assert panel.predictor is None and "PyTorch" in panel.model_label.text()
    assert not panel.teach_box.is_running() and panel.teach_box.shutdown()
    draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert panel.recognition is None and len(panel.canvas.strokes) == 1
    monkeypatch.setattr(module, "torch_is_loading", lambda: False)
    with qtbot.waitSignal(panel.predicted, timeout=10000) as blocker:
        waiting[0]()
    assert blocker.args[0].top_name == "1" and panel.predictor.source == STARTER_SOURCE
    assert panel.teach_box.label_combo.count() == 10  # the real teach box, for the starter's classes


def test_seven_from_two_strokes_then_undo_and_clear(qtbot, panel):
    draw(qtbot, panel.canvas, [(60, 60), (210, 60)])
    draw(qtbot, panel.canvas, [(210, 60), (110, 250)])
    assert panel.recognition.top_name == "7"
    panel.canvas.setFocus()
    QTest.keySequence(panel.canvas, QKeySequence(QKeySequence.StandardKey.Undo))
    assert len(panel.canvas.strokes) == 1
    QTest.keyClick(panel.canvas, Qt.Key.Key_Escape)
    assert panel.canvas.is_empty() and panel.recognition is None
    assert panel.canvas.image_array().max() == 0


def test_non_image_model_is_named_and_the_starter_stands_in(qtbot, panel):
    from playground.core.model.build import build_model
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    xor = build_model(ModelSpec((2,), (LayerSpec("Dense", {"units": 2}),)))
    panel.set_predictor(ModelPredictor.from_network(xor, "classification", ["0", "1"], "Run 1"))
    text = panel.model_label.text()
    assert "Run 1" in text and "shape 2" in text and STARTER_SOURCE in text
    assert panel.predictor.source == STARTER_SOURCE


def test_why_a_model_cannot_read_drawings_shows_in_japanese(qtbot, panel, qapp):
    from playground.core.model.build import build_model
    from playground.core.config.model_spec import LayerSpec, ModelSpec
    from playground.gui.i18n import language as i18n

    xor = build_model(ModelSpec((2,), (LayerSpec("Dense", {"units": 2}),)))
    assert i18n.install_translators(qapp, "ja")
    try:
        panel.set_predictor(ModelPredictor.from_network(xor, "classification", ["0", "1"], "Run 1"))
    finally:
        i18n.install_translators(qapp, "en")
    text = panel.model_label.text()
    assert "このモデルの入力は画像ではなく形状 2 のデータなので" in text and "実行 1" in text, text  # the run's name too
    assert "not images" not in text


def test_window_model_is_used_with_its_class_names(qtbot, panel):
    starter = load_starter()
    names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    fashion = ModelPredictor.from_network(starter.model, "classification", names, "Run 2")
    panel.set_predictor(fashion)
    assert [n.text() for n in panel.bars.names] == names
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert blocker.args[0].top_name == "Trouser"  # the digit model's '1', under Fashion-MNIST's names
    panel.set_predictor(None)
    assert panel.predictor.source == STARTER_SOURCE


def test_opened_picture_is_predicted(qtbot, panel, tmp_path):
    from PIL import Image

    ink = np.zeros((120, 200), np.uint8)  # black '1' on white, wide image
    ink[10:110, 95:105] = 255
    Image.fromarray(255 - ink).save(tmp_path / "one.png")
    from playground.core.data.preprocess import read_image

    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        panel.show_picture(read_image(tmp_path / "one.png"))
    assert blocker.args[0].top_name == "1"


def test_teach_save_review_delete_and_fine_tune(qtbot, panel, personal_folder, monkeypatch):
    # Personal samples alone (mixing in original data is tested in tests/core/test_personal.py).
    monkeypatch.setattr("playground.gui.tabs.teach.base_dataset_for", lambda names, shape: None)
    from playground.core.model.build import build_model
    from playground.core.config.model_spec import LayerSpec, ModelSpec
    from playground.gui.tabs.teach import SamplesDialog

    # A tiny untrained digit model, so that fine-tuning in the test takes a moment.
    tiny = build_model(ModelSpec((1, 28, 28), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 10}))))
    panel.set_predictor(ModelPredictor.from_network(tiny, "classification", [str(d) for d in range(10)], "Run 3"))
    teach = panel.teach_box
    assert not teach.save_button.isEnabled()  # nothing drawn
    for i in range(4):  # this person's '4' is a single slanted stroke
        draw(qtbot, panel.canvas, [(80 + 10 * i, 40), (200, 240)])
        teach.label_combo.setCurrentIndex(4)
        assert teach.save_button.isEnabled()
        qtbot.mouseClick(teach.save_button, Qt.MouseButton.LeftButton)
        assert panel.canvas.is_empty()
    files = sorted(personal_folder.glob("4/*.png"))
    assert len([f for f in files if not f.stem.endswith("-raw")]) == 4
    assert teach.samples_button.text().startswith("My samples (4)")

    dialog = SamplesDialog(teach.personal)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 4 and dialog.list.item(0).text() == "4"
    dialog.list.item(0).setSelected(True)
    dialog.delete_selected()
    assert dialog.list.count() == 3
    teach.recount()
    assert teach.samples_button.text().startswith("My samples (3)")

    teach.layers_spin.setValue(0)
    with qtbot.waitSignal(teach.tuning_ended, timeout=60000):
        qtbot.mouseClick(teach.tune_button, Qt.MouseButton.LeftButton)
        assert teach.is_running() and not teach.tune_button.isEnabled()
    result = teach.last_result
    assert result.n_personal == 3 and result.after >= result.before and result.after == 1.0
    assert "after" in teach.status.text()
    assert panel.predictor.source == "Run 3 (fine-tuned)"
    assert not teach.is_running() and teach.tune_button.isEnabled()


def test_retrain_button_follows_the_starter_and_mnist(qtbot, panel, tmp_path, monkeypatch):
    """Without full MNIST the button says how to get it; a run's image model hides it."""
    assert panel.uses_starter() and panel.retrain_button.isVisibleTo(panel)
    assert not panel.retrain_button.isEnabled()
    assert "not on this computer" in panel.retrain_button.toolTip()
    starter = load_starter()
    panel.set_predictor(ModelPredictor.from_network(starter.model, "classification", starter.class_names, "Run 4"))
    assert not panel.retrain_button.isVisibleTo(panel)


def test_one_click_retrains_the_starter_on_full_mnist(qtbot, panel, tmp_path):
    """With MNIST's IDX files on this computer (here a tiny stand-in) the button retrains the
    starter in the background and the canvas switches to the retrained model."""
    from playground.core.data.idx import write_idx
    from playground.core.inference.starter import MNIST_STARTER_SOURCE

    rng = np.random.default_rng(0)
    folder = tmp_path / "mnist"
    folder.mkdir()
    for split, n in (("train", 120), ("t10k", 30)):
        write_idx(folder / f"{split}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{split}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))
    panel.set_predictor(None)
    assert panel.retrain_button.isEnabled()
    with qtbot.waitSignal(panel.teach_box.tuning_ended, timeout=180000) as blocker:
        qtbot.mouseClick(panel.retrain_button, Qt.MouseButton.LeftButton)
        assert not panel.retrain_button.isEnabled()
    assert blocker.args[0].status == "completed"
    assert panel.predictor.source == MNIST_STARTER_SOURCE
    assert (tmp_path / "models" / "starter-digits-mnist.safetensors").is_file()
    assert panel.retrain_button.isEnabled()


def test_ctrl_z_on_the_canvas_undoes_the_stroke_not_the_layer_edit(qtbot, tmp_path, monkeypatch):
    """The Edit menu's Ctrl+Z (layer builder undo) and the canvas's Ctrl+Z share a key: the
    canvas claims it only while it has focus."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from playground.gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    window.layer_builder._add_layer_type("Dropout")
    stack = window.layer_builder.undo_stack
    edits = stack.index()
    window.settings_tabs.setCurrentWidget(window.draw_panel)
    canvas = window.draw_panel.canvas
    draw(qtbot, canvas, [(60, 60), (210, 60)])
    draw(qtbot, canvas, [(210, 60), (110, 250)])
    qtbot.waitUntil(canvas.hasFocus)
    QTest.keySequence(canvas, QKeySequence(QKeySequence.StandardKey.Undo))
    assert len(canvas.strokes) == 1 and stack.index() == edits
    window.layer_builder.setFocus()
    qtbot.waitUntil(lambda: not canvas.hasFocus())
    QTest.keySequence(window.layer_builder, QKeySequence(QKeySequence.StandardKey.Undo))
    assert len(canvas.strokes) == 1 and stack.index() == edits - 1
    window.controller.set_dirty(False)


def _fine_tune_in_window(qtbot, window, strokes):
    """Save one personal '4' per stroke in the window's Draw tab, fine-tune the last layer and
    wait for the end; returns the FineTuneResult."""
    teach = window.draw_panel.teach_box
    for stroke in strokes:
        draw(qtbot, window.draw_panel.canvas, stroke)
        teach.label_combo.setCurrentIndex(4)
        qtbot.mouseClick(teach.save_button, Qt.MouseButton.LeftButton)
    teach.layers_spin.setValue(1)
    with qtbot.waitSignal(teach.tuning_ended, timeout=60000) as blocker:
        qtbot.mouseClick(teach.tune_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0] is teach.last_result
    return blocker.args[0]


def _same_weights(a, b):
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


def test_fine_tuned_model_becomes_a_run_that_saves_and_exports(qtbot, tmp_path, monkeypatch, dialogs):
    """A fine-tuning's model joins the runs list (selected, unsaved), whether it started from
    the starter model (no run) or from a model file opened as a run, and File ▸ Export and
    Save keep it."""
    from PySide6.QtCore import QSettings

    from playground.core.io.bundle import load_model_bundle
    from playground.core.io.project import load_project
    from playground.gui.main_window import MainWindow

    monkeypatch.setattr("playground.gui.tabs.teach.base_dataset_for", lambda names, shape: None)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.show()
    window.settings_tabs.setCurrentWidget(window.draw_panel)
    qtbot.waitExposed(window)
    controller, runs = window.controller, window.runs_list
    assert controller.current_run is None and window.draw_panel.uses_starter()
    assert not window.export_action.isEnabled()

    # 1. From the starter model, which is no run.
    result = _fine_tune_in_window(qtbot, window, [[(90, 40), (200, 240)], [(110, 40), (190, 240)]])
    assert runs.count() == 1 and len(controller.runs) == 1
    record = controller.runs[0]
    assert record.label == "Starter model (digits) fine-tuned on 2 personal samples"
    assert runs.item(0).text().startswith(record.label)
    assert controller.current_run is record and window.isWindowModified()
    assert _same_weights(record.state_dict, result.predictor.model.state_dict())
    assert window.draw_panel.predictor.source == record.label
    assert _same_weights(window.draw_panel.predictor.model.state_dict(), record.state_dict)
    assert window.export_action.isEnabled() and record.label in window.export_action.toolTip()

    bundle_path = tmp_path / "tuned.nnpmodel"
    with qtbot.waitSignal(window.model_files.exported, timeout=30000):
        window.model_files.start_export(controller.current_run, "bundle", bundle_path)
    bundle = load_model_bundle(bundle_path)
    assert bundle.label == record.label and bundle.class_names == [str(d) for d in range(10)]
    assert _same_weights(bundle.state_dict, record.state_dict)

    assert controller.save_to(tmp_path / "work.nnp") and not window.isWindowModified()
    saved = load_project(tmp_path / "work.nnp").runs
    assert [r.label for r in saved] == [record.label] and _same_weights(saved[0].state_dict, record.state_dict)

    # 2. From a model file: the bundle just exported opens as a run; its fine-tuning is one more.
    assert window.model_files.open_model_file(bundle_path)
    assert runs.count() == 2 and not dialogs
    # Tuned on personal samples alone, its data is no dataset of the Data tab: said, not raised.
    assert "The Data tab keeps its dataset" in window.log_view.toPlainText()
    opened = controller.current_run
    result = _fine_tune_in_window(qtbot, window, [[(100, 40), (200, 230)]])
    assert runs.count() == 3
    tuned = controller.runs[-1]
    assert tuned.label == f"{opened.label} fine-tuned on 3 personal samples"
    assert controller.current_run is tuned and window.isWindowModified()
    assert _same_weights(tuned.state_dict, result.predictor.model.state_dict())
    window.controller.set_dirty(False)


@pytest.mark.parametrize("size", [(560, 800), (540, 600)])
def test_tall_panel_keeps_its_parts_together(qtbot, panel, size):
    """The canvas stays square with its tools and the teach box right under it; the bars grow
    with the height up to a limit; what is left over goes below, not between the parts."""
    from playground.gui.tabs.draw_panel import BAR_MAX_HEIGHT

    panel.resize(*size)
    qtbot.waitUntil(lambda: panel.size().toTuple() == size)
    qtbot.wait(20)  # the canvas caps its height in its own resize: one more layout pass
    canvas, teach, bars = panel.canvas, panel.teach_box, panel.bars.bars
    assert canvas.height() <= canvas.width() + 1
    assert 0 <= teach.geometry().top() - panel.clear_button.geometry().bottom() < 30
    assert all(14 <= b.height() <= BAR_MAX_HEIGHT for b in bars)
    if size[1] >= 800:
        assert bars[0].height() > 20  # a tall panel shows big bars


def test_closing_during_fine_tuning_asks_and_keeps_the_model_so_far(qtbot, tmp_path, monkeypatch):
    """Quitting while the Draw tab fine-tunes asks first; on Yes the fine-tune stops and its
    model so far joins the runs, so the save question that follows covers it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    import playground.gui.tabs.teach as teach_module
    from playground.core.experiments.finetune import fine_tune
    from playground.gui.main_window import MainWindow

    monkeypatch.setattr(teach_module, "base_dataset_for", lambda names, shape: None)
    monkeypatch.setattr(teach_module, "fine_tune", lambda *a, **kw: fine_tune(*a, **{**kw, "epochs": 100_000}))
    asked = []

    def answer(parent, title, text, buttons, *rest):
        asked.append(title)
        if buttons & QMessageBox.StandardButton.Discard:  # "Save changes?" -> Discard
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.show()
    window.settings_tabs.setCurrentWidget(window.draw_panel)
    qtbot.waitExposed(window)
    teach = window.draw_panel.teach_box
    draw(qtbot, window.draw_panel.canvas, [(90, 40), (200, 240)])
    teach.label_combo.setCurrentIndex(4)
    qtbot.mouseClick(teach.save_button, Qt.MouseButton.LeftButton)
    teach.layers_spin.setValue(1)
    qtbot.mouseClick(teach.tune_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: teach.progress.maximum() > 0 and teach.progress.value() >= 1, timeout=30000)  # an epoch ended
    assert teach.is_running()

    assert window.close()
    assert not teach.is_running()
    assert asked == ["Fine-tuning is running", "Unsaved changes"]  # the new run makes the project unsaved
    assert window.runs_list.count() == 1 and "fine-tuned on 1 personal sample" in window.controller.runs[0].label
