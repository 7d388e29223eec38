"""Model bundles: a `TrainedModel` in one file (training checkpoints: core.training.checkpoint).

Two formats, both read and written:

  .nnpmodel     the native bundle: a zip of manifest.json (format name and version,
                preprocessing, class names, metrics, app and torch versions), config.json
                (model spec and training settings), summary.json (the run's results with its
                per-epoch history) and model.safetensors. Opening it restores the builder,
                the settings and the trained model.
  .safetensors  the older single-file bundle: the weights as tensors, and in the file's
                metadata the run config (with the model spec), the task, class names and
                metrics.

Loading never unpickles anything, so opening a bundle someone sent you cannot run their
code. Every write is atomic (`atomic.write_bytes`).

Integrity on open (bundles here, projects in core.io.project, which share these readers): the
manifest records a SHA-256 of every weights file ("sha256": {member: hex digest}; the older
single-file bundle keeps one of its tensors in its metadata, "weights_sha256"), and a file
whose weights no longer match it is refused; a zip member's declared size is checked against
a limit, and a weights file's against what its model spec needs, before anything is unpacked,
and reading never goes beyond the declared size.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from playground import __version__
from playground.core.config.jsonload import load_json
from playground.core.config.spec import RunConfig
from playground.core.errors import ConfigError, KeyedError
from playground.core.io.atomic import write_bytes
from playground.core.model.trained import TrainedModel, now_iso

if TYPE_CHECKING:
    import torch

    from playground.core.model.build import Network

__all__ = [
    "BUNDLE_SUFFIX",
    "ExportError",
    "FileError",
    "MAX_WEIGHTS_BYTES",
    "built_network",
    "check_writable",
    "check_zip_members",
    "load_bundle",
    "load_model_bundle",
    "read_member",
    "read_zip_weights",
    "recorded_checksums",
    "require_weights",
    "save_bundle",
    "save_model_bundle",
]

SAFETENSORS_FORMAT = "neural-playground-bundle/1"  # the older single-file bundle
BUNDLE_SUFFIX = ".nnpmodel"
BUNDLE_FORMAT = "neural-playground-model"
BUNDLE_VERSION = 1  # raise when the layout changes; readers refuse versions above theirs
# Weights inside a zip (bundles, projects) beyond this are refused before they are unpacked:
# a damaged or hostile file could otherwise declare any size and fill the memory.
MAX_WEIGHTS_BYTES = 4 * 2**30
_MAX_JSON_BYTES = 64 * 2**20  # a JSON member beyond this is not one of ours


class FileError(KeyedError):
    """A file cannot be read or written; the message says which and why (and, where given, a
    key and values to say it in the window's language: gui/i18n/error_text.py)."""


def cannot_read(path: str | os.PathLike, e: OSError, error: type[FileError] = FileError) -> FileError:
    """The error for a file the operating system would not let us read (its reason kept as is)."""
    reason = e.strerror or str(e)
    return error(f"Cannot read {path}: {reason}.", "cannot_read", {"path": str(path), "reason": reason})


def cannot_write(path: str | os.PathLike, e: OSError, error: type[FileError] = FileError) -> FileError:
    """The error for a file that could not be written: a full disk, a folder that refuses it."""
    reason = e.strerror or str(e)
    return error(
        f"Cannot write {path}: {reason} — check the disk space and the folder.", "cannot_write", {"path": str(path), "reason": reason}
    )


class ExportError(FileError):
    """A model cannot be exported or imported; the message says why and what to do (and,
    where given, a key and values to say it in the window's language: gui/i18n/error_text.py)."""


def check_zip_members(zf, archive: str | os.PathLike) -> None:
    """Refuse the open zip `zf` (of the file `archive`) when a member's name is an absolute
    path, climbs out with `..`, or appears twice: the app never writes such names, and an
    unpacker (or the reader of the second copy) would be fooled by them; or when a member is
    encrypted or packed with a method other than the app's (stored, deflate), which zipfile
    would meet only while reading it. Raises FileError; reads nothing."""
    seen: set[str] = set()
    for info in zf.infolist():
        name = info.filename
        if info.flag_bits & 0x1 or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            how = "encrypted" if info.flag_bits & 0x1 else f"method {info.compress_type}"
            raise FileError(
                f"{archive} was refused: its part {name} is encrypted or packed in a way this app never writes "
                f"({how}) — files saved by Neural Network Playground never are; nothing was opened.",
                "zip_member_unsupported",
                {"path": str(archive), "part": name, "how": how},
            )
        parts = name.replace("\\", "/").split("/")
        if name.startswith(("/", "\\")) or (len(name) > 1 and name[0].isalpha() and name[1] == ":") or ".." in parts:
            raise FileError(
                f"{archive} was refused: its part {name} points outside the archive (an absolute path or ..) — "
                "files saved by Neural Network Playground never do; nothing was opened.",
                "zip_member_escapes",
                {"path": str(archive), "part": name},
            )
        if name in seen:
            raise FileError(
                f"{archive} was refused: it holds two parts named {name}, so which one counts is unclear — "
                "files saved by Neural Network Playground never do; nothing was opened.",
                "zip_member_twice",
                {"path": str(archive), "part": name},
            )
        seen.add(name)


_HEADER_ROOM = 2**20  # a safetensors header: each tensor's name, type, shape and offsets
_CHUNK = 2**20
_SHA256 = re.compile(r"[0-9a-f]{64}")


def _size_text(n: int) -> str:
    for unit, scale in (("GB", 2**30), ("MB", 2**20), ("kB", 2**10)):
        if n >= scale:
            return f"{n / scale:.1f} {unit}"
    return f"{n} bytes"


def damaged_zip(archive: str | os.PathLike, reason: str, error: type[FileError] = FileError) -> FileError:
    """The error for the zip `archive` (a bundle, a project, a TorchScript file) whose `reason`
    makes it unreadable."""
    name = Path(archive).name
    return error(f"{name} is damaged and cannot be opened ({reason}).", "zip_damaged", {"name": name, "reason": reason})


def read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, archive: str | os.PathLike) -> bytes:
    """The member `info` of the open zip `zf` (of the file `archive`), read in chunks and never
    beyond the size the archive declares for it: a member whose data unpacks to more (a
    deflate bomb behind a small declared size) is refused, not held in memory. The caller
    checks `info.file_size` against its limit first. zipfile raises BadZipFile, zlib.error or
    EOFError for damaged data, as zf.read would."""
    parts, total = [], 0
    try:
        f = zf.open(info)
    except NotImplementedError as e:  # a zip feature zipfile does not read (patched data, ...)
        raise damaged_zip(archive, f"{info.filename}: {e}") from None
    with f:
        while chunk := f.read(min(_CHUNK, info.file_size - total + 1)):
            total += len(chunk)
            if total > info.file_size:
                raise damaged_zip(archive, f"{info.filename} unpacks to more than the {info.file_size:,} bytes it declares")
            parts.append(chunk)
    if total != info.file_size:
        raise damaged_zip(archive, f"{info.filename} unpacks to {total:,} bytes, not the {info.file_size:,} it declares")
    return b"".join(parts)


