"""The backprop stepper's window (gui/dialogs/stepper_view.py): what it shows is the core
stepper's own record, phase by phase; clicking a link shows its formula with the numbers; the
diagram's context menu refuses a CNN with the reason; the gradient check runs on a thread."""

import dataclasses
import re

import pytest
from PySide6.QtCore import QPointF, Qt

from playground.core.experiments.stepper_formulas import num

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _xor_stepper(window, qtbot):
    window.preset_actions["xor-mlp"].trigger()
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None
                    and window.data_panel.dataset().name == "xor" and window.train_action.isEnabled(), timeout=20000)
    dialog = window.experiments.stepper.open()
    assert dialog is not None, window.experiments.stepper.refusal()
    qtbot.addWidget(dialog)
    return dialog


def _click(qtbot, canvas, point: QPointF):
    qtbot.mouseClick(canvas, Qt.MouseButton.LeftButton, pos=point.toPoint())


def test_forward_then_backward_shows_the_core_stepper_values(window, qtbot):
    dialog = _xor_stepper(window, qtbot)
    canvas, stepper = dialog.canvas, dialog.stepper
    assert canvas.record is None
    dialog.do("forward")
    record = stepper.record
    s = record.sample - 1
    assert canvas.record is record and stepper.phase == "forward"
    for layer in (1, 2):
        for n in record.neurons[layer]:
            assert canvas.neuron_value(layer, n.unit) == ("a", n.a[s])
    first = record.links[1][0]
    assert canvas.link_value(1, first.unit, first.source) == ("w", first.weight)
    dialog.do("loss")
    assert dialog.next_action() == "backward"
    dialog.advance()  # backward: the output layer first
    assert stepper.phase == "backward" and dialog.back_from == 2
    out = record.neurons[2][0]
    assert canvas.neuron_value(2, 1) == ("δ", out.delta[s])
    assert canvas.neuron_value(1, 1) == ("a", record.neurons[1][0].a[s])  # not reached yet
    link2 = record.links[2][3]
    assert canvas.link_value(2, link2.unit, link2.source) == ("∂L/∂w", link2.grad)
    dialog.advance()  # backward: layer 1
    assert dialog.back_from == 1 and dialog.next_action() == "update"
    for n in record.neurons[1]:
        assert canvas.neuron_value(1, n.unit) == ("δ", n.delta[s])
    assert canvas.link_value(1, first.unit, first.source) == ("∂L/∂w", first.grad)
    dialog.do("update")
    assert canvas.link_value(1, first.unit, first.source) == ("Δw", first.change)
    assert first.change == pytest.approx(first.after - first.weight)
    dialog.close()


def test_clicking_a_link_shows_its_formula_with_the_numbers(window, qtbot, english):
    dialog = _xor_stepper(window, qtbot)
    for _ in range(4):  # forward, loss, backward (layer 2, layer 1)
        dialog.advance()
    link = dialog.stepper.record.links[2][5]
    _click(qtbot, dialog.canvas, dialog.canvas.link_point(link.layer, link.unit, link.source))
    assert dialog.canvas.selection == ("link", link.layer, link.unit, link.source)
    text = dialog.formulas.toPlainText()
    grad = link.formulas["grad"]
    assert grad.substituted in text and num(link.grad) in text, text
    assert "summed over the batch" in text
    bias = dialog.stepper.record.links[1][-1]
    assert bias.source is None
    _click(qtbot, dialog.canvas, dialog.canvas.link_point(bias.layer, bias.unit, None))
    assert bias.formulas["grad"].substituted in dialog.formulas.toPlainText()
    dialog.close()


def test_a_neuron_formula_is_said_in_japanese(window, qtbot, japanese):
    dialog = _xor_stepper(window, qtbot)
    for _ in range(3):  # forward, loss, backward of the output layer
        dialog.advance()
    unit = dialog.stepper.record.neurons[2][1]
    _click(qtbot, dialog.canvas, dialog.canvas.neuron_point(2, 2))
    text = dialog.formulas.toPlainText()
    assert unit.formulas["delta"].substituted in text
    z = unit.formulas["z"].substituted  # a sum of 8 terms, written with its first 4
    assert "(8 terms)" in z and z.replace("(8 terms)", "(全 8 項)") in text, text
    assert JAPANESE.search(text) and "error signal" not in text and "weighted sum" not in text, text
    assert "terms" not in text
    assert JAPANESE.search(dialog.buttons["forward"].text())
    dialog.close()


