"""The engine's English texts in the UI's language.

playground/core stays free of Qt and speaks English (the command line prints its texts as
they are). The window shows some of them: model and run names, optimizer and schedule help,
the compare settings, variant names, preset descriptions. This module maps each of those, by
the engine's stable identifier (optimizer name, setting, preset name), to a tr() text under
the context "CoreText". Anything it does not know, such as a user's own preset, falls back
to the engine's English, so nothing is ever blank. The dataset texts (names, descriptions,
where a dataset comes from, loading and download messages) are in dataset_text.py.

Layer-stack errors (core.config.spec_errors.SpecError) and the reasons a model cannot read drawings
(core.inference.recognize.CanvasUnavailable) carry a key and the values their English was built from;
each key has a template here, filled in with those values.

Two kinds of text have no identifier of their own and are matched by their English form:
hyperparameter help (one sentence shared by several optimizers, and the parameter name alone
is ambiguous: `gamma` means three things) and texts the engine formats with numbers
("lr 0.01", "CPU (2 threads)"). tests/gui/test_core_text.py checks that every entry in the
engine's catalogues is covered, so a changed English sentence is caught there.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication

from playground.core.config.spec_errors import SpecError

if TYPE_CHECKING:  # core.inference.recognize imports torch; the window needs only the reason's fields
    from playground.core.inference.recognize import CanvasUnavailable

__all__ = [
    "canvas_unavailable_text",
    "device_title",
    "optimizer_help",
    "param_help",
    "param_label",
    "model_title",
    "preset_description",
    "preset_menu_texts",
    "preset_title",
    "schedule_help",
    "schedule_title",
    "starter_title",
    "setting_help",
    "spec_error_text",
    "variant_name",
]


# lupdate finds the texts by this call's name and literal context.
translate = QCoreApplication.translate


# --------------------------------------------------------------------------- models and runs


def starter_title(source: str) -> str:
    """The starter digit model's name (core.inference.starter's STARTER_SOURCE or MNIST_STARTER_SOURCE,
    a predictor's `source`) in the UI's language; any other model's name as it is."""
    from playground.core.inference.starter import MNIST_STARTER_SOURCE, STARTER_SOURCE  # loads torch: only once it is in use

    names = {
        STARTER_SOURCE: translate("CoreText", "Starter model (digits)"),
        MNIST_STARTER_SOURCE: translate("CoreText", "Starter model (digits, full MNIST)"),
    }
    return names.get(source, source)


# core.experiments.finetune's names: FINE_TUNED_SUFFIX after a model's name, and fine_tuned_label's.
_FINE_TUNED_SUFFIX = " (fine-tuned)"
_FINE_TUNED_ON = re.compile(r"(?P<base>.+) fine-tuned on (?P<n>\d+) personal samples?")


def model_title(name: str) -> str:
    """A model's or run's name in the UI's language: the starter's names, and the names the
    engine gives fine-tuned models ("… fine-tuned on 6 personal samples", "… (fine-tuned)",
    nested as often as a model was fine-tuned again), are translated; any other name (a
    run's, a file's) is shown as it is."""
    match = _FINE_TUNED_ON.fullmatch(name)
    if match:
        base, n = model_title(match["base"]), int(match["n"])
        # Two texts, not "%n": without an English .qm Qt would show "sample(s)".
        if n == 1:
            return translate("CoreText", "{0} fine-tuned on 1 personal sample").format(base)
        return translate("CoreText", "{0} fine-tuned on {1} personal samples").format(base, n)
    if name.endswith(_FINE_TUNED_SUFFIX):
        return translate("CoreText", "{0} (fine-tuned)").format(model_title(name[: -len(_FINE_TUNED_SUFFIX)]))
    if name.startswith("Starter model"):  # core.inference.starter's names; importing it loads torch, so only then
        return starter_title(name)
    match = _RUN_NAME.fullmatch(name)
    if match:  # "Run 3" (and "実行 3", as projects saved before run names were kept in English have it)
        return translate("CoreText", "Run {0}").format(match[1])
    return name


_RUN_NAME = re.compile(r"(?:Run|実行) (\d+)")


