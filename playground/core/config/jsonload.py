"""`load_json`: JSON from a file the app did not write itself, refused cleanly when it is
too large or nested too deep.

Python's json module recurses once per level of nesting, so a document nested thousands deep
ends in a RecursionError, and one huge file can take all memory. Every JSON the app reads from
outside (run configs, bundle and project manifests, model metadata) goes through here, so such
a file gets a message naming it instead of a traceback. In config, the lowest layer, so that
every layer can use it.
"""

from __future__ import annotations

import json
import re
from typing import Any

from playground.core.errors import ConfigError, KeyedError

__all__ = ["MAX_JSON_BYTES", "MAX_JSON_DEPTH", "json_depth", "load_json"]

# A run config nests five levels (config > model > layers > layer > value); manifests and
# summaries a few more. 100 leaves ample room and stays far below Python's recursion limit.
MAX_JSON_DEPTH = 100
# Run configs are a few kilobytes, manifests and summaries well under a megabyte.
MAX_JSON_BYTES = 8 * 1024 * 1024

_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKET = re.compile(r"[\[\]{}]")


def json_depth(text: str) -> int:
    """The deepest nesting of arrays and objects in `text` (brackets inside strings do not
    count), found without recursion."""
    depth = deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        if m.group() in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def load_json(
    text: str | bytes,
    what: str,
    *,
    max_depth: int = MAX_JSON_DEPTH,
    max_bytes: int = MAX_JSON_BYTES,
    error: type[KeyedError] = ConfigError,
) -> Any:
    """`text` parsed as JSON. `what` names the file for the message ("config.json in
    model.nnpmodel"); anything wrong — too large, nested deeper than `max_depth`, not UTF-8,
    not JSON, numbers too long to read — raises `error` with a message naming it."""
    size = len(text)
    if size > max_bytes:
        raise error(
            f"{what} is too large to be read ({size:,} bytes; at most {max_bytes:,}) — "
            "it was not written by Neural Network Playground.",
            "json_too_large",
            {"what": what, "size": size, "limit": max_bytes},
        )
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise error(f"{what} is not UTF-8 text — is it the right file?", "json_not_utf8", {"what": what}) from None
    depth = json_depth(text)
    if depth > max_depth:
        raise error(
            f"{what} is nested {depth} levels deep (at most {max_depth}) — it was not written by "
            "Neural Network Playground.",
            "json_too_deep",
            {"what": what, "depth": depth, "limit": max_depth},
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise error(
            f"{what} is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg}).",
            "json_invalid",
            {"what": what, "line": e.lineno, "column": e.colno, "reason": e.msg},
        ) from None
    except (ValueError, RecursionError) as e:  # e.g. an integer with more than 4300 digits
        raise error(f"{what} cannot be read as JSON: {e}.", "json_unreadable", {"what": what, "reason": str(e)}) from None
