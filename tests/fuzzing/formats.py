"""Every format the app reads: how to make a valid seed with the app's own code, how to
mutate it, and how the app opens it (the core calls the command line and the window make;
model files also predict once). Runs in a fuzz worker (tests/fuzzing/runner.py).

An opener returns "" when the file opened and nothing looks wrong, or a text starting with
"wrong:" when a check shows the result is silently wrong; a refusal is any PlaygroundError
(the app's own errors, whose message the front ends print). `Wrong` marks the checks.
"""

from __future__ import annotations

import io
import json
import random
import shutil
import zipfile
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable

import numpy as np

from tests.fuzzing import mutate as mu

__all__ = ["FORMATS", "Format", "Seeds", "make_seeds"]

XOR_PRESET = "xor-mlp"
IMAGE_SHAPE = (1, 28, 28)


class Wrong(Exception):
    """A check failed: the file opened but what the app made of it is wrong."""


@dataclass(frozen=True)
class Format:
    name: str
    seeds: tuple[str, ...]  # seed files (in the seeds folder) a case starts from
    mutator: Callable  # (rng, bytes) -> Mutation
    opener: Callable  # (path, ctx) -> None; raises PlaygroundError (refused) or Wrong
    suffix: str = ""
    names_file: bool = False  # a refusal must name the file (images: a learner must know which one to fix)


# --------------------------------------------------------------------------- seeds


def _digit_image(size: int = 40) -> np.ndarray:
    img = np.full((size, size), 255, np.uint8)  # a dark '7' on white paper
    s = size / 40
    img[int(8 * s) : int(12 * s), int(10 * s) : int(30 * s)] = 0
    for r in range(int(12 * s), int(34 * s)):
        c = int((28 - (r / s - 12) / 2) * s)
        img[r, max(0, c - 2) : c + 2] = 0
    return img


def make_seeds(folder: Path) -> None:
    """Write every seed file into `folder` with the app's own code (an xor-mlp run of 3
    epochs checkpointed, killed after its first)."""
    import torch
    from PIL import Image

    from playground.core.config.presets import load_preset
    from playground.core.data.idx import write_idx
    from playground.core.data.personal import PersonalDataset
    from playground.core.experiments.search_space import Param, SearchSpace, default_space
    from playground.core.io.bundle import save_bundle, save_model_bundle
    from playground.core.io.exporters import export_onnx, export_state_dict, export_torchscript
    from playground.core.io.project import Project, save_project
    from playground.core.training.callbacks import Callback
    from playground.core.training.checkpoint import Checkpoint
    from playground.core.training.loop import fit

    folder.mkdir(parents=True, exist_ok=True)
    cfg = load_preset(XOR_PRESET).with_overrides(**{"train.epochs": 3, "data.options.n_samples": 64, "train.batch_size": 32})
    trained = fit(cfg).model
    save_model_bundle(folder / "model.nnpmodel", trained)
    save_bundle(folder / "model.safetensors", trained)
    save_project(folder / "project.nnp", Project(trained.config, [trained.as_run("Run 1")], start=trained))
    export_onnx(trained, folder / "model.onnx")
    export_torchscript(trained, folder / "model.pt")
    export_state_dict(trained, folder / "state.pt")

    class Killed(Exception):
        pass

    class KillAfterFirst(Callback):
        def on_epoch_end(self, state, logs):
            raise Killed

    try:
        fit(cfg, callbacks=[Checkpoint(folder / "run", max_share=float("inf")), KillAfterFirst()])
    except Killed:
        pass
    shutil.copyfile(folder / "run" / "last.pt", folder / "last.pt")
    shutil.rmtree(folder / "run")

    for name in ("xor-mlp", "mlp", "cnn"):
        from playground.core.config.presets import resource_path

        shutil.copyfile(resource_path("presets", f"{name}.json"), folder / f"{name}.json")
    base = load_preset(XOR_PRESET)
    (folder / "space-default.json").write_text(default_space(base).to_json())
    rich = SearchSpace((
        Param("model.layers[0].units", "int", 4, 32, step=4),
        Param("optimizer.lr", "float", 1e-3, 0.1, log=True, grid=(1e-3, 1e-2, 0.1)),
        Param("train.epochs", "int", 1, 5),
        Param("regularization.dropout", "float", 0.0, 0.5, step=0.25),
    ))
    (folder / "space-rich.json").write_text(rich.to_json())

    rng = np.random.default_rng(0)
    for split, n in (("train", 40), ("t10k", 20)):
        images = (rng.random((n, 28, 28)) * 255).astype(np.uint8)
        labels = (np.arange(n) % 10).astype(np.uint8)
        for suffix in ("", ".gz"):
            write_idx(folder / f"{split}-images-idx3-ubyte{suffix}", images)
            write_idx(folder / f"{split}-labels-idx1-ubyte{suffix}", labels)

    digit = Image.fromarray(_digit_image())
    digit.save(folder / "digit.png")
    digit.convert("RGB").save(folder / "digit.jpg", quality=90)
    ink = 255 - _digit_image(28)  # strokes on a transparent background
    Image.fromarray(np.dstack([np.zeros_like(ink)] * 3 + [ink])).save(folder / "digit-rgba.png")
    personal = PersonalDataset([str(d) for d in range(10)], folder / "personal-seed")
    sample = personal.add(255 - _digit_image(28), 7)
    shutil.copyfile(sample.path, folder / "sample.png")
    shutil.rmtree(folder / "personal-seed")

    # A small image model for the images' predictions: random weights suffice.
    torch.manual_seed(0)
    from playground.core.model.trained import TrainedModel

    image_cfg = load_preset("mlp")
    image_cfg = image_cfg.replace(model=image_cfg.model.__class__(IMAGE_SHAPE, image_cfg.model.layers, image_cfg.model.init))
    from playground.core.model.build import build_model

    net = build_model(image_cfg.model)
    image_model = TrainedModel(image_cfg, net.state_dict(), "classification", [str(d) for d in range(10)])
    save_model_bundle(folder / "image-model.nnpmodel", image_model)


