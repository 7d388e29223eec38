"""Downloading one file from a list of mirrors, with progress, cancel and checksum checks."""

from __future__ import annotations

import contextlib
import os
import hashlib
import http.client
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Iterator, Sequence

from playground.core.io.atomic import WriteError, atomic_write
from playground.core.data.dataset import DatasetError, LoadCancelled, Progress

__all__ = ["DownloadError", "download", "download_resumable", "partial_path"]

_CHUNK = 1 << 16
_USER_AGENT = "neural-playground (dataset download)"


class DownloadError(DatasetError):
    """Every mirror failed. `failures` holds (url, reason) for each one, in the order tried."""

    def __init__(self, message: str, failures: list[tuple[str, str]]):
        super().__init__(message)
        self.failures = failures

    def __reduce__(self):  # its own constructor, when pickled
        return type(self), (str(self), self.failures)


class _MirrorFailed(Exception):
    """One mirror did not deliver a good copy; the reason is the message."""


def _stream(url: str, timeout: float) -> Iterator[tuple[bytes, int | None]]:
    """Yields (chunk, total size or None) from `url`; network trouble raises _MirrorFailed.

    A generator, so that errors writing the local file (raised in the caller's loop body)
    are never mistaken for a bad mirror.
    """
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
    done, total = 0, None
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            total = int(length) if length and length.isdigit() else None
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                yield chunk, total
    except urllib.error.HTTPError as e:
        raise _MirrorFailed(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise _MirrorFailed(f"cannot connect ({e.reason})") from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        # OSError covers timeouts and dropped connections; ValueError a malformed URL.
        raise _MirrorFailed(f"{type(e).__name__}: {e}") from None
    if total is not None and done != total:
        raise _MirrorFailed(f"the connection closed after {done} of {total} bytes")


def download(
    urls: Sequence[str],
    dest: Path,
    *,
    md5: str | None = None,
    sha256: str | None = None,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30,
) -> Path:
    """Downloads the first good copy among `urls` (mirrors of one file) to `dest`.

    A mirror is skipped on any failure: network error, HTTP error, short read or checksum
    mismatch. Data streams into a temporary file beside `dest` that replaces it only once the
    checksum matches, so a failed or cancelled download leaves nothing behind. Raises
    LoadCancelled when `cancel` is set, DownloadError (with every mirror's reason) when all fail.
    """
    dest = Path(dest)
    if not urls:
        raise ValueError("download() needs at least one URL")
    expected = {k: v.lower() for k, v in (("md5", md5), ("sha256", sha256)) if v}
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatasetError(
            f"Cannot create the folder {dest.parent} ({e.strerror or e}) — choose a writable data folder "
            "with --data-dir or the PLAYGROUND_DATA_DIR environment variable."
        ) from None
    failures: list[tuple[str, str]] = []
    for i, url in enumerate(urls, start=1):
        if cancel is not None and cancel.is_set():
            raise LoadCancelled(f"The download of {dest.name} was cancelled; nothing was saved.")
        host = urllib.parse.urlsplit(url).netloc or url
        label = f"Downloading {dest.name} from {host}"
        if len(urls) > 1:
            label += f" (mirror {i} of {len(urls)})"
        hashers = {name: hashlib.new(name) for name in expected}
        try:
            with atomic_write(dest) as out, contextlib.closing(_stream(url, timeout)) as chunks:
                done = 0
                if progress:
                    progress(label, 0, None)
                for chunk, total in chunks:
                    if cancel is not None and cancel.is_set():
                        raise LoadCancelled(f"The download of {url} was cancelled; nothing was saved.")
                    out.write(chunk)
                    for h in hashers.values():
                        h.update(chunk)
                    done += len(chunk)
                    if progress:
                        progress(label, done, total)
                for name, want in expected.items():
                    got = hashers[name].hexdigest()
                    if got != want:
                        raise _MirrorFailed(f"{name} checksum mismatch (expected {want}, got {got})")
        except _MirrorFailed as e:
            failures.append((url, str(e)))
            continue
        except WriteError as e:
            # The disk refused the file (full, no permission): no mirror can fix that.
            raise DatasetError(
                f"{e}; free some disk space or choose another data folder with --data-dir or PLAYGROUND_DATA_DIR."
            ) from None
        except OSError as e:
            # Writing the local file failed (disk full, permissions): no mirror can fix that.
            raise DatasetError(
                f"Cannot write {dest} ({e.strerror or e}) — free some disk space or choose "
                "another data folder with --data-dir or PLAYGROUND_DATA_DIR."
            ) from None
        return dest
    lines = "\n".join(f"  - {url}: {reason}" for url, reason in failures)
    raise DownloadError(f"Could not download {dest.name}; every mirror failed:\n{lines}", failures)


# --------------------------------------------------------------------------- resumable


def partial_path(dest: Path) -> Path:
    """Where `download_resumable` keeps the bytes received so far: DEST.part beside it."""
    return Path(dest).with_name(Path(dest).name + ".part")


def _ranged(url: str, start: int, timeout: float) -> Iterator[tuple[bytes, int, int | None]]:
    """Yields (chunk, offset of the first byte sent, total size or None) from `url`, asking for
    the bytes from `start` on (HTTP Range). A server that ignores the range answers 200 with the
    whole file: the offset is then 0. Network trouble raises _MirrorFailed, as _stream does."""
    headers = {"User-Agent": _USER_AGENT}
    if start:
        headers["Range"] = f"bytes={start}-"
    request = urllib.request.Request(url, headers=headers)
    done, total, offset = 0, None, 0
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            size = int(length) if length and length.isdigit() else None
            content_range = response.headers.get("Content-Range") or ""
            if response.status == 206 and content_range.startswith("bytes "):
                first, _, whole = content_range[6:].partition("/")
                offset = int(first.split("-")[0])
                total = int(whole) if whole.isdigit() else (offset + size if size is not None else None)
            else:
                total = size
            expected = None if size is None else size
            while chunk := response.read(_CHUNK):
                done += len(chunk)
                yield chunk, offset, total
    except urllib.error.HTTPError as e:
        if e.code == 416 and start:  # the range starts at or past the end: what is kept is the whole file
            return
        raise _MirrorFailed(f"HTTP {e.code} {e.reason}") from None
    except urllib.error.URLError as e:
        raise _MirrorFailed(f"cannot connect ({e.reason})") from None
    except (OSError, http.client.HTTPException, ValueError) as e:
        raise _MirrorFailed(f"{type(e).__name__}: {e}") from None
    if expected is not None and done != expected:
        raise _MirrorFailed(f"the connection closed after {offset + done} of {total} bytes")


def download_resumable(
    urls: Sequence[str],
    dest: Path,
    *,
    sha256_prefix: str,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    timeout: float = 30,
    attempts: int = 3,
) -> Path:
    """Downloads a large file (pretrained weights) to `dest`, picking up where an earlier try
    stopped. The bytes received so far live in DEST.part (`partial_path`); a dropped connection
    asks the same mirror again for the rest (HTTP Range; up to `attempts` tries while each one
    brings more bytes), then the next mirror, and a cancelled or failed download keeps the part
    for the next call. The whole file's SHA-256 must start with `sha256_prefix` (as torch.hub
    checks torchvision's files, whose names carry it); on a mismatch the part is deleted and the
    next mirror tried. Only a verified file is renamed to `dest`. Raises LoadCancelled,
    DownloadError (every mirror's reason) or DatasetError (the disk refused).
    """
    dest = Path(dest)
    if not urls:
        raise ValueError("download_resumable() needs at least one URL")
    part = partial_path(dest)
    want = sha256_prefix.lower()
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DatasetError(f"Cannot create the folder {dest.parent} ({e.strerror or e}).") from None
    failures: list[tuple[str, str]] = []
    for i, url in enumerate(urls, start=1):
        host = urllib.parse.urlsplit(url).netloc or url
        label = f"Downloading {dest.name} from {host}" + (f" (mirror {i} of {len(urls)})" if len(urls) > 1 else "")
        reason = ""
        for _ in range(max(1, attempts)):
            if cancel is not None and cancel.is_set():
                raise LoadCancelled(f"The download of {dest.name} was cancelled; what arrived is kept in {part}.")
            have = part.stat().st_size if part.exists() else 0
            try:
                finished = _fetch_part(url, part, have, label, progress, cancel, timeout)
            except _MirrorFailed as e:
                reason = str(e)
                now = part.stat().st_size if part.exists() else 0
                if now > have:
                    continue  # some bytes came: ask again for the rest
                break
            except OSError as e:
                raise DatasetError(f"Cannot write {part} ({e.strerror or e}) — free some disk space.") from None
            if finished:
                got = _sha256_of(part)
                if got.startswith(want):
                    os.replace(part, dest)
                    return dest
                part.unlink(missing_ok=True)
                reason = f"sha256 checksum mismatch (expected it to start with {want}, got {got})"
            break
        failures.append((url, reason))
    lines = "\n".join(f"  - {url}: {reason}" for url, reason in failures)
    raise DownloadError(f"Could not download {dest.name}; every mirror failed:\n{lines}", failures)


def _fetch_part(url, part: Path, have: int, label, progress, cancel, timeout) -> bool:
    """Appends the rest of `url` after the `have` bytes in `part`; True once the server sent
    all of it. A server that starts again from byte 0 rewrites the part."""
    with contextlib.closing(_ranged(url, have, timeout)) as chunks:
        out = None
        try:
            done = have
            if progress:
                progress(label, done, None)
            for chunk, offset, total in chunks:
                if out is None:
                    out = open(part, "r+b" if offset and part.exists() else "wb")
                    out.seek(offset)
                    out.truncate()
                    done = offset
                if cancel is not None and cancel.is_set():
                    out.flush()
                    raise LoadCancelled(f"The download of {url} was cancelled; what arrived is kept in {part}.")
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(label, done, total)
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
        finally:
            if out is not None:
                out.close()
    return True


def _sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()
