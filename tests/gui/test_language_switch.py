"""Language ▸ English/日本語 shows the same window in the new language at once: nothing is
rebuilt, so the project, the undo history, open dialogs with their results and work in
progress all stay (gui/i18n/switch.py, gui/i18n/retranslate.py)."""

import re
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QTableWidget,
    QTabWidget,
    QWidget,
)

from playground.core.config.presets import load_preset
from playground.gui.i18n import language as i18n
from playground.gui.i18n.switch import switch_language
from playground.gui.main_window import MainWindow
from tests.gui.test_translation import TS, _messages, _translations

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


@pytest.fixture
def english(qapp):
    i18n.install_translators(qapp, "en")
    yield
    i18n.install_translators(qapp, "en")


def _make_window(tmp_path, qtbot, language="en", name="a"):
    settings = QSettings(str(tmp_path / f"settings-{name}.ini"), QSettings.Format.IniFormat)
    i18n.set_chosen_language(settings, language)
    w = MainWindow(settings, data_dir=str(tmp_path / "data"))
    w.resize(1400, 900)
    w.show()
    qtbot.waitUntil(lambda: w.data_panel.dataset() is not None and w.train_action.isEnabled(), timeout=10000)
    return w


@pytest.fixture
def window(qtbot, tmp_path, dialogs, english):
    w = _make_window(tmp_path, qtbot)
    yield w
    w.session.shutdown()
    if w.experiments is not None and w.experiments.dialog is not None:
        w.experiments.dialog.shutdown()
    w.controller.set_dirty(False)
    w.close()


