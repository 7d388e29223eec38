"""Reading a table of your own: a CSV or TSV file as Excel and other programs write it.

`read_table(path)` detects the encoding (UTF-8, UTF-8 with a byte-order mark, UTF-16 with one,
CP932/Shift_JIS as Excel writes on Japanese Windows), the separator (comma, semicolon or tab),
reads the first row as the header and the rest streaming, in chunks, into one array per column
(numbers as float64 with NaN for a missing value, text as category codes), so a large file costs
about 8 bytes a cell rather than a Python string each. Decimal commas ("1,5") are read where the
separator is a semicolon. Each column's kind is inferred (`Column.kind`):

* numeric: every value present is a number;
* categorical: text (or numbers mixed with text) with at most MAX_CATEGORIES different values;
* constant (one value), empty (every value missing), id (every value different: an ID or a row
  number) and text (too many different values to be categories): left out, with a note.

Missing values are empty cells and NA, N/A, NaN, null and "?" (any case). Files above
MAX_BYTES are refused with the limit stated rather than read: a learner's table is small, and a
half-gigabyte file is more likely a mistake than a training set (reading is streaming, so the limit
is about time, not memory: about 1 s per 10 MB here). What is done with the columns (the target,
the task, filling, one-hot encoding, standardising, the split) is table_prep.py's.
"""

from __future__ import annotations

import codecs
import csv
import io
import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from playground.core.data.dataset import DatasetError, Progress, check_cancel

__all__ = ["MAX_BYTES", "Column", "Table", "is_missing", "number_label", "read_rows", "read_table"]

MAX_BYTES = 256 * 1024 * 1024
MISSING = frozenset({"", "na", "n/a", "nan", "null", "?"})  # compared stripped and lower-cased
MAX_CATEGORIES = 50  # more different values than this: text, not categories
_TRACK_LIMIT = 1000  # different text values remembered per column (the user may ask for categories)
SEPARATORS = {",": "comma", ";": "semicolon", "\t": "tab"}
PREVIEW_ROWS = 20
_SAMPLE_BYTES = 1 << 20
_CHUNK_ROWS = 20_000


def is_missing(value: str) -> bool:
    return value.strip().lower() in MISSING


def number_label(value: float) -> str:
    """A number as a category name: 3.0 -> "3", 2.5 -> "2.5"."""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e15 else repr(float(value))


@dataclass
class Column:
    """One column as read. `numbers` (float64, NaN where missing) while every value present is
    a number, else None; `codes` (int32 into `categories`, -1 where missing) while the column has
    at most _TRACK_LIMIT different values, else None. `first_text` is (line, value) of the first
    value that is not a number."""

    name: str
    kind: str = ""
    note: str = ""
    missing: int = 0
    numbers: np.ndarray | None = field(default=None, repr=False)
    codes: np.ndarray | None = field(default=None, repr=False)
    categories: list[str] | None = None
    first_text: tuple[int, str] | None = None

    @property
    def usable(self) -> bool:
        return self.kind in ("numeric", "categorical")


@dataclass
class Table:
    path: str
    encoding: str
    separator: str
    decimal_comma: bool
    columns: list[Column]
    n_rows: int
    preview: list[list[str]]  # the first rows as read (strings), for a preview

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        names = ", ".join(self.names)
        raise DatasetError(
            f"The table has no column '{name}'. Its columns: {names}. Give one of these (names are case-sensitive).",
            "unknown_column",
            {"name": name, "columns": names},
        )


# --------------------------------------------------------------------------- encoding and separator


def _detect_encoding(head: bytes, path: Path) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"  # Excel's "Unicode text"
    controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 12, 13))
    if b"\x00" not in head and controls <= len(head) // 100:
        for encoding in ("utf-8", "cp932"):
            try:
                codecs.getincrementaldecoder(encoding)().decode(head, final=False)
                return encoding
            except UnicodeDecodeError:
                pass
    raise _not_text(path)


