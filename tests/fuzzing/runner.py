"""Running fuzz cases in worker processes and counting their outcomes.

Each case is (format, index, seed): the worker derives its mutation from those alone
(`random.Random(f"{seed}:{format}:{index}")`), writes the mutated file, opens it the way the
app does (tests/fuzzing/formats.py) and reports one outcome:

  refused    the app's own error (a PlaygroundError) with a message — a clean refusal
  opened     it opened (and predicted) and no check found anything wrong
  wrong      it opened but a check shows the result is silently wrong
  traceback  any other exception (what a user would see as a crash report)
  crash      the worker died (a signal, MemoryError under its memory limit)
  hang       no answer within the time limit

A refusal whose message does not name the file is counted as refused and also as
`unnamed` (the formats that must name it fail on it: Format.names_file).

Workers are long-lived (torch imports once) and restarted after a crash or hang; their
address space is capped (RLIMIT_AS) so a decompression bomb ends in MemoryError instead of
taking the machine's memory.
"""

from __future__ import annotations

import json
import os
import queue
import random
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUTCOMES = ("refused", "opened", "wrong", "traceback", "hang", "crash")
BAD = ("wrong", "traceback", "hang", "crash")

__all__ = ["BAD", "OUTCOMES", "Result", "failures", "markdown_table", "run_fuzz", "write_case"]


@dataclass
class Result:
    format: str
    index: int
    seed: int
    outcome: str
    mutation: str = ""
    detail: str = ""
    unnamed: bool = False
    seconds: float = 0.0

    @property
    def reproducer(self) -> str:
        return f"python benchmarks/fuzz.py --seed {self.seed} --formats {self.format} --case {self.index}"


# --------------------------------------------------------------------------- in the worker


@dataclass
class Context:
    seeds: object
    seed: str  # the seed file's name
    work: Path  # an empty folder for this case
    compare: bool  # predictions must match the seed's (the mutation is one the app could see)
    name: str = ""  # the file name a refusal must mention
    notes: list = field(default_factory=list)


def case_rng(seed: int, fmt: str, index: int) -> random.Random:
    return random.Random(f"{seed}:{fmt}:{index}")


def write_case(seeds_dir: Path, fmt: str, index: int, seed: int, folder: Path):
    """Write the mutated file of case (fmt, index, seed) into `folder`: (path, Mutation)."""
    from tests.fuzzing.formats import FORMATS

    f = FORMATS[fmt]
    rng = case_rng(seed, fmt, index)
    seed_name = rng.choice(f.seeds)
    m = f.mutator(rng, (Path(seeds_dir) / seed_name).read_bytes())
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / seed_name
    path.write_bytes(m.data)
    return path, m


def run_case(seeds, fmt: str, index: int, seed: int, work_root: Path, full_traceback: bool = False) -> dict:
    from playground.core.errors import PlaygroundError
    from tests.fuzzing.formats import FORMATS, Wrong

    case_dir = work_root / f"{fmt}-{index}"
    shutil.rmtree(case_dir, ignore_errors=True)
    out: dict = {"format": fmt, "index": index, "seed": seed}
    start = time.perf_counter()
    try:
        path, m = write_case(seeds.folder, fmt, index, seed, case_dir / "file")
        out["mutation"] = f"{path.name}: {m.desc}"
        ctx = Context(seeds, path.name, case_dir, m.weights or m.meta, path.name)
        try:
            FORMATS[fmt].opener(path, ctx)
            out["outcome"] = "opened"
        except Wrong as e:
            out["outcome"], out["detail"] = "wrong", str(e)
        except PlaygroundError as e:
            message = str(e)
            out["outcome"], out["detail"] = "refused", message[:300]
            out["unnamed"] = not message.strip() or ctx.name not in message
        except MemoryError:
            out["outcome"], out["detail"] = "crash", "MemoryError"
        except Exception as e:  # noqa: BLE001 - what the fuzzer looks for
            out["outcome"] = "traceback"
            if full_traceback:
                out["detail"] = traceback.format_exc()
            else:
                frames = traceback.extract_tb(e.__traceback__)
                ours = [fr for fr in frames if "/playground/" in fr.filename] or frames
                where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
                out["detail"] = f"{type(e).__name__} at {where}: {str(e)[:200]}"
    finally:
        shutil.rmtree(case_dir, ignore_errors=True)
    out["seconds"] = time.perf_counter() - start
    return out


