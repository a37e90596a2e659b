"""``gui --demo``: seed a history into an empty database, then run the simulator beside the window.

Seeding takes seconds to minutes, so it runs as a background op with progress in
the status bar; the simulator runs as a child process (see simulator_process)
that the window stops when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from supervisor_app.ui.common.workers import Report, Workers
from supervisor_app.ui.shell.simulator_process import ENV_DB, SimulatorProcess, simulator_command

if TYPE_CHECKING:
    from supervisor_app.ingest.simulator import SeedSummary
    from supervisor_app.services.database import Database


@dataclass(frozen=True)
class DemoPlan:
    """How big a demo history to seed; the defaults are ``demo seed``'s."""

    days: int = 28
    agents: int = 60
    queues: int = 6
    seed: int = 1
    sites: int = 2  # London and New York, so the site picker has something to pick


def seed_demo_if_empty(db: Database, report: Report, plan: DemoPlan) -> SeedSummary | None:
    """Seed the demo history unless the database already holds one; None if it did."""
    from supervisor_app.services.database import has_demo_data

    if has_demo_data(db):
        return None
    from supervisor_app.ingest.simulator import seed_demo

    return seed_demo(
        db,
        days=plan.days,
        agents=plan.agents,
        queues=plan.queues,
        seed=plan.seed,
        progress=report,
        sites=plan.sites,
    )


class DemoRunner(QObject):
    """Seed if needed, then start the simulator. Signals carry each step to the window."""

    progress = Signal(float)
    seeded = Signal(object)  # SeedSummary, or None when the data was already there
    failed = Signal(object)
    simulator_started = Signal()
    simulator_exited = Signal(str)

    def __init__(
        self,
        workers: Workers,
        plan: DemoPlan,
        *,
        command: Callable[[], list[str]] = simulator_command,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._workers = workers
        self._plan = plan
        self._command = command
        self.simulator: SimulatorProcess | None = None

    def start(self, db: Database) -> None:
        def op(report: Report) -> SeedSummary | None:
            return seed_demo_if_empty(db, report, self._plan)

        self._workers.run(
            op,
            on_success=lambda summary: self._seeded(db, summary),
            on_failure=self.failed.emit,
            on_progress=self.progress.emit,
        )

    def _seeded(self, db: Database, summary: SeedSummary | None) -> None:
        self.seeded.emit(summary)
        self.start_simulator(db.url)

    def start_simulator(self, url: str) -> None:
        if self.simulator is not None and self.simulator.is_running():
            return
        self.simulator = SimulatorProcess(self._command(), env={ENV_DB: url}, parent=self)
        self.simulator.started.connect(self.simulator_started)
        self.simulator.exited.connect(self.simulator_exited)
        self.simulator.start()

    def stop(self) -> None:
        if self.simulator is not None:
            self.simulator.stop()
