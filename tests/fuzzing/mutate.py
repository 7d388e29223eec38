"""Mutations: one seeded change to a valid file, made knowing the file's structure where that
finds more (JSON fields, zip members, safetensors tensors, PNG chunks, gzip streams, IDX
headers) and at the byte level everywhere. Pure Python: no torch, no app code.

Every mutator takes a `random.Random` and the file's bytes and returns a `Mutation`: the new
bytes, a short description (for the reproducer), and what it touched — `weights` when tensor
values changed inside a container that can check them (bundles, projects), `meta` when only
the description beside an intact model changed (ONNX metadata, TorchScript playground.json),
so the checker knows where a changed prediction is a silent wrong answer.
"""

from __future__ import annotations

import copy
import io
import json
import random
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "Mutation",
    "mutate_bytes",
    "mutate_gzip",
    "mutate_idx",
    "mutate_jpeg",
    "mutate_json",
    "mutate_png",
    "mutate_safetensors",
    "mutate_zip",
    "zeros_deflate",
]


@dataclass
class Mutation:
    data: bytes
    desc: str
    weights: bool = False  # tensor values changed where a checksum could see it
    meta: bool = False  # only the description of an intact model changed


# --------------------------------------------------------------------------- bytes

INTERESTING = [b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00", b"\xff\xff\xff\x7f"]


def mutate_bytes(rng: random.Random, data: bytes) -> Mutation:
    """Truncate, flip, insert, delete, overwrite or duplicate bytes."""
    n = len(data)
    kind = rng.choice(["truncate", "flip", "flip", "insert", "delete", "overwrite", "duplicate", "empty"])
    if kind == "empty" or n == 0:
        return Mutation(b"", "empty file")
    if kind == "truncate":
        cut = rng.choice([rng.randrange(n), n // 2, n - 1, rng.randrange(min(n, 64))])
        return Mutation(data[:cut], f"truncated to {cut} of {n} bytes")
    if kind == "flip":
        out = bytearray(data)
        count = rng.choice([1, 1, 2, 8, 32])
        spots = [rng.randrange(n) for _ in range(count)]
        for i in spots:
            out[i] ^= 1 << rng.randrange(8) if rng.random() < 0.5 else rng.randrange(1, 256)
        return Mutation(bytes(out), f"flipped {count} byte(s) at {spots[:4]}")
    i = rng.randrange(n)
    if kind == "insert":
        blob = rng.choice(INTERESTING + [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))])
        return Mutation(data[:i] + blob + data[i:], f"inserted {len(blob)} byte(s) at {i}")
    if kind == "delete":
        k = rng.randrange(1, min(64, n - i) + 1)
        return Mutation(data[:i] + data[i + k :], f"deleted {k} byte(s) at {i}")
    if kind == "overwrite":
        blob = rng.choice(INTERESTING)
        return Mutation(data[:i] + blob + data[i + len(blob) :], f"overwrote {blob.hex()} at {i}")
    k = rng.randrange(1, min(256, n - i) + 1)
    return Mutation(data[: i + k] + data[i : i + k] + data[i + k :], f"duplicated {k} byte(s) at {i}")


# --------------------------------------------------------------------------- JSON

WRONG_VALUES = [
    None, True, False, 0, -1, 1.5, 1e30, -1e30, 10**30, 2**63, 2**31, "", "x", "1", "NaN", [], [1], {}, {"a": 1},
    [[[]]], "a" * 10_000,
]
# Written as text: json.dumps cannot write these as they are meant.
RAW_VALUES = ["NaN", "Infinity", "-Infinity", "1e999", "-0", "9" * 5000, "1" + "0" * 400]


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, (*prefix, i))


def _parent(doc, path):
    node = doc
    for key in path[:-1]:
        node = node[key]
    return node


def _set(doc, path, value):
    if not path:
        return value
    _parent(doc, path)[path[-1]] = value
    return doc


