"""Your own 2-D points (core.data.points): the points list of a dataset's options becomes a
Dataset like the toy sets' — same plane, classes, dtypes, a seeded stratified split — and too
few points, one class only or a malformed list say what to do."""

import json

import numpy as np
import pytest
import torch

from playground.cli.main import main
from playground.core.config.presets import load_preset
from playground.core.data.dataset import DatasetError
from playground.core.data.points import PLANE, load_points, toy_points
from playground.core.data.registry import list_datasets, load_dataset
from playground.core.training.loop import fit

# Two small clusters, 6 points of class 0 on the left and 4 of class 1 on the right.
POINTS = [[-3.0 - i * 0.25, 1.0 - i * 0.5, 0] for i in range(6)] + [[3.0 + i * 0.5, -1.0 + i, 1] for i in range(4)]


def test_points_become_a_classification_dataset_with_every_point_in_one_split():
    ds = load_dataset("points", {"points": POINTS})
    assert ds.task == "classification" and ds.class_names == ["0", "1"] and ds.input_shape == (2,)
    assert ds.x_train.dtype == torch.float32 and ds.y_train.dtype == torch.int64
    # 80% train, stratified: of 6 → 1 test (round 1.2), of 4 → 1 test (round 0.8); every point once.
    assert (len(ds.x_train), len(ds.x_test)) == (8, 2)
    assert sorted(ds.y_test.tolist()) == [0, 1]
    got = sorted(tuple(row) for row in torch.cat([torch.cat([ds.x_train, ds.y_train[:, None]], 1),
                                                    torch.cat([ds.x_test, ds.y_test[:, None]], 1)]).tolist())
    assert got == sorted((float(x), float(y), float(c)) for x, y, c in POINTS)
    # The model's normalisation comes from the training points only.
    train = ds.x_train.double().numpy()
    assert np.allclose(ds.mean, train.mean(axis=0)) and np.allclose(ds.std, train.std(axis=0))


def test_the_same_points_and_seed_give_the_same_split_another_seed_another():
    a, b = load_dataset("points", {"points": POINTS}), load_dataset("points", {"points": POINTS})
    assert torch.equal(a.x_test, b.x_test) and torch.equal(a.x_train, b.x_train)
    tests = {tuple(load_dataset("points", {"points": POINTS, "seed": s}).x_test.flatten().tolist()) for s in range(6)}
    assert len(tests) > 1


def test_regression_points_keep_their_values_as_targets():
    points = [[float(i) - 3, 0.5 * i - 2, round(0.2 * i - 0.5, 2)] for i in range(6)]
    ds = load_dataset("points-regression", {"points": points, "train_ratio": 0.5})
    assert ds.task == "regression" and ds.class_names is None and ds.output_size == 1
    assert ds.y_train.shape == (3, 1) and ds.y_train.dtype == torch.float32 and len(ds.x_test) == 3
    for x, y in zip(torch.cat([ds.x_train, ds.x_test]).tolist(), torch.cat([ds.y_train, ds.y_test])[:, 0].tolist()):
        i = round(x[0] + 3)
        assert x[1] == pytest.approx(0.5 * i - 2) and y == pytest.approx(0.2 * i - 0.5)


@pytest.mark.parametrize(
    "name, points, key, words",
    [
        ("points", [], "no_points", "No points yet"),
        ("points", [[0, 0, 1], [1, 1, 1], [2, 2, 1]], "one_class_points", "All your points are of class 1"),
        ("points", [[0, 0, 1], [1, 1, 1], [2, 2, 0]], "class_few_points", "Class 0 has too few points (1)"),
        ("points-regression", [], "no_value_points", "No points yet"),
        ("points-regression", [[0, 0, 0.5]] * 3, "too_few_points", "Too few points (3)"),
        ("points", [[0, 0, 1], [0, 1, 0.5]], "bad_point", "point 2 is [0, 1, 0.5]"),
        ("points", [[0, 0, 1], [float("nan"), 1, 0]], "bad_point", "point 2"),
        ("points", [[0, 0]], "bad_point", "point 1 is [0, 0]"),
        ("points-regression", [[0, 0, "high"]], "bad_value_point", "point 1"),
        ("points", "here", "points_not_list", "must be a list"),
    ],
)
def test_too_few_or_malformed_points_say_what_to_do(name, points, key, words):
    with pytest.raises(DatasetError) as caught:
        load_dataset(name, {"points": points})
    assert caught.value.key == key and words in str(caught.value), str(caught.value)


def test_toy_points_start_from_a_toy_set_on_its_plane():
    points = toy_points("xor", 60)
    assert len(points) == 60 and {p[2] for p in points} == {0, 1}
    assert all(abs(p[0]) <= PLANE and abs(p[1]) <= PLANE for p in points)
    ds = load_points("points", {"points": points})
    assert len(ds.x_train) == 48
    # XOR: the class is whether x1·x2 >= 0 (noise 0.1 moves a few across)
    agree = np.mean([(p[0] * p[1] >= 0) == (p[2] == 1) for p in points])
    assert agree > 0.85
    values = toy_points("plane", 30)
    assert all(isinstance(p[2], float) for p in values)
    assert load_points("points-regression", {"points": values}).task == "regression"


def test_listed_with_the_toy_sets_and_known_before_loading():
    infos = {info.name: info for info in list_datasets()}
    assert infos["points"].kind == "toy" and infos["points"].input_shape == (2,) and infos["points"].outputs == 2
    assert infos["points-regression"].task == "regression" and infos["points-regression"].outputs == 1


def test_a_run_trains_on_points_and_separates_them():
    cfg = load_preset("xor-mlp").with_overrides(
        **{"data.name": "points", "data.options": {"points": POINTS}, "data.val_split": 0.0,
           "train.epochs": 60, "train.device": "cpu", "optimizer.lr": 0.05}
    )
    result = fit(cfg)
    assert result.model.config.data.options["points"] == POINTS  # the run records its points
    assert result.test_accuracy == 1.0  # two well-apart clusters


def test_the_command_line_trains_on_points_from_a_config_file(tmp_path, capsys):
    cfg = load_preset("xor-mlp").with_overrides(
        **{"data.name": "points", "data.options": {"points": POINTS}, "train.epochs": 2, "train.device": "cpu"}
    )
    path = tmp_path / "points.json"
    path.write_text(json.dumps(cfg.to_dict()))
    assert main(["train", "--quiet", "--config", str(path)]) == 0
    empty = cfg.with_overrides(**{"data.options": {"points": []}})
    path.write_text(json.dumps(empty.to_dict()))
    assert main(["train", "--quiet", "--config", str(path)]) == 2
    err = capsys.readouterr().err
    assert "No points yet" in err and "Traceback" not in err


def test_evaluate_offers_your_points_when_they_are_the_models_own_or_loaded():
    """A points set without its points has nothing to evaluate on: Evaluate offers it only with
    the points the model trained on, or the ones loaded now."""
    from playground.core.experiments.evaluate import dataset_choices

    infos = list_datasets()
    assert "points" not in [c.name for c in dataset_choices((2,), 2, infos, "xor")]
    own = dataset_choices((2,), 2, infos, "points", {"points": POINTS})
    assert own[0].name == "points" and own[0].own and own[0].options == {"points": POINTS}
    loaded = load_dataset("points", {"points": POINTS})
    assert "points" in [c.name for c in dataset_choices((2,), 2, infos, "xor", None, loaded)]
    assert "points-regression" not in [c.name for c in dataset_choices((2,), 2, infos, "points")]  # no classes