def _not_text(path: Path) -> DatasetError:
    return DatasetError(
        f"{path} is not a text table (CSV or TSV) this app can read — save it from your spreadsheet as "
        "\"CSV UTF-8\" (or CSV) and open that file.",
        "table_not_text",
        {"path": str(path)},
    )


def _detect_separator(sample: str, truncated: bool) -> str:
    lines = sample.splitlines()[:60]
    if truncated and len(lines) > 1:
        lines = lines[:-1]  # maybe cut in half
    best, best_score = None, (0.0, 0)
    for sep in SEPARATORS:
        rows = [r for r in csv.reader(lines, delimiter=sep) if r]
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        data = rows[1:]
        score = (sum(len(r) == width for r in data) / len(data) if data else 1.0, width)
        if score > best_score:
            best, best_score = sep, score
    return best or ","


# --------------------------------------------------------------------------- reading


class _CountingReader(io.RawIOBase):
    """A binary file that counts the bytes read from it (progress while text is decoded)."""

    def __init__(self, f):
        self.f, self.count = f, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = self.f.readinto(buffer)
        self.count += n or 0
        return n


class _Accumulator:
    """One column's values, chunk by chunk."""

    def __init__(self, name: str, semicolon: bool):
        self.column = Column(name)
        self.semicolon = semicolon
        self.decimal_comma = False
        self.number_chunks: list[np.ndarray] | None = []
        self.code_chunks: list[np.ndarray] | None = []
        self.lookup: dict[str, int] | None = {}

    def add(self, values: tuple[str, ...], lines: list[int]) -> None:
        if self.number_chunks is not None:
            numbers = self._numbers(values, lines)
            if numbers is not None:
                self.number_chunks.append(numbers)
                self.column.missing += int(np.isnan(numbers).sum())
                return
            self._numbers_to_codes()
        self._add_codes(values)

    def _numbers(self, values, lines) -> np.ndarray | None:
        try:
            out = np.array(values, dtype=np.float64)
            if not np.isinf(out).any():
                return out
        except ValueError:
            pass
        out = np.empty(len(values))
        for i, raw in enumerate(values):
            s = raw.strip()
            if s.lower() in MISSING:
                out[i] = np.nan
                continue
            try:
                out[i] = float(s)
            except ValueError:
                if self.semicolon and "," in s:
                    try:
                        out[i] = float(s.replace(",", "."))
                        self.decimal_comma = True
                        continue
                    except ValueError:
                        pass
                self.column.first_text = (lines[i], s)
                return None
            if not np.isfinite(out[i]):
                self.column.first_text = (lines[i], s)
                return None
        return out

    def _numbers_to_codes(self) -> None:
        """The column turned out to hold text: what was read as numbers becomes category names."""
        chunks, self.number_chunks, self.column.missing = self.number_chunks, None, 0
        for numbers in chunks:
            self._add_codes(["" if np.isnan(v) else number_label(v) for v in numbers])

    def _add_codes(self, values) -> None:
        missing = [v.strip().lower() in MISSING for v in values]
        self.column.missing += sum(missing)
        if self.lookup is None:
            return
        lookup = self.lookup
        codes = np.fromiter(
            (-1 if m else lookup.setdefault(v.strip(), len(lookup)) for v, m in zip(values, missing)),
            dtype=np.int32,
            count=len(values),
        )
        if len(lookup) > _TRACK_LIMIT:
            self.lookup = self.code_chunks = None
        else:
            self.code_chunks.append(codes)

    def finish(self, n_rows: int) -> Column:
        c = self.column
        if self.number_chunks is not None:
            c.numbers = np.concatenate(self.number_chunks) if self.number_chunks else np.empty(0)
            self.code_chunks = None
        elif self.code_chunks is not None:
            c.codes = np.concatenate(self.code_chunks) if self.code_chunks else np.empty(0, np.int32)
            c.categories = list(self.lookup)
        c.kind, c.note = _infer_kind(c, n_rows)
        return c