def weights_budget(config: RunConfig | None) -> int | None:
    """The most bytes a safetensors file of `config`'s model may take: 16 bytes per parameter
    (float32 weights, as much again for buffers such as BatchNorm's running statistics, and a
    margin of two) plus room for the header, from the spec's shape inference (nothing is built
    or allocated). None when the spec does not say (the check that the weights fit it, after
    loading, names the problem)."""
    if config is None or not config.model.input_shape:
        return None
    try:
        return 16 * config.model.parameter_count() + _HEADER_ROOM
    except (ConfigError, ValueError, TypeError):
        return None


def recorded_checksums(manifest: dict, archive: str | os.PathLike) -> dict[str, str] | None:
    """The SHA-256 of each weights file that `manifest` records ("sha256": {member: hex}), or
    None for a file written before the app recorded them: such files still open, as refusing
    them would lock learners out of their own earlier work, and the zip's CRC-32 still catches
    accidental damage in them. A record that is there but unreadable is refused."""
    value = manifest.get("sha256")
    if value is None:
        return None
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) and _SHA256.fullmatch(v) for k, v in value.items()):
        name = Path(archive).name
        raise FileError(
            f"{name} is damaged: the checksums it records for its weights are unreadable; nothing was opened.",
            "bad_checksums",
            {"name": name},
        )
    return value


