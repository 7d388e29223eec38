"""The layer catalogue's words in the UI language: layer types, activation functions, weight
initialisations and the names of layer parameters.

The catalogue (core/config/catalogue.py) is English and Qt-free. The same sentences are repeated
here as literals so lupdate can extract them; tests/gui/test_layer_builder.py checks they
still match the catalogue's, and a name the catalogue gains later falls back to its English.
The help of each parameter in the row editor is translated by that editor (layer_editors.py).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from playground.core.config.catalogue import ACTIVATIONS, INITIALIZERS, LAYER_TYPES

__all__ = [
    "activation_help",
    "catalogue_text",
    "initializer_help",
    "initializer_label",
    "layer_help",
    "param_labels",
]


def layer_help(layer_type: str) -> str:
    """One sentence on what a layer type does, in the UI language."""
    texts = {
        "Dense": QCoreApplication.translate("LayerHelp", "Fully connected layer: every input to every unit."),
        "Conv2D": QCoreApplication.translate(
            "LayerHelp",
            "2-D convolution: small filters slid over the image; padding 'same' keeps the size at stride 1.",
        ),
        "ResidualBlock": QCoreApplication.translate(
            "LayerHelp",
            "Residual block (ResNet): two 3×3 convolutions with batch norm and ReLU, and the block's input added "
            "back to their output — the skip connection lets gradients reach early layers of deep networks.",
        ),
        "MaxPool2D": QCoreApplication.translate("LayerHelp", "Keeps the largest value of each pool×pool window."),
        "AvgPool2D": QCoreApplication.translate("LayerHelp", "Averages each pool×pool window."),
        "Flatten": QCoreApplication.translate(
            "LayerHelp", "Reshapes C×H×W feature maps into one vector for Dense layers."
        ),
        "Dropout": QCoreApplication.translate(
            "LayerHelp", "Zeroes a random fraction of activations while training (regularisation)."
        ),
        "BatchNorm": QCoreApplication.translate(
            "LayerHelp", "Normalises each feature over the batch; speeds up and stabilises training."
        ),
        "Activation": QCoreApplication.translate("LayerHelp", "Applies a non-linearity element-wise."),
    }
    return texts.get(layer_type) or LAYER_TYPES[layer_type].help


def activation_help(name: str) -> str:
    """One sentence on an activation function, in the UI language."""
    texts = {
        "ReLU": QCoreApplication.translate(
            "LayerHelp", "max(0, x): the default for hidden layers; fast and does not saturate for x > 0."
        ),
        "LeakyReLU": QCoreApplication.translate(
            "LayerHelp", "Like ReLU but with a small slope for x < 0, so units never 'die'."
        ),
        "Sigmoid": QCoreApplication.translate(
            "LayerHelp", "Squashes to (0, 1); saturates, so gradients vanish in deep stacks."
        ),
        "Tanh": QCoreApplication.translate(
            "LayerHelp", "Squashes to (-1, 1); zero-centred, but saturates like Sigmoid."
        ),
        "GELU": QCoreApplication.translate("LayerHelp", "Smooth ReLU used in Transformers."),
        "ELU": QCoreApplication.translate(
            "LayerHelp", "ReLU with a smooth negative part that pushes mean activations towards zero."
        ),
        "Softmax": QCoreApplication.translate(
            "LayerHelp", "Turns scores into class probabilities; use once, as the last layer."
        ),
        "Linear": QCoreApplication.translate(
            "LayerHelp", "Identity: no non-linearity (stacked linear layers stay linear)."
        ),
    }
    return texts.get(name) or ACTIVATIONS[name]


def initializer_help(name: str) -> str:
    """One sentence on a weight initialisation, in the UI language."""
    texts = {
        "he_normal": QCoreApplication.translate(
            "LayerHelp", "He (Kaiming) normal: std sqrt(2/fan_in); the choice for ReLU networks."
        ),
        "he_uniform": QCoreApplication.translate(
            "LayerHelp", "He (Kaiming) uniform: same variance as He normal, uniform distribution."
        ),
        "xavier": QCoreApplication.translate(
            "LayerHelp", "Xavier (Glorot) uniform: keeps variance for Sigmoid/Tanh networks."
        ),
        "normal_001": QCoreApplication.translate(
            "LayerHelp", "Small normal (std 0.01): activations shrink layer by layer in deep nets."
        ),
        "normal_1": QCoreApplication.translate(
            "LayerHelp", "Large normal (std 1): Sigmoid/Tanh outputs pile up at their limits, where the gradient vanishes."
        ),
        "zeros": QCoreApplication.translate(
            "LayerHelp", "All zeros: every unit in a layer stays identical (the symmetry problem)."
        ),
    }
    return texts.get(name) or INITIALIZERS[name]


def initializer_label(name: str) -> str:
    """The short name of a weight initialisation shown in the combo box."""
    texts = {
        "he_normal": QCoreApplication.translate("LayerHelp", "He normal"),
        "he_uniform": QCoreApplication.translate("LayerHelp", "He uniform"),
        "xavier": QCoreApplication.translate("LayerHelp", "Xavier (Glorot)"),
        "normal_001": QCoreApplication.translate("LayerHelp", "Small normal (0.01)"),
        "normal_1": QCoreApplication.translate("LayerHelp", "Large normal (1)"),
        "zeros": QCoreApplication.translate("LayerHelp", "Zeros"),
    }
    return texts.get(name, name)


def param_labels() -> dict[str, str]:
    """Names of the editable parameters, shared by the row summary and the in-row editor."""
    return {
        "units": QCoreApplication.translate("LayerBuilder", "units"),
        "bias": QCoreApplication.translate("LayerBuilder", "bias"),
        "filters": QCoreApplication.translate("LayerBuilder", "filters"),
        "kernel": QCoreApplication.translate("LayerBuilder", "kernel"),
        "stride": QCoreApplication.translate("LayerBuilder", "stride"),
        "padding": QCoreApplication.translate("LayerBuilder", "padding"),
        "pool": QCoreApplication.translate("LayerBuilder", "pool"),
        "rate": QCoreApplication.translate("LayerBuilder", "rate"),
        "function": QCoreApplication.translate("LayerBuilder", "function"),
        "activation": QCoreApplication.translate("LayerBuilder", "activation"),
    }


def catalogue_text(english: str) -> str:
    """One of the catalogue's sentences above (a layer type's, an activation function's or a
    weight initialisation's help) in the UI language; any other text as it is."""
    for names, translated in ((LAYER_TYPES, layer_help), (ACTIVATIONS, activation_help), (INITIALIZERS, initializer_help)):
        for name in names:
            text = names[name] if isinstance(names[name], str) else names[name].help
            if text == english:
                return translated(name)
    return english
