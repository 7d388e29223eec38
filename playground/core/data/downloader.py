"""Downloading one file from a list of mirrors, with progress, cancel and checksum checks."""

from __future__ import annotations

import contextlib
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

__all__ = ["DownloadError", "download"]

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
