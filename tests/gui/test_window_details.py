"""Small things in the real window that a learner meets in the first hour (issue 15, item 9)."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QTableView

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.gui.tabs.layer_stack_model import LayerStackModel


def _types(window):
    return [layer.type for layer in window.layer_builder.spec().layers]


def _select_layer(window, row):
    view = window.layer_builder.findChild(QTableView, "layer_stack")
    view.selectRow(row)
    return view


def test_alt_up_and_down_move_the_selected_layer_whichever_widget_has_the_focus(window, qtbot):
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    window.settings_tabs.setCurrentIndex(1)  # Model
    _select_layer(window, 2)
    before = _types(window)
    # the focus elsewhere: the log, then a text field on the Training tab
    window.log_view.setFocus()
    qtbot.waitUntil(window.log_view.hasFocus, timeout=2000)
    qtbot.keyClick(window.log_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _types(window) == [before[0], before[2], before[1], *before[3:]]
    window.settings_tabs.setCurrentIndex(2)  # Training: the layers are out of sight
    spin = window.training_panel.lr_spin
    spin.setFocus()
    qtbot.keyClick(spin, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert _types(window) == before
    assert window.settings_tabs.currentIndex() == 1, "the Model tab comes up to show the move"
    # in a drop-down list Alt+Down still opens the list, and moves nothing
    combo = window.layer_builder.findChild(QComboBox, "weight_init")
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus, timeout=2000)
    qtbot.keyClick(combo, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert combo.view().isVisible() and _types(window) == before
    combo.hidePopup()
    # the actions have names, for the Edit menu
    up = window.findChild(QAction, "action_move_layer_up")
    down = window.findChild(QAction, "action_move_layer_down")
    assert up is not None and down is not None
    assert up.shortcut().toString() == "Alt+Up" and down.shortcut().toString() == "Alt+Down"
    window.controller.set_dirty(False)


def _conv_builder(qtbot, width):
    from playground.gui.tabs.layer_builder import LayerBuilder

    builder = LayerBuilder()
    qtbot.addWidget(builder)
    builder.resize(width, 420)  # the Model tab's width in a 1280×800 window
    builder.show()
    qtbot.waitExposed(builder)
    builder.set_spec(
        ModelSpec(
            (1, 28, 28),
            (
                LayerSpec("Conv2D", {"filters": 16, "stride": 1, "padding": "same"}),
                LayerSpec("Activation"),
                LayerSpec("MaxPool2D"),
                LayerSpec("Flatten"),
                LayerSpec("Dense", {"units": 10}),
            ),
        )
    )
    return builder, builder.findChild(QTableView, "layer_stack")


def test_the_layer_tables_settings_tell_their_full_text_and_editors_leave_the_other_columns_alone(qtbot):
    builder, view = _conv_builder(qtbot, 500)
    model = view.model()
    header = view.horizontalHeader()
    # a cut summary ("filters 16 · ker…") is readable in full in its tooltip
    for row in range(model.rowCount()):
        index = model.index(row, LayerStackModel.SETTINGS)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        assert text in (index.data(Qt.ItemDataRole.ToolTipRole) or ""), (row, text)
    # the other columns are as wide as their contents, the Settings column takes the rest
    for column in (LayerStackModel.TYPE, LayerStackModel.OUTPUT, LayerStackModel.PARAM_COUNT):
        assert header.sectionSize(column) >= view.sizeHintForColumn(column)
    assert header.sectionResizeMode(LayerStackModel.SETTINGS) == header.ResizeMode.Stretch

    # the Conv2D editor needs more room than the column has: the column widens while it is open
    index = model.index(0, LayerStackModel.SETTINGS)
    view.setCurrentIndex(index)
    view.edit(index)
    QApplication.processEvents()
    editor = view.indexWidget(index) or QApplication.focusWidget().parentWidget()
    assert editor.isVisible()
    spins = editor.findChildren(type(editor.findChild(QAbstractSpinBox)))
    assert spins and all(s.width() >= s.minimumSizeHint().width() for s in spins)  # nothing squeezed
    box = editor.geometry()
    for column in range(model.columnCount()):
        if column != LayerStackModel.SETTINGS:
            other = view.visualRect(model.index(0, column))
            assert not box.intersects(other), (column, box, other)
    view.setCurrentIndex(model.index(4, LayerStackModel.TYPE))  # closes the editor, as a click elsewhere does
    view.closePersistentEditor(index)
    QApplication.processEvents()
    assert header.sectionResizeMode(LayerStackModel.SETTINGS) == header.ResizeMode.Stretch
    assert header.sectionSize(LayerStackModel.OUTPUT) >= view.sizeHintForColumn(LayerStackModel.OUTPUT)


FASHION = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]


def test_the_confusion_matrix_headers_are_readable_in_full(qtbot):
    import numpy as np
    from PySide6.QtGui import QFontMetrics

    from playground.core.experiments.evaluate import Evaluation
    from playground.gui.dialogs.evaluation import ConfusionMatrixView

    view = ConfusionMatrixView()
    qtbot.addWidget(view)
    view.resize(600, 560)  # the dialog's matrix side
    view.show()
    qtbot.waitExposed(view)
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 10, 200)
    view.set_evaluation(Evaluation(FASHION, labels, rng.random((200, 10), dtype=np.float32)))
    QApplication.processEvents()
    header = view.horizontalHeader()
    metrics = QFontMetrics(header.font())
    for column, name in enumerate(FASHION):
        needed = metrics.horizontalAdvance(name)
        across = header.sectionSize(column)  # room along the row of headers
        down = header.height() - 12  # room when the text runs upwards, less some padding
        assert needed <= across or needed <= down, (name, needed, across, down)
        assert name in (view.horizontalHeaderItem(column).toolTip() or "")
    # short names (digits) stay horizontal: the header is one line high
    view.set_evaluation(Evaluation([str(d) for d in range(10)], labels, rng.random((200, 10), dtype=np.float32)))
    QApplication.processEvents()
    assert header.height() < 2 * metrics.height() + 12


def _parameter_labels(panel):
    """{(optimizer or schedule, parameter): (its row label, its tooltip)} for every parameter."""
    from PySide6.QtWidgets import QFormLayout, QWidget

    from playground.core.training.catalog import OPTIMIZERS, SCHEDULES

    labels = {}
    for combo, catalogue in ((panel.optimizer_combo, OPTIMIZERS), (panel.schedule_combo, SCHEDULES)):
        panel.optimizer_combo.setCurrentIndex(panel.optimizer_combo.findData("sgd"))  # no fields of its own
        for name, info in catalogue.items():
            combo.setCurrentIndex(combo.findData(name))
            for param in info.params:
                field = panel.findChild(QWidget, f"param_{param}")
                form = next(f for f in panel.findChildren(QFormLayout) if f.indexOf(field) >= 0)
                labels[(name, param)] = (form.labelForField(field).text(), field.toolTip())
    return labels


def test_optimizer_and_schedule_parameters_have_human_labels_in_both_languages(window, qapp, qtbot):
    import re

    from playground.gui.i18n import language as i18n
    from playground.gui.tabs.training_panel import TrainingPanel

    labels = _parameter_labels(window.training_panel)
    assert ("adabound", "final_lr") in labels and ("step", "gamma") in labels
    for (owner, param), (label, tip) in labels.items():
        assert label and label != param and "_" not in label, (owner, param, label)
        assert tip and param in tip, (owner, param, tip)  # the setting's key, for configs and the CLI
    # 'gamma' means three things: three labels
    assert len({labels[(o, "gamma")][0] for o in ("adabound", "step", "exponential")}) == 3
    i18n.install_translators(qapp, "ja")
    try:
        panel = TrainingPanel()  # built in Japanese
        qtbot.addWidget(panel)
        japanese = _parameter_labels(panel)
    finally:
        i18n.install_translators(qapp, "en")
    kana_or_kanji = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
    untranslated = [(k, label) for k, (label, tip) in japanese.items() if not kana_or_kanji.search(label)]
    assert not untranslated, untranslated


def test_a_damaged_project_is_named_with_what_to_do_and_nothing_is_overwritten(window, qtbot, tmp_path, dialogs, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from playground.core.config.presets import load_preset

    path = tmp_path / "proj1.nnp"
    window.controller.apply_config(load_preset("mlp").replace(data=window.controller.current_config().data))
    assert window.controller.save_to(path)
    window.controller.apply_config(load_preset("xor-mlp"))
    assert window.controller.save_to(path)  # saved twice: the first version is the backup
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 3])  # the file cut short, as a copy that did not finish
    window.controller.files.new()
    dialogs.clear()

    assert not window.controller.open_project(path)
    [(kind, title, text)] = dialogs
    assert "proj1.nnp" in text and "damaged" in text and "incomplete" in text
    assert "proj1.backup.nnp" in text  # what can be done: its backup, offered
    assert "zip archive" not in text and "Traceback" not in text
    assert window.controller.project_path is None and not window.isWindowModified()
    assert path.read_bytes() == whole[: len(whole) // 3]  # the damaged file is left as it was

    # choosing to open the backup opens the previous version
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    assert window.controller.open_project(path)
    assert window.controller.project_path.name == "proj1.backup.nnp"
    assert window.controller.current_config().name == "mlp"
