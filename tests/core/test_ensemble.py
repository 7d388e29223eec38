"""Ensembles: the averaging model and training K members, on tiny generated data."""

import numpy as np
import pytest
import torch

from playground.core.experiments.ensemble import Ensemble, EnsemblePredictor, train_ensemble, train_ensemble_from_configs
from playground.core.inference.predictor import ModelPredictor
from playground.core.errors import ConfigError
from playground.core.training.callbacks import Callback
from playground.core.training.loop import RunControl

from .conftest import mlp_config


def test_ensemble_probabilities_are_the_mean_of_its_members(blobs):
    result = train_ensemble(mlp_config(epochs=2), k=3, dataset=blobs)
    assert result.status == "completed" and result.seeds == [0, 1, 2] and len(result.members) == 3
    x = blobs.x_test.numpy()
    members = [ModelPredictor.from_network(r.build_model(), "classification", blobs.class_names, "m").predict(x) for r in result.members]
    assert not np.allclose(members[0], members[1])  # different seeds, different models
    predictor = result.predictor()
    assert isinstance(predictor, EnsemblePredictor)
    p = predictor.predict(x)
    np.testing.assert_allclose(p, np.mean(members, axis=0), rtol=0, atol=1e-6)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(predictor.member_predictions(x), np.stack(members), rtol=0, atol=1e-6)
    # The accuracies reported are those of these predictions.
    y = blobs.y_test.numpy()
    assert result.test_accuracy == pytest.approx(float((p.argmax(1) == y).mean()))
    for acc, m, r in zip(result.member_test_accuracy, members, result.members):
        assert acc == pytest.approx(float((m.argmax(1) == y).mean()))
        assert acc == pytest.approx(r.test_accuracy)
    assert len(result.table().splitlines()) == 5  # header, 3 members, the ensemble


def test_ensemble_module_is_an_nn_module_averaging_softmaxes():
    torch.manual_seed(0)
    members = [torch.nn.Linear(4, 3) for _ in range(2)]
    for m in members:
        m.input_shape = (4,)
    ens = Ensemble(members).eval()
    x = torch.randn(5, 4)
    expected = (torch.softmax(members[0](x), 1) + torch.softmax(members[1](x), 1)) / 2
    torch.testing.assert_close(ens(x), expected)
    assert isinstance(ens, torch.nn.Module) and ens.outputs_probabilities
    assert len(list(ens.parameters())) == 4
    exported = torch.export.export(ens, (x,))  # one graph, as ONNX export needs
    torch.testing.assert_close(exported.module()(x), expected)


def test_stopping_keeps_finished_members(blobs):
    control = RunControl()

    class StopInSecond(Callback):
        def __init__(self):
            self.fits = 0

        def on_fit_start(self, state):
            self.fits += 1
            if self.fits == 2:
                control.stop()

    result = train_ensemble(mlp_config(epochs=1), k=3, dataset=blobs, callbacks=[StopInSecond()], control=control)
    assert result.status == "stopped"
    assert len(result.members) == 1 and result.seeds == [0]
    assert len(result.skipped) == 2 and "not trained" in result.skipped[1]
    assert result.ensemble is not None


def test_bad_ensembles(blobs):
    with pytest.raises(ConfigError, match="at least two"):
        train_ensemble(mlp_config(), k=1, dataset=blobs)
    with pytest.raises(ConfigError, match="repeat"):
        train_ensemble(mlp_config(), seeds=[1, 1], dataset=blobs)
    a, b = torch.nn.Linear(2, 2), torch.nn.Linear(3, 2)
    a.input_shape, b.input_shape = (2,), (3,)
    with pytest.raises(ConfigError, match="different input shapes"):
        Ensemble([a, b])