def test_the_diagram_menu_refuses_a_cnn_with_the_reason(window, qtbot):
    window.preset_actions["cnn"].trigger()
    menu = window.experiments.stepper.diagram_menu()
    entry, why = menu.actions()[:2]
    assert not entry.isEnabled()
    assert "Conv2D" in entry.toolTip() and "dense" in entry.toolTip(), entry.toolTip()
    assert "Conv2D" in why.text() and not why.isEnabled()
    actions = window.experiments.stepper
    actions.menu_about_to_show()  # Experiments ▸ Backprop Stepper… says the same
    assert not actions.action.isEnabled() and "Conv2D" in actions.action.toolTip()
    window.preset_actions["xor-mlp"].trigger()
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None and window.data_panel.dataset().name == "xor",
                    timeout=20000)
    menu = window.experiments.stepper.diagram_menu()
    assert menu.actions()[0].isEnabled() and len(menu.actions()) == 1
    actions.menu_about_to_show()
    assert actions.action.isEnabled()


def test_one_sample_at_a_time_steps_with_batches_of_one(window, qtbot):
    dialog = _xor_stepper(window, qtbot)
    assert dialog.stepper.state.batch_size == 16 and dialog.sample.maximum() == 16
    dialog.sample.setValue(3)
    dialog.advance()
    assert len(dialog.stepper.record.inputs) == 16 and dialog.stepper.record.sample == 3
    dialog.mode.setCurrentIndex(dialog.mode.findData("sample"))  # starts again from the initial weights
    assert dialog.stepper.state.batch_size == 1 and dialog.canvas.record is None and dialog.sample.value() == 1
    dialog.advance()
    record = dialog.stepper.record
    assert len(record.inputs) == 1 and record.batches == len(dialog.stepper.x_train)
    dialog.close()


def test_the_gradient_check_runs_in_the_background_and_passes_for_xor_mlp(window, qtbot):
    import threading

    from playground.core.experiments import gradcheck

    dialog = _xor_stepper(window, qtbot)
    dialog.stepper.step()  # a step taken: the check is of the stepped model
    threads = []
    real = gradcheck.check_gradients

    def spy(*args, **kw):
        threads.append(threading.current_thread())
        return real(*args, **kw)

    gradcheck.check_gradients = spy
    try:
        panel = dialog.gradcheck
        with qtbot.waitSignal(panel.checked, timeout=60000) as blocker:
            panel.button.click()
            assert panel.is_running() and not dialog.buttons["forward"].isEnabled()
    finally:
        gradcheck.check_gradients = real
    result = blocker.args[0]
    assert threads and threads[0] is not threading.main_thread()
    assert result.passed and len(result.layers) == 2
    assert panel.table.rowCount() == 3
    assert panel.table.item(2, 2).text() == "pass"
    assert f"{result.max_error:.1e}" in panel.table.item(2, 1).text()
    qtbot.waitUntil(lambda: not panel.is_running() and dialog.buttons["forward"].isEnabled())
    for _ in range(4):  # forward, loss, backward ×2: the weights are the checked ones still
        dialog.advance()
    assert panel.result is result and panel.table.rowCount() == 3
    dialog.advance()  # the update changes them: the old check is not shown as theirs
    assert panel.result is None and panel.table.rowCount() == 0 and not panel.summary.text()
    panel.result = result  # as if checked again; Next batch then finishes a step half done
    panel.table.setRowCount(3)
    dialog.advance()  # the next batch's forward: the weights are those checked
    assert panel.result is result
    dialog.do("next")  # loss, backward, update of this batch and the next one's forward
    assert dialog.stepper.phase == "forward" and panel.result is None and panel.table.rowCount() == 0
    dialog.close()


