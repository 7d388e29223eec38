"""Pretrained weights: the resumable download against a server on 127.0.0.1 (checksum as
torch.hub checks it, resume after a cut connection, a fallback mirror), the offline message,
the keys check, and training from them: `train --init-from resnet18` on a folder of colour
pictures, its head only, and the exported ONNX model doing the preprocessing itself."""

import hashlib
import http.server
import json
import socket
import threading

import numpy as np
import pytest
import torch

from playground.core.config.backbone import BACKBONES
from playground.core.data.downloader import DownloadError, download_resumable, partial_path
from playground.core.data.pretrained import WEIGHTS_DIR_ENV, WeightsError, load_pretrained
from tests.core.test_backbones import random_state, resnet18_keys


class _Server:
    """Serves `files` {path: bytes} on 127.0.0.1 with Range support; `cut` {path: n} closes the
    connection after n bytes of the first answer for that path. Stops when the test ends."""

    def __init__(self, files, cut=None):
        self.files, self.cut, self.requests = files, dict(cut or {}), []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                outer.requests.append((self.path, self.headers.get("Range")))
                data = outer.files.get(self.path)
                if data is None:
                    self.send_error(404)
                    return
                start = 0
                rng = self.headers.get("Range")
                if rng:
                    start = int(rng.removeprefix("bytes=").split("-")[0])
                    self.send_response(206)
                    self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
                else:
                    self.send_response(200)
                self.send_header("Content-Length", str(len(data) - start))
                self.end_headers()
                body = data[start:]
                if self.path in outer.cut:
                    body = body[: outer.cut.pop(self.path)]
                    self.wfile.write(body)
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def serve():
    servers = []

    def start(files, cut=None):
        servers.append(_Server(files, cut))
        return servers[-1]

    yield start
    for s in servers:
        s.close()


def _named(data: bytes, stem="weights"):
    return f"{stem}-{hashlib.sha256(data).hexdigest()[:8]}.pth"


def test_download_checks_the_sha256_prefix_in_the_name(serve, tmp_path):
    data = np.random.default_rng(0).bytes(300_000)
    name = _named(data)
    server = serve({f"/{name}": data, "/bad.pth": data[:-1] + b"x"})
    dest = download_resumable([f"{server.url}/{name}"], tmp_path / name, sha256_prefix=name[8:16])
    assert dest.read_bytes() == data and not partial_path(dest).exists()
    wrong = tmp_path / name.replace("weights", "other")
    with pytest.raises(DownloadError, match="sha256 checksum mismatch") as e:
        download_resumable([f"{server.url}/bad.pth"], wrong, sha256_prefix=name[8:16])
    assert "expected it to start with" in str(e.value)
    assert not wrong.exists() and not partial_path(wrong).exists()  # no file kept


def test_download_resumes_after_a_cut_connection(serve, tmp_path):
    data = np.random.default_rng(1).bytes(500_000)
    name = _named(data)
    server = serve({f"/{name}": data}, cut={f"/{name}": 123_456})
    seen = []
    dest = download_resumable([f"{server.url}/{name}"], tmp_path / name, sha256_prefix=name[8:16],
                              progress=lambda label, done, total: seen.append((done, total)))
    assert dest.read_bytes() == data
    assert server.requests == [(f"/{name}", None), (f"/{name}", "bytes=123456-")]  # only the rest asked for
    assert seen[-1] == (len(data), len(data))


def test_a_part_left_by_an_earlier_try_is_continued(serve, tmp_path):
    data = np.random.default_rng(2).bytes(200_000)
    name = _named(data)
    partial_path(tmp_path / name).write_bytes(data[:50_000])
    server = serve({f"/{name}": data})
    download_resumable([f"{server.url}/{name}"], tmp_path / name, sha256_prefix=name[8:16])
    assert (tmp_path / name).read_bytes() == data
    assert server.requests == [(f"/{name}", "bytes=50000-")]


def test_a_failing_mirror_falls_back_to_the_next(serve, tmp_path):
    data = b"weights" * 1000
    name = _named(data)
    server = serve({f"/mirror/{name}": data})
    dest = download_resumable([f"{server.url}/{name}", f"{server.url}/mirror/{name}"], tmp_path / name,
                              sha256_prefix=name[8:16])
    assert dest.read_bytes() == data
    assert [p for p, _ in server.requests] == [f"/{name}", f"/mirror/{name}"]


def test_offline_says_which_file_is_missing_and_where_to_put_it(serve, tmp_path, monkeypatch):
    monkeypatch.setenv(WEIGHTS_DIR_ENV, str(tmp_path / "weights"))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    server = serve({})  # answers 404 to everything
    with pytest.raises(WeightsError) as e:
        load_pretrained("resnet18", urls=[f"{server.url}/resnet18-f37072fd.pth", "http://127.0.0.1:9/x.pth"])
    text = str(e.value)
    assert "resnet18-f37072fd.pth" in text and str(tmp_path / "weights" / "resnet18-f37072fd.pth") in text
    assert "by hand" in text and "HTTP 404" in text
    assert e.value.key == "weights_missing" and e.value.values["path"].endswith("resnet18-f37072fd.pth")


