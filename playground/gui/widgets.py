"""Small pieces shared by the panels."""

from __future__ import annotations

import contextlib
from typing import Iterator

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QTextLayout, QTextOption
from PySide6.QtWidgets import QFormLayout, QFrame, QLabel, QScrollArea, QSizePolicy, QToolTip, QVBoxLayout, QWidget


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


def align_form_labels(forms: list[QFormLayout]) -> None:
    """Give the label columns of all `forms` one width, so the inputs of all groups line up."""
    labels = [
        item.widget()
        for form in forms
        for row in range(form.rowCount())
        if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None and item.widget() is not None
    ]
    width = max(label.sizeHint().width() for label in labels)
    for label in labels:
        label.setMinimumWidth(width)


@contextlib.contextmanager
def filling(owner) -> Iterator[None]:
    """While inside, `owner._filling` is True: the panel is putting values into its widgets
    itself, so its change handlers should not treat them as the user's edits. Nests."""
    previous, owner._filling = owner._filling, True
    try:
        yield
    finally:
        owner._filling = previous


def answer_tooltip(widget: QWidget, event, text: str) -> bool:
    """Answer a QEvent.ToolTip (a QHelpEvent) on `widget` with `text`, or hide the tooltip where
    there is nothing to say; returns True, as `event()` should for it."""
    if text:
        QToolTip.showText(event.globalPos(), text, widget)
    else:
        QToolTip.hideText()
        event.ignore()
    return True


def wrap_lines(text: str, font, width: float, lines: int) -> list[str]:
    """`text` broken into at most `lines` lines of `width` pixels in `font` (Qt's line
    breaking, so Japanese breaks between characters), the last one ending in … if the text is
    longer."""
    metrics = QFontMetricsF(font)
    width = max(width, 1.0)
    out: list[str] = []
    paragraphs = text.split("\n")
    for number, paragraph in enumerate(paragraphs):
        layout = QTextLayout(paragraph, font)
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        starts = []
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
            starts.append(line.textStart())
        layout.endLayout()
        for i, start in enumerate(starts or [0]):
            if len(out) == lines - 1 and (i < len(starts) - 1 or number < len(paragraphs) - 1):
                rest = " ".join([paragraph[start:].strip(), *paragraphs[number + 1 :]]).strip()
                out.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
                return out
            end = starts[i + 1] if i + 1 < len(starts) else len(paragraph)
            out.append(paragraph[start:end].rstrip())
    return out


def _line_height(font) -> float:
    """The height of a line of text in `font`, Japanese included: its characters come from a
    fallback font, often with taller lines than the font itself says (QFontMetrics only knows
    the font itself), so a line of both is measured."""
    layout = QTextLayout("Ag あ漢", font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(1e6)
    layout.endLayout()
    return max(QFontMetricsF(font).lineSpacing(), line.height() + max(line.leading(), 0.0))


class LinesLabel(QLabel):
    """A label whose size never depends on its text: it is always `lines` lines high, and as
    wide as its layout makes it. The text wraps within those lines; a longer one is cut with
    … and shown whole in the tooltip. For texts that change while the user works (a
    prediction, a model's name, a report), so that nothing around them moves.

    `text()` is the whole text; `shown_text()` what fits."""

    def __init__(self, lines: int = 1, parent: QWidget | None = None):
        super().__init__(parent)
        self._lines = max(1, lines)
        self._text = ""
        self._tooltip = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self._fix_height()

    def text(self) -> str:
        return self._text

    def shown_text(self) -> str:
        return super().text()

    def setText(self, text: str) -> None:
        self._text = text
        self._fit()

    def setToolTip(self, text: str) -> None:
        self._tooltip = text
        self._fit()

    def clear(self) -> None:
        self.setText("")

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.height())

    def sizeHint(self) -> QSize:
        return QSize(0, self.height())

    def _fix_height(self) -> None:
        margins = self.contentsMargins()
        height = _line_height(self.font()) * self._lines + 2 * self.margin() + margins.top() + margins.bottom()
        self.setFixedHeight(int(height + 1.999))

    def _fit(self) -> None:
        width = self.contentsRect().width() - 2 * self.margin()
        shown = "\n".join(wrap_lines(self._text, self.font(), width, self._lines)) if self._text else ""
        if shown != super().text():
            super().setText(shown)
        whole = "".join(shown.split()) == "".join(self._text.split())
        super().setToolTip(self._tooltip if whole or not self._text else self._text)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fix_height()
            self._fit()


class ShrinkingLabel(LinesLabel):
    """One line in a large `font` that shrinks the font, down to `smallest` points, before it
    cuts a text that does not fit (the Draw tab's answer: "Not sure" in a narrow column was
    shown as "Not su…"). Its height stays that of `font`, so nothing around it moves."""

    def __init__(self, font, smallest: float, parent: QWidget | None = None):
        self._base, self._smallest = QFont(font), smallest
        super().__init__(1, parent)
        self.setFont(font)

    def _fix_height(self) -> None:
        base = getattr(self, "_base", None)
        if base is None:  # LinesLabel.__init__, before this class's own
            return super()._fix_height()
        margins = self.contentsMargins()
        height = _line_height(base) + 2 * self.margin() + margins.top() + margins.bottom()
        self.setFixedHeight(int(height + 1.999))

    def _fit(self) -> None:
        base = getattr(self, "_base", None)
        if base is not None:
            width = self.contentsRect().width() - 2 * self.margin()
            font, size = QFont(base), base.pointSizeF()
            while size > self._smallest and QFontMetricsF(font).horizontalAdvance(self._text) > width:
                size = max(self._smallest, size - 1)
                font.setPointSizeF(size)
            if font.pointSizeF() != self.font().pointSizeF():
                self.setFont(font)  # FontChange: _fix_height keeps the base height, and _fit runs again
                return
        super()._fit()
