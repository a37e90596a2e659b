"""packaging/trim.py: which files of PyInstaller's analysis stay out of the bundle."""

from __future__ import annotations

from trim import orphans, trim

QT = "PySide6/Qt"
BINARIES = [
    (f"{QT}/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqwayland.so", "/x/libqwayland.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqoffscreen.so", "/x/libqoffscreen.so", "BINARY"),
    (f"{QT}/plugins/platforms/libqvnc.so", "/x/libqvnc.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
    (f"{QT}/plugins/platformthemes/libqxdgdesktopportal.so", "/x/libqxdgportal.so", "BINARY"),
    (f"{QT}/plugins/tls/libqopensslbackend.so", "/x/libqopensslbackend.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqsvg.so", "/x/libqsvg.so", "BINARY"),
    (f"{QT}/plugins/imageformats/libqtiff.so", "/x/libqtiff.so", "BINARY"),
    (f"{QT}/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
    (f"{QT}/lib/libQt6Network.so.6", "/x/libQt6Network.so.6", "BINARY"),
    (f"{QT}/lib/libQt6EglFSDeviceIntegration.so.6", "/x/libQt6EglFS.so.6", "BINARY"),
    ("PySide6/QtGui.abi3.so", "/x/QtGui.abi3.so", "EXTENSION"),
    ("libcairo.so.2", "/x/libcairo.so.2", "BINARY"),
    ("libfontconfig.so.1", "/x/libfontconfig.so.1", "BINARY"),
    ("libXau.so.6", "/x/libXau.so.6", "BINARY"),
]
# What each binary loads (transitively), as ldd would say: written out by hand.
NEEDS = {
    "/x/libqxcb.so": {"libQt6Gui.so.6", "libfontconfig.so.1"},
    "/x/libqwayland.so": {"libQt6Gui.so.6"},
    "/x/libqoffscreen.so": {"libQt6Gui.so.6"},
    "/x/libqvnc.so": {"libQt6Gui.so.6", "libQt6Network.so.6"},
    "/x/libqgtk3.so": {"libQt6Gui.so.6", "libcairo.so.2", "libfontconfig.so.1"},
    "/x/libqxdgportal.so": {"libQt6Gui.so.6"},
    "/x/libqopensslbackend.so": {"libQt6Network.so.6"},
    "/x/libqsvg.so": {"libQt6Gui.so.6"},
    "/x/libqtiff.so": {"libQt6Gui.so.6"},
    "/x/QtGui.abi3.so": {"libQt6Gui.so.6"},
}
DATAS = [
    (f"{QT}/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
    ("PySide6/translations/qtbase_fr.qm", "/x/qtbase_fr.qm", "DATA"),
    ("supervisor_app/resources/style.qss", "/x/style.qss", "DATA"),
]


def _needs(path: str) -> set[str]:
    return NEEDS.get(path, set())


def test_linux_keeps_the_desktop_platforms_and_drops_the_rest_with_their_libraries() -> None:
    binaries, datas = trim(BINARIES, DATAS, platform="linux", needs=_needs)
    kept = {dest.rsplit("/", 1)[-1] for dest, _, _ in binaries}
    assert kept == {
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
        "libqxdgdesktopportal.so",
        "libqsvg.so",
        "libQt6Gui.so.6",
        "QtGui.abi3.so",
        "libfontconfig.so.1",
        # never needed by any root (found through ctypes, say): never an orphan
        "libXau.so.6",
    }
    # gone: vnc, gtk3, tls, tiff plugins; eglfs by name; Qt's network library and
    # cairo because only dropped plugins needed them (fontconfig: xcb still does)
    assert [d for d, _, _ in datas] == ["supervisor_app/resources/style.qss"]


def test_windows_and_macos_keep_every_binary_and_lose_only_qt_translations() -> None:
    for platform in ("win32", "darwin"):
        binaries, datas = trim(BINARIES, DATAS, platform=platform, needs=_needs)
        assert binaries == BINARIES
        assert [d for d, _, _ in datas] == ["supervisor_app/resources/style.qss"]


def test_an_orphan_is_only_what_the_dropped_roots_alone_needed() -> None:
    before = BINARIES
    after = [e for e in BINARIES if "tls" not in e[0] and "vnc" not in e[0]]
    assert orphans(before, after, _needs) == {f"{QT}/lib/libQt6Network.so.6"}