def mutate_json(rng: random.Random, data: bytes, byte_share: float = 0.15) -> Mutation:
    """A field replaced by another type or an odd value, dropped, or nested deep; an unknown
    key; or (`byte_share` of the time) a byte-level change."""
    try:
        doc = json.loads(data)
    except ValueError:
        return mutate_bytes(rng, data)
    if rng.random() < byte_share:
        return mutate_bytes(rng, data)
    doc = copy.deepcopy(doc)
    path = rng.choice(list(_paths(doc)))
    where = "/".join(map(str, path)) or "(root)"
    kind = rng.choice(["value", "value", "value", "raw", "drop", "extra", "deep", "swap", "string_number"])
    if kind == "deep":
        depth = rng.choice([50, 101, 1000, 100_000])
        text = json.dumps(_set(doc, path, "@@fuzz@@")).replace('"@@fuzz@@"', "[" * depth + "]" * depth)
        return Mutation(text.encode(), f"{where} nested {depth} deep")
    if kind == "raw":
        raw = rng.choice(RAW_VALUES)
        text = json.dumps(_set(doc, path, "@@fuzz@@")).replace('"@@fuzz@@"', raw)
        return Mutation(text.encode(), f"{where} = {raw[:20]}")
    if kind == "drop" and path:
        parent = _parent(doc, path)
        del parent[path[-1]]
        return Mutation(json.dumps(doc).encode(), f"dropped {where}")
    if kind == "extra" and isinstance(_parent(doc, path) if path else doc, dict):
        target = _parent(doc, path) if path else doc
        target["fuzz_unknown"] = rng.choice(WRONG_VALUES)
        return Mutation(json.dumps(doc).encode(), f"unknown key beside {where}")
    if kind == "swap":  # two leaves of the document exchange values
        leaves = [p for p in _paths(doc) if p]
        a, b = rng.sample(leaves, 2) if len(leaves) >= 2 else ((), ())
        if a and a != b[: len(a)] and b != a[: len(b)]:  # neither inside the other
            swapped = copy.deepcopy(doc)
            va, vb = copy.deepcopy(_parent(doc, a)[a[-1]]), copy.deepcopy(_parent(doc, b)[b[-1]])
            _set(swapped, a, vb)
            _set(swapped, b, va)
            return Mutation(json.dumps(swapped).encode(), f"swapped {'/'.join(map(str, a))} and {'/'.join(map(str, b))}")
    if kind == "string_number":
        old = _parent(doc, path)[path[-1]] if path else doc
        if isinstance(old, (int, float)) and not isinstance(old, bool):
            return Mutation(json.dumps(_set(doc, path, str(old))).encode(), f"{where} as a string")
        if isinstance(old, (int, float)):
            return Mutation(json.dumps(_set(doc, path, -old * 1000 - 1)).encode(), f"{where} negative")
    value = rng.choice(WRONG_VALUES)
    shown = repr(value)[:30]
    return Mutation(json.dumps(_set(doc, path, value)).encode(), f"{where} = {shown}")


# --------------------------------------------------------------------------- compressed zeros (bombs)


@lru_cache(maxsize=4)
def _zero_block(level: int = 9) -> bytes:
    """Raw deflate of 16 MiB of zeros ending in a full flush: repeated, it inflates to 16 MiB
    each time (a full flush resets the window, so the block's bytes never change)."""
    c = zlib.compressobj(level, zlib.DEFLATED, -15)
    c.compress(bytes(1 << 24))
    c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(bytes(1 << 24)) + c.flush(zlib.Z_FULL_FLUSH)
    return block