def _two_architectures() -> list:
    """A narrow one-hidden-layer MLP and a wider two-hidden-layer one, on the same data."""
    from playground.core.config.model_spec import LayerSpec, ModelSpec

    narrow = mlp_config(hidden=8, epochs=2)
    wide = mlp_config(hidden=16, epochs=2, seed=5)
    layers = list(wide.model.layers)
    layers[2:2] = [LayerSpec("Dense", {"units": 12}), LayerSpec("Activation", {"function": "Tanh"})]
    return [narrow, wide.replace(model=ModelSpec(wide.model.input_shape, tuple(layers), wide.model.init))]


def test_ensemble_from_configs_of_different_architectures_averages_its_members(blobs):
    configs = _two_architectures()
    result = train_ensemble_from_configs(configs, blobs, labels=["narrow", "wide"])
    assert result.status == "completed" and result.seeds == [0, 5] and result.dataset == "blobs"
    sizes = [sum(p.numel() for p in r.build_model().parameters()) for r in result.members]
    assert sizes[0] != sizes[1]  # really two architectures
    x = blobs.x_test.numpy()
    members = [ModelPredictor.from_network(r.build_model(), "classification", blobs.class_names, "m").predict(x) for r in result.members]
    p = result.predictor().predict(x)
    np.testing.assert_allclose(p, np.mean(members, axis=0), rtol=0, atol=1e-6)
    assert [row["model"] for row in result.rows()] == ["narrow", "wide", "ensemble of 2"]
    assert result.member_test_accuracy == pytest.approx([r.test_accuracy for r in result.members])


def test_ensemble_from_configs_gives_a_repeated_config_the_next_seed_and_refuses_mixed_data(blobs):
    from playground.core.config.spec import DataConfig

    cfg = mlp_config(epochs=1)
    result = train_ensemble_from_configs([cfg, cfg, cfg.with_overrides(**{"train.seed": 1})], blobs)
    # The copy moves to seed 1, so the third (seed 1 already) moves on to seed 2: no two members are alike.
    assert result.seeds == [0, 1, 2]
    assert result.labels == ["member 1 (seed 0)", "member 2 (seed 1)", "member 3 (seed 2)"]
    other = cfg.replace(data=DataConfig("xor", {}, cfg.data.val_split, cfg.data.augment))
    with pytest.raises(ConfigError, match="different data"):
        train_ensemble_from_configs([cfg, other], blobs)
    with pytest.raises(ConfigError, match="at least two"):
        train_ensemble_from_configs([cfg], blobs)


def test_ensemble_onnx_round_trip_predicts_like_the_ensemble(blobs, tmp_path):
    pytest.importorskip("onnxruntime")
    from playground.core.experiments.ensemble import export_ensemble
    from playground.core.inference.loaders import OnnxPredictor, load_predictor

    result = train_ensemble_from_configs(_two_architectures(), blobs)
    path = export_ensemble(result, "onnx", tmp_path / "ensemble")[0]  # the suffix is added
    assert path.name == "ensemble.onnx"
    loaded = load_predictor(path)
    assert isinstance(loaded, OnnxPredictor)
    # Its output already is probabilities: the loader must not apply a second softmax.
    assert loaded.outputs_probabilities and loaded.metadata["output"] == "probabilities"
    assert loaded.class_names == blobs.class_names and loaded.input_shape == (2,) and loaded.task == "classification"
    x = blobs.x_test.numpy()
    expected = result.predictor().predict(x)
    assert np.abs(loaded.predict(x) - expected).max() < 1e-5
    meta = loaded.metadata
    assert meta["description"].startswith("Ensemble of 2 members")
    assert meta["ensemble"] == {"members": 2, "member_names": ["member 1 (seed 0)", "member 2 (seed 5)"],
                                "member_test_accuracy": result.member_test_accuracy}
    assert meta["metrics"]["test_accuracy"] == pytest.approx(result.test_accuracy) and meta["metrics"]["dataset"] == "blobs"
    # Normalisation is inside: the members' shared training-set mean and std are recorded, not needed.
    assert meta["preprocessing"]["mean"] == pytest.approx(list(blobs.mean), abs=1e-6)
    # The predictor handed to the canvas exports the same graph.
    again = load_predictor(export_ensemble(result.predictor("canvas"), "onnx", tmp_path / "again.onnx")[0])
    assert np.abs(again.predict(x) - expected).max() < 1e-5
    assert again.metadata["ensemble"]["members"] == 2


