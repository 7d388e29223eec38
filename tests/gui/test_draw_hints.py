"""The Draw tab says what its model reads, keeps the keyboard on the canvas after Save
sample, and names fine-tuned models in the UI's language (issue 15, items 9 and 10)."""

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from playground.core.data.images import IDX_SOURCES
from playground.core.inference.predictor import ModelPredictor
from playground.core.inference.starter import load_starter
from playground.gui.tabs.draw_panel import DrawPanel

from .test_draw_canvas import draw

# Personal samples (and a retrained starter) go to a temporary folder: the shipped starter, never the user's own.
pytestmark = pytest.mark.usefixtures("personal_folder")

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
TUNED = "Starter model (digits) fine-tuned on 6 personal samples"
TUNED_JA = "スターターモデル (数字) を自分のサンプル 6 個でファインチューニング"


def make_panel(qtbot):
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 700)
    with qtbot.waitActive(panel):
        panel.show()
        panel.activateWindow()
    return panel


def with_classes(names, source="Run 2"):
    return ModelPredictor.from_network(load_starter().model, "classification", list(names), source)


def test_the_canvas_says_what_the_model_reads(qtbot):
    panel = make_panel(qtbot)
    canvas = panel.canvas
    assert canvas.hint() == "Draw a digit here" and canvas.toolTip().startswith("Draw a digit here")

    panel.set_predictor(with_classes(IDX_SOURCES["fashion-mnist"].class_names))
    assert "clothing" in canvas.hint() and "digit" not in canvas.hint()
    assert "digit here" not in canvas.toolTip()

    panel.set_predictor(with_classes(IDX_SOURCES["kmnist"].class_names))
    assert "hiragana" in canvas.hint() and "お" in canvas.hint()

    panel.set_predictor(with_classes(["cat", "dog", "bird"]))
    assert canvas.hint() == "Draw one of these here: cat, dog, bird"
    panel.set_predictor(with_classes([f"class {i}" for i in range(9)]))
    assert canvas.hint().endswith("class 5, …")

    panel.set_predictor(None)  # the starter again
    assert canvas.hint() == "Draw a digit here"


def test_the_canvas_hint_is_translated(qtbot, japanese):
    panel = make_panel(qtbot)
    panel.set_predictor(with_classes(IDX_SOURCES["fashion-mnist"].class_names))
    assert JAPANESE.search(panel.canvas.hint()) and "Draw" not in panel.canvas.hint()
    assert panel.undo_button.text() == "一画戻す"


def test_after_save_sample_typing_a_digit_labels_the_next_drawing(qtbot):
    """Save sample turns itself off (the canvas is cleared): the focus goes back to the canvas,
    not on to "Train last layers", and a digit typed there picks the next drawing's answer."""
    panel = make_panel(qtbot)
    teach = panel.teach_box
    layers = teach.layers_spin.value()
    draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    teach.label_combo.setCurrentIndex(4)
    qtbot.mouseClick(teach.save_button, Qt.MouseButton.LeftButton)
    assert teach.samples_button.text().startswith("My samples (1)")
    assert QApplication.focusWidget() is panel.canvas

    QTest.keyClicks(QApplication.focusWidget(), "7")
    assert teach.layers_spin.value() == layers
    draw(qtbot, panel.canvas, [(150, 40), (140, 240)])  # read as a 1; the typed 7 stays the answer
    assert panel.recognition.top_name == "1" and teach.label_combo.currentText() == "7"

    panel.canvas.clear()  # the next drawing gets the model's suggestion again
    draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert teach.label_combo.currentText() == "1"
    QTest.keyClicks(panel.canvas, "3")  # typed after drawing, as a correction
    assert teach.label_combo.currentText() == "3" and teach.layers_spin.value() == layers


def test_typing_a_class_names_first_letter_picks_it(qtbot):
    panel = make_panel(qtbot)
    panel.set_predictor(with_classes(IDX_SOURCES["fashion-mnist"].class_names))
    draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    QTest.keyClicks(panel.canvas, "b")
    assert panel.teach_box.label_combo.currentText() == "Bag"


def test_a_fine_tuned_model_named_in_english_is_shown_in_japanese(qtbot, japanese):
    """A model fine-tuned before switching to Japanese (or saved so) keeps its English name;
    the Draw tab shows it in Japanese, however often it was fine-tuned."""
    panel = make_panel(qtbot)
    panel.set_predictor(with_classes([str(d) for d in range(10)], TUNED))
    assert TUNED_JA in panel.model_label.text() and "fine-tuned" not in panel.model_label.text()
    panel.set_predictor(with_classes([str(d) for d in range(10)], TUNED + " fine-tuned on 1 personal sample"))
    assert f"{TUNED_JA} を自分のサンプル 1 個でファインチューニング" in panel.model_label.text()
    panel.use_fine_tuned(with_classes([str(d) for d in range(10)], "Run 3 (fine-tuned)"))
    assert "実行 3 (ファインチューニング済み)" in panel.model_label.text()


def test_fine_tuned_runs_are_shown_in_the_windows_language(qtbot, japanese, tmp_path, dialogs):
    """The run's name stays English in the project; the runs list, the Draw tab, Export's
    tooltip and the starting-weights menu show it in Japanese."""
    from PySide6.QtCore import QSettings

    from playground.core.experiments.transfer import start_from_starter
    from playground.gui.main_window import MainWindow

    window = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.draw_panel.predictor is not None, timeout=20000)  # torch has loaded
    record = start_from_starter().as_run(TUNED)
    window.controller.add_run(record)
    assert window.controller.runs[-1].label == TUNED  # the project keeps the English name
    assert window.runs_list.item(0).text().startswith(TUNED_JA)
    assert TUNED_JA in window.draw_panel.model_label.text()
    assert TUNED_JA in window.export_action.toolTip()
    window.start_weights._on_menu_about_to_show()
    assert TUNED_JA in [a.text() for a in window.start_weights._menu.actions()]
    window.controller.set_dirty(False)
