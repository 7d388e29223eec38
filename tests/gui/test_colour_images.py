"""Colour images through the window (issue 17): CIFAR-10 in the Data tab (its sample grid in
colour, the colour jitter shown for it and hidden for grey sets) and the Draw tab for a model
of colour pictures (a picture view instead of the canvas, predicting a file and a pasted picture)."""

import numpy as np
import pytest
import torch
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QFileDialog

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.spec import AugmentConfig, DataConfig
from playground.core.data import cifar
from playground.core.inference.predictor import ModelPredictor
from playground.core.model.build import build_model
from playground.gui.jobs import running_jobs
from playground.gui.tabs.data_panel import DataPanel
from playground.gui.tabs.draw_panel import DrawPanel
from tests.core.test_data_cifar import make_archive, make_batches

pytestmark = pytest.mark.usefixtures("personal_folder")


# ------------------------------------------------------------------ the Data tab


@pytest.fixture
def cifar_dir(tmp_path):
    folder = tmp_path / "data" / "cifar10"
    folder.mkdir(parents=True)
    (folder / cifar.ARCHIVE).write_bytes(make_archive(make_batches(seed=3)))
    return tmp_path / "data"


def test_cifar10_loads_in_the_data_tab_with_colour_samples_and_colour_jitter(qtbot, cifar_dir):
    panel = DataPanel(str(cifar_dir))
    qtbot.addWidget(panel)
    index = panel.dataset_combo.findData("cifar10")
    assert index >= 0 and panel.dataset_combo.itemText(index) == "CIFAR-10"  # on this computer: no "(download)"
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000):
        panel.dataset_combo.setCurrentIndex(index)
    grid = panel.samples_group.sample_grid.images()
    assert grid.shape[1:] == (3, 32, 32)
    assert not torch.equal(grid[:, 0], grid[:, 1])  # three different planes: shown in colour, not grey
    group = panel.augment_group
    assert group.is_colour() and group.saturation_spin.isVisibleTo(group) and group.hue_spin.isVisibleTo(group)
    group.saturation_spin.setValue(0.4)
    group.hue_spin.setValue(0.05)
    assert panel.data_config().augment == AugmentConfig(saturation=0.4, hue=0.05)
    assert group.preview_augmented.images().shape[1] == 3
    qtbot.waitUntil(lambda: not running_jobs("dataset-load"), timeout=10000)


def test_colour_jitter_is_hidden_for_grey_sets_and_not_in_their_settings(qtbot, tmp_path):
    from tests.gui.test_data_panel import _write_small_mnist

    _write_small_mnist(tmp_path / "data")
    panel = DataPanel(str(tmp_path / "data"))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000):
        panel.set_data_config(DataConfig("mnist", augment=AugmentConfig(rotation=10, saturation=0.5)))
    group = panel.augment_group
    assert not group.is_colour() and not group.saturation_spin.isVisibleTo(group)
    assert panel.data_config().augment == AugmentConfig(rotation=10)
    # a missing CIFAR-10 downloads on first use
    assert panel.dataset_combo.itemText(panel.dataset_combo.findData("cifar10")) == "CIFAR-10 (download)"
    qtbot.waitUntil(lambda: not running_jobs("dataset-load"), timeout=10000)


# ------------------------------------------------------------------ the Draw tab


def red_or_blue_model():
    """A model of 3×32×32 pictures that says "red" when red outweighs blue and "blue" otherwise."""
    network = build_model(ModelSpec((3, 32, 32), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 2}))))
    linear = next(m for m in network.modules() if isinstance(m, torch.nn.Linear))
    with torch.no_grad():
        weight = torch.zeros(2, 3, 32, 32)
        weight[0, 0], weight[0, 2] = 0.05, -0.05
        weight[1] = -weight[0]
        linear.weight.copy_(weight.view(2, -1))
        linear.bias.zero_()
    return ModelPredictor.from_network(network, "classification", ["red", "blue"], "Run 7")


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 560)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_a_colour_model_gets_the_picture_view_and_predicts_a_file_and_a_pasted_picture(qtbot, panel, tmp_path, monkeypatch):
    from PIL import Image

    assert panel.input_stack.currentWidget() is panel.canvas  # the starter digit model: the canvas
    panel.set_predictor(red_or_blue_model())
    assert panel.input_stack.currentWidget() is panel.picture
    assert not panel.canvas.isVisible() and not panel.brush_slider.isVisible() and not panel.undo_button.isVisible()
    assert panel.open_button.isVisible() and panel.paste_button.isVisible()
    assert "red, blue" in panel.picture.hint()
    assert "32×32 picture" in panel.preview.toolTip()
    assert panel.inside.why_method.currentData() == "integrated_gradients"  # no Conv2D: Grad-CAM is not offered

    picture = np.zeros((48, 64, 3), np.uint8)
    picture[..., 0] = 220  # a red picture, not square
    picture[..., 2] = 30
    Image.fromarray(picture).save(tmp_path / "red.png")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(tmp_path / "red.png"), ""))
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        panel.open_button.click()
    recognition = blocker.args[0]
    assert recognition.top_name == "red" and panel.top_label.text() == "red"
    assert recognition.model_image.shape == (3, 32, 32)
    assert recognition.model_image[0].min() > 0.8 and recognition.model_image[2].max() < 0.15
    np.testing.assert_array_equal(panel.picture.picture(), picture)
    shown = panel.preview.pixmap().toImage().pixelColor(50, 50)
    assert shown.red() > 200 and shown.blue() < 40  # the model input shown in colour

    blue = QImage(40, 40, QImage.Format.Format_RGB32)
    blue.fill(0x2020E0)
    QApplication.clipboard().setImage(blue)
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        panel.paste_button.click()
    assert blocker.args[0].top_name == "blue"

    panel.clear_button.click()
    assert panel.picture.picture() is None and panel.recognition is None

    panel.set_predictor(None)  # back to the starter digit model: the canvas again
    assert panel.input_stack.currentWidget() is panel.canvas and panel.brush_slider.isVisible()
    assert "28×28 image" in panel.preview.toolTip()


