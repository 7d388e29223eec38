"""GUI tests run offscreen (no display needed) through pytest-qt's qtbot."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