def _checksum_refused(archive: str | os.PathLike, part: str) -> FileError:
    name = Path(archive).name
    return FileError(
        f"{name} was refused: its weights {part} do not match the SHA-256 checksum recorded when it was saved, "
        "so the file was damaged or edited since; nothing was opened — open an earlier copy, or save it again "
        "from the app that made it.",
        "weights_checksum_mismatch",
        {"name": name, "part": part},
    )


def check_checksum(data: bytes, part: str, checksums: dict[str, str] | None, archive: str | os.PathLike) -> None:
    """Refuse the weights `data` of the member `part` when `checksums` (recorded_checksums)
    lacks it or records another digest; nothing to check for a file without checksums."""
    if checksums is None:
        return
    if checksums.get(part) != hashlib.sha256(data).hexdigest():
        raise _checksum_refused(archive, part)


def read_zip_weights(
    zf,
    name: str,
    archive: str | os.PathLike,
    config: RunConfig | None = None,
    checksums: dict[str, str] | None = None,
) -> "dict[str, torch.Tensor]":
    """The safetensors member `name` of the open zip `zf` (of the file `archive`). Before
    anything is unpacked, refused with a FileError when it declares more than
    MAX_WEIGHTS_BYTES, or more than the model of `config` needs (weights_budget); after, when
    it does not match its recorded checksum (check_checksum). Raises KeyError when there is no
    such member and safetensors' error when it is damaged, as zf.read would."""
    from safetensors.torch import load as load_tensors

    info = zf.getinfo(name)
    if info.file_size > MAX_WEIGHTS_BYTES:
        size, most = f"{info.file_size / 2**30:.1f}", f"{MAX_WEIGHTS_BYTES / 2**30:.0f}"
        raise FileError(
            f"{Path(archive).name} is damaged or not one of ours: its weights {name} would take "
            f"{size} GB, more than the {most} GB this app opens.",
            "weights_too_large",
            {"name": Path(archive).name, "part": name, "size": size, "most": most},
        )
    budget = weights_budget(config)
    if budget is not None and info.file_size > budget:
        size, need = _size_text(info.file_size), _size_text(budget)
        raise FileError(
            f"{Path(archive).name} is damaged or not one of ours: its weights {name} say they take {size}, but its "
            f"model needs at most {need}; nothing was unpacked.",
            "weights_larger_than_model",
            {"name": Path(archive).name, "part": name, "size": size, "need": need},
        )
    data = read_member(zf, info, archive)
    check_checksum(data, name, checksums, archive)
    return load_tensors(data)


def tensors_sha256(state: "dict[str, torch.Tensor]") -> str:
    """A SHA-256 of tensors by name, type, shape and bytes (the older single-file bundle keeps
    it in its metadata, as it has no manifest): swapping two same-shaped tensors changes it."""
    import torch

    digest = hashlib.sha256()
    for key in sorted(state):
        t = state[key].detach().cpu().contiguous()
        digest.update(json.dumps([key, str(t.dtype), list(t.shape)]).encode("utf-8"))
        digest.update(t.reshape(-1).view(torch.uint8).numpy())
    return digest.hexdigest()


def check_writable(path: str | os.PathLike) -> Path:
    """Fail early (before a long training run) if `path` cannot be written."""
    path = Path(path)
    parent = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise FileError(
            f"{path} is a folder — give a file name such as {path / 'model.safetensors'}.",
            "path_is_folder",
            {"path": str(path), "example": str(path / "model.safetensors")},
        )
    if not parent.is_dir():
        raise FileError(
            f"The folder {parent} does not exist — create it first or choose another path.", "no_folder", {"folder": str(parent)}
        )
    if not os.access(parent, os.W_OK):
        raise FileError(f"The folder {parent} is not writable — choose another path.", "folder_not_writable", {"folder": str(parent)})
    return path


