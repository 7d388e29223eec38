"""Your own 2-D points on the Data tab (issue 13, item 6): real mouse events on the plot's
viewport add, move and delete points; each edit is a step of Edit ▸ Undo; the points are the
dataset that Train trains on (decision boundary included), and a project keeps them."""

import re

import numpy as np
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction

from playground.core.config.presets import load_preset

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")

# Two clusters: class 0 (orange) on the left, class 1 (blue, Shift+click) on the right.
LEFT = [(-4.0, 2.0), (-3.0, 3.0), (-4.0, -1.0), (-2.5, 0.5)]
RIGHT = [(3.0, -2.0), (4.0, 1.0), (2.5, 3.0), (4.5, -3.5)]


def _own_points(window, qtbot, name="points"):
    """The Data tab on screen with `name` chosen, as the user does it."""
    window.show()
    window.settings_tabs.setCurrentWidget(window.data_panel)
    combo = window.data_panel.dataset_combo
    combo.setCurrentIndex(combo.findData(name))
    group = window.data_panel.points_group
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: group.isVisible() and group.plot.width() > 100, timeout=10000)
    return group


def _at(plot, x, y) -> QPoint:
    return plot.widget_pos(x, y).toPoint()


def _click(qtbot, plot, x, y, button=Qt.MouseButton.LeftButton, modifier=Qt.KeyboardModifier.NoModifier):
    qtbot.mouseClick(plot.viewport(), button, modifier, _at(plot, x, y))


def _coords(group):
    return [tuple(p[:2]) for p in group.points()]


def test_clicks_add_drags_move_right_clicks_delete_and_undo_takes_them_back(english, window, qtbot):
    group = _own_points(window, qtbot)
    plot = group.plot
    assert group.points() == [] and not window.train_action.isEnabled()
    assert len(window.boundary_view.scatter.data) == 0  # the circle's points are not shown as these
    assert "No points yet" in window.train_action.toolTip()  # Train says why it is grey
    _click(qtbot, plot, -3, 2)
    _click(qtbot, plot, 3, -2, modifier=Qt.KeyboardModifier.ShiftModifier)  # the other class
    plot.setFocus()
    qtbot.keyClick(plot, Qt.Key.Key_1)  # key 1: class 1 from now on
    assert group.class_buttons.checkedId() == 1
    _click(qtbot, plot, 2, 4)
    points = group.points()
    assert [p[2] for p in points] == [0, 1, 1]
    for (x, y, _), (wx, wy) in zip(points, [(-3, 2), (3, -2), (2, 4)]):
        assert abs(x - wx) < 0.1 and abs(y - wy) < 0.1  # a pixel is about 0.05 here
    assert group.count_label.text() == "3 points: 1 orange, 2 blue"

    # Drag the first point from (-3, 2) to (-1, -4).
    qtbot.mousePress(plot.viewport(), Qt.MouseButton.LeftButton, pos=_at(plot, -3, 2))
    qtbot.mouseMove(plot.viewport(), _at(plot, -2, -1))
    qtbot.mouseMove(plot.viewport(), _at(plot, -1, -4))
    qtbot.mouseRelease(plot.viewport(), Qt.MouseButton.LeftButton, pos=_at(plot, -1, -4))
    x, y, label = group.points()[0]
    assert abs(x + 1) < 0.1 and abs(y + 4) < 0.1 and label == 0 and len(group.points()) == 3

    # Right-click the blue point at (3, -2): deleted; a right-click on nothing deletes nothing.
    _click(qtbot, plot, 3, -2, Qt.MouseButton.RightButton)
    _click(qtbot, plot, 5, 5, Qt.MouseButton.RightButton)
    assert len(group.points()) == 2 and all(abs(p[0] - 3) > 0.5 for p in group.points())
    # The dataset is the points: it loaded them (too few of class 0 for a split, so it says so).
    assert window.data_panel.dataset() is None
    problem = group.problem_label  # said under the plot, where the learner clicks to fix it
    assert problem.isVisibleTo(group) and "Class 0 has too few points (1)" in problem.text()
    assert "Class 0 has too few points (1)" in window.train_action.toolTip()
    assert not window.data_panel.error_box.isVisibleTo(window.data_panel)

    undo = window.findChild(QAction, "action_undo")
    assert undo.text() == "&Undo Delete point"
    undo.trigger()  # the deleted point is back
    assert len(group.points()) == 3 and abs(group.points()[1][0] - 3) < 0.1
    assert undo.text() == "&Undo Move point"
    undo.trigger()  # and back where it was before the drag
    assert abs(group.points()[0][0] + 3) < 0.1 and abs(group.points()[0][1] - 2) < 0.1
    window.findChild(QAction, "action_redo").trigger()
    assert abs(group.points()[0][1] + 4) < 0.1
    # Clear, and Undo brings every point back.
    group.clear_button.click()
    assert group.points() == [] and group.count_label.text() == "0 points: 0 orange, 0 blue"
    undo.trigger()
    assert len(group.points()) == 3 and window.isWindowModified()


