"""Input features of 2-D points (x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂), as TensorFlow
Playground offers them: computed inside the model, so every trained, saved and exported model
still takes the raw two coordinates."""

import json
import math

import numpy as np
import pytest
import torch

from playground.cli.main import main
from playground.core.config.features import FEATURE_NAMES
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.config.presets import run_name, same_settings
from playground.core.config.spec import RunConfig
from playground.core.config.spec_errors import SpecError
from playground.core.errors import ConfigError
from playground.core.inference.loaders import load_predictor
from playground.core.inference.predictor import ModelPredictor
from playground.core.io.bundle import load_model_bundle, save_model_bundle
from playground.core.io.codegen import export_code
from playground.core.io.exporters import export_onnx, export_torchscript
from playground.core.io.project import Project, load_project, save_project
from playground.core.model.build import FeatureExpansion, build_model
from playground.core.training.loop import fit

from .conftest import make_blobs, make_images, mlp_config
from .test_export import _run_without_playground

SOME = ("x1", "sin_x2", "x1_times_x2", "x2_squared")


def _points() -> torch.Tensor:
    return torch.tensor([[1.0, 2.0], [-0.5, 3.0], [0.0, -math.pi / 2]])


def test_the_expansion_maps_known_points_to_hand_computed_features():
    got = FeatureExpansion(FEATURE_NAMES)(_points())
    s1, s2, s3 = math.sin(1.0), math.sin(2.0), math.sin(3.0)
    want = torch.tensor(
        [
            # x1,  x2,          x1², x2²,            x1x2,          sin x1,          sin x2
            [1.0, 2.0, 1.0, 4.0, 2.0, s1, s2],
            [-0.5, 3.0, 0.25, 9.0, -1.5, math.sin(-0.5), s3],
            [0.0, -math.pi / 2, 0.0, math.pi**2 / 4, 0.0, 0.0, -1.0],
        ]
    )
    assert torch.allclose(got, want, atol=1e-6)
    # Only the chosen ones, in the order chosen, and nothing to train.
    picked = FeatureExpansion(("sin_x2", "x1"))
    assert torch.allclose(picked(_points()), want[:, [6, 0]])
    assert not list(picked.parameters()) and not picked.state_dict()


def test_the_first_layer_takes_one_input_per_feature_and_the_model_the_raw_point():
    spec = ModelSpec((2,), (LayerSpec("Dense", {"units": 3}), LayerSpec("Dense", {"units": 2})), features=SOME)
    assert spec.layer_input_shape == (4,) and spec.input_shape == (2,)
    first = spec.infer()[0]
    assert first.input_shape == (4,) and first.params == 4 * 3 + 3
    net = build_model(spec)
    assert net.body[0].in_features == 4
    assert net(_points()).shape == (3, 2)  # the raw two coordinates in
    assert ModelSpec((2,), spec.layers).infer()[0].params == 2 * 3 + 3


def test_the_model_normalises_the_features_with_their_training_statistics():
    data = make_blobs(classes=2)
    result = fit(mlp_config(classes=2, epochs=1).replace(model=ModelSpec((), mlp_config(classes=2).model.layers, features=SOME)), data)
    values = FeatureExpansion(SOME)(data.x_train)
    assert torch.allclose(result.state_dict["input_mean"], values.mean(0), atol=1e-5)
    assert torch.allclose(result.state_dict["input_std"], values.std(0, correction=0), atol=1e-5)


def test_config_round_trip_and_older_configs_mean_the_raw_point():
    old = mlp_config().to_dict()
    assert "features" not in old["model"]  # nothing new written for the default
    cfg = RunConfig.from_dict(old)
    assert cfg.model.features == ()
    with_features = cfg.replace(model=ModelSpec((), cfg.model.layers, features=["sin_x1", "x1"]))
    text = with_features.to_json()
    assert json.loads(text)["model"]["features"] == ["sin_x1", "x1"]
    again = RunConfig.from_json(text)
    assert again == with_features and again.model.features == ("sin_x1", "x1")
    # Listing the raw point is the default itself, written as before.
    raw = RunConfig.from_dict({**old, "model": {**old["model"], "features": ["x1", "x2"]}})
    assert raw == cfg and "features" not in raw.to_dict()["model"]
    assert cfg.with_overrides(**{"model.features": ["x1_squared"]}).model.features == ("x1_squared",)
    assert run_name(with_features) == "circle: sin x₁, x₁ → Dense 16-3" and run_name(cfg) == "circle: Dense 16-3"
    assert not same_settings(cfg, with_features)


@pytest.mark.parametrize(
    "value, key, words",
    [
        ("sin_x1", "features_not_list", "must be a list of input feature names"),
        ([], "no_features", "at least one"),
        (["x1", "cos_x1"], "unknown_feature", "'cos_x1', which is no input feature — choose from x1, x2, x1_squared"),
        (["x1", "sin_x1", "x1"], "duplicate_feature", "'x1' twice — give each input feature once"),
        ([["x1"]], "unknown_feature", "which is no input feature"),
    ],
)
def test_bad_feature_lists_are_refused_naming_the_problem_and_the_fix(value, key, words):
    cfg = mlp_config().to_dict()
    cfg["model"]["features"] = value
    with pytest.raises(ConfigError, match="'model.features'") as e:
        RunConfig.from_dict(cfg)
    assert e.value.key == key and words in str(e.value)


