"""The dataset registry: names, listing without downloading, the data folder, the Dataset type."""

import dataclasses

import pytest
import torch

from playground.core.data import images
from playground.core.data.registry import DATA_DIR_ENV, dataset_names, list_datasets, load_dataset, resolve_data_dir
from playground.core.data.dataset import Dataset, DatasetError
from playground.core.data.idx import write_idx
from playground.core.errors import PlaygroundError

EXPECTED = [
    "circle",
    "xor",
    "gauss",
    "spiral",
    "plane",
    "multi-gauss",
    "points",
    "points-regression",
    "mnist",
    "fashion-mnist",
    "kmnist",
    "cifar10",
    "mnist-5k",
    "folder",
    "iris",
    "penguins",
    "auto-mpg",
    "csv",
]


def test_unknown_dataset_lists_the_available_ones():
    with pytest.raises(DatasetError) as e:
        load_dataset("foo")
    assert str(e.value) == f"Unknown dataset 'foo'. Available: {', '.join(EXPECTED)}."
    assert isinstance(e.value, PlaygroundError)


def test_names_are_forgiving_about_case_and_underscores():
    assert load_dataset("Multi_Gauss", {"n_samples": 20}).name == "multi-gauss"


def test_list_datasets_downloads_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "SYSTEM_DIRS", ())

    def no_network(*args, **kwargs):
        raise AssertionError("list_datasets tried to download")

    monkeypatch.setattr(images, "download", no_network)
    infos = list_datasets(tmp_path)
    assert [i.name for i in infos] == EXPECTED == dataset_names()
    by_name = {i.name: i for i in infos}
    for name in ("circle", "xor", "gauss", "spiral", "plane", "multi-gauss"):
        assert by_name[name].available and by_name[name].kind == "toy" and by_name[name].where == "generated in code"
    assert {by_name["plane"].task, by_name["multi-gauss"].task} == {"regression"}
    mnist = by_name["mnist"]
    assert not mnist.available and mnist.kind == "image" and mnist.where.startswith("not found:")
    assert str(tmp_path / "mnist") in mnist.where
    assert all(i.description.endswith(".") and i.title for i in infos)
    assert list(tmp_path.iterdir()) == []


def test_list_datasets_finds_files_in_the_data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "SYSTEM_DIRS", ())
    for name in images.IDX_FILES.values():
        write_idx(tmp_path / "kmnist" / f"{name}.gz", torch.zeros(1, dtype=torch.uint8).numpy())
    info = next(i for i in list_datasets(tmp_path) if i.name == "kmnist")
    assert info.available and info.where == str(tmp_path / "kmnist")


def test_resolve_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "from-env"))
    assert resolve_data_dir(tmp_path / "explicit") == tmp_path / "explicit"
    assert resolve_data_dir() == tmp_path / "from-env"
    monkeypatch.delenv(DATA_DIR_ENV)
    default = resolve_data_dir()
    assert default.name == "datasets" and "neural-playground" in str(default)


def test_dataset_properties_and_repr():
    ds = load_dataset("plane", {"n_samples": 20})
    assert ds.input_shape == (2,) and ds.output_size == 1 and ds.num_classes is None and not ds.is_image
    assert "x_train" not in repr(ds)  # tensors are left out of the repr
    assert str(ds) == "plane: 16 train / 4 test, input 2, 1 target"
    image = dataclasses.replace(ds, task="classification", x_train=torch.zeros(4, 1, 5, 5), class_names=["a", "b"])
    assert image.is_image and image.input_shape == (1, 5, 5) and image.num_classes == image.output_size == 2


def test_dataset_rejects_an_unknown_task():
    with pytest.raises(ValueError, match="task"):
        Dataset("x", "clustering", *(torch.zeros(1, 2),) * 4, class_names=None, mean=(0.0,), std=(1.0,))


def test_the_shape_listed_before_loading_is_the_loaded_datasets():
    """The picker tells the model builder a dataset's input shape and outputs while torch
    still loads (DatasetInfo.input_shape/outputs); loading must agree with it."""
    infos = {info.name: info for info in list_datasets()}
    names = [n for n in dataset_names() if infos[n].kind == "toy"]
    if infos["mnist-5k"].available:
        names.append("mnist-5k")
    for name in names:
        # your own points load once there are enough of them
        options = {"points": [[i, -i, i % 2] for i in range(4)]} if name.startswith("points") else None
        dataset = load_dataset(name, options)
        assert (infos[name].input_shape, infos[name].outputs) == (dataset.input_shape, dataset.output_size), name
    for name in images.IDX_SOURCES:
        assert infos[name].input_shape == (1, 28, 28) and infos[name].outputs == len(images.IDX_SOURCES[name].class_names)
    assert infos["folder"].input_shape is None and infos["folder"].outputs is None
