"""Before Qt starts: on X11 (xcb), name the missing Debian packages instead of Qt's bare abort.

No Qt import here: this runs before QApplication exists.
"""
from __future__ import annotations

import ctypes.util
import os
import sys

# Debian package → the library Qt's xcb plugin loads from it
XCB_PACKAGES = {
    "libxcb-cursor0": "xcb-cursor", "libxcb-icccm4": "xcb-icccm", "libxcb-image0": "xcb-image",
    "libxcb-keysyms1": "xcb-keysyms", "libxcb-randr0": "xcb-randr", "libxcb-render-util0": "xcb-render-util",
    "libxcb-shape0": "xcb-shape", "libxcb-xinerama0": "xcb-xinerama", "libxcb-xkb1": "xcb-xkb",
    "libxkbcommon-x11-0": "xkbcommon-x11",
}


def platform_name(argv: list[str] | None = None) -> str:
    """The Qt platform plugin that will be used: -platform argument, QT_QPA_PLATFORM, or the default."""
    argv = sys.argv if argv is None else argv
    if "-platform" in argv:
        i = argv.index("-platform")
        if i + 1 < len(argv):
            return argv[i + 1].split(":")[0]
    env = os.environ.get("QT_QPA_PLATFORM", "")
    if env:
        return env.split(";")[0].split(":")[0]
    if sys.platform.startswith("linux"):
        if os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
            return "wayland"
        return "xcb"
    return "native"


def missing_xcb_packages(find=ctypes.util.find_library) -> list[str]:
    """Debian packages whose library the xcb platform needs but the system lacks."""
    return [pkg for pkg, lib in XCB_PACKAGES.items() if not find(lib)]


def check_platform(argv: list[str] | None = None) -> str | None:
    """A message naming what to install if the window cannot start; None if it can."""
    name = platform_name(argv)
    if name != "xcb" or not sys.platform.startswith("linux"):
        return None
    if not os.environ.get("DISPLAY"):
        return ("No display: DISPLAY is not set. Run the window inside a desktop session, or "
                "under `xvfb-run -s '-screen 0 1366x768x24' reviewer review`.")
    missing = missing_xcb_packages()
    if missing:
        return ("The window needs these system libraries for Qt's X11 (xcb) platform:\n"
                f"  sudo apt-get install {' '.join(missing)}")
    return None
