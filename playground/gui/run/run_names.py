"""What a run is, in words: the runs list's item text, the header above the plots and their
tooltips say the dataset, the model, the optimizer, the epochs and how the run ended, so that
"Run 3" and "Run 4" can be told apart without opening them.

The texts are `RunNames`' (its self.tr, which pyside6-lupdate reads, plurals included); the
module's functions ask one shared instance.
"""

from __future__ import annotations

from PySide6.QtCore import QObject

from playground.core.config.features import features_label
from playground.core.config.spec import RunConfig
from playground.core.training.catalog import OPTIMIZERS, SCHEDULES
from playground.gui.i18n.core_text import model_title, schedule_title
from playground.gui.i18n.dataset_text import dataset_title

__all__ = ["STATUSES", "model_summary", "run_details", "run_facts", "run_title", "status_text"]

STATUSES = ("completed", "stopped", "diverged")  # how a trained run can end (FitResult.status)
SHOWN_LAYERS = 4  # a longer stack is summarised as its first two main layers, "…", its last


def model_summary(config: RunConfig) -> str:
    """The layers that hold the weights, with their size and the activation that follows each
    (its own, or the Activation row after it): "Dense 8 Tanh → Dense 2 Softmax",
    "Conv2D 16 ReLU → Conv2D 32 ReLU → … → Dense 10 Softmax"; a residual block, whose ReLU is
    inside it, as "ResidualBlock 32/2" (the /2: stride 2)."""
    parts: list[str] = []
    open_ = False  # the last weighted layer has no activation yet: an Activation row gives it one
    for layer in config.model.layers:
        if layer.type in ("Dense", "Conv2D"):
            parts.append(_layer(layer, activation=True))
            open_ = not layer.params.get("activation")
        elif layer.type == "ResidualBlock":
            parts.append(_layer(layer))
            open_ = False
        elif layer.type == "Activation" and parts and open_:
            parts[-1] += f" {layer.get('function')}"  # "Dense 64 ReLU": the two runs of a
            open_ = False  # learner who moved an activation no longer read alike
    if len(parts) > SHOWN_LAYERS:
        parts = [*parts[:2], "…", parts[-1]]
    if config.model.features:  # "x₁, x₂, sin x₁ → Dense 8 Tanh → …": runs on other features differ
        parts.insert(0, features_label(config.model.features))
    return " → ".join(parts)


def _layer(layer, activation: bool = False) -> str:
    """A layer in a few words: "Dense 8", with `activation` "Dense 256 Sigmoid" when it has its own."""
    if layer.type == "Dense":
        fn = layer.params.get("activation") if activation else None
        return f"Dense {layer.get('units')}" + (f" {fn}" if fn else "")
    if layer.type == "Conv2D":
        return f"Conv2D {layer.get('filters')}"
    if layer.type == "ResidualBlock":
        return f"ResidualBlock {layer.get('filters')}" + ("/2" if layer.get("stride") == 2 else "")
    if layer.type == "Activation":
        return str(layer.get("function"))
    return layer.type


def _optimizer(config: RunConfig) -> str:
    """"Adam 0.001", and the schedule when the rate does not stay put: "Adam 0.001 (One cycle)"
    (the LR plot then peaks elsewhere than the number says)."""
    info = OPTIMIZERS.get(config.optimizer.name)
    text = f"{info.title if info else config.optimizer.name} {config.optimizer.lr:g}"
    schedule = config.schedule.name
    if schedule and schedule != "constant":
        known = SCHEDULES.get(schedule)
        text += f" ({schedule_title(schedule, known.title if known else schedule)})"
    return text


def _dataset(record) -> str:
    name = record.summary.get("dataset") or record.config.data.name
    return dataset_title(name, name)


