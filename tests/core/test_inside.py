"""Looking inside a model (core.experiments.inside): filters, feature maps and attribution match
hand computation on tiny hand-built networks; models that cannot be looked inside say why."""

from __future__ import annotations

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from playground.core.experiments.inside import (
    AttributionUnavailable,
    InsideError,
    attribution,
    conv_filters,
    feature_maps,
)
from playground.core.inference.predictor import ModelPredictor
from playground.core.model.build import Network
from playground.core.training.loop import fit

from .conftest import make_images, tiny_cnn_config

@pytest.fixture(scope="module")
def trained_cnn():
    return fit(tiny_cnn_config(), make_images()).model


def test_filters_and_feature_maps_have_one_entry_per_convolution_and_one_map_per_channel(trained_cnn):
    filters = conv_filters(trained_cnn)
    assert [(f.label, f.weights.shape, f.weights.dtype) for f in filters] == [
        ("Layer 1 (Conv2D)", (4, 1, 3, 3), np.float32),
        ("Layer 5 (Conv2D)", (6, 4, 3, 3), np.float32),
    ]
    net = trained_cnn.build_model()
    assert np.array_equal(filters[1].weights, net.body[4].weight.detach().numpy())

    x = make_images().x_test[0].numpy()  # 1×8×8
    maps = feature_maps(ModelPredictor.from_trained(trained_cnn), x)
    assert [(m.label, m.shown_after, m.maps.shape, m.maps.dtype) for m in maps] == [
        ("Layer 1 (Conv2D)", "Layer 3 (ReLU)", (4, 8, 8), np.float32),  # after its BatchNorm and ReLU
        ("Layer 5 (Conv2D)", "Layer 6 (ReLU)", (6, 2, 2), np.float32),
    ]
    # The first block's maps are relu(batchnorm(conv(normalised x))), computed here by hand.
    with torch.no_grad():
        z = (torch.from_numpy(x)[None] - net.input_mean) / net.input_std
        expected = torch.relu(net.body[1](F.conv2d(z, net.body[0].weight, net.body[0].bias, padding=1)))[0]
    assert np.allclose(maps[0].maps, expected.numpy(), atol=1e-6)
    assert sum(m.maps.shape[0] for m in maps) == sum(f.weights.shape[0] for f in filters)


def test_saliency_of_a_linear_model_is_the_absolute_weights_of_the_target_row():
    torch.manual_seed(0)
    body = nn.Sequential(nn.Flatten(), nn.Linear(12, 3))
    net = Network(body, (1, 3, 4)).eval()
    x = np.random.default_rng(0).random((1, 3, 4), dtype=np.float32)
    result = attribution(net, x, target=2)
    w = np.abs(body[1].weight.detach().numpy()[2]).reshape(3, 4)
    assert (result.method, result.target, result.heat.shape, result.heat.dtype) == ("saliency", 2, (3, 4), np.float32)
    assert np.allclose(result.heat, w / w.max(), atol=1e-6)
    # No target: the predicted class
    with torch.no_grad():
        top = int(net(torch.from_numpy(x)[None]).argmax())
    assert attribution(net, x).target == top


def test_integrated_gradients_of_a_linear_model_are_input_times_weight_split_by_sign():
    """For a linear logit w·x + b and the blank baseline, each pixel's share is exactly x_i w_i
    (the path integral of a constant gradient); `heat` keeps the positive shares and `against`
    the negative ones, both over the largest |share|."""
    torch.manual_seed(0)
    body = nn.Sequential(nn.Flatten(), nn.Linear(12, 3))
    net = Network(body, (1, 3, 4)).eval()
    x = np.random.default_rng(1).random((1, 3, 4), dtype=np.float32)
    x[0, 0, :2] = 0  # blank pixels: no share
    result = attribution(net, x, target=1, method="integrated_gradients")
    shares = (x[0] * body[1].weight.detach().numpy()[1].reshape(3, 4)).astype(np.float64)
    top = np.abs(shares).max()
    assert (result.method, result.target, result.heat.shape, result.against.shape) == ("integrated_gradients", 1, (3, 4), (3, 4))
    assert np.allclose(result.heat, np.maximum(shares, 0) / top, atol=1e-5)
    assert np.allclose(result.against, np.maximum(-shares, 0) / top, atol=1e-5)
    assert result.heat[0, :2].tolist() == [0, 0] and result.against[0, :2].tolist() == [0, 0]
    assert (result.heat > 0).any() and (result.against > 0).any()


