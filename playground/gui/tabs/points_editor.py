"""The Data tab's editor of your own 2-D points (core.data.points), as ConvNetJS's classic demo
lets you click them: a click adds a point of the chosen class (or with the chosen value),
Shift+click one of the other class, a drag moves a point, a right-click deletes one; "Clear"
empties the plane and "Start from" puts a toy set's points there to edit.

The points are the dataset's options: every edit is one step of the window's undo history
(Edit ▸ Undo; the layer builder's QUndoStack, given with `set_undo_stack`) and goes to the Data
tab as `edited(name, points)`, which loads them as the dataset. The plot shows every point
(the dataset's training and test points alike) on the toy sets' fixed plane.
"""

from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt, Signal, Slot
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QMouseEvent, QPixmap, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QButtonGroup,
    QDoubleSpinBox,
    QGraphicsRectItem,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from playground.core.data.dataset import DatasetError
from playground.core.data.points import PLANE, POINTS_SETS, points_arrays, toy_points
from playground.core.data.toy import TOY_DATASETS
from playground.gui.i18n.dataset_text import dataset_title

__all__ = ["PointsGroup", "PointsPlot"]

# TensorFlow Playground's colours, as the toy sets' scatter and the decision boundary use them.
ORANGE, NEUTRAL, BLUE = "#f59322", "#e8eaeb", "#0877bd"
HIT_PIXELS = 9.0  # a press this close to a point grabs it (a drag) or deletes it (right button)
POINT_SIZE = 9

Points = list  # [[x1, x2, label], ...]: the dataset's option; copied, never changed in place


def _brushes(points: Points, task: str) -> list:
    if not points:
        return []
    labels = np.array([p[2] for p in points], dtype=float)
    if task == "classification":
        orange, blue = pg.mkBrush(ORANGE), pg.mkBrush(BLUE)
        return [blue if label == 1 else orange for label in labels]
    colormap = pg.ColorMap([0.0, 0.5, 1.0], [QColor(ORANGE), QColor(NEUTRAL), QColor(BLUE)])
    return [pg.mkBrush(c) for c in colormap.map(np.clip((labels + 1) / 2, 0, 1), mode="qcolor")]


def value_color(value: float) -> QColor:
    """A regression value's colour: -1 orange, 0 grey, +1 blue."""
    colormap = pg.ColorMap([0.0, 0.5, 1.0], [QColor(ORANGE), QColor(NEUTRAL), QColor(BLUE)])
    return colormap.map(np.array([min(max((value + 1) / 2, 0.0), 1.0)]), mode="qcolor")[0]