def _infer_kind(c: Column, n_rows: int) -> tuple[str, str]:
    present = n_rows - c.missing
    if present == 0:
        return "empty", "every value is missing"
    if c.numbers is not None:
        values = c.numbers[~np.isnan(c.numbers)]
        if values.min() == values.max():
            return "constant", f"every value is {number_label(values[0])}"
        if present > 10 and np.all(values == np.round(values)) and np.all(np.diff(values) == 1):
            return "id", "a row number (1, 2, 3, … counting up)"
        return "numeric", ""
    if c.categories is None:
        return "text", f"more than {_TRACK_LIMIT} different values: text or an ID, not categories"
    distinct = len(c.categories)
    if distinct == 1:
        return "constant", f"every value is '{c.categories[0]}'"
    if distinct == present and present > 10:
        return "id", "every value is different (an ID or a name)"
    if distinct > MAX_CATEGORIES:
        return "text", f"{distinct} different values: too many to be categories"
    return "categorical", ""


def _unique_names(header: list[str]) -> list[str]:
    names, seen = [], set()
    for i, raw in enumerate(header, 1):
        name = raw.strip() or f"column {i}"
        base, n = name, 2
        while name in seen:
            name, n = f"{base} ({n})", n + 1
        seen.add(name)
        names.append(name)
    return names


def read_table(
    path: str | Path,
    *,
    progress: Progress | None = None,
    cancel: threading.Event | None = None,
    max_bytes: int | None = None,
) -> Table:
    """The table in `path` (see the module's notes); files above `max_bytes` (default MAX_BYTES)
    are refused. Every problem a user can fix raises DatasetError naming it and the fix."""
    path, head, size = _checked_file(path, max_bytes)
    encoding = _detect_encoding(head, path)
    try:
        return _read(path, encoding, head, size, progress, cancel)
    except UnicodeDecodeError:
        if encoding != "utf-8":
            raise _not_text(path) from None
    try:  # UTF-8 at the start, something else later: Excel's CP932 with the first rows in ASCII
        return _read(path, "cp932", head, size, progress, cancel)
    except UnicodeDecodeError:
        raise _not_text(path) from None


def read_rows(path: str | Path, *, max_bytes: int | None = None) -> tuple[list[str], list[dict[str, str]]]:
    """(column names, rows as name -> text) of a table, as `read_table` finds its encoding,
    separator and header: the raw rows a trained model's TablePreprocessing.encode takes."""
    path, head, size = _checked_file(path, max_bytes)
    encoding = _detect_encoding(head, path)
    data = path.read_bytes()
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        try:
            text = data.decode("cp932") if encoding == "utf-8" else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            raise _not_text(path) from None
    text = text.lstrip("\ufeff")
    separator = _detect_separator(text[:_SAMPLE_BYTES], truncated=len(text) > _SAMPLE_BYTES)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator)
    header = next((row for row in reader if any(cell.strip() for cell in row)), None)
    if header is None:
        raise _no_rows(path)
    names = _unique_names(header)
    rows = []
    for row in reader:
        row = _fitted(row, len(names), reader.line_num, path)
        if row is not None:
            rows.append(dict(zip(names, row)))
    if not rows:
        raise _header_only(path)
    return names, rows


def _no_rows(path: Path) -> DatasetError:
    return DatasetError(
        f"{path} has no rows — a table needs a header row and at least two rows of data.",
        "table_empty",
        {"path": str(path)},
    )


def _header_only(path: Path) -> DatasetError:
    return DatasetError(
        f"{path} has a header row but no data — add at least two rows under the header.",
        "table_header_only",
        {"path": str(path)},
    )


