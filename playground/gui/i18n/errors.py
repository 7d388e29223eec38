"""The one call the window makes to show an engine error: `error_text(e)`, in the UI's language.

The templates live with their families: layer-stack errors (SpecError) in core_text.py, the
others (settings, files, images, datasets, evaluation) in error_text.py; this module only picks
the family, so that neither of those two imports the other."""

from __future__ import annotations

from playground.gui.i18n import core_text, dataset_text, error_text as _families

__all__ = ["error_text"]


def error_text(e: BaseException) -> str:
    """Any of the engine's user errors in the UI's language; an error without a known key (or
    a bug's exception), its own text."""
    from playground.core.config.spec_errors import SpecError

    if isinstance(e, SpecError) or isinstance(getattr(e, "cause", None), BaseException):
        return core_text.spec_error_text(e)
    return _families.family_text(e, lambda name: dataset_text.dataset_title(name, name))