def test_an_ensemble_exports_as_onnx_only(blobs, tmp_path):
    from playground.core.experiments.ensemble import export_ensemble
    from playground.core.io.bundle import ExportError

    result = train_ensemble(mlp_config(epochs=1), k=2, dataset=blobs)
    with pytest.raises(ExportError, match="ONNX only"):
        export_ensemble(result, "bundle", tmp_path / "e.nnpmodel")
    assert not list(tmp_path.iterdir())


def test_top_trials_of_a_study_become_an_ensemble(blobs):
    from playground.core.experiments.tune import TrialRow, run_study, study_top_configs, top_trials
    from playground.core.experiments.search_space import Param, SearchSpace

    base = mlp_config(epochs=2).with_overrides(**{"data.val_split": 0.2})
    space = SearchSpace((Param("optimizer.lr", "float", 1e-3, 1e-1, log=True), Param("model.layers[0].units", "int", 4, 16)))
    tuned = run_study(base, space, trials=3, sampler="random", seed=0, pruner="none", dataset=blobs)
    top = study_top_configs(tuned.study, 2)  # the base comes from the study itself
    values = sorted((r.value for r in tuned.rows if r.state == "complete"), reverse=True)
    assert [row.value for row, _ in top] == values[:2]
    for row, cfg in top:
        assert cfg.optimizer.lr == row.params["optimizer.lr"]
        assert cfg.model.layers[0].get("units") == row.params["model.layers[0].units"]
    result = train_ensemble_from_configs([c for _, c in top], blobs, labels=[f"trial {r.number}" for r, _ in top])
    assert len(result.members) == 2 and result.rows()[0]["model"] == f"trial {top[0][0].number}"
    # Minimising puts the lowest first; pruned and failed trials never count.
    rows = [TrialRow(0, "complete", {}, 0.5, 1.0), TrialRow(1, "pruned", {}, None, 1.0), TrialRow(2, "complete", {}, 0.2, 1.0)]
    assert [r.number for r in top_trials(rows, 5, "minimize")] == [2, 0]


def test_an_ensemble_of_members_with_input_features_takes_the_raw_point_and_says_so(blobs, tmp_path):
    pytest.importorskip("onnxruntime")
    import dataclasses

    from playground.core.experiments.ensemble import export_ensemble
    from playground.core.inference.loaders import load_predictor

    featured = mlp_config()
    featured = featured.replace(model=dataclasses.replace(featured.model, features=("x1", "x2", "sin_x1")))
    result = train_ensemble_from_configs([featured, featured], blobs)
    loaded = load_predictor(export_ensemble(result, "onnx", tmp_path / "ensemble")[0])
    assert loaded.input_shape == (2,)
    x = blobs.x_test.numpy()
    assert np.abs(loaded.predict(x) - result.predictor().predict(x)).max() < 1e-5
    pre = loaded.metadata["preprocessing"]
    assert pre["features"] == ["x1", "x2", "sin_x1"] and len(pre["mean"]) == 3  # the features' statistics
    assert "input features are computed from the raw point" in pre["normalization"]
    # Members that see different features: each one's list, no single mean and std.
    mixed = train_ensemble_from_configs([featured, mlp_config()], blobs)
    pre = load_predictor(export_ensemble(mixed, "onnx", tmp_path / "mixed")[0]).metadata["preprocessing"]
    assert pre["features"] == [["x1", "x2", "sin_x1"], ["x1", "x2"]] and pre["mean"] is None
    assert "each member computes its input features" in pre["normalization"]
