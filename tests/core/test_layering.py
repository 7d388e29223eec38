"""The engine stays Qt-free and light: checked on the import graph and at run time."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contracts_hold():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(lint).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    proc = subprocess.run([lint], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_core_loads_no_qt_and_spec_loads_no_torch():
    code = (
        "import sys, importlib, pkgutil, playground.core as core\n"
        "import playground.core.config.spec\n"
        "assert 'torch' not in sys.modules, 'spec must stay instant for the GUI'\n"
        "for m in pkgutil.walk_packages(core.__path__, 'playground.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import playground.cli.main\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def test_the_command_line_parser_loads_no_torch():
    """`playground` with no arguments parses its command line before the window shows;
    torch there (~1 s) kept the window from appearing at once (benchmarks/gui_startup.py)."""
    code = (
        "import sys, playground.cli.main as cli\n"
        "cli._build_parser().parse_args(['gui'])\n"
        "loaded = [m for m in ('torch', 'numpy', 'optuna') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120)


def _import_cycles(package: str = "playground") -> list[list[str]]:
    """The strongly connected components of more than one module in the import graph of
    `package` (Tarjan's algorithm): each is a set of modules that import each other in a
    circle. Every import counts: at the top, inside a function, under TYPE_CHECKING."""
    grimp = pytest.importorskip("grimp")
    graph = grimp.build_graph(package)
    modules = sorted(graph.modules)
    edges = {m: sorted(graph.find_modules_directly_imported_by(m) & set(modules)) for m in modules}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles = []
    for root in modules:
        if root in index:
            continue
        # Iterative, so that a long import chain cannot hit the recursion limit.
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, successors = work[-1]
            for succ in successors:
                if succ not in index:
                    index[succ] = low[succ] = len(index)
                    stack.append(succ)
                    on_stack.add(succ)
                    work.append((succ, iter(edges[succ])))
                    break
                if succ in on_stack:
                    low[node] = min(low[node], index[succ])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        cycles.append(sorted(component))
    return sorted(cycles)


def test_no_import_cycle_anywhere():
    """A circle of imports means no module in it can be read (or loaded) first; the layers
    contract in pyproject.toml only sees imports between layers, this sees them all."""
    cycles = _import_cycles()
    assert not cycles, "modules that import each other in a circle:\n" + "\n".join(", ".join(c) for c in cycles)