def worker_main(seeds_dir: str, mem_gib: float) -> None:
    """Answer cases read from stdin ("format index seed" lines) with JSON lines on stdout."""
    import resource

    if mem_gib > 0:
        limit = int(mem_gib * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    answer = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything the app prints goes to the worker's log, not into the answers
    import warnings

    import torch

    warnings.simplefilter("ignore")
    torch.set_num_threads(1)
    from tests.fuzzing.formats import Seeds

    seeds = Seeds(Path(seeds_dir))
    work = Path(tempfile.mkdtemp(prefix="fuzz-worker-"))
    os.environ["PLAYGROUND_DATA_DIR"] = str(work / "user-data")  # never the user's own folders
    os.environ["PLAYGROUND_RUNS_DIR"] = str(work / "runs")
    answer.write("ready\n")
    try:
        for line in sys.stdin:
            fmt, index, seed = line.split()
            answer.write(json.dumps(run_case(seeds, fmt, int(index), int(seed), work)) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --------------------------------------------------------------------------- in the parent


def _python_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["OMP_NUM_THREADS"] = "1"
    return env


def start_seeds(folder: Path) -> subprocess.Popen:
    """Start writing the seed files, with the app's code, in a process of their own."""
    code = f"from tests.fuzzing.formats import make_seeds; from pathlib import Path; make_seeds(Path({str(folder)!r}))"
    return subprocess.Popen([sys.executable, "-c", code], env=_python_env(), cwd=REPO, stdout=subprocess.DEVNULL)


def make_seeds(folder: Path) -> None:
    if start_seeds(folder).wait() != 0:
        raise RuntimeError("making the fuzzer's seed files failed (see the traceback above)")


class Worker:
    def __init__(self, seeds_dir: Path, log: Path, mem_gib: float):
        self.seeds_dir, self.log, self.mem_gib = seeds_dir, log, mem_gib
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self.logfile = open(self.log, "ab")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzzing.runner", "--worker", str(self.seeds_dir), str(self.mem_gib)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.logfile, env=_python_env(), cwd=REPO,
            start_new_session=True, text=True, bufsize=1,
        )
        if self._read(120) != "ready":
            raise RuntimeError(f"a fuzz worker did not start; see {self.log}")

    def _read(self, timeout: float) -> str | None:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        return self.proc.stdout.readline().strip() or ""

    def stop(self) -> None:
        if self.proc is not None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait()
            self.proc = None
            self.logfile.close()

    def run(self, fmt: str, index: int, seed: int, timeout: float) -> dict:
        if self.proc is None:
            self.start()
        start = time.perf_counter()
        self.proc.stdin.write(f"{fmt} {index} {seed}\n")
        self.proc.stdin.flush()
        line = self._read(timeout)
        if line:
            return json.loads(line)
        if line is None:
            self.stop()
            return {"outcome": "hang", "detail": f"no answer in {timeout:g} s", "seconds": time.perf_counter() - start}
        code = self.proc.wait()
        self.stop()
        how = f"killed by signal {-code}" if code < 0 else f"exited with {code}"
        return {"outcome": "crash", "detail": f"worker {how}", "seconds": time.perf_counter() - start}


def run_fuzz(
    formats: list[str],
    n: int,
    seed: int = 14,
    jobs: int = 2,
    timeout: float = 10.0,
    mem_gib: float = 3.0,
    seeds_dir: Path | None = None,
    progress=None,
    cases: list[tuple[str, int]] | None = None,
) -> list[Result]:
    """Run `n` cases of each format (or exactly `cases`) on `jobs` workers; the results in
    case order."""
    tmp = Path(tempfile.mkdtemp(prefix="fuzz-"))
    try:
        seeding = None
        if seeds_dir is None:  # made while the workers start (both take seconds)
            seeds_dir = tmp / "seeds"
            seeding = start_seeds(seeds_dir)
        seeded = threading.Event()
        todo: queue.Queue = queue.Queue()
        cases = cases if cases is not None else [(fmt, i) for i in range(n) for fmt in formats]
        for case in cases:
            todo.put(case)
        results: dict[tuple[str, int], Result] = {}
        lock = threading.Lock()

        def work(k: int) -> None:
            worker = Worker(seeds_dir, tmp / f"worker-{k}.log", mem_gib)
            try:
                worker.start()
                seeded.wait()
                while not failed:
                    try:
                        fmt, index = todo.get_nowait()
                    except queue.Empty:
                        return
                    answer = worker.run(fmt, index, seed, timeout)
                    if answer["outcome"] in ("hang", "crash"):  # say which mutation it was
                        try:
                            answer["mutation"] = write_case(seeds_dir, fmt, index, seed, tmp / "describe")[1].desc
                        except Exception as e:  # noqa: BLE001 - a fuzzer bug: said, not hidden
                            answer["mutation"] = f"(the mutator failed: {type(e).__name__}: {e})"
                    r = Result(fmt, index, seed, answer["outcome"], answer.get("mutation", ""), answer.get("detail", ""),
                               bool(answer.get("unnamed")), float(answer.get("seconds", 0.0)))
                    with lock:
                        results[(fmt, index)] = r
                        if progress:
                            progress(r, len(results), len(cases))
            finally:
                worker.stop()

        threads = [threading.Thread(target=work, args=(k,), daemon=True) for k in range(max(1, jobs))]
        failed: list[str] = []
        for t in threads:
            t.start()
        if seeding is not None and seeding.wait() != 0:
            failed.append("seeds")
        seeded.set()
        for t in threads:
            t.join()
        if failed:
            raise RuntimeError("making the fuzzer's seed files failed (see the traceback above)")
        return [results[c] for c in cases if c in results]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def failures(results: list[Result]) -> list[Result]:
    """The results that count against the app: BAD outcomes, and unnamed refusals of the
    formats that must name their file."""
    from tests.fuzzing.formats import FORMATS

    return [r for r in results if r.outcome in BAD or (r.unnamed and FORMATS[r.format].names_file)]


def markdown_table(results: list[Result]) -> str:
    """Format × outcome counts as a Markdown table (plus the refusals that do not name the file)."""
    from tests.fuzzing.formats import FORMATS

    by_format: dict[str, Counter] = {}
    for r in results:
        c = by_format.setdefault(r.format, Counter())
        c[r.outcome] += 1
        c["unnamed"] += r.unnamed
        c["cases"] += 1
    head = ["format", "cases", *OUTCOMES, "refused without the file's name"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total = Counter()
    for fmt, c in by_format.items():
        total.update(c)
        cells = [fmt, str(c["cases"]), *(str(c[o]) for o in OUTCOMES), str(c["unnamed"])]
        lines.append("| " + " | ".join(cells) + " |")
    cells = ["**all**", str(total["cases"]), *(str(total[o]) for o in OUTCOMES), str(total["unnamed"])]
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__" and len(sys.argv) >= 3 and sys.argv[1] == "--worker":
    worker_main(sys.argv[2], float(sys.argv[3]) if len(sys.argv) > 3 else 3.0)
