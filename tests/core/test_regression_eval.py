"""Regression in numbers: fit logs the validation MAE and R² each epoch, and evaluate_regression
gives predicted and actual values with MAE and R² as computed by hand."""

import dataclasses

import numpy as np
import pytest
import torch

from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.data.dataset import Dataset
from playground.core.experiments.evaluate import EvaluationError
from playground.core.experiments.regression_eval import evaluate_regression
from playground.core.inference.predictor import ModelPredictor, Predictor
from playground.core.training.loop import fit, regression_metrics

from .conftest import make_blobs, mlp_config


def _line(n=200, seed=0) -> Dataset:
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 2, generator=g)
    y = (2 * x[:, :1] - x[:, 1:] + 0.1 * torch.randn(n, 1, generator=g)).float()
    return Dataset(
        name="line", task="regression", class_names=None, x_train=x[:120], y_train=y[:120], x_test=x[150:], y_test=y[150:],
        x_val=x[120:150], y_val=y[120:150], mean=(0.0, 0.0), std=(1.0, 1.0),
    )


def _regression_config(epochs=8):
    cfg = mlp_config(classes=1, epochs=epochs)
    layers = (LayerSpec("Dense", {"units": 16}), LayerSpec("Activation", {"function": "ReLU"}), LayerSpec("Dense", {"units": 1}))
    return cfg.replace(model=ModelSpec((), layers))


def test_fit_logs_the_validation_mae_and_r2_of_each_epoch_for_regression():
    data = _line()
    seen = []

    from playground.core.training.callbacks import Callback

    class Keep(Callback):
        def on_epoch_end(self, state, logs):
            seen.append(regression_metrics(state.model, data.x_val, data.y_val))

    result = fit(_regression_config(), data, callbacks=[Keep()])
    history = result.history
    assert len(history) == 8 and all(h.val_mae is not None and h.val_r2 is not None for h in history)
    for h, (mae, r2) in zip(history, seen):  # the validation split's, at the end of each epoch
        assert h.val_mae == pytest.approx(mae) and h.val_r2 == pytest.approx(r2)
    assert history[-1].val_r2 > history[0].val_r2 and history[-1].val_mae < history[0].val_mae
    assert "val_mae" in history[0].to_dict()


def test_classification_epochs_have_no_mae():
    result = fit(mlp_config(epochs=1), make_blobs())
    assert result.history[0].val_loss is not None  # a validation split was held out
    assert result.history[0].val_mae is None and result.history[0].val_r2 is None


class _Fixed(Predictor):
    def __init__(self, values):
        super().__init__((1,), "regression", None, "fixed")
        self.values = np.asarray(values, np.float32).reshape(-1, 1)

    def _forward(self, x):
        return self.values[x[:, 0].astype(int)]


def test_predicted_against_actual_with_mae_and_r2_by_hand():
    actual = np.array([1.0, 2.0, 3.0, 4.0])
    predicted = np.array([1.5, 2.0, 2.0, 5.0])
    x = torch.arange(4, dtype=torch.float32).reshape(-1, 1)
    data = Dataset(
        name="hand", task="regression", class_names=None, x_train=x, y_train=torch.tensor(actual).float().reshape(-1, 1),
        x_test=x, y_test=torch.tensor(actual).float().reshape(-1, 1), mean=(0.0,), std=(1.0,),
    )
    ev = evaluate_regression(_Fixed(predicted), data)
    np.testing.assert_allclose(ev.actual[:, 0], actual)
    np.testing.assert_allclose(ev.predicted[:, 0], predicted)
    assert ev.mae == pytest.approx((0.5 + 0 + 1 + 1) / 4)
    assert ev.r2 == pytest.approx(1 - (0.25 + 0 + 1 + 1) / 5.0)  # SS_tot: 2.25 + .25 + .25 + 2.25
    assert ev.to_dict()["samples"] == 4


def test_a_trained_model_evaluates_as_fit_measured_it():
    data = _line()
    result = fit(_regression_config(), data)
    predictor = ModelPredictor.from_network(result.build_model(), "regression", None, "run")
    ev = evaluate_regression(predictor, data)
    assert ev.mae == pytest.approx(result.test_mae, rel=1e-4) and ev.r2 == pytest.approx(result.test_r2, rel=1e-4)


def test_a_classification_dataset_or_another_shape_is_refused_with_a_key():
    data = _line()
    predictor = _Fixed([0.0])
    with pytest.raises(EvaluationError) as info:
        evaluate_regression(predictor, data)
    assert info.value.key == "input_shape_mismatch"
    with pytest.raises(EvaluationError) as info:
        evaluate_regression(predictor, dataclasses.replace(make_blobs(dim=1), task="classification"))
    assert info.value.key == "classification_dataset"
