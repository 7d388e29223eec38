"""The residual block (issue 17 item 1): shapes and parameter counts against hand computation,
torchvision's submodule names, a residual net through every export format with identical
outputs, the inside views and the gradient check on it."""

import json
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest
import torch

from playground.core.config.catalogue import layer_from_module
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.spec import OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.spec_errors import SpecError
from playground.core.inference.loaders import OnnxPredictor, TorchScriptPredictor, load_predictor
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import load_model_bundle, save_model_bundle
from playground.core.io.codegen import export_code, generate_code
from playground.core.io.exporters import export_onnx, export_torchscript
from playground.core.model.build import build_model
from playground.core.model.residual import ResidualBlock
from playground.core.training.loop import fit

from .conftest import make_images


def _block(filters, stride=1):
    return LayerSpec("ResidualBlock", {"filters": filters, "stride": stride})


# --------------------------------------------------------------------------- shapes and parameter counts


def test_stride_1_same_channels_matches_hand_computation():
    # 16×14×14 in, 16 filters, stride 1: identity shortcut.
    # conv1 3×3, 16 -> 16, no bias (BN follows):  16·16·9 = 2,304
    # bn1 weight + bias:                          2·16    =    32
    # conv2 3×3, 16 -> 16, no bias:               16·16·9 = 2,304
    # bn2 weight + bias:                          2·16    =    32
    # shortcut: identity                                  =     0
    hand = 2304 + 32 + 2304 + 32
    (info,) = ModelSpec((16, 14, 14), (_block(16),)).infer()
    assert info.output_shape == (16, 14, 14)
    assert info.params == hand == 4672
    module = build_model(ModelSpec((16, 14, 14), (_block(16),))).body[0]
    assert sum(p.numel() for p in module.parameters()) == hand
    assert module.downsample is None
    assert tuple(module(torch.rand(2, 16, 14, 14)).shape) == (2, 16, 14, 14)


def test_stride_2_with_channel_change_matches_hand_computation():
    # 8×15×15 in, 32 filters, stride 2: a 1×1-conv + BN shortcut; 15 -> (15 + 2 - 3)//2 + 1 = 8.
    # conv1 3×3, 8 -> 32, stride 2, no bias:       8·32·9 =  2,304
    # bn1:                                         2·32   =     64
    # conv2 3×3, 32 -> 32, no bias:               32·32·9 =  9,216
    # bn2:                                         2·32   =     64
    # downsample conv 1×1, 8 -> 32, no bias:       8·32   =    256
    # downsample bn:                               2·32   =     64
    hand = 2304 + 64 + 9216 + 64 + 256 + 64
    (info,) = ModelSpec((8, 15, 15), (_block(32, 2),)).infer()
    assert info.output_shape == (32, 8, 8)
    assert info.params == hand == 11968
    module = build_model(ModelSpec((8, 15, 15), (_block(32, 2),))).body[0]
    assert sum(p.numel() for p in module.parameters()) == hand
    assert tuple(module(torch.rand(2, 8, 15, 15)).shape) == (2, 32, 8, 8)


def test_channel_change_alone_gets_a_projection_shortcut():
    (info,) = ModelSpec((4, 6, 6), (_block(8),)).infer()
    assert info.output_shape == (8, 6, 6)
    assert info.params == 4 * 8 * 9 + 16 + 8 * 8 * 9 + 16 + 4 * 8 + 16


def test_submodules_are_named_as_torchvisions_basic_block():
    block = ResidualBlock(8, 16, stride=2)
    assert list(block.state_dict()) == [
        "conv1.weight",
        "bn1.weight", "bn1.bias", "bn1.running_mean", "bn1.running_var", "bn1.num_batches_tracked",
        "conv2.weight",
        "bn2.weight", "bn2.bias", "bn2.running_mean", "bn2.running_var", "bn2.num_batches_tracked",
        "downsample.0.weight",
        "downsample.1.weight", "downsample.1.bias", "downsample.1.running_mean", "downsample.1.running_var",
        "downsample.1.num_batches_tracked",
    ]
    assert block.conv1.bias is None and block.conv2.bias is None


def test_the_block_adds_its_input_back():
    """With the second batch norm's scale and shift at 0 the residual branch is 0: the block is
    relu(shortcut(x)), which for the identity shortcut is relu(x)."""
    block = ResidualBlock(3, 3).eval()
    torch.nn.init.zeros_(block.bn2.weight)
    x = torch.randn(2, 3, 5, 5)
    assert torch.equal(block(x), torch.relu(x))


