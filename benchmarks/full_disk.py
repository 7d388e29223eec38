"""Every write path on a real full disk: a 2 MB tmpfs, filled up, under the real command line.

For each write path the script first writes a good old file there (by running the same command
while the disk has room, so the old file is a real one), fills the tmpfs with a filler file until
no block is free, runs the command again in a subprocess, and checks: exit code 2, the message
"Cannot write FILE: no space left on device — nothing was changed" on stderr with no traceback,
the old file(s) byte-identical (SHA-256), and no .part left on the tmpfs. The tmpfs is wiped
between paths and unmounted at the end.

    sudo python benchmarks/full_disk.py                 # this checkout
    sudo python benchmarks/full_disk.py --tree OLD_DIR  # another checkout, e.g. before the fix

Needs root (mount -t tmpfs); without it, or where mounting is not allowed (a container without
CAP_SYS_ADMIN), it says so and exits 0. The models are the xor-mlp preset's (a few kB), so a
2 MB disk holds the old files with room to spare before it is filled; the source model, the run
config and the study database live on the ordinary disk, so only the file under test is on the
full one. Checkpoints, caches and personal samples are covered by tests/core/test_full_disk.py
(with simulated refusals): they warn and go on rather than end the command.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MESSAGE = "Cannot write {path}: no space left on device — nothing was changed"

# The project save through the core API (what File ▸ Save calls), as a small script: exit 2
# with the message for a user error, as the command line does.
PROJECT_SAVE = """
import sys
from playground.core.errors import PlaygroundError
from playground.core.io.bundle import load_model_bundle
from playground.core.io.project import Project, load_project, save_project
path, bundle = sys.argv[1], sys.argv[2]
model = load_model_bundle(bundle)
runs = [model.as_run(f"run {i}") for i in range(int(sys.argv[3]))]
try:
    save_project(path, Project(model.config, runs))
except PlaygroundError as e:
    print(f"error: {e}", file=sys.stderr)
    sys.exit(2)