def test_clicked_points_train_draw_a_boundary_and_a_project_keeps_them(window, qtbot, tmp_path):
    window.controller.apply_config(
        load_preset("xor-mlp").with_overrides(**{"train.epochs": 150, "train.device": "cpu", "data.val_split": 0.0})
    )
    group = _own_points(window, qtbot)
    for x, y in LEFT:
        _click(qtbot, group.plot, x, y)
    for x, y in RIGHT:
        _click(qtbot, group.plot, x, y, modifier=Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.train_action.isEnabled(), timeout=10000)
    assert not group.problem_label.isVisibleTo(group)
    dataset = window.data_panel.dataset()
    assert dataset.name == "points" and len(dataset.x_train) + len(dataset.x_test) == 8
    clicked = group.points()

    with qtbot.waitSignal(window.session.finished, timeout=120000) as done:
        window.train_action.trigger()
    run = done.args[0].model
    assert run.config.data.name == "points" and run.config.data.options["points"] == clicked
    # The decision boundary over the points' plane: orange on the left, blue on the right.
    boundary = window.boundary_view.last_update
    assert boundary is not None
    middle = len(boundary.ys) // 2
    assert boundary.probs[middle, 0] < 0.5 < boundary.probs[middle, -1]
    predictor = window.controller.predictor
    probs = predictor.predict(np.array([[-4.0, 1.0], [4.0, -1.0]], np.float32))
    assert probs[0].argmax() == 0 and probs[1].argmax() == 1

    path = tmp_path / "my points.nnp"
    assert window.controller.save_to(path)
    window.controller.apply_config(load_preset("xor-mlp"))  # another dataset, other points
    group.clear_button.click()
    window.controller.set_dirty(False)
    assert window.controller.open_project(path)
    qtbot.waitUntil(lambda: window.data_panel.dataset() is not None, timeout=10000)
    assert window.data_panel.dataset_combo.currentData() == "points"
    assert group.points() == clicked and group.isVisibleTo(window.data_panel)
    assert window.controller.current_config().data.options["points"] == clicked
    reopened = window.data_panel.dataset()
    assert len(reopened.x_train) + len(reopened.x_test) == 8 and not window.isWindowModified()


def test_values_for_a_regression_set_and_a_toy_set_to_start_from(japanese, window, qtbot):
    group = _own_points(window, qtbot, "points-regression")
    assert group.value_row.isVisibleTo(group) and not group.class_row.isVisibleTo(group)
    group.value_spin.setValue(-0.5)
    _click(qtbot, group.plot, 1, 1)
    assert group.points() and group.points()[0][2] == -0.5
    message = group.problem_label.text()  # too few to train on, in Japanese
    assert JAPANESE.search(message) and "Too few" not in message, message
    assert JAPANESE.search(group.hint_label.text()) and JAPANESE.search(group.count_label.text())
    action = group.start_menu.findChild(QAction, "points_from_plane")
    title = action.text()
    assert JAPANESE.search(title)  # the toy set's name, in Japanese
    action.trigger()
    assert len(group.points()) == 100 and window.data_panel.dataset().task == "regression"
    assert window.layer_builder.undo_stack.undoText() == f"{title}から始める"  # "Start from Plane"
