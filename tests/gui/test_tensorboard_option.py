"""The Training tab's TensorBoard option (issue 12, item 5): a run trained in the window with it
on writes event files TensorBoard reads; the choice is kept in the window settings; without the
package the option is disabled and says how to install it; a folder that is a file is refused
before training, in the UI's language."""


import pytest
from PySide6.QtCore import QSettings

from playground.core.config.presets import load_preset
from playground.gui.tabs import tensorboard_option
from playground.gui.tabs.tensorboard_option import TensorBoardOption


def _settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def _small_xor(window, epochs=3):
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"})
    window.controller.apply_config(cfg)


def test_a_run_in_the_window_is_logged_for_tensorboard(window, qtbot, tmp_path):
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    option = window.tensorboard_option
    assert option.parent() is not None and window.training_panel.isAncestorOf(option)
    option.folder_edit.setText(str(tmp_path / "tb"))
    option.check.setChecked(True)
    _small_xor(window)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
    assert done.args[0].status == "completed"
    run, = (tmp_path / "tb").iterdir()
    events = EventAccumulator(str(run), size_guidance={"scalars": 0, "histograms": 0})
    events.Reload()
    assert [e.step for e in events.Scalars("loss/train")] == [1, 2, 3]
    assert {e.step for e in events.Histograms("layer_01_Dense/weights")} >= {1, 3}
    assert f"TensorBoard: logging into {run}" in window.log_view.toPlainText()


def test_with_the_health_tab_on_one_probe_serves_both(window, qtbot, tmp_path, monkeypatch):
    """The health tab's recorder and the TensorBoard logger share one LayerStatsRecorder: a
    second would pass the probe batch through the network again for the same numbers."""
    pytest.importorskip("tensorboard")
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    from playground.core.experiments.layer_stats import LayerStatsRecorder

    started = []
    original = LayerStatsRecorder.on_fit_start
    monkeypatch.setattr(LayerStatsRecorder, "on_fit_start", lambda self, state: (started.append(self), original(self, state)))
    window.session.record_health = True
    window.tensorboard_option.folder_edit.setText(str(tmp_path / "tb"))
    window.tensorboard_option.check.setChecked(True)
    _small_xor(window)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        window.train_action.trigger()
    assert done.args[0].status == "completed"
    assert len(started) == 1
    run, = (tmp_path / "tb").iterdir()
    events = EventAccumulator(str(run), size_guidance={"histograms": 0})
    events.Reload()
    assert {e.step for e in events.Histograms("layer_01_Dense/weights")} >= {1, 3}


def test_the_choice_is_remembered_in_the_window_settings(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(tensorboard_option, "tensorboard_installed", lambda: True)
    first = TensorBoardOption(_settings(tmp_path))
    qtbot.addWidget(first)
    assert first.folder() is None  # off the first time
    first.check.setChecked(True)
    first.folder_edit.setText(str(tmp_path / "logs"))
    first.folder_edit.editingFinished.emit()
    again = TensorBoardOption(_settings(tmp_path))
    qtbot.addWidget(again)
    assert again.check.isChecked() and again.folder() == tmp_path / "logs"
    again.check.setChecked(False)
    assert TensorBoardOption(_settings(tmp_path)).folder() is None


def test_without_the_package_the_option_is_disabled_and_says_how_to_install_it(qtbot, tmp_path, monkeypatch):
    settings = _settings(tmp_path)
    settings.setValue("tensorboard/enabled", "true")  # chosen while it was installed
    monkeypatch.setattr(tensorboard_option, "tensorboard_installed", lambda: False)
    option = TensorBoardOption(settings)
    qtbot.addWidget(option)
    assert not option.check.isEnabled() and not option.check.isChecked() and option.folder() is None
    assert "pip install tensorboard" in option.check.toolTip()
    assert not option.folder_edit.isEnabled()


def test_a_folder_that_is_a_file_is_refused_before_training_in_japanese(window, qtbot, tmp_path, dialogs, japanese):
    pytest.importorskip("tensorboard")
    taken = tmp_path / "tb"
    taken.write_text("not a folder")
    option = window.tensorboard_option
    option.folder_edit.setText(str(taken))
    option.check.setChecked(True)
    _small_xor(window, 1)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    window.train_action.trigger()
    assert not window.session.is_running()
    (_, title, text), = dialogs
    assert str(taken) in text and "フォルダー" in text and "is a file" not in text, text