class Seeds:
    """The seed folder, and what opening each seed gives (the reference for the checks)."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._reference: dict[str, object] = {}
        self._image_predictor = None

    def path(self, name: str) -> Path:
        return self.folder / name

    def reference(self, key: str, make: Callable[[], object]):
        if key not in self._reference:
            self._reference[key] = make()
        return self._reference[key]

    def image_predictor(self):
        if self._image_predictor is None:
            from playground.core.inference.loaders import load_predictor

            self._image_predictor = load_predictor(self.path("image-model.nnpmodel"))
        return self._image_predictor


# --------------------------------------------------------------------------- checks


def _probe(shape: tuple[int, ...]) -> np.ndarray:
    return np.random.default_rng(1).standard_normal((8, *shape)).astype(np.float32)


def _check_output(out: np.ndarray, n: int, task: str, class_names) -> None:
    """What any prediction must be: N rows, finite, and for a classifier one probability per
    class name summing to 1."""
    if out.ndim != 2 or out.shape[0] != n:
        raise Wrong(f"wrong: predictions of shape {out.shape} for {n} inputs")
    if not np.all(np.isfinite(out)):
        raise Wrong("wrong: non-finite predictions")
    if class_names is not None and (not isinstance(class_names, list) or not all(isinstance(n, str) for n in class_names)):
        raise Wrong(f"wrong: class names {str(class_names)[:40]} are not a list of texts")
    if task == "classification":
        if class_names is not None and out.shape[1] != len(class_names):
            raise Wrong(f"wrong: {len(class_names)} class names for {out.shape[1]} outputs")
        if np.any(out < -1e-6) or not np.allclose(out.sum(axis=1), 1, atol=1e-3):
            raise Wrong("wrong: classification outputs are not probabilities")


def _check_predictor(predictor, ctx, seed_key: str) -> None:
    """Predict the probe, check the output, and compare with the seed's predictions when the
    mutation is one the app could see (ctx.compare)."""
    x = _probe(tuple(predictor.input_shape))
    out = predictor.predict(x)
    _check_output(out, len(x), predictor.task, predictor.class_names)
    if ctx.compare:
        ref = ctx.seeds.reference(seed_key, lambda: _seed_predictions(seed_key, ctx.seeds))
        if ref is not None and (ref.shape != out.shape or not np.allclose(ref, out, atol=1e-5)):
            raise Wrong("wrong: predictions differ from the unchanged file's")


def _seed_predictions(seed: str, seeds: Seeds):
    from playground.core.inference.loaders import load_predictor

    predictor = load_predictor(seeds.path(seed))
    return predictor.predict(_probe(tuple(predictor.input_shape)))


def _names_file(error: Exception, path: Path) -> bool:
    return path.name in str(error)


# --------------------------------------------------------------------------- openers


def open_model_file(path: Path, ctx) -> None:
    """`playground predict MODEL` and the window's Open model: load_predictor, then predict."""
    from playground.core.inference.loaders import load_predictor

    _check_predictor(load_predictor(path), ctx, ctx.seed)


