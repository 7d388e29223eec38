"""The hyperparameter-search dialog through pytest-qt: a tiny real study on a worker thread."""

import optuna
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from playground.core.config.spec import RunConfig
from playground.core.experiments.tune import sqlite_url
from playground.core.experiments.search_space import Param, SearchSpace, TuneError
from playground.gui.dialogs.search_view import SearchDialog
from playground.gui.i18n import language as i18n

TINY = {
    "name": "tiny",
    "data": {"name": "gauss", "options": {"n_samples": 200, "noise": 0.5}, "val_split": 0.2},
    "model": {"layers": [{"type": "Dense", "units": 8}, {"type": "Activation", "function": "ReLU"}, {"type": "Dense", "units": 2}]},
    "optimizer": {"name": "adam", "lr": 0.03},
    "train": {"epochs": 2, "batch_size": 16, "device": "cpu"},
}


@pytest.fixture(autouse=True)
def english(qapp):
    i18n.install_translators(qapp, "en")  # as the app does: "1 trial", "3 trials"


@pytest.fixture
def warnings(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: shown.append((title, text)))
    return shown


@pytest.fixture
def dialog(qtbot, tmp_path, warnings):
    d = SearchDialog(lambda: RunConfig.from_dict(TINY))
    qtbot.addWidget(d)
    d.storage_edit.setText(sqlite_url(tmp_path / "study.db"))
    d.sampler_combo.setCurrentIndex(d.sampler_combo.findData("random"))
    d.seed_spin.setValue(0)
    yield d
    d.shutdown()


def test_space_table_round_trips_a_space(dialog):
    space = SearchSpace(
        (
            Param("optimizer.lr", "float", 1e-4, 0.1, log=True, grid=(0.001, 0.01)),
            Param("model.layers[0].units", "int", 4, 16, step=4),
            Param("optimizer.name", "categorical", choices=("sgd", "adam")),
            Param("train.batch_size", "categorical", choices=(16, 32)),
        )
    )
    dialog.space_table.set_space(space)
    assert dialog.space_table.space() == space
    assert "model.layers[0].units" in dialog.space_table.known_keys
    dialog.space_table.item(0, 2).setText("abc")
    with pytest.raises(TuneError, match="Row 1: 'Low' must be a number, got 'abc'"):
        dialog.space_table.space()


def test_grid_with_a_continuous_range_is_refused_before_starting(dialog, warnings):
    dialog.space_table.set_space(SearchSpace((Param("optimizer.lr", "float", 1e-4, 0.1, log=True),)))
    dialog.sampler_combo.setCurrentIndex(dialog.sampler_combo.findData("grid"))
    dialog.start()
    assert not dialog.is_running()
    assert warnings and "Learning rate is a range of numbers" in warnings[0][1] and "Values column" in warnings[0][1]


def test_runs_a_study_live_and_applies_the_best(dialog, qtbot, tmp_path):
    dialog.trials_spin.setValue(3)
    with qtbot.waitSignal(dialog.running_changed, timeout=5000):
        dialog.start_button.click()
    assert dialog.is_running() and not dialog.start_button.isEnabled() and dialog.stop_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120000)
    table = dialog.trials_table
    assert table.rowCount() == 3
    assert [table.item(r, 0).text() for r in range(3)] == ["0", "1", "2"]
    assert {table.item(r, 1).text() for r in range(3)} <= {"complete", "pruned"}
    assert table.horizontalHeaderItem(4).text() == "Learning rate"
    xs, ys = dialog.best_curve.getData()
    assert len(xs) >= 1 and all(a <= b for a, b in zip(ys, ys[1:]))
    assert "Finished 3 trials." in dialog.status_label.text()
    assert dialog.apply_button.isEnabled()
    with qtbot.waitSignal(dialog.apply_requested, timeout=1000) as applied:
        dialog.apply_button.click()
    cfg = applied.args[0]
    study = optuna.load_study(study_name="tiny", storage=sqlite_url(tmp_path / "study.db"))
    assert cfg.optimizer.lr == float(f'{study.best_trial.params["optimizer.lr"]:.3g}')
    assert cfg.optimizer.name == study.best_trial.params["optimizer.name"]

    # Starting again resumes the study: the earlier trials are listed and the numbers continue.
    dialog.trials_spin.setValue(1)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120000)
    assert [dialog.trials_table.item(r, 0).text() for r in range(dialog.trials_table.rowCount())] == ["0", "1", "2", "3"]
    assert "Finished 1 trial." in dialog.status_label.text() and "Best so far: trial" in dialog.status_label.text()
    assert len(study.get_trials()) == 4


