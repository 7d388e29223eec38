"""A full disk (or a folder that refuses files) without root: `refuse_writes` makes the writes
into the atomic writer's temporary files (core.io.atomic) fail as the operating system would,
after writing part of the data, so that a half-written .part file really exists until the
writer cleans it up."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Callable

REASONS = {
    errno.ENOSPC: "no space left on device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EACCES: "permission denied",
    errno.EROFS: "read-only file system",
}


def _name(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def refuse_writes(monkeypatch, err: int = errno.ENOSPC, only: Callable[[str], bool] | None = None) -> list[str]:
    """From now on, os.write into a temporary .part file (whose path `only` accepts, when given)
    writes half its data and then raises OSError(err). Returns the list of refused paths."""
    real = os.write
    refused: list[str] = []

    def write(fd, data):
        name = _name(fd)
        if name.endswith(".part") and (only is None or only(Path(name).name)):
            refused.append(name)
            real(fd, bytes(data)[: max(1, len(data) // 2)])
            raise OSError(err, os.strerror(err))
        return real(fd, data)

    monkeypatch.setattr(os, "write", write)
    return refused


def message(path, err: int = errno.ENOSPC) -> str:
    return f"Cannot write {path}: {REASONS[err]} — nothing was changed"


def parts_left(folder) -> list[Path]:
    return [p for p in Path(folder).rglob("*") if p.name.endswith((".part", ".old"))]
