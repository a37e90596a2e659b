"""One interval's staffing requirement as a JSON-ready dict: what ``supervisor-app staffing``
prints, so the command only parses its flags and dumps this.

Errors name the command's flags (``--calls``, ``--target-sl``, …) rather than the Python
argument names, since the person reading them typed the flags.
"""

from __future__ import annotations

from typing import Final

from supervisor_app.domain.erlang import Requirement, StaffingTarget, required_agents
from supervisor_app.domain.errors import UserError

DECIMALS: Final = 6  # a millionth of a share or a second: more digits would only be noise

FLAGS: Final = {
    "volume": "--calls",
    "aht_seconds": "--aht",
    "interval_minutes": "--interval",
    "service_level": "--target-sl",
    "answer_seconds": "--target-time",
    "max_occupancy": "--max-occupancy",
    "shrinkage": "--shrinkage",
    "patience_seconds": "--patience",
}


def requirement_json(requirement: Requirement) -> dict[str, float | int]:
    """The requirement's figures under the CLI's keys; ``abandon_rate`` only under Erlang A."""
    out: dict[str, float | int] = {
        "traffic_erlangs": round(requirement.traffic_erlangs, DECIMALS),
        "agents": requirement.agents,
        "scheduled_agents": requirement.scheduled_agents,
        "service_level": round(requirement.service_level, DECIMALS),
        "probability_wait": round(requirement.probability_wait, DECIMALS),
        "asa_seconds": round(requirement.asa_seconds, DECIMALS),
        "occupancy": round(requirement.occupancy, DECIMALS),
    }
    if requirement.abandon_rate is not None:
        out["abandon_rate"] = round(requirement.abandon_rate, DECIMALS)
    return out


def staffing_json(
    calls: float,
    aht: float,
    interval: int,
    target_sl: float,
    target_time: float,
    max_occupancy: float = 1.0,
    shrinkage: float = 0.0,
    patience: float | None = None,
) -> dict[str, float | int]:
    """Erlang C requirement (Erlang A with ``patience``) for ``calls`` contacts of ``aht``
    seconds in an ``interval``-minute interval, arguments named like the CLI's flags.

    Raises UserError with the offending flag named, e.g. "--target-sl must be between 0
    and 1 (exclusive), got 80".
    """
    try:
        target = StaffingTarget(target_sl, target_time, max_occupancy, shrinkage)
        requirement = required_agents(calls, aht, interval, target, patience)
    except UserError as exc:
        message = str(exc)
        name = message.split(" ", 1)[0]
        if name in FLAGS:
            message = FLAGS[name] + message[len(name) :]
        raise UserError(message) from None
    return requirement_json(requirement)
