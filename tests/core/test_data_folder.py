"""The user's own image folders: a tiny tree of PNGs, and every way such a folder can be wrong."""

import threading

import numpy as np
import pytest
import torch

from playground.core.data.dataset import DatasetError, LoadCancelled
from playground.core.data.registry import load_dataset

Image = pytest.importorskip("PIL.Image")


def make_tree(root, counts=None, size=(12, 8)):
    """Class c's images are filled with grey level 40 * (index of c in sorted order + 1)."""
    counts = counts or {"cat": 5, "dog": 4, "bird": 3}
    for i, name in enumerate(sorted(counts)):
        folder = root / name
        folder.mkdir(parents=True)
        for k in range(counts[name]):
            Image.new("RGB", size, (40 * (i + 1),) * 3).save(folder / f"{k}.png")
    return root


def test_reads_classes_from_sorted_subfolders(tmp_path):
    root = make_tree(tmp_path / "pets")
    (root / "cat" / "notes.txt").write_text("not an image, ignored")
    ds = load_dataset("folder", {"path": str(root), "size": 16})
    assert ds.class_names == ["bird", "cat", "dog"]
    assert ds.task == "classification" and ds.is_image and ds.input_shape == (1, 16, 16)
    assert ds.x_train.dtype == torch.float32 and ds.y_train.dtype == torch.int64
    assert len(ds.x_train) + len(ds.x_test) == 12
    assert torch.bincount(ds.y_test, minlength=3).tolist() == [1, 1, 1]  # 20% of 3/5/4, at least one each
    x, y = torch.cat([ds.x_train, ds.x_test]), torch.cat([ds.y_train, ds.y_test])
    assert torch.allclose(x.mean(dim=(1, 2, 3)), (y + 1).float() * 40 / 255, atol=1 / 255, rtol=0)


def test_color_images_and_split_determinism(tmp_path):
    root = make_tree(tmp_path / "pets", counts={"a": 10, "b": 10})
    opts = {"path": str(root), "grayscale": False, "size": 8, "test_split": 0.3, "seed": 1}
    ds = load_dataset("folder", opts)
    assert ds.x_train.shape == (14, 3, 8, 8) and ds.x_test.shape == (6, 3, 8, 8)
    assert len(ds.mean) == len(ds.std) == 3
    assert torch.equal(ds.y_train, load_dataset("folder", opts).y_train)


def test_transparent_background_becomes_white(tmp_path):
    root = make_tree(tmp_path / "pets", counts={"a": 2, "b": 2})
    Image.new("RGBA", (8, 8), (0, 0, 0, 0)).save(root / "a" / "0.png")
    ds = load_dataset("folder", {"path": str(root), "size": 8})
    assert torch.cat([ds.x_train, ds.x_test]).amax(dim=(1, 2, 3)).max() == 1.0


def test_progress_and_cancel(tmp_path):
    root = make_tree(tmp_path / "pets")
    events = []
    load_dataset("folder", {"path": str(root)}, progress=lambda *e: events.append(e))
    assert len(events) == 12 and events[-1][1] == events[-1][2] > 0
    cancel = threading.Event()
    with pytest.raises(LoadCancelled):
        load_dataset("folder", {"path": str(root)}, progress=lambda *e: cancel.set(), cancel=cancel)


def test_missing_path_option():
    with pytest.raises(DatasetError, match="needs the option 'path'"):
        load_dataset("folder")


def test_path_does_not_exist(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        load_dataset("folder", {"path": str(tmp_path / "nope")})


def test_path_is_a_file(tmp_path):
    (tmp_path / "x.png").write_bytes(b"")
    with pytest.raises(DatasetError, match="is a file, not a folder"):
        load_dataset("folder", {"path": str(tmp_path / "x.png")})


def test_fewer_than_two_classes(tmp_path):
    make_tree(tmp_path / "one", counts={"only": 3})
    with pytest.raises(DatasetError, match="at least 2 class subfolders.*found only 'only'"):
        load_dataset("folder", {"path": str(tmp_path / "one")})


def test_class_without_images_is_named(tmp_path):
    root = make_tree(tmp_path / "pets", counts={"cat": 3, "dog": 3})
    (root / "empty").mkdir()
    (root / "empty" / "readme.txt").write_text("no pictures here")
    with pytest.raises(DatasetError) as e:
        load_dataset("folder", {"path": str(root)})
    assert str(root / "empty") in str(e.value) and "no images" in str(e.value) and ".png" in str(e.value)


def test_unreadable_image_is_named(tmp_path):
    root = make_tree(tmp_path / "pets", counts={"cat": 3, "dog": 3})
    bad = root / "dog" / "broken.jpg"
    bad.write_bytes(b"this is not a jpeg")
    with pytest.raises(DatasetError) as e:
        load_dataset("folder", {"path": str(root)})
    assert str(bad) in str(e.value) and "delete or replace" in str(e.value)


@pytest.mark.parametrize(
    "options, fragment",
    [
        ({"size": 2}, "'size' must be a whole number from 4 to 512"),
        ({"grayscale": "yes"}, "'grayscale' must be true or false"),
        ({"test_split": 0.9}, "'test_split' must be a number from 0.05 to 0.5"),
        ({"colour": True}, "no option.*colour.*Allowed: path, size, grayscale, test_split, seed"),
    ],
)
def test_bad_options(tmp_path, options, fragment):
    root = make_tree(tmp_path / "pets", counts={"a": 2, "b": 2})
    with pytest.raises(DatasetError, match=fragment):
        load_dataset("folder", {"path": str(root), **options})


def test_images_are_resized_to_a_square(tmp_path):
    root = make_tree(tmp_path / "pets", counts={"a": 2, "b": 2}, size=(40, 10))
    ds = load_dataset("folder", {"path": str(root), "size": 20})
    assert ds.input_shape == (1, 20, 20)
    assert np.allclose(ds.x_train.numpy().std(axis=(2, 3)), 0, atol=1e-3)  # uniform images stay uniform