def test_integrated_gradients_of_a_trained_cnn_add_up_to_the_logit_difference(trained_cnn):
    """Completeness: the shares sum to logit(x) - logit(blank) (within the quadrature's error)."""
    from captum.attr import IntegratedGradients

    from playground.core.experiments.inside import IG_STEPS, inspectable_network

    net = inspectable_network(trained_cnn)
    x = make_images().x_test[0].numpy()
    result = attribution(net, x, method="integrated_gradients")
    with torch.no_grad():
        gap = float(net(torch.from_numpy(x)[None])[0, result.target] - net(torch.zeros(1, *x.shape))[0, result.target])
    raw = IntegratedGradients(net).attribute(torch.from_numpy(x)[None], baselines=torch.zeros(1, *x.shape),
                                             target=result.target, n_steps=IG_STEPS, method="gausslegendre")
    total = float(raw.sum())
    assert total == pytest.approx(gap, rel=0.05, abs=1e-3)
    top = float(raw[0].sum(0).abs().max())
    assert np.allclose(result.heat - result.against, raw[0].sum(0).numpy() / top, atol=1e-5)


def test_stroke_shares_add_up_neighbours_on_the_ink_only():
    from playground.core.experiments.inside import SMOOTH_SIGMA, Attribution, stroke_shares

    heat, against = np.zeros((9, 9), np.float32), np.zeros((9, 9), np.float32)
    heat[4, 4], against[4, 5] = 1.0, 0.5  # a pixel for, its right neighbour half as much against
    pixels = np.zeros((9, 9), np.float32)
    pixels[4, 2:7] = 1.0  # a horizontal stroke through both
    up, down = stroke_shares(Attribution("integrated_gradients", 0, heat, against=against), pixels)
    g = lambda d: np.exp(-(d**2) / (2 * SMOOTH_SIGMA**2))  # noqa: E731 — the Gaussian's weight d pixels away
    # Along the stroke: (g(|c - 4|) - 0.5 g(|c - 5|)), scaled by the largest magnitude (column 4's).
    expected = np.array([g(abs(c - 4)) - 0.5 * g(abs(c - 5)) for c in range(2, 7)])
    expected /= np.abs(expected).max()
    assert np.allclose((up - down)[4, 2:7], expected, atol=1e-5)
    assert up.max() == pytest.approx(1.0) and (down[4, 2:7] > 0).any()  # the right end leans against
    off_ink = np.ones((9, 9), bool)
    off_ink[4, 2:7] = False
    assert not up[off_ink].any() and not down[off_ink].any()  # blank paper: no colour, though the sum spreads


def test_grad_cam_needs_a_convolution_and_a_method_must_exist(trained_cnn):
    dense = Network(nn.Sequential(nn.Flatten(), nn.Linear(16, 3)), (1, 4, 4))
    with pytest.raises(InsideError, match="no convolution") as e:
        attribution(dense, np.zeros((1, 4, 4), np.float32), method="grad_cam")
    assert e.value.key == "no_convolution"
    with pytest.raises(InsideError, match="“lime”.*integrated_gradients") as e:
        attribution(trained_cnn, np.zeros((1, 8, 8), np.float32), method="lime")
    assert e.value.key == "bad_method"
    assert attribution(dense, np.zeros((1, 4, 4), np.float32)).method == "saliency"  # auto without a convolution


