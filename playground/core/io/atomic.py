"""Atomic file writes: a temporary file beside the target, fsync, then `os.replace`.

Readers therefore see either the old file or the complete new one, never half a file, and
an interrupted download, cache write or save leaves nothing behind and loses nothing.

Every file the app writes goes through `write_bytes` (or `write_files` for several files that
belong together, `write_text` for text, `atomic_write` for a download streamed in chunks). The
caller serialises into memory first (torch.save / torch.jit.save into a BytesIO, an ONNX
proto's SerializeToString(), safetensors' `save`, a zip into a BytesIO): a C++ library that
aborts the process on a write error (torch.jit.save on a full disk dies with SIGABRT) then never
writes to disk itself. The bytes are written here with plain `os.write`, so a full disk is an
OSError, which becomes a `WriteError`: the temporary file is deleted, the old file is left as it
was, and the message says so ("Cannot write FILE: no space left on device — nothing was changed").
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from playground.core.errors import KeyedError

__all__ = ["WriteError", "atomic_write", "write_bytes", "write_error", "write_files", "write_text"]


class WriteError(KeyedError):
    """A file could not be written (a full disk, no permission, a read-only drive); nothing was
    changed: the old file, if any, is as it was and no temporary file is left. The key names the
    reason (gui/i18n/error_text.py says it in the window's language): no_space, disk_quota,
    permission_denied, read_only, or write_failed with the system's own words in `reason`."""


# errno -> (key, the reason in the message)
_REASONS = {
    errno.ENOSPC: ("no_space", "no space left on device"),
    errno.EDQUOT: ("disk_quota", "disk quota exceeded"),
    errno.EACCES: ("permission_denied", "permission denied"),
    errno.EPERM: ("permission_denied", "permission denied"),
    errno.EROFS: ("read_only", "read-only file system"),
}


def write_error(path: str | os.PathLike, e: OSError) -> WriteError:
    """The WriteError for `path` that the operating system refused with `e`."""
    key, reason = _REASONS.get(e.errno, ("write_failed", (e.strerror or str(e)).rstrip(".")))
    values = {"path": str(path)} if key != "write_failed" else {"path": str(path), "reason": reason}
    return WriteError(f"Cannot write {path}: {reason} — nothing was changed", key, values)


def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


_UMASK = _umask()


def _part_name(path: Path) -> Path:
    # A name of our own rather than tempfile.mkstemp (owner-only 0600): the file gets the
    # replaced file's mode, or what the umask gives a new file, as others may need to read it.
    return path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


def _write_all(fd: int, data) -> None:
    """os.write until every byte is out (a write may take fewer bytes than it is given)."""
    view = memoryview(data).cast("B")
    while view:
        done = os.write(fd, view)
        view = view[done:]


def _write_part(path: Path, data) -> Path:
    """`data` in a new temporary file beside `path`, fsynced, with the mode `path` will have;
    returns its name. On an OSError the temporary file is removed and the error raised."""
    tmp = _part_name(path)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _mode_for(path))
    try:
        try:
            _write_all(fd, data)
            os.fsync(fd)  # some file systems only report a full disk here
        finally:
            os.close(fd)
        os.chmod(tmp, _mode_for(path))  # the mode os.open gave was masked by the umask
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_files(files: Iterable[tuple[str | os.PathLike, bytes]]) -> list[Path]:
    """Write several files that belong together (code and its weights; a checkpoint and its
    best weights): every temporary file is written first and only then are they renamed over
    the targets, so a full disk leaves every old file as it was. Raises WriteError."""
    files = [(Path(p), data) for p, data in files]
    parts: list[tuple[Path, Path]] = []
    current = files[0][0] if files else None
    try:
        for path, data in files:
            current = path
            parts.append((_write_part(path, data), path))
        _replace_all(parts)
    except OSError as e:
        raise write_error(current, e) from None
    finally:
        for tmp, _ in parts:
            tmp.unlink(missing_ok=True)
    return [path for path, _ in files]


def _replace_all(parts: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file over its target. A rename in one folder needs no space, but
    should one fail after others succeeded, those are put back (from hard links kept for the
    purpose where the file system has them)."""
    if len(parts) == 1:
        os.replace(*parts[0])
        return
    kept: list[tuple[Path, Path | None]] = []
    try:
        for tmp, path in parts:
            old = None
            if path.exists():
                old = path.with_name(f".{path.name}.{secrets.token_hex(4)}.old")
                try:
                    os.link(path, old)
                except OSError:
                    old = None
            kept.append((path, old))
            os.replace(tmp, path)
    except OSError:
        for path, old in kept[:-1]:
            with contextlib.suppress(OSError):
                if old is not None:
                    os.replace(old, path)
                else:
                    path.unlink()
        raise
    finally:
        for _, old in kept:
            if old is not None:
                old.unlink(missing_ok=True)


def write_bytes(path: str | os.PathLike, data: bytes) -> Path:
    """Write `data` to `path` atomically (see the module docstring). Raises WriteError."""
    return write_files([(path, data)])[0]


def write_text(path: str | os.PathLike, text: str) -> Path:
    """Write `text` (UTF-8) to `path` atomically. Raises WriteError."""
    return write_bytes(path, text.encode("utf-8"))


class _Stream:
    """The file `atomic_write` yields: `write` goes out with os.write, and a refusal is a WriteError."""

    def __init__(self, fd: int, path: Path):
        self._fd, self._path = fd, path

    def write(self, data) -> int:
        try:
            _write_all(self._fd, data)
        except OSError as e:
            raise write_error(self._path, e) from None
        return len(data)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """Yields a binary file (only `write`) that becomes `path` on a clean exit, for data that
    comes in chunks (a download); on an exception the temporary file is deleted. A write the
    disk refuses raises WriteError; any other exception inside passes through unchanged."""
    path = Path(path)
    tmp = _part_name(path)
    try:
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _mode_for(path))
        except OSError as e:
            raise write_error(path, e) from None
        try:
            yield _Stream(fd, path)  # type: ignore[misc]
            try:
                os.fsync(fd)
            except OSError as e:
                raise write_error(path, e) from None
        finally:
            os.close(fd)
        try:
            os.chmod(tmp, _mode_for(path))
            os.replace(tmp, path)
        except OSError as e:
            raise write_error(path, e) from None
    finally:
        tmp.unlink(missing_ok=True)