def test_bad_settings_name_the_problem():
    with pytest.raises(SpecError, match=r"Layer 1 \(ResidualBlock\): stride must be 1 or 2, got 3"):
        ModelSpec((1, 8, 8), (_block(4, 3),)).infer()
    with pytest.raises(SpecError, match="needs an image input"):
        ModelSpec((10,), (_block(4),)).infer()


def test_config_aliases_labels_and_reading_back():
    spec = ModelSpec.from_dict({"input_shape": [1, 8, 8], "layers": [{"type": "residual", "filters": 4, "stride": 2}]})
    assert spec.layers[0].type == "ResidualBlock"
    assert spec.layers[0].describe() == "ResidualBlock(4, stride 2)"
    assert _block(4).describe() == "ResidualBlock(4)"
    module = build_model(spec).body[0]
    assert layer_from_module(module) == ("ResidualBlock", {"filters": 4, "stride": 2})


# --------------------------------------------------------------------------- a residual net through every format


@pytest.fixture(scope="module")
def resnet():
    layers = [
        LayerSpec("Conv2D", {"filters": 4, "kernel": 3}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        _block(4),
        _block(8, 2),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 4}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    cfg = RunConfig(
        model=ModelSpec((), layers),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=1, batch_size=16, device="cpu"),
        name="tiny-resnet",
    )
    return fit(cfg, make_images())


def _inputs(n=6, seed=0):
    return np.random.default_rng(seed).random((n, 1, 8, 8), dtype=np.float32)


def _app(result, x):
    return ModelPredictor.from_trained(result.model.as_run()).predict(x)


def test_bundle_round_trips(tmp_path, resnet):
    b = load_model_bundle(save_model_bundle(tmp_path / "r.nnpmodel", resnet.model))
    assert b.config == resnet.config
    assert any(k.endswith("downsample.0.weight") for k in b.state_dict)
    x = _inputs()
    assert np.abs(ModelPredictor.from_trained(b).predict(x) - _app(resnet, x)).max() <= 1e-5


def test_onnx_matches_the_app(tmp_path, resnet):
    import onnxruntime as ort

    path = export_onnx(resnet.model, tmp_path / "r.onnx")
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    x = _inputs(5, seed=1)
    assert np.abs(session.run(None, {"input": x})[0] - _app(resnet, x)).max() <= 1e-5
    predictor = load_predictor(path)
    assert isinstance(predictor, OnnxPredictor)
    assert np.abs(predictor.predict(x) - _app(resnet, x)).max() <= 1e-5