class RunNames(QObject):
    """The translated words for runs (see the module's functions)."""

    def status_text(self, record) -> str:
        """How the run ended: completed, early-stopped, stopped, diverged ("" when not known, e.g.
        a model file that kept no summary)."""
        summary = record.summary
        status = summary.get("status", "")
        if status == "completed" and summary.get("early_stopped"):
            return self.tr("early-stopped")
        return {"completed": self.tr("completed"), "stopped": self.tr("stopped"), "diverged": self.tr("diverged")}.get(status, "")

    def _epochs(self, record) -> str:
        summary = record.summary
        done, planned = summary.get("epochs_completed"), record.config.train.epochs
        if done is None:
            return ""
        if summary.get("status") == "completed" and not summary.get("early_stopped") and done == planned:
            return self.tr("%n epoch(s)", "", done)
        return self.tr("{0}/{1} epochs").format(done, planned)

    def run_facts(self, record) -> str:
        """Dataset · model · optimizer and learning rate · epochs: "XOR · Dense 8 → Dense 2 ·
        Adam 0.03 · 60 epochs"."""
        parts = [_dataset(record), model_summary(record.config), _optimizer(record.config), self._epochs(record)]
        return " · ".join(p for p in parts if p)

    def run_title(self, record) -> str:
        """The runs list's text for a run: "Run 3 — 86.93% · XOR · Dense 8 → Dense 2 · Adam 0.03 ·
        60 epochs · completed"."""
        acc = record.summary.get("test_accuracy")
        head = model_title(record.label) + (f" — {acc:.2%}" if acc is not None else "")
        return " · ".join(p for p in (head, self.run_facts(record), self.status_text(record)) if p)

    def run_details(self, record, message: str) -> str:
        """A tooltip with the whole story: what was trained on what, how, and what came of it
        (`message`: the sentence that says how it ended, RunFeedback.run_message)."""
        config, summary = record.config, record.summary
        layers = " → ".join(_layer(layer, activation=True) for layer in config.model.layers)
        lines = [
            self.tr("Dataset: {0}").format(_dataset(record)),
            self.tr("Model: {0}").format(f"{config.name}: {layers}" if config.name else layers),
            self.tr("Optimizer: {0}, learning rate {1:g}, batch size {2}").format(
                OPTIMIZERS[config.optimizer.name].title if config.optimizer.name in OPTIMIZERS else config.optimizer.name,
                config.optimizer.lr,
                config.train.batch_size,
            ),
        ]
        if summary.get("epochs_completed") is not None:
            lines.append(
                self.tr("Epochs: {0} of {1} completed").format(summary["epochs_completed"], config.train.epochs)
                + (f" ({self.status_text(record)})" if self.status_text(record) else "")
            )
        if summary.get("samples_per_second"):
            lines.append(
                self.tr("Trained in {0:.1f} s, {1:,.0f} training samples/s").format(
                    summary.get("train_seconds", 0.0), summary["samples_per_second"]
                )
            )
        if message:
            lines.append(message)
        return "\n".join(lines)


_names: RunNames | None = None


def _shared() -> RunNames:
    global _names
    if _names is None:
        _names = RunNames()
    return _names


def status_text(record) -> str:
    """How the run ended: completed, early-stopped, stopped, diverged ("" when not known, e.g.
    a model file that kept no summary)."""
    return _shared().status_text(record)


def run_facts(record) -> str:
    """Dataset · model · optimizer and learning rate · epochs: "XOR · Dense 8 → Dense 2 ·
    Adam 0.03 · 60 epochs"."""
    return _shared().run_facts(record)


def run_title(record) -> str:
    """The runs list's text for a run: "Run 3 — 86.93% · XOR · Dense 8 → Dense 2 · Adam 0.03 ·
    60 epochs · completed"."""
    return _shared().run_title(record)


def run_details(record, message: str) -> str:
    """A tooltip with the whole story: what was trained on what, how, and what came of it
    (`message`: the sentence that says how it ended, RunFeedback.run_message)."""
    return _shared().run_details(record, message)
