"""A seeded mini-fuzzer over run configs (issue 14, item 5): every mutated preset JSON either
loads as a valid config or is refused with a ConfigError (a PlaygroundError) — never another
exception (TypeError, AttributeError, OverflowError, RecursionError ...)."""

from __future__ import annotations

import copy
import dataclasses
import json
import math
import random
from collections import Counter
from collections.abc import Mapping


from playground.core.config.presets import list_presets, resource_path
from playground.core.config.spec import RunConfig
from playground.core.errors import PlaygroundError
from tests.fuzzing.mutate import _paths  # every path (tuple of keys and list indices) into a JSON document

SEED = 14
N_CASES = 400

# Values of every JSON type, and numbers at the edges of what a field can hold.
WRONG_VALUES = [
    None, True, False, 0, -1, 1.5, 1e30, -1e30, 10**30, 2**63, float("inf"), float("nan"),
    "", "x", "1", [], [1], {}, {"a": 1}, [[[]]],
]




def _deep(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def _set(doc, path, value):
    if not path:
        return value
    node = doc
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return doc


def _mutate(rng: random.Random, doc: dict) -> str:
    """One mutated config, as JSON text."""
    doc = copy.deepcopy(doc)
    paths = list(_paths(doc))
    path = rng.choice(paths)
    kind = rng.randrange(6)
    if kind == 0:  # deep nesting as text (json.dumps itself would overflow the stack)
        depth = rng.choice([100, 1000, 5000, 100_000])
        return json.dumps(_set(doc, path, "@@")).replace('"@@"', "[" * depth + "]" * depth)
    if kind == 1 and path:  # drop a key or an item
        node = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        return json.dumps(doc)
    if kind == 2 and path and isinstance(path[-1], str):  # an unknown key beside it
        node = doc
        for key in path[:-1]:
            node = node[key]
        node["bogus"] = rng.choice(WRONG_VALUES)
        return json.dumps(doc)
    if kind == 3:  # a huge or odd number
        return json.dumps(_set(doc, path, rng.choice([1e30, 10**30, -(10**30), 1e308, 2**31, 0.0, -0.0, 1e-300])))
    if kind == 4:  # nested a little (fits json.dumps)
        return json.dumps(_set(doc, path, _deep(rng.choice([3, 50]))))
    return json.dumps(_set(doc, path, rng.choice(WRONG_VALUES)))


def _outcome(text: str) -> str:
    """'valid', 'refused' (a ConfigError/PlaygroundError) or the name of any other exception."""
    try:
        cfg = RunConfig.from_json(text)
        # What the trainer does next without a dataset: the layer stack on an image input.
        shaped = cfg.replace(model=cfg.model.__class__((1, 28, 28), cfg.model.layers, cfg.model.init))
        shaped.model.parameter_count()
        _assert_types(cfg)
        RunConfig.from_json(cfg.to_json())  # and it survives its own round-trip
    except PlaygroundError:
        return "refused"
    except Exception as e:  # noqa: BLE001 - what the fuzzer looks for
        return type(e).__name__
    return "valid"


def _assert_types(cfg) -> None:
    """A config that loads holds what its fields declare (no list where a mapping belongs)."""
    assert isinstance(cfg.data.options, Mapping) and isinstance(cfg.optimizer.params, Mapping)
    assert isinstance(cfg.schedule.params, Mapping) and isinstance(cfg.model.init, str)
    assert all(isinstance(s, int) for s in cfg.model.input_shape)
    for section in (cfg.train, cfg.regularization, cfg.data.augment):
        for f in dataclasses.fields(section):
            value = getattr(section, f.name)
            if f.type in ("int", "float"):
                assert isinstance(value, (int, float)) and not isinstance(value, bool), (f.name, value)
                assert math.isfinite(value) and abs(value) < 2**63, (f.name, value)


def fuzz_outcomes(n: int = N_CASES, seed: int = SEED) -> tuple[Counter, list[tuple[str, str]]]:
    rng = random.Random(seed)
    docs = [json.loads(resource_path("presets", f"{p}.json").read_text(encoding="utf-8")) for p in list_presets()]
    for doc in docs:  # so that the input shape is fuzzed too
        doc["model"].setdefault("input_shape", [1, 28, 28] if doc["data"]["name"] == "mnist" else [2])
    counts: Counter = Counter()
    bad: list[tuple[str, str]] = []
    for _ in range(n):
        text = _mutate(rng, rng.choice(docs))
        outcome = _outcome(text)
        counts[outcome] += 1
        if outcome not in ("valid", "refused"):
            bad.append((outcome, text[:300]))
    return counts, bad


def test_fuzzed_configs_load_or_are_refused_cleanly():
    counts, bad = fuzz_outcomes()
    assert not bad, f"outcomes {dict(counts)}; first failures: {bad[:5]}"
    assert counts["valid"] and counts["refused"]  # the fuzzer reaches both sides


if __name__ == "__main__":  # python tests/core/test_config_fuzz.py: the outcome table
    import sys

    counts, bad = fuzz_outcomes(int(sys.argv[1]) if len(sys.argv) > 1 else N_CASES)
    print(dict(sorted(counts.items())))
    for outcome, text in bad[:20]:
        print(outcome, text[:160])