def test_weights_put_there_by_hand_load_and_are_checked(tmp_path, monkeypatch):
    monkeypatch.setenv(WEIGHTS_DIR_ENV, str(tmp_path))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    state = random_state(resnet18_keys())
    torch.save(state, tmp_path / BACKBONES["resnet18"].weights_file)
    loaded = load_pretrained("resnet18", urls=["http://127.0.0.1:9/never-asked"])
    assert set(loaded) == set(state) and torch.equal(loaded["layer3.1.conv2.weight"], state["layer3.1.conv2.weight"])
    state["layer2.0.downsample.0.weight"] = torch.zeros(128, 64, 3, 3)
    torch.save(state, tmp_path / BACKBONES["resnet18"].weights_file)
    with pytest.raises(WeightsError, match=r"layer2\.0\.downsample\.0\.weight is \(128, 64, 3, 3\)"):
        load_pretrained("resnet18")


# --------------------------------------------------------------------------- training from them


def _colour_folder(root, n=8, size=16):
    """Two classes of colour pictures: reddish cats, bluish dogs, with noise."""
    from PIL import Image

    rng = np.random.default_rng(0)
    for name, colour in (("cat", (200, 60, 40)), ("dog", (40, 70, 210))):
        (root / name).mkdir(parents=True)
        for k in range(n):
            pixels = np.clip(np.array(colour) + rng.normal(0, 40, (size, size, 3)), 0, 255).astype(np.uint8)
            Image.fromarray(pixels, "RGB").save(root / name / f"{k}.png")
    return root


@pytest.fixture
def resnet_weights(tmp_path, monkeypatch):
    """Random ResNet-18 weights with torchvision's keys, put where a download would have put them."""
    folder = tmp_path / "weights"
    folder.mkdir()
    monkeypatch.setenv(WEIGHTS_DIR_ENV, str(folder))
    monkeypatch.setenv("TORCH_HOME", str(tmp_path / "torch"))
    state = random_state(resnet18_keys(), seed=5)
    torch.save(state, folder / BACKBONES["resnet18"].weights_file)
    return state


def test_train_init_from_resnet18_on_a_folder_of_colour_pictures(tmp_path, resnet_weights):
    pytest.importorskip("PIL")
    from playground.cli.main import main
    from playground.core.config.backbone import BackboneSpec
    from playground.core.io.bundle import load_model_bundle as load_bundle
    from playground.core.io.export import export_model

    folder = _colour_folder(tmp_path / "pets")
    config = {
        "name": "pets", "data": {"name": "folder", "options": {"path": str(folder), "size": 16, "grayscale": False}, "val_split": 0.25},
        "model": {"layers": [{"type": "Dense", "units": 5}]}, "optimizer": {"name": "adam", "lr": 0.01},
        "train": {"epochs": 3, "batch_size": 4, "device": "cpu"},
    }
    (tmp_path / "c.json").write_text(json.dumps(config))
    saved = tmp_path / "pets.nnpmodel"
    code = main(["train", "--quiet", "--config", str(tmp_path / "c.json"), "--init-from", "resnet18",
                 "--backbone-size", "64", "--save", str(saved), "--no-checkpoint"])
    assert code == 0
    bundle = load_bundle(saved)
    assert bundle.config.model.backbone == BackboneSpec("resnet18", 64)
    assert bundle.input_shape == (3, 16, 16)  # the pictures in colour
    assert [layer.to_dict() for layer in bundle.config.model.layers] == [{"type": "Dense", "units": 2}]  # the classes
    state = bundle.state_dict
    for key in ("conv1.weight", "layer4.1.conv2.weight", "layer2.0.downsample.1.running_mean", "bn1.running_var"):
        assert torch.equal(state["backbone.net." + key], resnet_weights[key]), key  # loaded, and frozen
    assert state["body.0.weight"].shape == (2, 512)
    assert bundle.preprocessing()["backbone"] == {"name": "resnet18", "size": 64, "fine_tune_last": False}
    # The exported model does the resizing and ImageNet normalisation itself: raw pixels in.
    model = bundle.build_model()
    x = torch.rand(3, 3, 16, 16)
    files = export_model(bundle, "torchscript", tmp_path / "pets.pt")
    scripted = torch.jit.load(str(files[0]))
    torch.testing.assert_close(scripted(x), model.predict_proba(x), rtol=1e-4, atol=1e-5)
    # The code export copies the backbone's classes and does the same.
    import runpy

    code, weights = export_model(bundle, "code", tmp_path / "pets_model.py")
    module = runpy.run_path(str(code))
    exported = module["load_model"](weights)
    torch.testing.assert_close(module["predict"](exported, x), model.predict_proba(x), rtol=1e-4, atol=1e-5)
    assert "class ResNet18(nn.Module)" in code.read_text() and "playground" not in code.read_text().split('"""', 2)[2]


