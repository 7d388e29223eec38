"""One real layer stack per SpecError key, shared by the core tests (each key is raised with
its values) and the GUI tests (each key's English template says what the engine says)."""

from __future__ import annotations

from typing import Callable

from playground.core.config.backbone import BackboneSpec
from playground.core.config.model_spec import LayerSpec, ModelSpec, infer_shapes
from playground.core.config.spec_errors import SpecError


def L(type_, **params):
    return LayerSpec(type_, params)


def _unsupported_type() -> None:
    layer = L("Dense")
    object.__setattr__(layer, "type", "Recurrent")  # LayerSpec refuses it; shape inference must too
    infer_shapes((2,), [layer])


# (key, what raises it, the layer number it names, values it must carry)
SPEC_ERROR_CASES: list[tuple[str, Callable[[], object], int, dict]] = [
    ("bad_whole_number", lambda: infer_shapes((2,), [L("Dense", units=0)]), 1,
     {"type": "Dense", "param": "units", "minimum": 1, "value": "0"}),
    ("needs_flat_input", lambda: infer_shapes((1, 8, 8), [L("Dense", units=4)]), 1,
     {"type": "Dense", "shape": "1×8×8"}),
    ("needs_image_input", lambda: infer_shapes((2,), [L("Dense", units=4), L("Conv2D")]), 2,
     {"type": "Conv2D", "shape": "4"}),
    ("same_padding_needs_stride_1", lambda: infer_shapes((1, 8, 8), [L("Conv2D", stride=2, padding="same")]), 1,
     {"type": "Conv2D"}),
    ("bad_padding", lambda: infer_shapes((1, 8, 8), [L("Conv2D", padding="full")]), 1,
     {"type": "Conv2D", "value": "'full'"}),
    ("kernel_too_big", lambda: infer_shapes((1, 4, 6), [L("Conv2D", kernel=5, padding="valid")]), 1,
     {"type": "Conv2D", "kernel": 5, "height": 4, "width": 6}),
    ("pool_too_big", lambda: infer_shapes((1, 8, 8), [L("AvgPool2D", pool=2)] * 3 + [L("MaxPool2D", pool=2)]), 4,
     {"type": "MaxPool2D", "pool": 2, "height": 1, "width": 1}),
    ("stride_1_or_2", lambda: infer_shapes((1, 8, 8), [L("ResidualBlock", stride=3)]), 1,
     {"type": "ResidualBlock", "value": "3"}),
    ("bad_rate", lambda: infer_shapes((2,), [L("Dropout", rate=1.5)]), 1, {"type": "Dropout", "value": "1.5"}),
    ("needs_flat_or_image_input", lambda: infer_shapes((3, 4), [L("BatchNorm")]), 1,
     {"type": "BatchNorm", "shape": "3×4"}),
    ("unknown_function", lambda: infer_shapes((2,), [L("Activation", function="Swish")]), 1,
     {"type": "Activation", "value": "'Swish'"}),
    ("unsupported_layer_type", _unsupported_type, 1, {"type": "Recurrent"}),
    ("bad_input_shape", lambda: infer_shapes((), [L("Dense")]), 0, {"shape": "()"}),
    ("features_need_points", lambda: ModelSpec((1, 8, 8), [L("Flatten")], features=("sin_x1",)).infer(), 0,
     {"shape": "1×8×8"}),
    ("backbone_needs_images", lambda: ModelSpec((4,), [L("Dense")], backbone=BackboneSpec("resnet18")).infer(), 0,
     {"backbone": "ResNet-18", "shape": "4"}),
    ("no_layers", lambda: ModelSpec((2,), []).validate_for("classification", 2), 0, {}),
    ("output_not_flat", lambda: ModelSpec((1, 8, 8), [L("Conv2D", filters=4)]).validate_for("classification", 10), 1,
     {"shape": "4×8×8", "output_size": 10}),
    ("output_size_mismatch",
     lambda: ModelSpec((2,), [L("Dense", units=8), L("Activation"), L("Dense", units=10)]).validate_for("classification", 2),
     3, {"outputs": 10, "output_size": 2, "task": "classification", "dense_layer": 3}),
    ("output_size_mismatch", lambda: ModelSpec((3,), [L("Activation", function="Tanh")]).validate_for("regression", 1),
     1, {"outputs": 3, "output_size": 1, "task": "regression", "dense_layer": 0}),
    ("softmax_in_regression",
     lambda: ModelSpec((2,), [L("Dense", units=1), L("Activation", function="Softmax")]).validate_for("regression", 1),
     2, {}),
    ("softmax_not_last",
     lambda: ModelSpec((2,), [L("Dense", units=8), L("Activation", function="Softmax"), L("Dense", units=2)])
     .validate_for("classification", 2),
     2, {}),
]


def raised(make: Callable[[], object]) -> SpecError:
    """The SpecError `make` raises."""
    try:
        make()
    except SpecError as e:
        return e
    raise AssertionError("no SpecError raised")
