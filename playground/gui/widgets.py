"""Small pieces shared by the panels."""

from __future__ import annotations

import contextlib
from typing import Iterator

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def fill_with_scroll_area(owner: QWidget, content: QWidget) -> None:
    """Lay `content` out inside a frameless scroll area that fills `owner`, so a panel in a
    narrow tab scrolls instead of squeezing its forms."""
    scroll = QScrollArea()
    scroll.setWidget(content)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)


@contextlib.contextmanager
def filling(owner) -> Iterator[None]:
    """While inside, `owner._filling` is True: the panel is putting values into its widgets
    itself, so its change handlers should not treat them as the user's edits. Nests."""
    previous, owner._filling = owner._filling, True
    try:
        yield
    finally:
        owner._filling = previous