def _fitted(row: list[str], width: int, line: int, path: Path) -> list[str] | None:
    """`row` with `width` values; None for a blank line; DatasetError naming the line when it has
    another number of values (empty cells after the last column, as Excel writes them, are cut)."""
    if len(row) == width:
        return row
    if not any(cell.strip() for cell in row):
        return None
    if len(row) > width and not any(cell.strip() for cell in row[width:]):
        return row[:width]
    raise DatasetError(
        f"Line {line} of {path} has {len(row)} values but the header has {width} columns — "
        "fix that line (a missing or extra separator, or a quote left open) and open the file again.",
        "table_ragged",
        {"path": str(path), "line": line, "values": len(row), "columns": width},
    )


def _checked_file(path: str | Path, max_bytes: int | None) -> tuple[Path, bytes, int]:
    """(path, its first bytes, its size) of a table file that exists, is not empty and is not
    larger than `max_bytes` (default MAX_BYTES)."""
    max_bytes = MAX_BYTES if max_bytes is None else max_bytes
    path = Path(path).expanduser()
    if not path.is_file():
        raise DatasetError(
            f"The table file {path} does not exist — check the path.", "no_table_file", {"path": str(path)}
        )
    size = path.stat().st_size
    if size == 0:
        raise DatasetError(
            f"{path} is empty — a table needs a header row and at least two rows of data.",
            "table_empty",
            {"path": str(path)},
        )
    if size > max_bytes:
        raise DatasetError(
            f"{path} is {size / 2**20:,.0f} MB; tables up to {max_bytes / 2**20:,.0f} MB can be read — "
            "use a sample of its rows (a smaller file).",
            "table_too_large",
            {"path": str(path), "size_mb": f"{size / 2**20:,.0f}", "limit_mb": f"{max_bytes / 2**20:,.0f}"},
        )
    with open(path, "rb") as f:
        head = f.read(_SAMPLE_BYTES)
    return path, head, size


def _read(path, encoding, head, size, progress, cancel) -> Table:
    sample = codecs.getincrementaldecoder(encoding)(errors="replace").decode(head, final=len(head) == size)
    separator = _detect_separator(sample, truncated=len(head) < size)
    with open(path, "rb") as raw:
        counter = _CountingReader(raw)
        text = io.TextIOWrapper(io.BufferedReader(counter), encoding=encoding, newline="")
        reader = csv.reader(text, delimiter=separator)
        header = next((row for row in reader if any(cell.strip() for cell in row)), None)
        if header is None:
            raise _no_rows(path)
        names = _unique_names(header)
        width = len(names)
        if width < 2:
            raise DatasetError(
                f"{path} has a single column '{names[0]}' — a table needs the column to predict and at least one "
                "more; separate the columns with commas, semicolons or tabs.",
                "table_one_column",
                {"path": str(path), "name": names[0]},
            )
        columns = [_Accumulator(n, separator == ";") for n in names]
        preview: list[list[str]] = []
        chunk: list[list[str]] = []
        lines: list[int] = []
        n_rows = 0

        def flush() -> None:
            for acc, values in zip(columns, zip(*chunk)):
                acc.add(values, lines)
            chunk.clear()
            lines.clear()
            check_cancel(cancel, f"Reading {path.name}")
            if progress is not None:
                progress(f"Reading {path.name}", counter.count, size)

        for row in reader:
            if len(row) != width:
                row = _fitted(row, width, reader.line_num, path)
                if row is None:
                    continue  # a blank line
            if len(preview) < PREVIEW_ROWS:
                preview.append(list(row))
            chunk.append(row)
            lines.append(reader.line_num)
            n_rows += 1
            if len(chunk) >= _CHUNK_ROWS:
                flush()
        if chunk:
            flush()
    if n_rows == 0:
        raise _header_only(path)
    return Table(
        path=str(path),
        encoding=encoding,
        separator=separator,
        decimal_comma=any(a.decimal_comma for a in columns),
        columns=[a.finish(n_rows) for a in columns],
        n_rows=n_rows,
        preview=preview,
    )