def _tune_errors():
    """One TuneError for each key a search space can raise."""
    from playground.core.experiments.search_space import Param, SearchSpace

    def raised(make):
        with pytest.raises(TuneError) as info:
            make()
        return info.value

    base = RunConfig.from_dict(TINY)
    return [
        raised(lambda: Param("", "float", 0.1, 1.0)),
        raised(lambda: Param("optimizer.name", "categorical")),
        raised(lambda: Param("optimizer.name", "categorical", choices=("sgd", "sgd"))),
        raised(lambda: Param("optimizer.lr", "float", "a", 1.0)),
        raised(lambda: Param("model.layers[0].units", "int", 2, 2.5)),
        raised(lambda: Param("optimizer.lr", "float", 1.0, 0.1)),
        raised(lambda: Param("optimizer.lr", "float", 0.0, 0.1, log=True)),
        raised(lambda: Param("optimizer.lr", "float", 0.0, 0.1, step=-1.0)),
        raised(lambda: Param("optimizer.lr", "float", 0.01, 0.1, log=True, step=0.01)),
        raised(lambda: Param("optimizer.lr", "float", 0.01, 0.1, grid=(0.5,))),
        raised(lambda: Param("optimizer.lr", "float", 0.01, 0.1).grid_values()),
        raised(lambda: SearchSpace(())),
        raised(lambda: SearchSpace((Param("optimizer.lr", "float", 0.01, 0.1), Param("optimizer.lr", "float", 0.01, 0.1)))),
        raised(lambda: SearchSpace((Param("model.layers[7].units", "int", 2, 4),)).check(base)),
    ]


def test_search_space_errors_have_texts_of_their_own():
    from playground.gui.dialogs.search_space import tune_error_text

    errors = _tune_errors()
    keys = [e.key for e in errors]
    assert all(keys) and len(set(keys)) == len(keys)
    for e in errors:
        assert tune_error_text(e) != str(e), e.key  # a template, not the engine's English


def test_search_dialog_errors_in_japanese(qtbot, tmp_path, warnings, qapp):
    import re

    from playground.gui.dialogs.search_space import tune_error_text
    from playground.gui.i18n import language as i18n

    japanese = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert i18n.install_translators(qapp, "ja")
    try:
        for e in _tune_errors():
            text = tune_error_text(e)
            assert japanese.search(text) and "Search parameter" not in text, (e.key, text)
        d = SearchDialog(lambda: RunConfig.from_dict(TINY))
        qtbot.addWidget(d)
        d.space_table.set_space(SearchSpace((Param("optimizer.lr", "float", 1e-4, 0.1, log=True),)))
        d.sampler_combo.setCurrentIndex(d.sampler_combo.findData("grid"))
        d.start()
        title, text = warnings[-1]
        assert japanese.search(title) and japanese.search(text) and "学習率" in text, (title, text)
    finally:
        i18n.install_translators(qapp, "en")


def _run_study(dialog, qtbot, trials):
    dialog.trials_spin.setValue(trials)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120000)


def test_settings_and_metric_are_named_in_words(dialog, qtbot):
    _run_study(dialog, qtbot, 2)
    headers = [dialog.trials_table.horizontalHeaderItem(c).text() for c in range(4, 7)]
    assert headers == ["Learning rate", "Batch size", "Optimizer"]
    assert dialog.trials_table.horizontalHeaderItem(4).toolTip() == "optimizer.lr"  # the key, for the space editor
    assert dialog.best_plot.getPlotItem().getAxis("left").labelText == "Validation accuracy"
    status = dialog.status_label.text()
    assert "Learning rate" in status and "Batch size" in status
    assert "optimizer.lr" not in status and "train.batch_size" not in status