def feeding_text(name: str, feeding) -> str:
    """How a model file from elsewhere is fed (core.inference.foreign.Feeding), in the UI's language."""
    from playground.core.inference.foreign import shape_text

    file_shape, shape = "N×" + shape_text(feeding.file_shape), shape_text(feeding.shape)
    said = {
        "nchw": translate("CoreText", "{0} is fed {1} images (channels first).").format(name, file_shape),
        "nhwc": translate("CoreText", "{0} takes channels-last images ({1}): each {2} image is transposed to it.").format(
            name, file_shape, shape),
        "hw": translate("CoreText", "{0} takes {1} images without a channel axis: it is fed greyscale images of that size.").format(
            name, file_shape),
        "features": translate("CoreText", "{0} is fed rows of {1} numbers.").format(name, shape),
    }[feeding.layout]
    if feeding.dtype == "uint8":
        said += " " + translate("CoreText", "Its pixels are bytes from 0 to 255.")
    return said


# --------------------------------------------------------------------------- optimizers and schedules


def _optimizer_helps() -> dict[str, str]:
    return {
        "sgd": translate("CoreText", 
            "Plain stochastic gradient descent: each step goes straight down the mini-batch gradient. Simple and "
            "predictable but slow in narrow valleys; the baseline to compare the others with."
        ),
        "momentum": translate("CoreText", 
            "SGD with a velocity: steps build up along directions the gradient keeps pointing to and cancel out "
            "where it zig-zags; a strong choice for CNNs once the learning rate is tuned."
        ),
        "nesterov": translate("CoreText", 
            "Momentum SGD that looks ahead: the gradient is taken where the velocity is about to carry the weights, "
            "which reduces overshooting; a drop-in upgrade to momentum."
        ),
        "adagrad": translate("CoreText", 
            "Gives every weight its own learning rate that shrinks as its squared gradients add up; good for rarely "
            "active (sparse) inputs, but learning can stall in long runs."
        ),
        "rmsprop": translate("CoreText", 
            "Like Adagrad, but with a moving average of squared gradients, so the per-weight learning rates adapt "
            "without shrinking to zero; a classic for recurrent networks."
        ),
        "adam": translate("CoreText", 
            "Momentum plus RMSprop-style per-weight scaling, corrected for its cold start; works well out of the box "
            "with learning rate 0.001, so it is the usual first choice."
        ),
        "adamw": translate("CoreText", 
            "Adam with decoupled weight decay: weights shrink directly each step instead of through the gradient, "
            "which regularises better than an L2 penalty does with Adam."
        ),
        "radam": translate("CoreText", 
            "Adam with a built-in warm-up: it damps the adaptive steps while the gradient statistics are still "
            "unreliable, so it is less sensitive to the learning rate."
        ),
        "adabound": translate("CoreText", 
            "Starts like Adam and turns smoothly into SGD: per-weight step sizes are clipped into bounds that close "
            "in on a final learning rate, aiming for Adam's speed and SGD's final accuracy."
        ),
    }


def _schedule_titles() -> dict[str, str]:
    return {
        "constant": translate("CoreText", "Constant"),
        "step": translate("CoreText", "Step decay"),
        "exponential": translate("CoreText", "Exponential decay"),
        "cosine": translate("CoreText", "Cosine annealing"),
        "onecycle": translate("CoreText", "One cycle"),
        "plateau": translate("CoreText", "Reduce on plateau"),
    }


def _schedule_helps() -> dict[str, str]:
    return {
        "constant": translate("CoreText", "Keeps the learning rate fixed for the whole run."),
        "step": translate("CoreText", "Multiplies the learning rate by a factor (γ) every few epochs: big steps early, fine-tuning later."),
        "exponential": translate("CoreText", "Multiplies the learning rate by a factor (γ) after every epoch, so it decays smoothly."),
        "cosine": translate("CoreText", 
            "Lowers the learning rate along half a cosine wave, batch by batch, reaching its lowest value at the end "
            "of the last epoch: slow decay at first, fast in the middle, gentle at the end."
        ),
        "onecycle": translate("CoreText", 
            "Warms the learning rate up from 1/25 of its peak to the peak, then anneals it far below the start, "
            "batch by batch; often trains fastest (Smith's 1cycle policy)."
        ),
        "plateau": translate("CoreText", 
            "Multiplies the learning rate by a factor when the validation loss has not improved for a number of "
            "epochs (the patience); needs a validation set."
        ),
    }


