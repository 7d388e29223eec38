"""The layer catalogue agrees with itself: each type's shape rule, its torch module, the code
export writes for it and what fine-tuning reads back from a built module."""

import pytest
import torch
from torch import nn

from playground.core.config.catalogue import (
    ACTIVATIONS,
    LAYER_TYPES,
    TRAINABLE_TYPES,
    TorchCall,
    canonical_type,
    layer_from_module,
)
from playground.core.config.model_spec import LayerSpec, infer_shapes


def _examples() -> list[tuple[LayerSpec, tuple[int, ...]]]:
    """One layer of each type and setting worth telling apart, with an input shape it fits."""
    image, flat = (3, 9, 7), (6,)
    layers = [
        (LayerSpec("Dense"), flat),
        (LayerSpec("Dense", {"units": 5, "bias": False}), flat),
        (LayerSpec("Dense", {"units": 5, "activation": "Sigmoid"}), flat),
        (LayerSpec("Dense", {"units": 5, "bias": False, "activation": "LeakyReLU"}), flat),
        (LayerSpec("Conv2D"), image),
        (LayerSpec("Conv2D", {"filters": 4, "kernel": 2, "stride": 2, "padding": "valid"}), image),
        (LayerSpec("Conv2D", {"kernel": 5, "padding": 2}), image),
        (LayerSpec("MaxPool2D"), image),
        (LayerSpec("AvgPool2D", {"pool": 3, "stride": 1}), image),
        (LayerSpec("Flatten"), image),
        (LayerSpec("Dropout", {"rate": 0}), flat),
        (LayerSpec("BatchNorm"), flat),
        (LayerSpec("BatchNorm"), image),
        (LayerSpec("Activation", {"function": "LeakyReLU", "negative_slope": 0.2}), flat),
        (LayerSpec("Activation", {"function": "ELU", "alpha": 2.0}), flat),
    ]
    layers += [(LayerSpec("Activation", {"function": f}), image) for f in ACTIVATIONS]
    return layers


@pytest.mark.parametrize("layer, in_shape", _examples(), ids=lambda v: v.describe() if isinstance(v, LayerSpec) else "×".join(map(str, v)))
def test_module_code_and_reading_back_agree_with_the_shape_rule(layer, in_shape):
    (info,) = infer_shapes(in_shape, [layer])
    call = LAYER_TYPES[layer.type].torch(layer, info.input_shape, info.output_shape)
    module = call.build()
    # The shape rule's output and parameter count are the module's.
    x = torch.zeros(2, *in_shape)
    module.eval()
    assert tuple(module(x).shape[1:]) == info.output_shape
    assert sum(p.numel() for p in module.parameters()) == info.params
    assert (info.params > 0) == (layer.type in TRAINABLE_TYPES)
    # The exported code builds the same module.
    assert repr(eval(call.code(), {"nn": nn})) == repr(module)
    # Fine-tuning reads the layer back from the module (a pool's stride as the number it is,
    # padding 'valid' as 0).
    read_type, params = layer_from_module(module)
    assert read_type == layer.type
    expected = {k: layer.get(k) for k in params}
    if layer.type.endswith("Pool2D") and layer.get("stride") is None:
        expected["stride"] = layer.get("pool")
    if layer.type == "Conv2D" and layer.get("padding") == "valid":
        expected["padding"] = 0
    assert params == expected
    assert LayerSpec(read_type, params).to_dict() == {"type": layer.type, **params}  # parameters a spec takes


def test_torch_call_code_spells_every_argument():
    assert TorchCall("Linear", (784, 128), {"bias": True}).code() == "nn.Linear(784, 128, bias=True)"
    assert TorchCall("Conv2d", (1, 8), {"kernel_size": 3, "stride": 1, "padding": "same"}).code() == (
        "nn.Conv2d(1, 8, kernel_size=3, stride=1, padding='same')"
    )
    assert TorchCall("Flatten").code() == "nn.Flatten()"


def test_modules_the_catalogue_does_not_build_are_not_read():
    assert layer_from_module(nn.LSTM(2, 3)) is None
    assert layer_from_module(nn.Sequential()) is None


def test_every_type_is_complete():
    for t in LAYER_TYPES.values():
        assert t.help.endswith(".") and t.export_note, t.name
        assert canonical_type(t.name.lower()) == canonical_type(t.name) == t.name
        assert all(canonical_type(a) == t.name for a in t.aliases)
        for p in t.params:
            assert p.kind in ("int", "float", "bool", "choice") and p.help.endswith("."), (t.name, p.name)
            if not p.in_editor:
                continue
            if p.kind in ("int", "float"):
                assert p.low is not None and p.high is not None, (t.name, p.name)
                assert (p.default is None and p.none_text) or p.low <= p.default <= p.high, (t.name, p.name)
            if p.kind == "choice":
                assert p.default in [v for v, _ in p.choices], (t.name, p.name)
    assert canonical_type("conv") == "Conv2D" and canonical_type("batchnorm2d") == "BatchNorm"
    assert canonical_type("Recurrent") is None
    assert TRAINABLE_TYPES == {"Dense", "Conv2D", "BatchNorm", "ResidualBlock"}
