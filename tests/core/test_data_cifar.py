"""CIFAR-10 from its binary archive: records read back with their labels and channel-planar
pixel order, the archive read safely (expected members only, sizes checked), the download
verified against a local HTTP server, and the parsed arrays cached."""

import hashlib
import io
import tarfile

import numpy as np
import pytest
import torch

from playground.core.data import cifar
from playground.core.data.dataset import DatasetError
from playground.core.data.registry import DOWNLOADABLE, list_datasets, load_dataset
from tests.core.test_data_download import server  # noqa: F401  (the local HTTP server fixture)

PER_BATCH = 4  # records per batch file in the small archives the tests write


def make_batches(seed=0, per_batch=PER_BATCH):
    """{member: (images N×3×32×32 uint8, labels N)} for the six batches."""
    rng = np.random.default_rng(seed)
    return {
        m: (rng.integers(0, 256, (per_batch, 3, 32, 32), dtype=np.uint8), rng.integers(0, 10, per_batch))
        for m in cifar.MEMBERS
    }


def record_bytes(images, labels):
    """The binary format written by hand: a label byte, then R plane, G plane, B plane, each row-major."""
    out = bytearray()
    for image, label in zip(images, labels):
        out.append(int(label))
        for channel in range(3):
            for row in range(32):
                out += bytes(int(v) for v in image[channel, row])
    return bytes(out)


def make_archive(batches, extra=(), skip=()):
    """A cifar-10-binary.tar.gz of `batches`, plus `extra` (name, bytes) members, without `skip`."""
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:

        def add(name, data):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))

        add(f"{cifar.FOLDER}/batches.meta.txt", "\n".join(cifar.CIFAR10_CLASSES).encode())
        for member, (images, labels) in batches.items():
            if member not in skip:
                add(member, record_bytes(images, labels))
        for name, data in extra:
            add(name, data)
    return buffer.getvalue()


def test_records_round_trip_with_channel_planar_pixels():
    images = np.zeros((2, 3, 32, 32), np.uint8)
    images[0, 0, 0, 1] = 200  # red, top row, second pixel
    images[0, 2, 31, 0] = 17  # blue, bottom row, first pixel
    images[1, 1, 5, 7] = 99  # green
    data = record_bytes(images, [3, 9])
    assert data[0] == 3 and data[1 + 1] == 200  # label, then R row 0
    assert data[1 + 2 * 1024 + 31 * 32] == 17  # B plane starts after R and G
    got_images, got_labels = cifar.read_cifar_records(data, "batch")
    assert got_labels.tolist() == [3, 9]
    np.testing.assert_array_equal(got_images, images)


def test_archive_round_trips_and_skips_other_members(tmp_path):
    batches = make_batches()
    path = tmp_path / cifar.ARCHIVE
    path.write_bytes(make_archive(batches, extra=[("cifar-10-batches-bin/readme.html", b"<html>")]))
    found = cifar.read_cifar_archive(path)
    assert sorted(found) == sorted(cifar.MEMBERS)
    for member, (images, labels) in batches.items():
        np.testing.assert_array_equal(found[member][0], images)
        np.testing.assert_array_equal(found[member][1], labels)


@pytest.mark.parametrize(
    "archive, words",
    [
        (lambda b: make_archive(b, skip=[cifar.TEST_MEMBERS[0]]), "lacks cifar-10-batches-bin/test_batch.bin"),
        (lambda b: make_archive(b, extra=[(cifar.TRAIN_MEMBERS[0], b"\0" * cifar.RECORD_BYTES)]), "twice"),
        (lambda b: make_archive({**b, cifar.TRAIN_MEMBERS[1]: (b[cifar.TRAIN_MEMBERS[1]][0], [0, 1, 2, 10])}), "outside 0–9"),
        (lambda b: make_archive(b)[:-200], "not a usable CIFAR-10 archive"),
        (lambda b: b"not a tar at all", "not a usable CIFAR-10 archive"),
    ],
)
def test_a_damaged_archive_is_refused_with_the_fix(tmp_path, archive, words):
    path = tmp_path / cifar.ARCHIVE
    path.write_bytes(archive(make_batches()))
    with pytest.raises(DatasetError) as caught:
        cifar.read_cifar_archive(path)
    assert words in str(caught.value) and "download a fresh copy" in str(caught.value)


