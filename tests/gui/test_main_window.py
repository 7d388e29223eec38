"""The composed window through pytest-qt: real panels, real worker, offscreen."""

import pytest
from PySide6.QtWidgets import QMessageBox

from playground.core.config.presets import load_preset


def _short(window, epochs):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"}))


def test_starts_on_xor_mlp_and_trains_through_the_real_worker(window, qtbot):
    _short(window, 30)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
        assert not window.train_action.isEnabled()  # no second run while one is going
    result = done.args[0]
    assert result.status == "completed" and result.test_accuracy >= 0.9
    assert window.plots.point_count() > 0
    assert window.runs_list.count() == 1
    assert "Test accuracy" in window.result_label.text()
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)


def test_invalid_stack_disables_train(window, qtbot):
    cfg = load_preset("cnn")  # convolutions on the 2-D XOR points: invalid
    window.controller.apply_config(cfg.replace(data=load_preset("xor-mlp").data))
    qtbot.waitUntil(lambda: not window.layer_builder.is_valid(), timeout=5000)
    assert not window.train_action.isEnabled()
    assert "Conv2D" in window.train_action.toolTip()


def test_project_save_and_open_round_trip(window, qtbot, tmp_path):
    _short(window, 3)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    path = tmp_path / "p.nnp"
    assert window.controller.save_to(path)
    before = window.controller.current_config()
    window.controller.apply_config(load_preset("perceptron"))
    assert window.controller.current_config() != before
    window.controller.set_dirty(False)
    assert window.controller.open_project(path)
    assert window.controller.current_config() == before
    assert window.runs_list.count() == 1
    assert not window.isWindowModified()


def test_closing_during_training_stops_the_worker(window, qtbot, monkeypatch, dialogs):
    _short(window, 5000)
    window.train_action.trigger()
    qtbot.waitUntil(window.session.is_running, timeout=5000)
    def answer(parent, title, text, buttons, *rest):
        # "Stop training and close?" -> Yes; "Save changes?" (the stopped run) -> Discard
        if buttons & QMessageBox.StandardButton.Discard:
            return QMessageBox.StandardButton.Discard
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    with qtbot.waitSignal(window.session.finished, timeout=30000):
        window.controller.set_dirty(False)
        assert window.close()
    assert not window.session.is_running()
    assert window.runs_list.count() == 1  # the stopped run was kept


def test_the_window_shares_the_interpreter_lock_often_and_freezes_its_long_lived_objects(window):
    """A worker running Python would otherwise hold the lock 5 ms at a time against each of
    the GUI thread's calls into Python (benchmarks/gil_convoy.py); and a full garbage
    collection of everything torch and the panels made took ~170 ms at each Train click."""
    import gc
    import sys

    from playground.gui.threads import GIL_SWITCH_SECONDS

    assert sys.getswitchinterval() == pytest.approx(GIL_SWITCH_SECONDS)
    assert gc.get_freeze_count() > 100_000


def test_the_title_and_the_unsaved_mark_follow_the_project_state(window, tmp_path):
    state = window.controller.state
    assert window.windowTitle() == "Untitled[*] — Neural Network Playground" and not window.isWindowModified()
    state.set_dirty(True)
    assert window.isWindowModified()
    state.set_path(tmp_path / "lesson.nnp")
    assert window.windowTitle() == "lesson.nnp[*] — Neural Network Playground"
    window.controller.set_dirty(False)  # the controller's own setter is the state's
    assert not state.dirty and not window.isWindowModified()