def require_weights(model: TrainedModel) -> TrainedModel:
    """`model`, or an ExportError when it kept no trained weights (a run saved without them)."""
    if model.state_dict is None:
        raise ExportError(f"The run '{model.label}' kept no trained weights — train it again, then export.")
    return model


def built_network(model: TrainedModel) -> "Network":
    """`model.build_model()`, with weights that do not fit the spec reported as a FileError."""
    require_weights(model)
    try:
        return model.build_model()
    except RuntimeError as e:
        raise FileError(
            f"The bundle's weights do not match its model spec ({e}).", "weights_do_not_match", {"reason": str(e)}
        ) from None


def _cpu_tensors(model: TrainedModel) -> "dict[str, torch.Tensor]":
    return {k: v.detach().cpu().contiguous() for k, v in require_weights(model).state_dict.items()}


# --------------------------------------------------------------------------- .safetensors (older)


def save_bundle(path: str | os.PathLike, model: TrainedModel) -> Path:
    """The older single-file bundle (`playground train --save x.safetensors`)."""
    from safetensors.torch import save as save_tensors

    metadata = {
        "format": SAFETENSORS_FORMAT,
        "config": model.config.to_json(indent=None),
        "task": model.task,
        "class_names": json.dumps(model.class_names),
        "metrics": json.dumps(model.metrics),
    }
    tensors = _cpu_tensors(model)
    metadata["weights_sha256"] = tensors_sha256(tensors)  # checked on open (load_bundle)
    return write_bytes(check_writable(path), save_tensors(tensors, metadata=metadata))


