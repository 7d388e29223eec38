"""Divergence in the window (issue 14, item 4): a runaway run (xor-mlp at lr 1000) and one whose
weight update overflows (lr 1e300) both end as 'diverged' with the "Training diverged" warning
naming the learning rate — not as a completed run, not as a failed session with a traceback."""

import pytest

from playground.core.config.presets import load_preset


@pytest.mark.parametrize("lr", [1000.0, 1e300])
def test_a_diverging_run_warns_and_names_the_learning_rate(window, qtbot, dialogs, lr):
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 10, "train.device": "cpu", "optimizer.lr": lr})
    window.controller.apply_config(cfg)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    with qtbot.waitSignal(window.session.finished, timeout=60000):
        window.train_action.trigger()
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=5000)

    assert [kind for kind, _, _ in dialogs] == ["warning"]
    _, title, text = dialogs[0]
    assert title == "Training diverged"
    assert "Lower the learning rate" in text and f"{lr:g}" in text
    assert window.controller.runs[-1].summary["status"] == "diverged"
