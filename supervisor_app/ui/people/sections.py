"""The profile's sections, top to bottom: a plain list of ``ProfileSection`` classes.

Features that keep something about an agent (quality, coaching, records) add
their section class here; the dialog builds one of each, in this order.
"""

from __future__ import annotations

from supervisor_app.ui.people.adherence_section import AdherenceSection
from supervisor_app.ui.people.coaching_section import CoachingSection
from supervisor_app.ui.people.header_section import HeaderSection
from supervisor_app.ui.people.quality_section import QualitySection
from supervisor_app.ui.people.records_section import RecordsSection
from supervisor_app.ui.people.schedule_section import ScheduleSection
from supervisor_app.ui.people.scorecard_section import ScorecardSection
from supervisor_app.ui.people.section import ProfileSection
from supervisor_app.ui.people.training_section import TrainingSection

SECTIONS: list[type[ProfileSection]] = [
    HeaderSection,
    ScorecardSection,
    AdherenceSection,
    TrainingSection,
    ScheduleSection,
    QualitySection,
    CoachingSection,
    RecordsSection,
]