def test_layer_settings_are_named_by_their_layer():
    from playground.gui.dialogs.search_space import metric_name, setting_name

    assert setting_name("model.layers[0].units") == "Layer 1: units"
    assert setting_name("model.layers[2].rate") == "Layer 3: dropout rate"
    assert setting_name("optimizer.params.momentum") == "Optimizer: momentum"
    assert setting_name("something.new") == "something.new"
    assert metric_name("val_loss") == "Validation loss"


def test_trial_axis_has_whole_numbers_only(dialog, qtbot):
    _run_study(dialog, qtbot, 3)
    axis = dialog.best_plot.getPlotItem().getAxis("bottom")
    lo, hi = axis.range
    assert hi - lo < 4  # three trials: the range where a default axis puts ticks at 0.5 or 0.2
    for size in (150, 300, 600):
        ticks = [v for _, values in axis.tickValues(lo, hi, size) for v in values]
        assert ticks and all(float(v).is_integer() for v in ticks), (size, ticks)


def test_importance_waits_for_enough_trials_and_says_why(dialog, qtbot):
    _run_study(dialog, qtbot, 3)
    complete = dialog.complete_trials()
    assert complete >= 2  # enough for fANOVA to run, far too few to trust
    assert dialog.importance_plot.isHidden() and len(dialog.importance_bars.opts["width"]) == 0
    from playground.core.experiments.tune import IMPORTANCE_MIN_TRIALS

    assert complete < IMPORTANCE_MIN_TRIALS
    note = dialog.importance_note.text()
    assert not dialog.importance_note.isHidden()
    assert f"{IMPORTANCE_MIN_TRIALS} complete trials ({complete} so far)" in note and "chance" in note


def test_apply_best_rounds_to_three_significant_digits(dialog, qtbot, tmp_path):
    _run_study(dialog, qtbot, 2)
    study = optuna.load_study(study_name="tiny", storage=sqlite_url(tmp_path / "study.db"))
    drawn = study.best_trial.params["optimizer.lr"]
    with qtbot.waitSignal(dialog.apply_requested, timeout=1000) as applied:
        dialog.apply_button.click()
    lr = applied.args[0].optimizer.lr
    assert lr == float(f"{drawn:.3g}") != drawn  # 0.0203, not 0.020312321501143805
    assert f"{drawn:.3g}" in dialog.status_label.text() and repr(drawn) not in dialog.status_label.text()


def test_stop_ends_the_study_between_or_during_trials(dialog, qtbot):
    dialog.trials_spin.setValue(50)
    dialog.start()
    qtbot.waitUntil(lambda: dialog.trials_table.rowCount() >= 1, timeout=60000)
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=60000)
    assert "Stopped after" in dialog.status_label.text()
    assert dialog.trials_table.rowCount() < 50 and dialog.start_button.isEnabled()


def test_menu_opens_the_dialog_and_apply_reaches_the_window(qtbot, tmp_path, monkeypatch):
    from playground.gui.main_window import MainWindow

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings, data_dir=str(tmp_path / "data"))
    qtbot.addWidget(window)
    qtbot.waitUntil(window.search_action.isEnabled, timeout=10000)  # search waits for torch to load
    window.search_action.trigger()
    dialog = window.controller.search_dialog
    assert dialog.isVisible() and dialog.study_edit.text() == (window.controller.current_config().name or "study")
    best = window.controller.current_config().with_overrides(**{"optimizer.lr": 0.0123, "train.batch_size": 48})
    dialog.apply_requested.emit(best)
    cfg = window.controller.current_config()
    assert cfg.optimizer.lr == pytest.approx(0.0123) and cfg.train.batch_size == 48
    dialog.close()
    window.session.shutdown()
    window.controller.set_dirty(False)


SHOT_SCRIPT = r"""
import sys
from PySide6.QtWidgets import QApplication
from playground.core.config.spec import RunConfig
from playground.core.experiments.search_space import SearchSpace
from playground.core.experiments.tune import sqlite_url
from playground.gui.dialogs.search_view import SearchDialog
import json

app = QApplication(sys.argv)
cfg = RunConfig.from_dict(json.loads(sys.argv[1]))
dialog = SearchDialog(lambda: cfg)
dialog.storage_edit.setText(sqlite_url(sys.argv[3]))
dialog.space_table.set_space(SearchSpace.from_dict({"params": [
    {"key": "optimizer.lr", "kind": "float", "low": 1e-4, "high": 1.0, "log": True},
    {"key": "model.layers[0].units", "kind": "int", "low": 2, "high": 32},
    {"key": "optimizer.name", "kind": "categorical", "choices": ["sgd", "momentum", "adam"]},
    {"key": "train.batch_size", "kind": "categorical", "choices": [16, 32, 64]},
]}))
dialog.sampler_combo.setCurrentIndex(dialog.sampler_combo.findData("tpe"))
dialog.trials_spin.setValue(int(sys.argv[4]))
dialog.seed_spin.setValue(0)
dialog.show()

def done(running):
    if not running:
        app.processEvents()
        dialog.grab().save(sys.argv[2])
        app.quit()

dialog.running_changed.connect(done)
dialog.start()
sys.exit(app.exec())
"""


