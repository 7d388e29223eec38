"""Reading and writing IDX files, the format MNIST and its look-alikes ship in.

Layout (big-endian): two zero bytes, a type code, the number of dimensions, one uint32 per
dimension, then the values row-major. Files are often gzip-compressed; reading recognises
gzip by its magic bytes, so a decompressed file that kept its ".gz" name still reads.

Every data set this app reads stores unsigned bytes (type code 0x08: pixels 0-255, class
labels), so that is the one type read and written: a file with another type code (int8,
floats ...) would be read as numbers it does not hold, and is refused. Before anything is
allocated the header's sizes are checked against MAX_IDX_BYTES, and gzip is unpacked in
chunks that stop as soon as the output goes beyond what the header declares, so a small
file that unpacks to gigabytes (a gzip bomb) is refused, not unpacked.
"""

from __future__ import annotations

import gzip
import math
import os
import struct
import zlib
from pathlib import Path

import numpy as np

from playground.core.io.atomic import write_bytes
from playground.core.data.dataset import DatasetError

__all__ = ["MAX_IDX_BYTES", "read_idx", "write_idx"]

_UBYTE = 0x08  # the IDX type code of unsigned bytes, the only one read and written
# The types other IDX files may declare, to name them in the refusal.
_OTHER_TYPES = {0x09: "signed bytes", 0x0B: "16-bit integers", 0x0C: "32-bit integers", 0x0D: "32-bit floats", 0x0E: "64-bit floats"}
# The largest IDX data set this app reads, EMNIST ByClass, holds 0.6 GB of pixels: a file that
# declares more than this (three times that) is refused before anything is allocated.
MAX_IDX_BYTES = 2 * 2**30
_GZIP_MAGIC = b"\x1f\x8b"
_CHUNK = 2**20
_MAX_HEADER = 4 + 4 * 255

_REFETCH = "delete it and run again to download a fresh copy"


def _header_size(start: bytes, path: Path) -> int | None:
    """The header's length in bytes, judged from the file's first bytes `start` (None while
    fewer than 4); raises DatasetError when they are not an IDX header of unsigned bytes."""
    if len(start) < 4:
        return None
    zero, code, ndim = start[:2], start[2], start[3]
    if zero != b"\x00\x00" or (code != _UBYTE and code not in _OTHER_TYPES):
        raise DatasetError(
            f"{path} is not an IDX file (it starts with bytes {start[:4].hex(' ')}; IDX files start with "
            f"00 00, a type code and the number of dimensions) — {_REFETCH}, or check that you picked the right file."
        )
    if code != _UBYTE:
        raise DatasetError(
            f"{path} is not an IDX file of unsigned bytes (its type code is 0x{code:02X}, {_OTHER_TYPES[code]}, not "
            f"0x08), so its numbers would be misread — {_REFETCH}, or check that you picked the right file.",
            "idx_type_code",
            {"path": str(path), "code": f"0x{code:02X}"},
        )
    if ndim == 0:
        raise DatasetError(f"{path} is not a valid IDX file: it declares 0 dimensions — {_REFETCH}.")
    return 4 + 4 * ndim


def _gb(size: int) -> str:
    """`size` bytes in GB for a message; no float for sizes a float cannot hold."""
    gb = size >> 30
    return f"{size / 2**30:.1f}" if gb < 10**6 else "over 1,000,000"


def _data_size(header: bytes, path: Path) -> tuple[tuple[int, ...], int]:
    """The dimensions the complete `header` declares and the bytes of data they take,
    refused beyond MAX_IDX_BYTES before anything is allocated."""
    dims = struct.unpack(f">{header[3]}I", header[4:])
    size = math.prod(dims)
    if size > MAX_IDX_BYTES:
        shape = "×".join(str(d) for d in dims) if len(dims) <= 8 else f"{len(dims)} dimensions of {dims[0]}×{dims[1]}×…"
        raise DatasetError(
            f"{path} declares {shape} values ({_gb(size)} GB), more than the {MAX_IDX_BYTES / 2**30:.0f} GB "
            f"this app reads from one IDX file — it is damaged or not a data set; {_REFETCH}.",
            "idx_too_large",
            {"path": str(path), "shape": shape, "size": _gb(size), "most": f"{MAX_IDX_BYTES / 2**30:.0f}"},
        )
    return dims, size


