"""Tables in the window (issue 13, item 2): the example tables in the Data tab's dataset box, the
"Table (CSV)…" dialog (preview, column kinds, target, task, split, report), a model sized to the
table or the tabular preset offered, training with MAE and R² plotted for regression, and
Evaluate with a confusion matrix or predicted-vs-actual. Bad files are said in the window's
language."""

import re

import numpy as np
import pytest
from PySide6.QtWidgets import QFileDialog

from playground.core.config.presets import load_preset
from playground.core.config.spec import DataConfig
from playground.gui.jobs import running_jobs

JAPANESE = re.compile(r"[\u3040-\u30ff]")  # kana: the message is in Japanese


@pytest.fixture
def window(window, qtbot, english):
    yield window
    qtbot.waitUntil(lambda: not running_jobs("table-read") and not running_jobs("table-prepare"), timeout=20000)


def _choose(window, name):
    combo = window.data_panel.dataset_combo
    combo.setCurrentIndex(combo.findData(name))


def _loaded(window, name):
    dataset = window.data_panel.dataset()
    return dataset is not None and dataset.name == name


def _train(window, qtbot):
    assert window.train_action.isEnabled(), window.train_action.toolTip()
    with qtbot.waitSignal(window.session.finished, timeout=120000):
        window.train_action.trigger()
    return window.controller.current_run


def _open_dialog_on(window, qtbot, monkeypatch, path):
    """Choose "Your own table (CSV)" in the box; the file chooser (faked) answers `path`."""
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    _choose(window, "csv")
    group = window.data_panel.table_group
    qtbot.waitUntil(lambda: group.dialog is not None, timeout=5000)
    dialog = group.dialog
    qtbot.waitUntil(lambda: dialog.table is not None or bool(dialog.problem()), timeout=20000)
    return dialog


def _wait_report(dialog, qtbot):
    qtbot.waitUntil(lambda: dialog.report is not None or bool(dialog.problem()), timeout=20000)