def open_project(path: Path, ctx) -> None:
    """The window's File ▸ Open, then each run with weights predicting (the Predict tab), and
    the starting weights built (the next run starts from them)."""
    from playground.core.inference.predictor import ModelPredictor
    from playground.core.io.project import load_project

    project = load_project(path)
    project.config.validate()
    ref_key = "project-runs"
    outs = []
    for run in project.runs:
        if run.has_weights:
            predictor = ModelPredictor.from_trained(run, "fuzz")
            x = _probe(tuple(predictor.input_shape))
            out = predictor.predict(x)
            _check_output(out, len(x), predictor.task, predictor.class_names)
            outs.append(out)
    if project.start is not None:
        project.start.build_model()
    if ctx.compare:
        def reference():
            seed = load_project(ctx.seeds.path("project.nnp"))
            return [ModelPredictor.from_trained(r, "seed").predict(_probe(r.input_shape)) for r in seed.runs if r.has_weights]

        ref = ctx.seeds.reference(ref_key, reference)
        if len(ref) == len(outs) and not all(a.shape == b.shape and np.allclose(a, b, atol=1e-5) for a, b in zip(ref, outs)):
            raise Wrong("wrong: a run's predictions differ from the unchanged file's")


def open_config(path: Path, ctx) -> None:
    """`playground train CONFIG` up to training: load, validate, build the model for its data."""
    from playground.core.config.presets import load_run_config
    from playground.core.model.build import build_model

    cfg = load_run_config(path)
    cfg.validate()
    shape = IMAGE_SHAPE if cfg.data.name in ("mnist", "fashion-mnist", "kmnist", "mnist-5k") else (2,)
    cfg = cfg.replace(model=cfg.model.__class__(shape, cfg.model.layers, cfg.model.init))
    cfg.model.validate_for("classification", 10 if shape == IMAGE_SHAPE else 2)
    if cfg.model.parameter_count() < 5_000_000:
        build_model(cfg.model)
    from playground.core.config.spec import RunConfig

    again = RunConfig.from_json(cfg.to_json())
    if again != cfg:
        raise Wrong("wrong: the config does not survive its own round trip")


def open_search_space(path: Path, ctx) -> None:
    """`playground tune --space FILE`: load, check against the preset, make the samplers the
    command line offers, and suggest one trial."""
    import optuna

    from playground.core.config.presets import load_preset
    from playground.core.experiments.search_space import SearchSpace, apply_params
    from playground.core.experiments.tune import make_sampler

    optuna.logging.set_verbosity(optuna.logging.ERROR)
    base = load_preset(XOR_PRESET)
    space = SearchSpace.load(path)
    space.check(base)
    for name in ("random", "tpe", "grid"):
        sampler = make_sampler(name, space, 0)
    study = optuna.create_study(sampler=make_sampler("random", space, 0))
    trial = study.ask()
    apply_params(base, space.suggest(trial))
    del sampler


def _idx_dataset(path: Path, ctx) -> None:
    """Loading MNIST from a data folder whose file `ctx.slot` is the mutated one."""
    from playground.core.data.images import IDX_FILES, load_idx_dataset

    data_dir = ctx.work / "data"
    folder = data_dir / "mnist"
    folder.mkdir(parents=True)
    gz = ".gz" if ctx.seed.endswith(".gz") else ""
    for key, stem in IDX_FILES.items():
        target = folder / f"{stem}{gz}"
        if stem + gz == ctx.seed:
            shutil.copyfile(path, target)
        else:
            shutil.copyfile(ctx.seeds.path(stem + gz), target)
    load_idx_dataset("mnist", {}, data_dir, False, None, None)
    import gzip

    raw = path.read_bytes()
    if raw[:2] == b"\x1f\x8b":
        with gzip.open(path) as f:
            raw = f.read(4)
    if len(raw) >= 3 and raw[2] != 0x08:
        raise Wrong(f"wrong: opened an IDX file with type code {raw[2]:#04x} (not unsigned bytes)")


def open_image_predict(path: Path, ctx) -> None:
    """`playground predict MODEL IMAGE` and the Draw tab's Open image: read, frame, predict."""
    from playground.core.data.preprocess import EmptyImageError, read_image
    from playground.core.inference.recognize import recognize

    image = read_image(path)
    try:
        rec = recognize(ctx.seeds.image_predictor(), image)
    except EmptyImageError:
        return  # a blank picture: the front ends say so (with the file's name in predict)
    _check_output(rec.probabilities[None], 1, "classification", rec.class_names)