def test_a_batch_of_the_wrong_size_is_refused():
    with pytest.raises(DatasetError, match="not a whole number of 3,073-byte"):
        cifar.read_cifar_records(b"\0" * (cifar.RECORD_BYTES + 5), "batch")
    with pytest.raises(DatasetError, match="more than the 10,000"):
        cifar.read_cifar_records(b"\0" * (cifar.RECORD_BYTES * (cifar.MAX_RECORDS + 1)), "batch")


def test_a_member_declaring_more_than_a_batch_is_refused_before_reading(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo(cifar.TRAIN_MEMBERS[0])
        info.size = cifar.RECORD_BYTES * (cifar.MAX_RECORDS + 1)
        tar.addfile(info, io.BytesIO(bytes(info.size)))
    path = tmp_path / cifar.ARCHIVE
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DatasetError, match="more than a batch holds"):
        cifar.read_cifar_archive(path)


def test_a_link_in_place_of_a_batch_is_refused(tmp_path):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        info = tarfile.TarInfo(cifar.TRAIN_MEMBERS[0])
        info.type, info.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tar.addfile(info)
    path = tmp_path / cifar.ARCHIVE
    path.write_bytes(buffer.getvalue())
    with pytest.raises(DatasetError, match="not a regular file"):
        cifar.read_cifar_archive(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [cifar.ARCHIVE]  # nothing extracted


def serve_archive(server, monkeypatch, body):  # noqa: F811
    url = server.serve(f"/cifar/{cifar.ARCHIVE}", body)
    monkeypatch.setattr(cifar, "CIFAR10_MIRRORS", [url.removesuffix(cifar.ARCHIVE)])
    monkeypatch.setattr(cifar, "CIFAR10_MD5", hashlib.md5(body).hexdigest())


def test_downloads_verifies_loads_and_caches(server, tmp_path, monkeypatch):  # noqa: F811
    batches = make_batches(seed=1)
    serve_archive(server, monkeypatch, make_archive(batches))
    assert "cifar10" in DOWNLOADABLE
    info = next(i for i in list_datasets(tmp_path) if i.name == "cifar10")
    assert not info.available and "downloads on first use" in info.where and info.input_shape == (3, 32, 32)
    events = []
    dataset = load_dataset("cifar10", data_dir=tmp_path, progress=lambda m, d, t: events.append(m))
    assert any(m.startswith("Downloading cifar-10-binary.tar.gz from 127.0.0.1") for m in events)
    assert (tmp_path / "cifar10" / cifar.ARCHIVE).is_file()
    assert dataset.input_shape == (3, 32, 32) and dataset.class_names == list(cifar.CIFAR10_CLASSES)
    assert len(dataset.x_train) == 5 * PER_BATCH and len(dataset.x_test) == PER_BATCH
    # the training images are the five batches in order; pixels scaled to [0, 1]
    want = np.concatenate([batches[m][0] for m in cifar.TRAIN_MEMBERS])
    assert torch.equal(dataset.x_train, torch.from_numpy(want).float() / 255)
    assert dataset.y_test.tolist() == batches[cifar.TEST_MEMBERS[0]][1].tolist()
    assert len(dataset.mean) == 3
    assert len(list((tmp_path / "cifar10" / ".cache").glob("*.npy"))) == 4
    # the second load reads the cache, not the archive (which is now unreadable)
    server.httpd.routes.clear()
    monkeypatch.setattr(cifar, "read_cifar_archive", lambda *a, **k: pytest.fail("read the archive again"))
    again = load_dataset("cifar10", data_dir=tmp_path)
    assert torch.equal(again.x_train, dataset.x_train)
    assert next(i for i in list_datasets(tmp_path) if i.name == "cifar10").available


def test_a_checksum_mismatch_says_so_and_leaves_nothing(server, tmp_path, monkeypatch):  # noqa: F811
    serve_archive(server, monkeypatch, make_archive(make_batches()))
    monkeypatch.setattr(cifar, "CIFAR10_MD5", "0" * 32)
    with pytest.raises(DatasetError) as caught:
        load_dataset("cifar10", data_dir=tmp_path)
    text = str(caught.value)
    assert "Could not download CIFAR-10 (cifar-10-binary.tar.gz)" in text
    assert "md5 checksum mismatch (expected 00000000000000000000000000000000" in text
    assert "Put cifar-10-binary.tar.gz" in text and str(tmp_path / "cifar10") in text
    folder = tmp_path / "cifar10"
    assert not folder.exists() or list(folder.rglob("*")) == []


def test_no_download_when_turned_off(tmp_path):
    with pytest.raises(DatasetError, match="downloading is turned off"):
        load_dataset("CIFAR-10", data_dir=tmp_path, download=False)


def test_the_unpacked_folder_works_too(tmp_path):
    batches = make_batches(seed=2)
    folder = tmp_path / "cifar10" / cifar.FOLDER
    folder.mkdir(parents=True)
    for member, (images, labels) in batches.items():
        (tmp_path / "cifar10" / member).write_bytes(record_bytes(images, labels))
    dataset = load_dataset("cifar10", data_dir=tmp_path, download=False)
    assert dataset.y_train.tolist() == np.concatenate([batches[m][1] for m in cifar.TRAIN_MEMBERS]).tolist()


def test_the_published_checksum_is_the_binary_versions():
    # The dataset authors' page lists c32a1d4a… for cifar-10-binary.tar.gz (c58f3010… is the
    # pickled Python version, which this app never downloads).
    assert cifar.CIFAR10_MD5 == "c32a1d4ab5d03f1284b67883e8d87530"
    assert cifar.CIFAR10_MIRRORS == ["https://www.cs.toronto.edu/~kriz/"]


# ------------------------------------------------------------------ predicting a colour picture from a file


def _red_or_blue():
    """3×32×32 in, class 0 when red outweighs blue, class 1 otherwise."""
    model = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(3 * 32 * 32, 2))
    with torch.no_grad():
        weight = torch.zeros(2, 3, 32, 32)
        weight[0, 0], weight[0, 2] = 0.05, -0.05
        weight[1] = -weight[0]
        model[1].weight.copy_(weight.view(2, -1))
        model[1].bias.zero_()
    return model.eval()


def test_predict_and_inspect_read_a_colour_models_pictures_in_colour(tmp_path, capsys):
    import json

    from PIL import Image

    from playground.cli.main import main

    script = tmp_path / "redblue.pt"
    torch.jit.save(torch.jit.script(_red_or_blue()), str(script))
    for name, colour in (("red", (220, 40, 30)), ("blue", (30, 40, 220))):
        Image.fromarray(np.full((40, 50, 3), colour, np.uint8)).save(tmp_path / f"{name}.png")
    assert main(["predict", str(script), str(tmp_path / "red.png"), str(tmp_path / "blue.png"),
                 "--input-shape", "3x32x32", "--json"]) == 0  # fmt: skip
    results = json.loads(capsys.readouterr().out)
    assert [r["index"] for r in results] == [0, 1] and results[1]["confidence"] > 0.99
    out = tmp_path / "inspect"
    assert main(["inspect", str(script), str(tmp_path / "blue.png"), "--input-shape", "3x32x32", "--out", str(out)]) == 0
    index = json.loads((out / "index.json").read_text())
    assert index["images"][0]["prediction"]["index"] == 1
