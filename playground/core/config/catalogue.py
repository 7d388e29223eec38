"""The layer catalogue: everything the playground knows about each layer type, in one place.

One `LayerType` per type, in the order the builder's palette lists them:

- its parameters (`LayerParam`): default, kind, the range the builder's editor offers and one
  sentence of help (English; the window translates it in gui/tabs/layer_texts.py);
- its shape rule: the output shape and parameter count for an input shape, or the SpecError
  that names what is wrong (model_spec.py runs these over a stack);
- its torch module, as a `TorchCall` (a torch.nn class name and its arguments): model/build.py
  builds it, the code export writes the same call into the exported .py, and fine-tuning
  reads a built module back into parameters (`layer_from_module`);
- whether it has parameters to train (what freezing and per-layer learning rates act on).

Nothing here imports torch (only `TorchCall.build` does, when called), so the window can
validate a stack before torch has loaded. It lives with the settings, not in core/model, because
a run config holds a layer stack: the settings sit below core/model (whose TrainedModel holds a
run config), and everything they need sits with or below them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol, Sequence

from playground.core.config.spec_errors import spec_error

__all__ = [
    "ACTIVATIONS",
    "DENSE_ACTIVATIONS",
    "INITIALIZERS",
    "LAYER_TYPES",
    "TRAINABLE_TYPES",
    "LayerParam",
    "LayerType",
    "TorchCall",
    "canonical_type",
    "format_shape",
    "layer_from_module",
]


class _Layer(Protocol):
    """What the catalogue needs of a layer (model_spec.py's LayerSpec)."""

    type: str

    def get(self, key: str) -> Any: ...


Shape = tuple[int, ...]


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class LayerParam:
    """One parameter of a layer type.

    `kind` is "int", "float", "bool" or "choice". `low`/`high` (and `step`, `decimals` for
    floats) are what the builder's editor offers; a config written by hand may go beyond them,
    and the shape rule says what is valid. `choices` are (value, one sentence) pairs. An int
    whose None means something shows `none_text` at `low` (a pool's stride: "= pool"); a
    choice shows it for the choice None (a Dense layer's activation: "none").
    `in_editor` False keeps a parameter out of the builder's row editor (configs still set it).
    `square` marks a size used for both height and width (shown as 3×3)."""

    name: str
    kind: str
    default: Any
    help: str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    decimals: int = 2
    choices: tuple[tuple[Any, str], ...] = ()
    none_text: str = ""
    in_editor: bool = True
    square: bool = False


@dataclass(frozen=True)
class TorchCall:
    """A torch.nn constructor call, kept as data: `build` makes the module (importing torch
    then), `code` writes the same call as Python source for the exported model."""

    cls: str  # a class in torch.nn, or with `own` one of the app's (core/model/build.py builds those)
    args: tuple = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    own: bool = False  # the app's own module (ResidualBlock), defined in the exported code itself

    def build(self):
        if self.own:  # the settings sit below core/model: build.py makes the app's own modules
            raise TypeError(f"{self.cls} is built by playground.core.model.build, not by TorchCall.build")
        from torch import nn

        args = [_build(a) for a in self.args]
        return getattr(nn, self.cls)(*args, **{k: _build(v) for k, v in self.kwargs.items()})

    def code(self) -> str:
        parts = [_code(a) for a in self.args] + [f"{k}={_code(v)}" for k, v in self.kwargs.items()]
        return f"{'' if self.own else 'nn.'}{self.cls}({', '.join(parts)})"


def _build(value: Any) -> Any:
    """An argument of a TorchCall: a nested call (nn.Sequential's modules) is built too."""
    return value.build() if isinstance(value, TorchCall) else value


def _code(value: Any) -> str:
    return value.code() if isinstance(value, TorchCall) else repr(value)


@dataclass(frozen=True)
class LayerType:
    """One layer type. `shape(layer, number, input_shape)` gives (output shape, parameter
    count) or raises SpecError naming the 1-based layer `number`; `torch(layer, input_shape,
    output_shape)` the module; `read(module)` the parameters of a built module, for the torch
    classes in `modules`; `label(layer)` a short label such as 'Dense(128)'."""

    name: str
    help: str
    params: tuple[LayerParam, ...]
    shape: Callable[[_Layer, int, Shape], tuple[Shape, int]]
    torch: Callable[[_Layer, Shape, Shape], TorchCall]
    modules: tuple[str, ...]
    read: Callable[[Any], dict[str, Any]]
    label: Callable[[_Layer], str]
    export_note: str  # the exported code's comment on the layer
    trainable: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def param(self, name: str) -> LayerParam:
        return next(p for p in self.params if p.name == name)

    @property
    def editor_params(self) -> tuple[LayerParam, ...]:
        return tuple(p for p in self.params if p.in_editor)


def format_shape(shape: Sequence[int]) -> str:
    return "×".join(str(s) for s in shape)


# --------------------------------------------------------------------------- shape rules


def _int_param(layer: _Layer, index: int, key: str, minimum: int = 1) -> int:
    value = layer.get(key)
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise spec_error("bad_whole_number", index, type=layer.type, param=key, minimum=minimum, value=repr(value))
    return value


def _conv_out(size: int, kernel: int, stride: int, pad: int) -> int:
    return (size + 2 * pad - kernel) // stride + 1


def _needs_image(layer: _Layer, index: int, shape: Shape) -> None:
    if len(shape) != 3:
        raise spec_error("needs_image_input", index, type=layer.type, shape=format_shape(shape))


def _dense_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    units = _int_param(layer, index, "units")
    if len(shape) != 1:
        raise spec_error("needs_flat_input", index, type=layer.type, shape=format_shape(shape))
    fn = layer.get("activation")
    if fn is not None and fn not in DENSE_ACTIVATIONS:
        choices = ", ".join(["none", *DENSE_ACTIVATIONS])
        raise spec_error("unknown_function", index, type=layer.type, value=repr(fn), choices=choices)
    bias = bool(layer.get("bias"))
    return (units,), shape[0] * units + (units if bias else 0)


def _conv_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    _needs_image(layer, index, shape)
    t = layer.type
    filters = _int_param(layer, index, "filters")
    kernel = _int_param(layer, index, "kernel")
    stride = _int_param(layer, index, "stride")
    padding = layer.get("padding")
    c, h, w = shape
    if padding == "same":
        if stride != 1:
            raise spec_error("same_padding_needs_stride_1", index, type=t)
        oh, ow = h, w
    else:
        pad = 0 if padding == "valid" else padding
        if isinstance(pad, bool) or not isinstance(pad, int) or pad < 0:
            raise spec_error("bad_padding", index, type=t, value=repr(padding))
        oh, ow = _conv_out(h, kernel, stride, pad), _conv_out(w, kernel, stride, pad)
    if oh < 1 or ow < 1:
        raise spec_error("kernel_too_big", index, type=t, kernel=kernel, height=h, width=w)
    return (filters, oh, ow), filters * c * kernel * kernel + filters


def _residual_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    """A residual block (core/model/residual.py): two 3×3 convolutions with padding 1, the first
    with the block's stride, each followed by batch norm; a 1×1 convolution and batch norm on
    the shortcut when the channels or the size change. The convolutions have no bias (the
    batch norm after each shifts), and each batch norm learns a scale and a shift per channel."""
    _needs_image(layer, index, shape)
    filters = _int_param(layer, index, "filters")
    stride = _int_param(layer, index, "stride")
    if stride not in (1, 2):
        raise spec_error("stride_1_or_2", index, type=layer.type, value=repr(stride))
    c, h, w = shape
    oh, ow = _conv_out(h, 3, stride, 1), _conv_out(w, 3, stride, 1)
    params = c * filters * 9 + 2 * filters + filters * filters * 9 + 2 * filters
    if stride != 1 or c != filters:
        params += c * filters + 2 * filters
    return (filters, oh, ow), params


def _pool_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    _needs_image(layer, index, shape)
    pool = _int_param(layer, index, "pool")
    stride = layer.get("stride")
    stride = pool if stride is None else _int_param(layer, index, "stride")
    c, h, w = shape
    oh, ow = _conv_out(h, pool, stride, 0), _conv_out(w, pool, stride, 0)
    if oh < 1 or ow < 1:
        raise spec_error("pool_too_big", index, type=layer.type, pool=pool, height=h, width=w)
    return (c, oh, ow), 0


def _flatten_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    return (math.prod(shape),), 0


def _dropout_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    rate = layer.get("rate")
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 <= rate < 1:
        raise spec_error("bad_rate", index, type=layer.type, value=repr(rate))
    return shape, 0


def _batchnorm_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    if len(shape) not in (1, 3):
        raise spec_error("needs_flat_or_image_input", index, type=layer.type, shape=format_shape(shape))
    return shape, 2 * shape[0]


def _activation_shape(layer: _Layer, index: int, shape: Shape) -> tuple[Shape, int]:
    fn = layer.get("function")
    if fn not in ACTIVATIONS:
        raise spec_error("unknown_function", index, type=layer.type, value=repr(fn), choices=", ".join(ACTIVATIONS))
    return shape, 0


# --------------------------------------------------------------------------- torch modules


def _pool_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    pool = layer.get("pool")
    return TorchCall("MaxPool2d" if layer.type == "MaxPool2D" else "AvgPool2d", (pool,), {"stride": layer.get("stride") or pool})


def _conv_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    padding = layer.get("padding")
    pad = padding if padding == "same" else (0 if padding == "valid" else int(padding))
    kwargs = {"kernel_size": layer.get("kernel"), "stride": layer.get("stride"), "padding": pad}
    return TorchCall("Conv2d", (in_shape[0], out_shape[0]), kwargs)


def _residual_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    return TorchCall("ResidualBlock", (in_shape[0], out_shape[0]), {"stride": layer.get("stride")}, own=True)


def _read_residual(m: Any) -> dict[str, Any]:
    return {"filters": m.conv1.out_channels, "stride": m.conv1.stride[0]}


def _batchnorm_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    # eps and momentum are torch's defaults, spelt out so the exported code shows them.
    kind = "BatchNorm1d" if len(in_shape) == 1 else "BatchNorm2d"
    return TorchCall(kind, (in_shape[0],), {"eps": 1e-05, "momentum": 0.1})


# The torch.nn class of each activation function that takes no argument.
_ACTIVATION_MODULES = {"ReLU": "ReLU", "Sigmoid": "Sigmoid", "Tanh": "Tanh", "GELU": "GELU", "Linear": "Identity"}


def _function_call(fn: str, negative_slope: float = 0.01, alpha: float = 1.0) -> TorchCall:
    if fn == "LeakyReLU":
        return TorchCall("LeakyReLU", (float(negative_slope),))
    if fn == "ELU":
        return TorchCall("ELU", (float(alpha),))
    if fn == "Softmax":
        return TorchCall("Softmax", (), {"dim": 1})
    return TorchCall(_ACTIVATION_MODULES.get(fn, "Identity"))


def _activation_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    return _function_call(layer.get("function"), layer.get("negative_slope"), layer.get("alpha"))


def _dense_call(layer: _Layer, in_shape: Shape, out_shape: Shape) -> TorchCall:
    """nn.Linear, or with an activation (Keras's Dense(256, activation="sigmoid")) the two
    in an nn.Sequential: one module per layer of the stack, so layer positions stay those of
    the body (what freezing and layer learning rates name)."""
    linear = TorchCall("Linear", (in_shape[0], out_shape[0]), {"bias": bool(layer.get("bias"))})
    fn = layer.get("activation")
    return linear if fn is None else TorchCall("Sequential", (linear, _function_call(fn)))


def _dense_label(layer: _Layer) -> str:
    fn = layer.get("activation")
    return f"Dense({layer.get('units')})" if fn is None else f"Dense({layer.get('units')}, {fn})"


def _read_dense(m: Any) -> dict[str, Any]:
    """A Linear, or an nn.Sequential of a Linear and an activation (see _dense_call)."""
    if any(c.__name__ == "Sequential" for c in type(m).__mro__):
        return {**_read_dense(m[0]), "activation": _read_activation(m[1])["function"]}
    return {"units": m.out_features, "bias": m.bias is not None}


def _read_activation(m: Any) -> dict[str, Any]:
    known = LAYER_TYPES["Activation"].modules
    name = next(c.__name__ for c in type(m).__mro__ if c.__name__ in known)
    if name == "LeakyReLU":
        return {"function": "LeakyReLU", "negative_slope": float(m.negative_slope)}
    if name == "ELU":
        return {"function": "ELU", "alpha": float(m.alpha)}
    if name == "Softmax":
        return {"function": "Softmax"}
    return {"function": {v: k for k, v in _ACTIVATION_MODULES.items()}[name]}


def _first(value: Any) -> int:
    """A torch size argument that may be an int or a pair, as one int."""
    return value if isinstance(value, int) else value[0]


def _pool_read(module) -> dict[str, int]:
    """A MaxPool2d's or AvgPool2d's parameters, read back from the module."""
    return {"pool": _first(module.kernel_size), "stride": _first(module.stride)}


def _read_conv(m: Any) -> dict[str, Any]:
    padding = m.padding if isinstance(m.padding, str) else int(m.padding[0])
    return {"filters": m.out_channels, "kernel": m.kernel_size[0], "stride": m.stride[0], "padding": padding}


# --------------------------------------------------------------------------- the catalogue

ACTIVATIONS: dict[str, str] = {
    "ReLU": "max(0, x): the default for hidden layers; fast and does not saturate for x > 0.",
    "LeakyReLU": "Like ReLU but with a small slope for x < 0, so units never 'die'.",
    "Sigmoid": "Squashes to (0, 1); saturates, so gradients vanish in deep stacks.",
    "Tanh": "Squashes to (-1, 1); zero-centred, but saturates like Sigmoid.",
    "GELU": "Smooth ReLU used in Transformers.",
    "ELU": "ReLU with a smooth negative part that pushes mean activations towards zero.",
    "Softmax": "Turns scores into class probabilities; use once, as the last layer.",
    "Linear": "Identity: no non-linearity (stacked linear layers stay linear).",
}

# What a Dense layer's own `activation` may be besides None (no activation, which is what
# Linear would mean); the torch module is the Activation layer's with its default settings.
DENSE_ACTIVATIONS: tuple[str, ...] = ("ReLU", "Sigmoid", "Tanh", "Softmax", "LeakyReLU", "GELU", "ELU")

# Weight initialisations (ModelSpec.init; model/build.py applies them to Dense and Conv2D weights).
INITIALIZERS: dict[str, str] = {
    "he_normal": "He (Kaiming) normal: std sqrt(2/fan_in); the choice for ReLU networks.",
    "he_uniform": "He (Kaiming) uniform: same variance as He normal, uniform distribution.",
    "xavier": "Xavier (Glorot) uniform: keeps variance for Sigmoid/Tanh networks.",
    "normal_001": "Small normal (std 0.01): activations shrink layer by layer in deep nets.",
    "normal_1": "Large normal (std 1): Sigmoid/Tanh outputs pile up at their limits, where the gradient vanishes.",
    "zeros": "All zeros: every unit in a layer stays identical (the symmetry problem).",
}

_POOL_PARAMS = (
    LayerParam("pool", "int", 2, "The width and height of each pooling window.", 1, 16, square=True),
    LayerParam(
        "stride",
        "int",
        None,
        "How far the window moves at each step; '= pool' moves it by its own size.",
        0,
        16,
        none_text="= pool",
    ),
)

LAYER_TYPES: dict[str, LayerType] = {
    t.name: t
    for t in [
        LayerType(
            "Dense",
            "Fully connected layer: every input to every unit.",
            (
                LayerParam("units", "int", 64, "How many units (neurons) the layer has.", 1, 100_000),
                LayerParam("bias", "bool", True, "Whether each unit adds a learned constant (bias)."),
                LayerParam(
                    "activation",
                    "choice",
                    None,
                    "The non-linearity applied to the layer's outputs, as Keras's Dense(256, activation=\"sigmoid\"); "
                    "none passes them on as they are.",
                    choices=((None, "No activation: the outputs are passed on as they are."),)
                    + tuple((name, ACTIVATIONS[name]) for name in DENSE_ACTIVATIONS),
                    none_text="none",
                ),
            ),
            shape=_dense_shape,
            torch=_dense_call,
            modules=("Linear",),
            read=_read_dense,
            label=_dense_label,
            export_note="fully connected: every input to every unit",
            trainable=True,
            aliases=("linear",),
        ),
        LayerType(
            "Conv2D",
            "2-D convolution: small filters slid over the image; padding 'same' keeps the size at stride 1.",
            (
                LayerParam("filters", "int", 16, "How many filters, that is output channels, the layer learns.", 1, 1024),
                LayerParam("kernel", "int", 3, "The width and height of each filter in pixels.", 1, 31, square=True),
                LayerParam("stride", "int", 1, "How many pixels the filter moves at each step.", 1, 16),
                LayerParam(
                    "padding",
                    "choice",
                    "same",
                    "How the image border is padded before the filters slide over it.",
                    choices=(
                        ("same", "Pads the border so the output keeps the input's size (stride 1 only)."),
                        ("valid", "No padding: the output shrinks by the kernel size minus one."),
                    ),
                ),
            ),
            shape=_conv_shape,
            torch=_conv_call,
            modules=("Conv2d",),
            read=_read_conv,
            label=lambda layer: f"Conv2D({layer.get('filters')}, {layer.get('kernel')}×{layer.get('kernel')})",
            export_note="2-D convolution",
            trainable=True,
            aliases=("conv", "conv2d"),
        ),
        LayerType(
            "ResidualBlock",
            "Residual block (ResNet): two 3×3 convolutions with batch norm and ReLU, and the block's input added "
            "back to their output — the skip connection lets gradients reach early layers of deep networks.",
            (
                LayerParam("filters", "int", 16, "How many output channels the block's convolutions have.", 1, 1024),
                LayerParam(
                    "stride",
                    "int",
                    1,
                    "1 keeps the height and width; 2 halves them (the shortcut then gets a 1×1 convolution).",
                    1,
                    2,
                ),
            ),
            shape=_residual_shape,
            torch=_residual_call,
            modules=("ResidualBlock",),
            read=_read_residual,
            label=lambda layer: f"ResidualBlock({layer.get('filters')}"
            + (", stride 2)" if layer.get("stride") == 2 else ")"),
            export_note="two 3×3 convolutions with batch norm, plus the block's input (the skip connection)",
            trainable=True,
            aliases=("residual", "resblock", "residual_block", "basicblock"),
        ),
        LayerType(
            "MaxPool2D",
            "Keeps the largest value of each pool×pool window.",
            _POOL_PARAMS,
            shape=_pool_shape,
            torch=_pool_call,
            modules=("MaxPool2d",),
            read=_pool_read,
            label=lambda layer: f"MaxPool2D({layer.get('pool')})",
            export_note="keeps the largest value of each window",
            aliases=("maxpool",),
        ),
        LayerType(
            "AvgPool2D",
            "Averages each pool×pool window.",
            _POOL_PARAMS,
            shape=_pool_shape,
            torch=_pool_call,
            modules=("AvgPool2d",),
            read=_pool_read,
            label=lambda layer: f"AvgPool2D({layer.get('pool')})",
            export_note="averages each window",
            aliases=("avgpool",),
        ),
        LayerType(
            "Flatten",
            "Reshapes C×H×W feature maps into one vector for Dense layers.",
            (),
            shape=_flatten_shape,
            torch=lambda layer, i, o: TorchCall("Flatten"),
            modules=("Flatten",),
            read=lambda m: {},
            label=lambda layer: "Flatten",
            export_note="C×H×W feature maps -> one vector",
        ),
        LayerType(
            "Dropout",
            "Zeroes a random fraction of activations while training (regularisation).",
            (
                LayerParam(
                    "rate",
                    "float",
                    0.5,
                    "The fraction of activations zeroed at each training step.",
                    0.0,
                    0.95,
                    step=0.05,
                    decimals=2,
                ),
            ),
            shape=_dropout_shape,
            torch=lambda layer, i, o: TorchCall("Dropout", (float(layer.get("rate")),)),
            modules=("Dropout",),
            read=lambda m: {"rate": float(m.p)},
            label=lambda layer: f"Dropout({layer.get('rate')})",
            export_note="active only in training; a no-op in eval()",
        ),
        LayerType(
            "BatchNorm",
            "Normalises each feature over the batch; speeds up and stabilises training.",
            (),
            shape=_batchnorm_shape,
            torch=_batchnorm_call,
            modules=("BatchNorm1d", "BatchNorm2d"),
            read=lambda m: {},
            label=lambda layer: "BatchNorm",
            export_note="uses the running mean/variance learnt in training when in eval()",
            trainable=True,
            aliases=("batchnorm1d", "batchnorm2d"),
        ),
        LayerType(
            "Activation",
            "Applies a non-linearity element-wise.",
            (
                LayerParam(
                    "function",
                    "choice",
                    "ReLU",
                    "The non-linearity applied to every value.",
                    choices=tuple(ACTIVATIONS.items()),
                ),
                LayerParam("negative_slope", "float", 0.01, "LeakyReLU only: the slope for x < 0.", in_editor=False),
                LayerParam("alpha", "float", 1.0, "ELU only: the value it approaches for very negative x.", in_editor=False),
            ),
            shape=_activation_shape,
            torch=_activation_call,
            modules=("ReLU", "LeakyReLU", "Sigmoid", "Tanh", "GELU", "ELU", "Softmax", "Identity"),
            read=_read_activation,
            label=lambda layer: str(layer.get("function")),
            export_note="element-wise non-linearity",
        ),
    ]
}

# Layer types whose modules have parameters (what freezing and layer learning rates act on).
TRAINABLE_TYPES = frozenset(t.name for t in LAYER_TYPES.values() if t.trainable)

# Type names as JSON may spell them, so configs written by hand read naturally.
_TYPE_ALIASES = {t.lower(): t for t in LAYER_TYPES} | {
    alias: t.name for t in LAYER_TYPES.values() for alias in t.aliases
}

_BY_MODULE = {cls: t for t in LAYER_TYPES.values() for cls in t.modules}


def canonical_type(name: str) -> str | None:
    """The catalogue's name for a layer type as a config spells it ('conv' -> 'Conv2D'), or None."""
    return _TYPE_ALIASES.get(str(name).lower())


def layer_from_module(module: Any) -> tuple[str, dict[str, Any]] | None:
    """The layer type and parameters of a torch module that model/build.py builds (matched by
    its class or a base class), or None for a module the catalogue does not know."""
    if any(c.__name__ == "Sequential" for c in type(module).__mro__):
        # A Dense layer with its own activation (see _dense_call), and nothing else.
        parts = [layer_from_module(m) for m in module] if len(module) == 2 else []
        if parts and parts[0] and parts[1] and parts[0][0] == "Dense" and parts[1][0] == "Activation":
            return "Dense", _read_dense(module)
        return None
    for cls in type(module).__mro__:
        layer_type = _BY_MODULE.get(cls.__name__)
        if layer_type is not None and (cls.__module__ or "").startswith(("torch.nn", "playground.core.model")):
            return layer_type.name, layer_type.read(module)
    return None