def zeros_deflate(size: int, prefix: bytes = b"") -> tuple[bytes, int]:
    """(raw deflate stream of `prefix` then zeros up to about `size` bytes, the exact inflated
    size). Costs a few megabytes whatever the size."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    blocks = max(0, (size - len(prefix)) // (1 << 24))
    return head + _zero_block() * blocks + b"\x03\x00", len(prefix) + blocks * (1 << 24)


@lru_cache(maxsize=8)
def _crc_zeros(n_blocks: int, prefix: bytes) -> int:
    crc = zlib.crc32(prefix)
    block = bytes(1 << 24)
    for _ in range(n_blocks):
        crc = zlib.crc32(block, crc)
    return crc


def gzip_bomb(size: int, prefix: bytes = b"") -> bytes:
    """A gzip file of `prefix` then zeros, about `size` bytes once inflated."""
    stream, total = zeros_deflate(size, prefix)
    crc = _crc_zeros((total - len(prefix)) // (1 << 24), prefix)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + stream + struct.pack("<II", crc, total & 0xFFFFFFFF)


def zlib_bomb(size: int, prefix: bytes = b"") -> bytes:
    stream, total = zeros_deflate(size, prefix)
    adler = 1  # zlib checks it: compute over the real content
    adler = zlib.adler32(prefix, adler)
    block = bytes(1 << 24)
    for _ in range((total - len(prefix)) // (1 << 24)):
        adler = zlib.adler32(block, adler)
    return b"\x78\xda" + stream + struct.pack(">I", adler)


# --------------------------------------------------------------------------- gzip


def mutate_gzip(rng: random.Random, data: bytes, inner) -> Mutation:
    """Mutate the decompressed content with `inner` and compress it again (the wrapper valid,
    the content not), or change the gzip bytes themselves, or a bomb."""
    import gzip

    kind = rng.choice(["inner", "inner", "inner", "bytes", "bomb"])
    if kind == "bytes":
        return mutate_bytes(rng, data)
    if kind == "bomb":
        raw = gzip.decompress(data)
        size = rng.choice([1 << 30, 3 << 30, 6 << 30])
        return Mutation(gzip_bomb(size, raw[:16]), f"gzip bomb: {size >> 20} MiB of zeros after the header")
    m = inner(rng, gzip.decompress(data))
    return Mutation(gzip.compress(m.data, mtime=0), f"gzip of ({m.desc})", m.weights, m.meta)


# --------------------------------------------------------------------------- IDX


def mutate_idx(rng: random.Random, data: bytes) -> Mutation:
    """A header field changed (type code, dimension count, a dimension), or bytes."""
    kind = rng.choice(["code", "ndim", "dim", "dim", "bytes", "bytes"])
    if len(data) < 8 or kind == "bytes":
        return mutate_bytes(rng, data)
    out = bytearray(data)
    if kind == "code":
        out[2] = rng.choice([0x09, 0x0B, 0x0C, 0x0D, 0x0E, 0x00, 0xFF, rng.randrange(256)])
        return Mutation(bytes(out), f"type code {out[2]:#04x}")
    if kind == "ndim":
        out[3] = rng.choice([0, 1, 2, 4, 255, rng.randrange(256)])
        return Mutation(bytes(out), f"{out[3]} dimensions")
    ndim = data[3]
    i = rng.randrange(max(1, ndim))
    value = rng.choice([0, 1, 0xFFFFFFFF, 0x7FFFFFFF, 65536, struct.unpack(">I", data[4 + 4 * i : 8 + 4 * i])[0] + 1])
    out[4 + 4 * i : 8 + 4 * i] = struct.pack(">I", value)
    return Mutation(bytes(out), f"dimension {i} = {value}")


# --------------------------------------------------------------------------- safetensors


def _split_safetensors(data: bytes) -> tuple[dict, bytes]:
    (n,) = struct.unpack("<Q", data[:8])
    return json.loads(data[8 : 8 + n]), data[8 + n :]


def _join_safetensors(header: dict, body: bytes) -> bytes:
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    return struct.pack("<Q", len(text)) + text + body


def swap_tensors(rng: random.Random, data: bytes) -> Mutation | None:
    """Two same-shaped, same-typed tensors trade places (None when no two match)."""
    header, body = _split_safetensors(data)
    tensors = {k: v for k, v in header.items() if k != "__metadata__"}
    groups: dict = {}
    for name, info in tensors.items():
        groups.setdefault((info["dtype"], tuple(info["shape"])), []).append(name)
    pairs = [names for names in groups.values() if len(names) >= 2]
    if not pairs:
        return None
    a, b = rng.sample(rng.choice(pairs), 2)
    header[a]["data_offsets"], header[b]["data_offsets"] = header[b]["data_offsets"], header[a]["data_offsets"]
    return Mutation(_join_safetensors(header, body), f"swapped tensors {a} and {b}", weights=True)


def mutate_safetensors(rng: random.Random, data: bytes) -> Mutation:
    """Swap two tensors, change a value inside one, mutate the header JSON (dtype, shape,
    offsets, metadata), declare a huge header, or change bytes."""
    try:
        header, body = _split_safetensors(data)
    except (ValueError, struct.error):
        return mutate_bytes(rng, data)
    kind = rng.choice(["swap", "swap", "value", "header", "header", "header_len", "bytes"])
    if kind == "swap":
        m = swap_tensors(rng, data)
        if m is not None:
            return m
        kind = "value"
    if kind == "value" and body:
        out = bytearray(body)
        i = rng.randrange(len(out))
        out[i] ^= 0x40
        return Mutation(_join_safetensors(header, bytes(out)), f"tensor byte {i} changed", weights=True)
    if kind == "header":
        m = mutate_json(rng, json.dumps(header).encode(), byte_share=0.0)
        try:
            new = json.loads(m.data)
        except (ValueError, RecursionError):  # raw NaN, or nested too deep to parse: keep the text as the header
            text = m.data + b" " * (-len(m.data) % 8)
            return Mutation(struct.pack("<Q", len(text)) + text + body, f"header: {m.desc}")
        return Mutation(_join_safetensors(new, body) if isinstance(new, dict) else m.data, f"header: {m.desc}")
    if kind == "header_len":
        n = rng.choice([0, 1, 2**31, 2**63, len(data) * 4])
        return Mutation(struct.pack("<Q", n) + data[8:], f"header length {n}")
    return mutate_bytes(rng, data)


# --------------------------------------------------------------------------- zip


def _rezip(members: list[tuple[zipfile.ZipInfo, bytes]]) -> bytes:
    import warnings

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": meant
        for info, content in members:
            zf.writestr(info, content, compress_type=info.compress_type)
    return buffer.getvalue()


def _zip_with_member(members, name: str, content: bytes, size: int, crc: int, raw: bytes) -> bytes:
    """`members` with `name` replaced by the already-deflated `raw` (of `size` bytes, `crc`):
    the way to put a bomb in a zip without inflating it first."""
    buffer = io.BytesIO()
    central = []
    for info, data in members:
        offset = buffer.tell()
        fname = info.filename.encode()
        if info.filename == name:
            method, comp, crc_, usize = 8, raw, crc, size
        else:
            method, comp = 8, zlib.compress(data)[2:-4]
            crc_, usize = zlib.crc32(data), len(data)
        local = struct.pack("<4s5H3I2H", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc_, len(comp), usize, len(fname), 0)
        buffer.write(local + fname + comp)
        central.append(
            struct.pack("<4s6H3I5H2I", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc_, len(comp), usize, len(fname), 0, 0, 0, 0, 0, offset)
            + fname
        )
    start = buffer.tell()
    cd = b"".join(central)
    buffer.write(cd)
    buffer.write(struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(central), len(central), len(cd), start, 0))
    return buffer.getvalue()


def mutate_zip(rng: random.Random, data: bytes, member_mutators: dict, focus: tuple[str, float] = ("", 0.0)) -> Mutation:
    """Mutate one member by its kind (`member_mutators`: name, name's end or suffix ->
    mutator; "*" for the rest) and zip again, drop or duplicate a member, lie about a
    member's size, put a bomb in place of one, or change the archive's bytes. `focus`
    (name's end, share): that member is the one mutated that share of the time. `weights`
    and `meta` follow the member's mutation."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = [(info, zf.read(info)) for info in zf.infolist()]
    except zipfile.BadZipFile:
        return mutate_bytes(rng, data)
    focused = [k for k, (info, _) in enumerate(members) if focus[0] and info.filename.endswith(focus[0])]
    if focused and rng.random() < focus[1]:
        kind, i = "member", focused[0]
    else:
        kind = rng.choice(["member"] * 6 + ["drop", "twice", "declared_size", "bomb", "bytes", "bytes"])
        i = rng.randrange(len(members)) if members else 0
    if kind == "bytes" or not members:
        return mutate_bytes(rng, data)
    info, content = members[i]
    if kind == "drop":
        return Mutation(_rezip(members[:i] + members[i + 1 :]), f"member {info.filename} removed")
    if kind == "twice":
        return Mutation(_rezip(members + [members[i]]), f"member {info.filename} twice")
    if kind == "bomb":
        size = rng.choice([1 << 30, 3 << 30, (4 << 30) - (1 << 24)])
        raw, total = zeros_deflate(size)
        crc = _crc_zeros(total >> 24, b"")
        return Mutation(_zip_with_member(members, info.filename, b"", total, crc, raw), f"member {info.filename}: {total >> 20} MiB of zeros")
    if kind == "declared_size":
        # Edit the central directory's uncompressed size of member i.
        out = bytearray(data)
        pos = out.rfind(b"PK\x05\x06")
        (cd_start,) = struct.unpack("<I", out[pos + 16 : pos + 20])
        p = cd_start
        for _ in range(i):
            n, m_, k = struct.unpack("<3H", out[p + 28 : p + 34])
            p += 46 + n + m_ + k
        value = rng.choice([0, 1, 0xFFFFFFF0, 0x7FFFFFFF, 1 << 30])
        out[p + 24 : p + 28] = struct.pack("<I", value)
        return Mutation(bytes(out), f"member {info.filename} declares {value} bytes")
    suffix = "." + info.filename.rsplit(".", 1)[-1] if "." in info.filename.rsplit("/", 1)[-1] else ""
    ends = [m for name, m in member_mutators.items() if "/" not in name and name != "*" and info.filename.endswith(name)]
    mutator = member_mutators.get(info.filename) or (ends[0] if ends else None) or member_mutators.get(suffix) \
        or member_mutators.get("*", mutate_bytes)
    m = mutator(rng, content)
    members[i] = (info, m.data)
    return Mutation(_rezip(members), f"member {info.filename}: {m.desc}", m.weights, m.meta)


# --------------------------------------------------------------------------- PNG


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    chunks, p = [], 8
    while p + 8 <= len(data):
        (n,) = struct.unpack(">I", data[p : p + 4])
        kind = data[p + 4 : p + 8]
        chunks.append((kind, data[p + 8 : p + 8 + n]))
        p += 12 + n
    return chunks


def _png(chunks) -> bytes:
    out = [b"\x89PNG\r\n\x1a\n"]
    for kind, body in chunks:
        out.append(struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body)))
    return b"".join(out)