def test_after_an_adam_update_a_link_shows_the_optimizer_state(window, qtbot, english):
    dialog = _xor_stepper(window, qtbot)
    assert dialog.config.optimizer.name == "adam"  # xor-mlp's Training settings
    for _ in range(5):  # forward, loss, backward ×2, update
        dialog.advance()
    assert dialog.stepper.phase == "update"
    link = dialog.stepper.record.links[1][2]
    _click(qtbot, dialog.canvas, dialog.canvas.link_point(link.layer, link.unit, link.source))
    text = dialog.formulas.toPlainText()
    assert link.formulas["update"].substituted in text
    for key, label in (("m", "m (gradient average)"), ("v", "v (squared-gradient average)"),
                       ("m_hat", "m̂ (bias-corrected m)"), ("v_hat", "v̂ (bias-corrected v)")):
        assert f"{label}\n {num(link.state[key])}" in text or f"{label} {num(link.state[key])}" in text, (key, text)
    dialog.close()


def test_train_epochs_here_trains_on_a_thread_and_steps_on_from_there(window, qtbot):
    import threading

    from playground.core.experiments.stepper import Stepper

    dialog = _xor_stepper(window, qtbot)
    dialog.advance()  # mid-step: the epoch is finished first
    threads = []
    real = Stepper.run

    def spy(self, batches):
        threads.append(threading.current_thread())
        return real(self, batches)

    Stepper.run = spy
    try:
        dialog.epochs.setValue(2)
        dialog.train_button.click()
        assert dialog.is_busy() and not dialog.step_button.isEnabled()
        qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60000)
    finally:
        Stepper.run = real
    stepper = dialog.stepper
    assert threads and all(t is not threading.main_thread() for t in threads)
    assert stepper.epoch == 4 and len(stepper.state.history) == 3  # epoch 1 finished, then 2 more
    assert num(stepper.state.history[-1].loss) in dialog.status.text()
    assert dialog.canvas.record is None and dialog.next_action() == "forward"
    dialog.advance()
    assert dialog.canvas.record is stepper.record and stepper.record.epoch == 4 and stepper.record.batch == 1
    dialog.close()


def test_a_wrong_backward_fails_the_check_and_names_the_layer(qtbot, english):
    import torch
    from torch import nn

    from playground.gui.dialogs.stepper_panel import GradCheckPanel

    class Doubled(torch.autograd.Function):  # y = x, but its backward doubles the gradient
        @staticmethod
        def forward(ctx, x):
            return x.clone()

        @staticmethod
        def backward(ctx, grad):
            return 2 * grad

    class Wrong(nn.Module):
        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.Linear(2, 3), nn.Tanh(), nn.Linear(3, 2))

        def forward(self, x):
            return self.body[2](Doubled.apply(self.body[1](self.body[0](x))))

    torch.manual_seed(0)
    x, y = torch.randn(3, 2), torch.tensor([0, 1, 1])
    panel = GradCheckPanel(lambda: (Wrong(), x, y, nn.functional.cross_entropy))
    qtbot.addWidget(panel)
    with qtbot.waitSignal(panel.checked, timeout=60000) as blocker:
        panel.button.click()
    result = blocker.args[0]
    assert not result.passed and result.failing[0].number == 1
    assert panel.table.rowCount() == 3 and panel.table.item(2, 0).text() == "Overall"
    assert panel.table.item(0, 2).text() == "FAIL" and panel.table.item(1, 2).text() == "pass"
    assert panel.table.item(2, 2).text() == "FAIL"
    assert "Failed: Layer 1" in panel.summary.text(), panel.summary.text()
    qtbot.waitUntil(lambda: not panel.is_running())


def test_every_formula_key_is_worded_in_japanese(japanese):
    from playground.core.config.presets import load_preset
    from playground.core.experiments.stepper import Stepper
    from playground.core.experiments.stepper_formulas import FORMULA_KEYS, dout_formula, loss_formula
    from playground.gui.i18n import stepper_text

    assert set(stepper_text._templates()) == set(FORMULA_KEYS)  # a new core key needs its sentence here
    formulas = []
    for kind in ("cross_entropy", "mse_probabilities", "mse"):
        formulas += [loss_formula(kind, [0.1, 0.3], 0.2), dout_formula(kind, 1, 2, 2, 0.3, 0.4, 1.0, -0.1, 0.05)]
    for optimizer in ("sgd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw", "radam"):
        cfg = load_preset("xor-mlp")
        cfg = cfg.replace(optimizer=dataclasses.replace(cfg.optimizer, name=optimizer))
        record = Stepper(cfg).step()
        formulas += [f for layer in record.neurons for n in layer for f in n.formulas.values()]
        formulas += [f for layer in record.links for k in layer for f in k.formulas.values()]
    assert {f.key for f in formulas} == set(FORMULA_KEYS)
    for f in formulas:
        sentence = stepper_text.formula_sentence(f)
        assert JAPANESE.search(sentence) and "{" not in sentence and sentence != f.text, (f.key, sentence)


