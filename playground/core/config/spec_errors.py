"""SpecError: what is wrong with a layer stack, by key, with the values its message names.

Apart from the catalogue and the spec so that both can raise it without importing each other.
"""

from __future__ import annotations

from typing import Any, Mapping

from playground.core.errors import ConfigError

__all__ = ["SPEC_ERROR_MESSAGES", "SpecError", "spec_error"]


class SpecError(ConfigError):
    """A layer stack is invalid. `layer` is the 1-based layer number (0: the model as a whole).

    `key` says which problem it is (a key of SPEC_ERROR_MESSAGES; "" for a message made
    elsewhere) and `values` holds the plain numbers and strings the message was built from, so
    the window can say the same in its own language (gui/i18n/core_text.py)."""

    def __init__(self, message: str, layer: int = 0, key: str = "", values: Mapping[str, Any] | None = None):
        super().__init__(message)
        self.layer = layer
        self.key = key
        self.values = dict(values or {})

    def __reduce__(self):  # keep layer, key and values when pickled (Exception keeps only args)
        return type(self), (str(self), self.layer, self.key, self.values)


# The English of every SpecError by its key, filled in from the error's `values` (which always
# include `layer`). The command line prints these as they are.
SPEC_ERROR_MESSAGES: dict[str, str] = {
    "bad_whole_number": "Layer {layer} ({type}): '{param}' must be a whole number >= {minimum}, got {value}.",
    "needs_flat_input": "Layer {layer} ({type}) needs a flat input but receives {shape} — insert Flatten before it.",
    "needs_image_input": (
        "Layer {layer} ({type}) needs an image input (channels×height×width) but receives {shape} — "
        "move it before Flatten/Dense, or use an image dataset."
    ),
    "same_padding_needs_stride_1": "Layer {layer} ({type}): padding 'same' needs stride 1 — use padding 'valid' or a number.",
    "stride_1_or_2": "Layer {layer} ({type}): stride must be 1 or 2, got {value}.",
    "bad_padding": "Layer {layer} ({type}): padding must be 'same', 'valid' or a whole number >= 0, got {value}.",
    "kernel_too_big": (
        "Layer {layer} ({type}): a {kernel}×{kernel} kernel does not fit the {height}×{width} input — "
        "use a smaller kernel, padding 'same', or fewer pooling layers before it."
    ),
    "pool_too_big": (
        "Layer {layer} ({type}): a {pool}×{pool} window does not fit the {height}×{width} input — remove this pooling layer "
        "or use a smaller pool."
    ),
    "bad_rate": "Layer {layer} ({type}): rate must be in [0, 1), got {value}.",
    "needs_flat_or_image_input": "Layer {layer} ({type}) needs a flat or image input, got {shape}.",
    "unknown_function": "Layer {layer} ({type}): unknown function {value}; choose one of {choices}.",
    "unsupported_layer_type": "Layer {layer} ({type}): unsupported layer type.",
    "bad_input_shape": "The input shape {shape} is invalid — choose a dataset first.",
    "features_need_points": (
        "Input features (x₁², sin x₁, …) are computed from 2-D points, but this model's input is {shape} — "
        "remove 'model.features' or choose a 2-D toy dataset."
    ),
    "backbone_needs_images": (
        "{backbone} takes pictures (1 or 3 channels × height × width), but this model's input is {shape} — "
        "choose an image dataset or remove the backbone."
    ),
    "no_layers": "The model has no layers — add at least one Dense layer.",
    "output_not_flat": "The model ends with a {shape} output — add Flatten and a Dense({output_size}) layer at the end.",
    # {what} is "classes" or "target(s)" (values["task"]), {outputs_word} "value(s)", each in the number
    # of its count; {fix} names values["dense_layer"] (0: none)
    "output_size_mismatch": "The model outputs {outputs} {outputs_word} but the dataset has {output_size} {what} — {fix}.",
    "softmax_in_regression": (
        "Layer {layer} (Softmax) turns outputs into probabilities, which is wrong for regression — "
        "remove it or use Linear."
    ),
    "softmax_not_last": "Layer {layer} (Softmax) is not the last layer — Softmax belongs only at the end; use ReLU here.",
}


def spec_error(key: str, layer: int, **values: Any) -> SpecError:
    """The SpecError `key` about layer number `layer` (1-based; 0: the whole model)."""
    values = {"layer": layer, **values}
    return SpecError(SPEC_ERROR_MESSAGES[key].format(**values), layer, key, values)
