"""Inside the Draw tab's model (gui/tabs/draw_inside.py over core.experiments.inside): the feature
maps of every convolution for the drawing, the "Why?" overlay on the model input, the filters
dialog, and the note for models that cannot be looked inside."""

from __future__ import annotations

import numpy as np
import pytest
from torch import nn

from playground.core.inference.starter import STARTER_SOURCE, starter_model
from playground.gui.tabs.draw_panel import DrawPanel

from .test_draw_canvas import draw

pytestmark = pytest.mark.usefixtures("personal_folder", "english")


@pytest.fixture
def panel(qtbot):
    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 760)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def _preview_rgb(panel) -> np.ndarray:
    image = panel.preview.pixmap().toImage().convertToFormat(panel.preview.pixmap().toImage().Format.Format_RGB888)
    return np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())[
        :, : image.width() * 3
    ].reshape(image.height(), image.width(), 3)


def _tiles(panel) -> list[np.ndarray]:
    out = []
    for grid in panel.inside.grids:
        image = grid.image
        rows = np.array(image.constBits(), dtype=np.uint8).reshape(image.height(), image.bytesPerLine())
        out.append(rows[:, : image.width()].copy())  # each row is padded to 4 bytes
    return out


def test_the_draw_tab_shows_one_feature_map_per_conv_channel_updated_with_each_stroke(qtbot, panel):
    assert panel.predictor.source == STARTER_SOURCE
    channels = [m.out_channels for m in panel.predictor.model.modules() if isinstance(m, nn.Conv2d)]
    assert channels == [16, 32]
    assert panel.inside.image_count() == 48  # blank tiles before anything is drawn
    assert [g.count for g in panel.inside.grids] == channels
    assert all(t.max() == 0 for t in _tiles(panel))

    with qtbot.waitSignal(panel.predicted, timeout=3000):
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])  # a '1'
    assert panel.inside.image_count() == 48
    one = _tiles(panel)
    assert all(t.max() > 0 for t in one)
    assert "Layer 1 (Conv2D), after Layer 3 (ReLU): 16 channels" == panel.inside.captions[0].text()
    with qtbot.waitSignal(panel.predicted, timeout=3000):
        draw(qtbot, panel.canvas, [(60, 40), (150, 40)])  # its bar: a '7'
    seven = _tiles(panel)
    assert all(not np.array_equal(a, b) for a, b in zip(one, seven))
    panel.canvas.clear()
    assert panel.inside.image_count() == 48 and all(t.max() == 0 for t in _tiles(panel))


def test_the_why_overlay_appears_names_method_and_class_and_follows_the_drawing(qtbot, panel):
    assert panel.why_check.isChecked() and panel.why_check.isEnabled()
    assert panel.inside.why_method.currentData() == "integrated_gradients"  # the default: the strokes' shares
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    answer = blocker.args[0].top_name
    assert panel.why_caption.text() == f"Red raised “{answer}”, blue lowered it"
    first = _preview_rgb(panel).astype(int)
    assert (first[..., 0] - first[..., 2]).max() > 60  # reds: strokes that raised the answer
    # Blank paper has no share: the picture's border (no ink near it) stays grey.
    border = np.concatenate([first[:8].reshape(-1, 3), first[-8:].reshape(-1, 3)])
    assert (border[:, 0] == border[:, 2]).all()
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        draw(qtbot, panel.canvas, [(60, 40), (150, 40)])
    assert panel.why_caption.text() == f"Red raised “{blocker.args[0].top_name}”, blue lowered it"
    assert not np.array_equal(first, _preview_rgb(panel))

    panel.inside.why_method.setCurrentIndex(panel.inside.why_method.findData("grad_cam"))  # redrawn at once
    assert panel.why_caption.text() == f"Grad-CAM: why “{blocker.args[0].top_name}”"
    assert "Layer 7 (ReLU)" in panel.why_caption.toolTip()
    cam = _preview_rgb(panel)
    assert (cam[..., 0].astype(int) - cam[..., 2]).max() > 60

    panel.why_check.setChecked(False)  # the plain model input again
    plain = _preview_rgb(panel)
    assert np.array_equal(plain[..., 0], plain[..., 2]) and panel.why_caption.text() == ""