def _write_classes(path, n=120):
    rng = np.random.default_rng(0)
    lines = ["id,x1,x2,colour,code,label"]
    for i in range(n):
        label = ["a", "b", "c"][i % 3]
        x1 = {"a": 0.0, "b": 3.0, "c": 6.0}[label] + rng.normal()
        colour = ["red", "green"][i % 2]
        code = str(1 + i % 4)  # numbers that are codes: the learner makes them categories
        x2 = "" if i % 10 == 0 else f"{rng.normal():.3f}"  # missing values, filled
        lines.append(f"{i + 1},{x1:.3f},{x2},{colour},{code},{label}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_example_tables_are_listed_under_tables_and_choosing_one_loads_it(window, qtbot):
    combo = window.data_panel.dataset_combo
    texts = [combo.itemText(i) for i in range(combo.count())]
    heading = texts.index("Tables")
    assert combo.itemData(heading) is None  # a heading, not a dataset
    assert [combo.itemData(i) for i in range(heading + 1, combo.count())] == ["iris", "penguins", "auto-mpg", "csv"]
    _choose(window, "penguins")
    qtbot.waitUntil(lambda: _loaded(window, "penguins"), timeout=20000)
    group = window.data_panel.table_group
    assert group.isVisibleTo(window.data_panel) and not window.data_panel.toy_group.isVisibleTo(window.data_panel)
    assert "Read 344 rows" in group.report_label.text() and "Filled" in group.report_label.text()
    # The XOR model's output was sized to the three species: Train can start.
    spec = window.layer_builder.spec()
    assert spec.layers[-2].params["units"] == 3 and spec.layers[-1].get("function") == "Softmax"
    assert window.layer_builder.is_valid() and window.train_action.isEnabled()
    assert not group.fit_box.isVisibleTo(window.data_panel)
    assert window.controller.current_config().data.name == "penguins"
    # Table (CSV)… on an example shows its file, fixed, with the example's target
    dialog = group.open_dialog()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert not dialog.choose_button.isVisibleTo(dialog) and dialog.target_combo.currentText() == "species"
    dialog.set_column_use("island", "ignore")
    qtbot.waitUntil(lambda: dialog.report is not None and ("island", "ignore", "left out by choice") in dialog.report.columns)
    dialog.accept()
    assert window.data_panel.data_config().options["types"] == {"island": "ignore"}
    assert "path" not in window.data_panel.data_config().options  # the example's own file
    qtbot.waitUntil(lambda: _loaded(window, "penguins") and window.data_panel.dataset().input_shape == (7,), timeout=20000)


def test_a_csv_of_your_own_column_kinds_target_train_and_evaluate(window, qtbot, monkeypatch, tmp_path):
    dialog = _open_dialog_on(window, qtbot, monkeypatch, _write_classes(tmp_path / "mine.csv"))
    _wait_report(dialog, qtbot)
    # the preview and the columns as found
    assert dialog.preview.rowCount() == 20 and dialog.preview.columnCount() == 6
    found = {dialog.columns.item(r, 0).text(): dialog.columns.item(r, 1).text() for r in range(6)}
    assert found["id"].startswith("ID-like") and found["x2"] == "numeric, 12 missing"
    assert dialog.target_combo.currentText() == "label" and "classification" in dialog.task_combo.currentText()
    report = dialog.report_label.text()
    assert "Read 120 rows" in report and "Left out column 'id': ID-like" in report and "Filled 12 missing values in 'x2'" in report
    # 'code' holds numbers that are codes: the learner makes it categorical
    dialog.set_column_use("code", "categorical")
    _wait_report(dialog, qtbot)
    qtbot.waitUntil(lambda: dialog.report is not None and ("code", "categorical", "") in dialog.report.columns, timeout=20000)
    dialog.test_spin.setValue(25.0)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.split[2] == 30, timeout=20000)
    dialog.accept()
    options = window.data_panel.data_config().options
    assert options["types"] == {"code": "categorical"} and options["target"] == "label"
    assert options["test_split"] == 0.25 and options["path"].endswith("mine.csv")
    qtbot.waitUntil(lambda: _loaded(window, "csv"), timeout=20000)
    dataset = window.data_panel.dataset()
    # x1, x2, colour (2), code (4): 8 inputs; three classes
    assert dataset.input_shape == (8,) and dataset.num_classes == 3
    assert window.layer_builder.is_valid()
    window.training_panel.epochs_spin.setValue(5)
    run = _train(window, qtbot)
    assert run.config.data.name == "csv" and run.config.data.options["types"] == {"code": "categorical"}
    evaluation = window.experiments.open_evaluation()
    with qtbot.waitSignal(evaluation.evaluated, timeout=30000) as done:
        pass
    assert done.args[0].confusion.sum() == len(dataset.x_test) == 30
    assert evaluation.matrix.rowCount() == 3
    qtbot.waitUntil(lambda: not evaluation.pending(), timeout=10000)
    evaluation.close()
    # the table and its choices are saved in the project and come back with it
    project = tmp_path / "mine.nnp"
    assert window.controller.save_to(project)
    window.controller.apply_config(load_preset("xor-mlp"))
    qtbot.waitUntil(lambda: _loaded(window, "xor"), timeout=20000)
    assert window.controller.files.open(project)
    qtbot.waitUntil(lambda: _loaded(window, "csv"), timeout=20000)
    assert window.data_panel.data_config().options == options
    assert window.data_panel.table_group.isVisibleTo(window.data_panel)
    assert "Read 120 rows" in window.data_panel.table_group.report_label.text()
    assert window.data_panel.dataset().input_shape == (8,) and window.layer_builder.is_valid()


