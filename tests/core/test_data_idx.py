"""IDX reading and writing: round trips and the messages for damaged files."""

import gzip
import struct

import numpy as np
import pytest

from playground.core.data.dataset import DatasetError
from playground.core.data.idx import read_idx, write_idx


@pytest.mark.parametrize("name", ["images-idx3-ubyte", "images-idx3-ubyte.gz"])
def test_uint8_round_trip(tmp_path, name):
    images = np.random.default_rng(0).integers(0, 256, (7, 28, 28), dtype=np.uint8)
    path = write_idx(tmp_path / name, images)
    back = read_idx(path)
    assert back.dtype == np.uint8 and back.shape == (7, 28, 28)
    np.testing.assert_array_equal(back, images)
    assert back.flags.writeable
    assert (path.read_bytes()[:2] == b"\x1f\x8b") == name.endswith(".gz")
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left beside it


@pytest.mark.parametrize("code", [0x09, 0x0B, 0x0C, 0x0D, 0x0E])
def test_a_type_code_other_than_unsigned_bytes_is_refused(tmp_path, code):
    """An int8 (or wider) file was read as its numbers; the data sets this app reads hold
    bytes, so such a file is misread and refused, naming the file and the code."""
    path = tmp_path / "labels"
    path.write_bytes(bytes([0, 0, code, 1]) + struct.pack(">I", 4) + bytes(4 * {0x09: 1, 0x0B: 2, 0x0E: 8}.get(code, 4)))
    with pytest.raises(DatasetError) as e:
        read_idx(path)
    assert e.value.key == "idx_type_code" and e.value.values == {"path": str(path), "code": f"0x{code:02X}"}
    assert str(path) in str(e.value) and f"type code is 0x{code:02X}" in str(e.value)


@pytest.mark.parametrize("dtype", [np.int8, np.int16, np.float32])
def test_only_unsigned_bytes_are_written(tmp_path, dtype):
    with pytest.raises(ValueError, match="unsigned bytes"):
        write_idx(tmp_path / "a.idx", np.zeros(3, dtype))
    assert not list(tmp_path.iterdir())


def test_labels_file_layout_matches_the_mnist_spec(tmp_path):
    path = write_idx(tmp_path / "labels", np.array([5, 0, 4], np.uint8))
    assert path.read_bytes() == b"\x00\x00\x08\x01" + struct.pack(">I", 3) + bytes([5, 0, 4])


def test_gz_name_holding_unpacked_data_still_reads(tmp_path):
    plain = write_idx(tmp_path / "labels", np.array([1, 2, 3], np.uint8))
    renamed = plain.rename(tmp_path / "labels.gz")
    np.testing.assert_array_equal(read_idx(renamed), [1, 2, 3])


def test_unsupported_dtype_is_refused(tmp_path):
    with pytest.raises(ValueError, match="uint64"):
        write_idx(tmp_path / "x", np.zeros(3, np.uint64))


