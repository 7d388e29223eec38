"""The lessons' engine texts in the UI's language: what each lesson expects
(core.experiments.lesson_texts.LESSON_EXPECTATIONS), the notes on where a run differed from it
(core.experiments.lesson_notes: a key and values, like SpecError) and how the variant was chosen.
Context "CoreText", as in core_text.py; anything unknown falls back to the engine's English.
tests/gui/test_lesson_text.py checks that every lesson and note key is covered."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from playground.gui.i18n.core_text import variant_name

if TYPE_CHECKING:
    from playground.core.experiments.lesson_notes import Note

__all__ = ["chosen_by_text", "epochs_text", "lesson_expectation", "lesson_titles", "note_text"]

translate = QCoreApplication.translate


def lesson_titles() -> dict[str, str]:
    """Each lesson's title in the UI language, as the Experiments dialog lists it (its context),
    for that dialog, the guide and the training-health diagnoses' links."""
    return {
        "xor": translate("ExperimentsDialog", "Perceptron vs MLP on XOR"),
        "optimizers": translate("ExperimentsDialog", "Optimizers"),
        "weight-init-sigmoid": translate("ExperimentsDialog", "Weight initialisation (Sigmoid)"),
        "weight-init-relu": translate("ExperimentsDialog", "Weight initialisation (ReLU)"),
        "batchnorm": translate("ExperimentsDialog", "Batch normalisation"),
        "overfitting": translate("ExperimentsDialog", "Overfitting"),
        "transfer": translate("ExperimentsDialog", "Transfer learning"),
        "residual": translate("ExperimentsDialog", "Residual connections"),
    }


def _expectations() -> dict[str, str]:
    return {
        "optimizers": translate(
            "CoreText",
            "The same network, data and starting weights, eight optimizers at their default learning rates. Expect "
            "plain SGD to lower the loss slowest; momentum and the adaptive optimizers (AdaGrad, RMSprop, Adam and its "
            "relatives) get ahead in the first epochs, because they take bigger or better-scaled steps. RAdam starts "
            "slower on purpose: it damps its steps for the first few hundred steps, until its gradient statistics are "
            "reliable, then catches up. Adam, AdamW and AdaBound draw almost the same curves: AdamW adds only a tiny "
            "weight decay, and AdaBound turns into SGD only after about a thousand steps.",
        ),
        "weight-init-relu": translate(
            "CoreText",
            "Five hidden ReLU layers of 100 units, started four ways. Expect zeros to stay at chance: every unit in a "
            "layer computes the same thing, so none can learn anything different. In the histograms before training, "
            "small weights (std 0.01) make the activations shrink towards 0 layer by layer, so the gradients vanish "
            "and learning is slow; He keeps the spread in every layer and learns fastest.",
        ),
        "weight-init-sigmoid": translate(
            "CoreText",
            "Five hidden Sigmoid layers of 100 units, started four ways, trained with Adam (plain SGD hardly moves a "
            "deep Sigmoid network in a few epochs). In the histograms before training, large weights (std 1) push "
            "every layer's outputs to 0 and 1, where the Sigmoid is flat and passes almost no gradient back (the "
            "variant's Training health calls it saturated); small weights (std 0.01) squeeze them around 0.5; "
            "Xavier keeps a spread in every layer and learns fastest.",
        ),
        "overfitting": translate(
            "CoreText",
            "A big network (six hidden layers) trained on only 300 samples. Expect it to learn them by heart: training "
            "accuracy reaches 100% while validation accuracy stays far below — that gap is overfitting. Dropout and "
            "weight decay should narrow the gap. Dropout also slows learning down (each step trains a thinned network), "
            "so after the same number of epochs its accuracies can both still be lower.",
        ),
        "batchnorm": translate(
            "CoreText",
            "Five hidden layers started from small (std 0.01) weights and trained with plain SGD on 1,000 samples. "
            "Expect the network without batch norm to learn almost nothing: the signal fades layer by layer, and so do "
            "the gradients. With batch norm before each activation, every layer's inputs are rescaled, and the same "
            "network learns at once.",
        ),
        "xor": translate(
            "CoreText",
            "XOR puts opposite corners in the same class. Expect the perceptron to stay far from 100%: one layer draws "
            "one straight line, which can get at most about three quarters of the points right. One hidden layer bends "
            "the boundary, so the MLP should get almost everything right.",
        ),
        "transfer": translate(
            "CoreText",
            "The starter digit model gets a new output layer and learns Fashion-MNIST from 500 images: training only "
            "the new layer, or all layers, against the same network from random weights. Expect fine-tuning every "
            "layer to start ahead of training from scratch; the new layer alone falls behind, because digits and "
            "clothes share only strokes and edges.",
        ),
        "residual": translate(
            "CoreText",
            "Seventeen 3×3 convolutions with ReLU, three ways: a plain stack (Conv2D → ReLU, started as Keras starts "
            "it, Xavier), the same with batch norm after each convolution, and eight residual blocks that add each "
            "block's input back to their two convolutions' output. Expect the plain stack to stay near chance: its "
            "signal fades layer by layer, and on the way back so does the gradient — in its Training health the first "
            "layer's gradient is hundreds of times smaller than the residual network's. Batch norm rescales the signal "
            "at every layer; the skip connections also carry the gradient straight back to the first blocks, so the "
            "residual network learns from the first epoch.",
        ),
    }


def lesson_expectation(name: str, english: str) -> str:
    """What lesson `name` should show and why (LESSON_EXPECTATIONS[name] in English)."""
    return _expectations().get(name, english)