def _write_regression(path, n=150):
    rng = np.random.default_rng(1)
    lines = ["size;rooms;area;price"]
    for i in range(n):
        size = rng.uniform(20, 120)
        rooms = int(rng.integers(1, 5))
        area = ["north", "south"][i % 2]
        price = 3.0 * size + 10 * rooms + (20 if area == "south" else 0) + rng.normal() * 5
        lines.append(f"{size:.1f};{rooms};{area};{price:.2f}".replace(".", ","))  # decimal commas
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_regression_table_plots_mae_and_r2_and_evaluates_predicted_against_actual(window, qtbot, monkeypatch, tmp_path):
    dialog = _open_dialog_on(window, qtbot, monkeypatch, _write_regression(tmp_path / "flats.csv"))
    _wait_report(dialog, qtbot)
    assert dialog.target_combo.currentText() == "price" and "regression" in dialog.task_combo.currentText()
    assert "semicolon" in dialog.report_label.text() and "decimal commas" in dialog.report_label.text()
    dialog.accept()
    qtbot.waitUntil(lambda: _loaded(window, "csv"), timeout=20000)
    assert window.layer_builder.is_valid(), window.layer_builder.validation_message()
    assert window.layer_builder.spec().layers[-1].type == "Dense"  # one value, no softmax
    plots = window.plots
    window.training_panel.epochs_spin.setValue(40)
    run = _train(window, qtbot)
    assert run.config.data.options["target"] == "price"
    assert plots.mae_widget.isVisibleTo(window) and plots.r2_widget.isVisibleTo(window)
    assert not plots.accuracy_widget.isVisibleTo(window)
    assert re.search(r"Test mean absolute error [\d.]+, R² -?[\d.]+", window.result_label.text())
    r2 = plots.r2.val.buffer.data()[1]
    assert len(r2) == 40 and r2[-1] > r2[0]  # R² per epoch, rising as it learns
    evaluation = window.experiments.open_evaluation()
    with qtbot.waitSignal(evaluation.evaluated, timeout=30000) as done:
        pass
    ev = done.args[0]
    assert len(ev.actual) == len(window.data_panel.dataset().x_test)
    x, y = evaluation.points.getData()
    assert np.allclose(x, ev.actual[:, 0]) and np.allclose(y, ev.predicted[:, 0])
    assert re.search(r"mean absolute error [\d.]+, R² -?[\d.]+", evaluation.summary.text())
    qtbot.waitUntil(lambda: not evaluation.pending(), timeout=10000)
    evaluation.close()


def test_a_model_that_does_not_fit_the_table_is_offered_the_tabular_preset(window, qtbot):
    cnn = load_preset("cnn")
    window.controller.apply_config(cnn.replace(data=DataConfig(name="iris")))
    qtbot.waitUntil(lambda: _loaded(window, "iris"), timeout=20000)
    group = window.data_panel.table_group
    assert not window.layer_builder.is_valid()
    assert group.fit_box.isVisibleTo(window.data_panel) and "does not fit this table" in group.fit_label.text()
    group.tabular_button.click()
    qtbot.waitUntil(lambda: _loaded(window, "iris") and window.layer_builder.is_valid(), timeout=20000)
    assert [layer.type for layer in window.layer_builder.spec().layers][:2] == ["Dense", "Activation"]
    assert window.data_panel.data_config().name == "iris"
    assert not group.fit_box.isVisibleTo(window.data_panel)
    assert "tabular" in window.preset_actions  # and the Presets menu has it


BAD_FILES = {
    "table_empty": b"",
    "table_header_only": b"a,b,c\n",
    "table_ragged": b"a,b,c\n1,2,3\n4,5\n",
    "table_not_text": bytes(range(256)) * 8,
    "table_one_column": b"a\n1\n2\n3\n",
}


@pytest.mark.parametrize("key", sorted(BAD_FILES))
def test_a_bad_file_is_said_in_japanese_and_cannot_be_used(window, qtbot, monkeypatch, tmp_path, japanese, key):
    path = tmp_path / "bad.csv"
    path.write_bytes(BAD_FILES[key])
    dialog = _open_dialog_on(window, qtbot, monkeypatch, path)
    problem = dialog.problem()
    assert problem and re.search(r"[\u3040-\u30ff]", problem) and "Traceback" not in problem
    assert dialog.error_label.text() == problem
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_a_choice_that_cannot_be_used_is_said_in_japanese(window, qtbot, monkeypatch, tmp_path, japanese):
    path = tmp_path / "t.csv"
    path.write_text("x,kind,const\n" + "".join(f"{i % 7},{'ab'[i % 2]},1\n" for i in range(30)), encoding="utf-8")
    dialog = _open_dialog_on(window, qtbot, monkeypatch, path)
    _wait_report(dialog, qtbot)
    # the last column is the target at first: one class
    assert dialog.target_combo.currentText() == "const" and dialog.report is None
    assert "クラス" in dialog.problem() and "const" in dialog.problem()
    dialog.set_target("kind")
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=20000)
    assert not dialog.problem() and not dialog.error_label.isVisibleTo(dialog)
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.set_target("x")
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.report.target == "x", timeout=20000)
    dialog.set_column_use("kind", "numeric")  # text cannot be numbers
    qtbot.waitUntil(lambda: "kind" in dialog.problem(), timeout=20000)
    assert "数値" in dialog.problem() and JAPANESE.search(dialog.problem())
    dialog.set_column_use("kind", "ignore")  # and 'const' is left out as found: nothing to predict from
    qtbot.waitUntil(lambda: dialog.report is None and "x" in dialog.problem() and "kind" not in dialog.problem(), timeout=20000)
    assert JAPANESE.search(dialog.problem())
    dialog.set_column_use("kind", "categorical")
    dialog.set_target("kind")
    dialog.set_task("regression")  # text as numbers
    qtbot.waitUntil(lambda: "kind" in dialog.problem(), timeout=20000)
    assert re.search(r"[\u3040-\u30ff]", dialog.problem())
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    dialog.reject()


