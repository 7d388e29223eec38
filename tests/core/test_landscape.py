"""The loss landscape lab (core.experiments.landscape) and `playground landscape`."""

from __future__ import annotations

import json

import numpy as np
import pytest
import torch
from PIL import Image
from torch import nn

from playground.cli import landscape as landscape_cli
from playground.cli.main import main
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import load_run_config
from playground.core.data.registry import load_dataset
from playground.core.experiments import landscape
from playground.core.experiments.landscape import (
    PathRecorder,
    Plane,
    filter_normalized_direction,
    flat_parameters,
    loss_surface,
    optimizer_landscape,
    pca_plane,
    project,
    random_plane,
)
from playground.core.experiments.landscape_image import HEIGHT, WIDTH
from playground.core.model.build import build_model
from playground.core.training.loop import RunControl, fit


def _mse(out, y):
    return ((out - y) ** 2).mean()


def _linear_problem(n=64, features=3, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, features, generator=g)
    y = x @ torch.tensor([[1.5], [-2.0], [0.5]])[:features] + 0.3 + 0.1 * torch.randn(n, 1, generator=g)
    return x, y


def test_the_landscape_of_a_linear_model_is_its_closed_form_quadratic():
    # y_hat = x·w + b with MSE: with the bias held (it is zero in the directions) and
    # u = x·d1_w, v = x·d2_w, r = x·w + b − y, the loss is exactly
    #   L(a, b) = mean((r + a·u + b·v)²) = L0 + 2a·mean(r·u) + 2b·mean(r·v) + a²·mean(u²) + 2ab·mean(u·v) + b²·mean(v²).
    x, y = _linear_problem()
    model = nn.Linear(3, 1)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[0.4, 0.9, -1.2]]))
        model.bias.fill_(0.7)
    plane = random_plane(model, seed=3)
    d1_w, d2_w = plane.d1[:3].double(), plane.d2[:3].double()
    assert plane.d1[3] == 0 and plane.d2[3] == 0  # the bias is not moved
    xd = x.double()
    r = (xd @ model.weight.detach().double().T + 0.7 - y.double()).squeeze(1)
    u, v = xd @ d1_w, xd @ d2_w
    l0, ru, rv = (r * r).mean(), (r * u).mean(), (r * v).mean()
    uu, uv, vv = (u * u).mean(), (u * v).mean(), (v * v).mean()
    axis = np.linspace(-1, 1, 7)
    losses, complete = loss_surface(model, x, y, _mse, plane, axis, axis)
    assert complete
    for j, b in enumerate(axis):
        for i, a in enumerate(axis):
            expected = l0 + 2 * a * ru + 2 * b * rv + a * a * uu + 2 * a * b * uv + b * b * vv
            assert losses[j, i] == pytest.approx(float(expected), rel=1e-5)
    # the model itself is left as it was
    assert model.weight.tolist() == [[pytest.approx(0.4), pytest.approx(0.9), pytest.approx(-1.2)]]


def test_a_single_weight_direction_is_that_weight_times_plus_or_minus_one():
    # One weight: the filter-normalised direction has the weight's own size, so
    # L(a, b) = mean(((w + (s1·a + s2·b)·|w|)·x − y)²) with signs s1, s2 = ±1.
    x = torch.linspace(-1, 1, 21).unsqueeze(1)
    y = 2 * x
    model = nn.Linear(1, 1, bias=False)
    with torch.no_grad():
        model.weight.fill_(0.5)
    plane = random_plane(model, seed=0)
    s1, s2 = float(plane.d1[0] / 0.5), float(plane.d2[0] / 0.5)
    assert abs(s1) == pytest.approx(1) and abs(s2) == pytest.approx(1)
    axis = np.linspace(-2, 2, 9)
    losses, _ = loss_surface(model, x, y, _mse, plane, axis, axis)
    for j, b in enumerate(axis):
        for i, a in enumerate(axis):
            w = 0.5 + (s1 * a + s2 * b) * 0.5
            assert losses[j, i] == pytest.approx(float(((w - 2) ** 2) * (x**2).mean()), rel=1e-5)


