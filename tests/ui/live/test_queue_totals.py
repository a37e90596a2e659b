"""The Queues table's total row counts each agent once, however many queues they serve."""

from __future__ import annotations

from live_factories import agent, queue

from supervisor_app.domain.enums import AgentState
from supervisor_app.ui.live.board.queue_cells import totals

VOICE, CHAT, MAIL = queue(1, "Voice", waiting=2), queue(2, "Chat", waiting=3), queue(3, "Mail")
AGENTS = [
    agent(1, "Ann", queue_ids=(1,)),  # available
    agent(2, "Bob", state=AgentState.BREAK, queue_ids=(2,)),
    agent(3, "Cat", state=AgentState.ON_CONTACT, contact_queue="Voice", queue_ids=(1, 2)),
    agent(4, "Dan", state=AgentState.OFFLINE, queue_ids=(1,)),
    agent(5, "Eve", state=AgentState.WRAP_UP, contact_queue="Chat", queue_ids=(2,)),
    agent(6, "Fay", state=AgentState.ON_CONTACT, contact_queue="Mail", queue_ids=(1, 3)),
    agent(7, "Gus", queue_ids=(3,)),  # available, but only for Mail
]


def test_voice_and_chat_count_their_agents_once() -> None:
    # By hand: staffed = everyone skilled for Voice or Chat and not offline: Ann, Bob, Cat,
    # Eve, Fay (5; Cat serves both, once). Available: Ann. On a Voice or Chat contact: Cat
    # (Fay's contact is Mail's). Wrapping up one: Eve.
    got = totals([VOICE, CHAT], AGENTS)
    assert got.counts == (5, 5, 1, 1, 1)
    assert got.queues == 2


def test_every_queue() -> None:
    # Staffed: all but Dan (6); available: Ann, Gus; on a contact: Cat, Fay; wrap-up: Eve.
    assert totals([VOICE, CHAT, MAIL], AGENTS).counts == (5, 6, 2, 2, 1)