def optimizer_help(name: str, english: str) -> str:
    """Optimizer names (SGD, Adam, ...) stay as they are; their help is translated."""
    return _optimizer_helps().get(name, english)


def schedule_title(name: str, english: str) -> str:
    return _schedule_titles().get(name, english)


def schedule_help(name: str, english: str) -> str:
    return _schedule_helps().get(name, english)


def _param_helps() -> dict[str, str]:
    """English ParamInfo.help -> translation (keyed by the sentence: see the module doc)."""
    texts = [
        ("Fraction of the previous step kept and added to the next one (0.9 is typical).",
         translate("CoreText", "Fraction of the previous step kept and added to the next one (0.9 is typical).")),
        ("Small number added to the denominator so it is never zero.",
         translate("CoreText", "Small number added to the denominator so it is never zero.")),
        ("Decay of the moving average of squared gradients (0.9 to 0.99 is typical).",
         translate("CoreText", "Decay of the moving average of squared gradients (0.9 to 0.99 is typical).")),
        ("Decay of the running average of gradients (the momentum part); 0.9 is typical.",
         translate("CoreText", "Decay of the running average of gradients (the momentum part); 0.9 is typical.")),
        ("Decay of the running average of squared gradients (the per-weight scaling part); 0.999 is typical.",
         translate("CoreText", "Decay of the running average of squared gradients (the per-weight scaling part); 0.999 is typical.")),
        ("Each step every weight shrinks by learning rate × this fraction (0 turns it into Adam).",
         translate("CoreText", "Each step every weight shrinks by learning rate × this fraction (0 turns it into Adam).")),
        ("The SGD learning rate the bounds close in on (it follows the schedule too).",
         translate("CoreText", "The SGD learning rate the bounds close in on (it follows the schedule too).")),
        ("How fast the bounds close in: after about 1/γ steps it behaves much like SGD.",
         translate("CoreText", "How fast the bounds close in: after about 1/γ steps it behaves much like SGD.")),
        ("Scale by the largest squared-gradient average so far (AMSBound), so step sizes never grow back.",
         translate("CoreText", "Scale by the largest squared-gradient average so far (AMSBound), so step sizes never grow back.")),
        ("Epochs between two drops of the learning rate.", translate("CoreText", "Epochs between two drops of the learning rate.")),
        ("Factor applied at each drop (0.1 divides the learning rate by 10).",
         translate("CoreText", "Factor applied at each drop (0.1 divides the learning rate by 10).")),
        ("Factor applied after each epoch (0.95 halves it in about 14 epochs).",
         translate("CoreText", "Factor applied after each epoch (0.95 halves it in about 14 epochs).")),
        ("The learning rate reached at the end of training.", translate("CoreText", "The learning rate reached at the end of training.")),
        ("Peak learning rate; empty means 10 × the optimizer's learning rate.",
         translate("CoreText", "Peak learning rate; empty means 10 × the optimizer's learning rate.")),
        ("Fraction of all batches spent warming up to the peak.", translate("CoreText", "Fraction of all batches spent warming up to the peak.")),
        ("Factor applied when the validation loss stalls.", translate("CoreText", "Factor applied when the validation loss stalls.")),
        ("Epochs without improvement to wait before lowering the learning rate.",
         translate("CoreText", "Epochs without improvement to wait before lowering the learning rate.")),
        ("The learning rate never goes below this.", translate("CoreText", "The learning rate never goes below this.")),
    ]
    return dict(texts)


def param_help(english: str) -> str:
    """A hyperparameter's help (ParamInfo.help)."""
    return _param_helps().get(english, english)