def load_bundle(path: str | os.PathLike) -> TrainedModel:
    """An older single-file bundle, as saved by `save_bundle`."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file, safe_open

    path = Path(path)
    if not path.is_file():
        raise FileError(f"No model file at {path} — check the path.", "no_model_file", {"path": str(path)})
    try:
        with safe_open(str(path), framework="pt") as f:
            metadata = f.metadata() or {}
        state = load_file(str(path))
    except (SafetensorError, OSError, ValueError) as e:
        raise FileError(
            f"{path} is not a readable model bundle ({e}) — was it saved by Neural Network Playground?",
            "not_a_bundle_reason",
            {"path": str(path), "reason": str(e)},
        ) from None
    if metadata.get("format") != SAFETENSORS_FORMAT:
        raise FileError(
            f"{path} is a safetensors file but not a Neural Network Playground bundle (no model spec inside).",
            "safetensors_without_spec",
            {"path": str(path)},
        )
    try:
        config = RunConfig.from_json(metadata["config"], f"The model description in {path.name}")
        class_names = load_json(metadata.get("class_names", "null"), f"The class names in {path.name}")
        metrics = load_json(metadata.get("metrics", "{}"), f"The metrics in {path.name}")
    except (ConfigError, KeyError) as e:
        raise FileError(f"{path} has a damaged model description: {e}", "damaged_description", {"path": str(path), "reason": str(e)}) from None
    recorded = metadata.get("weights_sha256")
    # None: written before the app recorded it (still opens; see recorded_checksums)
    if recorded is not None and recorded != tensors_sha256(state):
        raise _checksum_refused(path, path.name)
    task = metadata.get("task", "classification")
    check_class_names(config, task, class_names, path.name, FileError)
    summary = {**metrics, "task": task, "class_names": class_names} if isinstance(metrics, dict) else {}
    return TrainedModel(config, state, task, class_names, summary, kind="file", path=str(path))


# --------------------------------------------------------------------------- .nnpmodel


def save_model_bundle(path: str | os.PathLike, model: TrainedModel) -> Path:
    """Write the native bundle (a zip; see the module docstring) atomically."""
    import torch
    from safetensors.torch import save as save_tensors

    tensors = _cpu_tensors(model)
    path = check_writable(path)
    weights = save_tensors(tensors)
    manifest = {
        "format": BUNDLE_FORMAT,
        "version": BUNDLE_VERSION,
        "app_version": __version__,
        "torch_version": torch.__version__,
        "created": now_iso(),
        "label": model.label,
        "task": model.task,
        "class_names": model.class_names,
        "preprocessing": model.preprocessing(),
        "metrics": model.metrics,
        "files": {"config": "config.json", "summary": "summary.json", "weights": "model.safetensors"},
        "sha256": {"model.safetensors": hashlib.sha256(weights).hexdigest()},  # checked on open
    }
    members = [
        ("manifest.json", json.dumps(manifest, indent=2, ensure_ascii=False).encode("utf-8")),
        ("config.json", model.config.to_json().encode("utf-8")),
        ("summary.json", json.dumps(model.summary, indent=2, ensure_ascii=False).encode("utf-8")),
        ("model.safetensors", weights),
    ]
    buffer = io.BytesIO()  # the zip is made in memory, then written in one go (core.io.atomic)
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return write_bytes(path, buffer.getbuffer())


def check_class_names_type(class_names: Any, name: str, error: type[FileError]) -> None:
    """Refuse class names (of the model file `name`) that are not a list of texts."""
    if class_names is not None and not (isinstance(class_names, list) and all(isinstance(n, str) for n in class_names)):
        raise error(f"{name} is damaged: its class names are not a list of texts.", "bad_class_names", {"name": name})


def check_class_count(names: int, outputs: int, name: str, error: type[FileError]) -> None:
    """Refuse `names` class names for `outputs` outputs: with 9 names for 10 outputs every name
    after the gap would label the wrong probability."""
    if names != outputs:
        raise error(
            f"{name} is damaged: it names {names} classes but the model has {outputs} outputs, "
            "so its predictions would be labelled wrongly — export it again.",
            "class_names_mismatch",
            {"name": name, "names": names, "outputs": outputs},
        )


def check_class_names(config: RunConfig, task: str, class_names: Any, name: str, error: type[FileError]) -> None:
    """Refuse a model whose class names do not match its spec's outputs one for one."""
    if class_names is None:
        return
    check_class_names_type(class_names, name, error)
    if task != "classification" or not config.model.input_shape:
        return
    try:
        outputs = config.model.output_shape
    except ConfigError:
        return  # the weights check that follows names what is wrong with the model
    if len(outputs) == 1:
        check_class_count(len(class_names), outputs[0], name, error)


def _read_json(zf: zipfile.ZipFile, name: str, path: Path) -> Any:
    info = zf.getinfo(name)
    if info.file_size > _MAX_JSON_BYTES:
        raise ExportError(
            f"{path} is not a Neural Network Playground model ({name} is too large).", "member_too_large", {"path": str(path), "part": name}
        )
    return load_json(read_member(zf, info, path), f"{name} in {path.name}", max_bytes=_MAX_JSON_BYTES, error=ExportError)


