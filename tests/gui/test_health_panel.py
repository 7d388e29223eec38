"""Training health in the window (issue 12, item 2): the Training health tab beside the curves
receives each layer's histograms while a real run trains, says a diagnosis in English and in
Japanese with a link that opens its lesson, can be turned off (remembered); and the
weight-initialisation lessons show each variant's activations, gradients and diagnoses."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from PySide6.QtCore import QSettings

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import load_preset
from playground.core.experiments.layer_stats import Histogram, LayerStats, diagnose
from playground.core.model.build import build_model
from playground.gui.i18n import language as i18n
from playground.gui.i18n.health_text import diagnosis_text
from playground.gui.i18n.switch import switch_language
from playground.gui.run.health_panel import HEALTH_SETTING


def _drawn(view) -> dict[str, list[int]]:
    """Bin edges drawn per column (activations, gradients, weights) for each layer row."""
    out: dict[str, list[int]] = {}
    assert view.grid.rows is view._rows
    for row in view._rows:
        for column, hist in row.cells.items():
            out.setdefault(column, []).append(0 if hist is None else len(hist.edges))
    return out


def test_the_health_tab_receives_histograms_while_a_real_run_trains(window, qtbot):
    panel = window.health_panel
    assert panel.record_check.isChecked()  # on by default
    window.show()
    window.chart_tabs.setCurrentWidget(panel)  # on screen: drawn as they come
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"})
    window.controller.apply_config(cfg)
    during = []
    window.session.health_ready.connect(lambda s: during.append(window.session.is_running()))
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    assert during and all(during)  # they came while the run trained
    view = panel.view
    assert view.snapshot.epoch == 3
    assert view._drawn is view.snapshot  # the last one drawn when the run ends
    assert [row.label for row in view._rows] == ["Layer 1 (Dense)", "Layer 2 (Tanh)", "Layer 3 (Dense)"]
    drawn = _drawn(view)
    assert drawn["activations"] == [31, 31, 31] and drawn["gradients"] == [31, 31, 31]  # 30 bins' edges
    assert drawn["weights"] == [31, 31]  # the Dense layers only
    ratios = [np.asarray(values) for _, values in view._ratios.values()]  # ||ΔW||/||W|| per Dense layer
    assert len(ratios) == 2 and all(len(r) and ((r > 0) & (r < 1)).all() for r in ratios)
    assert all(len(curve.getData()[1]) for curve in view._ratio_curves.values())  # drawn (log scale)
    assert view.diagnoses.text() == "No problems found."
    # Hovering a histogram says its figures.
    from PySide6.QtCore import QEvent, QPoint
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    grid = view.grid
    centre = grid.cell_rect(1, 0).center().toPoint()  # layer 2 (Tanh), its activations
    assert grid.cell_at(centre.x(), centre.y()) == (1, 0)
    QApplication.sendEvent(grid, QHelpEvent(QEvent.Type.ToolTip, centre, grid.mapToGlobal(centre)))
    hist = view.snapshot.layers[1].activations
    assert QToolTip.text() == (
        f"Outputs of Layer 2 (Tanh)\nmean {hist.mean:.3g}, standard deviation {hist.std:.3g}\n"
        f"from {hist.edges[0]:.3g} to {hist.edges[-1]:.3g}, {hist.n} values"
    )
    assert grid.cell_at(5, 5) is None  # the rows' titles: no histogram


def test_turned_off_a_run_records_nothing_and_the_window_remembers(window, qtbot, tmp_path):
    from playground.gui.main_window import MainWindow

    window.health_panel.record_check.setChecked(False)
    assert window.session.record_health is False
    heard = []
    window.session.health_ready.connect(heard.append)
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"}))
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    assert heard == [] and window.health_panel.view.snapshot is None
    window.settings.sync()
    again = MainWindow(QSettings(window.settings.fileName(), QSettings.Format.IniFormat), data_dir=str(tmp_path / "d"))
    qtbot.addWidget(again)
    qtbot.waitUntil(lambda: again.controller is not None, timeout=10000)
    assert not again.health_panel.record_check.isChecked() and again.session.record_health is False
    assert window.settings.value(HEALTH_SETTING) in (False, "false")


def _saturating_run(window, qtbot):
    """A Sigmoid network on the XOR data started from He weights times 100, trained in the window."""
    layers = (
        LayerSpec("Dense", {"units": 16}),
        LayerSpec("Activation", {"function": "Sigmoid"}),
        LayerSpec("Dense", {"units": 2}),
        LayerSpec("Activation", {"function": "Softmax"}),
    )
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"})
    cfg = cfg.replace(model=ModelSpec((), layers, "he_normal"))
    window.controller.apply_config(cfg)
    dataset = window.data_panel.dataset()
    torch.manual_seed(0)
    net = build_model(ModelSpec(dataset.input_shape, layers, "he_normal"))
    huge = {k: v * 100 if k.endswith("weight") else v for k, v in net.state_dict().items()}
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.session.start(window.controller.current_config(), dataset, None, huge)


def test_a_sigmoid_network_with_huge_weights_is_called_saturated_in_english_and_japanese(window, qtbot, qapp):
    _saturating_run(window, qtbot)
    panel, view = window.health_panel, window.health_panel.view
    assert not window.chart_tabs.tabIcon(window.chart_tabs.indexOf(panel)).isNull()  # the tab says: look here
    assert view._drawn is None  # not on screen: kept, not drawn
    window.show()
    window.chart_tabs.setCurrentWidget(panel)  # drawn when shown
    text = view.diagnoses.text()
    assert "of layer 2's outputs (Sigmoid) are within 0.01 of its limits" in text
    assert '<a href="lesson:weight-init-sigmoid">Weight initialisation (Sigmoid)</a>' in text
    assert "saturated" in view._rows[1].title[1]  # the row of layer 2 says how many
    try:
        switch_language(window, "ja")
        text = view.diagnoses.text()
        assert "層 2 (Sigmoid) の出力の" in text and "Xavier の初期値" in text
        assert "重みの初期値 (Sigmoid)" in text  # the lesson, as the Experiments dialog names it
        assert "活性化" in view.grid.headers["activations"]
    finally:
        switch_language(window, "en")
        i18n.install_translators(qapp, "en")
    # The link opens the lesson in Experiments ▸ Compare…
    view.diagnoses.linkActivated.emit("lesson:weight-init-sigmoid")
    dialog = window.experiments.dialog
    assert dialog is not None and dialog.isVisible() and dialog.lesson_combo.currentData() == "weight-init-sigmoid"
    dialog.close()


def test_a_rule_that_fires_on_several_layers_is_said_once_naming_the_others(window, qtbot):
    from playground.core.experiments.layer_stats import HealthSnapshot

    window.show()
    window.chart_tabs.setCurrentWidget(window.health_panel)
    view = window.health_panel.view
    qtbot.waitExposed(view)
    stats = [_stats(2, "Sigmoid", saturated=0.9), _stats(4, "Sigmoid", saturated=0.8), _stats(6, "Sigmoid", saturated=0.7)]
    found = diagnose(stats)
    assert [d.key for d in found] == ["saturated"] * 3
    view.show_snapshots([HealthSnapshot(1, 10, 10, 10, tuple(stats), tuple(found))])
    text = view.diagnoses.text()
    assert text.count("<li>") == 1 and "90% of layer 2's outputs (Sigmoid)" in text
    assert "The same in layers 4, 6." in text and text.count("lesson:weight-init-sigmoid") == 1


def _stats(layer, kind="Linear", **fields) -> LayerStats:
    h = Histogram(np.full(30, 1 / 30), np.linspace(0, 1, 31), 0.5, 0.1)
    return LayerStats(layer, f"Layer {layer} ({kind})", kind, h, h, **fields)


@pytest.mark.parametrize(
    "stats, losses",
    [
        ([_stats(2, "Sigmoid", saturated=0.9)], None),
        ([_stats(2, "ReLU", dead=0.8)], None),
        ([_stats(1, grad_norm_ratio=1e-9), _stats(3, grad_norm_ratio=1.0)], None),
        ([_stats(1, grad_norm_ratio=1e9), _stats(3, grad_norm_ratio=1.0)], None),
        ([_stats(1, grad_norm_ratio=float("inf")), _stats(3, grad_norm_ratio=1.0)], None),
        ([_stats(1, update_ratio=0.9)], None),
        ([_stats(1, update_ratio=1e-9)], None),
        ([_stats(1)], [0.69, 0.69, 0.69]),
    ],
)
def test_every_diagnosis_reads_as_the_engine_says_it_and_has_japanese(stats, losses, english, qapp):
    (d,) = diagnose(stats, losses)
    assert diagnosis_text(d) == d.message
    i18n.install_translators(qapp, "ja")
    try:
        japanese = diagnosis_text(d)
    finally:
        i18n.install_translators(qapp, "en")
    assert japanese != d.message and any("\u3040" <= c <= "\u30ff" for c in japanese)
    for value in d.values.values():
        if value != "inf":
            assert str(value) in japanese  # the layers and figures are kept


def test_a_weight_init_lesson_shows_each_variant_s_health_and_what_fired(window, qtbot):
    dialog = window.experiments.open_compare()
    dialog.select_lesson("weight-init-relu")
    dialog.current_data_check.setChecked(True)
    dialog.epochs_spin.setValue(1)
    with qtbot.waitSignal(dialog.runner.finished, timeout=120000):
        dialog.run()
    assert dialog.tabs.isTabEnabled(2)
    page = dialog.health
    dialog.tabs.setCurrentWidget(page)
    names = [dialog.comparison.variants[i].name for i in range(4)]
    assert [page.variant_combo.itemText(i) for i in range(4)] == names
    zeros = names.index("Zeros")
    assert "dead_relu" in page.fired(zeros)  # every ReLU of the zeros start outputs 0
    assert len(page.fired(zeros)) == len(set(page.fired(zeros)))  # each rule once, however many layers it fired on
    zeros_line = next(line for line in page.summary.text().split("<br>") if "<b>Zeros</b>" in line)
    assert zeros_line.count("dead ReLUs") == 1
    assert "<b>Zeros</b>: " in page.summary.text() and "dead ReLUs" in page.summary.text()
    page.variant_combo.setCurrentIndex(zeros)
    view = page.view
    assert view.isVisible() and view.snapshot is page.snapshots[zeros][-1]
    drawn = _drawn(view)
    assert len(drawn["activations"]) == 11 and set(drawn["activations"]) == {31}  # 5×(Dense, ReLU) + output
    assert set(drawn["gradients"]) == {31}
    assert "ReLU units output 0 for every input" in view.diagnoses.text()
    dialog.close()
