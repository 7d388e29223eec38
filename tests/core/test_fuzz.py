"""The fuzzer (tests/fuzzing) in CI: a few seeded mutated files of every format the app reads,
each opened the way the app opens it in a worker process. None may end in a traceback, a
hang, a crash, or a silently wrong result; damaged images must be refused naming the file.
`python benchmarks/fuzz.py --n 500` runs the same at length and prints the table."""

from __future__ import annotations

import pytest

from tests.fuzzing.formats import FORMATS
from tests.fuzzing.runner import failures, markdown_table, run_fuzz

SEED = 14
N_PER_FORMAT = 6  # ~90 cases: about 20 s on 2 cores



@pytest.fixture(scope="module")
def results():
    return run_fuzz(list(FORMATS), N_PER_FORMAT, seed=SEED, jobs=2, timeout=20.0)


def test_every_case_ran(results):
    assert len(results) == N_PER_FORMAT * len(FORMATS), markdown_table(results)
    assert {r.outcome for r in results} >= {"refused", "opened"}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_mutated_files_are_refused_cleanly(results, fmt):
    bad = [r for r in failures(results) if r.format == fmt]
    assert not bad, "\n".join(
        f"{r.outcome}{' (file not named)' if r.unnamed else ''}: {r.detail[:300]}\n  mutation: {r.mutation}\n  {r.reproducer}"
        for r in bad
    )