def test_a_dense_model_is_explained_without_grad_cam_and_has_no_maps(qtbot, panel):
    from playground.core.inference.predictor import ModelPredictor
    from playground.core.model.build import Network

    panel.inside.why_method.setCurrentIndex(panel.inside.why_method.findData("grad_cam"))
    net = Network(nn.Sequential(nn.Flatten(), nn.Linear(784, 10)), (1, 28, 28))
    panel.set_predictor(ModelPredictor.from_network(net, "classification", [str(i) for i in range(10)], "dense"))
    assert panel.inside.image_count() == 0 and "no convolution" in panel.inside.note.text()
    combo = panel.inside.why_method
    assert combo.currentData() == "integrated_gradients"  # Grad-CAM needs a convolution: greyed out, left
    assert not combo.model().item(combo.findData("grad_cam")).isEnabled()
    with qtbot.waitSignal(panel.predicted, timeout=3000) as blocker:
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert panel.why_caption.text() == f"Red raised “{blocker.args[0].top_name}”, blue lowered it"
    combo.setCurrentIndex(combo.findData("saliency"))
    assert panel.why_caption.text() == f"Saliency: why “{blocker.args[0].top_name}”"


def test_filters_dialog_shows_every_conv_filter(qtbot, panel):
    panel.inside.filters_button.click()
    dialog = panel.inside.filters_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert [g.count for g in dialog.grids] == [16 * 1, 32 * 16]  # first layer: pixel grids; then per input channel
    assert [c.text() for c in dialog.captions] == [
        "Layer 1 (Conv2D): 16 filters of 3×3", "Layer 5 (Conv2D): 32 filters × 16 input channels, each 3×3",
    ]
    dialog.close()


@pytest.mark.parametrize("fmt", ["onnx", "torchscript"])
def test_an_onnx_or_torchscript_model_predicts_and_says_what_cannot_be_shown(qtbot, panel, tmp_path, fmt):
    from playground.core.inference.loaders import load_predictor
    from playground.core.io.exporters import export_onnx, export_torchscript

    path = (export_onnx if fmt == "onnx" else export_torchscript)(starter_model(), tmp_path / f"m.{'onnx' if fmt == 'onnx' else 'pt'}")
    predictor = load_predictor(path)
    panel.set_predictor(predictor)
    assert panel.predictor is predictor  # it still reads drawings
    note = panel.inside.note.text()
    assert panel.inside.image_count() == 0 and panel.inside.stack.currentWidget() is panel.inside.note
    assert str(path) in note and ("ONNX" if fmt == "onnx" else "TorchScript") in note
    assert "cannot be shown" in note and ".nnpmodel" in note
    assert not panel.why_check.isEnabled()
    with qtbot.waitSignal(panel.predicted, timeout=5000):
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert panel.why_caption.text() == "No overlay for this model: see the note."
    panel.inside.filters_button.click()
    qtbot.addWidget(panel.inside.filters_dialog)
    assert panel.inside.filters_dialog.note.text() == note and not panel.inside.filters_dialog.grids


def test_the_onnx_note_and_the_captions_in_japanese(qtbot, japanese, tmp_path):
    from playground.core.inference.loaders import load_predictor
    from playground.core.io.exporters import export_torchscript

    panel = DrawPanel()
    qtbot.addWidget(panel)
    panel.resize(900, 760)
    panel.show()
    with qtbot.waitSignal(panel.predicted, timeout=3000):
        draw(qtbot, panel.canvas, [(150, 40), (140, 240)])
    assert panel.inside.captions[0].text() == "第 1 層 (Conv2D) (第 3 層 (ReLU) の後): 16 チャンネル"
    assert panel.why_caption.text() == "赤は「1」を押し上げ、青は押し下げた"
    assert [panel.inside.why_method.itemText(k) for k in range(3)] == ["線ごと", "領域", "感度"]
    panel.inside.why_method.setCurrentIndex(1)
    assert panel.why_caption.text().startswith("Grad-CAM: 「")
    panel.set_predictor(load_predictor(export_torchscript(starter_model(), tmp_path / "m.pt")))
    assert "TorchScript ファイルです" in panel.inside.note.text()