def _param_labels() -> dict[str, str]:
    """English ParamInfo.label -> translation (keyed by the label: `gamma` has three)."""
    texts = [
        ("Momentum", translate("CoreText", "Momentum", "optimizer parameter")),
        ("Epsilon (ε)", translate("CoreText", "Epsilon (ε)")),
        ("Squared-gradient decay (α)", translate("CoreText", "Squared-gradient decay (α)")),
        ("Gradient decay (β₁)", translate("CoreText", "Gradient decay (β₁)")),
        ("Squared-gradient decay (β₂)", translate("CoreText", "Squared-gradient decay (β₂)")),
        ("Weight decay", translate("CoreText", "Weight decay")),
        ("Final learning rate", translate("CoreText", "Final learning rate")),
        ("Bound speed (γ)", translate("CoreText", "Bound speed (γ)")),
        ("Steps never grow back (AMSBound)", translate("CoreText", "Steps never grow back (AMSBound)")),
        ("Epochs between drops", translate("CoreText", "Epochs between drops")),
        ("Drop factor (γ)", translate("CoreText", "Drop factor (γ)")),
        ("Factor per epoch (γ)", translate("CoreText", "Factor per epoch (γ)")),
        ("Learning rate at the end", translate("CoreText", "Learning rate at the end")),
        ("Peak learning rate", translate("CoreText", "Peak learning rate")),
        ("Warm-up share", translate("CoreText", "Warm-up share")),
        ("Drop factor", translate("CoreText", "Drop factor")),
        ("Patience (epochs)", translate("CoreText", "Patience (epochs)")),
        ("Lowest learning rate", translate("CoreText", "Lowest learning rate")),
    ]
    return dict(texts)


def param_label(name: str, english: str) -> str:
    """A hyperparameter's name for people (ParamInfo.label) in the UI language; `name`, the
    key configs and the command line use, only where the engine gives no label."""
    return _param_labels().get(english, english) if english else name


_CPU_TITLE = re.compile(r"CPU \((\d+) threads\)")


def device_title(english: str) -> str:
    """A device's name: GPU names as the driver gives them; the CPU with its thread count."""
    match = _CPU_TITLE.fullmatch(english)
    return translate("CoreText", "CPU ({0} threads)").format(match.group(1)) if match else english


# --------------------------------------------------------------------------- comparisons and presets


def _setting_helps() -> dict[str, str]:
    return {
        "optimizer": translate("CoreText", 
            "Optimizer names (sgd, momentum, adagrad, rmsprop, adam, adamw, radam, adabound, ...), each with its own "
            "default learning rate."
        ),
        "lr": translate("CoreText", "Learning rates, e.g. 0.001,0.01,0.1."),
        "init": translate("CoreText", "Weight initialisations: zeros, normal_001, normal_1, xavier, he_normal, he_uniform."),
        "batch_size": translate("CoreText", "Mini-batch sizes, e.g. 16,64,256."),
        "l2": translate("CoreText", "L2 strengths (0 or off: none; on: the config's strength, else 0.01)."),
        "dropout": translate("CoreText", "Dropout rates after each hidden Dense layer's activation (0 or off: none; on: 0.2)."),
        "augmentation": translate("CoreText", 
            "Image augmentation off/on (on: the config's augmentation, else rotation 10° and shift 0.1)."
        ),
        "batchnorm": translate("CoreText", "Batch norm off/on (on: BatchNorm before each hidden activation)."),
        "preset": translate("CoreText", "Built-in presets: their models and optimizers on the current data."),
    }


def setting_help(setting: str, english: str) -> str:
    """What to type for a setting the Experiments dialog varies (core.experiments.lesson_texts.SETTINGS)."""
    return _setting_helps().get(setting, english)


