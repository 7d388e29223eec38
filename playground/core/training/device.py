"""Which device trains: CUDA, then Apple MPS, then the CPU, unless the user says otherwise."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from playground.core.errors import ConfigError

__all__ = ["DeviceInfo", "available_devices", "resolve_device"]


@dataclass(frozen=True)
class DeviceInfo:
    name: str  # what RunConfig.train.device accepts: "cpu", "cuda:0", "mps"
    title: str  # what a user reads: "NVIDIA H100 (80 GB)", "CPU (2 threads)"


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps and mps.is_available())


def available_devices() -> list[DeviceInfo]:
    devices = []
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            props = torch.cuda.get_device_properties(i)
            devices.append(DeviceInfo(f"cuda:{i}", f"{props.name} ({props.total_memory / 2**30:.0f} GiB)"))
    if _mps_available():
        devices.append(DeviceInfo("mps", "Apple GPU (MPS)"))
    devices.append(DeviceInfo("cpu", f"CPU ({torch.get_num_threads()} threads)"))
    return devices


def resolve_device(name: str = "auto") -> torch.device:
    """'auto' picks CUDA, then MPS, then CPU. An explicit device that is not there is an
    error with the fix, not a silent fallback: the user asked for it."""
    name = (name or "auto").strip().lower()
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError:
        raise ConfigError(f"Unknown device '{name}' — use auto, cpu, cuda, cuda:N or mps.") from None
    if device.type == "cuda":
        if not torch.cuda.is_available():
            build = "this PyTorch build has no CUDA support" if torch.version.cuda is None else "no NVIDIA GPU is visible"
            raise ConfigError(
                f"CUDA was requested but {build} (torch {torch.__version__}) — install the CUDA build of "
                "PyTorch (see README) or use --device cpu."
            )
        if device.index is not None and device.index >= torch.cuda.device_count():
            raise ConfigError(
                f"There is no {device}: this machine has {torch.cuda.device_count()} CUDA device(s) — use cuda:0."
            )
    elif device.type == "mps" and not _mps_available():
        raise ConfigError("Apple MPS was requested but is not available here — use --device cpu.")
    elif device.type not in ("cpu", "cuda", "mps"):
        raise ConfigError(f"Unsupported device '{name}' — use auto, cpu, cuda or mps.")
    return device