def mutate_png(rng: random.Random, data: bytes) -> Mutation:
    """A chunk's data changed with its CRC fixed (the wrapper valid), the size in IHDR
    changed, a decompression bomb, a chunk dropped or repeated, or bytes."""
    chunks = _png_chunks(data)
    kind = rng.choice(["chunk", "chunk", "ihdr", "ihdr", "bomb", "drop", "repeat", "bytes", "bytes"])
    if kind == "bytes" or not chunks or chunks[0][0] != b"IHDR":
        return mutate_bytes(rng, data)
    if kind == "ihdr":
        w, h = struct.unpack(">II", chunks[0][1][:8])
        rest = bytearray(chunks[0][1][8:])
        field = rng.choice(["size", "size", "depth", "colour", "interlace"])
        if field == "size":
            w, h = rng.choice([(0, h), (w, 0), (1, 1), (w * 2, h), (100_000, 100_000), (2**31 - 1, 2**31 - 1), (10_000, 9_000)])
        else:
            index = {"depth": 0, "colour": 1, "interlace": 4}[field]
            rest[index] = rng.choice([0, 1, 3, 7, 16, 255])
        chunks[0] = (b"IHDR", struct.pack(">II", w, h) + bytes(rest))
        return Mutation(_png(chunks), f"IHDR {field}: {w}×{h} {bytes(rest).hex()}")
    if kind == "bomb":
        w, h = rng.choice([(12_000, 12_000), (9_000, 9_000), (20_000, 4_000), (30_000, 30_000)])
        stream = zlib_bomb((w + 1) * h)
        ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)
        return Mutation(_png([(b"IHDR", ihdr), (b"IDAT", stream), (b"IEND", b"")]), f"bomb {w}×{h} grey")
    i = rng.randrange(len(chunks))
    if kind == "drop":
        return Mutation(_png(chunks[:i] + chunks[i + 1 :]), f"chunk {chunks[i][0]!r} dropped")
    if kind == "repeat":
        return Mutation(_png(chunks[: i + 1] + chunks[i:]), f"chunk {chunks[i][0]!r} repeated")
    name, body = chunks[i]
    if name == b"IDAT" and rng.random() < 0.5:
        try:  # change the pixels' filter bytes / data, compressed again
            raw = bytearray(zlib.decompress(body))
            for _ in range(rng.choice([1, 4, 32])):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            chunks[i] = (name, zlib.compress(bytes(raw)))
            return Mutation(_png(chunks), "IDAT pixels and filters changed (compressed again)")
        except zlib.error:
            pass
    m = mutate_bytes(rng, body)
    chunks[i] = (name, m.data)
    return Mutation(_png(chunks), f"chunk {name!r} ({m.desc}), CRC fixed")


# --------------------------------------------------------------------------- JPEG


def mutate_jpeg(rng: random.Random, data: bytes) -> Mutation:
    """The frame's size (SOF0) changed, or bytes."""
    sof = data.find(b"\xff\xc0")
    if sof < 0 or rng.random() < 0.6:
        return mutate_bytes(rng, data)
    h, w = rng.choice([(0, 28), (28, 0), (65535, 65535), (20_000, 20_000), (1, 1), (10_000, 9_000)])
    out = bytearray(data)
    out[sof + 5 : sof + 9] = struct.pack(">HH", h, w)
    return Mutation(bytes(out), f"SOF0 size {w}×{h}")