def _variant_names() -> list[tuple[re.Pattern[str], Callable[[], str]]]:
    """core.experiments.variations' variant names: (pattern of the English name, its translation with {0})."""
    return [
        (re.compile(r"lr (\S+)"), lambda: translate("CoreText", "lr {0}", "variant")),
        (re.compile(r"batch (\d+)"), lambda: translate("CoreText", "batch {0}", "variant")),
        (re.compile(r"no L2"), lambda: translate("CoreText", "no L2", "variant")),
        (re.compile(r"dropout (\S+)"), lambda: translate("CoreText", "dropout {0}", "variant")),
        (re.compile(r"no dropout"), lambda: translate("CoreText", "no dropout", "variant")),
        (re.compile(r"augmentation"), lambda: translate("CoreText", "augmentation", "variant")),
        (re.compile(r"no augmentation"), lambda: translate("CoreText", "no augmentation", "variant")),
        (re.compile(r"batch norm"), lambda: translate("CoreText", "batch norm", "variant")),
        (re.compile(r"no batch norm"), lambda: translate("CoreText", "no batch norm", "variant")),
        (re.compile(r"Zeros"), lambda: translate("CoreText", "Zeros", "variant")),
        (re.compile(r"Small normal \((\S+)\)"), lambda: translate("CoreText", "Small normal ({0})", "variant")),
        (re.compile(r"Large normal \((\S+)\)"), lambda: translate("CoreText", "Large normal ({0})", "variant")),
        (re.compile(r"He uniform"), lambda: translate("CoreText", "He uniform", "variant")),
        (re.compile(r"no regularisation"), lambda: translate("CoreText", "no regularisation", "variant")),
        (re.compile(r"weight decay \(L2 (\S+)\)"), lambda: translate("CoreText", "weight decay (L2 {0})", "variant")),
        (re.compile(r"fine-tuned: new output layer only"), lambda: translate("CoreText", "fine-tuned: new output layer only", "variant")),
        (re.compile(r"fine-tuned: all layers"), lambda: translate("CoreText", "fine-tuned: all layers", "variant")),
        (re.compile(r"from scratch"), lambda: translate("CoreText", "from scratch", "variant")),
        (re.compile(r"plain \((\d+) convolutions\)"), lambda: translate("CoreText", "plain ({0} convolutions)", "variant")),
        (re.compile(r"plain with batch norm"), lambda: translate("CoreText", "plain with batch norm", "variant")),
        (re.compile(r"residual \((\d+) blocks\)"), lambda: translate("CoreText", "residual ({0} blocks)", "variant")),
    ]


def variant_name(english: str) -> str:
    """A comparison variant's name (table rows, legends, histogram rows). Names that are
    identifiers (optimizers, presets, Xavier, He, "L2 0.01") stay as they are."""
    for pattern, translated in _variant_names():
        match = pattern.fullmatch(english)
        if match:
            return translated().format(*match.groups())
    return english


def _preset_descriptions() -> dict[str, str]:
    return {
        "cnn": translate("CoreText", 
            "A small, fast CNN: two 3×3 convolution blocks (16 and 32 filters) with batch norm, ReLU and pooling, "
            "then Dense 128. Adam with a one-cycle learning-rate schedule."
        ),
        "deep-cnn": translate("CoreText", 
            'The "Deep Learning from Scratch" chapter 8 network: 3×3 convolutions 16-16-32-32-64-64 with ReLU and '
            "pooling, Dense 50, dropout, Adam, He initialisation."
        ),
        "mlp": translate("CoreText", 
            "The classic first Keras model: Dense 256 Sigmoid → Dense 128 ReLU → Dense 10 Softmax, each Dense layer "
            "with its own activation as in Keras, trained with plain SGD."
        ),
        "perceptron": translate("CoreText", 
            "A single-layer perceptron on XOR: one Dense layer draws one straight line, and no straight line "
            "separates XOR — accuracy stays near chance."
        ),
        "xor-mlp": translate("CoreText", 
            "XOR again with one hidden layer of 8 Tanh units: the hidden layer bends the boundary, and accuracy goes "
            "above 95%."
        ),
        "tabular": translate("CoreText",
            "A small MLP for tables: two hidden layers of 32 ReLU units with dropout, Adam. The input and output are "
            "sized from the table (one input per number or category, one output per class or one value)."
        ),
    }


def preset_description(name: str, english: str) -> str:
    """A built-in preset's description; a user's own preset (or an edited one) keeps its own."""
    from playground.core.config.presets import list_presets, load_preset

    if name not in list_presets() or load_preset(name).description != english:
        return english
    return _preset_descriptions().get(name, english)