def open_image_folder(path: Path, ctx) -> None:
    """The 'folder' dataset with the mutated image among valid ones."""
    from playground.core.data.folder import load_folder

    root = ctx.work / "images"
    for cls in ("cat", "dog"):
        (root / cls).mkdir(parents=True)
        for i in range(2):
            shutil.copyfile(ctx.seeds.path("digit.png"), root / cls / f"ok{i}.png")
    shutil.copyfile(path, root / "cat" / path.name)
    ds = load_folder({"path": str(root), "size": 16})
    if not np.isfinite(ds.x_train.numpy()).all():
        raise Wrong("wrong: non-finite pixels")


def open_personal(path: Path, ctx) -> None:
    """The personal samples (Teach tab, fine-tuning) with the mutated sample among valid ones."""
    from playground.core.data.personal import PersonalDataset

    names = [str(d) for d in range(10)]
    personal = PersonalDataset(names, ctx.work / "personal")
    valid = np.asarray(__import__("PIL.Image", fromlist=["Image"]).open(ctx.seeds.path("sample.png")))
    personal.add(valid, 3)
    folder = personal.class_folder(7)
    folder.mkdir(parents=True, exist_ok=True)
    ctx.name = "20990101-000000-fuzzed.png"
    shutil.copyfile(path, folder / ctx.name)
    personal.samples()
    ds = personal.dataset(IMAGE_SHAPE)
    if not np.isfinite(ds.x_train.numpy()).all():
        raise Wrong("wrong: non-finite pixels")


def open_checkpoint(path: Path, ctx) -> None:
    """`playground train --resume FILE`: load the checkpoint and train one more epoch from it
    (on its own data, never downloaded)."""
    from playground.core.data.registry import load_dataset
    from playground.core.training.callbacks import Callback
    from playground.core.training.checkpoint import load_checkpoint
    from playground.core.training.loop import fit

    class OneEpoch(Callback):
        def on_epoch_end(self, state, logs):
            state.stop_training = True

    resume = load_checkpoint(path)
    cfg = resume.config
    dataset = load_dataset(cfg.data.name, cfg.data.options, data_dir=ctx.work / "no-data", download=False)
    result = fit(cfg, dataset, resume=resume, callbacks=[OneEpoch()])
    if result.status == "completed" and result.history and not np.isfinite(result.history[-1].loss):
        raise Wrong("wrong: a completed run with a non-finite loss")


# --------------------------------------------------------------------------- mutators


def _meta_json(rng, data):
    m = mu.mutate_json(rng, data)
    m.meta = True
    return m


def _checkpoint_mutator(rng: random.Random, data: bytes) -> mu.Mutation:
    """A value in the checkpoint's tree replaced (wrong type, shape, NaN, huge), saved again by
    torch; or a zip member / bytes changed."""
    import torch

    if rng.random() < 0.4:
        return mu.mutate_zip(rng, data, {"*": mu.mutate_bytes})
    payload = torch.load(io.BytesIO(data), weights_only=True)
    paths = []

    def walk(node, prefix):
        paths.append(prefix)
        if isinstance(node, dict):
            for k, v in node.items():
                walk(v, (*prefix, k))
        elif isinstance(node, (list, tuple)) and len(node) < 50:
            for i, v in enumerate(node):
                walk(v, (*prefix, i))

    walk(payload, ())
    path = rng.choice(paths[1:])
    parent = payload
    for k in path[:-1]:
        parent = parent[k]
    old = parent[path[-1]]
    choices = [None, "x", -1, 10**30, float("nan"), [], {}, True, torch.zeros(3), torch.full((2, 2), float("nan"))]
    if isinstance(old, torch.Tensor):
        choices += [old.t() if old.ndim == 2 else old.reshape(-1)[:1], old.double(), old * float("inf"), old.reshape(-1)[:0]]
    value = rng.choice(choices)
    if isinstance(parent, tuple):
        return mu.mutate_bytes(rng, data)
    parent[path[-1]] = value
    buffer = io.BytesIO()
    torch.save(payload, buffer)
    shown = f"tensor {tuple(value.shape)} {value.dtype}" if isinstance(value, torch.Tensor) else repr(value)[:30]
    return mu.Mutation(buffer.getvalue(), f"{'/'.join(map(str, path))} = {shown}")