def test_reading_runs_in_the_background_with_progress_and_cancel(window, qtbot, monkeypatch, tmp_path):
    """A slow read (a large file) reports its progress and stops when Cancel is pressed; the
    window keeps answering meanwhile, and the dialog says it was cancelled."""
    import threading

    from playground.core.data.dataset import check_cancel
    from playground.gui.tabs import table_dialog

    started, threads = threading.Event(), []

    def slow_read(path, progress=None, cancel=None, **kw):
        threads.append(threading.current_thread())
        progress("Reading big.csv", 10_000_000, 40_000_000)
        started.set()
        while True:  # until Cancel
            check_cancel(cancel, "Reading big.csv")
            cancel.wait(0.01)

    monkeypatch.setattr(table_dialog, "read_table", slow_read)
    path = tmp_path / "big.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    _choose(window, "csv")
    qtbot.waitUntil(lambda: window.data_panel.table_group.dialog is not None, timeout=5000)
    dialog = window.data_panel.table_group.dialog
    qtbot.waitUntil(lambda: dialog.progress_bar.value() == 250, timeout=10000)  # a quarter read
    assert started.is_set() and threads[0] is not threading.main_thread()
    assert dialog.is_reading() and dialog.progress_row.isVisibleTo(dialog)
    dialog.cancel_read_button.click()
    assert not dialog.is_reading() and dialog.table is None
    assert dialog.problem() == "Reading cancelled." and not dialog.progress_row.isVisibleTo(dialog)
    qtbot.waitUntil(lambda: not running_jobs("table-read"), timeout=10000)  # the read stopped
    dialog.reject()
    # no file was taken: the window goes back to the dataset it had
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    assert window.data_panel.data_config().name == "xor"


def test_a_table_that_cannot_be_loaded_is_said_in_japanese_in_the_data_tab(window, qtbot, monkeypatch, tmp_path, japanese):
    """A project's table that has gone, a target that is not in it, a file over the limit."""
    from playground.core.data import table as core_table

    path = tmp_path / "t.csv"
    path.write_text("x,y\n" + "".join(f"{i * 7 % 13},{i % 2}\n" for i in range(20)), encoding="utf-8")
    panel = window.data_panel
    for options, name in (
        ({"path": str(tmp_path / "gone.csv"), "target": "y"}, "gone.csv"),
        ({"path": str(path), "target": "nope"}, "nope"),
    ):
        panel.set_data_config(DataConfig(name="csv", options=options))
        qtbot.waitUntil(lambda: bool(panel.load_problem()), timeout=20000)
        problem = panel.load_problem()
        assert name in problem and JAPANESE.search(problem) and "Traceback" not in problem
        assert not window.train_action.isEnabled()
    limit = core_table.MAX_BYTES
    monkeypatch.setattr(core_table, "MAX_BYTES", 16)
    panel.set_data_config(DataConfig(name="csv", options={"path": str(path), "target": "y"}))
    qtbot.waitUntil(lambda: bool(panel.load_problem()), timeout=20000)
    assert "MB" in panel.load_problem() and JAPANESE.search(panel.load_problem())
    monkeypatch.setattr(core_table, "MAX_BYTES", limit)
    panel.set_data_config(DataConfig(name="csv", options={"path": str(path), "target": "y"}))
    qtbot.waitUntil(lambda: _loaded(window, "csv") or bool(panel.load_problem()), timeout=20000)
    assert _loaded(window, "csv"), panel.load_problem()
    assert not panel.load_problem()