def test_a_gzip_bomb_is_refused_without_unpacking_it(tmp_path):
    """A 70 kB file that unpacks to 64 MB behind a header declaring 10 bytes: reading stops
    just past the 10 bytes (the old reader unpacked all of it first)."""
    import tracemalloc

    bomb = gzip.compress(b"\x00\x00\x08\x01" + struct.pack(">I", 10) + bytes(64 * 2**20), mtime=0)
    path = tmp_path / "train-labels-idx1-ubyte.gz"
    path.write_bytes(bomb)
    tracemalloc.start()
    try:
        with pytest.raises(DatasetError) as e:
            read_idx(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert e.value.key == "idx_unpacks_beyond" and str(path) in str(e.value)
    assert "unpacks to more than the 10 bytes its header declares (10)" in str(e.value)
    assert peak < len(bomb) + 8 * 2**20, f"{peak:,} bytes held while reading a {len(bomb):,}-byte file"


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzip"])
def test_a_header_declaring_more_than_the_limit_is_refused_before_reading(tmp_path, gz):
    data = b"\x00\x00\x08\x03" + struct.pack(">3I", 60000, 1000, 1000) + bytes(1000)
    path = tmp_path / ("images.gz" if gz else "images")
    path.write_bytes(gzip.compress(data) if gz else data)
    with pytest.raises(DatasetError) as e:
        read_idx(path)
    assert e.value.key == "idx_too_large" and e.value.values["shape"] == "60000×1000×1000"
    assert str(path) in str(e.value) and "55.9 GB" in str(e.value)


def test_gzip_of_several_members_still_reads(tmp_path):
    """gzip allows members one after another (as `cat a.gz b.gz` makes); the bounded reader reads them all."""
    data = b"\x00\x00\x08\x01" + struct.pack(">I", 6) + bytes([1, 2, 3, 4, 5, 6])
    path = tmp_path / "labels.gz"
    path.write_bytes(gzip.compress(data[:9]) + gzip.compress(data[9:]))
    np.testing.assert_array_equal(read_idx(path), [1, 2, 3, 4, 5, 6])
    path.write_bytes(gzip.compress(data) + b"junk")
    with pytest.raises(DatasetError, match="is not a valid gzip file"):
        read_idx(path)


def _truncate(path, keep):
    path.write_bytes(path.read_bytes()[:keep])


def test_truncated_pixel_data_names_sizes_and_fix(tmp_path):
    path = write_idx(tmp_path / "train-images-idx3-ubyte", np.zeros((60, 28, 28), np.uint8))
    _truncate(path, 16 + 1000)
    with pytest.raises(DatasetError) as e:
        read_idx(path)
    msg = str(e.value)
    assert str(path) in msg and "truncated" in msg
    assert f"expected {60 * 784} bytes of pixel data" in msg and "found 1000" in msg
    assert "delete it and run again" in msg


def test_truncated_gzip_is_reported_as_truncated(tmp_path):
    images = np.random.default_rng(1).integers(0, 256, (50, 28, 28), np.uint8)
    path = write_idx(tmp_path / "train-images-idx3-ubyte.gz", images)
    _truncate(path, path.stat().st_size // 2)
    with pytest.raises(DatasetError, match="truncated.*delete it and run again"):
        read_idx(path)


def test_truncated_header(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"\x00\x00\x08\x03" + struct.pack(">I", 10))
    with pytest.raises(DatasetError, match="header is incomplete"):
        read_idx(path)


def test_extra_bytes_after_the_data_are_rejected(tmp_path):
    path = write_idx(tmp_path / "labels", np.arange(5, dtype=np.uint8))
    path.write_bytes(path.read_bytes() + b"junk")
    with pytest.raises(DatasetError, match="4 bytes more than its header declares"):
        read_idx(path)


@pytest.mark.parametrize(
    "header",
    [b"\x01\x00\x08\x01", b"PK\x03\x04", b"\x00\x00\x07\x01"],
    ids=["nonzero-magic", "zip-file", "unknown-type-code"],
)
def test_bad_magic_is_rejected(tmp_path, header):
    path = tmp_path / "labels"
    path.write_bytes(header + struct.pack(">I", 3) + b"\x00\x01\x02")
    with pytest.raises(DatasetError, match="is not an IDX file") as e:
        read_idx(path)
    assert str(path) in str(e.value)


def test_zero_dimensions_are_rejected(tmp_path):
    path = tmp_path / "x"
    path.write_bytes(b"\x00\x00\x08\x00")
    with pytest.raises(DatasetError, match="0 dimensions"):
        read_idx(path)


@pytest.mark.parametrize("offset", [10, -8], ids=["bad-deflate-block", "bad-crc"])
def test_corrupt_gzip_is_rejected(tmp_path, offset):
    data = bytearray(gzip.compress(b"\x00\x00\x08\x01" + struct.pack(">I", 1000) + bytes(1000)))
    data[offset] ^= 0xFF
    path = tmp_path / "labels.gz"
    path.write_bytes(bytes(data))
    with pytest.raises(DatasetError, match="is not a valid gzip file") as e:
        read_idx(path)
    assert str(path) in str(e.value) and "download a fresh copy" in str(e.value)


def test_missing_file(tmp_path):
    with pytest.raises(DatasetError, match="does not exist"):
        read_idx(tmp_path / "nothing-here")