def _note_templates() -> dict[str, str]:
    """core.experiments.lesson_notes.NOTE_MESSAGES in the UI's language."""
    return {
        "coincide": translate(
            "CoreText",
            "{names} drew almost the same curves (accuracies within {gap:.0%} at every epoch), so their lines lie on top "
            "of each other; each variant has its own marker.",
        ),
        "coincide_adam": translate(
            "CoreText",
            "{names} drew almost the same curves, so their lines lie on top of each other (each variant has its own "
            "marker). That is expected: AdamW and AdaBound are Adam with a change that takes longer than this run's "
            "{steps:,} steps to show — a tiny weight decay, and step bounds that close in on SGD only after about "
            "1,000 steps.",
        ),
        "diverged": translate(
            "CoreText",
            "{name} diverged: its loss became infinite or not a number, so it was left out of the choice. Its learning "
            "rate is too high for this network — try a smaller one.",
        ),
        "radam_warmup": translate(
            "CoreText",
            "RAdam is behind Adam ({radam:.1%} against {adam:.1%} validation accuracy) because it was still warming "
            "up: it damps its steps until its gradient statistics are reliable, and after this run's {steps:,} steps "
            "they were still only {fraction:.0%} of Adam's size. Give it more steps (more epochs, or a smaller batch) "
            "and it catches up.",
        ),
        "no_overfitting": translate(
            "CoreText",
            "The network has not overfitted yet: after {epochs_text} its training accuracy is {train:.1%}, only "
            "{gap:.1%} above its validation accuracy. It overfits once it knows the training samples by heart — run "
            "more epochs.",
        ),
        "regularised_still_learning": translate(
            "CoreText",
            "{name} narrowed the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%}), but "
            "its validation accuracy is below no regularisation's ({val:.1%} against {base_val:.1%}): it learns more "
            "slowly, and after {epochs_text} its training accuracy is only {train:.1%}. It has not caught up yet — "
            "try more epochs.",
        ),
        "regularised_lower": translate(
            "CoreText",
            "{name} narrowed the gap ({gap:.1%} against {base_gap:.1%}) but its validation accuracy stayed below no "
            "regularisation's ({val:.1%} against {base_val:.1%}): here it holds the network back more than it helps "
            "— a weaker setting may do better.",
        ),
        "regularised_no_narrower": translate(
            "CoreText",
            "{name} did not narrow the gap between training and validation accuracy ({gap:.1%} against {base_gap:.1%} "
            "without regularisation).",
        ),
        "init_not_best": translate(
            "CoreText",
            "{expected} was not the best start here: {best} reached {best_val:.1%} validation accuracy and {expected} "
            "{val:.1%} after {epochs_text}. A good start speeds learning up but does not promise the best accuracy; "
            "the histograms show what each start does to the layers.",
        ),
        "batchnorm_no_help": translate(
            "CoreText",
            "Batch norm did not help here: {with_bn:.1%} validation accuracy with it, {without:.1%} without, after "
            "{epochs_text}.",
        ),
        "no_batchnorm_learned": translate(
            "CoreText",
            "Without batch norm the network learned anyway ({without:.1%} validation accuracy): the small start slows "
            "it down but did not stop it in {epochs_text}.",
        ),
        "xor_mlp_unfinished": translate(
            "CoreText",
            "The MLP reached only {val:.1%} validation accuracy after {epochs_text}: it has not finished bending "
            "its boundary — run more epochs.",
        ),
        "transfer_no_help": translate(
            "CoreText",
            "Fine-tuning every layer did not beat training from scratch ({tuned:.1%} against {scratch:.1%} validation "
            "accuracy): the starter model's features did not help on this data in {epochs_text}.",
        ),
        "residual_no_help": translate(
            "CoreText",
            "The residual network did not learn better than the plain stack ({residual:.1%} against {plain:.1%} "
            "validation accuracy after {epochs_text}); compare their first layers' gradients in Training health.",
        ),
    }


def _join(names) -> str:
    names = [variant_name(n) for n in names]
    if len(names) == 1:
        return names[0]
    return translate("CoreText", "{0} and {1}", "joining variant names").format(
        translate("CoreText", ", ", "between variant names").join(names[:-1]), names[-1]
    )


def note_text(note: "Note") -> str:
    """A lesson note in the UI's language, its variant names translated too."""
    template = _note_templates().get(note.key)
    if template is None:
        return note.text
    values = dict(note.values)
    for key in ("name", "best", "expected"):
        if key in values:
            values[key] = variant_name(values[key])
    if "names" in values:
        values["names"] = _join(values["names"])
    if "epochs" in values:
        values["epochs_text"] = epochs_text(values["epochs"])
    return template.format(**values)


def epochs_text(n: int) -> str:
    """"1 epoch" / "5 epochs" (not "%n": without an English .qm Qt would show "epoch(s)")."""
    return translate("CoreText", "1 epoch") if n == 1 else translate("CoreText", "{0} epochs").format(n)


def chosen_by_text(by: str) -> str:
    """'validation accuracy' etc.: the figure a comparison chose its variant by."""
    return {
        "val_accuracy": translate("CoreText", "validation accuracy"),
        "val_loss": translate("CoreText", "validation loss"),
        "train_accuracy": translate("CoreText", "training accuracy (no validation data)"),
        "train_loss": translate("CoreText", "training loss (no validation data)"),
    }.get(by, by)