def _gunzip(raw: bytes, path: Path) -> bytearray:
    """The gzip data `raw` unpacked in chunks, never to more than its IDX header declares (or
    _MAX_HEADER bytes until the header is complete): a gzip bomb is refused, not unpacked.
    Raises EOFError when the data ends early and zlib.error when it is damaged."""
    out = bytearray()
    limit, declared = _MAX_HEADER, None
    rest = raw
    while rest:  # one gzip member after another, as gzip allows
        if not rest.startswith(_GZIP_MAGIC):
            raise gzip.BadGzipFile("data after the end of the gzip stream")
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip framing; its CRC is checked at the end
        tail = rest
        while not inflate.eof:
            chunk = inflate.decompress(tail, limit + 1 - len(out))
            tail = inflate.unconsumed_tail
            if not chunk and not tail:  # all of it read, no end marker
                raise EOFError
            out += chunk
            if declared is None:
                header = _header_size(bytes(out[:4]), path)
                if header is not None and len(out) >= header:
                    declared = _data_size(bytes(out[:header]), path)
                    limit = header + declared[1]
            if len(out) > limit:
                if declared is None:
                    raise DatasetError(f"{path} is not a valid IDX file: its header is incomplete — {_REFETCH}.")
                shape, size = "×".join(str(d) for d in declared[0]), f"{declared[1]:,}"
                raise DatasetError(
                    f"{path} is not a valid IDX file: it unpacks to more than the {size} bytes its header declares "
                    f"({shape}), so it was not unpacked further — {_REFETCH}.",
                    "idx_unpacks_beyond",
                    {"path": str(path), "size": size, "shape": shape},
                )
        rest = inflate.unused_data
    return out


def _read_bytes(path: Path) -> bytes | bytearray:
    try:
        with open(path, "rb") as f:
            start = f.read(4)
            if start.startswith(_GZIP_MAGIC):
                raw = start + f.read()  # compressed: no larger than the file itself
                return _gunzip(raw, path)
            header = _header_size(start, path)
            if header is None:
                return start
            head = start + f.read(header - 4)
            if len(head) == header:
                _data_size(head, path)  # refused before the data is read when too large
            return head + f.read()
    except FileNotFoundError:
        raise DatasetError(f"{path} does not exist.") from None
    except EOFError:
        raise DatasetError(f"{path} is truncated: the gzip data ends early — {_REFETCH}.") from None
    except (gzip.BadGzipFile, zlib.error) as e:
        raise DatasetError(f"{path} is not a valid gzip file ({e}) — {_REFETCH}.") from None
    except OSError as e:
        raise DatasetError(f"Cannot read {path}: {e.strerror or e}. Check that the file is readable.") from None


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The array of unsigned bytes stored in an IDX file (plain or gzip).

    Raises DatasetError when the file is missing, not IDX (bad magic or type code), not of
    unsigned bytes, has no dimensions, declares more than MAX_IDX_BYTES, is truncated, has
    bytes left over after the declared data, or is gzip that unpacks beyond its header.
    """
    path = Path(path)
    data = _read_bytes(path)
    if len(data) < 4:
        raise DatasetError(f"{path} is truncated: it is only {len(data)} bytes long — {_REFETCH}.")
    header = _header_size(data[:4], path)
    if len(data) < header:
        raise DatasetError(f"{path} is truncated: its header is incomplete — {_REFETCH}.")
    dims, expected = _data_size(data[:header], path)
    found = len(data) - header
    what = "pixel data" if len(dims) >= 3 else "data"
    shape = "×".join(str(d) for d in dims)
    if found < expected:
        raise DatasetError(
            f"{path} is truncated: expected {expected} bytes of {what} ({shape}), found {found} — {_REFETCH}."
        )
    if found > expected:
        raise DatasetError(
            f"{path} is not a valid IDX file: it has {found - expected} bytes more than its header declares "
            f"({shape}) — {_REFETCH}."
        )
    # copy: the result is writable and owns its memory
    return np.frombuffer(data, dtype=np.uint8, offset=header).reshape(dims).copy()


def write_idx(path: str | os.PathLike, array: np.ndarray) -> Path:
    """Writes `array` (unsigned bytes, the one type read_idx reads) as an IDX file,
    gzip-compressed when the name ends with ".gz". The file is written to a temporary name
    beside the target and moved into place, so a crash never leaves half a file.
    """
    path = Path(path)
    array = np.asarray(array)
    if array.dtype != np.uint8:
        raise ValueError(f"IDX files of this app store unsigned bytes (uint8), not {array.dtype}")
    if array.ndim == 0 or array.ndim > 255:
        raise ValueError(f"IDX needs 1 to 255 dimensions, got {array.ndim}")
    payload = (
        bytes([0, 0, _UBYTE, array.ndim])
        + struct.pack(f">{array.ndim}I", *array.shape)
        + np.ascontiguousarray(array).tobytes()
    )
    if path.name.endswith(".gz"):
        # mtime=0 keeps the bytes (and so checksums) reproducible.
        payload = gzip.compress(payload, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(path, payload)
