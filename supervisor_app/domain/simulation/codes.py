"""Small integer codes the event loop uses instead of enums, and their names.

Comparing ints is what keeps the loop cheap; the writers turn codes back into
the ``domain.enums`` values stored in the database.
"""

from __future__ import annotations

from supervisor_app.domain.enums import ActivityKind, AgentState, Outcome

# Contact status inside the engine.
WAITING, IN_SERVICE, WRAPPING, DONE = range(4)

# Contact outcome; OPEN is "not decided yet" (NULL in the database).
OPEN, ANSWERED, ABANDONED, TIMED_OUT, TRANSFERRED = range(5)
OUTCOMES: tuple[Outcome | None, ...] = (
    None,
    Outcome.ANSWERED,
    Outcome.ABANDONED,
    Outcome.TIMED_OUT,
    Outcome.TRANSFERRED,
)

# Agent states, indexing STATES.
STATES: tuple[AgentState, ...] = (
    AgentState.OFFLINE,
    AgentState.AVAILABLE,
    AgentState.ON_CONTACT,
    AgentState.WRAP_UP,
    AgentState.BREAK,
    AgentState.LUNCH,
    AgentState.TRAINING,
    AgentState.MEETING,
)
S_OFFLINE, S_AVAILABLE, S_ON_CONTACT, S_WRAP_UP, S_BREAK, S_LUNCH, S_TRAINING, S_MEETING = range(8)
STATE_CODE = {state: code for code, state in enumerate(STATES)}

# The state an agent is in during a planned activity, and the reason shown with it.
ACTIVITY_STATE: dict[ActivityKind, tuple[int, str | None]] = {
    ActivityKind.BREAK: (S_BREAK, None),
    ActivityKind.LUNCH: (S_LUNCH, None),
    ActivityKind.TRAINING: (S_TRAINING, None),
    ActivityKind.MEETING: (S_MEETING, None),
    ActivityKind.COACHING: (S_MEETING, "coaching"),
    ActivityKind.OFF_PHONE: (S_MEETING, "off phone"),
}

# Journal entry kinds: (time, kind, contact index) or (time, J_STATE, agent, state, reason).
J_ARRIVE, J_ANSWER, J_END, J_WRAP, J_ABANDON, J_STATE = range(6)