def test_cached_features_train_the_head_as_running_the_backbone_every_step(tmp_path, resnet_weights, monkeypatch):
    pytest.importorskip("PIL")
    import playground.core.training.loop as loop
    from playground.core.config.spec import RunConfig
    from playground.core.data.registry import load_dataset
    from playground.core.experiments.transfer import backbone_model, start_from_backbone, start_state
    from playground.core.training.backbone_cache import clear_cache

    dataset = load_dataset("folder", {"path": str(_colour_folder(tmp_path / "pets")), "size": 16, "grayscale": False})
    assert dataset.input_shape == (3, 16, 16)
    start = start_from_backbone("resnet18", size=64)
    config = RunConfig.from_dict({
        "name": "pets", "data": {"name": "folder", "val_split": 0.25},
        "model": backbone_model(start, dataset.output_size).with_input_shape(dataset.input_shape).to_dict(),
        "optimizer": {"name": "sgd", "lr": 0.05}, "train": {"epochs": 2, "batch_size": 4, "device": "cpu"},
    })
    initial, _ = start_state(config, dataset, start.state_dict, start.label)
    calls = []
    import playground.core.training.backbone_cache as backbone_cache

    real = backbone_cache.cached_features
    monkeypatch.setattr(backbone_cache, "cached_features", lambda *a, **k: calls.append(1) or real(*a, **k))
    cached = loop.fit(config, dataset, initial_state=initial)
    assert len(calls) == 3  # train, validation and test features: computed once each
    clear_cache()
    monkeypatch.setattr(loop, "frozen_backbone", lambda model, augmenting: None)  # the backbone every step
    every_step = loop.fit(config, dataset, initial_state=initial)
    assert len(calls) == 3
    for key in ("body.0.weight", "body.0.bias"):
        torch.testing.assert_close(cached.model.state_dict[key], every_step.model.state_dict[key], rtol=1e-4, atol=1e-5)
    assert cached.test_accuracy == every_step.test_accuracy
    assert [h.loss for h in cached.history] == pytest.approx([h.loss for h in every_step.history], rel=1e-4)


def test_a_config_with_a_backbone_and_no_start_trains_on_the_imagenet_weights(tmp_path, resnet_weights):
    from playground.core.config.spec import RunConfig
    from playground.core.data.registry import load_dataset
    from playground.core.training.loop import fit

    dataset = load_dataset("folder", {"path": str(_colour_folder(tmp_path / "pets", n=4)), "size": 16})
    config = RunConfig.from_dict({
        "name": "pets", "data": {"name": "folder", "val_split": 0.25},
        "model": {"backbone": {"name": "resnet18", "size": 64}, "layers": [{"type": "Dense", "units": 2}]},
        "train": {"epochs": 1, "batch_size": 4, "device": "cpu"},
    })
    state = fit(config, dataset).model.state_dict
    for key in ("conv1.weight", "layer3.0.downsample.1.running_var"):
        assert torch.equal(state["backbone.net." + key], resnet_weights[key]), key


def test_computing_the_features_reports_progress_and_stops_when_asked(tmp_path, resnet_weights):
    """At 224×224 on a CPU the features take minutes: the callbacks hear how far they are, and
    Stop ends the run there (status 'stopped', no epoch, no error) instead of after them."""
    from playground.core.config.spec import RunConfig
    from playground.core.data.registry import load_dataset
    from playground.core.training.backbone_cache import clear_cache
    from playground.core.training.callbacks import Callback
    from playground.core.training.loop import RunControl, fit

    clear_cache()
    dataset = load_dataset("folder", {"path": str(_colour_folder(tmp_path / "pets", n=80)), "size": 16})
    config = RunConfig.from_dict({
        "name": "pets", "data": {"name": "folder", "val_split": 0.25},
        "model": {"backbone": {"name": "resnet18", "size": 64}, "layers": [{"type": "Dense", "units": 2}]},
        "train": {"epochs": 1, "batch_size": 8, "device": "cpu"},
    })
    total = len(dataset.x_train) + len(dataset.x_test)

    class Heard(Callback):
        def __init__(self, stop_after=None, control=None):
            self.seen, self.stop_after, self.control, self.epochs = [], stop_after, control, 0

        def on_features(self, state, done, of):
            self.seen.append((done, of))
            if self.stop_after is not None and done >= self.stop_after:
                self.control.stop()

        def on_epoch_end(self, state, logs):
            self.epochs += 1

    heard = Heard()
    result = fit(config, dataset, callbacks=[heard])
    assert heard.seen[0] == (0, total) and heard.seen[-1] == (total, total)
    assert [d for d, _ in heard.seen] == sorted(d for d, _ in heard.seen) and len(heard.seen) > 3  # batches of 64
    assert result.status == "completed" and heard.epochs == 1

    clear_cache()
    control = RunControl()
    stopping = Heard(stop_after=64, control=control)
    result = fit(config, dataset, callbacks=[stopping], control=control)
    assert result.status == "stopped" and stopping.epochs == 0 and not result.history
    assert stopping.seen[-1][0] == 64  # nothing computed after the stop
