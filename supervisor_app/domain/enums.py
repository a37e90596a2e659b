"""The closed vocabularies stored in the database and shown to users.

Values are the strings written to the database, so renaming one is a migration.
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    VOICE = "voice"
    EMAIL = "email"
    CHAT = "chat"


class Outcome(StrEnum):
    ANSWERED = "answered"
    ABANDONED = "abandoned"
    TIMED_OUT = "timed_out"
    TRANSFERRED = "transferred"


class AgentState(StrEnum):
    AVAILABLE = "available"
    ON_CONTACT = "on_contact"
    WRAP_UP = "wrap_up"
    BREAK = "break"
    LUNCH = "lunch"
    TRAINING = "training"
    MEETING = "meeting"
    OFFLINE = "offline"


# States in which an agent works the queues: staffed, whatever they are doing with a contact.
WORKING = (AgentState.AVAILABLE, AgentState.ON_CONTACT, AgentState.WRAP_UP)


class ActivityKind(StrEnum):
    BREAK = "break"
    LUNCH = "lunch"
    TRAINING = "training"
    MEETING = "meeting"
    COACHING = "coaching"
    OFF_PHONE = "off_phone"


class ShiftStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"


class TimeOffStatus(StrEnum):
    REQUESTED = "requested"
    APPROVED = "approved"
    REFUSED = "refused"


class EscalationStatus(StrEnum):
    OPEN = "open"
    TAKEN = "taken"
    RESOLVED = "resolved"


class Severity(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"
