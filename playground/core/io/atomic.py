"""Atomic file writes: a temporary file beside the target, fsync, then `os.replace`.

Readers therefore see either the old file or the complete new one, never half a file, and
an interrupted download, cache write or save leaves nothing behind and loses nothing.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Iterator

__all__ = ["atomic_path", "atomic_write"]


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


_UMASK = _umask()


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yields a temporary path beside `path` for a writer that wants a file name (torch.save,
    safetensors); on a clean exit the file is fsynced and renamed over `path`, on an
    exception it is deleted."""
    path = Path(path)
    # A name of our own rather than tempfile.mkstemp (owner-only 0600); and since some writers
    # create the file 0600 themselves (safetensors does), its mode is set before the rename:
    # the replaced file's, or what the umask gives a new file, as others may need to read it.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        try:
            mode = path.stat().st_mode & 0o7777
        except FileNotFoundError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yields a binary file that becomes `path` on a clean exit (see atomic_path)."""
    with atomic_path(path) as tmp, open(tmp, "xb") as f:
        yield f
