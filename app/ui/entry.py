"""The tray app's door from the command line: the one module of app.ui that app.main imports.

It imports no Qt until a window can open here, so a box with no display gets told so (and gets
the headless proxy) instead of a Qt abort.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

from app.ui.display import display_problem

TrayHandler = Callable[[argparse.Namespace], int]


def tray_handler() -> TrayHandler | str:
    """The tray app's handler, or why no window can open here."""
    problem = display_problem()
    if problem is not None:
        return problem
    from app.ui.shell import run_tray

    return run_tray
