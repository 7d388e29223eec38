"""Teach-your-handwriting: the personal dataset on disk and fine-tuning on it."""

import numpy as np
import pytest
import torch

from playground.core.data.dataset import Dataset
from playground.core.experiments.finetune import fine_tune, frozen_all_but_last, network_spec, personal_accuracy
from playground.core.data.personal import PersonalDataError, PersonalDataset, personal_root
from playground.core.inference.predictor import ModelPredictor
from playground.core.data.preprocess import preprocess_digit
from playground.core.config.spec import OptimizerConfig, RunConfig, TrainConfig
from playground.core.config.model_spec import LayerSpec, ModelSpec
from playground.core.training.loop import fit

from .test_preprocess import strokes

NAMES = ["ring", "bar", "cross"]


def shape(kind, rng, size=120):
    """A framed 28×28 drawing of `kind`, with random position, size and wobble."""
    c = rng.uniform(45, 75, 2)
    r = rng.uniform(25, 40)
    j = lambda: rng.uniform(-5, 5)  # noqa: E731
    if kind == "ring":
        a = np.linspace(0, 2 * np.pi, 40)
        lines = [[(c[0] + r * np.cos(t), c[1] + r * np.sin(t)) for t in a]]
    elif kind == "bar":  # vertical
        lines = [[(c[0] + j(), c[1] - r), (c[0] + j(), c[1] + r)]]
    elif kind == "cross":
        lines = [[(c[0] - r, c[1] - r), (c[0] + r + j(), c[1] + r)], [(c[0] + r, c[1] - r), (c[0] - r + j(), c[1] + r)]]
    elif kind == "flat-bar":  # the personal style of "bar": lying down
        lines = [[(c[0] - r, c[1] + j()), (c[0] + r, c[1] + j())]]
    elif kind == "plus":  # the personal style of "cross"
        lines = [[(c[0], c[1] - r), (c[0] + j(), c[1] + r)], [(c[0] - r, c[1] + j()), (c[0] + r, c[1])]]
    return preprocess_digit(strokes(size, lines, rng.uniform(8, 12))).image


def shapes_dataset(n=240, seed=0):
    rng = np.random.default_rng(seed)
    y = np.arange(n) % 3
    x = np.stack([shape(NAMES[c], rng) for c in y])[:, None]
    xt, yt = torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))
    cut = int(n * 0.8)
    return Dataset("shapes", "classification", xt[:cut], yt[:cut], xt[cut:], yt[cut:], NAMES, (float(xt.mean()),), (float(xt.std()),))


@pytest.fixture(scope="module")
def trained():
    data = shapes_dataset()
    layers = [
        LayerSpec("Conv2D", {"filters": 4, "kernel": 5, "stride": 2, "padding": "valid"}),
        LayerSpec("BatchNorm"),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Flatten"),
        LayerSpec("Dense", {"units": 16}),
        LayerSpec("Activation", {"function": "ReLU"}),
        LayerSpec("Dense", {"units": 3}),
        LayerSpec("Activation", {"function": "Softmax"}),
    ]
    cfg = RunConfig(
        model=ModelSpec((1, 28, 28), tuple(layers)),
        optimizer=OptimizerConfig("adam", 0.01),
        train=TrainConfig(epochs=6, batch_size=32, device="cpu"),
    )
    result = fit(cfg, data)
    assert result.test_accuracy >= 0.95
    return data, ModelPredictor.from_network(result.build_model(), "classification", NAMES, "Run 1")


def test_samples_persist_across_instances_and_can_be_deleted(tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_DATA_DIR", str(tmp_path))
    assert personal_root() == tmp_path / "personal"
    digits = PersonalDataset([str(d) for d in range(10)])
    rng = np.random.default_rng(1)
    img = shape("bar", rng)
    raw = (rng.random((280, 280)) * 255).astype(np.uint8)
    first = digits.add(img, 1, raw=raw)
    digits.add(shape("ring", rng), 0)
    digits.add(shape("bar", rng), 1)
    assert first.path.parent == tmp_path / "personal" / "digits" / "1"
    assert first.path.with_name(f"{first.id}-raw.png").is_file()

    later = PersonalDataset([str(d) for d in range(10)])  # the next session
    assert len(later) == 3 and later.counts()[:3] == [1, 2, 0]
    again = next(s for s in later.samples() if s.id == first.id)
    assert np.abs(again.image() - img).max() <= 1 / 255 + 1e-6
    x, y = later.arrays()
    assert x.shape == (3, 1, 28, 28) and sorted(y.tolist()) == [0, 1, 1]

    later.delete(again)
    assert len(PersonalDataset([str(d) for d in range(10)])) == 2
    assert not first.path.exists() and not first.path.with_name(f"{first.id}-raw.png").exists()

    other = PersonalDataset(["T-shirt/top", "Trouser"])  # another model's classes: another folder
    assert len(other) == 0
    sample = other.add(img, 0)
    assert sample.path.parent.name == "00-T-shirt_top"
    assert len(PersonalDataset([str(d) for d in range(10)])) == 2
    with pytest.raises(PersonalDataError, match="not one of"):
        other.add(img, 5)


def test_network_spec_reads_back_the_layers(trained):
    _, predictor = trained
    spec = network_spec(predictor.model)
    assert [l.type for l in spec.layers] == ["Conv2D", "BatchNorm", "Activation", "Flatten", "Dense", "Activation", "Dense"]
    assert spec.layers[0].get("stride") == 2 and spec.layers[0].get("padding") == 0
    assert frozen_all_but_last(spec, 1) == (0, 1, 4)
    assert frozen_all_but_last(spec, 2) == (0, 1)
    assert frozen_all_but_last(spec, 0) == () and frozen_all_but_last(spec, 9) == ()


@pytest.mark.parametrize("trainable", [0, 2])
def test_fine_tuning_learns_a_personal_style(trained, tmp_path, trainable):
    data, predictor = trained
    personal = PersonalDataset(NAMES, root=tmp_path)
    rng = np.random.default_rng(7)
    for _ in range(6):  # this person draws bars lying down and crosses upright
        personal.add(shape("flat-bar", rng), 1)
        personal.add(shape("plus", rng), 2)
    x, y = personal.arrays()
    assert personal_accuracy(predictor, x, y) <= 0.5  # the model misreads this style

    result = fine_tune(predictor, personal, base=data, trainable_layers=trainable, epochs=8, lr=3e-3)
    assert result.before <= 0.5
    assert result.after >= 0.9
    assert result.n_personal == 12
    assert result.base_accuracy >= 0.85  # the original shapes are not forgotten
    assert result.fit.config.data.name == data.name  # its settings reopen on the original dataset
    if trainable:
        assert result.frozen_layers == (0, 1)
        before, after = predictor.model.state_dict(), result.predictor.model.state_dict()
        assert torch.equal(before["body.0.weight"], after["body.0.weight"])
        assert not torch.equal(before["body.6.weight"], after["body.6.weight"])
    # The original predictor is untouched (the canvas may still be using it).
    assert personal_accuracy(predictor, x, y) == result.before


def test_fine_tuning_needs_samples(trained, tmp_path):
    _, predictor = trained
    with pytest.raises(PersonalDataError, match="no personal samples"):
        fine_tune(predictor, PersonalDataset(NAMES, root=tmp_path))
