"""What-if beside the Live tab's queue table: the rest of this interval now, with agents moved
to or from the queue, and with agents sent on a break.

The Live tab calls ``show(snapshot, queue_id, forecast, result)`` on every refresh
with the snapshot it already has, ``services.forecast_read.forecast_now``'s answer
and the figures (``situation.what_if_for``), all worked out on its refresh worker
for the queue and choices ``request(queue_id)`` names; nothing here touches the
database. When the user picks another queue or changes a spin box, the figures are
worked out here (a millisecond or two). Rows are updated in place, so selection
survives refreshes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QBrush, QColor, QResizeEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.ui.common.copy_table import COPY_ROLE, CopyableTableView
from supervisor_app.ui.common.theme import INK_ON_TINT, set_tone
from supervisor_app.ui.live.whatif.situation import Context, WhatIfKey, WhatIfResult, what_if_for

if TYPE_CHECKING:  # services load SQLAlchemy: on the worker, after the window's first paint
    from supervisor_app.domain.whatif import Outcome
    from supervisor_app.services.live import LiveSnapshot
    from supervisor_app.services.planning import IntervalForecast

HEADERS = (
    QT_TRANSLATE_NOOP("WhatIfPanel", "Scenario"),
    QT_TRANSLATE_NOOP("WhatIfPanel", "Agents"),
    QT_TRANSLATE_NOOP("WhatIfPanel", "SL"),
    QT_TRANSLATE_NOOP("WhatIfPanel", "Abandoned"),
    QT_TRANSLATE_NOOP("WhatIfPanel", "ASA"),
)
GOOD, BAD = QColor("#e3f3e6"), QColor("#fbe3e1")
ROW_HEIGHT = 21
# From this width the words (title, facts, choices, notes) stand left of the table, which
# then has the panel's whole height: on a 1366×768 screen all ten scenarios show, where
# stacked under the words only two or three did.
SIDE_BY_SIDE_WIDTH = 560
WORDS_WIDTH = 260  # the words' column beside the table
QWIDGETSIZE_MAX = (1 << 24) - 1  # Qt's 'no maximum'


class WhatIfPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("whatIfPanel")
        self.context: Context | None = None
        self.outcomes: tuple[Outcome, ...] = ()
        self._last: tuple[LiveSnapshot, int | None, Mapping[int, IntervalForecast] | None] | None
        self._last = None
        self._result: WhatIfResult | None = None
        self.title = QLabel(self.tr("What if"))
        self._queue_title: str | None = None  # the queue (or "All queues") it is about
        self.title.setStyleSheet("font-weight: 600;")
        set_tone(self.title, "heading")
        self.facts = QLabel(self.tr("Waiting for the live view…"))
        self.facts.setWordWrap(True)
        set_tone(self.facts, "body")
        self.moves = QSpinBox()
        self.moves.setRange(1, 20)
        self.moves.setValue(3)
        self.moves.setPrefix("± ")
        self.break_minutes = QSpinBox()
        self.break_minutes.setRange(5, 60)
        self.break_minutes.setSingleStep(5)
        self.break_minutes.setValue(15)
        self.moves.setToolTip(
            self.tr("How many agents to move to or from the queue, or send on a break")
        )
        self.break_minutes.setToolTip(self.tr("How long the breaks last"))
        for spin in (self.moves, self.break_minutes):
            spin.valueChanged.connect(self._recompute)
        self.model = QStandardItemModel(0, len(HEADERS), self)
        self.model.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table = CopyableTableView()
        self.table.setObjectName("whatIfTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        # The panel is narrow beside the Queues table on a 1366-pixel screen, and a sideways
        # scroll bar would hide the ASA column: the figures take what their titles and
        # values need, and the scenario's name has the rest (eliding if it must).
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(44)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("font-size: 11px;")
        set_tone(self.notes, "muted")
        self.move_label = QLabel(self.tr("Move"))
        # Two rows the choices can stand in: beside the title (narrow) or under the facts.
        self._title_row = QHBoxLayout()
        self._title_row.addWidget(self.title, 1)
        self._choices_row = QHBoxLayout()
        self._choices_row.addWidget(self.move_label)
        self._choices_row.addStretch(1)
        self.words = QWidget()
        self.words.setObjectName("whatIfWords")
        words = QVBoxLayout(self.words)
        words.setContentsMargins(0, 0, 0, 0)
        words.addLayout(self._title_row)
        words.addWidget(self.facts)
        words.addLayout(self._choices_row)
        words.addWidget(self.notes)
        words.addStretch(1)
        self.body = QBoxLayout(QBoxLayout.Direction.TopToBottom, self)
        self.body.setContentsMargins(6, 6, 6, 6)
        self.body.addWidget(self.words)
        self.body.addWidget(self.table, 1)
        self._wide: bool | None = None
        self.arrange(self.width())

    def side_by_side(self) -> bool:
        """Whether the words stand left of the table (a wide panel) or above it."""
        return bool(self._wide)

    def arrange(self, width: int) -> None:
        """Wide (``SIDE_BY_SIDE_WIDTH`` on): the words in a column left of the table, which
        has the panel's whole height for its rows. Narrow (beside the Queues table on a
        1366-pixel screen): the title and choices on one line and the facts on the next, so
        the rows keep most of the height; the notes move to the facts' and table's tooltip.
        """
        wide = width >= SIDE_BY_SIDE_WIDTH
        if wide == self._wide:
            return
        self._wide = wide
        if wide:
            self._choices_row.insertWidget(1, self.moves)
            self._choices_row.insertWidget(2, self.break_minutes)
            self.body.setDirection(QBoxLayout.Direction.LeftToRight)
            self.words.setFixedWidth(WORDS_WIDTH)
        else:
            self._title_row.addWidget(self.moves)
            self._title_row.addWidget(self.break_minutes)
            self.body.setDirection(QBoxLayout.Direction.TopToBottom)
            self.words.setMinimumWidth(0)
            self.words.setMaximumWidth(QWIDGETSIZE_MAX)
        self.move_label.setVisible(wide)
        # Narrow, "± 3" and "15 min" say it (the tool tips say the rest): the title's room.
        self.moves.setSuffix(self.tr(" agents") if wide else "")
        self.break_minutes.setSuffix(self.tr(" min break") if wide else self.tr(" min"))
        self.notes.setVisible(wide)
        self.facts.setWordWrap(wide)
        clipped = QSizePolicy.Policy.Ignored  # narrow: cut at the panel's edge, not wider
        for label in (self.title, self.facts):
            label.setSizePolicy(
                QSizePolicy.Policy.Preferred if wide else clipped, QSizePolicy.Policy.Preferred
            )
        self._fit_words()

    def _fit_words(self) -> None:
        """The title; narrow, the facts may be cut and the notes are hidden: a tool tip
        shows them."""
        title = self.tr("What if")
        if self._queue_title is not None:
            title = self.tr("What if · {title}").format(title=self._queue_title)
        self.title.setText(title)
        self.title.setToolTip("" if self._wide else title)
        hover = "" if self._wide else f"{self.facts.text()}\n\n{self.notes.text()}".strip()
        self.facts.setToolTip(hover)
        self.table.setToolTip(hover)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.arrange(event.size().width())
        super().resizeEvent(event)

    def fitted_height(self, rows: int | None = None) -> int:
        """The height that shows ``rows`` scenarios (default: the current ones, at least
        the ten of the default choices) with the words as they stand now."""
        count = rows if rows is not None else max(self.model.rowCount(), 10)
        margins = self.body.contentsMargins()
        table = (
            self.table.horizontalHeader().sizeHint().height()
            + count * self.table.verticalHeader().defaultSectionSize()
            + 2 * self.table.frameWidth()
        )
        words = self.words.sizeHint().height()
        inner = max(table, words) if self.side_by_side() else table + words + self.body.spacing()
        return inner + margins.top() + margins.bottom()

    def show(  # type: ignore[override]
        self,
        snapshot: LiveSnapshot | None = None,
        queue_id: int | None = None,
        forecast: Mapping[int, IntervalForecast] | None = None,
        result: WhatIfResult | None = None,
    ) -> None:
        """Show ``queue_id`` (None: all queues) from this snapshot and forecast: ``result``
        if it was worked out for that queue and the current choices, else worked out here.

        Without a snapshot this is QWidget.show(), so layouts and tests can still call it.
        """
        if snapshot is not None:
            self._last = (snapshot, queue_id, forecast)
            self._result = result
            self._recompute()
        if not self.isVisible():
            super().show()

    def request(self, queue_id: int | None) -> WhatIfKey:
        """What ``what_if_for`` needs besides the data: the queue and the user's choices."""
        return (queue_id, self.moves.value(), float(self.break_minutes.value()))

    def _recompute(self) -> None:
        if self._last is None:
            return
        snapshot, queue_id, forecast = self._last
        result, key = self._result, self.request(queue_id)
        if result is None or result.key != key:
            result = self._result = what_if_for(snapshot, forecast, key)
        context = self.context = result.context
        self.outcomes = result.outcomes
        if context is None:
            self._queue_title = None
            self.facts.setText(self.tr("That queue is not on the floor any more."))
            self.model.setRowCount(0)
            self._fit_words()
            return
        s = context.situation
        zone = ZoneInfo(snapshot.timezone)
        start, end = context.interval_start.astimezone(zone), context.interval_end.astimezone(zone)
        self._queue_title = context.title
        self.facts.setText(
            self.tr(
                "{start:%H:%M}–{end:%H:%M}, {0:.0f} min left · {waiting} waiting · "
                "{forecast_rest:.1f} more forecast · {agents} agents · AHT "
                "{aht_seconds:.0f} s"
            ).format(
                s.seconds_left / 60,
                start=start,
                end=end,
                waiting=s.waiting,
                forecast_rest=s.forecast_rest,
                agents=s.agents,
                aht_seconds=s.aht_seconds,
            )
        )
        notes = list(context.notes)
        if self.break_minutes.value() * 60 >= s.horizon:
            notes.append("a break past the end of the interval counts as moving the agents away")
        self.notes.setText(
            "Erlang A for the rest of the interval. " + "; ".join(notes).capitalize()
        )
        self._fit_words()
        target = _target(snapshot, queue_id)
        self._fill(target)

    def _fill(self, target: float | None) -> None:
        rows = self.outcomes
        resize = self.model.rowCount() != len(rows)
        if resize:
            self.model.setRowCount(len(rows))
        # Every item's change would tell the view on its own, about 0.1 ms each, some fifty
        # per refresh: half the Live tab's apply. Quiet while filling, then one notice.
        self.model.blockSignals(True)
        try:
            resize = self._fill_rows(rows, target, resize)
        finally:
            self.model.blockSignals(False)
        if rows:
            last = self.model.index(len(rows) - 1, len(HEADERS) - 1)
            self.model.dataChanged.emit(self.model.index(0, 0), last)
        if resize:  # only when a text got longer or shorter: this measures every cell
            self.table.resizeColumnsToContents()

    def _fill_rows(self, rows: tuple[Outcome, ...], target: float | None, resize: bool) -> bool:
        """Set the table's items to ``rows``; whether a text changed length (or rows came)."""
        for r, o in enumerate(rows):
            cells = (
                (o.label, o.label),
                (str(o.agents), o.agents),
                _pct(o.service_level),
                _pct(o.abandon_rate),
                _seconds(o.asa_seconds),
            )
            for c, (text, plain) in enumerate(cells):
                item = self.model.item(r, c)
                if item is None:
                    item = QStandardItem()
                    item.setEditable(False)
                    if c:
                        item.setTextAlignment(
                            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                        )
                    self.model.setItem(r, c, item)
                if item.text() != text:
                    resize = resize or len(text) != len(item.text())
                    item.setText(text)
                if item.data(COPY_ROLE) != plain:
                    item.setData(plain, COPY_ROLE)
            if r == 0 and resize:
                for c in range(len(HEADERS)):
                    font = self.model.item(r, c).font()
                    font.setBold(True)
                    self.model.item(r, c).setFont(font)
            sl_item = self.model.item(r, 2)
            if target is not None and o.service_level is not None:
                brush = GOOD if o.service_level >= target else BAD
                if sl_item.background().color() != brush:
                    sl_item.setBackground(QBrush(brush))
                    sl_item.setForeground(QBrush(QColor(INK_ON_TINT)))
                    sl_item.setToolTip(self.tr("Target {0:.0f} %").format(100 * target))
            elif sl_item.background().style() != Qt.BrushStyle.NoBrush:
                sl_item.setBackground(QBrush())
                sl_item.setForeground(QBrush())
        return resize


def _seconds(value: float | None) -> tuple[str, object]:
    return ("—", "") if value is None else (f"{value:.0f} s", round(value, 1))


def _pct(value: float | None) -> tuple[str, object]:
    return ("—", "") if value is None else (f"{100 * value:.1f} %", round(value, 4))


def _target(snapshot: LiveSnapshot, queue_id: int | None) -> float | None:
    targets = [q.service_level_target for q in snapshot.queues if queue_id in (None, q.queue_id)]
    return min(targets) if targets else None
