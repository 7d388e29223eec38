"""Ensembles: the averaging model and training K members, on tiny generated data."""

import numpy as np
import pytest
import torch

from playground.core.ensemble import Ensemble, EnsemblePredictor, train_ensemble
from playground.core.predictor import ModelPredictor
from playground.core.spec import ConfigError
from playground.core.train import Callback, RunControl

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