def test_real_search_view_screenshot(tmp_path):
    """The dialog on a virtual X screen after a 14-trial TPE study, kept as a PNG to look at."""
    import json
    import os
    import shutil
    import subprocess
    import sys
    import time
    from pathlib import Path

    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        pytest.skip("Xvfb is not installed (apt-get install xvfb)")
    display = f":{150 + os.getpid() % 50}"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{display[1:]}").exists():
            assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
            time.sleep(0.05)
        shots = Path(os.environ.get("PLAYGROUND_SCREENSHOT_DIR", tmp_path))
        shots.mkdir(parents=True, exist_ok=True)
        png = shots / "search-view.png"
        png.unlink(missing_ok=True)
        cfg = {**TINY, "data": {"name": "spiral", "options": {"n_samples": 400, "noise": 0.1}, "val_split": 0.2},
               "train": {"epochs": 4, "batch_size": 16, "device": "cpu"}}
        env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
        env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(tmp_path), OMP_NUM_THREADS="1")
        proc = subprocess.run(
            [sys.executable, "-c", SHOT_SCRIPT, json.dumps(cfg), str(png), str(tmp_path / "s.db"), "14"],
            env=env, capture_output=True, text=True, timeout=300,
        )
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert "Traceback" not in proc.stderr, proc.stderr
        from PySide6.QtGui import QImage

        image = QImage(str(png))
        assert image.width() > 800 and image.height() > 500
        colours = {image.pixel(x, y) for x in range(0, image.width(), 20) for y in range(0, image.height(), 20)}
        assert len(colours) > 20
    finally:
        server.terminate()
        server.wait(10)


def test_ensemble_of_the_top_trials_trains_and_reaches_the_canvas(dialog, qtbot, tmp_path):
    from playground.core.experiments.ensemble import EnsemblePredictor

    assert not dialog.ensemble_button.isEnabled()  # no complete trials yet
    dialog.trials_spin.setValue(4)
    dialog.start()
    assert not dialog.ensemble_button.isEnabled()  # not while the study runs
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120000)
    assert dialog.complete_trials() >= 3 and dialog.ensemble_button.isEnabled() and dialog.top_spin.value() == 3
    values = sorted((r.value for r in dialog._trials.values() if r.state == "complete"), reverse=True)[:3]
    with qtbot.waitSignal(dialog.ensemble_button.clicked, timeout=1000):
        dialog.ensemble_button.click()
    ens = dialog.ensemble_dialog
    assert ens.isVisible() and ens.is_running() and not dialog.ensemble_button.isEnabled()
    with qtbot.waitSignal(ens.panel.finished, timeout=120000) as done:
        pass
    result = done.args[0]
    assert result.status == "completed" and len(result.members) == 3
    table = ens.panel.table
    assert table.rowCount() == 4  # three members and the ensemble
    shown = [float(table.item(r, 0).text().split("value ")[1].rstrip(")")) for r in range(3)]
    assert shown == pytest.approx(values, abs=1e-4)  # best first
    assert table.item(3, 0).text() == "ensemble of 3" and table.item(3, 1).text() == f"{result.test_accuracy:.2%}"
    assert ens.panel.use_button.isEnabled() and ens.panel.export_button.isEnabled() and dialog.ensemble_button.isEnabled()
    with qtbot.waitSignal(dialog.use_ensemble_requested, timeout=1000) as used:
        ens.panel.use_button.click()
    assert isinstance(used.args[0], EnsemblePredictor) and len(used.args[0].ensemble.members) == 3
    ens.close()