def _onnx_mutator(rng: random.Random, data: bytes) -> mu.Mutation:
    """A metadata entry mutated (its JSON), the input's dimensions changed, a node's operator
    or domain changed, the opset changed, or bytes."""
    import onnx

    kind = rng.choice(["meta", "meta", "meta", "input", "op", "opset", "bytes", "bytes"])
    if kind == "bytes":
        return mu.mutate_bytes(rng, data)
    model = onnx.load_from_string(data)
    if kind == "meta" and model.metadata_props:
        prop = rng.choice(list(model.metadata_props))
        m = mu.mutate_json(rng, prop.value.encode(), byte_share=0.0)
        prop.value = m.data.decode("utf-8", "replace")
        return mu.Mutation(model.SerializeToString(), f"metadata {prop.key}: {m.desc}", meta=True)
    if kind == "input":
        dims = model.graph.input[0].type.tensor_type.shape.dim
        d = dims[rng.randrange(len(dims))]
        value = rng.choice([0, 1, 3, 1000, -1])
        d.dim_value = value
        return mu.Mutation(model.SerializeToString(), f"input dimension = {value}")
    if kind == "op" and model.graph.node:
        node = rng.choice(list(model.graph.node))
        if rng.random() < 0.5:
            node.op_type = rng.choice(["Custom", "Gemm", "Relu", "Softmax", "Identity"])
            return mu.Mutation(model.SerializeToString(), f"node {node.name} op_type {node.op_type}")
        node.domain = "com.example.custom"
        return mu.Mutation(model.SerializeToString(), f"node {node.name} in a custom domain")
    model.opset_import[0].version = rng.choice([1, 7, 99, 10_000])
    return mu.Mutation(model.SerializeToString(), f"opset {model.opset_import[0].version}")


_SAFETENSORS_MEMBERS = {".safetensors": mu.mutate_safetensors, ".json": mu.mutate_json}
_mutate_bundle = partial(mu.mutate_zip, member_mutators=_SAFETENSORS_MEMBERS, focus=(".safetensors", 0.3))
# torch.jit.save names its metadata <archive>/extra/playground.json: a third of the cases change it.
_mutate_torchscript = partial(
    mu.mutate_zip, member_mutators={"playground.json": _meta_json, "*": mu.mutate_bytes}, focus=("playground.json", 0.35)
)
_mutate_idx_gz = partial(mu.mutate_gzip, inner=mu.mutate_idx)


IDX_SEEDS = ("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")

FORMATS: dict[str, Format] = {f.name: f for f in [
    Format("config", ("xor-mlp.json", "mlp.json", "cnn.json"), mu.mutate_json, open_config, ".json"),
    Format("search-space", ("space-default.json", "space-rich.json"), mu.mutate_json, open_search_space, ".json"),
    Format("bundle", ("model.nnpmodel",), _mutate_bundle, open_model_file, ".nnpmodel"),
    Format("bundle-safetensors", ("model.safetensors",), mu.mutate_safetensors, open_model_file, ".safetensors"),
    Format("project", ("project.nnp",), _mutate_bundle, open_project, ".nnp"),
    Format("onnx", ("model.onnx",), _onnx_mutator, open_model_file, ".onnx"),
    Format("torchscript", ("model.pt",), _mutate_torchscript, open_model_file, ".pt"),
    Format("state-dict", ("state.pt",), partial(mu.mutate_zip, member_mutators={"*": mu.mutate_bytes}), open_model_file, ".pt"),
    Format("checkpoint", ("last.pt",), _checkpoint_mutator, open_checkpoint, ".pt"),
    Format("idx", IDX_SEEDS, mu.mutate_idx, _idx_dataset),
    Format("idx-gz", tuple(s + ".gz" for s in IDX_SEEDS), _mutate_idx_gz, _idx_dataset, ".gz"),
    Format("png", ("digit.png", "digit-rgba.png"), mu.mutate_png, open_image_predict, ".png", names_file=True),
    Format("jpeg", ("digit.jpg",), mu.mutate_jpeg, open_image_predict, ".jpg", names_file=True),
    Format("image-folder", ("digit.png", "digit.jpg"), lambda rng, d: (mu.mutate_png if d[:4] == b"\x89PNG" else mu.mutate_jpeg)(rng, d), open_image_folder, names_file=True),
    Format("personal", ("sample.png",), mu.mutate_png, open_personal, ".png", names_file=True),
]}
