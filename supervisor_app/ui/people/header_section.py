"""The profile's header: team, site, skills with proficiency, contract, cost and hire date."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QWidget

from supervisor_app.services.database import Database
from supervisor_app.services.people import AgentProfile, agent_profile
from supervisor_app.ui.people.section import ProfileContext, ProfileSection


def tenure(hired: date, today: date) -> tuple[int, int]:
    """Whole years and months from the hire date to today (0, 0 before it)."""
    months = (today.year - hired.year) * 12 + today.month - hired.month
    if today.day < hired.day:
        months -= 1
    months = max(months, 0)
    return divmod(months, 12)


class HeaderSection(ProfileSection):
    title: ClassVar[str] = QT_TRANSLATE_NOOP("ProfileSection", "Agent")

    def __init__(self, context: ProfileContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # two columns side by side: who and where on the left, the contract on the right,
        # so the header stays four lines high on a 768-pixel screen
        left, right = QFormLayout(), QFormLayout()
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        self.values: dict[str, QLabel] = {}
        for form, key, label in (
            (left, "team", self.tr("Team")),
            (left, "site", self.tr("Site")),
            (left, "skills", self.tr("Skills (proficiency 1–10)")),
            (left, "status", self.tr("Status")),
            (right, "contract", self.tr("Contract")),
            (right, "cost", self.tr("Hourly cost")),
            (right, "hired", self.tr("Hire date")),
        ):
            form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
            value = QLabel()
            value.setObjectName(f"header_{key}")
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)

    @staticmethod
    def fetch(db: Database, agent_id: int, today: date) -> Any:
        return agent_profile(db, agent_id)

    def show_data(self, data: Any) -> None:
        p: AgentProfile = data
        v = self.values
        v["team"].setText(p.team or self.tr("no team"))
        v["site"].setText(self.tr("{site} ({zone})").format(site=p.site, zone=p.timezone))
        v["skills"].setText(
            ", ".join(f"{s.queue} {s.proficiency}" for s in p.skills) or self.tr("no skills")
        )
        v["contract"].setText(
            self.tr("{hours:g} hours a week").format(hours=p.contracted_weekly_hours)
        )
        v["cost"].setText(f"{p.hourly_cost:,.2f}")
        if p.hire_date is None:
            v["hired"].setText(self.tr("not recorded (Setup › Teams & agents)"))
        else:
            years, months = tenure(p.hire_date, self.context.today)
            v["hired"].setText(
                self.tr("{day:%d %b %Y} ({years} y {months} m)").format(
                    day=p.hire_date, years=years, months=months
                )
            )
        v["status"].setText(self.tr("active") if p.active else self.tr("inactive"))
