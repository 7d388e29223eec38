"""TrainConfig.frozen_layers: transfer learning keeps the named layers exactly as they were."""

import pytest
import torch

from playground.core.config.spec import RunConfig, TrainConfig
from playground.core.errors import ConfigError
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.loop import fit

from .conftest import make_images


def cnn_config(frozen=(), epochs=2) -> RunConfig:
    layers = [
        LayerSpec("Conv2D", {"filters": 4, "kernel": 3}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 4}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    return RunConfig(
        model=ModelSpec((1, 8, 8), tuple(layers)),
        train=TrainConfig(epochs=epochs, batch_size=16, frozen_layers=tuple(frozen), device="cpu"),
    )


def test_frozen_layers_round_trip_through_json_and_validate():
    cfg = cnn_config(frozen=(0, 1))
    again = RunConfig.from_json(cfg.to_json())
    assert again.train.frozen_layers == (0, 1)
    assert cfg.to_dict()["train"]["frozen_layers"] == [0, 1]
    assert RunConfig.from_dict({"model": cfg.model.to_dict()}).train.frozen_layers == ()
    with pytest.raises(ConfigError, match="names layer 9 but the model has 6 layers"):
        RunConfig.from_json(cnn_config(frozen=(9,)).to_json())
    bad = cfg.to_dict()
    bad["train"]["frozen_layers"] = [-1]
    with pytest.raises(ConfigError, match="frozen_layers"):
        RunConfig.from_dict(bad)
    bad["train"]["frozen_layers"] = ["conv"]
    with pytest.raises(ConfigError, match="frozen_layers"):
        RunConfig.from_dict(bad)


def test_fit_trains_only_the_unfrozen_layers():
    images = make_images()
    first = fit(cnn_config(epochs=1), images)
    start = first.state_dict
    result = fit(cnn_config(frozen=(0, 1), epochs=3), images, initial_state=start)
    after = result.state_dict
    # Conv (layer 0) and batch norm (layer 1: weights and running statistics) are unchanged ...
    for key in ("body.0.weight", "body.0.bias", "body.1.weight", "body.1.bias", "body.1.running_mean", "body.1.running_var"):
        assert torch.equal(after[key], start[key]), key
    assert after["body.1.num_batches_tracked"] == start["body.1.num_batches_tracked"]
    # ... while the Dense layer (4) learned.
    assert not torch.equal(after["body.4.weight"], start["body.4.weight"])

    unfrozen = fit(cnn_config(epochs=1), images, initial_state=start).state_dict
    assert not torch.equal(unfrozen["body.0.weight"], start["body.0.weight"])
    assert not torch.equal(unfrozen["body.1.running_mean"], start["body.1.running_mean"])
