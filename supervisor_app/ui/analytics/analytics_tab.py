"""The Analytics tab: a range bar over five pages (KPI table, trend, heat map, scorecards,
survey comments), each querying off the GUI thread.

Only the page on screen queries; the others are marked stale and query when
shown. A new range (or grouping, or filter) drops the answer still in flight,
so a slow quarter can't overwrite the day the user picked after it. Known
errors ("no contacts between …") become the page's empty-state sentence; a
bug goes to the window through ``failed``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from supervisor_app.domain.errors import UserError
from supervisor_app.services.analytics import AnalyticsOptions, DrillContact, analytics_options
from supervisor_app.ui.analytics.comments_page import CommentsPage
from supervisor_app.ui.analytics.drilldown_dialog import DrillDownDialog
from supervisor_app.ui.analytics.drilldown_op import drilldown_op
from supervisor_app.ui.analytics.heatmap_page import HeatmapPage
from supervisor_app.ui.analytics.kpi_page import KpiPage
from supervisor_app.ui.analytics.page import AnalyticsPage
from supervisor_app.ui.analytics.quality_drill import FIGURE as QA_FIGURE
from supervisor_app.ui.analytics.quality_drill import QualityDrillDialog, quality_drill_op
from supervisor_app.ui.analytics.range_bar import RangeBar, Selection
from supervisor_app.ui.analytics.scorecard_page import ScorecardPage
from supervisor_app.ui.analytics.trend_page import TrendPage
from supervisor_app.ui.common.header_state import ViewStateStore
from supervisor_app.ui.common.latest_query import LatestQuery
from supervisor_app.ui.common.raise_escalation import ContactChoice, RaiseEscalationDialog
from supervisor_app.ui.common.settings import WindowSettings
from supervisor_app.ui.common.workers import Workers
from supervisor_app.ui.people import EvaluationDialog, open_agent_profile

if TYPE_CHECKING:
    from supervisor_app.services.database import Database

LIVE_TABLES = frozenset({"contacts", "survey_responses", "agent_state_spans"})
SETUP_TABLES = frozenset({"sites", "queues", "teams", "agents"})


def sentence(exc: BaseException) -> str:
    """A service's one-line message as a sentence for an empty page."""
    text = str(exc).strip()
    return f"{text[:1].upper()}{text[1:]}{'' if text.endswith('.') else '.'}"


def computing(title: str, selection: Selection) -> str:
    """What a page is waiting for, in the words the bar and the empty page show."""
    name = title if title[:3].isupper() else title[:1].lower() + title[1:]  # "KPI table"
    return f"Computing the {name} for {selection.first} to {selection.last}…"