def _train_one_run(window, qtbot, epochs=2):
    window.controller.apply_config(
        load_preset("xor-mlp").with_overrides(**{"train.epochs": epochs, "train.device": "cpu"})
    )
    qtbot.waitUntil(window.train_action.isEnabled, timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(window.train_action.isEnabled, timeout=5000)


def _menu_titles(window):
    return [a.text() for a in window.menuBar().actions()]


def _texts(root: QWidget) -> list[str]:
    """What `root`'s own window shows as text, hidden parts included: menus and actions,
    labels, buttons, group titles, tabs, combo items, table headers, tooltips, placeholders."""
    texts = []
    for action in root.findChildren(QAction):
        texts += [action.text(), action.toolTip(), action.statusTip()]
    for w in [root, *root.findChildren(QWidget)]:
        if w.window() is not root and not isinstance(w, QMenu):
            continue
        texts += [w.toolTip(), w.statusTip()]
        if w.isWindow():
            texts.append(w.windowTitle())
        if isinstance(w, QTabWidget):
            texts += [w.tabText(i) for i in range(w.count())]
        elif isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        elif isinstance(w, QGroupBox):
            texts.append(w.title())
        elif isinstance(w, QComboBox):
            texts += [w.itemText(i) for i in range(w.count())]
        elif isinstance(w, QTableWidget):
            texts += [w.horizontalHeaderItem(i).text() for i in range(w.columnCount()) if w.horizontalHeaderItem(i)]
            texts += [w.item(r, c).text() for r in range(w.rowCount()) for c in range(w.columnCount()) if w.item(r, c)]
        elif isinstance(w, QListWidget) and not w.property("fixed_item_texts"):  # the palette's layer types are identifiers
            texts += [w.item(i).text() for i in range(w.count())]
        elif isinstance(w, QAbstractSpinBox) and hasattr(w, "suffix"):
            texts.append(w.suffix())
        elif isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
    return [t for t in texts if t]


def _untranslated(texts: list[str]) -> list[str]:
    """The texts that are a message of the .ts shown in English although it has a translation."""
    english = {source for (_, source, _), m in _messages(TS).items() if _translations(m)[0] != source}
    return sorted({t for t in texts if t in english})


def test_switching_keeps_the_same_window_with_the_project_and_its_history(window, qtbot):
    w = window
    _train_one_run(w, qtbot)
    w.runs_list.item(0).setCheckState(Qt.CheckState.Checked)  # overlay its curves
    w.settings_tabs.setCurrentIndex(2)
    w.training_panel.lr_spin.setValue(0.05)  # an unsaved edit
    assert w.isWindowModified()
    w.layer_builder._add_layer_type("Dense")  # an edit to undo
    undo_count = w.layer_builder.undo_stack.count()
    assert undo_count >= 1
    config, runs = w.controller.current_config(), list(w.controller.runs)
    predictor = w.controller.predictor
    points = w.plots.point_count()
    earlier_log = w.log_view.toPlainText()
    assert "Training xor-mlp for 2 epochs" in earlier_log and "Test accuracy" in earlier_log

    switched = switch_language(w, "ja")
    # the substance first (a rebuilt window lost these), then that it is the same window
    assert switched.layer_builder.undo_stack.count() == undo_count
    log = switched.log_view.toPlainText()
    assert "Training xor-mlp" not in log and "Test accuracy" not in log, log  # earlier lines, in Japanese
    assert switched is w and w.isVisible()
    titles = _menu_titles(w)
    assert titles[:2] == ["ファイル(&F)", "編集(&E)"] and "言語(&L)" in titles, titles
    assert [w.settings_tabs.tabText(i) for i in range(4)] == ["データ", "モデル", "学習", "手書き"]
    assert w.language_actions["ja"].isChecked() and not w.language_actions["en"].isChecked()
    assert i18n.chosen_language(w.settings) == "ja"
    # all of it is still there, and the undo history with it
    assert w.controller.current_config() == config
    assert [r.id for r in w.controller.runs] == [r.id for r in runs]
    assert w.runs_list.item(0).checkState() == Qt.CheckState.Checked
    assert "エポック" in w.runs_list.item(0).toolTip()  # the run's message, in Japanese
    assert w.controller.predictor is predictor and w.plots.point_count() == points
    assert w.settings_tabs.currentIndex() == 2 and w.isWindowModified()
    assert w.layer_builder.undo_stack.count() == undo_count
    undo = w.findChild(QAction, "action_undo")
    assert undo.isEnabled() and undo.text().startswith("元に戻す"), undo.text()
    assert "テストデータの正解率" in w.result_label.text()
    # earlier log lines are said again in Japanese
    log = w.log_view.toPlainText()
    assert "Training xor-mlp" not in log and "Test accuracy" not in log, log
    assert "xor-mlp を 2 エポック学習します" in log or "xor-mlp" in log and "エポック" in log, log
    assert "テストデータの正解率" in log
    assert log.rstrip().endswith("言語: 日本語")

    assert switch_language(w, "en") is w
    assert _menu_titles(w)[0] == "&File" and w.settings_tabs.tabText(0) == "Data"
    assert "Test accuracy" in w.log_view.toPlainText()
    assert w.controller.current_config() == config and w.layer_builder.undo_stack.count() == undo_count
    assert w.isWindowModified()


def test_a_window_switched_at_run_time_shows_what_one_built_in_japanese_shows(window, qtbot, tmp_path):
    """The check of test_translation.test_main_window_in_japanese, for a switched window, and
    more: every text it shows is what a window built in Japanese shows; and back."""
    w = window
    assert switch_language(w, "ja") is w
    QApplication.processEvents()
    switched = _texts(w)
    assert not _untranslated(switched), f"shown untranslated: {_untranslated(switched)}"
    fresh = _make_window(tmp_path, qtbot, "ja", "fresh")
    try:
        built = _texts(fresh)
        # The palette's layer types stay identifiers: the switch made "Dropout" the Compare
        # dialog's ドロップアウト (a text of another class looked up for a list item).
        palette = w.layer_builder.findChild(QListWidget)
        assert [palette.item(i).text() for i in range(palette.count())] == [
            fresh.layer_builder.findChild(QListWidget).item(i).text() for i in range(palette.count())
        ]
    finally:
        fresh.session.shutdown()
        fresh.controller.set_dirty(False)
        fresh.close()
    data_dir = str(tmp_path / "data")
    differ = sorted(set(switched) - set(built))
    assert not differ, f"shown after the switch, not by a window built in Japanese: {differ}"

    assert switch_language(w, "en") is w
    QApplication.processEvents()
    left = sorted({t for t in _texts(w) if JAPANESE.search(t) and t not in ("日本語",)})
    assert not left, f"Japanese left after switching back: {left}"
    assert data_dir  # (the data folder is the same for both windows: dataset tooltips compare)


def test_the_compare_dialog_keeps_its_results_and_says_them_in_japanese(window, qtbot):
    w = window
    w.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.device": "cpu"}))
    dialog = w.experiments.open_compare()
    dialog.select_setting("lr", "0.003,0.03")
    dialog.epochs_spin.setValue(3)
    with qtbot.waitSignal(dialog.runner.finished, timeout=60000) as done:
        dialog.run()
    result = done.args[0]
    cells = [[dialog.table.item(r, c).text() for c in range(8)] for r in range(2)]
    assert cells[0][1] == "completed"
    curve = list(dialog.curves.curves[1]["loss"].getData()[1])
    assert "Chosen on the validation set" in dialog.status.text()

    switched = switch_language(w, "ja")
    assert switched.experiments.dialog is dialog and dialog.isVisible()
    assert switched is w
    assert dialog.result is result and dialog.table.rowCount() == 2
    headers = [dialog.table.horizontalHeaderItem(c).text() for c in range(8)]
    assert headers[0] == QCoreApplication.translate("ExperimentsDialog", "Variant") != "Variant"
    assert not any(h in ("Variant", "Status", "Epochs", "Time (s)") for h in headers), headers
    now = [[dialog.table.item(r, c).text() for c in range(8)] for r in range(2)]
    assert [row[2:] for row in now] == [row[2:] for row in cells]  # the figures
    assert now[0][1] == "完了", now[0][1]
    assert list(dialog.curves.curves[1]["loss"].getData()[1]) == curve
    assert JAPANESE.search(dialog.status.text()) and "Chosen" not in dialog.status.text()
    assert JAPANESE.search(dialog.outcome.text()) and "Trained on" not in dialog.outcome.text()
    assert JAPANESE.search(dialog.windowTitle())
    assert not _untranslated(_texts(dialog)), _untranslated(_texts(dialog))

    assert switch_language(w, "en") is w
    assert dialog.table.horizontalHeaderItem(0).text() == "Variant" and dialog.table.item(0, 1).text() == "completed"
    assert "Chosen on the validation set" in dialog.status.text()


def test_switching_while_training_goes_on_training(window, qtbot):
    w = window
    w.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 30, "train.device": "cpu"}))
    qtbot.waitUntil(w.train_action.isEnabled, timeout=10000)
    epochs = []
    w.session.epoch_ended.connect(lambda logs: epochs.append(logs.epoch))
    with qtbot.waitSignal(w.session.finished, timeout=60000) as done:
        w.train_action.trigger()
        qtbot.waitUntil(lambda: len(epochs) >= 2, timeout=30000)
        assert w.session.is_running()
        assert switch_language(w, "ja") is w
        assert _menu_titles(w)[0] == "ファイル(&F)" and i18n.chosen_language(w.settings) == "ja"
        assert w.session.is_running() or epochs[-1] == 30
        assert "学習中" in w.result_label.text()  # the header of the run in progress, in Japanese
    assert done.args[0].status == "completed" and epochs[-1] == 30
    assert len(w.controller.runs) == 1
    assert "テストデータの正解率" in w.result_label.text()