def _preset_titles() -> dict[str, str]:
    """Each built-in preset's description up to its first ': ', a short title for the menu."""
    return {
        "cnn": translate("CoreText", "A small, fast CNN"),
        "deep-cnn": translate("CoreText", 'The "Deep Learning from Scratch" chapter 8 network'),
        "mlp": translate("CoreText", "The classic first Keras model"),
        "perceptron": translate("CoreText", "A single-layer perceptron on XOR"),
        "xor-mlp": translate("CoreText", "XOR again with one hidden layer of 8 Tanh units"),
        "tabular": translate("CoreText", "A small MLP for tables"),
    }


def preset_title(name: str, english: str) -> str:
    """A few words on a preset for its menu item: a built-in preset's title, or the first part
    of a user's own description (up to its first ': ' or '. ')."""
    from playground.core.config.presets import list_presets, load_preset

    titles = _preset_titles()
    if name in titles and name in list_presets() and load_preset(name).description == english:
        return titles[name]
    return re.split(r": |\. ", english, maxsplit=1)[0].rstrip(".")


def preset_menu_texts(name: str) -> tuple[str, str, str]:
    """A preset's menu item text ('mlp — The classic first Keras model'), its tooltip (the
    description and the layers, as rich text so that Qt wraps it) and its status tip (the
    same on one line), in the UI language."""
    from html import escape

    from playground.core.config.presets import load_preset

    config = load_preset(name)
    description = preset_description(name, config.description)
    title = preset_title(name, config.description).replace("&", "&&")
    layers = " → ".join(layer.describe() for layer in config.model.layers)
    tip = f"<p>{escape(description, False)}</p><p>{escape(layers, False)}</p>"
    return f"{name} — {title}", tip, f"{description} — {layers}"


# --------------------------------------------------------------------------- model errors


def _spec_error_templates() -> dict[str, str]:
    """core.config.spec_errors.SPEC_ERROR_MESSAGES in the UI's language; the English is the engine's, word for word."""
    return {
        "bad_whole_number": translate(
            "CoreText", "Layer {layer} ({type}): '{param}' must be a whole number >= {minimum}, got {value}."
        ),
        "needs_flat_input": translate(
            "CoreText", "Layer {layer} ({type}) needs a flat input but receives {shape} — insert Flatten before it."
        ),
        "needs_image_input": translate(
            "CoreText",
            "Layer {layer} ({type}) needs an image input (channels×height×width) but receives {shape} — "
            "move it before Flatten/Dense, or use an image dataset.",
        ),
        "same_padding_needs_stride_1": translate(
            "CoreText", "Layer {layer} ({type}): padding 'same' needs stride 1 — use padding 'valid' or a number."
        ),
        "stride_1_or_2": translate("CoreText", "Layer {layer} ({type}): stride must be 1 or 2, got {value}."),
        "bad_padding": translate(
            "CoreText", "Layer {layer} ({type}): padding must be 'same', 'valid' or a whole number >= 0, got {value}."
        ),
        "kernel_too_big": translate(
            "CoreText",
            "Layer {layer} ({type}): a {kernel}×{kernel} kernel does not fit the {height}×{width} input — "
            "use a smaller kernel, padding 'same', or fewer pooling layers before it.",
        ),
        "pool_too_big": translate(
            "CoreText",
            "Layer {layer} ({type}): a {pool}×{pool} window does not fit the {height}×{width} input — remove this "
            "pooling layer or use a smaller pool.",
        ),
        "bad_rate": translate("CoreText", "Layer {layer} ({type}): rate must be in [0, 1), got {value}."),
        "needs_flat_or_image_input": translate(
            "CoreText", "Layer {layer} ({type}) needs a flat or image input, got {shape}."
        ),
        "unknown_function": translate(
            "CoreText", "Layer {layer} ({type}): unknown function {value}; choose one of {choices}."
        ),
        "unsupported_layer_type": translate("CoreText", "Layer {layer} ({type}): unsupported layer type."),
        "bad_input_shape": translate("CoreText", "The input shape {shape} is invalid — choose a dataset first."),
        "features_need_points": translate(
            "CoreText",
            "Input features (x₁², sin x₁, …) are computed from 2-D points, but this model's input is {shape} — "
            "remove 'model.features' or choose a 2-D toy dataset.",
        ),
        "backbone_needs_images": translate(
            "CoreText",
            "{backbone} takes pictures (1 or 3 channels × height × width), but this model's input is {shape} — "
            "choose an image dataset or remove the backbone.",
        ),
        "no_layers": translate("CoreText", "The model has no layers — add at least one Dense layer."),
        "output_not_flat": translate(
            "CoreText",
            "The model ends with a {shape} output — add Flatten and a Dense({output_size}) layer at the end.",
        ),
        "output_size_mismatch": translate(
            "CoreText", "The model outputs {outputs} {outputs_word} but the dataset has {output_size} {what} — {fix}."
        ),
        "softmax_in_regression": translate(
            "CoreText",
            "Layer {layer} (Softmax) turns outputs into probabilities, which is wrong for regression — "
            "remove it or use Linear.",
        ),
        "softmax_not_last": translate(
            "CoreText",
            "Layer {layer} (Softmax) is not the last layer — Softmax belongs only at the end; use ReLU here.",
        ),
    }