def test_directions_are_normalised_per_filter_with_biases_and_batch_norm_zero():
    spec = ModelSpec(
        (1, 8, 8),
        (
            LayerSpec("Conv2D", {"filters": 4, "kernel": 3, "padding": "same"}),
            LayerSpec("BatchNorm"),
            LayerSpec("Activation", {"function": "ReLU"}),
            LayerSpec("Flatten"),
            LayerSpec("Dense", {"units": 3}),
        ),
        "he_normal",
    )
    torch.manual_seed(0)
    model = build_model(spec)
    d = filter_normalized_direction(model, torch.Generator().manual_seed(1))
    start = 0
    for name, p in model.named_parameters():
        part = d[start : start + p.numel()].view_as(p)
        start += p.numel()
        if p.dim() <= 1:  # conv and dense biases, BatchNorm's weight and bias
            assert not part.any(), name
        else:  # each output channel / unit has its weights' norm
            got = part.reshape(len(p), -1).norm(dim=1)
            want = p.detach().reshape(len(p), -1).norm(dim=1)
            assert torch.allclose(got, want, rtol=1e-5), name
    assert start == d.numel() == flat_parameters(model).numel()
    # the surface of this conv net (evaluated channels-last on the CPU) is centred on its eval loss
    x, y = torch.rand(6, 1, 8, 8), torch.tensor([0, 1, 2, 0, 1, 2])
    loss_fn = nn.functional.cross_entropy
    losses, _ = loss_surface(model, x, y, loss_fn, random_plane(model, seed=2), np.array([-0.5, 0.0, 0.5]), np.array([0.0]))
    with torch.no_grad():
        assert losses[0, 1] == pytest.approx(float(loss_fn(model.eval()(x), y)), rel=1e-5)
    assert losses[0, 0] != pytest.approx(losses[0, 1])


def test_projection_is_least_squares_on_non_orthogonal_directions():
    center = torch.tensor([1.0, 2.0, 3.0])
    d1, d2 = torch.tensor([1.0, 0.0, 0.0]), torch.tensor([1.0, 1.0, 0.0])  # 45° apart
    plane = Plane(center, d1, d2)
    on = center + 0.3 * d1 - 0.7 * d2
    off = center + 2.0 * d1 + torch.tensor([0.0, 0.0, 2.0])  # half outside: (2, 0, 2)
    path = project(plane, [center, on, off])
    assert path.x == pytest.approx([0.0, 0.3, 2.0], abs=1e-6)
    assert path.y == pytest.approx([0.0, -0.7, 0.0], abs=1e-6)  # a dot product would give ⟨v, d2⟩ = -0.4
    assert path.out_of_plane == pytest.approx([0.0, 0.0, 2 / np.sqrt(8)], abs=1e-6)
    assert path.step_out_of_plane[0] == pytest.approx(0.0, abs=1e-6)
    step = off - on  # its part along z is outside the plane
    assert path.step_out_of_plane[1] == pytest.approx(abs(float(step[2])) / float(step.norm()), abs=1e-6)


def test_plain_sgd_on_a_convex_problem_ends_at_the_minimum_of_the_plotted_surface():
    x, y = _linear_problem(features=2)
    model = nn.Linear(2, 1, bias=False)
    with torch.no_grad():
        model.weight.copy_(torch.tensor([[-3.0, 2.5]]))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    snapshots = [flat_parameters(model)]
    for _ in range(150):
        optimizer.zero_grad()
        _mse(model(x), y).backward()
        optimizer.step()
        snapshots.append(flat_parameters(model))
    start = snapshots[0]
    plane = pca_plane(start, [snapshots])  # centred on the start: the end is somewhere else on the plane
    path = project(plane, snapshots, "SGD")
    assert path.out_of_plane.max() < 1e-5  # two weights: the plane is the whole space
    pad = 0.3 * max(np.ptp(path.x), np.ptp(path.y))
    xs = np.linspace(min(path.x.min(), 0) - pad, max(path.x.max(), 0) + pad, 41)
    ys = np.linspace(min(path.y.min(), 0) - pad, max(path.y.max(), 0) + pad, 41)
    losses, _ = loss_surface(model, x, y, _mse, plane, xs, ys)
    j, i = np.unravel_index(np.argmin(losses), losses.shape)
    assert abs(xs[i] - path.x[-1]) <= xs[1] - xs[0]
    assert abs(ys[j] - path.y[-1]) <= ys[1] - ys[0]
    assert (path.x[0], path.y[0]) == (0.0, 0.0)
    assert np.hypot(path.x[-1], path.y[-1]) > 10 * (xs[1] - xs[0])  # it did travel