def test_choosing_the_language_already_shown_changes_nothing(window):
    w = window
    before = w.log_view.toPlainText()
    assert switch_language(w, "en") is w
    assert _menu_titles(w)[0] == "&File" and w.log_view.toPlainText() == before


def test_the_log_keeps_following_new_lines_after_a_switch(window, qtbot):
    w = window
    for i in range(300):
        w.controller.log(f"line {i}")
    bar = w.log_view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()  # following the end

    switch_language(w, "ja")
    QApplication.processEvents()
    assert bar.maximum() > 0 and bar.value() == bar.maximum(), "the log shows its end"
    for i in range(5):
        w.controller.log(f"after the switch {i}")
    QApplication.processEvents()
    assert bar.value() == bar.maximum(), "new lines scroll into view"
    assert w.log_view.toPlainText().endswith("after the switch 4")

    # a log scrolled back to read an earlier line stays where the reader left it
    bar.setValue(10)
    switch_language(w, "en")
    QApplication.processEvents()
    w.controller.log("one more")
    QApplication.processEvents()
    assert abs(bar.value() - 10) <= 1 and bar.maximum() > 300  # within a line of it, not at the top or end


def test_the_catalog_lookup_prefers_the_widget_s_own_context():
    """A source translated differently in two contexts is said as its widget's class says it."""
    from playground.gui.i18n.retranslate import message_of

    root = ET.parse(str(TS)).getroot()
    assert root is not None
    assert message_of("Zeros", "en")[2] == ""  # the plain message, not the "variant" one
    assert message_of("no such text, surely", "en") is None