def _output_size_parts(values: dict) -> dict:
    """The output-size error's two phrases, which the engine words from its task and layer values."""
    n = int(values.get("output_size", 0))
    if values.get("task") == "classification":
        what = translate("CoreText", "class(es)", "the dataset has N classes", n)
    else:
        what = translate("CoreText", "target(s)", "the dataset has N targets (regression)", n)
    if values.get("dense_layer"):
        fix = translate("CoreText", "set layer {0} (Dense) to %n unit(s)", "", n).format(values["dense_layer"])
    else:
        fix = translate("CoreText", "add a Dense({0}) layer at the end").format(values["output_size"])
    outputs = int(values.get("outputs", 0))
    outputs_word = translate("CoreText", "value(s)", "the model outputs N values", outputs)
    return {**values, "what": what, "fix": fix, "outputs_word": outputs_word}


def spec_error_text(e: BaseException) -> str:
    """A layer-stack error (SpecError) in the UI's language, from its key and values; a
    comparison's error about one variant ("Variant 'x': ...", core.experiments.compare) with the variant's
    name and its cause in the UI's language. Any other error, and a SpecError without a known
    key (one the window made itself), shows its own text."""
    variant, cause = getattr(e, "variant", None), getattr(e, "cause", None)
    if isinstance(variant, str) and isinstance(cause, BaseException):
        return translate("CoreText", "Variant '{0}': {1}").format(variant_name(variant), spec_error_text(cause))
    if not isinstance(e, SpecError):  # a setting's own check (ConfigError) with a key, else its text
        from playground.gui.i18n.error_text import config_error_text

        return config_error_text(e)
    template = _spec_error_templates().get(e.key)
    if template is None:
        return str(e)
    values = _output_size_parts(e.values) if e.key == "output_size_mismatch" else e.values
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the engine did not give
        return str(e)


def _canvas_unavailable_templates() -> dict[str, str]:
    return {
        "no_model": translate("CoreText", "There is no model: train one on an image dataset or open a model file."),
        "not_images": translate(
            "CoreText",
            "This model takes inputs of shape {shape}, not images, so it cannot read a drawing — "
            "train a model on an image dataset (e.g. mnist-5k) to draw for it.",
        ),
        "not_classes": translate(
            "CoreText", "This model ({shape} images) predicts numbers, not classes, so there is nothing to recognise."
        ),
    }


def canvas_unavailable_text(why: CanvasUnavailable) -> str:
    """Why a model cannot read drawings (core.inference.recognize.canvas_unavailable), in the UI's language."""
    template = _canvas_unavailable_templates().get(why.key)
    if template is None:
        return why.message
    try:
        return template.format(**why.values)
    except (KeyError, IndexError, ValueError):  # a translation naming a value the engine did not give
        return why.message