def test_progress_counts_every_point_and_a_stop_leaves_the_rest_nan():
    x, y = _linear_problem()
    model = nn.Linear(3, 1)
    plane = random_plane(model)
    axis = np.linspace(-1, 1, 5)
    seen = []
    losses, complete = loss_surface(model, x, y, _mse, plane, axis, axis, progress=lambda d, t: seen.append((d, t)))
    assert complete and seen == [(k, 25) for k in range(1, 26)] and np.isfinite(losses).all()

    control = RunControl()

    def stop_after_seven(done, total):
        if done == 7:
            control.stop()

    losses, complete = loss_surface(model, x, y, _mse, plane, axis, axis, progress=stop_after_seven, control=control)
    assert not complete
    assert np.isfinite(losses).sum() == 7 and np.isfinite(losses.reshape(-1)[:7]).all()


def _xor(epochs=3):
    cfg = load_run_config("xor-mlp", preset_only=True).with_overrides(**{"train.epochs": epochs})
    return cfg, load_dataset(cfg.data.name, cfg.data.options)


def test_the_path_recorder_keeps_the_start_and_each_epoch_or_every_n_batches():
    cfg, data = _xor(epochs=2)
    per_epoch = PathRecorder()
    result = fit(cfg, data, callbacks=[per_epoch])
    (path,) = per_epoch.paths.values()
    assert len(path) == 3 and per_epoch.labels[""] == [(0, 0), (1, 0), (2, 0)]
    assert path[0].numel() == flat_parameters(result.build_model()).numel()
    assert not torch.equal(path[0], path[-1])
    every = PathRecorder(every=5)
    fit(cfg, data, callbacks=[every])
    batches = 23  # 360 training samples in batches of 16
    assert len(every.paths[""]) == 1 + (2 * batches) // 5
    assert all(p.dtype == torch.float32 and p.device.type == "cpu" for p in every.paths[""])


def test_the_optimizers_paths_share_one_plane_centred_on_adams_end():
    cfg, data = _xor(epochs=3)
    land = optimizer_landscape(cfg, data, grid=5, samples=50)
    names = [p.name for p in land.paths]
    assert len(names) == 4 and land.settings["reference"] == "Adam" and land.plane["kind"] == "pca"
    for p in land.paths:  # one shared start (the comparison's shared initial weights), 3 epochs
        assert len(p.x) == 4
        assert (p.x[0], p.y[0]) == pytest.approx((land.paths[0].x[0], land.paths[0].y[0]), abs=1e-5)
    adam = land.paths[names.index("Adam")]
    assert (adam.x[-1], adam.y[-1]) == pytest.approx((0.0, 0.0), abs=1e-5)
    assert land.losses.shape == (5, 5) and land.complete
    assert land.x[0] < min(p.x.min() for p in land.paths) and land.x[-1] > max(p.x.max() for p in land.paths)


def test_the_command_line_settings_match_the_core():
    assert landscape_cli.GRID == landscape.GRID
    assert landscape_cli.SAMPLES == landscape.SAMPLES
    assert landscape_cli.SPAN == landscape.SPAN
    assert landscape_cli.BOOK_OPTIMIZERS == landscape.BOOK_OPTIMIZERS


