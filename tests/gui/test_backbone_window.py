"""A pretrained network as the starting weights in the window (issue 17 item 3): picking
ResNet-18 reads its weights on a job (random weights with torchvision's keys stand in for the
download), puts the backbone and a new output layer for the folder's classes into the builder,
the diagram draws it as one block, its row fine-tunes and resizes as undoable edits, training
keeps it frozen, and missing weights give the message naming the file and where to put it."""

import pytest
import torch
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel

from playground.core.config.backbone import BACKBONES, BackboneSpec
from playground.core.config.spec import RunConfig
from tests.core.test_backbones import random_state, resnet18_keys
from tests.core.test_pretrained_weights import _colour_folder

pytest.importorskip("PIL")


@pytest.fixture
def weights_dir(tmp_path, monkeypatch):
    folder = tmp_path / "weights"
    folder.mkdir()
    monkeypatch.setenv("PLAYGROUND_WEIGHTS_DIR", str(folder))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    return folder


def _folder_data(window, qtbot, tmp_path):
    folder = _colour_folder(tmp_path / "pets", n=6)
    cfg = RunConfig.from_dict({
        "name": "pets", "data": {"name": "folder", "options": {"path": str(folder), "size": 16}, "val_split": 0.25},
        "model": {"layers": [{"type": "Flatten"}, {"type": "Dense", "units": 2}]},
        "optimizer": {"name": "adam", "lr": 0.01}, "train": {"epochs": 2, "batch_size": 4, "device": "cpu"},
    })
    window.controller.apply_config(cfg)
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.data_panel.dataset().name == "folder",
                    timeout=20000)


def test_resnet18_as_the_start_builds_trains_and_stays_frozen(window, qtbot, tmp_path, weights_dir):
    state = random_state(resnet18_keys(), seed=3)
    torch.save(state, weights_dir / BACKBONES["resnet18"].weights_file)
    _folder_data(window, qtbot, tmp_path)
    bar, builder = window.start_weights, window.layer_builder
    with qtbot.waitSignal(bar.start_changed, timeout=30000):
        bar.choose_pretrained("resnet18")
    assert builder.backbone() == BackboneSpec("resnet18")
    assert [layer.to_dict() for layer in builder.spec().layers] == [{"type": "Dense", "units": 2}]
    assert window.network_diagram._spec.backbone == BackboneSpec("resnet18")
    label = builder.findChild(QLabel, "backbone_label")
    assert label.isVisibleTo(window) and label.text() == "Backbone: ResNet-18 (ImageNet), frozen"
    status = window.findChild(QLabel, "start_weights_status").text()
    assert "120 of 124 tensors of ResNet-18 (ImageNet) fit this model." in status
    # The row's checkbox and size are undoable edits of the model.
    builder.findChild(QCheckBox, "backbone_fine_tune").setChecked(True)
    assert builder.backbone().fine_tune_last and label.text() == "Backbone: ResNet-18 (ImageNet), last block fine-tuned"
    builder.undo_stack.undo()
    assert builder.backbone() == BackboneSpec("resnet18")
    size = builder.findChild(QComboBox, "backbone_size")
    size.setCurrentIndex(size.findData(64))
    assert window.controller.current_config().model.backbone == BackboneSpec("resnet18", 64)

    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    features, labels = [], []
    window.session.features_progressed.connect(features.append)
    window.session.features_progressed.connect(lambda _: labels.append(window.epoch_label.text()))
    with qtbot.waitSignal(window.session.finished, timeout=120000):
        window.train_action.trigger()
    total = features[-1][1]  # the pictures through the frozen backbone before the first epoch, reported as they go
    assert features[0] == (0, total) and features[-1] == (total, total) and total > 0
    assert labels[-1] == f"Backbone features: {total}/{total} pictures"
    run = window.controller.runs[-1]
    assert run.config.model.backbone == BackboneSpec("resnet18", 64)
    for key in ("conv1.weight", "layer4.1.bn2.running_var"):
        assert torch.equal(run.state_dict["backbone.net." + key], state[key]), key  # frozen
    assert run.state_dict["body.0.weight"].shape == (2, 512)


def test_missing_weights_say_which_file_and_where_to_put_it(window, qtbot, tmp_path, weights_dir, monkeypatch, dialogs):
    import playground.core.data.pretrained as pretrained

    monkeypatch.setattr(pretrained, "weights_urls", lambda info: ["http://127.0.0.1:9/" + info.weights_file])
    _folder_data(window, qtbot, tmp_path)
    shown = []
    monkeypatch.setattr(window.start_weights, "_show_problem", shown.append)
    window.start_weights.choose_pretrained("vgg16")
    qtbot.waitUntil(lambda: bool(shown), timeout=30000)
    assert "vgg16-397923af.pth" in shown[0] and str(weights_dir / "vgg16-397923af.pth") in shown[0]
    assert "by hand" in shown[0]
    assert window.start_weights.start() is None and window.layer_builder.backbone() is None
