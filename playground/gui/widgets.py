"""Small pieces shared by the panels."""

from __future__ import annotations

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
