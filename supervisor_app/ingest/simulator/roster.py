"""The demo organisation: a site, its queues, and agents in teams by skill.

Agents go to queues in proportion to each queue's workload, a share of them
multi-skilled; teams group agents by primary queue, at most ``TEAM_SIZE`` each.
Everything comes from one seeded generator, so a seed always gives the same people.
The demo seed builds one roster per site of ``DEMO_SITES`` (London, New York),
each from its own stream of that generator.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from supervisor_app.domain.enums import Channel
from supervisor_app.ingest.simulator.profiles import PROFILES
from supervisor_app.services.writers.simulation import (
    DEMO_SITE_NAME,
    AgentSpec,
    QueueSpec,
    ReserveIds,
    RosterSpec,
    TeamSpec,
)

TIMEZONE = "Europe/London"


@dataclass(frozen=True, slots=True)
class DemoSite:
    """A demo site: where it is, how it reports, how its agents' codes start."""

    name: str
    timezone: str
    interval_minutes: int
    code_prefix: str
    stream: int  # which of the seed's random streams draws its people


ONE_SITE = DemoSite(DEMO_SITE_NAME, TIMEZONE, 15, "SIM", 0)
# What ``demo seed`` and ``gui --demo`` create: two sites in different zones and intervals,
# so the site picker and "all sites" have something to show from the first run.
DEMO_SITES = (
    DemoSite("London", "Europe/London", 15, "SIM", 0),
    DemoSite("New York", "America/New_York", 30, "NYC", 1),
)
TEAM_SIZE = 12
SAME_CHANNEL_AFFINITY = 4.0
# (line of business, channel, relative volume); beyond six queues the list repeats.
QUEUE_TEMPLATES: tuple[tuple[str, Channel, float], ...] = (
    ("Support", Channel.VOICE, 1.0),
    ("Support", Channel.CHAT, 0.6),
    ("Customer", Channel.EMAIL, 0.5),
    ("Sales", Channel.VOICE, 0.7),
    ("Billing", Channel.VOICE, 0.5),
    ("Sales", Channel.CHAT, 0.4),
)
_FIRST = (
    "Aisha Ben Chloe Daniel Ella Farid Grace Harry Isla Jack Kiran Laura Mohammed Niamh "
    "Oliver Priya Quinn Rosie Samuel Tara Umar Vera William Xena Yusuf Zara Amelia Callum "
    "Dev Erin Finn Hannah Imran Jade Liam Megan Noah Olivia Ravi Sophie"
)
_LAST = (
    "Ahmed Baker Campbell Davies Evans Fletcher Green Hughes Iqbal Jones Khan Lewis Murphy "
    "Nowak O'Brien Patel Quinn Roberts Smith Taylor Usman Walker Wilson Wright Young "
    "Clarke Edwards Hall Morgan Price Reid Shaw Turner Ward White Bell Cox Gray Hill Kelly"
)
FIRST_NAMES, LAST_NAMES = tuple(_FIRST.split()), tuple(_LAST.split())


def queue_weights(count: int) -> list[float]:
    """Relative volume of each of ``count`` queues, in the order they are created."""
    return [QUEUE_TEMPLATES[i % len(QUEUE_TEMPLATES)][2] for i in range(count)]


def build_queues(count: int, first_id: int) -> tuple[QueueSpec, ...]:
    queues = []
    for i in range(count):
        line, channel, _ = QUEUE_TEMPLATES[i % len(QUEUE_TEMPLATES)]
        round_ = i // len(QUEUE_TEMPLATES)
        name = f"{line} {channel.value}" + (f" {round_ + 1}" if round_ else "")
        t = PROFILES[channel].thresholds
        queues.append(
            QueueSpec(
                id=first_id + i,
                name=name,
                channel=channel,
                service_level_target_pct=t.service_level_target_pct,
                answer_threshold_seconds=t.answer_threshold_seconds,
                short_abandon_seconds=t.short_abandon_seconds,
                waiting_amber=t.waiting_amber,
                waiting_red=t.waiting_red,
                longest_wait_amber_seconds=t.longest_wait_amber_seconds,
                longest_wait_red_seconds=t.longest_wait_red_seconds,
                service_level_amber_pct=t.service_level_amber_pct,
                service_level_red_pct=t.service_level_red_pct,
            )
        )
    return tuple(queues)


def apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder), each ≥ 1 if it can."""
    n = len(weights)
    floor = 1 if total >= n else 0
    spare = total - floor * n
    share = np.asarray(weights) / sum(weights) * spare
    counts = np.floor(share).astype(int)
    order = np.argsort(-(share - counts), kind="stable")
    counts[order[: spare - int(counts.sum())]] += 1
    return [floor + int(c) for c in counts]


def _skills(
    rng: np.random.Generator, primaries: list[int], weights: list[float], channels: list[Channel]
) -> list[list[tuple[int, int]]]:
    """Primary skill for everyone; a second (45%) or third (20%) for many.

    Extra skills favour the primary's channel (a voice agent takes other voice
    queues), which pools small queues the way real blended teams do.
    """
    n_queues = len(weights)
    skills: list[list[tuple[int, int]]] = []
    for primary in primaries:
        own = [(primary, int(rng.integers(7, 10)))]
        extra = rng.random()
        wanted = 2 if extra < 0.2 else 1 if extra < 0.65 else 0
        others = [q for q in range(n_queues) if q != primary]
        if others and wanted:
            affinity = np.array(
                [
                    weights[q] * (SAME_CHANNEL_AFFINITY if channels[q] is channels[primary] else 1)
                    for q in others
                ]
            )
            picks = rng.choice(
                others, size=min(wanted, len(others)), replace=False, p=affinity / affinity.sum()
            )
            own += [(int(q), int(rng.integers(3, 7))) for q in picks]
        skills.append(own)
    for q in range(n_queues):  # fewer agents than queues: someone must cover each queue
        if not any(q == s for own in skills for s, _ in own):
            skills[q % len(skills)].append((q, 5))
    return skills


def build_roster(
    agents: int, queues: int, seed: int, reserve_ids: ReserveIds, site: DemoSite = ONE_SITE
) -> RosterSpec:
    """The people of ``site`` (the one-site demo unless named), from the seed's stream."""
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, 0, site.stream])))
    site_id = reserve_ids("sites", 1)
    queue_specs = build_queues(queues, reserve_ids("queues", queues))
    weights = [
        w * PROFILES[q.channel].aht_s
        for w, q in zip(queue_weights(queues), queue_specs, strict=True)
    ]
    counts = apportion(agents, weights)
    primaries = [q for q, c in enumerate(counts) for _ in range(c)]
    skills = _skills(rng, primaries, weights, [q.channel for q in queue_specs])
    hours = rng.choice([40, 32, 24], size=agents, p=[0.7, 0.2, 0.1]).tolist()

    team_names: list[str] = []
    team_of: list[int] = []
    for q, count in enumerate(counts):
        chunks = max(1, -(-count // TEAM_SIZE))
        for k in range(count):
            team_of.append(len(team_names) + k * chunks // count)
        team_names += [
            f"{queue_specs[q].name} {chr(ord('A') + c)}" for c in range(chunks * bool(count))
        ]
    first_team = reserve_ids("teams", len(team_names))
    first_agent = reserve_ids("agents", agents)
    agent_specs = []
    for i in range(agents):
        cost = 15.5 + 0.75 * (len(skills[i]) - 1) + 0.5 * int(rng.integers(0, 4))
        first, last = rng.integers(len(FIRST_NAMES)), rng.integers(len(LAST_NAMES))
        name = f"{FIRST_NAMES[first]} {LAST_NAMES[last]}"
        agent_specs.append(
            AgentSpec(
                id=first_agent + i,
                team_id=first_team + team_of[i],
                employee_code=f"{site.code_prefix}{i + 1:04d}",
                name=name,
                hourly_cost=Decimal(f"{cost:.2f}"),
                contracted_weekly_hours=int(hours[i]),
                skills=tuple((queue_specs[q].id, prof) for q, prof in skills[i]),
            )
        )
    return RosterSpec(
        site_id=site_id,
        site_name=site.name,
        timezone=site.timezone,
        interval_minutes=site.interval_minutes,
        teams=tuple(TeamSpec(first_team + k, n) for k, n in enumerate(team_names)),
        queues=queue_specs,
        agents=tuple(agent_specs),
    )