# ------------------------------------------------------------------ in Japanese


def test_cifar10_class_names_title_and_advice_in_japanese(japanese, qtbot, cifar_dir, tmp_path, monkeypatch):
    from playground.core.data.dataset import DatasetError
    from playground.core.data.registry import load_dataset
    from playground.gui.i18n.dataset_text import class_names_text, dataset_title, load_message_text
    from playground.gui.i18n.errors import error_text

    assert class_names_text(list(cifar.CIFAR10_CLASSES))[0] == "飛行機" and class_names_text(["cat", "dog"]) == ["cat", "dog"]
    assert "CIFAR-10" in dataset_title("cifar10", "") and dataset_title("cifar10", "") != "CIFAR-10"
    panel = DataPanel(str(cifar_dir))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000):
        panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData("cifar10"))
    captions = panel.samples_group.sample_grid._captions
    assert captions and set(captions) <= {"飛行機", "自動車", "鳥", "猫", "鹿", "犬", "カエル", "馬", "船", "トラック"}
    qtbot.waitUntil(lambda: not running_jobs("dataset-load"), timeout=10000)

    # offline: the failed download's first line and its advice read in Japanese, the reasons as they are
    monkeypatch.setattr(cifar, "CIFAR10_MIRRORS", [(tmp_path / "offline").as_uri() + "/"])
    with pytest.raises(DatasetError) as failed:
        load_dataset("cifar10", data_dir=tmp_path / "empty")
    first, *reasons, advice = load_message_text(str(failed.value)).split("\n")
    assert "ダウンロード" in first and "cifar-10-binary.tar.gz" in first
    assert "Put " not in advice and "展開したフォルダー" in advice and str(tmp_path / "empty" / "cifar10") in advice
    # a damaged archive names the problem in Japanese
    bad = tmp_path / "bad.tar.gz"
    bad.write_bytes(b"not an archive")
    with pytest.raises(DatasetError) as damaged:
        cifar.read_cifar_archive(bad)
    assert "使える CIFAR-10 のアーカイブではありません" in error_text(damaged.value)


def test_the_draw_tab_names_cifar10_classes_in_japanese(japanese, qtbot, panel, tmp_path):
    network = build_model(ModelSpec((3, 32, 32), (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 10}))))
    panel.set_predictor(ModelPredictor.from_network(network, "classification", list(cifar.CIFAR10_CLASSES), "Run 8"))
    assert [n.text() for n in panel.bars.names][:3] == ["飛行機", "自動車", "鳥"]
    assert "飛行機" in panel.picture.hint()
    with qtbot.waitSignal(panel.predicted, timeout=3000):
        panel.show_picture(np.full((32, 32, 3), 128, np.uint8))
    assert panel.top_label.text() in {"自信なし", *(n.text() for n in panel.bars.names)}


def test_why_shows_regions_for_a_colour_cnn_and_strokes_again_for_drawings(qtbot, panel):
    network = build_model(ModelSpec((3, 32, 32), (
        LayerSpec("Conv2D", {"filters": 4, "kernel": 3}), LayerSpec("Flatten"), LayerSpec("Dense", {"units": 2}))))
    assert panel.inside.why_method.currentData() == "integrated_gradients"  # strokes, for the digit starter
    panel.set_predictor(ModelPredictor.from_network(network, "classification", ["a", "b"], "Run 9"))
    assert panel.inside.why_method.currentData() == "grad_cam"
    panel.set_predictor(None)
    assert panel.inside.why_method.currentData() == "integrated_gradients"


def test_the_evaluation_dialog_names_cifar10_classes_in_japanese(qtbot, japanese):
    """Evaluate Model… on CIFAR-10: the confusion matrix and per-class table say 飛行機 … トラック
    as the Draw tab does (they were English in the Japanese window)."""
    from playground.core.data.cifar import CIFAR10_CLASSES
    from playground.core.data.dataset import image_dataset
    from playground.core.inference.predictor import Predictor
    from playground.gui.dialogs.evaluation import EvaluationDialog

    rng = np.random.default_rng(0)
    images = rng.integers(0, 256, (20, 3, 8, 8)).astype(np.uint8)
    labels = np.arange(20) % 10
    data = image_dataset("cifar10", list(CIFAR10_CLASSES), (images, labels), (images, labels))

    class Guess(Predictor):
        def _forward(self, x):
            return np.full((len(x), 10), 0.1, dtype=np.float32)

    dialog = EvaluationDialog(Guess((3, 8, 8), "classification", list(CIFAR10_CLASSES), "guess"), data)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.evaluated, timeout=10000):
        dialog.show()
    rows = [dialog.per_class.verticalHeaderItem(i).text() for i in range(10)]
    assert rows[0] == "飛行機" and rows[9] == "トラック", rows
    matrix = [dialog.matrix.verticalHeaderItem(i).text() for i in range(10)]
    assert matrix == rows
