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