class AnalyticsTab(QWidget):
    failed = Signal(object)

    def __init__(self, workers: Workers, settings: WindowSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("analytics")
        self._workers = workers
        self.store = ViewStateStore(settings or WindowSettings())
        self.db: Database | None = None
        self.site_id: int | None = None  # the window's site picker; None: all sites
        self.options: AnalyticsOptions | None = None
        self.may_escalate = self.may_evaluate = True  # until the session's role is known
        self.bar = RangeBar(self)
        self.kpi = KpiPage(self.store)
        self.pages = QTabWidget(self, objectName="analyticsPages")
        self.pages.setDocumentMode(True)
        self.pages.setCornerWidget(self.bar.filters, Qt.Corner.TopRightCorner)
        self._queries: dict[QWidget, LatestQuery] = {}
        self._stale: set[QWidget] = set()
        self._options_query = LatestQuery(workers, self)
        self._options_query.busy_changed.connect(self._busy_changed)
        for page, title in self._make_pages():
            self.pages.addTab(page, title)
            query = LatestQuery(workers, self)
            query.busy_changed.connect(self._busy_changed)
            self._queries[page] = query
        self._drill_query = LatestQuery(workers, self)
        self._drill_query.busy_changed.connect(self._busy_changed)
        self.last_dialog: DrillDownDialog | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bar)
        layout.addWidget(self.pages, 1)
        self.bar.changed.connect(self._selection_changed)
        self.bar.refresh_requested.connect(self.refresh)
        self.pages.currentChanged.connect(self._page_shown)
        self.kpi.drill_requested.connect(self.drill_down)
        self._sync_controls()

    def _make_pages(self) -> list[tuple[QWidget, str]]:
        self.trend = TrendPage()
        self.trend.step.currentIndexChanged.connect(lambda _i: self._requery())
        self.heatmap = HeatmapPage()
        self.scorecard = ScorecardPage(self.store)
        self.scorecard.period.currentIndexChanged.connect(lambda _i: self._requery())
        self.scorecard.profile_requested.connect(self._open_profile)
        self.comments = CommentsPage()
        for signal in self.comments.filter_changed_signals():
            signal.connect(self._requery)
        return [
            (self.kpi, "KPI table"),
            (self.trend, "Trend"),
            (self.heatmap, "Heat map"),
            (self.scorecard, "Agent scorecards"),
            (self.comments, "Survey comments"),
        ]

    # -- the main window's calls -------------------------------------------------------------
    def set_database(self, db: Database | None) -> None:
        self.db = db
        self.options = None
        self._cancel_all()
        if db is None:
            self._show_everywhere("Open a database to see its history.")
            return
        self._load_options()

    def set_site(self, site_id: int | None) -> None:
        """The picker chose a site (None: all sites): reload the choices and the page."""
        if site_id == self.site_id and self.options is not None:
            return
        self.site_id = site_id
        if self.db is not None:
            self.options = None
            self._cancel_all()
            self._load_options()

    def on_changed(self, tables: frozenset[str], when: datetime) -> None:
        """New setup rows reload the filters; new contacts mark a range ending today stale."""
        if self.db is None:
            return
        if self.options is None or tables & SETUP_TABLES:
            self._load_options()
            return
        if tables & LIVE_TABLES and self.bar.selection().last >= self.options.today:
            local = when.astimezone(ZoneInfo(self.options.timezone))
            self.bar.set_status(f"New data since {local:%H:%M} — Refresh (F5) to include it")

    def shutdown(self) -> None:
        self._cancel_all()
        for page in self._queries:
            self._page(page).save_layout()

    # -- querying -----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Query the page on screen; mark the others stale."""
        self._stale = set(self._queries)
        self._query(self.pages.currentWidget())

    def _load_options(self) -> None:
        db, site_id = self.db, self.site_id
        assert db is not None
        self._tell_empty_pages("Reading the database's sites, queues and teams…")
        self._options_query.run(
            lambda _report: analytics_options(db, site_id),
            on_success=self._options_loaded,
            on_failure=self._options_failed,
        )

    def _options_loaded(self, options: AnalyticsOptions) -> None:
        self.options = options
        self.bar.set_options(options)
        self.refresh()

    def _options_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self._show_everywhere(sentence(exc))
        else:
            self.failed.emit(exc)

    def _query(self, widget: QWidget) -> None:
        if self.db is None or self.options is None:
            return
        self._stale.discard(widget)
        page = self._page(widget)
        selection = self.bar.selection()
        if selection.first > selection.last:
            page.show_message(
                f"The range {selection.first} to {selection.last} ends before it starts."
            )
            self._queries[widget].cancel()
            return
        what = computing(self.pages.tabText(self.pages.indexOf(widget)), selection)
        self.bar.set_status(what)
        if page.stack.empty:  # never the "open a database" sentence while a figure is on its way
            page.show_message(what)
        op = page.query(self.db, selection, self.options)
        self._queries[widget].run(
            op,
            on_success=lambda result, page=page: self._page_done(page, result),
            on_failure=lambda exc, page=page: self._page_failed(page, exc),
            on_progress=lambda fraction, page=page: self._page_progress(page, what, fraction),
        )

    def _page_progress(self, page: AnalyticsPage, what: str, fraction: float) -> None:
        """The first report over days not yet summarised takes a while: say how far it is."""
        text = f"{what} {fraction:.0%} of the days not yet summarised done"
        self.bar.set_status(text)
        if page.stack.empty:
            page.show_message(text)

    def _page_done(self, page: AnalyticsPage, result: Any) -> None:
        self.bar.set_status("")
        page.show_result(result)

    def _tell_empty_pages(self, text: str) -> None:
        for widget in self._queries:
            page = self._page(widget)
            if page.stack.empty:
                page.show_message(text)

    def _page_failed(self, page: AnalyticsPage, exc: BaseException) -> None:
        self.bar.set_status("")
        if isinstance(exc, UserError):
            page.show_message(sentence(exc))
        else:
            self.failed.emit(exc)

    def _selection_changed(self) -> None:
        self._cancel_all()
        self._sync_controls()
        self.refresh()

    def _page_shown(self, _index: int) -> None:
        self._sync_controls()
        widget = self.pages.currentWidget()
        if widget in self._stale:
            self._query(widget)

    def _requery(self, *_args: object) -> None:
        """A page's own control changed what it needs."""
        self._query(self.pages.currentWidget())

    def _sync_controls(self) -> None:
        page = self._page(self.pages.currentWidget())
        grouping, queue, team = page.controls(self.bar.selection().by)
        self.bar.grouping.setEnabled(grouping)
        self.bar.queue.setEnabled(queue)
        self.bar.team.setEnabled(team)

    def _cancel_all(self) -> None:
        for query in self._queries.values():
            query.cancel()
        self._drill_query.cancel()

    def _show_everywhere(self, text: str) -> None:
        for widget in self._queries:
            self._page(widget).show_message(text)

    def busy(self) -> bool:
        """Whether an answer is still awaited (the bar shows a busy indicator meanwhile)."""
        queries = [*self._queries.values(), self._options_query, self._drill_query]
        return any(q.busy for q in queries)

    def _busy_changed(self, _busy: bool) -> None:
        self.bar.set_busy(self.busy())

    def _page(self, widget: QWidget) -> AnalyticsPage:
        return widget  # type: ignore[return-value]

    # -- drill-down ---------------------------------------------------------------------------
    def set_permissions(self, *, escalate: bool, evaluate: bool) -> None:
        """Offer the drill-down's Escalate… and Evaluate… only to roles that may (the
        database refuses the others anyway)."""
        self.may_escalate, self.may_evaluate = escalate, evaluate

    def drill_down(self, key: Any, figure: str) -> None:
        """Open the contacts behind ``figure`` of the KPI row ``key`` (for a quality score,
        the evaluations it averages)."""
        if self.db is None or self.kpi.model.report is None:
            return
        if figure == QA_FIGURE:
            self._drill_query.run(
                quality_drill_op(self.db, self.kpi.model.report, key),
                on_success=self._show_quality_drill,
                on_failure=lambda exc: self.failed.emit(exc),
            )
            return
        self._drill_query.run(
            drilldown_op(self.db, self.kpi.model.report, key, figure),
            on_success=self._show_drill,
            on_failure=lambda exc: self.failed.emit(exc),
        )

    def _open_profile(self, agent_id: int) -> None:
        if self.db is not None and not self._workers.closing:
            open_agent_profile(self.window(), self._workers, self.db, agent_id)

    def _escalate(self, dialog: QWidget, contact: DrillContact) -> RaiseEscalationDialog | None:
        """Raise an escalation about a contact in the drill-down (its queue and customer)."""
        if self.db is None or self._workers.closing:
            return None
        label = f"{contact.arrived:%Y-%m-%d %H:%M} · {contact.queue} · {contact.external_id}"
        choice = ContactChoice(contact.contact_id, label, contact.queue)
        raising = RaiseEscalationDialog(
            self._workers, self.db, dialog, contacts=[choice], queues=[contact.queue]
        )
        raising.finished.connect(raising.deleteLater)
        raising.open()
        return raising

    def _evaluate(self, dialog: QWidget, contact: DrillContact) -> EvaluationDialog | None:
        """Evaluate… on a drill-down contact: the agent who answered it, scored with a form."""
        if self.db is None or self._workers.closing or contact.agent is None:
            return None
        evaluating = EvaluationDialog(
            self.db, self._workers, contact_id=contact.contact_id, parent=dialog
        )
        evaluating.finished.connect(evaluating.deleteLater)
        evaluating.open()
        return evaluating

    def _show_drill(self, drill: Any) -> None:
        self.last_dialog = DrillDownDialog(
            drill,
            self,
            escalate=self._escalate if self.may_escalate else None,
            evaluate=self._evaluate if self.may_evaluate else None,
        )
        self.last_dialog.show()

    def _show_quality_drill(self, drill: Any) -> None:
        self.last_dialog = QualityDrillDialog(drill, self)
        self.last_dialog.show()
