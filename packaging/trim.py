"""What the bundle leaves out of PyInstaller's analysis, and why (issue 15: size <= 250 MB).

PyInstaller collects whatever a package *could* load: every Qt plugin the PySide6 hooks
know, Qt's own translations, and every library those plugins link to. The console loads
far less. ``supervisor-console.spec`` passes its analysis through :func:`trim` and
``packaging/build.sh`` strips debug symbols afterwards.

Left out on every platform:

- Qt's translations (``qtbase_*.qm`` …): nothing installs a ``QTranslator`` for Qt's own
  catalogue; the console's strings go through ``tr()`` with no catalogue yet.

Left out on Linux only (the names are Linux plugin files; Windows and macOS keep their
analysis as PyInstaller made it):

- platforms for embedded devices and remote framebuffers (eglfs, linuxfb, vnc, Vulkan
  display, minimal EGL) and their device integrations; evdev/tuio input plugins. A desktop
  session uses xcb or wayland; tests use offscreen.
- the GTK3 platform theme: it needs the desktop's own GTK 3, which the build machine may
  not have, while it drags cairo, pango and gdk-pixbuf from the build machine into the
  bundle, where they could clash with the desktop's GTK at run time. The xdg-desktop-portal
  theme stays (native file dialogs and the light/dark preference through the portal).
- network information and TLS plugins: the console opens no Qt network connection
  (PostgreSQL goes through psycopg's own libpq and OpenSSL).
- image formats the console never reads (TIFF, WebP, TGA, WBMP, ICNS); PNG is built in,
  SVG, JPEG, GIF and ICO stay.
- then every library that only the dropped files needed (:func:`orphans`): Qt's network
  library with its Kerberos and brotli, cairo and pango with the GTK theme, and so on.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import PurePosixPath

# (destination, source, typecode), as in PyInstaller's TOC lists.
Entry = tuple[str, str, str]

QT_TRANSLATIONS = ("PySide6/Qt/translations/", "PySide6/translations/")

LINUX_QT_PLUGINS = (
    "platforms/libqeglfs.so",
    "platforms/libqlinuxfb.so",
    "platforms/libqminimalegl.so",
    "platforms/libqvnc.so",
    "platforms/libqvkkhrdisplay.so",
    "egldeviceintegrations/",
    "generic/",
    "platformthemes/libqgtk3.so",
    "networkinformation/",
    "tls/",
    "imageformats/libqtiff.so",
    "imageformats/libqwebp.so",
    "imageformats/libqtga.so",
    "imageformats/libqwbmp.so",
    "imageformats/libqicns.so",
)
# Qt libraries only the dropped plugins load (eglfs).
LINUX_QT_LIBS = ("libQt6EglFSDeviceIntegration.so", "libQt6EglFsKmsSupport.so")


def _dest(entry: Entry) -> str:
    return entry[0].replace("\\", "/")


def is_qt_translation(entry: Entry) -> bool:
    """Qt's own ``.qm`` catalogues, wherever the platform's PySide6 keeps them."""
    return _dest(entry).startswith(QT_TRANSLATIONS)


def is_unused_linux_qt(entry: Entry) -> bool:
    """A Linux Qt plugin or Qt library the console never loads (see the module's docstring)."""
    dest = _dest(entry)
    plugins = "PySide6/Qt/plugins/"
    if dest.startswith(plugins):
        return dest[len(plugins) :].startswith(LINUX_QT_PLUGINS)
    return dest.startswith("PySide6/Qt/lib/") and PurePosixPath(dest).name.startswith(LINUX_QT_LIBS)


def _is_root(entry: Entry) -> bool:
    """What Python or Qt loads by name: an extension module, a Qt plugin."""
    return entry[2] == "EXTENSION" or "/plugins/" in _dest(entry)


def orphans(
    before: Iterable[Entry], after: Iterable[Entry], needs: Callable[[str], set[str]]
) -> set[str]:
    """Libraries in ``after`` that a root in ``before`` needed and no root in ``after`` does.

    The roots are what gets loaded by name (:func:`_is_root`); ``needs(path)`` names the
    libraries a binary loads, transitively, as ``ldd`` reports. Only libraries that were
    needed before count: one that PyInstaller found another way (a ``ctypes`` look-up, the
    bootloader's libpython) is never an orphan, so this never takes out more than the
    dropped files brought in.
    """

    def needed(entries: Iterable[Entry]) -> set[str]:
        names: set[str] = set()
        for entry in entries:
            if _is_root(entry):
                names |= needs(entry[1])
        return names

    before = list(before)
    after = list(after)
    lost = needed(before) - needed(after)
    return {_dest(e) for e in after if not _is_root(e) and PurePosixPath(_dest(e)).name in lost}


def _ldd_needs() -> Callable[[str], set[str]]:
    from PyInstaller.depend import bindepend  # only where PyInstaller runs

    cache: dict[str, set[str]] = {}

    def needs(path: str) -> set[str]:
        if path not in cache:
            try:
                cache[path] = {name for name, _ in bindepend.get_imports(path)}
            except Exception:  # a data file or a script: it links nothing
                cache[path] = set()
        return cache[path]

    return needs


def trim(
    binaries: list[Entry],
    datas: list[Entry],
    platform: str = sys.platform,
    needs: Callable[[str], set[str]] | None = None,
) -> tuple[list[Entry], list[Entry]]:
    """The analysis' binaries and data files without what the console never loads."""
    datas = [e for e in datas if not is_qt_translation(e)]
    if not platform.startswith("linux"):
        return binaries, datas
    kept = [e for e in binaries if not is_unused_linux_qt(e)]
    lost = orphans(binaries, kept, needs or _ldd_needs())
    kept = [e for e in kept if _dest(e) not in lost]
    datas = [e for e in datas if not is_unused_linux_qt(e)]
    return kept, datas
