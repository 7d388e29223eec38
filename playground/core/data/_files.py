"""Atomic file writes: a temporary file beside the target, fsync, then `os.replace`."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path
from typing import BinaryIO, Iterator


@contextlib.contextmanager
def atomic_write(path: Path) -> Iterator[BinaryIO]:
    """Yields a binary file; on a clean exit it becomes `path`, on an exception it is deleted.

    Readers therefore see either the old file or the complete new one, never half a file,
    and an interrupted download or cache write leaves nothing behind.
    """
    # open(..., "xb") rather than tempfile.mkstemp: the file gets the usual umask permissions,
    # not mkstemp's owner-only 0600, since it becomes a data file other users may read.
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with open(tmp, "xb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