def test_torchscript_and_generated_code_match_the_app_outside_the_package(tmp_path, resnet):
    x = _inputs(4, seed=2)
    np.save(tmp_path / "x.npy", x)
    export_torchscript(resnet.model, tmp_path / "r.pt")
    export_code(resnet.model, tmp_path / "resnet.py")
    source = (tmp_path / "resnet.py").read_text(encoding="utf-8")
    assert "class ResidualBlock(nn.Module)" in source and "import playground" not in source
    assert "ResidualBlock(4, 8, stride=2)," in source
    code = """
        import sys; sys.modules['playground'] = None
        import json, runpy, numpy as np, torch
        x = torch.from_numpy(np.load("x.npy"))
        script = torch.jit.load("r.pt")
        ns = runpy.run_path("resnet.py")
        model = ns["load_model"]()
        print(json.dumps({"script": script(x).tolist(), "code": ns["predict"](model, x).tolist()}))
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"} | {"OMP_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    want = _app(resnet, x)
    assert np.abs(np.array(out["script"]) - want).max() <= 1e-5
    assert np.abs(np.array(out["code"]) - want).max() <= 1e-5
    assert isinstance(load_predictor(tmp_path / "r.pt"), TorchScriptPredictor)


def test_generated_code_defines_the_block_only_when_used(resnet):
    from .conftest import make_blobs, mlp_config

    plain = fit(mlp_config(epochs=1), make_blobs())
    assert "class ResidualBlock" not in generate_code(plain.model)
    assert generate_code(resnet.model).count("class ResidualBlock") == 1


# --------------------------------------------------------------------------- inside views and gradient check


def test_layer_stats_treat_a_block_as_one_layer(resnet):
    from playground.core.experiments.layer_stats import layer_stats

    net = resnet.build_model()
    x, y = make_images().x_train[:16], make_images().y_train[:16]
    stats = {s.layer: s for s in layer_stats(net, x, y, torch.nn.CrossEntropyLoss())}
    block = stats[5]
    assert block.label == "Layer 5 (ResidualBlock)" and block.kind == "ResidualBlock"
    assert block.activations.counts.sum() > 0 and block.gradients.counts.sum() > 0
    assert block.grad_norm_ratio is not None and block.grad_norm_ratio > 0  # conv1's weight
    assert block.weights is not None


def test_feature_maps_and_filters_show_each_block(resnet):
    from playground.core.experiments.inside import conv_filters, feature_maps

    maps = feature_maps(resnet.model, _inputs(1)[0])
    labels = [m.label for m in maps]
    assert labels == ["Layer 1 (Conv2D)", "Layer 4 (ResidualBlock)", "Layer 5 (ResidualBlock)"]
    assert maps[2].maps.shape == (8, 4, 4)  # the block's output: stride 2 halves 8×8
    filters = conv_filters(resnet.model)
    assert [f.weights.shape for f in filters][1:] == [(4, 4, 3, 3), (8, 4, 3, 3)]


def test_gradcheck_passes_on_a_residual_net(resnet):
    from playground.core.experiments.gradcheck import check_gradients

    net = resnet.build_model()
    data = make_images(n=40)
    check = check_gradients(net, data.x_train[:4], data.y_train[:4], torch.nn.CrossEntropyLoss(), per_tensor=4)
    assert check.passed, check.worst
    assert any(layer.number == 5 for layer in check.layers)


# --------------------------------------------------------------------------- the lesson


def test_the_lesson_compares_plain_and_residual_stacks_of_the_same_depth():
    from playground.core.experiments.lessons import RESIDUAL_BLOCKS, lesson

    c = lesson("residual")
    assert c.histograms and c.lesson == "residual"  # training health (gradients per layer) is recorded
    plain, normed, residual = (v.config.model for v in c.variants)
    convs = lambda spec: sum(2 if l.type == "ResidualBlock" else l.type == "Conv2D" for l in spec.layers)  # noqa: E731
    assert convs(plain) == convs(normed) == convs(residual) == 2 * RESIDUAL_BLOCKS + 1
    assert not any(l.type in ("ResidualBlock", "BatchNorm") for l in plain.layers)
    assert sum(l.type == "ResidualBlock" for l in residual.layers) == RESIDUAL_BLOCKS
    for v in c.variants:  # each builds and runs on the lesson's 28×28 images
        spec = v.config.model.with_input_shape((1, 28, 28))
        spec.validate_for("classification", 10)
        assert tuple(build_model(spec)(torch.rand(2, 1, 28, 28)).shape) == (2, 10)


def test_the_plain_stack_s_first_layer_gradient_vanishes_where_the_residual_one_s_does_not():
    """What the lesson shows, at the start of training: the first layer's relative gradient
    ||dL/dW|| / ||W|| (the training-health figure) of the plain stack is far below the residual
    network's (measured on MNIST: 5.9e-4 against 0.24)."""
    from playground.core.experiments.layer_stats import layer_stats
    from playground.core.experiments.lessons import residual_models

    g = torch.Generator().manual_seed(0)
    x, y = torch.rand(32, 1, 28, 28, generator=g), torch.arange(32) % 10
    first = {}
    for name, spec in zip(("plain", "normed", "residual"), residual_models()):
        torch.manual_seed(0)
        net = build_model(spec.with_input_shape((1, 28, 28)))
        stats = [s for s in layer_stats(net, x, y, torch.nn.CrossEntropyLoss()) if s.grad_norm_ratio is not None]
        first[name] = stats[0].grad_norm_ratio
    assert first["plain"] * 100 < first["residual"], first


def test_a_residual_network_no_better_than_the_plain_one_is_explained():
    from playground.core.experiments.lesson_notes import explain
    from playground.core.experiments.lessons import lesson

    from .test_compare import _fake_result

    c = lesson("residual", epochs=1)
    notes = explain(_fake_result(c, [[(2.3, 0.10)], [(0.8, 0.74)], [(0.6, 0.63)]]))
    assert not [n for n in notes if n.key == "residual_no_help"]
    notes = [n for n in explain(_fake_result(c, [[(0.7, 0.70)], [(0.8, 0.74)], [(0.6, 0.63)]])) if n.key == "residual_no_help"]
    assert len(notes) == 1 and "63.0%" in notes[0].text and "70.0%" in notes[0].text


def test_a_residual_net_trains_channels_last_on_the_cpu_like_a_conv_net():
    from types import SimpleNamespace

    from playground.core.training.callbacks import ChannelsLast

    spec = ModelSpec((1, 8, 8), (_block(4), LayerSpec("Flatten"), LayerSpec("Dense", {"units": 2})))
    state = SimpleNamespace(device=torch.device("cpu"), config=SimpleNamespace(model=spec))
    assert ChannelsLast.suits(state)