def test_features_on_an_image_dataset_are_refused_naming_the_fix():
    layers = (LayerSpec("Flatten"), LayerSpec("Dense", {"units": 4}))
    cfg = mlp_config().replace(model=ModelSpec((), layers, features=("sin_x1",)))
    with pytest.raises(SpecError) as e:
        fit(cfg, make_images())
    assert e.value.key == "features_need_points"
    assert "this model's input is 1×8×8 — remove 'model.features' or choose a 2-D toy dataset" in str(e.value)


@pytest.fixture(scope="module")
def featured():
    layers = mlp_config(classes=2).model.layers
    cfg = mlp_config(classes=2, epochs=2).replace(model=ModelSpec((), layers, features=SOME), name="featured")
    return fit(cfg, make_blobs(classes=2))


def _raw_points(n=7) -> np.ndarray:
    return np.random.default_rng(1).normal(0, 3, (n, 2)).astype(np.float32)


def _app(result, x: np.ndarray) -> np.ndarray:
    return ModelPredictor.from_trained(result.model.as_run()).predict(x)


def test_bundles_and_projects_keep_the_features(tmp_path, featured):
    x = _raw_points()
    bundle = load_model_bundle(save_model_bundle(tmp_path / "m.nnpmodel", featured.model))
    assert bundle.config.model.features == SOME and bundle.preprocessing()["features"] == list(SOME)
    assert np.array_equal(load_predictor(tmp_path / "m.nnpmodel").predict(x), _app(featured, x))
    save_project(tmp_path / "p.nnp", Project(featured.config, runs=[featured.model.as_run("r")]))
    project = load_project(tmp_path / "p.nnp")
    assert project.config.model.features == SOME and project.runs[0].config.model.features == SOME


def test_onnx_torchscript_and_generated_code_take_the_raw_point_and_predict_as_the_app(tmp_path, featured):
    import onnxruntime as ort

    x = _raw_points()
    want = _app(featured, x)
    onnx_path = export_onnx(featured.model, tmp_path / "m.onnx")
    session = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"])
    assert session.get_inputs()[0].shape[1] == 2
    assert np.abs(session.run(None, {"input": x})[0] - want).max() <= 1e-5
    assert np.abs(load_predictor(onnx_path).predict(x) - want).max() <= 1e-5
    export_torchscript(featured.model, tmp_path / "m.pt")
    assert np.abs(load_predictor(tmp_path / "m.pt").predict(x) - want).max() <= 1e-6
    export_code(featured.model, tmp_path / "points.py")
    source = (tmp_path / "points.py").read_text(encoding="utf-8")
    assert "def input_features(x):" in source and "torch.sin(x2)" in source
    np.save(tmp_path / "x.npy", x)
    out = _run_without_playground(
        """
        import json, runpy, sys, numpy as np, torch
        scripted = torch.jit.load("m.pt")
        x = torch.from_numpy(np.load("x.npy"))
        print(json.dumps(scripted(x).tolist()))
        code = runpy.run_path("points.py")
        print(json.dumps(code["predict"](code["load_model"](), x).tolist()))
        """,
        tmp_path,
    )
    scripted, generated = (np.array(json.loads(line)) for line in out.splitlines())
    assert np.abs(scripted - want).max() <= 1e-6
    assert np.abs(generated - want).max() <= 1e-6


def test_cli_train_reads_the_features_from_a_config(tmp_path, capsys):
    config = {
        "data": {"name": "circle", "options": {"n_samples": 200}, "val_split": 0.1},
        "model": {
            "features": ["x1_squared", "x2_squared"],
            "layers": [{"type": "Dense", "units": 2}, {"type": "Activation", "function": "Softmax"}],
        },
        "optimizer": {"name": "adam", "lr": 0.1},
        "train": {"epochs": 15, "batch_size": 16, "seed": 0, "device": "cpu"},
    }
    path = tmp_path / "circle.json"
    path.write_text(json.dumps(config), encoding="utf-8")
    summary, model = tmp_path / "s.json", tmp_path / "m.nnpmodel"
    assert main(["train", "--config", str(path), "--quiet", "--no-checkpoint", "--summary-json", str(summary),
                 "--save", str(model)]) == 0
    # A circle needs no hidden layer once the squares are inputs: one linear layer on x₁², x₂².
    assert json.loads(summary.read_text())["test_accuracy"] >= 0.95
    assert load_model_bundle(model).config.model.features == ("x1_squared", "x2_squared")
    config["model"]["features"] = ["x1", "tan_x1"]
    path.write_text(json.dumps(config), encoding="utf-8")
    capsys.readouterr()
    assert main(["train", "--config", str(path), "--quiet", "--no-checkpoint"]) == 2
    assert "'tan_x1', which is no input feature" in capsys.readouterr().err


def test_train_features_on_the_command_line_and_the_saved_model_takes_the_raw_point(tmp_path, capsys):
    out = tmp_path / "spiral.nnpmodel"
    args = ["train", "--preset", "xor-mlp", "--dataset", "spiral", "--epochs", "2", "--no-checkpoint", "--quiet"]
    assert main([*args, "--features", "x1, x2,sin_x1", "--save", str(out)]) == 0
    model = load_model_bundle(out)
    assert model.config.model.features == ("x1", "x2", "sin_x1")
    predictor = load_predictor(out)
    assert tuple(predictor.input_shape) == (2,)  # the raw point; the features are computed inside
    capsys.readouterr()
    assert main([*args, "--features", "x1,cos_x1"]) == 2
    err = capsys.readouterr().err
    assert "'--features' lists 'cos_x1', which is no input feature" in err and "sin_x1" in err
    assert "Traceback" not in err
