"""The window checkpoints its runs, and at launch offers to continue an interrupted one."""

import pytest

from playground.core.training.checkpoint import (
    LAST,
    Checkpoint,
    list_interrupted_runs,
    new_run_dir,
    runs_dir,
)
from playground.core.data.registry import load_dataset
from playground.core.config.presets import load_preset
from playground.core.training.callbacks import Callback
from playground.core.training.loop import fit
from playground.gui.run.resume_offer import ResumeOffer

EPOCHS = 6


class Crash(Exception):
    pass


class CrashAfterEpoch2(Callback):
    def on_epoch_end(self, state, logs):
        if logs.epoch == 2:
            raise Crash


def _interrupted_run():
    """A real xor-mlp run of EPOCHS epochs checkpointed into the registry that dies after
    epoch 2 as a killed process would (no completion marker, no clean-up)."""
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": EPOCHS, "train.device": "cpu"}).replace(name="crashed-xor")
    run_dir = new_run_dir(cfg)
    with pytest.raises(Crash):
        callbacks = [Checkpoint(run_dir, max_share=float("inf")), CrashAfterEpoch2()]
        fit(cfg, load_dataset(cfg.data.name, cfg.data.options), callbacks=callbacks)
    assert [r.path for r in list_interrupted_runs()] == [run_dir]
    return run_dir


def test_no_question_without_an_interrupted_run(window):
    assert not ResumeOffer(window.controller).ask()


def test_continue_resumes_the_run_and_finishes_it(window, qtbot):
    run_dir = _interrupted_run()
    offer = ResumeOffer(window.controller)
    assert offer.ask()
    assert offer.box.isVisible()
    assert "epoch 2 of 6" in offer.box.text()
    with qtbot.waitSignal(window.session.finished, timeout=60000) as done:
        offer.continue_button.click()
    result = done.args[0]
    assert result.status == "completed" and result.config.name == "crashed-xor"
    assert result.epochs_completed == EPOCHS and [h.epoch for h in result.history] == list(range(1, EPOCHS + 1))
    assert window.controller.current_config().train.epochs == EPOCHS  # its settings are in the panels
    assert window.runs_list.count() == 1
    assert not run_dir.exists() and list_interrupted_runs() == []  # the finished run cleaned up


def test_discard_deletes_and_later_keeps(window, dialogs):
    run_dir = _interrupted_run()
    later = ResumeOffer(window.controller)
    assert later.ask()
    later.later_button.click()
    assert (run_dir / LAST).exists() and not window.session.is_running()

    discard = ResumeOffer(window.controller)
    assert discard.ask()
    discard.discard_button.click()
    assert not run_dir.exists() and list_interrupted_runs() == []
    assert not window.session.is_running()


def test_a_damaged_checkpoint_is_reported_and_can_be_discarded(window, dialogs):
    run_dir = _interrupted_run()
    (run_dir / LAST).write_bytes(b"not a checkpoint")
    offer = ResumeOffer(window.controller)
    assert offer.ask()
    offer.continue_button.click()  # the fake question answers Discard
    assert dialogs and dialogs[-1][1] == "Cannot continue the run" and "damaged" in dialogs[-1][2]
    assert not run_dir.exists() and not window.session.is_running()


def test_a_window_run_checkpoints_and_a_finished_run_leaves_nothing(window, qtbot):
    window.controller.apply_config(load_preset("xor-mlp").with_overrides(**{"train.epochs": 3, "train.device": "cpu"}))
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    # Watched from a thread of its own: the window hears of an epoch only when its event loop gets
    # to it, and on a loaded machine that came after the run had ended and cleaned up (CI failed so).
    import threading

    seen, stop = [], threading.Event()

    def watch() -> None:
        while not stop.is_set() and not seen:
            if list(runs_dir().glob(f"*/{LAST}")):
                seen.append(True)
            stop.wait(0.002)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        with qtbot.waitSignal(window.session.finished, timeout=60000):
            window.train_action.trigger()
    finally:
        stop.set()
        watcher.join()
    assert seen  # a checkpoint was in the registry during the run
    assert list(runs_dir().glob("*")) == []
