"""What the window remembers between sessions in QSettings, besides the language and the recent
files: the settings version, the window's size, position and maximised state, and the folder
of the last export. Window state only: nothing about a project is kept here.

The geometry is written with the settings version (`settings/version`) beside it and read back
only under the same version. It is restored onto the screen as it is now: a window saved on a
larger monitor, or on one that is gone, is shrunk and moved into the available area, and a
first start opens at the default size or smaller, so the whole window fits a 1280×800 laptop
screen with its taskbar.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMargins, QRect, QSettings, QSize
from PySide6.QtGui import QGuiApplication

__all__ = [
    "DEFAULT_SIZE",
    "SETTINGS_VERSION",
    "export_folder",
    "fit_into",
    "remember_export_folder",
    "remember_geometry",
    "remember_tensorboard",
    "restore_geometry",
    "tensorboard_choice",
]

SETTINGS_VERSION = 1  # settings written under another version are cleared (gui/controller.py)
DEFAULT_SIZE = QSize(1400, 860)  # the window's size on a first start, where the screen has room
# Room for a window manager's title bar and borders, which the window's own geometry leaves out.
FRAME = QMargins(8, 36, 8, 8)

_GEOMETRY = "window/geometry"
_VERSION = "settings/version"
_EXPORT_FOLDER = "export/folder"
_TENSORBOARD_ON = "tensorboard/enabled"
_TENSORBOARD_FOLDER = "tensorboard/folder"
DEFAULT_TENSORBOARD_FOLDER = Path.home() / "playground-tensorboard"


def _same_version(settings: QSettings) -> bool:
    try:
        return int(settings.value(_VERSION, SETTINGS_VERSION)) == SETTINGS_VERSION
    except (TypeError, ValueError):
        return False


def fit_into(geometry: QRect, available: QRect, minimum: QSize = QSize(0, 0)) -> QRect:
    """`geometry` (a window's client area) shrunk and moved so that it, with `FRAME` around it,
    lies inside `available`; never below `minimum`. A window already inside is unchanged."""
    room = available.marginsRemoved(FRAME)
    width = max(minimum.width(), min(geometry.width(), room.width()))
    height = max(minimum.height(), min(geometry.height(), room.height()))
    x = min(max(geometry.x(), room.left()), room.left() + room.width() - width)
    y = min(max(geometry.y(), room.top()), room.top() + room.height() - height)
    return QRect(max(x, room.left()), max(y, room.top()), width, height)


def _available(window) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def _first_geometry(available: QRect, minimum: QSize) -> QRect:
    """The default size, or as much of it as the screen has room for, centred."""
    room = available.marginsRemoved(FRAME)
    width = max(minimum.width(), min(DEFAULT_SIZE.width(), room.width()))
    height = max(minimum.height(), min(DEFAULT_SIZE.height(), room.height()))
    x = room.left() + max(0, (room.width() - width) // 2)
    y = room.top() + max(0, (room.height() - height) // 2)
    return QRect(x, y, width, height)


def restore_geometry(window, settings: QSettings) -> None:
    """Give a window that is not shown yet its remembered size, position and maximised state,
    inside the screen it will open on; or, the first time, the default size where it fits."""
    available = _available(window)
    saved = settings.value(_GEOMETRY) if _same_version(settings) else None
    if saved is not None and window.restoreGeometry(saved):
        if not window.isMaximized():
            window.setGeometry(fit_into(window.geometry(), available, window.minimumSizeHint()))
        return
    window.setGeometry(_first_geometry(available, window.minimumSizeHint()))


def remember_geometry(window, settings: QSettings) -> None:
    """Keep the window's geometry (its normal size and position, and whether it is maximised)."""
    settings.setValue(_GEOMETRY, window.saveGeometry())
    settings.setValue(_VERSION, SETTINGS_VERSION)


def export_folder(settings: QSettings) -> Path | None:
    """The folder the last export went to, if it still exists."""
    value = settings.value(_EXPORT_FOLDER)
    if not value:
        return None
    folder = Path(str(value))
    return folder if folder.is_dir() else None


def remember_export_folder(settings: QSettings, path: str | Path) -> None:
    """Keep the folder of an exported file, so the next export offers it."""
    settings.setValue(_EXPORT_FOLDER, str(Path(path).parent))


def tensorboard_choice(settings: QSettings) -> tuple[bool, Path]:
    """(whether runs are logged for TensorBoard, the folder they go into), as last chosen; off
    and ~/playground-tensorboard the first time."""
    on = str(settings.value(_TENSORBOARD_ON, "false")).lower() == "true"
    folder = settings.value(_TENSORBOARD_FOLDER)
    return on, Path(str(folder)) if folder else DEFAULT_TENSORBOARD_FOLDER


def remember_tensorboard(settings: QSettings, on: bool, folder: str | Path) -> None:
    """Keep the Training tab's TensorBoard choice for the next start."""
    settings.setValue(_TENSORBOARD_ON, "true" if on else "false")
    if str(folder):
        settings.setValue(_TENSORBOARD_FOLDER, str(folder))
