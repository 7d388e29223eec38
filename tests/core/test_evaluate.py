"""Evaluation: confusion matrix, per-class accuracy, confidently wrong examples."""

import numpy as np
import pytest

from playground.core.experiments.evaluate import Evaluation, EvaluationError, evaluate_dataset, evaluate_predictor
from playground.core.inference.predictor import ModelPredictor, Predictor
from playground.core.training.loop import fit

from .conftest import make_blobs, mlp_config


class TablePredictor(Predictor):
    """Returns fixed probabilities, row i for input [i]."""

    def __init__(self, probabilities, class_names):
        super().__init__((1,), "classification", class_names, "table")
        self.table = np.asarray(probabilities, np.float32)

    def _forward(self, x):
        return self.table[x[:, 0].astype(int)]


def test_counts_match_predictions_of_a_trained_model():
    data = make_blobs(n=240, spread=1.6)  # overlapping blobs, so there are mistakes
    result = fit(mlp_config(epochs=2), data)
    predictor = ModelPredictor.from_network(result.build_model(), "classification", data.class_names, "run")
    ev = evaluate_dataset(predictor, data)
    probs = predictor.predict(data.x_test.numpy())
    preds, y = probs.argmax(1), data.y_test.numpy()
    for i in range(3):
        for j in range(3):
            assert ev.confusion[i, j] == np.sum((y == i) & (preds == j))
            assert sorted(ev.cell(i, j)) == list(np.flatnonzero((y == i) & (preds == j)))
    assert ev.confusion.sum() == len(y)
    assert ev.accuracy == pytest.approx(result.test_accuracy)
    np.testing.assert_allclose(ev.per_class_accuracy, [np.mean(preds[y == c] == c) for c in range(3)])
    wrong = ev.confidently_wrong(100)
    assert len(wrong) == np.sum(preds != y) > 0
    assert all(m.true != m.predicted and m.true == y[m.index] and m.predicted == preds[m.index] for m in wrong)
    assert [m.confidence for m in wrong] == sorted((m.confidence for m in wrong), reverse=True)
    train = evaluate_dataset(predictor, data, "train")
    assert train.confusion.sum() == len(data.x_train)


def test_hand_made_example():
    probs = [[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.6, 0.3, 0.1], [0.1, 0.1, 0.8], [0.05, 0.95, 0.0], [0.3, 0.3, 0.4]]
    labels = [0, 1, 1, 2, 0, 2]
    ev = evaluate_predictor(TablePredictor(probs, ["a", "b", "c"]), np.arange(6)[:, None], labels, batch_size=4)
    assert ev.confusion.tolist() == [[1, 1, 0], [1, 1, 0], [0, 0, 2]]
    np.testing.assert_allclose(ev.per_class_accuracy, [0.5, 0.5, 1.0])
    assert ev.accuracy == pytest.approx(4 / 6)
    wrong = ev.confidently_wrong(5)
    assert [(m.index, m.true, m.predicted) for m in wrong] == [(4, 0, 1), (2, 1, 0)]
    assert wrong[0].confidence == pytest.approx(0.95) and wrong[0].true_probability == pytest.approx(0.05)
    assert ev.cell(2, 2).tolist() == [3, 5]  # most confident first
    text = ev.format_confusion().splitlines()
    assert text[1].split() == ["a", "1", "1", "0"]
    assert "50.00%" in ev.format_per_class()
    d = ev.to_dict()
    assert d["confusion"] == ev.confusion.tolist() and d["samples"] == 6


def test_class_with_no_samples_has_no_accuracy():
    ev = Evaluation(["a", "b"], [0, 0], [[0.9, 0.1], [0.2, 0.8]])
    assert ev.per_class_accuracy[0] == 0.5 and np.isnan(ev.per_class_accuracy[1])
    assert "-" in ev.format_per_class().splitlines()[2]


def test_mismatched_model_and_data():
    data = make_blobs(classes=3)
    p = TablePredictor([[1.0, 0.0]], ["a", "b"])
    with pytest.raises(EvaluationError, match="input"):
        evaluate_dataset(p, data)
    p2 = Predictor((2,), "classification", ["a", "b"], "x")
    with pytest.raises(EvaluationError, match="2 classes but blobs has 3"):
        evaluate_dataset(p2, data)
    with pytest.raises(EvaluationError, match="regression"):
        evaluate_predictor(Predictor((2,), "regression", None, "x"), np.zeros((1, 2)), [0])
    with pytest.raises(EvaluationError, match="split"):
        evaluate_dataset(p2, data, "validation")


def test_dataset_choices_fit_the_model_and_put_its_own_first():
    from playground.core.data.dataset import DatasetInfo
    from playground.core.experiments.evaluate import dataset_choices

    def info(name, shape, outputs, task="classification", available=True):
        return DatasetInfo(name, name.upper(), "x", task, "", available, "", shape, outputs)

    infos = [
        info("xor", (2,), 2), info("plane", (2,), 1, "regression"),
        info("mnist", (1, 28, 28), 10, available=False), info("fashion-mnist", (1, 28, 28), 10),
        info("mnist-5k", (1, 28, 28), 10), info("folder", None, None),
    ]
    images = dataset_choices((1, 28, 28), 10, infos, "Fashion_MNIST", {"x": 1})
    assert [c.name for c in images] == ["fashion-mnist", "mnist", "mnist-5k"]  # its own first
    assert images[0].own and images[0].options == {"x": 1} and not images[1].available
    assert [c.name for c in dataset_choices((2,), 2, infos, "xor")] == ["xor"]  # no regression set
    assert dataset_choices((3, 32, 32), 5, infos) == []  # nothing fits
    # Your own images: offered when the model was trained on them, with the folder it used.
    folder = dataset_choices((3, 32, 32), 5, infos, "folder", {"path": "/pics"})
    assert [(c.name, c.options, c.own) for c in folder] == [("folder", {"path": "/pics"}, True)]