def _load_zip_bundle(path: Path) -> TrainedModel:
    from safetensors import SafetensorError

    try:
        with zipfile.ZipFile(path) as zf:
            check_zip_members(zf, path)
            names = set(zf.namelist())
            if "manifest.json" not in names:
                if "project.json" in names:
                    raise ExportError(
                        f"{path.name} is a project, not a model bundle — open it with File ▸ Open (or rename it to .nnp).",
                        "project_not_bundle",
                        {"name": path.name},
                    )
                if any(n.endswith("data.pkl") for n in names):
                    raise ExportError(
                        f"{path.name} is a PyTorch (torch.save) archive, not a model bundle; it was not opened, "
                        "because unpickling it could run code — export a bundle (.nnpmodel) from the app instead.",
                        "pickle_not_bundle",
                        {"name": path.name},
                    )
                raise ExportError(
                    f"{path.name} is not a Neural Network Playground model bundle (no manifest.json inside).",
                    "no_manifest",
                    {"name": path.name},
                )
            manifest = _read_json(zf, "manifest.json", path)
            if not isinstance(manifest, dict) or manifest.get("format") != BUNDLE_FORMAT:
                raise ExportError(
                    f"{path.name} is not a Neural Network Playground model bundle (unknown manifest).",
                    "unknown_manifest",
                    {"name": path.name},
                )
            version = manifest.get("version")
            if isinstance(version, bool) or not isinstance(version, int) or version < 1:
                raise ExportError(
                    f"{path.name} is damaged: its format version {version!r} is not a number.",
                    "bad_version",
                    {"name": path.name, "version": repr(version)},
                )
            if version > BUNDLE_VERSION:
                newer = {"name": path.name, "version": version, "app": str(manifest.get("app_version", "?"))}
                raise ExportError(
                    f"{path.name} was written by a newer Neural Network Playground (bundle format {version}, "
                    f"app {newer['app']}); this version {__version__} reads format "
                    f"{BUNDLE_VERSION} — update the app to open it.",
                    "newer_bundle",
                    {**newer, "ours": __version__, "readable": BUNDLE_VERSION},
                )
            checksums = recorded_checksums(manifest, path)
            config = RunConfig.from_dict(_read_json(zf, "config.json", path))
            summary = _read_json(zf, "summary.json", path) if "summary.json" in names else {}
            state = read_zip_weights(zf, "model.safetensors", path, config, checksums)
    except ExportError:
        raise
    except FileError as e:
        raise ExportError(str(e), e.key, e.values) from None
    except (zipfile.BadZipFile, NotImplementedError):  # NotImplementedError: a zip feature zipfile cannot read
        raise ExportError(
            f"{path.name} is not a model bundle or is damaged (not a complete zip archive) — export it again.",
            "bundle_not_zip",
            {"name": path.name},
        ) from None
    except KeyError as e:
        raise ExportError(
            f"{path.name} is damaged: a part of it is missing ({e.args[0]}).", "part_missing", {"path": path.name, "part": str(e.args[0])}
        ) from None
    except (ConfigError, json.JSONDecodeError, UnicodeDecodeError, SafetensorError, ValueError, TypeError,
            EOFError, zlib.error) as e:
        raise ExportError(
            f"{path.name} is damaged and cannot be opened ({e}) — export it again.", "bundle_damaged", {"name": path.name, "reason": str(e)}
        ) from None
    except OSError as e:
        raise cannot_read(path, e, ExportError) from None
    if not isinstance(summary, dict):
        summary = {}
    check_class_names(config, str(manifest.get("task", "classification")), manifest.get("class_names"), path.name, ExportError)
    metrics = manifest.get("metrics") if isinstance(manifest.get("metrics"), dict) else {}
    task = str(manifest.get("task", "classification"))
    class_names = manifest.get("class_names")
    # summary.json holds the metrics with the history; the manifest's are for a bundle without it.
    summary = {**metrics, **summary} if summary else {**metrics, "task": task, "class_names": class_names}
    return TrainedModel(
        config,
        state,
        task,
        class_names,
        summary,
        label=str(manifest.get("label", "")),
        kind="file",
        path=str(path),
        created=str(manifest.get("created", "")),
        app_version=str(manifest.get("app_version", "")),
        torch_version=str(manifest.get("torch_version", "")),
    )


def load_model_bundle(path: str | os.PathLike) -> TrainedModel:
    """Open a bundle: the zip `.nnpmodel`, or the older single-file `.safetensors`. Weights
    that do not fit the model spec are reported now, not at first use."""
    path = Path(path)
    if not path.is_file():
        raise ExportError(f"No model file at {path} — check the path.")
    if path.suffix.lower() == ".safetensors":
        model = load_bundle(path)
    elif path.suffix.lower() == BUNDLE_SUFFIX:
        model = _load_zip_bundle(path)
    else:
        raise ExportError(
            f"{path.name}: a model bundle ends in {BUNDLE_SUFFIX} (or .safetensors for older ones) — "
            "ONNX and TorchScript files open for prediction only."
        )
    built_network(model)
    return model