"""


def _run(tree: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _sha(path: Path) -> str | None:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else None


def _fill(mnt: Path) -> int:
    """Fill the tmpfs: dd in 64 kB, then 4 kB blocks (a page) until the disk refuses; returns
    the free bytes left (0 when full)."""
    for bs in ("64k", "4k"):
        subprocess.run(
            ["dd", "if=/dev/zero", f"of={mnt / f'filler-{bs}'}", f"bs={bs}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False,
        )
    st = os.statvfs(mnt)
    return st.f_bavail * st.f_frsize


def _wipe(mnt: Path) -> None:
    for p in mnt.iterdir():
        p.unlink()


def _cases(work: Path, mnt: Path) -> list[tuple[str, list[str], list[Path], Path]]:
    """(name, the command's arguments to python, the files it writes, the file the message names)."""
    bundle, config, db = work / "source.nnpmodel", work / "tiny.json", work / "study.db"
    train = ["-m", "playground", "train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint"]
    export = ["-m", "playground", "export", str(bundle), "-o"]
    cases = [
        ("train --save (.nnpmodel)", [*train, "--save", str(mnt / "m.nnpmodel")], [mnt / "m.nnpmodel"]),
        ("train --save (.safetensors)", [*train, "--save", str(mnt / "m.safetensors")], [mnt / "m.safetensors"]),
        ("train --summary-json", [*train, "--summary-json", str(mnt / "s.json")], [mnt / "s.json"]),
        ("export torchscript", [*export, str(mnt / "m.pt"), "--format", "torchscript"], [mnt / "m.pt"]),
        ("export onnx", [*export, str(mnt / "m.onnx"), "--format", "onnx"], [mnt / "m.onnx"]),
        ("export state-dict", [*export, str(mnt / "w.pt"), "--format", "state-dict"], [mnt / "w.pt"]),
        ("export code", [*export, str(mnt / "m.py"), "--format", "code"], [mnt / "m.weights.pt", mnt / "m.py"]),
        ("export bundle", [*export, str(mnt / "b.nnpmodel"), "--format", "bundle"], [mnt / "b.nnpmodel"]),
        (
            "tune --save-best",
            ["-m", "playground", "tune", str(config), "--trials", "1", "--sampler", "random", "--seed", "0",
             "--storage", f"sqlite:///{db}", "--save-best", str(mnt / "best.json")],
            [mnt / "best.json"],
        ),
        ("project save (core API)", ["-c", PROJECT_SAVE, str(mnt / "p.nnp"), str(bundle), "{runs}"], [mnt / "p.nnp"]),
    ]
    return [(name, args, files, files[0]) for name, args, files in cases]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tree", type=Path, default=ROOT, help="the checkout whose playground is run (default: this one)")
    parser.add_argument("--size", default="2m", help="the tmpfs size (default 2m)")
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("benchmarks/full_disk.py mounts a tmpfs and needs root; not run (tests/core/test_full_disk.py "
              "simulates the full disk without root).")
        return 0
    tree = args.tree.resolve()
    with tempfile.TemporaryDirectory(prefix="full-disk-") as tmp:
        work = Path(tmp)
        mnt = work / "mnt"
        mnt.mkdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={args.size}", "tmpfs", str(mnt)], capture_output=True, text=True)
        if mounted.returncode != 0:
            print(f"Cannot mount a tmpfs here ({mounted.stderr.strip() or mounted.returncode}); not run.")
            return 0
        try:
            return _measure(tree, work, mnt, args.size)
        finally:
            subprocess.run(["umount", str(mnt)], check=False)


def _measure(tree: Path, work: Path, mnt: Path, size: str) -> int:
    # The source model and the run config, on the ordinary disk.
    made = _run(tree, ["-m", "playground", "train", "--preset", "xor-mlp", "--epochs", "1", "--quiet", "--no-checkpoint",
                       "--save", str(work / "source.nnpmodel")], work)
    if made.returncode != 0:
        print(made.stdout, made.stderr)
        return 1
    preset = json.loads((tree / "resources" / "presets" / "xor-mlp.json").read_text())
    (work / "tiny.json").write_text(json.dumps({**preset, "train": {**preset["train"], "epochs": 1}}))

    print(f"tree: {tree}\ntmpfs: {size} at {mnt}\n")
    rows, all_ok = [], True
    for name, cmd, files, named in _cases(work, mnt):
        _wipe(mnt)
        old_cmd = [c.replace("{runs}", "1") for c in cmd]
        new_cmd = [c.replace("{runs}", "3") for c in cmd]  # the project grows: a save that needs more room
        first = _run(tree, old_cmd, work)
        if first.returncode != 0 or not all(f.exists() for f in files):
            rows.append((name, f"setup failed ({first.returncode})", "-", "-", "-", "-"))
            all_ok = False
            print(first.stderr[-2000:])
            continue
        before = {f: _sha(f) for f in files}
        old_size = sum(f.stat().st_size for f in files)
        free = _fill(mnt)
        result = _run(tree, new_cmd, work)
        err = result.stderr
        message_ok = MESSAGE.format(path=named) in err and "Traceback" not in err
        identical = all(_sha(f) == h for f, h in before.items())
        parts = [p.name for p in mnt.iterdir() if p.name.endswith(".part")]
        ok = result.returncode == 2 and message_ok and identical and not parts
        all_ok &= ok
        last = next((line for line in reversed(err.strip().splitlines()) if line.strip()), "")
        rows.append((name, str(result.returncode), "yes" if message_ok else "NO", "yes" if identical else "NO",
                     ", ".join(parts) or "none", f"{old_size:,} B old, {free} B free; {last[-200:]}"))
    header = ("path", "exit", "message ok", "old file byte-identical", ".part left", "notes (last stderr line)")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    for row in [header, tuple("-" * w for w in widths) + ("-" * 24,), *rows]:
        print(" | ".join(c.ljust(w) for c, w in zip(row[:5], widths)) + " | " + row[5])
    print(f"\n{'all write paths held' if all_ok else 'SOME WRITE PATHS FAILED'}: exit 2, the message, old files intact, no .part")
    return 0 if all_ok else 1


if __name__ == "__main__":
    sys.exit(main())
