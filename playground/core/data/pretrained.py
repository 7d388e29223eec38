"""The ImageNet weights of the pretrained backbones: torchvision's official files, downloaded on
first use into the app's cache, checked and loaded as tensors only.

Each file is looked for, in order, in the weights folder (PLAYGROUND_WEIGHTS_DIR, else the user
cache folder's "weights", e.g. ~/.cache/neural-playground/weights) and in torch.hub's own
checkpoints folder (where torchvision keeps the same files, when it was used on this computer);
otherwise it is downloaded from download.pytorch.org (then from PLAYGROUND_WEIGHTS_MIRROR, a
folder URL holding the same files, when set) with progress, cancel and resume
(core/data/downloader.py). As torch.hub does, the hex part of the name (resnet18-f37072fd.pth)
must be the start of the file's SHA-256. The file is read with torch.load(weights_only=True),
so it can hold only tensors, and its keys and shapes are checked against the network the engine
builds (core/model/backbones.py) before anything uses them.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Sequence

import platformdirs
import torch

from playground.core.config.backbone import BACKBONES, BackboneInfo
from playground.core.data.dataset import DatasetError, LoadCancelled, Progress
from playground.core.data.downloader import DownloadError, download_resumable, partial_path

__all__ = [
    "OFFICIAL_URL",
    "WEIGHTS_DIR_ENV",
    "WEIGHTS_MIRROR_ENV",
    "WeightsError",
    "check_weights",
    "find_weights",
    "load_pretrained",
    "weights_dir",
    "weights_sha256_prefix",
    "weights_urls",
]

OFFICIAL_URL = "https://download.pytorch.org/models/"
WEIGHTS_DIR_ENV = "PLAYGROUND_WEIGHTS_DIR"
WEIGHTS_MIRROR_ENV = "PLAYGROUND_WEIGHTS_MIRROR"


class WeightsError(DatasetError):
    """Pretrained weights are missing (offline), damaged or not the network's; the message says
    which file and where to put it. Keys: weights_missing, weights_unreadable, weights_mismatch."""


def weights_dir() -> Path:
    return Path(os.environ.get(WEIGHTS_DIR_ENV) or Path(platformdirs.user_cache_dir("neural-playground")) / "weights")


def weights_sha256_prefix(file_name: str) -> str:
    """'f37072fd' for 'resnet18-f37072fd.pth': what torch.hub checks the file's SHA-256 against."""
    return Path(file_name).stem.rsplit("-", 1)[-1].lower()


def weights_urls(info: BackboneInfo) -> list[str]:
    urls = [OFFICIAL_URL + info.weights_file]
    mirror = os.environ.get(WEIGHTS_MIRROR_ENV, "").strip()
    if mirror:
        urls.append(mirror.rstrip("/") + "/" + info.weights_file)
    return urls


def find_weights(info: BackboneInfo) -> Path | None:
    """The weights file already on this computer, or None."""
    hub = Path(torch.hub.get_dir()) / "checkpoints" / info.weights_file
    for path in (weights_dir() / info.weights_file, hub):
        if path.is_file():
            return path
    return None


def _missing(info: BackboneInfo, dest: Path, urls: Sequence[str], reason: str) -> WeightsError:
    return WeightsError(
        f"The ImageNet weights of {info.title} ({info.weights_file}) are not on this computer and could not be "
        f"downloaded ({reason}). Download {urls[0]} on a computer that is online and copy the file by hand to "
        f"{dest} — it is checked and used from there.",
        "weights_missing",
        {"title": info.title, "file": info.weights_file, "url": urls[0], "path": str(dest), "reason": reason},
    )


def _reference_shapes(name: str) -> dict[str, tuple[int, ...]]:
    from playground.core.model.backbones import ResNet18, VGG16

    with torch.device("meta"):
        net = ResNet18() if name == "resnet18" else VGG16()
    return {k: tuple(v.shape) for k, v in net.state_dict().items()}


def check_weights(name: str, state: dict, source: str) -> dict[str, torch.Tensor]:
    """`state` if its keys and shapes are torchvision's `name` network's; else WeightsError
    naming the first difference."""
    info = BACKBONES[name]
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WeightsError(
            f"{source} does not hold a state dict of tensors, as {info.weights_file} does — delete it and try again.",
            "weights_mismatch", {"file": source, "title": info.title, "problem": "not a state dict"},
        )
    want = _reference_shapes(name)
    missing = [k for k in want if k not in state]
    extra = [k for k in state if k not in want]
    wrong = [k for k in want if k in state and tuple(state[k].shape) != want[k]]
    if missing or extra or wrong:
        if wrong:
            k = wrong[0]
            problem = f"{k} is {tuple(state[k].shape)}, {info.title} has {want[k]}"
        elif missing:
            problem = f"{len(missing)} tensor(s) missing, e.g. {missing[0]}"
        else:
            problem = f"{len(extra)} unexpected tensor(s), e.g. {extra[0]}"
        raise WeightsError(
            f"{source} does not fit {info.title}: {problem} — it is not torchvision's {info.weights_file}; "
            "delete it and let the app download the right file.",
            "weights_mismatch", {"file": source, "title": info.title, "problem": problem},
        )
    return {k: v.float() if v.is_floating_point() else v for k, v in state.items()}


def load_pretrained(
    name: str,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    urls: Sequence[str] | None = None,
    timeout: float = 30,
) -> dict[str, torch.Tensor]:
    """The ImageNet weights of backbone `name` ("resnet18", "vgg16") with torchvision's keys,
    downloaded first when they are not here yet (`urls` replaces the official places, for
    tests). Raises WeightsError (offline: which file is missing and where to put it), or
    LoadCancelled."""
    info = BACKBONES[name]
    path = find_weights(info)
    dest = weights_dir() / info.weights_file
    if path is None:
        urls = list(urls) if urls else weights_urls(info)
        try:
            path = download_resumable(
                urls, dest, sha256_prefix=weights_sha256_prefix(info.weights_file),
                progress=progress, cancel=cancel, timeout=timeout,
            )
        except LoadCancelled:
            raise
        except DownloadError as e:
            reasons = "; ".join(reason for _, reason in e.failures) or str(e)
            raise _missing(info, dest, urls, reasons) from None
        except DatasetError as e:
            raise _missing(info, dest, urls, str(e)) from None
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as e:  # a damaged or foreign file: say which and what to do
        raise WeightsError(
            f"{path} cannot be read as weights ({type(e).__name__}: {e}) — delete it and try again.",
            "weights_unreadable", {"file": str(path), "reason": f"{type(e).__name__}: {e}"},
        ) from None
    return check_weights(name, state, str(path))


def partial_download(name: str) -> Path:
    """Where an unfinished download of `name`'s weights waits to be resumed."""
    return partial_path(weights_dir() / BACKBONES[name].weights_file)