def test_the_other_dialogs_left_open_follow_the_switch(window, qtbot):
    """Guide, Search, Ensemble and Evaluate stay open and say their texts in Japanese,
    including what they show from state (the evaluation's summary, a setting's name)."""
    w = window
    _train_one_run(w, qtbot)
    w.help.open_guide()
    w.controller._on_search_triggered()
    search = w.controller.search_dialog
    ensemble = w.experiments.open_ensemble()
    evaluation = w.experiments.open_evaluation()
    qtbot.waitUntil(lambda: evaluation.evaluation is not None, timeout=30000)
    assert "test split" in evaluation.summary.text()
    key = search.space_table.cellWidget(0, 0)
    english_tip = key.toolTip()

    assert switch_language(w, "ja") is w
    for dialog in (w.help.dialog, search, ensemble, evaluation):
        assert dialog.isVisible() and JAPANESE.search(dialog.windowTitle()), dialog.windowTitle()
        assert not _untranslated(_texts(dialog)), (dialog.windowTitle(), _untranslated(_texts(dialog)))
    assert JAPANESE.search(w.help.dialog.browser.toPlainText()[:200])
    assert "test split" not in evaluation.summary.text() and JAPANESE.search(evaluation.summary.text())
    assert key.toolTip() != english_tip and JAPANESE.search(key.toolTip()), key.toolTip()
    assert evaluation.evaluation is not None  # the result stays; nothing was evaluated again


def test_a_dialog_closed_at_the_switch_shows_in_the_new_language_when_opened_again(window, qtbot):
    w = window
    dialog = w.experiments.open_compare()
    dialog.close()
    assert switch_language(w, "ja") is w
    assert dialog.windowTitle().startswith("Experiments")  # hidden: not worked on yet
    assert w.experiments.open_compare() is dialog
    assert JAPANESE.search(dialog.windowTitle()) and JAPANESE.search(dialog.run_button.text())
    assert not _untranslated(_texts(dialog))


def test_an_installed_app_has_the_catalogue_the_switch_reads():
    """A language switch looks the texts shown up in playground_ja.ts: a `pip install .` that
    shipped only the .qm files made the switch fail with FileNotFoundError."""
    import fnmatch
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["setuptools"]["package-data"]["playground.resources.translations"]
    for name in ("playground_ja.ts", "playground_ja.qm", "playground_en.qm"):
        assert any(fnmatch.fnmatch(name, pattern) for pattern in shipped), (name, shipped)