class PointsPlot(pg.PlotWidget):
    """The plane [-6, 6]² with the points; mouse edits come out as signals in data coordinates:
    `add_requested(x, y, other_class)`, `move_finished(index, x, y)`, `delete_requested(index)`.
    A drag moves the point on screen as the mouse goes and asks for the move once, on release."""

    add_requested = Signal(float, float, bool)
    move_finished = Signal(int, float, float)
    delete_requested = Signal(int)
    class_key_pressed = Signal(int)  # the 0 or 1 key

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, background="#eef0f2")
        self.setObjectName("points_plot")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setAspectLocked(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setXRange(-PLANE, PLANE, padding=0.02)
        self.setYRange(-PLANE, PLANE, padding=0.02)
        self.getPlotItem().showGrid(x=True, y=True, alpha=0.15)
        for side in ("left", "bottom"):
            self.getPlotItem().getAxis(side).setPen(pg.mkPen("#888"))
            self.getPlotItem().getAxis(side).setTextPen(pg.mkPen("#555"))
        # The plane clicks land on, white on grey (the view is wider than it when the aspect is kept).
        plane = QGraphicsRectItem(-PLANE, -PLANE, 2 * PLANE, 2 * PLANE)
        plane.setBrush(QColor("white"))
        plane.setPen(pg.mkPen("#bbb", width=1))
        plane.setZValue(-10)
        self.addItem(plane)
        self._scatter = pg.ScatterPlotItem(size=POINT_SIZE, pen=pg.mkPen("#ffffff", width=1))
        self.addItem(self._scatter)
        self._points: Points = []
        self._task = "classification"
        self._dragging: int | None = None
        self._moved = False
        self.setFixedHeight(300)
        self.setMaximumWidth(380)
        self.setMinimumWidth(240)
        self.setCursor(Qt.CursorShape.CrossCursor)

    def set_points(self, points: Points, task: str) -> None:
        self._points, self._task = [list(p) for p in points], task
        self._dragging = None
        self._redraw()

    def _redraw(self) -> None:
        xy = np.array([p[:2] for p in self._points], dtype=float).reshape(-1, 2)
        self._scatter.setData(x=xy[:, 0], y=xy[:, 1], brush=_brushes(self._points, self._task))

    # ------------------------------------------------------------- coordinates

    def data_point(self, widget_pos: QPointF) -> tuple[float, float]:
        """The data coordinates under `widget_pos` (in the viewport's pixels)."""
        view = self.getPlotItem().getViewBox()
        point = view.mapSceneToView(self.mapToScene(widget_pos.toPoint()))
        return point.x(), point.y()

    def widget_pos(self, x: float, y: float) -> QPointF:
        """Where the data point (x, y) is in the viewport's pixels: for tests and hit testing."""
        view = self.getPlotItem().getViewBox()
        return QPointF(self.mapFromScene(view.mapViewToScene(QPointF(x, y))))

    def point_at(self, widget_pos: QPointF) -> int | None:
        """The index of the point drawn nearest `widget_pos`, if within HIT_PIXELS of it."""
        if not self._points:
            return None
        positions = np.array([[p.x(), p.y()] for p in (self.widget_pos(q[0], q[1]) for q in self._points)])
        distances = np.hypot(positions[:, 0] - widget_pos.x(), positions[:, 1] - widget_pos.y())
        nearest = int(distances.argmin())
        return nearest if distances[nearest] <= HIT_PIXELS else None

    @staticmethod
    def _on_plane(x: float, y: float) -> tuple[float, float]:
        return round(min(max(x, -PLANE), PLANE), 3), round(min(max(y, -PLANE), PLANE), 3)

    # ------------------------------------------------------------- mouse and keys

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        hit = self.point_at(position)
        if event.button() == Qt.MouseButton.RightButton:
            if hit is not None:
                self.delete_requested.emit(hit)
        elif event.button() == Qt.MouseButton.LeftButton:
            if hit is not None:
                self._dragging, self._moved = hit, False
            else:
                x, y = self.data_point(position)
                if abs(x) <= PLANE and abs(y) <= PLANE:  # a click beside the plane (on an axis) adds nothing
                    other = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                    self.add_requested.emit(*self._on_plane(x, y), other)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None:  # pressed on a point, not yet released
            x, y = self._on_plane(*self.data_point(event.position()))
            self._points[self._dragging][:2] = [x, y]
            self._moved = True
            self._redraw()
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._dragging is not None and event.button() == Qt.MouseButton.LeftButton:
            index, self._dragging = self._dragging, None
            if self._moved:
                x, y = self._points[index][:2]
                self.move_finished.emit(index, x, y)
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # Qt sends the second press of quick clicks as a double click: a press like the first
        # (on the point the first click added, it grabs it: no second point on top).
        self.mousePressEvent(event)

    def wheelEvent(self, event) -> None:
        event.ignore()  # the plane stays put; the Data tab scrolls

    def keyPressEvent(self, event: QKeyEvent) -> None:
        keys = {Qt.Key.Key_0: 0, Qt.Key.Key_1: 1}
        if event.key() in keys and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.class_key_pressed.emit(keys[event.key()])
            event.accept()
            return
        super().keyPressEvent(event)


class _PointsEdit(QUndoCommand):
    """One edit of a points set, as its points before and after."""

    def __init__(self, apply: Callable[[str, Points], None], say: Callable[[], str], name: str, before: Points, after: Points):
        super().__init__(say())
        self._apply, self._say, self._name = apply, say, name
        self._before, self._after = before, after

    def retranslate(self) -> None:  # the layer builder calls it after a language switch
        self.setText(self._say())

    def redo(self) -> None:
        self._apply(self._name, self._after)

    def undo(self) -> None:
        self._apply(self._name, self._before)


def _swatch(color: QColor) -> QIcon:
    pixmap = QPixmap(12, 12)
    pixmap.fill(color)
    return QIcon(pixmap)


class PointsGroup(QGroupBox):
    """The plot, the class (or value) to add, Clear, Start from, and what there is. Emits
    `edited(name, points)` for each edit, undone and redone ones included."""

    edited = Signal(str, list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(self.tr("Your points"), parent)
        self.setObjectName("points_group")
        self._name = "points"
        self._points: Points = []  # the set as edited (during a drag the plot shows the point moving)
        self._undo_stack: QUndoStack | None = None
        layout = QVBoxLayout(self)

        self.hint_label = QLabel(objectName="points_hint", wordWrap=True)
        layout.addWidget(self.hint_label)

        pick_row = QHBoxLayout()
        self.class_buttons = QButtonGroup(self)
        self.class_row = QWidget()
        class_layout = QHBoxLayout(self.class_row)
        class_layout.setContentsMargins(0, 0, 0, 0)
        for label, (color, text) in enumerate(
            ((ORANGE, self.tr("Class 0 (orange)")), (BLUE, self.tr("Class 1 (blue)")))
        ):
            button = QPushButton(_swatch(QColor(color)), text, objectName=f"points_class_{label}", checkable=True)
            button.setToolTip(self.tr("New points get this class (key 0 or 1 on the plot; Shift+click: the other class)."))
            self.class_buttons.addButton(button, label)
            class_layout.addWidget(button)
        self.class_buttons.button(0).setChecked(True)
        pick_row.addWidget(self.class_row)

        self.value_row = QWidget()
        value_layout = QHBoxLayout(self.value_row)
        value_layout.setContentsMargins(0, 0, 0, 0)
        value_layout.addWidget(QLabel(self.tr("Value of new points")))
        self.value_spin = QDoubleSpinBox(
            objectName="points_value_spin", minimum=-1.0, maximum=1.0, decimals=2, singleStep=0.1, value=1.0
        )
        self.value_spin.setToolTip(self.tr("The value a new point gets: -1 orange, 0 grey, +1 blue, as the toy sets' targets."))
        self.value_spin.valueChanged.connect(self._show_value_color)
        self.value_swatch = QLabel()
        value_layout.addWidget(self.value_spin)
        value_layout.addWidget(self.value_swatch)
        pick_row.addWidget(self.value_row)
        pick_row.addStretch(1)
        layout.addLayout(pick_row)

        self.plot = PointsPlot()
        self.plot.add_requested.connect(self._on_add_requested)
        self.plot.move_finished.connect(self._on_move_finished)
        self.plot.delete_requested.connect(self._on_delete_requested)
        self.plot.class_key_pressed.connect(lambda label: self.class_buttons.button(label).setChecked(True))
        layout.addWidget(self.plot, 0, Qt.AlignmentFlag.AlignHCenter)
        self.problem_label = QLabel(objectName="points_problem", wordWrap=True)  # too few points: what to add
        self.problem_label.setStyleSheet("color: #c62828;")
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        buttons = QHBoxLayout()
        self.count_label = QLabel(objectName="points_count")
        buttons.addWidget(self.count_label, 1)
        self.start_button = QPushButton(self.tr("Start from a toy set"), objectName="points_start_button")
        self.start_button.setToolTip(self.tr("Replace your points with 100 points of a toy set, to edit them."))
        self.start_menu = QMenu(self.start_button)
        self.start_button.setMenu(self.start_menu)
        buttons.addWidget(self.start_button)
        self.clear_button = QPushButton(self.tr("Clear"), objectName="points_clear_button")
        self.clear_button.setToolTip(self.tr("Remove every point (Edit ▸ Undo brings them back)."))
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        buttons.addWidget(self.clear_button)
        layout.addLayout(buttons)

        self._show_value_color()
        self.show_points("points", [])
        self._fill_menu()

    # ------------------------------------------------------------- public API

    def set_undo_stack(self, stack: QUndoStack) -> None:
        """Edits go to `stack` (the window's Edit ▸ Undo); without one they apply at once."""
        self._undo_stack = stack

    def show_points(self, name: str, points: Points) -> None:
        """Show the points set `name` ("points" or "points-regression"). Emits nothing."""
        task_changed, self._name = POINTS_SETS[name] != self.task(), name
        task = POINTS_SETS[name]
        self.class_row.setVisible(task == "classification")
        self.value_row.setVisible(task == "regression")
        try:
            points_arrays(name, points)
        except DatasetError:  # a hand-edited file's: the Data tab says what is wrong with it
            points = []
        self._points = [list(p) for p in points]
        self.plot.set_points(self._points, task)
        self._say_hint_and_count()
        if task_changed:
            self._fill_menu()

    def points(self) -> Points:
        return [list(p) for p in self._points]

    def show_problem(self, text: str) -> None:
        """Say under the plot why the points do not train yet ("" when they do)."""
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def problem(self) -> str:
        return self.problem_label.text()

    def task(self) -> str:
        return POINTS_SETS[self._name]

    def retranslate(self) -> None:
        """The hint, the count and the menu's toy sets in the installed language."""
        self._say_hint_and_count()
        self._fill_menu()

    def _say_hint_and_count(self) -> None:
        if self.task() == "classification":
            self.hint_label.setText(
                self.tr("Click: add a point · Shift+click: one of the other class · drag: move · right-click: delete")
            )
        else:
            self.hint_label.setText(self.tr("Click: add a point with the value below · drag: move · right-click: delete"))
        points = self.points()
        if self.task() == "classification":
            blue = sum(1 for p in points if p[2] == 1)
            self.count_label.setText(
                self.tr("%n point(s): {0} orange, {1} blue", "", len(points)).format(len(points) - blue, blue)
            )
        else:
            self.count_label.setText(self.tr("%n point(s)", "", len(points)))

    def _fill_menu(self) -> None:
        """The toy sets of the shown task (never while one of the menu's actions runs: it deletes them)."""
        self.start_menu.clear()
        for toy, info in TOY_DATASETS.items():
            if info.task == self.task():
                action = self.start_menu.addAction(dataset_title(toy, info.title))
                action.setObjectName(f"points_from_{toy}")
                action.triggered.connect(lambda checked=False, toy=toy: self._on_start_from(toy))

    # ------------------------------------------------------------- edits

    def _edit(self, say: Callable[[], str], after: Points) -> None:
        before = self.points()
        if self._undo_stack is None:
            self._apply(self._name, after)
        else:
            self._undo_stack.push(_PointsEdit(self._apply, say, self._name, before, after))

    def _apply(self, name: str, points: Points) -> None:
        if name == self._name:
            self._points = [list(p) for p in points]
            self.plot.set_points(points, self.task())
            self._say_hint_and_count()
        self.edited.emit(name, [list(p) for p in points])

    def _label(self, other: bool) -> float | int:
        if self.task() == "regression":
            return round(self.value_spin.value(), 2)
        label = self.class_buttons.checkedId()
        return 1 - label if other else label

    @Slot(float, float, bool)
    def _on_add_requested(self, x: float, y: float, other: bool) -> None:
        self._edit(lambda: self.tr("Add point"), [*self.points(), [x, y, self._label(other)]])

    @Slot(int, float, float)
    def _on_move_finished(self, index: int, x: float, y: float) -> None:
        after = self.points()  # the set as it was before the drag (the plot shows the point moved)
        after[index] = [x, y, after[index][2]]
        self._edit(lambda: self.tr("Move point"), after)

    @Slot(int)
    def _on_delete_requested(self, index: int) -> None:
        points = self.points()
        del points[index]
        self._edit(lambda: self.tr("Delete point"), points)

    @Slot()
    def _on_clear_button_clicked(self) -> None:
        if self.points():
            self._edit(lambda: self.tr("Clear points"), [])

    def _on_start_from(self, toy: str) -> None:
        title = dataset_title(toy, TOY_DATASETS[toy].title)
        self._edit(lambda: self.tr("Start from {0}").format(title), toy_points(toy))

    @Slot()
    def _show_value_color(self) -> None:
        pixmap = QPixmap(14, 14)
        pixmap.fill(value_color(self.value_spin.value()))
        self.value_swatch.setPixmap(pixmap)