def test_switching_the_language_rewords_the_open_stepper(window, qtbot, english, qapp):
    from playground.gui.i18n import language as i18n

    dialog = _xor_stepper(window, qtbot)
    dialog.advance()
    _click(qtbot, dialog.canvas, dialog.canvas.neuron_point(1, 3))
    assert "weighted sum" in dialog.formulas.toPlainText()
    try:
        i18n.install_translators(qapp, "ja")
        qtbot.waitUntil(lambda: JAPANESE.search(dialog.formulas.toPlainText()) is not None)
        assert "weighted sum" not in dialog.formulas.toPlainText()
        assert JAPANESE.search(dialog.status.text()) and JAPANESE.search(dialog.buttons["loss"].text())
    finally:
        i18n.install_translators(qapp, "en")
    dialog.close()


def test_continuing_in_the_main_window_and_back(window, qtbot, english):
    """Issue 16: the stepper hands its run to the main window's training (plots, log, a run in
    the list) and takes it back. The weights the window's run ends with are those of one
    uninterrupted fit of the same config (the hand-off keeps model, optimizer state and batch
    order), and stepping goes on from them."""
    import torch

    from playground.core.training.loop import fit

    dialog = _xor_stepper(window, qtbot)
    config = dialog._config().with_overrides(**{"train.epochs": 3})
    dialog.config = config  # the stepper's run: 3 epochs
    dialog._restart()
    for _ in range(6):  # a step and a half by hand, mid-epoch
        dialog.advance()
    assert dialog.continue_button.isVisible() and dialog.continue_button.isEnabled()
    runs = len(window.controller.runs)
    with qtbot.waitSignal(window.session.finished, timeout=60000) as finished:
        dialog.continue_button.click()
        assert dialog.is_busy() and not dialog.step_button.isEnabled()
        assert "main window" in dialog.status.text()
        assert dialog.canvas.record is None  # the stepper's last batch is not what is training
    result = finished.args[0]
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=10000)
    assert len(window.controller.runs) == runs + 1 and len(result.history) == 3
    plain = fit(config, window.data_panel.dataset())  # the same run, never stepped by hand
    for key, value in plain.model.state_dict.items():
        assert torch.equal(result.model.state_dict[key], value), key
    assert "Continuing" in window.log_view.toPlainText()
    assert dialog.back_button.isVisible() and "ended after epoch 3" in dialog.status.text()
    assert not dialog.continue_button.isVisible()  # one of the two at a time: the row stays on the screen
    dialog.back_button.click()
    stepper = dialog.stepper
    assert stepper.epoch == 4 and not dialog.back_button.isVisible() and dialog.continue_button.isVisible()
    for key, value in stepper.model.state_dict().items():
        assert torch.equal(value, result.model.state_dict[key]), key
    dialog.advance()
    assert stepper.record.epoch == 4 and stepper.record.batch == 1
    dialog.close()


def test_stepping_on_instead_of_taking_back_lets_the_windows_run_go(window, qtbot):
    dialog = _xor_stepper(window, qtbot)
    dialog.config = dialog._config().with_overrides(**{"train.epochs": 1})
    dialog._restart()
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        dialog.continue_button.click()
    qtbot.waitUntil(lambda: dialog.back_button.isVisible(), timeout=10000)
    epoch = dialog.stepper.epoch
    dialog.advance()  # forward from the stepper's own state, not the window's run
    assert not dialog.back_button.isVisible() and dialog.continue_button.isVisible()
    assert dialog.stepper.record.epoch == epoch and dialog.canvas.record is dialog.stepper.record
    assert "ended after" not in dialog.status.text()
    dialog.close()
