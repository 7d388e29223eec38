"""Reading and writing IDX files, the format MNIST and its look-alikes ship in.

Layout (big-endian): two zero bytes, a type code, the number of dimensions, one uint32 per
dimension, then the values row-major. Files are often gzip-compressed; reading recognises
gzip by its magic bytes, so a decompressed file that kept its ".gz" name still reads.
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

__all__ = ["read_idx", "write_idx"]

# IDX type code -> big-endian numpy dtype.
_IDX_DTYPES = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}
_IDX_CODES = {dt.newbyteorder("="): code for code, dt in _IDX_DTYPES.items()}
_GZIP_MAGIC = b"\x1f\x8b"

_REFETCH = "delete it and run again to download a fresh copy"


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except FileNotFoundError:
        raise DatasetError(f"{path} does not exist.") from None
    except OSError as e:
        raise DatasetError(f"Cannot read {path}: {e.strerror or e}. Check that the file is readable.") from None
    if not raw.startswith(_GZIP_MAGIC):
        return raw
    try:
        return gzip.decompress(raw)
    except EOFError:
        raise DatasetError(f"{path} is truncated: the gzip data ends early — {_REFETCH}.") from None
    except (gzip.BadGzipFile, zlib.error) as e:
        raise DatasetError(f"{path} is not a valid gzip file ({e}) — {_REFETCH}.") from None


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The array stored in an IDX file (plain or gzip), in native byte order.

    Raises DatasetError when the file is missing, not IDX (bad magic or type code), has no
    dimensions, is truncated, or has bytes left over after the declared data.
    """
    path = Path(path)
    data = _read_bytes(path)
    if len(data) < 4:
        raise DatasetError(f"{path} is truncated: it is only {len(data)} bytes long — {_REFETCH}.")
    zero, code, ndim = data[:2], data[2], data[3]
    if zero != b"\x00\x00" or code not in _IDX_DTYPES:
        raise DatasetError(
            f"{path} is not an IDX file (it starts with bytes {data[:4].hex(' ')}; IDX files start with "
            f"00 00, a type code and the number of dimensions) — {_REFETCH}, or check that you picked the right file."
        )
    if ndim == 0:
        raise DatasetError(f"{path} is not a valid IDX file: it declares 0 dimensions — {_REFETCH}.")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise DatasetError(f"{path} is truncated: its header is incomplete — {_REFETCH}.")
    dims = struct.unpack(f">{ndim}I", data[4:header])
    dtype = _IDX_DTYPES[code]
    expected = math.prod(dims) * dtype.itemsize
    found = len(data) - header
    what = "pixel data" if ndim >= 3 else "data"
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
    # astype copies, so the result is writable and in native byte order.
    return np.frombuffer(data, dtype=dtype, offset=header).reshape(dims).astype(dtype.newbyteorder("="))


def write_idx(path: str | os.PathLike, array: np.ndarray) -> Path:
    """Writes `array` as an IDX file, gzip-compressed when the name ends with ".gz".

    Supported dtypes: uint8, int8, int16, int32, float32, float64. The file is written to a
    temporary name beside the target and moved into place, so a crash never leaves half a file.
    """
    path = Path(path)
    array = np.asarray(array)
    native = array.dtype.newbyteorder("=")
    if native not in _IDX_CODES:
        raise ValueError(f"IDX cannot store dtype {array.dtype}; use uint8, int8, int16, int32, float32 or float64")
    if array.ndim == 0 or array.ndim > 255:
        raise ValueError(f"IDX needs 1 to 255 dimensions, got {array.ndim}")
    code = _IDX_CODES[native]
    payload = (
        bytes([0, 0, code, array.ndim])
        + struct.pack(f">{array.ndim}I", *array.shape)
        + np.ascontiguousarray(array, dtype=_IDX_DTYPES[code]).tobytes()
    )
    if path.name.endswith(".gz"):
        # mtime=0 keeps the bytes (and so checksums) reproducible.
        payload = gzip.compress(payload, mtime=0)
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(path, payload)