def test_grad_cam_of_a_tiny_network_matches_hand_computation():
    """Conv2d(1→2, 1×1) + ReLU, then Dense. The gradient of logit t w.r.t. the ReLU's maps A_c
    is Dense's row t reshaped; Grad-CAM weighs each map by that gradient's mean and keeps the
    positive part of the sum: relu(Σ_c mean(g_c) A_c), scaled to [0, 1]."""
    body = nn.Sequential(nn.Conv2d(1, 2, 1), nn.ReLU(), nn.Flatten(), nn.Linear(2 * 4 * 4, 3))
    with torch.no_grad():
        body[0].weight.copy_(torch.tensor([1.0, -1.0]).reshape(2, 1, 1, 1))
        body[0].bias.copy_(torch.tensor([0.0, 0.5]))
        # Row t's mean over map c is alpha[t, c]; a zero-mean ripple makes the pixels differ.
        alpha = torch.tensor([[1.0, -0.5], [-1.0, 2.0], [0.3, 0.3]])
        ripple = torch.linspace(-1, 1, 16) ** 3
        body[3].weight.copy_((alpha[:, :, None] + ripple).reshape(3, 32))
        body[3].bias.zero_()
    net = Network(body, (1, 4, 4)).eval()
    x = np.linspace(0, 1, 16, dtype=np.float32).reshape(1, 4, 4)
    for target in (0, 1, 2):
        result = attribution(net, x, target=target)
        a = np.stack([np.maximum(x[0], 0), np.maximum(-x[0] + 0.5, 0)])  # the ReLU's maps
        g = body[3].weight.detach().numpy()[target].reshape(2, 4, 4)
        cam = np.maximum((g.mean(axis=(1, 2))[:, None, None] * a).sum(0), 0)
        assert (result.method, result.target, result.layer) == ("grad_cam", target, "Layer 2 (ReLU)")
        assert result.heat.shape == (4, 4) and cam.max() > 0
        assert np.allclose(result.heat, cam / cam.max(), atol=1e-5)


def test_grad_cam_of_a_trained_cnn_weighs_its_last_convolution_and_comes_back_at_the_input_size(trained_cnn):
    x = make_images().x_test[0].numpy()
    result = attribution(trained_cnn, x)  # the last convolution's maps are 2×2; the input 8×8
    assert (result.method, result.layer, result.heat.shape) == ("grad_cam", "Layer 6 (ReLU)", (8, 8))
    assert 0 <= result.heat.min() and result.heat.max() == pytest.approx(1.0)


def test_onnx_and_torchscript_models_say_what_cannot_be_shown_and_why(tmp_path, trained_cnn):
    from playground.core.inference.loaders import load_predictor
    from playground.core.io.exporters import export_onnx, export_torchscript

    x = make_images().x_test[0].numpy()
    onnx = load_predictor(export_onnx(trained_cnn, tmp_path / "m.onnx"))
    script = load_predictor(export_torchscript(trained_cnn, tmp_path / "m.pt"))
    for predictor, key, words in ((onnx, "onnx_model", "ONNX"), (script, "torchscript_model", "TorchScript")):
        for look in (lambda: conv_filters(predictor), lambda: feature_maps(predictor, x), lambda: attribution(predictor, x)):
            with pytest.raises(InsideError) as e:
                look()
            assert e.value.key == key and e.value.values["name"] == predictor.source
            assert words in str(e.value) and "cannot be shown" in str(e.value) and ".nnpmodel" in str(e.value)


def test_bad_inputs_are_refused_with_a_message(trained_cnn):
    with pytest.raises(InsideError, match="inputs of shape 1×8×8, not 8×8") as e:
        feature_maps(trained_cnn, np.zeros((8, 8), np.float32))
    assert e.value.key == "input_shape"
    with pytest.raises(InsideError, match="no class 7") as e:
        attribution(trained_cnn, np.zeros((1, 8, 8), np.float32), target=7)
    dense = Network(nn.Sequential(nn.Linear(2, 3)), (2,))
    with pytest.raises(InsideError, match="not images") as e:
        attribution(dense, np.zeros(2, np.float32))
    assert conv_filters(dense) == [] and feature_maps(dense, np.zeros(2, np.float32)) == []


def test_without_captum_attribution_names_the_install_command(monkeypatch, trained_cnn):
    import sys

    monkeypatch.setitem(sys.modules, "captum.attr", None)  # import captum.attr raises ImportError
    with pytest.raises(AttributionUnavailable, match="pip install captum") as e:
        attribution(trained_cnn, np.zeros((1, 8, 8), np.float32))
    assert e.value.key == "no_captum"
    assert len(feature_maps(trained_cnn, np.zeros((1, 8, 8), np.float32))) == 2  # the rest works without it
