"""`playground compare / ensemble / evaluate` on tiny data (xor, a few epochs)."""

import json

import numpy as np
import pytest

from playground.cli.main import main
from playground.core.io.bundle import save_bundle
from playground.core.config.presets import load_preset
from playground.core.training.loop import fit


def test_compare_lesson_prints_the_table(capsys):
    assert main(["compare", "--lesson", "xor", "--epochs", "2", "--device", "cpu", "--quiet"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Perceptron vs MLP on XOR on xor"
    assert out[1].split()[:3] == ["VARIANT", "STATUS", "EPOCHS"]
    assert out[2].startswith("perceptron") and out[3].startswith("xor-mlp")
    assert "TEST" not in out[1]  # test figures are the chosen variant's alone
    assert out[4].startswith("* Chosen by validation accuracy:") and out[5].startswith("Test set, used once")


def test_compare_names_the_plan_the_expectation_and_the_surprises(capsys):
    assert main(["compare", "--lesson", "xor", "--epochs", "1", "--device", "cpu"]) == 0
    captured = capsys.readouterr()
    assert "on xor (10% of the training samples held out for validation), 1 epoch(s) each" in captured.err
    assert "What to expect: XOR puts opposite corners in the same class." in captured.err
    assert "validation accuracy" in captured.err and "test accuracy" not in captured.err
    # One epoch is too few for the MLP: the output says so instead of leaving the learner guessing.
    assert "Note: The MLP reached only" in captured.out and "run more epochs" in captured.out


def test_compare_vary_json(capsys):
    code = main(["compare", "xor-mlp", "--vary", "optimizer", "--values", "sgd,adam", "--epochs", "2", "--device", "cpu", "--json"])
    assert code == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["variant"] for r in data["results"]] == ["SGD", "Adam"]
    assert all(r["epochs"] == 2 and r["status"] == "completed" for r in data["results"])
    assert len(data["histories"]["Adam"]) == 2 and data["dataset"] == "xor"


@pytest.mark.parametrize(
    "argv, message",
    [
        (["compare"], "Nothing to compare"),
        (["compare", "--lesson", "nope"], "Unknown lesson"),
        (["compare", "--lesson", "xor", "--vary", "lr"], "not both"),
        (["compare", "xor-mlp", "--vary", "lr"], "Say what to vary"),
        (["compare", "xor-mlp", "--vary", "speed", "--values", "1,2"], "Unknown setting"),
        (["compare", "xor-mlp", "--vary", "lr", "--values", "0.1,x"], "must be numbers"),
        (["compare", "missing.json", "--vary", "lr", "--values", "0.1,0.2"], "No config file"),
        (["compare", "--lesson", "xor", "--epochs", "0"], "at least 1"),
        (["compare", "--lesson", "xor", "--dataset", "nope"], "Unknown dataset"),
        (["ensemble", "xor-mlp", "--members", "1"], "at least two"),
        (["ensemble"], "or --from-study NAME"),
        (["ensemble", "xor-mlp", "--export", "e.pt"], "exports as ONNX"),
        (["ensemble", "xor-mlp", "--export", "no-such-folder/e.onnx"], "does not exist"),
        (["evaluate", "missing.safetensors"], "No model file"),
    ],
)
def test_bad_input_exits_2_with_one_line(argv, message, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_ensemble_command(capsys):
    assert main(["ensemble", "xor-mlp", "--members", "2", "--epochs", "2", "--device", "cpu", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in data["results"]] == ["member 1 (seed 0)", "member 2 (seed 1)", "ensemble of 2"]


def test_ensemble_command_exports_onnx(capsys, tmp_path):
    pytest.importorskip("onnxruntime")
    from playground.core.data.registry import load_dataset
    from playground.core.inference.loaders import load_predictor

    out = tmp_path / "xor-ensemble.onnx"
    argv = ["ensemble", "xor-mlp", "--members", "2", "--epochs", "2", "--device", "cpu", "--quiet", "--export", str(out)]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert f"Exported the ensemble of 2 to {out}" in text
    predictor = load_predictor(out)
    assert predictor.metadata["ensemble"]["members"] == 2 and predictor.metadata["metrics"]["dataset"] == "xor"
    x = load_dataset("xor").x_test[:50].numpy()
    p = predictor.predict(x)
    np.testing.assert_allclose(p.sum(axis=1), 1.0, atol=1e-5)
    accuracy = float((p.argmax(1) == load_dataset("xor").y_test[:50].numpy()).mean())
    ensemble_row = text.splitlines()[3]
    assert ensemble_row.startswith("ensemble of 2") and accuracy > 0.5


def test_ensemble_from_a_study(capsys, tmp_path):
    from playground.core.experiments.tune import run_study, sqlite_url
    from playground.core.experiments.search_space import Param, SearchSpace

    url = sqlite_url(tmp_path / "s.db")
    base = load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"})
    space = SearchSpace((Param("optimizer.lr", "float", 1e-3, 1e-1, log=True),))
    tuned = run_study(base, space, trials=3, sampler="random", seed=0, pruner="none", storage=url, study_name="s")
    best = sorted((r for r in tuned.rows if r.state == "complete"), key=lambda r: (-r.value, r.number))
    assert main(["ensemble", "--from-study", "s", "--storage", url, "--top", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [r["model"] for r in data["results"]] == [f"trial {best[0].number}", f"trial {best[1].number}", "ensemble of 2"]
    assert main(["ensemble", "--from-study", "nope", "--storage", url]) == 2
    assert "No study 'nope'" in capsys.readouterr().err


def test_evaluate_command(tmp_path, capsys):
    cfg = load_preset("xor-mlp").with_overrides(**{"train.epochs": 2, "train.device": "cpu"})
    result = fit(cfg)
    path = save_bundle(tmp_path / "xor.safetensors", result.model)
    assert main(["evaluate", str(path), "--json", "--top", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    confusion = np.array(data["confusion"])
    assert data["dataset"] == "xor" and confusion.sum() == data["samples"] == 100
    assert data["accuracy"] == pytest.approx(result.test_accuracy)
    assert len(data["confidently_wrong"]) <= 3
    assert main(["evaluate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Confusion matrix" in out and "Per-class accuracy" in out
    assert main(["evaluate", str(path), "--dataset", "mnist-5k"]) == 2
    assert "evaluate it on the dataset it was trained on" in capsys.readouterr().err
