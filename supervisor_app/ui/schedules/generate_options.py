"""Before Generate…: which of the week's shifts stay (``Keep``), with how many each choice keeps.

Asked every time because the answer decides what the planner gets: on a week
already published (the demo's, say) keeping published shifts leaves the solver
only the hours contracts have left, so the week barely changes; replacing them
lets it plan the week afresh. The dialog is window-modal but opened with
``open()``, so the GUI thread never waits in it.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.autoschedule import Keep
from supervisor_app.domain.enums import ShiftStatus
from supervisor_app.domain.schedule_types import ScheduleWeek


class GenerateOptionsDialog(QDialog):
    """``keep()`` is the choice once accepted."""

    def __init__(self, week: ScheduleWeek, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("generateOptions")
        self.setWindowTitle(self.tr("Generate the week"))
        published = sum(s.status is ShiftStatus.PUBLISHED for s in week.shifts)
        total = len(week.shifts)
        intro = QLabel(
            self.tr(
                "The week's shifts, breaks and lunches are chosen to meet the requirement of "
                "every queue within the labour rules, contracts, time off, skills and "
                "training. Which of the {total} shifts already there stay?"
            ).format(total=total)
        )
        intro.setWordWrap(True)
        self.choices = {
            Keep.PUBLISHED: QRadioButton(
                self.tr("Keep the {n} published shifts, replace the drafts").format(n=published)
            ),
            Keep.ALL: QRadioButton(
                self.tr("Keep all {n} shifts, only add to them").format(n=total)
            ),
            Keep.NONE: QRadioButton(self.tr("Replace every shift: plan the week afresh")),
        }
        group = QButtonGroup(self)
        for button in self.choices.values():
            group.addButton(button)
        # Nothing published: keeping published shifts and replacing all are the same choice.
        self.choices[Keep.PUBLISHED if published < total else Keep.NONE].setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.go = buttons.addButton(self.tr("Generate"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        note = QLabel(self.tr("The result arrives unsaved, as one step you can undo."))
        note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        for button in self.choices.values():
            layout.addWidget(button)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def keep(self) -> Keep:
        return next(k for k, button in self.choices.items() if button.isChecked())
