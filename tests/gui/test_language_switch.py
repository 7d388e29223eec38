"""Language ▸ English/日本語 rebuilds the window in the new language at once, keeping the project."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from playground.core.config.presets import load_preset
from playground.gui.i18n import language as i18n
from playground.gui.i18n.switch import switch_language
from playground.gui.main_window import MainWindow


@pytest.fixture
def english(qapp):
    i18n.install_translators(qapp, "en")
    yield
    i18n.install_translators(qapp, "en")


@pytest.fixture
def window(qtbot, tmp_path, dialogs, english):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    i18n.set_chosen_language(settings, "en")
    w = MainWindow(settings, data_dir=str(tmp_path / "data"))
    w.show()
    qtbot.waitUntil(lambda: w.data_panel.dataset() is not None and w.train_action.isEnabled(), timeout=10000)
    windows = [w]
    yield windows  # a switch replaces the window: the test appends the new one
    for each in windows:
        try:
            each.session.shutdown()
            each.controller.set_dirty(False)
            each.close()
        except RuntimeError:  # already deleted by a switch
            pass


def _train_one_run(window, qtbot):
    window.controller.apply_config(
        load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"})
    )
    qtbot.waitUntil(window.train_action.isEnabled, timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(window.train_action.isEnabled, timeout=5000)


def _menu_titles(window):
    return [a.text() for a in window.menuBar().actions()]


def test_switching_to_japanese_and_back_keeps_the_project(window, qtbot, tmp_path):
    old = window[0]
    _train_one_run(old, qtbot)
    old.runs_list.item(0).setCheckState(Qt.CheckState.Checked)  # overlay its curves
    old.settings_tabs.setCurrentIndex(2)
    old.training_panel.lr_spin.setValue(0.05)  # an unsaved edit
    assert old.isWindowModified()
    config, runs = old.controller.current_config(), list(old.controller.runs)
    predictor = old.controller.predictor
    boundary = old.boundary_view.last_update
    assert boundary is not None
    assert "&File" in _menu_titles(old)

    new = switch_language(old, "ja")
    window.append(new)
    assert new is not old and new.isVisible()
    qtbot.waitUntil(lambda: not old.isVisible(), timeout=2000)
    titles = _menu_titles(new)
    assert titles[:2] == ["ファイル(&F)", "編集(&E)"] and "言語(&L)" in titles, titles
    assert [new.settings_tabs.tabText(i) for i in range(3)] == ["データ", "モデル", "学習"]
    assert new.language_actions["ja"].isChecked() and not new.language_actions["en"].isChecked()
    assert i18n.chosen_language(new.settings) == "ja"
    # the project came along: settings, runs with their weights, overlays, tab, unsaved flag
    assert new.controller.current_config() == config
    assert [r.id for r in new.controller.runs] == [r.id for r in runs]
    assert new.runs_list.count() == 1 and new.runs_list.item(0).checkState() == Qt.CheckState.Checked
    assert "エポック" in new.runs_list.item(0).toolTip()  # the run's message, in Japanese
    assert new.controller.predictor is predictor
    assert new.settings_tabs.currentIndex() == 2
    assert new.isWindowModified()
    assert "テストデータの正解率" in new.result_label.text()
    kept = len(runs[0].summary["batch_curve"]["x"])
    assert new.plots.point_count() == 2 + kept  # the run's two epochs and its per-batch curve, re-plotted
    assert new.runs_list.currentRow() == 0  # the current model's run
    assert new.boundary_view.last_update is boundary  # the decision boundary heatmap too
    qtbot.waitUntil(lambda: new.data_panel.dataset() is not None, timeout=10000)
    assert new.isWindowModified()  # loading the data again is not an edit

    back = switch_language(new, "en")
    window.append(back)
    assert "&File" in _menu_titles(back)
    assert back.settings_tabs.tabText(0) == "Data"
    assert back.controller.current_config() == config and back.runs_list.count() == 1
    assert back.isWindowModified()
    back.controller.set_dirty(False)


def test_switching_while_training_is_refused(window, qtbot, monkeypatch):
    w = window[0]
    w.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 5000, "train.device": "cpu"}))
    qtbot.waitUntil(w.train_action.isEnabled, timeout=10000)
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text, *a: told.append(text))
    w.train_action.trigger()
    qtbot.waitUntil(w.session.is_running, timeout=5000)
    try:
        assert switch_language(w, "ja") is w
        assert told and "Stop it first" in told[0]
        assert i18n.chosen_language(w.settings) == "en"  # the choice was not taken
        assert w.language_actions["en"].isChecked() and not w.language_actions["ja"].isChecked()
        assert _menu_titles(w)[0] == "&File"
    finally:
        with qtbot.waitSignal(w.session.finished, timeout=30000):
            w.session.stop()
    w.controller.set_dirty(False)


def test_choosing_the_language_already_shown_does_not_rebuild(window):
    w = window[0]
    assert switch_language(w, "en") is w
    assert QApplication.instance() is not None and w.isVisible()


def test_any_running_worker_in_the_window_or_its_dialogs_blocks_the_switch(window):
    """Comparisons, searches, ensembles and fine-tuning each have a runner with is_running()
    somewhere under the window; busy_work finds one wherever it sits."""
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QDialog

    from playground.gui.i18n.switch import busy_work

    class Runner(QObject):
        running = True

        def is_running(self):
            return self.running

    w = window[0]
    assert busy_work(w) is None
    dialog = QDialog(w)
    runner = Runner(dialog)
    assert busy_work(w) is not None
    runner.running = False
    assert busy_work(w) is None
    dialog.deleteLater()


def test_a_failed_rebuild_keeps_the_old_window_and_language(window, monkeypatch):
    from playground.gui.i18n import switch as language_switch

    def broken(new, state):
        raise RuntimeError("restore failed")

    monkeypatch.setattr(language_switch, "restore", broken)
    w = window[0]
    with pytest.raises(RuntimeError):
        switch_language(w, "ja")
    assert w.isVisible() and _menu_titles(w)[0] == "&File"
    assert i18n.chosen_language(w.settings) == "en" and w.language_actions["en"].isChecked()
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("MainWindow", "&File") == "&File"  # the English translators are back


def test_the_log_keeps_following_new_lines_after_a_switch(window, qtbot):
    old = window[0]
    for i in range(300):
        old.controller.log(f"line {i}")
    bar = old.log_view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # following the end

    new = switch_language(old, "ja")
    window.append(new)
    QApplication.processEvents()
    bar = new.log_view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum(), "the carried-over log shows its end"
    for i in range(5):
        new.controller.log(f"after the switch {i}")
    QApplication.processEvents()
    assert bar.value() == bar.maximum(), "new lines scroll into view"
    assert new.log_view.toPlainText().endswith("after the switch 4")

    # a log scrolled back to read an earlier line stays where the reader left it
    bar.setValue(10)
    newer = switch_language(new, "en")
    window.append(newer)
    QApplication.processEvents()
    newer.controller.log("one more")
    QApplication.processEvents()
    bar = newer.log_view.verticalScrollBar()
    assert abs(bar.value() - 10) <= 1 and bar.maximum() > 300  # within a line of it, not at the top or end
