"""File ▸ Export… and File ▸ Open Model… in the real window (offscreen, real worker)."""

from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QApplication, QFileDialog

from playground.core.inference.loaders import OnnxPredictor
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import load_model_bundle
from playground.core.config.presets import load_preset


def _train(window, qtbot, epochs=2):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()


def _save_dialog(monkeypatch, path, selected_filter):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **kw: (str(path), selected_filter))


def _open_dialog(monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **kw: (str(path), ""))


def test_export_is_disabled_with_a_reason_until_a_model_is_trained(window):
    action = window.export_action
    assert not action.isEnabled()
    assert "Train a model first" in action.toolTip()
    assert action.shortcut().toString() == "Ctrl+E"
    assert window.open_model_action.shortcut().toString() == "Ctrl+Shift+O"


def test_export_bundle_then_open_it_restores_settings_and_model(window, qtbot, tmp_path, monkeypatch, dialogs):
    _train(window, qtbot)
    assert window.export_action.isEnabled() and window.controller.current_run is window.controller.runs[-1]
    trained_config = window.controller.current_config()
    files = window.model_files
    _save_dialog(monkeypatch, tmp_path / "xor", files.filters()["bundle"])
    with qtbot.waitSignal(files.exported, timeout=30000) as done:
        window.export_action.trigger()
    assert done.args[0] == [str(tmp_path / "xor.nnpmodel")]
    assert QApplication.overrideCursor() is None  # the busy cursor is gone
    bundle = load_model_bundle(tmp_path / "xor.nnpmodel")
    assert bundle.config == window.controller.runs[-1].config

    window.controller.apply_config(load_preset("perceptron"))
    assert window.controller.current_config() != trained_config
    _open_dialog(monkeypatch, tmp_path / "xor.nnpmodel")
    window.open_model_action.trigger()
    assert window.controller.current_config().model == trained_config.model
    assert window.controller.current_config().optimizer == trained_config.optimizer
    assert window.runs_list.count() == 2
    assert window.controller.current_run is window.controller.runs[-1]
    x = np.random.default_rng(0).random((4, 2), dtype=np.float32)
    assert np.array_equal(window.controller.predictor.predict(x), ModelPredictor.from_trained(window.controller.runs[0]).predict(x))
    assert not dialogs


def test_export_onnx_and_code_and_open_onnx_for_prediction_only(window, qtbot, tmp_path, monkeypatch, dialogs):
    _train(window, qtbot)
    files = window.model_files
    reference = window.controller.predictor
    _save_dialog(monkeypatch, tmp_path / "m.onnx", files.filters()["onnx"])
    with qtbot.waitSignal(files.exported, timeout=60000):
        window.export_action.trigger()
        assert not window.export_action.isEnabled()  # one export at a time
    _save_dialog(monkeypatch, tmp_path / "m", files.filters()["code"])
    with qtbot.waitSignal(files.exported, timeout=30000) as done:
        window.export_action.trigger()
    assert done.args[0] == [str(tmp_path / "m.py"), str(tmp_path / "m.weights.pt")]

    _open_dialog(monkeypatch, tmp_path / "m.onnx")
    window.open_model_action.trigger()
    predictor = window.controller.predictor
    assert isinstance(predictor, OnnxPredictor) and window.controller.current_run is None
    x = np.random.default_rng(1).random((6, 2), dtype=np.float32)
    assert np.abs(predictor.predict(x) - reference.predict(x)).max() <= 1e-4
    assert window.runs_list.count() == 1  # prediction only: no run added
    assert not window.export_action.isEnabled() and "prediction only" in window.export_action.toolTip()
    assert not dialogs


def test_export_and_open_errors_are_shown_with_cause_and_fix(window, qtbot, tmp_path, monkeypatch, dialogs):
    _train(window, qtbot)
    files = window.model_files
    _save_dialog(monkeypatch, tmp_path / "missing-folder" / "m.nnpmodel", files.filters()["bundle"])
    with qtbot.waitSignal(files.export_failed, timeout=30000):
        window.export_action.trigger()
    kind, title, text = dialogs[-1]
    assert kind == "warning" and "does not exist" in text and "Nothing was overwritten" in text
    assert QApplication.overrideCursor() is None
    assert window.export_action.isEnabled()

    (tmp_path / "w.pt").write_bytes(b"garbage")
    _open_dialog(monkeypatch, tmp_path / "w.pt")
    before = window.controller.predictor
    window.open_model_action.trigger()
    kind, title, text = dialogs[-1]
    assert kind == "warning" and "w.pt" in text
    assert window.controller.predictor is before


def test_the_export_dialog_opens_in_the_folder_of_the_last_export_also_after_a_restart(
    window, qtbot, tmp_path, monkeypatch, dialogs
):
    _train(window, qtbot)
    folder = tmp_path / "exports"
    folder.mkdir()
    files = window.model_files
    _save_dialog(monkeypatch, folder / "xor", files.filters()["bundle"])
    with qtbot.waitSignal(files.exported, timeout=30000):
        window.export_action.trigger()

    offered = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda parent, title, path, *rest: offered.append(path) or ("", "")
    )
    window.export_action.trigger()  # cancelled: only where it opened matters
    assert [Path(p).parent for p in offered] == [folder]

    # the next session (a new window on the same settings) offers it too
    from playground.gui.main_window import MainWindow

    again = MainWindow(window.settings, data_dir=window.data_dir)
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.model_files is not None, timeout=10000)
    again.controller.add_run(window.controller.runs[-1])
    again.export_action.trigger()
    assert [Path(p).parent for p in offered] == [folder, folder]
    again.controller.set_dirty(False)
