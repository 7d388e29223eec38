"""Checks on a file that torch.save or torch.jit.save wrote (a zip archive), made before torch
reads it, for what torch itself does not check:

- `inflated_size_problem`: torch writes its members uncompressed, so a member that would
  inflate to far more than the file holds (a decompression bomb) is not torch's; torch would
  unpack it into memory whole.
- `tensor_record_problem`: each tensor's data is a member data/<key>; TorchScript's loader
  trusts the size the archive's pickle declares for it, so a shorter member is read past its
  end (a segmentation fault when the model runs). The declarations are read from the pickle's
  opcodes (pickletools), which runs nothing.

Both return a reason in English for the caller's own error, or None.
"""

from __future__ import annotations

import os
import pickletools
import struct
import zipfile
from pathlib import Path

__all__ = ["TORCH_LOAD_ERRORS", "inflated_size_problem", "tensor_record_problem", "torch_bytes"]

def torch_bytes(obj) -> bytes:
    """torch.save into memory, for core.io.atomic to write: on a full disk torch's own file
    writer fails in C++ (and torch.jit.save aborts the process)."""
    import io

    import torch

    buffer = io.BytesIO()
    torch.save(obj, buffer)
    return buffer.getvalue()


# What torch.load(weights_only=True) raises for a damaged file: damaged pickle data reaches
# torch's rebuild functions as any of these (struct.error: a pickle cut short).
TORCH_LOAD_ERRORS = (
    OSError, RuntimeError, EOFError, ValueError, KeyError, AttributeError, TypeError, IndexError, AssertionError,
    struct.error, zipfile.BadZipFile,
)

# Bytes per element of the storage classes a pickle names (torch.<Name>Storage).
_ITEMSIZE = {
    "DoubleStorage": 8, "FloatStorage": 4, "HalfStorage": 2, "BFloat16Storage": 2, "LongStorage": 8, "IntStorage": 4,
    "ShortStorage": 2, "CharStorage": 1, "ByteStorage": 1, "BoolStorage": 1, "ComplexFloatStorage": 8,
    "ComplexDoubleStorage": 16, "UntypedStorage": 1,
}
_SLACK = 16 * 2**20  # room for a member torch might one day compress a little


def _members(path: Path) -> list[zipfile.ZipInfo] | None:
    try:
        with zipfile.ZipFile(path) as zf:
            return zf.infolist()
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, UnicodeDecodeError):
        return None  # not a readable zip: torch says what is wrong with it


def inflated_size_problem(path: str | os.PathLike) -> str | None:
    """Why `path` cannot be a torch archive because of its size, or None."""
    path = Path(path)
    members = _members(path)
    if not members:
        return None
    declared = sum(info.file_size for info in members)
    size = path.stat().st_size
    if declared > 4 * size + _SLACK:
        return (f"its parts would unpack to {declared / 2**20:,.0f} MB from a file of {size / 2**20:,.1f} MB — "
                "files written by PyTorch are not compressed, so it is damaged or was made to fill the memory")
    return None


def _storages(pickled: bytes) -> list[tuple[str, str, int]]:
    """(storage class name, record key, element count) of every tensor storage a pickle
    declares: the persistent ids ('storage', torch.<X>Storage, key, location, numel)."""
    values: list = []
    memo: dict = {}
    found = []
    for op, arg, _ in pickletools.genops(pickled):
        name = op.name
        if name in ("BINUNICODE", "SHORT_BINUNICODE", "UNICODE", "BINUNICODE8", "BININT", "BININT1", "BININT2", "LONG1", "INT"):
            values.append(arg)
        elif name == "GLOBAL":
            values.append(arg)
        elif name in ("BINPUT", "LONG_BINPUT", "PUT"):
            if values:
                memo[arg] = values[-1]
        elif name == "MEMOIZE":
            if values:
                memo[len(memo)] = values[-1]
        elif name in ("BINGET", "LONG_BINGET", "GET"):
            values.append(memo.get(arg))
        elif name in ("BINPERSID", "PERSID"):
            tail = values[-5:]
            if len(tail) == 5 and tail[0] == "storage" and isinstance(tail[1], str) and isinstance(tail[4], int):
                found.append((tail[1].rsplit(" ", 1)[-1], str(tail[2]), tail[4]))
    return found


def tensor_record_problem(path: str | os.PathLike) -> str | None:
    """Why the tensors of the TorchScript archive `path` cannot be read as declared, or None."""
    try:
        with zipfile.ZipFile(path) as zf:
            sizes = {info.filename: info.file_size for info in zf.infolist()}
            for pickle_name in [n for n in sizes if n.endswith(("/data.pkl", "/constants.pkl"))]:
                if sizes[pickle_name] > 64 * 2**20:
                    return f"its {pickle_name.rsplit('/', 1)[-1]} is far larger than a model's description"
                prefix = pickle_name.rsplit("/", 1)[0]
                folder = "data" if pickle_name.endswith("/data.pkl") else "constants"
                for kind, key, numel in _storages(zf.read(pickle_name)):
                    record = f"{prefix}/{folder}/{key}"
                    needed = numel * _ITEMSIZE.get(kind, 8)
                    if record not in sizes and f"{prefix}/data/{key}" in sizes:
                        record = f"{prefix}/data/{key}"
                    if sizes.get(record, -1) < needed:
                        have = sizes.get(record)
                        return (f"its tensor data {folder}/{key} holds {'nothing' if have is None else f'{have} bytes'} "
                                f"where {needed} are declared")
    except (zipfile.BadZipFile, NotImplementedError, OSError, EOFError, ValueError, UnicodeDecodeError, KeyError):
        return None  # damaged beyond this check (pickletools raises ValueError): torch.jit.load refuses it
    return None
