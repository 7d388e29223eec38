"""The downloader against a local HTTP server: checksums, mirror fallback, cancel, and a whole
dataset downloaded, verified and loaded."""

import contextlib
import dataclasses
import errno
import hashlib
import http.server
import io
import threading

import numpy as np
import pytest
import torch

from playground.core.data import downloader, images
from playground.core.data.dataset import DatasetError, LoadCancelled
from playground.core.data.downloader import DownloadError, download
from playground.core.data.registry import load_dataset
from playground.core.data.idx import write_idx


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404)
            return
        body, declared_length = route
        self.send_response(200)
        self.send_header("Content-Length", str(declared_length or len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class Server:
    """Serves `routes[path] = (body, declared Content-Length or None)` on 127.0.0.1."""

    def __init__(self):
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.httpd.daemon_threads = True
        self.httpd.routes = {}
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
        self.thread.start()

    def url(self, path):
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def serve(self, path, body, declared_length=None):
        self.httpd.routes[path] = (body, declared_length)
        return self.url(path)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.httpd.shutdown()
    s.httpd.server_close()


@pytest.fixture(autouse=True)
def no_system_datasets(monkeypatch):
    monkeypatch.setattr(images, "SYSTEM_DIRS", ())


PAYLOAD = np.random.default_rng(0).integers(0, 256, 200_000, dtype=np.uint8).tobytes()
MD5 = hashlib.md5(PAYLOAD).hexdigest()


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_downloads_and_verifies_md5_and_sha256(server, tmp_path):
    url = server.serve("/a/file.gz", PAYLOAD)
    events = []
    dest = download(
        [url],
        tmp_path / "sub" / "file.gz",
        md5=MD5,
        sha256=hashlib.sha256(PAYLOAD).hexdigest(),
        progress=lambda *e: events.append(e),
    )
    assert dest.read_bytes() == PAYLOAD
    assert files_in(tmp_path / "sub") == ["file.gz"]
    assert events[-1][1:] == (len(PAYLOAD), len(PAYLOAD))
    assert "file.gz" in events[-1][0] and "127.0.0.1" in events[-1][0]
    assert [e[1] for e in events] == sorted(e[1] for e in events)


@pytest.mark.parametrize("problem", ["404", "bad-checksum", "short-read", "refused"])
def test_falls_back_to_the_next_mirror(server, tmp_path, problem):
    if problem == "404":
        first = server.url("/missing.gz")
    elif problem == "bad-checksum":
        first = server.serve("/corrupt.gz", PAYLOAD[:-1] + b"X")
    elif problem == "short-read":
        first = server.serve("/short.gz", PAYLOAD[:1000], declared_length=len(PAYLOAD))
    else:
        first = "http://127.0.0.1:1/file.gz"
    second = server.serve("/good.gz", PAYLOAD)
    dest = download([first, second], tmp_path / "file.gz", md5=MD5, timeout=5)
    assert dest.read_bytes() == PAYLOAD
    assert files_in(tmp_path) == ["file.gz"]


def test_all_mirrors_failing_names_each_failure_and_leaves_nothing(server, tmp_path):
    urls = [server.url("/missing.gz"), server.serve("/corrupt.gz", b"not the file")]
    with pytest.raises(DownloadError) as e:
        download(urls, tmp_path / "file.gz", md5=MD5)
    msg = str(e.value)
    assert urls[0] in msg and "HTTP 404" in msg
    assert urls[1] in msg and "md5 checksum mismatch" in msg and MD5 in msg
    assert [u for u, _ in e.value.failures] == urls
    assert files_in(tmp_path) == []


def test_a_failed_download_keeps_the_previous_file(server, tmp_path):
    dest = tmp_path / "file.gz"
    dest.write_bytes(b"old")
    with pytest.raises(DownloadError):
        download([server.serve("/bad.gz", b"new")], dest, md5=MD5)
    assert dest.read_bytes() == b"old" and files_in(tmp_path) == ["file.gz"]


def test_cancel_during_download_leaves_nothing(server, tmp_path):
    url = server.serve("/big.gz", PAYLOAD)
    cancel = threading.Event()
    with pytest.raises(LoadCancelled, match="cancelled"):
        download(
            [url, url], tmp_path / "file.gz", progress=lambda msg, done, total: done and cancel.set(), cancel=cancel
        )
    assert files_in(tmp_path) == []


def test_cancel_before_start(tmp_path):
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(LoadCancelled):
        download(["http://127.0.0.1:1/x"], tmp_path / "x", cancel=cancel)
    assert files_in(tmp_path) == []


# --------------------------------------------------------------------------- a whole dataset


def serve_kmnist(server, monkeypatch, folder):
    """Serves a tiny KMNIST from two mirrors, the first with corrupted copies."""
    rng = np.random.default_rng(0)
    arrays = {
        "train-images-idx3-ubyte.gz": rng.integers(0, 256, (60, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte.gz": (np.arange(60) % 10).astype(np.uint8),
        "t10k-images-idx3-ubyte.gz": rng.integers(0, 256, (20, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte.gz": (np.arange(20) % 10).astype(np.uint8),
    }
    md5 = {}
    for name, array in arrays.items():
        path = write_idx(folder / name, array)
        body = path.read_bytes()
        md5[name] = hashlib.md5(body).hexdigest()
        server.serve(f"/good/{name}", body)
        server.serve(f"/bad/{name}", body[:-10] + bytes(10))
    source = dataclasses.replace(
        images.IDX_SOURCES["kmnist"], mirrors=(server.url("/bad/"), server.url("/good/")), md5=md5
    )
    monkeypatch.setitem(images.IDX_SOURCES, "kmnist", source)
    return arrays


def test_load_dataset_downloads_verifies_and_loads(server, tmp_path, monkeypatch):
    arrays = serve_kmnist(server, monkeypatch, tmp_path / "served")
    data_dir = tmp_path / "data"
    events = []
    ds = load_dataset("kmnist", data_dir=data_dir, progress=lambda *e: events.append(e))
    assert ds.x_train.shape == (60, 1, 28, 28) and ds.y_test.shape == (20,)
    np.testing.assert_allclose(ds.x_test[5, 0].numpy() * 255, arrays["t10k-images-idx3-ubyte.gz"][5], atol=1e-3)
    assert torch.equal(ds.y_train, torch.from_numpy(arrays["train-labels-idx1-ubyte.gz"]).long())
    folder = data_dir / "kmnist"
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == sorted(arrays)
    assert not list(folder.rglob("*.part"))
    assert any("mirror 2 of 2" in e[0] for e in events)
    # Now on disk: a second load needs no server.
    server.httpd.routes.clear()
    assert len(load_dataset("kmnist", data_dir=data_dir, download=False).x_train) == 60


def test_load_dataset_when_every_mirror_fails(server, tmp_path, monkeypatch):
    source = dataclasses.replace(images.IDX_SOURCES["mnist"], mirrors=(server.url("/one/"), "http://127.0.0.1:1/two/"))
    monkeypatch.setitem(images.IDX_SOURCES, "mnist", source)
    with pytest.raises(DatasetError) as e:
        load_dataset("mnist", data_dir=tmp_path)
    msg = str(e.value)
    assert "Could not download MNIST" in msg
    assert server.url("/one/train-images-idx3-ubyte.gz") in msg and "HTTP 404" in msg
    assert "127.0.0.1:1/two/train-images-idx3-ubyte.gz" in msg and "cannot connect" in msg
    assert str(tmp_path / "mnist") in msg and "t10k-labels-idx1-ubyte.gz" in msg
    assert "--data-dir" in msg and "PLAYGROUND_DATA_DIR" in msg
    assert not [p for p in tmp_path.rglob("*") if p.is_file()]


def test_a_full_disk_is_not_blamed_on_the_mirror(server, tmp_path, monkeypatch):
    class FullDisk(io.BytesIO):
        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(downloader, "atomic_write", lambda path: contextlib.nullcontext(FullDisk()))
    with pytest.raises(DatasetError, match="No space left on device.*free some disk space") as e:
        download([server.serve("/file.gz", PAYLOAD), server.serve("/again.gz", PAYLOAD)], tmp_path / "file.gz")
    assert not isinstance(e.value, DownloadError)
