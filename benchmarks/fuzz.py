"""The fuzzer (tests/fuzzing) at length: N mutated files per format, opened the way the app
opens them, and the outcome table (format × refused / opened / wrong / traceback / hang /
crash) as Markdown, then each failure with the command that reproduces it.

    python benchmarks/fuzz.py --n 500                       # every format
    python benchmarks/fuzz.py --n 50 --formats png jpeg     # some
    python benchmarks/fuzz.py --seed 14 --formats png --case 7 --keep /tmp/case   # one case, full traceback
    python benchmarks/fuzz.py --n 500 --seeds /tmp/seeds    # keep the seed files: --case with the same
                                                            # --seeds then opens the very same file

Exit status 1 when any case failed (wrong, traceback, hang, crash, or an image refusal that
does not name the file).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.fuzzing.formats import FORMATS  # noqa: E402
from tests.fuzzing.runner import failures, make_seeds, markdown_table, run_case, run_fuzz, write_case  # noqa: E402


def _one_case(args) -> int:
    """Write case `--case` of the one format into --keep, then open it here with the full traceback."""
    from tests.fuzzing.formats import Seeds

    keep = Path(args.keep or tempfile.mkdtemp(prefix="fuzz-case-"))
    seeds_dir = Path(args.seeds) if args.seeds else keep / "seeds"
    if not seeds_dir.is_dir():
        make_seeds(seeds_dir)
    fmt = args.formats[0]
    path, m = write_case(seeds_dir, fmt, args.case, args.seed, keep / "case")
    print(f"{fmt} case {args.case} (seed {args.seed}): {m.desc}\nfile: {path}")
    result = run_case(Seeds(seeds_dir), fmt, args.case, args.seed, keep / "work", full_traceback=True)
    print(f"outcome: {result['outcome']}\n{result.get('detail', '')}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100, help="mutated files per format (default 100)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--formats", nargs="+", choices=list(FORMATS), default=list(FORMATS), metavar="FORMAT",
                        help=f"which formats (default all: {', '.join(FORMATS)})")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds before a case counts as a hang")
    parser.add_argument("--mem-gib", type=float, default=3.0, help="address-space limit per worker, GiB")
    parser.add_argument("--case", type=int, help="run only this case of the (one) format, in this process, with its traceback")
    parser.add_argument("--keep", help="with --case: the folder for the seeds and the mutated file")
    parser.add_argument(
        "--seeds",
        help="the folder of seed files: made there if missing, and kept. The seeds hold times (a checkpoint's, a "
        "bundle's), so seeds made anew shift a case's byte offsets: give --case the run's --seeds to get its very file",
    )
    args = parser.parse_args()
    if args.case is not None:
        return _one_case(args)

    start = time.perf_counter()
    done_at = [start]

    def progress(result, done, total):
        now = time.perf_counter()
        if now - done_at[0] > 15 or done == total:
            done_at[0] = now
            print(f"  {done}/{total} cases, {now - start:.0f} s", file=sys.stderr, flush=True)

    seeds_dir = None
    if args.seeds:
        seeds_dir = Path(args.seeds)
        if not seeds_dir.is_dir():
            make_seeds(seeds_dir)
    results = run_fuzz(args.formats, args.n, args.seed, args.jobs, args.timeout, args.mem_gib, progress=progress, seeds_dir=seeds_dir)
    seconds = time.perf_counter() - start
    print(f"\nFuzzer: {args.n} mutated files per format, seed {args.seed}, {args.jobs} workers, "
          f"timeout {args.timeout:g} s, {args.mem_gib:g} GiB per worker; {seconds:.0f} s\n")
    print(markdown_table(results))
    bad = failures(results)
    if bad:
        groups = defaultdict(list)
        for r in bad:
            key = (r.format, r.outcome if not (r.unnamed and r.outcome == "refused") else "unnamed", r.detail.split(":")[0][:80])
            groups[key].append(r)
        print(f"\n{len(bad)} failures in {len(groups)} groups:")
        for (fmt, outcome, _), rs in sorted(groups.items()):
            r = rs[0]
            again = r.reproducer + (f" --seeds {args.seeds}" if args.seeds else "")
            print(f"- {fmt} {outcome} ×{len(rs)}: {r.detail[:200]}\n    mutation: {r.mutation[:160]}\n    reproduce: {again}")
    slow = sorted(results, key=lambda r: -r.seconds)[:5]
    print("\nslowest cases: " + ", ".join(f"{r.format}#{r.index} {r.seconds:.1f}s" for r in slow))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
