"""train.label_smoothing: cross-entropy against smoothed targets while training (the true
class 1 − ε + ε/K, every class ε/K), so a model stops short of 100% on everything; the
validation and test losses stay plain cross-entropy."""

import pytest
import torch
import torch.nn.functional as F

from playground.core.config.model_spec import ModelSpec
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError
from playground.core.training.loop import fit

from .conftest import mlp_config


def _top_probability(result, data) -> float:
    model = result.build_model().eval()
    with torch.no_grad():
        return torch.softmax(model(data.x_test), 1).max(1).values.mean().item()


def test_label_smoothing_caps_the_confidence_but_not_the_accuracy(blobs):
    plain = fit(mlp_config(epochs=60), blobs)
    smoothed = fit(mlp_config(epochs=60, label_smoothing=0.2), blobs)
    assert plain.test_accuracy == smoothed.test_accuracy == 1.0
    assert _top_probability(plain, blobs) > 0.97
    # Smoothed targets give the true class 1 − 0.2 + 0.2/3 ≈ 0.87: the model aims there, not at 1.
    assert 0.80 < _top_probability(smoothed, blobs) < 0.92


def test_the_training_step_minimises_smoothed_cross_entropy_and_tests_with_plain(blobs):
    from playground.core.training.loop import _training_loss

    logits, target = torch.tensor([[4.0, 0.0, -1.0], [0.5, 2.0, 0.0]]), torch.tensor([0, 1])
    smoothed = _training_loss(F.cross_entropy, 0.1)
    assert torch.isclose(smoothed(logits, target), F.cross_entropy(logits, target, label_smoothing=0.1))
    assert _training_loss(F.cross_entropy, 0.0) is F.cross_entropy
    # The reported test loss is plain cross-entropy on the test set, with or without smoothing.
    result = fit(mlp_config(epochs=3, label_smoothing=0.3), blobs)
    model = result.build_model().eval()
    with torch.no_grad():
        plain = F.cross_entropy(model(blobs.x_test), blobs.y_test).item()
    assert result.test_loss == pytest.approx(plain, rel=1e-4)


@pytest.mark.parametrize("value", [-0.1, 1.0, 1.5, float("nan"), True, "0.1"])
def test_a_label_smoothing_outside_0_to_1_is_refused_by_name(value):
    with pytest.raises(ConfigError, match="'train.label_smoothing' must be a number from 0 up to"):
        mlp_config(label_smoothing=value).validate()


def test_label_smoothing_needs_cross_entropy_and_classes(blobs):
    with pytest.raises(ConfigError, match="Label smoothing softens cross-entropy's targets"):
        mlp_config(label_smoothing=0.1, loss="mse").validate()
    from playground.core.data.registry import load_dataset

    plane = load_dataset("plane", {"n_samples": 100})
    with pytest.raises(ConfigError, match="Label smoothing needs class labels"):
        config = mlp_config(classes=1, label_smoothing=0.1)
        fit(config.replace(model=ModelSpec((), config.model.layers[:3])), plane)  # no Softmax: a regression


def test_label_smoothing_is_read_from_and_written_to_a_config():
    config = mlp_config(label_smoothing=0.05)
    again = RunConfig.from_json(config.to_json())
    assert again.train.label_smoothing == 0.05
    assert RunConfig.from_json(mlp_config().to_json()).train.label_smoothing == 0.0
