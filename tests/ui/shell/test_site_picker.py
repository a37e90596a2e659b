"""The window's site picker, on a database with two sites (``tests/two_sites.py``).

Choosing a site reloads the tabs with that site's rows (off the GUI thread);
"All sites" reaches Analytics and Reports, while Live shows the first site and
the picker says so; the choice is kept per workstation (``site/current``), so a
new window opens on it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot
from two_sites import build_two_sites

from supervisor_app.ingest.simulator import seed_demo
from supervisor_app.services.database import open_database
from supervisor_app.ui.common.settings import SITE_KEY, WindowSettings
from supervisor_app.ui.shell import MainWindow

MakeWindow = Callable[..., MainWindow]
WAIT = 20_000


def two_site_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'two.db'}"
    db = open_database(url)
    build_two_sites(db)
    db.close()
    return url


def live_agents(window: MainWindow) -> list[str]:
    snapshot = window.live.snapshot
    return [] if snapshot is None else [a.name for a in snapshot.agents]


def test_choosing_a_site_reloads_the_tabs_and_is_remembered(
    make_window: MakeWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    url = two_site_url(tmp_path)
    window = make_window(url)
    picker = window.site_picker
    qtbot.waitUntil(lambda: picker.combo.count() == 3, timeout=WAIT)
    items = [picker.combo.itemText(i) for i in range(picker.combo.count())]
    assert items == ["London", "New York", "All sites"]
    assert picker.combo.currentText() == "London"  # nothing remembered yet: the first
    qtbot.waitUntil(lambda: live_agents(window) == ["Lena"], timeout=WAIT)

    with qtbot.waitSignal(picker.chosen, timeout=WAIT) as chosen:
        assert picker.choose("New York")
    assert chosen.args == [window.live.site_id]
    qtbot.waitUntil(lambda: live_agents(window) == ["Ned"], timeout=WAIT)
    assert window.live.snapshot is not None and window.live.snapshot.site_name == "New York"
    assert WindowSettings().current_site() == "New York"

    window.tabs.setCurrentWidget(window.analytics)
    qtbot.waitUntil(lambda: window.analytics.page is not None, timeout=WAIT)
    analytics = window.analytics.page
    qtbot.waitUntil(
        lambda: analytics.options is not None and analytics.options.site == "New York",
        timeout=WAIT,
    )
    picker.choose("All sites")
    qtbot.waitUntil(
        lambda: analytics.options is not None and analytics.options.site == "All sites",
        timeout=WAIT,
    )
    assert len(analytics.options.queues) == 2
    window.tabs.setCurrentWidget(window.reports)
    qtbot.waitUntil(lambda: window.reports.page is not None, timeout=WAIT)
    queues = window.reports.page.form.queues

    def queue_names() -> list[str]:
        return [queues.item(i).text() for i in range(queues.count())]

    qtbot.waitUntil(lambda: queue_names() == ["London · Sales", "New York · Sales"], timeout=WAIT)
    assert window.reports.page.form.request().site_id is None
    window.tabs.setCurrentWidget(window.live)
    assert picker.note.isVisible() and picker.note.text() == "Live shows London"
    qtbot.waitUntil(lambda: live_agents(window) == ["Lena"], timeout=WAIT)
    window.close()

    again = make_window(url)
    qtbot.waitUntil(lambda: again.site_picker.combo.count() == 3, timeout=WAIT)
    assert again.site_picker.combo.currentText() == "All sites"
    assert again.site_picker.site_id() is None


def test_the_remembered_site_opens_a_new_window_on_it(
    make_window: MakeWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    url = two_site_url(tmp_path)
    qs = WindowSettings()
    qs.set_current_site("New York")  # as the Settings dialog writes it
    window = make_window(url)
    qtbot.waitUntil(lambda: live_agents(window) == ["Ned"], timeout=WAIT)
    assert window.site_picker.combo.currentText() == "New York"
    assert SITE_KEY == "site/current"


def test_one_site_keeps_the_picker_visible_without_all_sites(
    make_window: MakeWindow, sqlite_url: str, qtbot: QtBot
) -> None:
    from supervisor_app.domain.enums import Channel
    from supervisor_app.store.models import Queue, Site

    db = open_database(sqlite_url)
    with db.sessions.begin() as s:
        site = Site(name="Only", timezone="Europe/Paris", interval_minutes=15)
        s.add_all([site, Queue(site=site, name="Sales", channel=Channel.VOICE)])
    db.close()
    window = make_window(sqlite_url)
    picker = window.site_picker
    qtbot.waitUntil(lambda: picker.combo.isEnabled(), timeout=WAIT)
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())] == ["Only"]
    assert picker.isVisible()


def test_sites_that_arrive_after_the_window_opened_are_picked_up(
    make_window: MakeWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """``gui --demo`` opens the window on an empty database and seeds it afterwards: the
    picker must then offer the new sites and Live show the first, whatever tables the
    change feed names (SQLite's feed can't say which)."""
    url = f"sqlite:///{tmp_path / 'later.db'}"
    window = make_window(url)
    picker = window.site_picker
    qtbot.waitUntil(lambda: picker.combo.itemText(0) == "No site yet", timeout=WAIT)
    db = open_database(url)
    seed_demo(db, days=1, agents=4, queues=2, sites=2)  # what the demo writes
    db.close()
    qtbot.waitUntil(lambda: picker.combo.count() == 3, timeout=WAIT)
    assert picker.combo.currentText() == "London"
    qtbot.waitUntil(lambda: window.live.snapshot is not None, timeout=WAIT)
    assert window.live.snapshot is not None and window.live.snapshot.site_name == "London"


def test_the_site_chosen_in_settings_moves_the_picker(
    make_window: MakeWindow, tmp_path: Path, qtbot: QtBot
) -> None:
    """File › Settings… and the picker are two ways to the one setting: applying a site
    from Settings moves the picker, and with it the tabs."""
    from supervisor_app.ui.common.preferences import Preferences

    window = make_window(two_site_url(tmp_path))
    picker = window.site_picker
    qtbot.waitUntil(lambda: picker.combo.count() == 3, timeout=WAIT)
    assert picker.combo.currentText() == "London"
    with qtbot.waitSignal(picker.chosen, timeout=WAIT):
        window.preferences.apply(Preferences(site="New York"))
    assert picker.combo.currentText() == "New York"
    qtbot.waitUntil(lambda: live_agents(window) == ["Ned"], timeout=WAIT)