def test_the_command_writes_the_png_and_the_json(tmp_path, capsys):
    out = tmp_path / "land"
    assert main(["landscape", "--preset", "xor-mlp", "--epochs", "2", "--grid", "9", "--samples", "40", "--out", str(out)]) == 0
    with Image.open(out / "landscape.png") as img:
        assert img.size == (WIDTH, HEIGHT) and img.format == "PNG"
    doc = json.loads((out / "landscape.json").read_text(encoding="utf-8"))
    assert doc["format"] == "playground-landscape" and doc["complete"]
    assert len(doc["x"]) == len(doc["y"]) == 9 and len(doc["loss"]) == 9 and all(len(r) == 9 for r in doc["loss"])
    assert doc["samples"] == 40 and doc["plane"]["kind"] == "random" and doc["paths"] == []
    assert doc["x"][0] == -1 and doc["x"][-1] == 1
    assert "Wrote" in capsys.readouterr().out


def test_the_command_draws_the_lessons_paths(tmp_path):
    out = tmp_path / "land"
    argv = ["landscape", "--preset", "xor-mlp", "--epochs", "2", "--grid", "5", "--samples", "30", "--paths", "lesson",
            "--optimizers", "sgd,adam", "--out", str(out)]
    assert main(argv) == 0
    doc = json.loads((out / "landscape.json").read_text(encoding="utf-8"))
    assert [p["name"] for p in doc["paths"]] == ["SGD", "Adam"]
    for p in doc["paths"]:
        assert len(p["x"]) == len(p["y"]) == len(p["out_of_plane"]) == 3 and len(p["step_out_of_plane"]) == 2
    assert doc["plane"]["kind"] == "pca" and len(doc["loss"]) == 5
    with Image.open(out / "landscape.png") as img:
        assert img.size == (WIDTH, HEIGHT)


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--grid", "1"], "--grid must be at least 2"),
        (["--samples", "0"], "--samples must be at least 1"),
        (["--span", "0"], "--span must be above 0"),
        (["--paths", "lesson", "--optimizers", "sgd,nonsense"], "nonsense"),
        (["--config", "x.json"], "Give one of MODEL"),
        (["--optimizers", "sgd"], "with --paths lesson"),
        (["--grid", "500"], "choose 201 or fewer"),
    ],
)
def test_bad_input_exits_2_with_a_message_and_no_traceback(argv, words, tmp_path, capsys):
    assert main(["landscape", "--preset", "xor-mlp", "--epochs", "1", "--out", str(tmp_path / "o"), *argv]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and words in err and "Traceback" not in err


def test_an_out_that_is_a_file_or_no_source_exits_2(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    assert main(["landscape", "--preset", "xor-mlp", "--out", str(tmp_path / "file")]) == 2
    assert "is a file" in capsys.readouterr().err
    assert main(["landscape", "--out", str(tmp_path / "o")]) == 2
    assert "Give one of MODEL" in capsys.readouterr().err
    assert main(["landscape", str(tmp_path / "missing.nnpmodel"), "--out", str(tmp_path / "o")]) == 2
    assert "missing.nnpmodel" in capsys.readouterr().err


def test_the_command_draws_a_saved_models_landscape_around_its_weights(tmp_path):
    from playground.core.io.bundle import save_model_bundle

    cfg, data = _xor(epochs=2)
    trained = fit(cfg, data).model
    path = save_model_bundle(tmp_path / "m.nnpmodel", trained)
    out = tmp_path / "land"
    assert main(["landscape", str(path), "--grid", "5", "--samples", "30", "--out", str(out)]) == 0
    doc = json.loads((out / "landscape.json").read_text(encoding="utf-8"))
    assert doc["source"] == str(path) and len(doc["loss"]) == 5
    # the centre of the grid is the saved weights: their loss on the same samples
    assert doc["loss"][2][2] == pytest.approx(doc["center_loss"], rel=1e-5)


def test_the_surface_is_evaluated_in_eval_mode_so_dropout_does_not_make_it_noisy():
    x, y = _linear_problem()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(3, 16), nn.Dropout(0.5), nn.Linear(16, 1)).train()
    plane = random_plane(model, seed=1)
    axis = np.linspace(-0.5, 0.5, 3)
    first, _ = loss_surface(model, x, y, _mse, plane, axis, axis)
    second, _ = loss_surface(model, x, y, _mse, plane, axis, axis)
    assert np.array_equal(first, second)
    with torch.no_grad():
        assert first[1, 1] == pytest.approx(float(_mse(model.eval()(x), y)), rel=1e-6)
