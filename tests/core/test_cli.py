"""The command line, run in-process through `main` (and once as a real subprocess)."""

import gzip
import json
import subprocess
import sys

import numpy as np
import pytest

from playground.cli.main import main
from playground.core.data.idx import write_idx


def _train(tmp_path, *extra):
    summary = tmp_path / "summary.json"
    code = main(["train", "--quiet", "--summary-json", str(summary), *extra])
    return code, summary


def test_train_preset_writes_summary_and_bundle(tmp_path, capsys):
    code, summary = _train(tmp_path, "--preset", "xor-mlp", "--epochs", "40", "--device", "cpu", "--save", str(tmp_path / "m.safetensors"))
    assert code == 0
    data = json.loads(summary.read_text())
    assert data["status"] == "completed"
    assert data["epochs_completed"] == 40
    assert data["test_accuracy"] >= 0.95
    for key in ("test_loss", "best_val_accuracy", "train_seconds", "samples_per_second", "device"):
        assert key in data
    out = capsys.readouterr().out
    assert out.startswith("completed: test accuracy")
    assert (tmp_path / "m.safetensors").is_file()


def test_bundle_round_trip_predicts_the_same(tmp_path):
    import torch

    from playground.core.data.registry import load_dataset
    from playground.core.io.bundle import load_bundle

    path = tmp_path / "m.safetensors"
    assert main(["train", "--quiet", "--preset", "xor-mlp", "--epochs", "5", "--save", str(path)]) == 0
    bundle = load_bundle(path)
    assert bundle.config.name == "xor-mlp" and bundle.task == "classification"
    model = bundle.build_model()
    data = load_dataset(bundle.config.data.name, bundle.config.data.options)
    acc = (model.predict_proba(data.x_test).argmax(1) == data.y_test).float().mean().item()
    assert acc == pytest.approx(bundle.metrics["test_accuracy"])
    assert isinstance(model(torch.zeros(1, 2)), torch.Tensor)


def test_overrides_reach_the_run(tmp_path):
    code, summary = _train(
        tmp_path, "--preset", "perceptron", "--dataset", "circle", "--epochs", "2", "--optimizer", "adam", "--batch-size", "50", "--seed", "3"
    )
    assert code == 0
    data = json.loads(summary.read_text())
    assert data["dataset"] == "circle" and data["epochs_completed"] == 2


def test_config_file(tmp_path):
    from playground.core.config.presets import load_preset

    cfg = tmp_path / "run.json"
    cfg.write_text(load_preset("xor-mlp").with_overrides(**{"train.epochs": 2}).to_json())
    code, summary = _train(tmp_path, "--config", str(cfg))
    assert code == 0 and json.loads(summary.read_text())["epochs_completed"] == 2


@pytest.mark.parametrize(
    "args, message",
    [
        (["--preset", "resnet"], "Unknown preset 'resnet'. Available presets:"),
        (["--preset", "mlp", "--dataset", "cifar"], "Unknown dataset 'cifar'"),
        (["--preset", "mlp", "--optimizer", "adamax"], "Unknown optimizer 'adamax'"),
        (["--preset", "mlp", "--epochs", "0"], "'epochs' must be a whole number >= 1"),
        (["--preset", "mlp", "--dataset", "xor"], "outputs 10 values but the dataset has 2 classes"),
        (["--preset", "cnn", "--dataset", "xor"], "Layer 1 (Conv2D) needs an image input"),
        (["--config", "missing.json"], "No config file at missing.json"),
        (["--preset", "xor-mlp", "--device", "tpu"], "Unknown device 'tpu'"),
        (["--preset", "xor-mlp", "--save", "/no/such/folder/m.safetensors"], "does not exist"),
    ],
)
def test_bad_input_exits_nonzero_with_a_message_and_no_traceback(tmp_path, capsys, args, message):
    summary = tmp_path / "summary.json"
    summary.write_text("previous results")
    code = main(["train", "--quiet", "--summary-json", str(summary), *args])
    err = capsys.readouterr().err
    assert code == 2
    assert message in err
    assert "Traceback" not in err
    assert summary.read_text() == "previous results"  # nothing overwritten


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "not valid JSON"),
        ('{"model": {"layers": [{"type": "Dense", "units": 3}]}, "train": {"epoch": 3}}', "unknown key(s) epoch"),
        ('{"model": {"layers": [{"type": "Conv2D"}, {"type": "Dense", "units": 2}]}, "data": {"name": "xor"}}', "Layer 1 (Conv2D)"),
    ],
)
def test_malformed_config_files(tmp_path, capsys, content, message):
    cfg = tmp_path / "bad.json"
    cfg.write_text(content)
    assert main(["train", "--quiet", "--config", str(cfg)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def _write_mnist(folder, n_train=40, n_test=10, truncate=False):
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28), dtype=np.uint8))
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", (np.arange(n) % 10).astype(np.uint8))
    if truncate:
        path = folder / "train-images-idx3-ubyte.gz"
        raw = gzip.decompress(path.read_bytes())
        path.write_bytes(gzip.compress(raw[: len(raw) // 2]))


def test_idx_dataset_from_data_dir_and_truncated_file(tmp_path, capsys):
    _write_mnist(tmp_path / "data" / "mnist")
    code, summary = _train(tmp_path, "--preset", "mlp", "--epochs", "1", "--data-dir", str(tmp_path / "data"))
    assert code == 0 and json.loads(summary.read_text())["epochs_completed"] == 1

    _write_mnist(tmp_path / "bad" / "mnist", truncate=True)
    code = main(["train", "--quiet", "--preset", "mlp", "--data-dir", str(tmp_path / "bad")])
    err = capsys.readouterr().err
    assert code == 2 and "truncated" in err and "Traceback" not in err


def test_datasets_and_presets_listing(tmp_path, capsys):
    assert main(["datasets", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    for name in ("circle", "xor", "spiral", "mnist", "fashion-mnist", "kmnist", "mnist-5k", "folder"):
        assert name in out
    assert str(tmp_path) in out
    assert main(["presets"]) == 0
    out = capsys.readouterr().out
    for name in ("perceptron", "xor-mlp", "mlp", "cnn", "deep-cnn"):
        assert name in out


def test_console_script_runs_as_a_process(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "playground", "train", "--preset", "xor-mlp", "--epochs", "3", "--device", "cpu"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert "completed: test accuracy" in proc.stdout
    assert "epoch 3/3" in proc.stderr  # the progress bar's epoch lines


def test_train_freezes_the_long_lived_objects_before_fitting(tmp_path):
    """Full garbage collections during training walked every object torch and the dataset
    left tracked (~100 ms each, three in a `cnn` epoch); `playground train` freezes them first."""
    code = (
        "import gc, sys\n"
        "import playground.core.training.loop as train\n"
        "real_fit = train.fit\n"
        "def fit(*a, **k):\n"
        "    print('frozen before fit:', gc.get_freeze_count())\n"
        "    return real_fit(*a, **k)\n"
        "train.fit = fit\n"
        "from playground.cli.main import main\n"
        "sys.exit(main(['train', '--preset', 'xor-mlp', '--epochs', '1', '--quiet', '--no-checkpoint']))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    frozen = int(out.stdout.split("frozen before fit:")[1].split()[0])
    assert frozen > 50_000
